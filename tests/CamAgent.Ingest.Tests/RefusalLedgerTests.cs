using System.Net;
using System.Text.Json;
using CamAgent.Ingest.Audit;
using CamAgent.Ingest.Tests.Support;
using CamAgent.Verification.Audit;

namespace CamAgent.Ingest.Tests;

/// <summary>The refusal ledger's lines: bounded in number per window and in size per line, whatever outsiders send.</summary>
public sealed class RefusalLedgerTests : IDisposable
{
    private const int MaxAddresses = 16;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Refusals_From_More_Addresses_Than_The_Cap_Give_One_Line_Each_For_The_Busiest_And_One_Overflow_Line()
    {
        List<JsonElement> lines = Record(ledger =>
        {
            for (int a = 1; a <= 40; a++)
            {
                for (int i = 0; i < a; i++)
                {
                    ledger.Refused(IPAddress.Parse($"10.0.0.{a}"), "certificate-untrusted", null);
                }
            }
        });

        Assert.Equal(MaxAddresses + 1, lines.Count);
        Assert.Equal("10.0.0.40", lines[0].GetProperty("remote").GetString());
        JsonElement overflow = lines[^1];
        Assert.Equal(RefusalLedger.OverflowRemote, overflow.GetProperty("remote").GetString());
        Assert.Equal(24, overflow.GetProperty("addresses").GetInt64());
        Assert.Equal(Enumerable.Range(1, 24).Sum(), overflow.GetProperty("refused").GetInt64());
    }

    [Fact]
    public void IPv6_Sources_Are_Counted_Per_64_Prefix()
    {
        List<JsonElement> lines = Record(ledger =>
        {
            ledger.Refused(Connections.SourceAddress.Of(IPAddress.Parse("2001:db8:1:2::1")), "client-certificate-missing", null);
            ledger.Refused(Connections.SourceAddress.Of(IPAddress.Parse("2001:db8:1:2:ffff::9")), "client-certificate-missing", null);
        });

        JsonElement line = Assert.Single(lines);
        Assert.Equal("2001:db8:1:2::/64", line.GetProperty("remote").GetString());
        Assert.Equal(2, line.GetProperty("refused").GetInt64());
    }

    [Fact]
    public void A_Line_Of_Hostile_Values_Stays_Below_The_Line_Limit_And_Verifies()
    {
        string hostile = new('"', 100_000);
        string path = _temp.Combine("audit.log");
        using (AuditLog log = AuditLog.Open(path, TimeProvider.System))
        {
            var codes = Enumerable.Range(0, 50).ToDictionary(i => hostile + i, i => (long)i);
            log.Append(new AuditEntry(hostile, hostile, hostile, 400, hostile, hostile, hostile, hostile, ulong.MaxValue)
            {
                Tally = new RefusalTally(DateTimeOffset.UtcNow, 1, 1, codes, 1, hostile, hostile),
            });
            log.Append(new AuditEntry(AuditEntry.Accept, "create", "created"));
        }

        int longest = File.ReadAllLines(path).Max(l => System.Text.Encoding.UTF8.GetByteCount(l));
        Assert.True(longest < AuditLogFormat.MaxLineBytes, $"{longest} bytes");
        Assert.True(AuditLogVerifier.Verify(path).IsValid);
    }

    [Fact]
    public void Claimed_Names_Are_Cut_To_64_Printable_Characters()
    {
        using var certificate = HostileCertificates.SelfSignedWithLongName(500, 'é');

        string claimed = RefusalLedger.ClaimedSubject(certificate)!;

        Assert.Equal(new string('?', 64) + "…", claimed);
    }

    private List<JsonElement> Record(Action<RefusalLedger> refusals)
    {
        string path = _temp.Combine("audit.log");
        using (AuditLog log = AuditLog.Open(path, TimeProvider.System))
        using (var ledger = new RefusalLedger(log, TimeProvider.System, TimeSpan.FromHours(1), MaxAddresses))
        {
            refusals(ledger);
        }

        return File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }
}
