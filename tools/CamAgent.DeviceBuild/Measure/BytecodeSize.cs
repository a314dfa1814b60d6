namespace CamAgent.DeviceBuild.Measure;

/// <summary>
/// The bytecode estimate of one assembly: the IL bytes of every method body plus the exception
/// tables nanoFramework's metadata processor writes into its bytecode table. See
/// <see cref="BytecodeMeter"/> for why this never under-counts.
/// </summary>
public sealed record BytecodeSize(int Methods, int IlBytes, int ExceptionTableBytes)
{
    public int TotalBytes => IlBytes + ExceptionTableBytes;
}
