namespace CamAgent.Cli.Egress;

/// <summary>The audit's judgement of one flow: allowed or a violation, and why, in one phrase.</summary>
public sealed record FlowVerdict(Flow Flow, bool Allowed, string Reason);
