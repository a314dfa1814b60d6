using System.Globalization;

namespace CamAgent.DeviceBuild;

/// <summary>Parses the tool's arguments into <see cref="DeviceBuildOptions"/>.</summary>
public static class CommandLine
{
    public const string Usage =
        "usage: CamAgent.DeviceBuild [--repo DIR] [--solution CamAgent.Device.sln] [--budget-bytes N] [--out DIR]";

    /// <summary>The options, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static DeviceBuildOptions? Parse(IReadOnlyList<string> args, string currentDirectory, out string error)
    {
        var options = new DeviceBuildOptions(currentDirectory);
        error = string.Empty;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name}: missing value, or unknown option";
                return null;
            }

            string value = args[++i];
            switch (name)
            {
                case "--repo":
                    options = options with { RepositoryRoot = Path.GetFullPath(value, currentDirectory) };
                    break;
                case "--solution":
                    options = options with { Solution = value };
                    break;
                case "--out":
                    options = options with { OutputDirectory = Path.GetFullPath(value, currentDirectory) };
                    break;
                case "--budget-bytes" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int budget) && budget > 0:
                    options = options with { BudgetBytes = budget };
                    break;
                default:
                    error = $"{name} {value}: unknown option or bad value";
                    return null;
            }
        }

        return options;
    }
}
