namespace CamAgent.Verification.Tests;

/// <summary>
/// Damages a stored chain of 200+ segments in random ways, one at a time, and demands that the
/// verifier names every damage with the right kind at the right sequence number and reports
/// nothing earlier; and that clean chains raise no error at all. Seeded: the seed is printed on
/// failure and CAMAGENT_SEED replays it.
/// </summary>
public class TamperSuiteTests
{
    private const int ChainSegments = 200;

    // Each mutation re-verifies the whole chain (about 600 signatures and digests): about a minute
    // and a half for the thousand of the default run on two cores; the soak run does five times more.
    private static int MutationCount => TestSettings.Count("CAMAGENT_TAMPER_MUTATIONS", TestSettings.Soak ? 5_000 : 1_000);

    private static int CleanChainCount => TestSettings.Count("CAMAGENT_CLEAN_CHAINS", TestSettings.Soak ? 5_000 : 1_000);

    [Fact]
    public void Every_Random_Mutation_Is_Detected_With_Its_Sequence_And_Kind()
    {
        int seed = TestSettings.Seed(20261122);
        var random = new Random(seed);
        using var fixture = new VerifierFixture();
        ChainBuilder chain = new ChainBuilder(fixture.Device, fixture.Store, random).Build(ChainSegments, events: true);
        Assert.True(fixture.Verify().IsValid, "the untouched chain must verify");
        var tamperer = new Tamperer(fixture, chain, random);
        Tamper[] kinds = Enum.GetValues<Tamper>();
        var detected = new Dictionary<Tamper, int>();
        for (int i = 0; i < MutationCount; i++)
        {
            Tamperer.Expectation expected = tamperer.Apply(kinds[i % kinds.Length]);
            VerificationReport report = fixture.Verify();
            List<Finding> errors = VerifierFixture.Errors(report).ToList();
            string context = $"seed {seed}, mutation {i}: {expected.Description}; expected {string.Join("/", expected.Kinds)} at {expected.Sequence}; got: "
                + string.Join(" | ", errors.Take(6).Select(f => $"{f.Kind}@{f.Sequence}: {f.Message}"));
            Assert.False(report.IsValid, context);
            Assert.True(errors.Any(f => f.Sequence == expected.Sequence && expected.Kinds.Contains(f.Kind)), context);
            Assert.True(errors.Min(f => f.Sequence ?? long.MaxValue) == expected.Sequence, context);
            detected[expected.Tamper] = detected.GetValueOrDefault(expected.Tamper) + 1;
            tamperer.Undo();
        }

        Assert.Equal(MutationCount, detected.Values.Sum());
        Assert.Equal(kinds.Length, detected.Count);
    }

    [Fact]
    public void Clean_Chains_Raise_No_Error()
    {
        int seed = TestSettings.Seed(4242);
        var random = new Random(seed);
        using var fixture = new VerifierFixture();
        string folder = fixture.Store.DeviceFolder(fixture.Device.DeviceId);
        for (int i = 0; i < CleanChainCount; i++)
        {
            fixture.Device.ResetChain();
            new ChainBuilder(fixture.Device, fixture.Store, random).Build(random.Next(1, 4), events: true);
            VerificationReport report = fixture.Verify(folder);
            Assert.True(report.IsValid, $"seed {seed}, clean chain {i} raised errors:\n{VerifierFixture.Describe(report)}");
            Directory.Delete(folder, recursive: true);
        }
    }
}
