using System.Diagnostics;
using CamAgent.Core.Agent;
using CamAgent.Core.Tests.Storage;
using Xunit.Abstractions;

namespace CamAgent.Core.Tests.Spool;

/// <summary>
/// Power is cut at every write of a run in which the shipped <see cref="AgentLoop"/> seals,
/// uploads, receipts and deletes three recorded segments (<see cref="AgentScenario"/>): at every
/// card write, at every flash write, during the boot that follows a cut, and at random pairs of
/// points whose second lands during or just after recovery. The server's oracle and the scenario
/// check on every boot and at the end: no sealed segment lost, no sequence number signed twice,
/// every gap declared, nothing deleted before its receipt, no boot number shared.
/// CAMAGENT_SOAK=1 runs more seeds per cut and ten times the random double cuts.
/// </summary>
public class PowerCutSuiteTests : IClassFixture<ScenarioDevice>
{
    private const int Segments = 3;
    private const int MaxSteps = 20_000;

    // Seeded random double cuts by default: every run boots the agent three times and signs about
    // ten records, so 10,000 would take about two minutes of a two-core machine. CAMAGENT_SOAK=1 runs 10,000.
    private const int DefaultDoubleCuts = 2_000;
    private const int SoakDoubleCuts = 10_000;

    private readonly ScenarioDevice _device;
    private readonly ITestOutputHelper _output;

    public PowerCutSuiteTests(ScenarioDevice device, ITestOutputHelper output)
    {
        _device = device;
        _output = output;
    }

    private static bool Soak => Environment.GetEnvironmentVariable("CAMAGENT_SOAK") == "1";

    private AgentScenario CleanRun()
    {
        var scenario = new AgentScenario(_device, new SimulatedFatStore(0), Segments);
        Assert.True(scenario.Run(MaxSteps), scenario.ToString());
        scenario.AssertEverythingDelivered();
        Assert.Equal(0, scenario.PowerCuts);
        return scenario;
    }

    private void RunToTheEnd(AgentScenario scenario, string context, Action? afterCut = null)
    {
        try
        {
            Assert.True(scenario.Run(MaxSteps, afterCut), $"did not finish: {scenario}");
            scenario.AssertEverythingDelivered();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException || !e.Message.StartsWith(context, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"{context}: {e.Message}\n{scenario.Store.Describe()}");
        }
    }

    [Fact]
    public void A_Cut_At_Every_Card_Write_Of_The_Agent_Loses_No_Sealed_Segment_And_Signs_No_Sequence_Twice()
    {
        var clock = Stopwatch.StartNew();
        int total = CleanRun().Store.WriteOperations;
        int seedsPerCut = Soak ? 8 : 2;
        for (int cut = 1; cut <= total; cut++)
        {
            for (int seed = 0; seed < seedsPerCut; seed++)
            {
                var store = new SimulatedFatStore(cut * 7919 + seed) { CutAtWriteOperation = cut };
                var scenario = new AgentScenario(_device, store, Segments);
                RunToTheEnd(scenario, $"cut at card write {cut}/{total}, seed {cut * 7919 + seed}");
                Assert.Equal(1, scenario.PowerCuts);
            }
        }

        _output.WriteLine($"AgentLoop, power cut at every card write: {total} writes cut, {seedsPerCut} seeds each, {total * seedsPerCut} runs, {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void A_Cut_At_Every_Flash_Write_Of_The_Agent_Loses_Nothing_And_Shares_No_Boot_Number()
    {
        int total = CleanRun().Slots.Writes;
        for (int cut = 0; cut < total; cut++)
        {
            for (int kept = 0; kept <= 40; kept += 20)
            {
                var scenario = new AgentScenario(_device, new SimulatedFatStore(cut + kept), Segments);
                scenario.Slots.CutAtWrite = cut;
                scenario.Slots.CutKeepsBytes = kept;
                RunToTheEnd(scenario, $"cut at flash write {cut + 1}/{total} keeping {kept} bytes");
                Assert.Equal(1, scenario.PowerCuts);
            }
        }

        _output.WriteLine($"AgentLoop, power cut at every flash write: {total} flash writes cut, 3 torn lengths each");
        Assert.True(total >= 2, "a run counts its boot and raises the time floor");
    }

    [Fact]
    public void A_Cut_At_Every_Write_Of_The_Boot_After_A_Cut_Loses_Nothing()
    {
        var clock = Stopwatch.StartNew();
        int total = CleanRun().Store.WriteOperations;
        int runs = 0;
        for (int first = 1; first <= total; first += 7)
        {
            // The same seed replays the same first cut; the boot after it writes at known places.
            var pilot = new AgentScenario(_device, new SimulatedFatStore(first) { CutAtWriteOperation = first }, Segments);
            RunToTheEnd(pilot, $"pilot, cut at {first}");
            (int firstWrite, int writes, int flashWrite) = pilot.StartWrites.First(w => w.FirstWrite > first);
            for (int second = firstWrite; second < firstWrite + writes; second++)
            {
                var store = new SimulatedFatStore(first) { CutAtWriteOperation = first };
                var scenario = new AgentScenario(_device, store, Segments);
                int cut = second;
                RunToTheEnd(scenario, $"cut at {first}, then at boot write {second}", () => store.CutAtWriteOperation = scenario.PowerCuts == 1 ? cut : 0);
                Assert.Equal(2, scenario.PowerCuts);
                runs++;
            }

            var flashCut = new AgentScenario(_device, new SimulatedFatStore(first) { CutAtWriteOperation = first }, Segments);
            RunToTheEnd(flashCut, $"cut at {first}, then at the boot's flash write", () => flashCut.Slots.CutAtWrite = flashCut.PowerCuts == 1 ? flashWrite : -1);
            runs++;
        }

        _output.WriteLine($"AgentLoop, power cut during the boot itself: {runs} runs (every card write and the flash write of the boot after a cut at every 7th write), {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Random_Double_Cuts_Including_During_Recovery_Lose_Nothing()
    {
        var clock = Stopwatch.StartNew();
        int total = CleanRun().Store.WriteOperations;
        int runs = Soak ? SoakDoubleCuts : DefaultDoubleCuts;
        var random = new Random(20261122);
        int doubleCuts = 0;
        for (int run = 0; run < runs; run++)
        {
            int seed = random.Next();
            int first = 1 + random.Next(total);
            int second = 1 + random.Next(12);
            var store = new SimulatedFatStore(seed) { CutAtWriteOperation = first };
            var scenario = new AgentScenario(_device, store, Segments);
            bool armed = false;
            RunToTheEnd(scenario, $"run {run}: seed {seed}, cuts at write {first} and {second} writes after reboot", () =>
            {
                if (!armed)
                {
                    armed = true;
                    store.CutAtWriteOperation = store.WriteOperations + second;
                }
            });
            doubleCuts += scenario.PowerCuts == 2 ? 1 : 0;
        }

        // Most second cuts land in recovery or just after it; a few fall after the run ended.
        Assert.True(doubleCuts > runs * 9 / 10, $"only {doubleCuts} of {runs} runs were cut twice");
        _output.WriteLine($"AgentLoop, random double cuts: {runs} seeded runs, {doubleCuts} double cuts, {clock.Elapsed.TotalSeconds:F1} s");
    }
}
