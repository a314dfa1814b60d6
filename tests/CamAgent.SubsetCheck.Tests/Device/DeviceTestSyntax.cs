using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>Finds nanoFramework.TestFramework test methods in source text, without compiling it.</summary>
internal static class DeviceTestSyntax
{
    /// <summary>"Class.Method" of every [TestMethod] in a [TestClass].</summary>
    public static IEnumerable<string> TestMethods(string source)
    {
        CompilationUnitSyntax root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        foreach (ClassDeclarationSyntax type in root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => HasAttribute(c.AttributeLists, "TestClass")))
        {
            foreach (MethodDeclarationSyntax method in type.Members.OfType<MethodDeclarationSyntax>().Where(m => HasAttribute(m.AttributeLists, "TestMethod")))
            {
                yield return type.Identifier.Text + "." + method.Identifier.Text;
            }
        }
    }

    private static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).Select(a => a.Name.ToString()).Any(n => n == name || n == name + "Attribute");
}
