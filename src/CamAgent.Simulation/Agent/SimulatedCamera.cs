namespace CamAgent.Simulation.Agent;

/// <summary>
/// Stands in for the camera's recorder: writes segment files into the card's segment folder the
/// way the recorder does (docs/agent-storage.md: "nnnnnnnn.TMP", renamed to "nnnnnnnn.SEG" when
/// closed), with synthetic content or consecutive slices of a real video file.
/// </summary>
public sealed class SimulatedCamera
{
    private readonly string _segmentDirectory;
    private readonly int _segmentBytes;
    private readonly Stream? _video;
    private long _next;

    public SimulatedCamera(string segmentDirectory, int segmentBytes, string? videoPath)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentBytes);
        Directory.CreateDirectory(segmentDirectory);
        _segmentDirectory = segmentDirectory;
        _segmentBytes = segmentBytes;
        _video = videoPath is null ? null : File.OpenRead(videoPath);
        _next = Directory.GetFiles(segmentDirectory).Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f), out long n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
    }

    /// <summary>Records one segment; false when the video file is used up.</summary>
    public bool RecordSegment()
    {
        byte[] content = new byte[_segmentBytes];
        int length = content.Length;
        if (_video is null)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(content);
        }
        else
        {
            length = _video.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
            if (length == 0)
            {
                return false;
            }
        }

        string temporary = Path.Combine(_segmentDirectory, $"{_next:D8}.TMP");
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(content, 0, length);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.ChangeExtension(temporary, "SEG"));
        _next++;
        return true;
    }
}
