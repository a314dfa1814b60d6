using System.Net;
using System.Security.Cryptography.X509Certificates;
using CamAgent.Ingest.Connections;

namespace CamAgent.Ingest.Audit;

/// <summary>The counts of one window of <see cref="RefusalLedger"/>; not thread safe (the ledger locks).</summary>
internal sealed class RefusalWindow
{
    private readonly DateTimeOffset _since;
    private readonly int _capacity;
    private readonly Dictionary<IPAddress, Counter> _counters = new();
    private readonly Counter _untracked = new();

    public RefusalWindow(DateTimeOffset since, int capacity)
    {
        _since = since;
        _capacity = capacity;
    }

    public void Refused(IPAddress address, string code, X509Certificate2? certificate)
    {
        Counter counter = CounterOf(address);
        counter.Refused++;
        counter.Codes[code] = counter.Codes.GetValueOrDefault(code) + 1;
        if (counter.Certificate is null && certificate is not null)
        {
            counter.Certificate = RefusalLedger.Fingerprint(certificate);
            counter.Claimed = RefusalLedger.ClaimedSubject(certificate);
        }
    }

    public void Dropped(IPAddress address) => CounterOf(address).Dropped++;

    public long RefusedOf(IPAddress address) => _counters.TryGetValue(address, out Counter? counter) ? counter.Refused : 0;

    /// <summary>One line for each of the <paramref name="maxAddresses"/> busiest addresses, then one for all the others.</summary>
    public IEnumerable<AuditEntry> Lines(int maxAddresses)
    {
        var ordered = _counters.OrderByDescending(c => c.Value.Refused + c.Value.Dropped).ThenBy(c => c.Key.ToString(), StringComparer.Ordinal).ToList();
        foreach ((IPAddress address, Counter counter) in ordered.Take(maxAddresses))
        {
            yield return Line(SourceAddress.Describe(address), counter, 0);
        }

        List<Counter> rest = ordered.Skip(maxAddresses).Select(c => c.Value).ToList();
        if (rest.Count > 0 || _untracked.Refused + _untracked.Dropped > 0)
        {
            Counter sum = _untracked;
            foreach (Counter counter in rest)
            {
                sum.Add(counter);
            }

            yield return Line(RefusalLedger.OverflowRemote, sum, rest.Count);
        }
    }

    private Counter CounterOf(IPAddress address)
    {
        if (_counters.TryGetValue(address, out Counter? counter))
        {
            return counter;
        }

        if (_counters.Count >= _capacity)
        {
            return _untracked;
        }

        counter = new Counter();
        _counters.Add(address, counter);
        return counter;
    }

    private AuditEntry Line(string remote, Counter counter, long addresses)
    {
        string code = counter.Refused > 0 ? "handshakes-refused" : "connections-dropped";
        return new AuditEntry(AuditEntry.Reject, "tls", code, RemoteAddress: remote)
        {
            Tally = new RefusalTally(_since, counter.Refused, counter.Dropped, counter.Codes, addresses, counter.Certificate, counter.Claimed),
        };
    }

    private sealed class Counter
    {
        public long Refused { get; set; }

        public long Dropped { get; set; }

        public Dictionary<string, long> Codes { get; } = new(StringComparer.Ordinal);

        public string? Certificate { get; set; }

        public string? Claimed { get; set; }

        public void Add(Counter other)
        {
            Refused += other.Refused;
            Dropped += other.Dropped;
            foreach ((string code, long count) in other.Codes)
            {
                Codes[code] = Codes.GetValueOrDefault(code) + count;
            }

            Certificate ??= other.Certificate;
            Claimed ??= other.Claimed;
        }
    }
}
