using System.Threading;
using CamAgent.Core.Agent;
using CamAgent.Core.Board;
using CamAgent.Core.Config;
using CamAgent.Core.Platform;
using CamAgent.Core.Provisioning;
using CamAgent.Core.Upload;
using CamAgent.Device.Adapters;
using CamAgent.Device.Boot;
using CamAgent.Device.Network;

namespace CamAgent.Device
{
    /// <summary>
    /// Composition root of the device application. Boot order: internal flash records, the
    /// deployed bundle (verified against the pinned key), the board profile, the signer chosen by
    /// the board, the configuration (stored, then the bundle's if newer), the status LED, the SD
    /// card, then the network thread and the agent thread. Without a valid configuration the
    /// device shows the credential-error pattern and seals nothing (docs/agent.md §4).
    /// </summary>
    public static class Program
    {
        private const string Component = "boot";

        public static void Main()
        {
            DebugLogSink log = new DebugLogSink(LogLevel.Info);
            TickCountClock monotonic = new TickCountClock();
            FlashRecordSlots slots = new FlashRecordSlots();
            BundleInstaller installer = new BundleInstaller(slots, log);
            DeviceBundle bundle = new DeviceBundle();
            bool deployed = installer.TryReadDeployed(new BundleReader(), bundle);

            BoardProfile board = BoardSetup.Load(installer, deployed ? bundle : null, log);
            if (board == null)
            {
                log.Write(LogLevel.Error, Component, "no board profile: provision the device with a bundle (docs/integrator-guide.md)");
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            StatusLed led = new StatusLed(board.StatusLedPin, board.StatusLedActiveLow);
            ISigner secureElement = SignerSetup.CreateSecureElement(board);
            bool configChanged;
            DeviceConfig config = LoadConfig(slots, installer, deployed ? bundle : null, secureElement, log, out configChanged);
            if (config == null)
            {
                ShowCredentialErrorForever(led, monotonic);
                return;
            }

            log.Write(LogLevel.Info, Component, config.ToString());
            Run(config, configChanged, board, slots, secureElement, led, monotonic, log);
        }

        private static DeviceConfig LoadConfig(FlashRecordSlots slots, BundleInstaller installer, DeviceBundle bundle, ISigner secureElement, ILogSink log, out bool changed)
        {
            changed = false;
            SignerCredentialCheck credentials = new SignerCredentialCheck(new SoftwareSignerFactory(SignerSetup.CreateSoftware), secureElement);
            ConfigStore store = new ConfigStore(slots, new ConfigValidator(credentials));
            ConfigResult loaded = store.Load();
            if (!loaded.IsOk)
            {
                log.Write(LogLevel.Warning, Component, "stored configuration: " + loaded.ToString());
            }

            if (bundle != null)
            {
                ConfigResult applied = store.Apply(bundle.Buffer, bundle.ConfigOffset, bundle.ConfigLength);
                if (applied.IsOk)
                {
                    installer.Commit(bundle);
                    changed = true;
                }
                else
                {
                    installer.Reject(applied);
                }
            }

            return store.Current;
        }

        private static void Run(DeviceConfig config, bool configChanged, BoardProfile board, FlashRecordSlots slots, ISigner secureElement, StatusLed led, TickCountClock monotonic, DebugLogSink log)
        {
            WifiLink wifi = new WifiLink(config.WifiSsid, config.WifiPassword, log);
            SslTlsConnector tls = new SslTlsConnector(DeviceCredentials.AgencyCa(config), DeviceCredentials.ClientCertificate(config), config.AgencyAddress, wifi, log);
            SdCardVolume card = SdCardVolume.ForBoard(board);
            if (!card.TryMount())
            {
                log.Write(LogLevel.Error, Component, "SD card not mounted; retrying while the agent waits");
            }

            AgentPlatform platform = new AgentPlatform();
            platform.Store = new FatFileStore(SdCardVolume.Root, card);
            platform.Slots = slots;
            platform.WallClock = new SystemWallClock();
            platform.Connector = tls;
            platform.Link = wifi;
            platform.Log = log;
            platform.Random = new PseudoRandomSource((int)monotonic.ElapsedMs ^ config.DeviceId.GetHashCode());
            platform.Hmac = new NativeHmacSha256Factory();
            platform.Signer = SignerSetup.ForConfig(config, secureElement);
            platform.ReceiptChecker = new PinnedReceiptChecker(config.ReceiptPublicKey, 0);
            platform.SpoolDirectory = DeviceConstants.SpoolDirectory;
            platform.SegmentDirectory = DeviceConstants.SegmentDirectory;

            // The clock goes below the floor before the agent's first sample, and the network (hence
            // SNTP) starts only after that sample, so the first SNTP update is always an observable step.
            SntpTimeSync sntp = new SntpTimeSync(log);
            sntp.HoldClockBelowFloor();
            AgentLoop agent = new AgentLoop(platform, config);
            TimeSourcePinning time = new TimeSourcePinning(sntp, new NetworkChangeEvents(wifi), config.AgencyTimeServer, log);
            NetworkThread network = new NetworkThread(wifi, time);
            new AgentThread(agent, card, led, monotonic, log).Run(configChanged, network);
        }

        private static void ShowCredentialErrorForever(StatusLed led, TickCountClock monotonic)
        {
            LedPattern pattern = LedPattern.For(AgentStatus.CredentialError);
            while (true)
            {
                led.Show(pattern, monotonic.ElapsedMs);
                Thread.Sleep(DeviceConstants.CredentialErrorPollMs);
            }
        }
    }
}
