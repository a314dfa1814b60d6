using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CamAgent.DeviceBuild.Shapes;

/// <summary>
/// Turns the shape list's fully qualified names into <c>global::</c>-rooted ones before they are
/// compiled. The list spells <c>System.EventArgs</c> for readability, but inside
/// <c>namespace nanoFramework.System.IO.FileSystem</c> C# would look that name up in
/// <c>nanoFramework.System</c> first. Works on C# tokens, so string literals are left alone.
/// </summary>
internal static class GlobalQualifier
{
    /// <summary>Prefixes global:: to every dotted name whose first part is one of <paramref name="rootNamespaces"/>.</summary>
    public static string Qualify(string declaration, IReadOnlySet<string> rootNamespaces)
    {
        SyntaxToken[] tokens = SyntaxFactory.ParseTokens(declaration).ToArray();
        var text = new StringBuilder(declaration.Length + 16);
        for (int i = 0; i < tokens.Length; i++)
        {
            SyntaxToken token = tokens[i];
            bool startsName = token.IsKind(SyntaxKind.IdentifierToken)
                && rootNamespaces.Contains(token.ValueText)
                && i + 1 < tokens.Length && tokens[i + 1].IsKind(SyntaxKind.DotToken)
                && (i == 0 || !(tokens[i - 1].IsKind(SyntaxKind.DotToken) || tokens[i - 1].IsKind(SyntaxKind.ColonColonToken)));
            if (startsName)
            {
                text.Append(token.LeadingTrivia.ToFullString()).Append("global::").Append(token.Text).Append(token.TrailingTrivia.ToFullString());
            }
            else
            {
                text.Append(token.ToFullString());
            }
        }

        return text.ToString();
    }
}
