using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace CamAgent.Cli.Tests;

/// <summary>
/// A network namespace joined to the test's namespace by a veth pair (host side 10.213.N.1,
/// camera side 10.213.N.2), with its own /etc/hosts (ip netns exec bind-mounts
/// /etc/netns/NAME/hosts). Removed on dispose.
/// </summary>
public sealed class NetNamespace : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _name;

    private NetNamespace(string name, int subnet, ITestOutputHelper output)
    {
        _name = name;
        _output = output;
        HostInterface = "vh" + name[^6..];
        CameraInterface = "vc" + name[^6..];
        HostAddress = IPAddress.Parse($"10.213.{subnet}.1");
        CameraAddress = IPAddress.Parse($"10.213.{subnet}.2");
    }

    public string HostInterface { get; }

    public string CameraInterface { get; }

    public IPAddress HostAddress { get; }

    public IPAddress CameraAddress { get; }

    /// <summary>
    /// Creates the namespace. Where that is impossible (not Linux, not root, namespaces refused)
    /// the test fails with the reason: an egress proof that did not run must not count as passed.
    /// ./test.sh runs as root in CI, where it always runs.
    /// </summary>
    public static NetNamespace Create(ITestOutputHelper output)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            throw new InvalidOperationException("network namespaces need Linux and root: run the tests as root (CI does); the egress proof did not run");
        }

        int subnet = Random.Shared.Next(1, 250);
        var ns = new NetNamespace($"camag{Random.Shared.Next(100000, 999999)}", subnet, output);
        (int added, string _, string refusal) = Run("ip", $"netns add {ns._name}");
        if (added != 0)
        {
            throw new InvalidOperationException($"'ip netns add' is not permitted here ({refusal.Trim()}); the egress proof did not run");
        }

        foreach (string command in new[]
        {
            $"link add {ns.HostInterface} type veth peer name {ns.CameraInterface}",
            $"link set {ns.CameraInterface} netns {ns._name}",
            $"addr add {ns.HostAddress}/30 dev {ns.HostInterface}",
            $"link set {ns.HostInterface} up",
            $"netns exec {ns._name} ip addr add {ns.CameraAddress}/30 dev {ns.CameraInterface}",
            $"netns exec {ns._name} ip link set {ns.CameraInterface} up",
            $"netns exec {ns._name} ip link set lo up",
        })
        {
            (int exit, string _, string error) = Run("ip", command);
            if (exit != 0)
            {
                ns.Dispose();
                throw new InvalidOperationException($"ip {command}: {error}");
            }
        }

        return ns;
    }

    /// <summary>Name resolution inside the namespace: <paramref name="host"/> resolves to <paramref name="address"/>.</summary>
    public void MapHost(string host, IPAddress address)
    {
        string directory = $"/etc/netns/{_name}";
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "hosts"), $"127.0.0.1 localhost\n{address} {host}\n");
    }

    /// <summary>Runs the built camagent inside the namespace.</summary>
    public (int Exit, string Output, string Error) RunCamagent(string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "camagent.dll");
        return Run("ip", $"netns exec {_name} dotnet {dll} " + string.Join(' ', args.Select(a => "\"" + a + "\"")));
    }

    public void Dispose()
    {
        Run("ip", $"link del {HostInterface}");
        Run("ip", $"netns del {_name}");
        string directory = $"/etc/netns/{_name}";
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static (int Exit, string Output, string Error) Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
