using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
    /// <summary>The store's folder of device records.</summary>
    public const string DevicesFolder = "devices";

    /// <summary>
    /// The store's folder of CA certificates between the agency root and the device certificates
    /// (the device-issuing CA), one PEM file each, named by SHA-256 + <see cref="IssuerFileSuffix"/>.
    /// Used to build chains, never trusted by themselves.
    /// </summary>
    public const string IssuersFolder = "issuers";

    /// <summary>File name ending of the certificates in <see cref="IssuersFolder"/>.</summary>
    public const string IssuerFileSuffix = ".crt.pem";

    /// <summary>At most this many issuer files are read; an agency has one device CA, a few after renewals.</summary>
    public const int MaxIssuers = 16;

    /// <summary>Largest issuer file read: a CA certificate in PEM is about 1 KiB.</summary>
    public const int MaxIssuerFileBytes = 16 * 1024;

    /// <summary>File name endings of a record's files after its 20-digit sequence number.</summary>
    public const string ManifestSuffix = ".manifest.cose";

    public const string SegmentSuffix = ".segment";

    public const string ReceiptSuffix = ".receipt.cose";

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

            string suffix = "." + match.Groups[2].Value;
            if (suffix == ManifestSuffix)
            {
                record.Manifest = file;
            }
            else if (suffix == SegmentSuffix)
            {
                record.Segment = file;
            }
            else
            {
                record.Receipt = file;
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

    /// <summary>
    /// The CA certificates the store keeps in <see cref="IssuersFolder"/> under <paramref name="path"/>
    /// (none for a single device folder). Regular files only, bounded in number and size; a file that
    /// is not a certificate is skipped. The caller must not trust them: they only help build chains.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> ReadIssuers(string path)
    {
        var folder = new DirectoryInfo(Path.Combine(Path.GetFullPath(path), IssuersFolder));
        var issuers = new List<X509Certificate2>();
        if (!folder.Exists || IsLink(folder))
        {
            return issuers;
        }

        foreach (FileInfo file in folder.EnumerateFiles("*" + IssuerFileSuffix).OrderBy(f => f.Name, StringComparer.Ordinal).Take(MaxIssuers))
        {
            if (IsLink(file) || file.Length > MaxIssuerFileBytes)
            {
                continue;
            }

            try
            {
                issuers.Add(X509Certificate2.CreateFromPem(File.ReadAllText(file.FullName)));
            }
            catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
            {
                // Not a certificate: it cannot help build a chain, and nothing depends on it.
            }
        }

        return issuers;
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
