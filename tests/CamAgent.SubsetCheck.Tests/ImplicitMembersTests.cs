using System.Reflection;

namespace CamAgent.SubsetCheck.Tests;

/// <summary>The members the check requires on behalf of the compiler are named exactly as the allowlist names them.</summary>
public sealed class ImplicitMembersTests
{
    // volatile and required are reported on purpose: nanoFramework's core library lacks these types.
    private static readonly string[] AbsentOnPurpose = [ImplicitMembers.IsVolatile, ImplicitMembers.RequiredMember];

    [Fact]
    public void Every_Required_Member_Is_On_The_Allowlist_Except_The_Ones_NanoFramework_Lacks()
    {
        string[] required = typeof(ImplicitMembers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (string)field.GetValue(null)!)
            .ToArray();

        string[] missing = required.Where(id => !SampleChecker.Allowlist.Contains(id)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(AbsentOnPurpose.Order(StringComparer.Ordinal), missing);
    }

    [Fact]
    public void Every_Params_Method_Is_On_The_Allowlist_And_Ends_In_An_Array()
    {
        Assert.All(NanoFrameworkParams.Methods, id =>
        {
            Assert.True(SampleChecker.Allowlist.Contains(id), id);
            Assert.EndsWith("[])", id, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("M:System.String.Format(System.String,System.Object)", true)]
    [InlineData("M:System.String.Format(System.String,System.Object,System.Object,System.Object)", true)]
    [InlineData("M:System.String.Concat(System.String,System.String,System.String,System.String,System.String)", true)]
    [InlineData("M:System.String.Format(System.IFormatProvider,System.String,System.Object)", false)]
    [InlineData("M:System.String.Concat(System.ReadOnlySpan{System.String})", false)]
    public void Recognises_Fixed_Arity_Forms_Of_NanoFramework_Params_Methods(string dotNetId, bool expected)
    {
        Assert.Equal(expected, NanoFrameworkParams.IsExpandedFormOfParamsMethod(dotNetId, SampleChecker.Allowlist));
    }
}
