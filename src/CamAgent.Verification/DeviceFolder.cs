namespace CamAgent.Verification;

/// <summary>One device's folder as found on disk, before anything in it is trusted.</summary>
public sealed class DeviceFolder
{
    public DeviceFolder(string name, string path, bool nameIsDeviceId)
    {
        Name = name;
        Path = path;
        NameIsDeviceId = nameIsDeviceId;
    }

    /// <summary>The folder name (in a store, the device id it must hold).</summary>
    public string Name { get; }

    public string Path { get; }

    /// <summary>True in a store layout (devices/&lt;device-id&gt;/), where the name must equal the manifests' device id.</summary>
    public bool NameIsDeviceId { get; }

    /// <summary>Records by file sequence number, ascending.</summary>
    public SortedDictionary<long, StoredRecord> Records { get; } = new();

    /// <summary>Unsafe or unexpected entries met while scanning.</summary>
    public List<Finding> Findings { get; } = new();
}
