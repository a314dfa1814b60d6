namespace CamAgent.SubsetCheck;

/// <summary>
/// One id per rule. The ids are stable: tools and documents (docs/nanoframework-subset.md)
/// refer to them, so a rule is never renumbered, only retired.
/// </summary>
public static class RuleIds
{
    /// <summary>The sources do not compile, so the semantic rules cannot be trusted.</summary>
    public const string CompileError = "NFS000";

    /// <summary>Generic types or methods, declared or used (including Nullable&lt;T&gt; and anonymous types).</summary>
    public const string Generics = "NFS001";

    /// <summary>Records and <c>with</c> expressions.</summary>
    public const string Records = "NFS002";

    /// <summary>Tuples, deconstruction and positional patterns.</summary>
    public const string Tuples = "NFS003";

    /// <summary>async/await, Task and the rest of System.Threading.Tasks.</summary>
    public const string Async = "NFS004";

    /// <summary>LINQ: query syntax or System.Linq.</summary>
    public const string Linq = "NFS005";

    /// <summary>The <c>dynamic</c> type.</summary>
    public const string Dynamic = "NFS006";

    /// <summary>Reflection: System.Reflection, members of System.Type, Object.GetType, Activator.</summary>
    public const string Reflection = "NFS007";

    /// <summary>Unsafe code: unsafe, pointers, fixed, stackalloc, function pointers, __arglist/__makeref.</summary>
    public const string Unsafe = "NFS008";

    /// <summary>Iterators (<c>yield</c>).</summary>
    public const string Iterators = "NFS009";

    /// <summary>A type or member from outside Core that is not on the nanoFramework 1.x allowlist.</summary>
    public const string NotOnAllowlist = "NFS010";

    /// <summary>Interface members with bodies, static or static abstract interface members.</summary>
    public const string InterfaceFeatures = "NFS011";

    /// <summary>By-ref features beyond ref/out parameters: ref struct, ref fields/locals/returns, in, ref readonly, scoped.</summary>
    public const string ByRefFeatures = "NFS012";

    /// <summary>Covariant return types and checked user-defined operators.</summary>
    public const string UnsupportedMembers = "NFS013";

    /// <summary>Collection expressions, ranges and indices, list and slice patterns, multi-dimensional arrays.</summary>
    public const string RuntimeHelpers = "NFS014";

    /// <summary>Interpolated or composite format strings that nanoFramework formats through reflection, or interpolation to a non-string.</summary>
    public const string Formatting = "NFS015";

    /// <summary>Exception filters (<c>catch ... when</c>).</summary>
    public const string ExceptionFilters = "NFS016";

    /// <summary>A long seeded from, or shifted right straight after widening from, an unsigned value (nanoCLR keeps an unsigned tag).</summary>
    public const string UnsignedWidening = "NFS017";

    /// <summary>A static initialiser or static constructor that reads another type's static state (nanoCLR runs them eagerly, in metadata order).</summary>
    public const string StaticInitialiserOrder = "NFS018";

    /// <summary>A status or result returned by a call and left unlooked-at (a bare call statement, or a discard without a reason).</summary>
    public const string DroppedStatus = "NFS019";
}
