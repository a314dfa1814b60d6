using System;
using System.Collections;
using System.Text;
using CamAgent.Core.Agent;
using CamAgent.Core.Config;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;
using CamAgent.Core.Time;
using CamAgent.Core.Upload;
using CamAgent.Device.TestPorts.Pki;
using CamAgent.Device.TestPorts.Platform;
using CamAgent.Device.TestPorts.Storage;
using CamAgent.Device.TestPorts.Tus;

namespace CamAgent.Device.AgentTests
{
    /// <summary>
    /// A camera for one scenario: the shipped <see cref="AgentLoop"/> built from an
    /// <see cref="AgentPlatform"/> as the device program builds it (src/CamAgent.Device/Program.cs),
    /// with in-memory ports: a RAM SD card that loses power on cue, RAM record slots, the scenario's
    /// clocks, a deterministic random source, Core's managed HMAC, the managed P-256 signer with the
    /// configured key, receipts checked by the shipped pinned checker, and a test TLS connector to
    /// the scripted ingest server. A recorder writes segments onto the card. After every step a
    /// <see cref="DeletionWatch"/> checks that nothing was deleted before its receipt was verified.
    /// </summary>
    public sealed class DeviceRig
    {
        public const string SegmentDirectory = "REC";
        public const string SpoolDirectory = "SPOOL";

        /// <summary>The smallest chunk size the configuration allows: the smallest sealing buffers, for boards without PSRAM.</summary>
        public const int ChunkSizeBytes = 4096;

        /// <summary>When the scenarios happen: 100 days after the firmware's build floor.</summary>
        public const long AgencyStartUnixMs = TimeConstants.BuildFloorUnixMs + 100L * 86400000;

        /// <summary>Simulated time a step takes when the loop asks to be called again at once.</summary>
        private const int BusyStepMs = 10;

        private const int SegmentSeedBase = 1000;

        private readonly Hashtable _recorded = new Hashtable();
        private readonly DeletionWatch _watch;
        private readonly int _seed;
        private long _recorderSequence;

        /// <param name="wallStartUnixMs">Where the device's wall clock starts (<see cref="AgencyStartUnixMs"/> or the boot hold).</param>
        /// <param name="seed">Draws the card's power-cut outcomes and the retry jitter.</param>
        public DeviceRig(Scenario scenario, long wallStartUnixMs, int seed)
        {
            Scenario = scenario;
            scenario.Rig = this;
            _seed = seed;
            Pki = TestPki.Shared;
            Config = ValidConfig(Pki);
            Clocks = new ScenarioClocks(AgencyStartUnixMs, wallStartUnixMs);
            Store = new RamFileStore(seed);
            Store.RecorderCreateDirectory(SegmentDirectory);
            Slots = new RamRecordSlots();
            Server = new ScriptedTusServer(Pki, Clocks);
            Connector = new TestTlsConnector(Server);
            Checker = new CountingReceiptChecker(new PinnedReceiptChecker(Config.ReceiptPublicKey, 0));
            Log = new MemoryLog();
            Link = new SwitchableLink();
            _watch = new DeletionWatch(this);
        }

        public Scenario Scenario { get; private set; }

        public TestPki Pki { get; private set; }

        public DeviceConfig Config { get; private set; }

        public ScenarioClocks Clocks { get; private set; }

        public RamFileStore Store { get; private set; }

        public RamRecordSlots Slots { get; private set; }

        public ScriptedTusServer Server { get; private set; }

        public TestTlsConnector Connector { get; private set; }

        public CountingReceiptChecker Checker { get; private set; }

        public MemoryLog Log { get; private set; }

        public SwitchableLink Link { get; private set; }

        /// <summary>The agent of the current boot.</summary>
        public AgentLoop Agent { get; private set; }

        /// <summary>
        /// Powers the device on: a new agent on the same card and flash, monotonic time from the
        /// start. <paramref name="timeServiceReportsSync"/>: the clock is reported synchronised
        /// right after start, as a host whose time service reports success does (AgentLoop.NotifyTimeSynced);
        /// false: the device's own way, where only a step onto a plausible time counts.
        /// </summary>
        public AgentStartStatus Boot(bool timeServiceReportsSync)
        {
            Clocks.RestartMonotonic();
            AgentPlatform platform = new AgentPlatform();
            platform.Store = Store;
            platform.Slots = Slots;
            platform.WallClock = Clocks;
            platform.Connector = Connector;
            platform.Link = Link;
            platform.Log = Log;
            platform.Random = new DeterministicRandom(_seed);
            platform.Hmac = new ManagedHmacSha256Factory();
            platform.Signer = new EcdsaP256Signer(Config.DeviceKey);
            platform.ReceiptChecker = Checker;
            platform.SpoolDirectory = SpoolDirectory;
            platform.SegmentDirectory = SegmentDirectory;
            Agent = new AgentLoop(platform, Config);
            AgentStartStatus status = Agent.Start(Clocks.MonotonicMs);
            if (status == AgentStartStatus.Ok && timeServiceReportsSync)
            {
                Agent.NotifyTimeSynced(Clocks.MonotonicMs);
            }

            return status;
        }

        /// <summary>The recorder finishes a segment of <paramref name="lengthBytes"/> (REC/nnnnnnnn.SEG); returns its file name.</summary>
        public string RecordSegment(int lengthBytes)
        {
            _recorderSequence++;
            byte[] content = new byte[lengthBytes];
            new DeterministicRandom(SegmentSeedBase + (int)_recorderSequence).Fill(content, 0, lengthBytes);
            string name = _recorderSequence.ToString().PadLeft(8, '0') + ".SEG";
            Store.RecorderWrite(SegmentDirectory + "/" + name, content);
            _recorded[name] = content;
            return name;
        }

        /// <summary>The content the recorder wrote under <paramref name="fileName"/>, or null.</summary>
        public byte[] Recorded(string fileName)
        {
            return (byte[])_recorded[fileName];
        }

        /// <summary>Every segment the recorder wrote, by file name.</summary>
        public Hashtable RecordedSegments
        {
            get { return _recorded; }
        }

        /// <summary>Steps the agent for <paramref name="durationMs"/> of simulated time, waiting what it asks between steps.</summary>
        public void Run(long durationMs)
        {
            long end = Clocks.MonotonicMs + durationMs;
            while (Clocks.MonotonicMs < end)
            {
                StepOnce();
            }
        }

        /// <summary>Steps until the agent reports Idle (nothing waits) or <paramref name="capMs"/> of simulated time pass; true when idle.</summary>
        public bool RunUntilIdle(long capMs)
        {
            long end = Clocks.MonotonicMs + capMs;
            do
            {
                StepOnce();
            }
            while (Agent.Status != AgentStatus.Idle && Clocks.MonotonicMs < end);
            return Agent.Status == AgentStatus.Idle;
        }

        /// <summary>Steps until the card loses power (true) or <paramref name="capMs"/> of simulated time pass (false).</summary>
        public bool RunUntilPowerCut(long capMs)
        {
            long end = Clocks.MonotonicMs + capMs;
            try
            {
                while (Clocks.MonotonicMs < end)
                {
                    StepOnce();
                }
            }
            catch (PowerCutException)
            {
                // The cut operation may itself have been a deletion that took effect.
                _watch.Check();
                return true;
            }

            return false;
        }

        /// <summary>The card, the server's exchange and the agent's last log lines, for a failure message.</summary>
        public string Describe()
        {
            StringBuilder text = new StringBuilder();
            text.Append("agent status: ").Append(Agent == null ? "not booted" : Agent.Status.ToString()).Append('\n');
            text.Append("card:\n").Append(Store.Describe());
            text.Append("server requests:");
            for (int i = 0; i < Server.Requests.Count; i++)
            {
                text.Append(' ').Append(Server.Requests[i].ToString()).Append(';');
            }

            text.Append("\nserver refusals:");
            for (int i = 0; i < Server.Refusals.Count; i++)
            {
                text.Append(' ').Append((string)Server.Refusals[i]).Append(';');
            }

            text.Append("\nagent log, last lines:\n").Append(Log.Tail());
            return text.ToString();
        }

        private void StepOnce()
        {
            int waitMs = Agent.Step(Clocks.MonotonicMs);
            _watch.Check();
            Clocks.Advance(waitMs == 0 ? BusyStepMs : waitMs);
        }

        private static DeviceConfig ValidConfig(TestPki pki)
        {
            byte[] text = pki.ConfigText(ChunkSizeBytes);
            ConfigResult result = new ConfigValidator(new SignerCredentialCheck(SoftwareSigner, null)).Validate(text, 0, text.Length);
            if (!result.IsOk)
            {
                throw new InvalidOperationException("the test configuration was refused: " + result.ToString());
            }

            return result.Config;
        }

        private static ISigner SoftwareSigner(byte[] privateKey32)
        {
            return new EcdsaP256Signer(privateKey32);
        }
    }
}
