namespace CamAgent.SubsetCheck;

/// <summary>
/// Members and types the C# compiler calls or references on Core's behalf when it lowers a
/// language feature, and for which it has no fallback: nanoFramework must have them.
/// Compiler-synthesised references that are NOT listed here are accepted on purpose; see
/// docs/nanoframework-subset.md ("Implicit references") for the list and the reasons.
/// </summary>
public static class ImplicitMembers
{
    /// <summary>string + string (and string + other, after ToString()).</summary>
    public const string StringConcat = "M:System.String.Concat(System.String,System.String)";

    /// <summary>string == string.</summary>
    public const string StringEquality = "M:System.String.op_Equality(System.String,System.String)";

    /// <summary>string != string.</summary>
    public const string StringInequality = "M:System.String.op_Inequality(System.String,System.String)";

    /// <summary>Interpolated strings lower to String.Format when no interpolation handler type exists.</summary>
    public const string StringFormat = "M:System.String.Format(System.String,System.Object[])";

    /// <summary>foreach over a string lowers to an indexed loop.</summary>
    public const string StringChars = "P:System.String.Chars(System.Int32)";

    /// <summary>foreach over a string lowers to an indexed loop.</summary>
    public const string StringLength = "P:System.String.Length";

    /// <summary>lock (x) lowers to Monitor.Enter(x) / Monitor.Exit(x) (the Enter(object, ref bool) form only where it exists).</summary>
    public const string MonitorEnter = "M:System.Threading.Monitor.Enter(System.Object)";

    /// <summary>Second half of a lock statement.</summary>
    public const string MonitorExit = "M:System.Threading.Monitor.Exit(System.Object)";

    /// <summary>using statements and declarations.</summary>
    public const string Dispose = "M:System.IDisposable.Dispose";

    /// <summary>Field-like events: the compiler-generated add accessor.</summary>
    public const string DelegateCombine = "M:System.Delegate.Combine(System.Delegate,System.Delegate)";

    /// <summary>Field-like events: the compiler-generated remove accessor.</summary>
    public const string DelegateRemove = "M:System.Delegate.Remove(System.Delegate,System.Delegate)";

    /// <summary>Array initialisers of primitive constants are copied from a data blob.</summary>
    public const string InitializeArray = "M:System.Runtime.CompilerServices.RuntimeHelpers.InitializeArray(System.Array,System.RuntimeFieldHandle)";

    /// <summary>typeof(T) lowers to ldtoken + Type.GetTypeFromHandle.</summary>
    public const string GetTypeFromHandle = "M:System.Type.GetTypeFromHandle(System.RuntimeTypeHandle)";

    /// <summary>init accessors carry a modreq of this type.</summary>
    public const string IsExternalInit = "T:System.Runtime.CompilerServices.IsExternalInit";

    /// <summary>volatile fields carry a modreq of this type.</summary>
    public const string IsVolatile = "T:System.Runtime.CompilerServices.IsVolatile";

    /// <summary>required members are marked with this attribute.</summary>
    public const string RequiredMember = "T:System.Runtime.CompilerServices.RequiredMemberAttribute";

    /// <summary>Extension methods are marked with this attribute.</summary>
    public const string Extension = "T:System.Runtime.CompilerServices.ExtensionAttribute";

    /// <summary>params arrays are marked with this attribute.</summary>
    public const string ParamArray = "T:System.ParamArrayAttribute";
}
