using CamAgent.Cli.Provisioning;
using CamAgent.Core.Platform;
using CamAgent.Core.Provisioning;
using CamAgent.Core.SecureElement;
using CamAgent.Simulation.SecureElement;

namespace CamAgent.Cli.Tests.SecureElement;

/// <summary>
/// A device in provisioning mode as the CLI sees it over its serial console: the real Core
/// responder and ATECC608 driver over the chip emulator, with the certificate kept in a file.
/// The console also prints log lines, as the real device may.
/// </summary>
public sealed class EmulatedDevice : IDisposable
{
    public const int KeySlot = 0;

    private readonly string _folder = Directory.CreateTempSubdirectory("camagent-se-").FullName;

    public EmulatedDevice(bool locked = true)
    {
        Chip = new Atecc608Emulator(Clock);
        Driver = new Atecc608(Chip, Clock);
        Chip.LockConfiguration();
        Assert.Equal(SecureElementStatus.Ok, Driver.GenerateKey(KeySlot, new byte[Atecc608.PublicKeyBytes], 0));
        if (locked)
        {
            Chip.LockData();
        }

        Store = new FileCertificateStore(Path.Combine(_folder, "device.crt.der"));
        Responder = new ProvisioningResponder(Driver, KeySlot, Store);
    }

    public EmulatorClock Clock { get; } = new();

    public Atecc608Emulator Chip { get; }

    public Atecc608 Driver { get; }

    public FileCertificateStore Store { get; }

    public ProvisioningResponder Responder { get; }

    /// <summary>Opens a console link (the port name is ignored: there is one device).</summary>
    public IProvisioningLink Open(string port) => new ConsoleLink(this);

    public void Dispose()
    {
        Chip.Dispose();
        Directory.Delete(_folder, true);
    }

    /// <summary>Certificate storage as a file replaced atomically (write aside, then rename).</summary>
    public sealed class FileCertificateStore(string path) : IDeviceCertificateStore
    {
        public bool HasCertificate => File.Exists(path);

        public byte[]? Certificate => File.Exists(path) ? File.ReadAllBytes(path) : null;

        public bool Write(byte[] certificate, int offset, int count)
        {
            File.WriteAllBytes(path + ".new", certificate[offset..(offset + count)]);
            File.Move(path + ".new", path, true);
            return true;
        }
    }

    private sealed class ConsoleLink(EmulatedDevice device) : IProvisioningLink
    {
        private readonly Queue<string> _lines = new();

        public void WriteLine(string line)
        {
            _lines.Enqueue("I camagent: provisioning request");
            _lines.Enqueue(device.Responder.Handle(line));
        }

        public string ReadLine() => _lines.Count > 0 ? _lines.Dequeue() : throw new TimeoutException("no reply");

        public void Dispose()
        {
        }
    }
}
