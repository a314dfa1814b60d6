using System.Net;
using CamAgent.Ingest;
using CamAgent.Verification.Audit;
using CamAgent.Provisioning;

namespace CamAgent.Cli.Demo;

/// <summary>The demo's server steps: the ingest server on a free loopback port, and its orderly stop with the audit log checked.</summary>
public static class ServerSteps
{
    /// <summary>Starts the ingest server in this process, configured from the demo PKI as `camagent serve --pki` would be.</summary>
    public static DemoOutcome Start(DemoWorkspace w)
    {
        IngestOptions options = PkiServerOptions.For(w.PkiFolder, w.StoreFolder);
        options.ListenAddress = IPAddress.Loopback.ToString();
        options.Port = 0;
        try
        {
            w.Server = IngestServer.StartAsync(options).GetAwaiter().GetResult();
        }
        catch (IngestConfigurationException e)
        {
            return DemoOutcome.Failed("the ingest server refused its configuration: " + e.Message);
        }

        w.Proxy = new CuttingProxy(w.Server.EndPoint);
        return DemoOutcome.Done($"https://{w.Server.EndPoint}/files/ (mutual TLS, device CA from the PKI), cameras relayed through {w.Proxy.EndPoint}; store {w.StoreFolder}, revocation list {options.RevocationListPath}");
    }

    /// <summary>Stops the server (requests in flight finish) and checks the hash chain of its audit log.</summary>
    public static DemoOutcome StopAndCheckAudit(DemoWorkspace w)
    {
        w.StopServer();
        string auditLog = Path.Combine(w.StoreFolder, "audit.log");
        AuditVerification audit = AuditLogVerifier.Verify(auditLog);
        return audit.IsValid
            ? DemoOutcome.Done($"server stopped; audit log {audit.Lines} entries, hash chain intact, head {audit.HeadHash}")
            : DemoOutcome.Failed($"the audit log is broken at line {audit.FirstBadLine}: {audit.Problem}");
    }
}
