using System.Globalization;
using System.Text.RegularExpressions;
using CamAgent.Core.Evidence;

namespace CamAgent.Verification;

/// <summary>
/// Finds evidence on disk in the ingest server's layout (docs/ingest-server.md §4: &lt;store&gt;/devices/&lt;device-id&gt;/
/// &lt;20-digit sequence&gt;.manifest.cose | .segment | .receipt.cose), or in a single device folder.
/// Treats the tree as hostile: it never follows symbolic links or other reparse points below the
/// folder it was given, never builds a path from file content, and reports every entry it does
/// not expect instead of reading it. Folders such as incoming/ are never entered.
/// </summary>
public static partial class EvidenceStore
{
    private const string DevicesFolder = "devices";
    private const int SequenceDigits = 20;

    /// <summary>
    /// Scans <paramref name="path"/>. Returns null with <paramref name="problem"/> set when the path is
    /// not a readable directory or holds no device folder; otherwise the device folders found.
    /// </summary>
    public static IReadOnlyList<DeviceFolder>? Scan(string path, out string? problem)
    {
        problem = null;
        var root = new DirectoryInfo(Path.GetFullPath(path));
        if (!root.Exists)
        {
            problem = $"'{path}' is not a directory";
            return null;
        }

        var devices = new DirectoryInfo(Path.Combine(root.FullName, DevicesFolder));
        List<DeviceFolder> folders;
        try
        {
            folders = devices.Exists && !IsLink(devices) ? ScanStore(devices) : new List<DeviceFolder> { ScanDevice(root, root.Name, false) };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read '{path}': {exception.Message}";
            return null;
        }

        if (folders.Count == 0 || folders.All(f => f.Records.Count == 0 && f.Findings.Count == 0))
        {
            problem = $"no evidence records found under '{path}'";
            return null;
        }

        return folders;
    }

    private static List<DeviceFolder> ScanStore(DirectoryInfo devices)
    {
        var folders = new List<DeviceFolder>();
        var rejects = new DeviceFolder(DevicesFolder, devices.FullName, false);
        foreach (FileSystemInfo entry in devices.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry is DirectoryInfo folder && !IsLink(folder) && Manifest.IsValidDeviceId(folder.Name))
            {
                folders.Add(ScanDevice(folder, folder.Name, true));
            }
            else
            {
                rejects.Findings.Add(Reject(DevicesFolder, entry));
            }
        }

        if (rejects.Findings.Count > 0)
        {
            folders.Add(rejects);
        }

        return folders;
    }

    private static DeviceFolder ScanDevice(DirectoryInfo folder, string name, bool nameIsDeviceId)
    {
        var device = new DeviceFolder(name, folder.FullName, nameIsDeviceId);
        foreach (FileSystemInfo entry in folder.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            Match match = RecordFileName().Match(entry.Name);
            if (entry is not FileInfo file || IsLink(entry) || !match.Success
                || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long sequence))
            {
                device.Findings.Add(Reject(name, entry));
                continue;
            }

            if (!device.Records.TryGetValue(sequence, out StoredRecord? record))
            {
                record = new StoredRecord(sequence);
                device.Records.Add(sequence, record);
            }

            switch (match.Groups[2].Value)
            {
                case "manifest.cose": record.Manifest = file; break;
                case "segment": record.Segment = file; break;
                default: record.Receipt = file; break;
            }
        }

        return device;
    }

    private static Finding Reject(string deviceId, FileSystemInfo entry)
    {
        if (IsLink(entry) || (entry is not FileInfo && entry is not DirectoryInfo))
        {
            return new Finding(deviceId, null, FindingKind.UnsafeFile, Severity.Error, $"'{entry.Name}' is a link or special file; not followed");
        }

        return new Finding(deviceId, null, FindingKind.UnexpectedFile, Severity.Warning, $"'{entry.Name}' is not part of the evidence layout; ignored");
    }

    /// <summary>True for symbolic links, junctions and any other reparse point.</summary>
    public static bool IsLink(FileSystemInfo entry)
    {
        return entry.LinkTarget is not null || (entry.Attributes & FileAttributes.ReparsePoint) != 0;
    }

    [GeneratedRegex(@"^([0-9]{20})\.(manifest\.cose|segment|receipt\.cose)$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordFileName();

    /// <summary>The file name stem for <paramref name="sequence"/> (20 digits, zero-padded).</summary>
    public static string FileStem(long sequence)
    {
        return sequence.ToString("D" + SequenceDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
