using System.Globalization;
using System.Text.RegularExpressions;

namespace CamAgent.Cli.Tests.Egress;

/// <summary>The named counters of the policy's table in a namespace, as `nft list counters` prints them.</summary>
public static partial class NftCounters
{
    public static (string Text, Dictionary<string, long> Packets) Read(string ns)
    {
        (int exit, string text, string error) = Shell.Run("ip", $"netns exec {ns} nft list counters table inet camagent_egress");
        Assert.True(exit == 0, "nft list counters: " + error);
        var packets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match counter in Counter().Matches(text))
        {
            packets[counter.Groups["name"].Value] = long.Parse(counter.Groups["packets"].Value, CultureInfo.InvariantCulture);
        }

        return (text, packets);
    }

    [GeneratedRegex(@"counter (?<name>[a-z_]+) \{[^}]*?packets (?<packets>[0-9]+) bytes", RegexOptions.Singleline)]
    private static partial Regex Counter();
}
