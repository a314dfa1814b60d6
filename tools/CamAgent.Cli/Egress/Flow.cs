namespace CamAgent.Cli.Egress;

/// <summary>
/// What the audit keeps of one flow: counters, first and last time, and what the camera named in it
/// (TLS SNI, DNS questions). The ClientHello being reassembled is the only buffer, released once read.
/// </summary>
public sealed class Flow(FlowKey key, DateTime firstUtc)
{
    public FlowKey Key { get; } = key;

    public long PacketsOut { get; set; }

    public long BytesOut { get; set; }

    public long PacketsIn { get; set; }

    public long BytesIn { get; set; }

    /// <summary>Transport payload bytes the camera sent.</summary>
    public long PayloadOut { get; set; }

    public DateTime FirstUtc { get; } = firstUtc;

    public DateTime LastUtc { get; set; } = firstUtc;

    /// <summary>The TLS ClientHello's server name, once read.</summary>
    public string? Sni { get; set; }

    /// <summary>Why no SNI could be read from a flow that carried data, or null.</summary>
    public string? TlsNote { get; set; }

    /// <summary>Distinct DNS question names the camera sent in this flow (at most <see cref="EgressConstants.MaxNamesPerFlow"/>).</summary>
    public List<string> DnsNames { get; } = [];

    /// <summary>DNS queries in this flow whose question could not be read.</summary>
    public int UnreadableDnsQueries { get; set; }

    /// <summary>The ClientHello bytes seen so far, in order; null when not (or no longer) reassembling.</summary>
    public byte[]? Hello { get; set; }

    public int HelloLength { get; set; }

    /// <summary>TCP sequence number the next in-order client byte carries.</summary>
    public uint NextSequence { get; set; }

    /// <summary>True once the first client payload was seen (TCP only).</summary>
    public bool StreamStarted { get; set; }
}
