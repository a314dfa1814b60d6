using System.Text;

namespace CamAgent.Cli.Provisioning;

/// <summary>
/// The device's USB serial console, opened as a character device (e.g. /dev/ttyUSB0). The line
/// settings are the operating system's: set them first (Linux: `stty -F /dev/ttyUSB0 115200 raw -echo`).
/// </summary>
public sealed class SerialProvisioningLink : IProvisioningLink
{
    /// <summary>The slowest reply (a GenKey plus I/O at 115200 baud) takes well under a second; 10 s means the device is not answering.</summary>
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private readonly FileStream _port;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;

    private SerialProvisioningLink(string path)
    {
        _port = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        _reader = new StreamReader(_port, Encoding.ASCII, false, 1024, leaveOpen: true);
        _writer = new StreamWriter(_port, Encoding.ASCII, 1024, leaveOpen: true) { NewLine = "\n", AutoFlush = true };
    }

    public static IProvisioningLink Open(string path) => new SerialProvisioningLink(path);

    public void WriteLine(string line) => _writer.WriteLine(line);

    public string ReadLine()
    {
        Task<string?> read = _reader.ReadLineAsync();
        if (!read.Wait(ReplyTimeout))
        {
            throw new TimeoutException($"the device did not answer within {ReplyTimeout.TotalSeconds:0} s");
        }

        return read.Result ?? throw new EndOfStreamException("the serial link closed");
    }

    public void Dispose()
    {
        _writer.Dispose();
        _reader.Dispose();
        _port.Dispose();
    }
}
