namespace CamAgent.Provisioning;

/// <summary>
/// The outcome of a PKI operation: either a value, or an error code with one clear sentence for the
/// person at the keyboard. Programming errors (null arguments) are exceptions instead.
/// </summary>
public sealed class PkiResult<T>
{
    private PkiResult(T? value, PkiError error, string message)
    {
        Value = value;
        Error = error;
        Message = message;
    }

    /// <summary>The value; only meaningful when <see cref="Ok"/>.</summary>
    public T? Value { get; }

    /// <summary><see cref="PkiError.None"/> on success.</summary>
    public PkiError Error { get; }

    /// <summary>Empty on success; otherwise a full sentence naming what was refused and why.</summary>
    public string Message { get; }

    public bool Ok => Error == PkiError.None;

    public static PkiResult<T> Success(T value) => new(value, PkiError.None, string.Empty);

    public static PkiResult<T> Fail(PkiError error, string message)
    {
        if (error == PkiError.None)
        {
            throw new ArgumentException("A failure needs an error code.", nameof(error));
        }

        return new PkiResult<T>(default, error, message);
    }

    /// <summary>Carries this failure over to a result of another type.</summary>
    public PkiResult<TOther> As<TOther>()
    {
        if (Ok)
        {
            throw new InvalidOperationException("Only a failure can be converted.");
        }

        return PkiResult<TOther>.Fail(Error, Message);
    }
}
