using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Measure;
using CamAgent.DeviceBuild.Projects;
using CamAgent.DeviceBuild.Shapes;

namespace CamAgent.DeviceBuild;

/// <summary>
/// dotnet run --project tools/CamAgent.DeviceBuild -- [--repo DIR] [--solution CamAgent.Device.sln]
/// [--budget-bytes N] [--out DIR]: prints compile errors and the budget table; exit codes in
/// <see cref="ExitCodes"/>.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        DeviceBuildOptions? options = CommandLine.Parse(args, Directory.GetCurrentDirectory(), out string error);
        if (options == null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CommandLine.Usage);
            return ExitCodes.Usage;
        }

        DeviceBuildResult result;
        try
        {
            result = DeviceBuildRunner.Run(options, DeviceBuildRunner.LoadReferences());
        }
        catch (Exception e) when (e is CoreLibraryMissingException or ShapeListException or NfProjectException)
        {
            Console.Error.WriteLine("device build cannot start: " + e.Message);
            return ExitCodes.Usage;
        }

        foreach (CompileError compileError in result.Errors)
        {
            Console.WriteLine(compileError);
        }

        IReadOnlyList<AssemblyBudget> budgets = result.Budgets(options.BudgetBytes);
        Console.WriteLine(BudgetReport.Table(budgets));
        foreach (string failure in BudgetReport.Failures(budgets))
        {
            Console.WriteLine("error: " + failure);
        }

        return result.Succeeded(options.BudgetBytes) ? ExitCodes.Success : ExitCodes.BuildFailed;
    }
}
