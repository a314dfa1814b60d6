using CamAgent.SubsetCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CamAgent.DeviceBuild.Build;

/// <summary>
/// The subset check's rules for what nanoCLR does differently at run time, applied to a device
/// assembly as nanoFramework compiles it (the subset check itself sees only the device
/// libraries, compiled against .NET): NFS018, a static initialiser reading another CamAgent
/// type's static state (nanoCLR runs static constructors eagerly, in metadata order), and NFS019,
/// a status nobody looks at. Violations are build errors with the rule id as their code.
/// </summary>
public static class RuntimeRules
{
    public static IReadOnlyList<CompileError> Check(CSharpCompilation compilation, string repositoryRoot)
    {
        var sink = new ViolationSink();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SubsetChecker.CheckRuntimeRules(compilation.GetSemanticModel(tree), tree.GetRoot(), sink);
        }

        return sink.Sorted()
            .Select(v => new CompileError(RepositoryPath.Of(repositoryRoot, v.Path), v.Line, v.Column, v.RuleId, v.Message))
            .ToArray();
    }
}
