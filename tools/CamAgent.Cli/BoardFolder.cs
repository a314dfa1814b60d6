using CamAgent.Provisioning.Boards;

namespace CamAgent.Cli;

/// <summary>Where `camagent board` looks for profiles: --boards DIR, else $CAMAGENT_BOARDS, else boards/ beside the executable.</summary>
public static class BoardFolder
{
    public const string Option = "--boards";
    public const string EnvironmentVariable = "CAMAGENT_BOARDS";

    public static BoardCatalog Catalog(string? folder) =>
        new(folder ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? Path.Combine(AppContext.BaseDirectory, "boards"));
}
