using System.Globalization;
using System.Text;

namespace CamAgent.DeviceBuild.Measure;

/// <summary>The budget table and the budget failures, as the tool and the tests print them.</summary>
public static class BudgetReport
{
    private const int NameWidth = 34;
    private const int NumberWidth = 12;

    public static string Table(IReadOnlyList<AssemblyBudget> budgets)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        int budget = budgets.Count > 0 ? budgets[0].BudgetBytes : BytecodeBudget.DebugBudgetBytes;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Device assembly bytecode estimate (IL + exception tables), budget {Bytes(budget)} B in Debug (runtime limit {Bytes(BytecodeBudget.RuntimeLimitBytes)} B)");
        text.AppendLine("Assembly".PadRight(NameWidth) + Column("Debug B") + Column("Release B") + Column("Headroom B"));
        foreach (AssemblyBudget row in budgets)
        {
            text.Append(row.AssemblyName.PadRight(NameWidth))
                .Append(Column(Bytes(row.DebugBytes)))
                .Append(Column(Bytes(row.ReleaseBytes)))
                .Append(Column(Bytes(row.HeadroomBytes)))
                .AppendLine(Verdict(row));
        }

        return text.ToString();
    }

    /// <summary>One line per assembly over budget, naming it and its size; empty when all fit.</summary>
    public static IReadOnlyList<string> Failures(IReadOnlyList<AssemblyBudget> budgets) => budgets
        .Where(b => b.DebugBytes > b.BudgetBytes)
        .Select(b => $"{b.AssemblyName}: {Bytes(b.DebugBytes)} B of bytecode in Debug, over the {Bytes(b.BudgetBytes)} B budget by {Bytes(-b.HeadroomBytes)} B")
        .ToArray();

    private static string Verdict(AssemblyBudget row) => row switch
    {
        { DebugBytes: null } => "  did not compile",
        { WithinBudget: false } when row.DebugBytes > BytecodeBudget.RuntimeLimitBytes => "  OVER BUDGET (and over the runtime limit)",
        { WithinBudget: false } => "  OVER BUDGET",
        _ => string.Empty,
    };

    private static string Column(string value) => value.PadLeft(NumberWidth);

    private static string Bytes(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}
