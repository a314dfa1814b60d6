namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// One line of the shape list: a type or member named by its documentation-comment ID
/// (T:, M:, P:, F:, E:) and its C# declaration without a body, e.g.
/// <c>M:System.IO.Stream.Read(System.SpanByte) public abstract int Read(System.SpanByte buffer)</c>.
/// </summary>
public sealed record ShapeEntry(string DocumentationId, string Declaration, int LineNumber)
{
    /// <summary>'T', 'M', 'P', 'F' or 'E'.</summary>
    public char Kind => DocumentationId[0];

    /// <summary>The dotted name without the kind prefix, the parameter list or a conversion's return type.</summary>
    public string QualifiedName
    {
        get
        {
            string name = DocumentationId[2..];
            int cut = name.IndexOfAny(['(', '~']);
            return cut < 0 ? name : name[..cut];
        }
    }

    /// <summary>For a member: the documentation ID of the type that declares it (T:...).</summary>
    public string ContainingTypeId => "T:" + QualifiedName[..QualifiedName.LastIndexOf('.')];

    /// <summary>The simple name: a type's or member's last dotted part ("#ctor" for a constructor).</summary>
    public string SimpleName => QualifiedName[(QualifiedName.LastIndexOf('.') + 1)..];
}
