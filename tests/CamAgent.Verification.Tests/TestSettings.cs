using System.Globalization;

namespace CamAgent.Verification.Tests;

/// <summary>Test-run settings from the environment: CAMAGENT_SOAK=1 for long runs, CAMAGENT_SEED to replay a run.</summary>
public static class TestSettings
{
    public static bool Soak => Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1";

    /// <summary>An iteration count: the environment variable <paramref name="name"/> when set, else <paramref name="defaultCount"/>.</summary>
    public static int Count(string name, int defaultCount)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0 ? count : defaultCount;
    }

    /// <summary>The seed to use: CAMAGENT_SEED when set, else <paramref name="defaultSeed"/>.</summary>
    public static int Seed(int defaultSeed)
    {
        string? value = Environment.GetEnvironmentVariable("CAMAGENT_SEED");
        return value is not null && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? seed : defaultSeed;
    }
}
