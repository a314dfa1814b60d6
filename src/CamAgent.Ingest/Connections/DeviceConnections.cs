using System.Collections.Concurrent;

namespace CamAgent.Ingest.Connections;

/// <summary>Each device's open authenticated connections (<see cref="ConnectionActivity"/>). Thread safe.</summary>
public sealed class DeviceConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<ConnectionActivity, byte>> _byDevice = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<ConnectionActivity, byte> Of(string deviceId) =>
        _byDevice.GetOrAdd(deviceId, _ => new ConcurrentDictionary<ConnectionActivity, byte>());
}
