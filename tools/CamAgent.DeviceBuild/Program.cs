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
public static class Program
{
    public static int Main(string[] args) =>
        Run(args, Directory.GetCurrentDirectory(), Console.Out, Console.Error);

    /// <summary>The command, with its working folder and output streams given (the tests run it in-process).</summary>
    public static int Run(IReadOnlyList<string> args, string currentDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        DeviceBuildOptions? options = CommandLine.Parse(args, currentDirectory, out string problem);
        if (options == null)
        {
            error.WriteLine(problem);
            error.WriteLine(CommandLine.Usage);
            return ExitCodes.Usage;
        }

        DeviceBuildResult result;
        try
        {
            result = DeviceBuildRunner.Run(options, DeviceBuildRunner.LoadReferences());
        }
        catch (Exception e) when (e is CoreLibraryMissingException or ShapeListException or NfProjectException)
        {
            error.WriteLine("device build cannot start: " + e.Message);
            return ExitCodes.Usage;
        }

        foreach (CompileError compileError in result.Errors)
        {
            output.WriteLine(compileError);
        }

        IReadOnlyList<AssemblyBudget> budgets = result.Budgets(options.BudgetBytes);
        output.Write(BudgetReport.Table(budgets));
        foreach (string failure in BudgetReport.Failures(budgets))
        {
            output.WriteLine("error: " + failure);
        }

        return result.Succeeded(options.BudgetBytes) ? ExitCodes.Success : ExitCodes.BuildFailed;
    }
}
