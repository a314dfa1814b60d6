using CamAgent.Core.Config;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Tests.Support;

namespace CamAgent.Core.Tests.Config;

public sealed class ConfigPropertyTests : IClassFixture<CredentialsFixture>
{
    private readonly CredentialsFixture _fixture;

    public ConfigPropertyTests(CredentialsFixture fixture) => _fixture = fixture;

    private static int Count => Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1" ? 200_000 : 10_000;

    [Fact]
    public void Ten_Thousand_Mutated_Configurations_Are_Each_Refused_With_Their_Specific_Error_And_The_Last_Good_One_Stays()
    {
        int seed = Environment.GetEnvironmentVariable("CAMAGENT_SEED") is { } s ? int.Parse(s) : 20261122;
        var rng = new Random(seed);
        var slots = new MemoryRecordSlots();
        var store = new ConfigStore(slots, _fixture.Validator);
        byte[] good = _fixture.Credentials.ValidText(serial: 5);
        Assert.True(store.Apply(good, 0, good.Length).IsOk);
        DeviceConfig inForce = store.Current;
        int writesBefore = slots.Writes;
        var mutator = new ConfigMutator(_fixture.Credentials);
        var seen = new HashSet<ConfigError>();

        for (int i = 0; i < Count; i++)
        {
            (byte[] text, ConfigError expected, string what) = mutator.Next(rng, serial: 6 + i);
            ConfigResult result = store.Apply(text, 0, text.Length);
            Assert.True(expected == result.Error, $"seed {seed}, case {i} ({what}): expected {expected}, got {result}");
            Assert.Same(inForce, store.Current);
            seen.Add(expected);
        }

        Assert.Equal(writesBefore, slots.Writes);
        var rebooted = new ConfigStore(slots, _fixture.Validator);
        Assert.True(rebooted.Load().IsOk);
        Assert.Equal(5, rebooted.Current.Serial);
        Assert.True(seen.Count >= 30, $"only {seen.Count} distinct errors exercised");
    }
}
