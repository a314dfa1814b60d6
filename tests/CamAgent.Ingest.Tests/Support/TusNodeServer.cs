using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CamAgent.Ingest.Tests.Support;

/// <summary>
/// tests/interop/tus-server.js (@tus/server with @tus/file-store) on 127.0.0.1 over HTTPS that
/// requires a client certificate issued by the device CA. Disposing closes its standard input, on
/// which the script exits, so it never outlives the test.
/// </summary>
public sealed class TusNodeServer : IDisposable
{
    private const string ReadyPrefix = "listening on ";
    private const int ExitWaitMs = 10_000;

    private readonly Process _process;
    private readonly StringBuilder _errors;

    private TusNodeServer(Process process, StringBuilder errors, int port)
    {
        _process = process;
        _errors = errors;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What the script wrote to standard error so far (for failure messages).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <param name="directory">Where @tus/file-store keeps uploads: &lt;id&gt; (bytes) and &lt;id&gt;.json (size, metadata).</param>
    /// <param name="certificatePath">The server's PEM certificate chain.</param>
    /// <param name="keyPath">The server's PEM private key (a 0600 file).</param>
    /// <param name="deviceCaPath">PEM certificate of the CA that issues device certificates: the only issuer the server accepts for clients.</param>
    /// <param name="rootCaPath">PEM certificate of the root that issued the device CA.</param>
    public static TusNodeServer Start(string directory, string certificatePath, string keyPath, string deviceCaPath, string rootCaPath)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropNode.Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "tus-server.js", "--directory", directory, "--cert", certificatePath, "--key", keyPath, "--device-ca", deviceCaPath, "--root-ca", rootCaPath })
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        string? line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            process.StandardInput.Close();
            process.WaitForExit(ExitWaitMs);
            string message;
            lock (errors)
            {
                message = $"tus-server.js did not start: {line} {errors}";
            }

            process.Dispose();
            throw new InvalidOperationException(message);
        }

        return new TusNodeServer(process, errors, int.Parse(line[ReadyPrefix.Length..], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(ExitWaitMs))
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
