using CamAgent.Core.Tests.Storage;
using Xunit.Abstractions;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// Power is cut at every write operation of a run in which three segments are recorded, sealed,
/// uploaded, receipted and deleted, then again at random points including during recovery.
/// The scenario checks the spool's promises at every boot and the server checks them on
/// arrival: no sealed segment lost, no sequence number reused, the chain unbroken, no receipted
/// state without the server's receipt, no content deleted before its receipt.
/// CAMAGENT_SOAK=1 runs more seeds per cut and ten times the random double cuts.
/// </summary>
public class PowerCutSuiteTests
{
    private const int Segments = 3;
    private const int MaxSteps = 5000;

    private readonly ITestOutputHelper _output;

    public PowerCutSuiteTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static bool Soak => Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1";

    private static int CleanRunWriteOperations()
    {
        var store = new SimulatedFatStore(0);
        var scenario = new SpoolScenario(store, Segments);
        Assert.True(scenario.Run(MaxSteps), scenario.ToString());
        scenario.AssertEverythingDelivered();
        return store.WriteOperations;
    }

    [Fact]
    public void A_Cut_At_Every_Write_Operation_Loses_No_Sealed_Segment_And_Reuses_No_Sequence()
    {
        int total = CleanRunWriteOperations();
        int seedsPerCut = Soak ? 16 : 2;
        for (int cut = 1; cut <= total; cut++)
        {
            for (int seed = 0; seed < seedsPerCut; seed++)
            {
                var store = new SimulatedFatStore(cut * 7919 + seed) { CutAtWriteOperation = cut };
                var scenario = new SpoolScenario(store, Segments);
                string context = $"cut at write {cut}/{total}, seed {cut * 7919 + seed}";
                try
                {
                    Assert.True(scenario.Run(MaxSteps), $"{context}: did not finish: {scenario}");
                    Assert.Equal(1, scenario.PowerCuts);
                    scenario.AssertEverythingDelivered();
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException || !e.Message.StartsWith("cut", StringComparison.Ordinal))
                {
                    throw new Xunit.Sdk.XunitException($"{context}: {e.Message}\n{store.Describe()}");
                }
            }
        }

        _output.WriteLine($"{total} write operations per run, {total * seedsPerCut} runs");
    }

    [Fact]
    public void With_The_Real_Sealer_A_Cut_At_Every_Write_Operation_Loses_Nothing_And_Every_Gap_In_The_Chain_Is_Declared_By_The_Record_After_It()
    {
        using var sealer = new EvidenceSealer();
        var clean = new SimulatedFatStore(0);
        var cleanRun = new SpoolScenario(clean, Segments, sealer: sealer);
        Assert.True(cleanRun.Run(MaxSteps), cleanRun.ToString());
        cleanRun.AssertEverythingDelivered();
        int total = clean.WriteOperations;
        int seeds = Soak ? 8 : 1;
        for (int run = 0; run < total * seeds; run++)
        {
            int cut = 1 + run % total;
            var store = new SimulatedFatStore(run) { CutAtWriteOperation = cut };
            var scenario = new SpoolScenario(store, Segments, sealer: sealer);
            try
            {
                Assert.True(scenario.Run(MaxSteps), $"did not finish: {scenario}");
                scenario.AssertEverythingDelivered();
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"real sealer, cut at write {cut}/{total}: {e.Message}\n{store.Describe()}");
            }
        }

        _output.WriteLine($"real sealer: {total} write operations per run, {total * seeds} runs");
    }

    [Fact]
    public void Random_Double_Cuts_Including_During_Recovery_Lose_Nothing()
    {
        int total = CleanRunWriteOperations();
        int runs = Soak ? 100_000 : 10_000;
        var random = new Random(20261122);
        int doubleCuts = 0;
        for (int run = 0; run < runs; run++)
        {
            int seed = random.Next();
            int first = 1 + random.Next(total);
            int second = 1 + random.Next(12);
            var store = new SimulatedFatStore(seed) { CutAtWriteOperation = first };
            var scenario = new SpoolScenario(store, Segments);
            bool armed = false;
            string context = $"run {run}: seed {seed}, cuts at write {first} and {second} writes after reboot";
            try
            {
                Assert.True(scenario.Run(MaxSteps, () =>
                {
                    if (!armed)
                    {
                        armed = true;
                        store.CutAtWriteOperation = store.WriteOperations + second;
                    }
                }), $"did not finish: {scenario}");
                scenario.AssertEverythingDelivered();
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{context}: {e.Message}\n{store.Describe()}");
            }

            doubleCuts += scenario.PowerCuts == 2 ? 1 : 0;
        }

        // Most second cuts land in recovery or just after it; a few fall after the run ended.
        Assert.True(doubleCuts > runs * 9 / 10, $"only {doubleCuts} of {runs} runs were cut twice");
        _output.WriteLine($"{runs} runs, {doubleCuts} cut twice");
    }
}
