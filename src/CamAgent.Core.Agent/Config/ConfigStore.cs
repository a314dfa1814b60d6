using System;
using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;

namespace CamAgent.Core.Config
{
    /// <summary>
    /// Holds the configuration in force and replaces it only with one that passed validation as
    /// a whole, carries a higher serial, and was persisted (two-slot <see cref="DurableRecord"/>
    /// "config": a power cut during a save leaves the previous configuration). On any refusal
    /// the current configuration stays, in memory and on storage.
    /// Loading and applying allocate their working buffers (up to
    /// <see cref="ConfigLimits.MaxConfigBytes"/> twice) for the duration of the call only: they run
    /// at boot and on provisioning, outside the upload loop's fixed budget.
    /// </summary>
    public sealed class ConfigStore
    {
        /// <summary>Record name handed to <see cref="IRecordSlots"/>.</summary>
        public const string RecordName = "config";

        private readonly IRecordSlots _slots;
        private readonly ConfigValidator _validator;

        public ConfigStore(IRecordSlots slots, ConfigValidator validator)
        {
            if (slots == null)
            {
                throw new ArgumentNullException("slots");
            }

            if (validator == null)
            {
                throw new ArgumentNullException("validator");
            }

            _slots = slots;
            _validator = validator;
        }

        /// <summary>The configuration in force, or null before a successful load or apply.</summary>
        public DeviceConfig Current { get; private set; }

        /// <summary>
        /// Loads and validates the persisted configuration (boot). Errors: MissingField with an
        /// empty field name when nothing is stored, StorageFailed when it cannot be read, or the
        /// validation error of the stored text (e.g. rules this firmware tightened); then
        /// <see cref="Current"/> stays null and the device reports a credential error.
        /// </summary>
        public ConfigResult Load()
        {
            DurableRecord record = new DurableRecord(_slots, RecordName, ConfigLimits.MaxConfigBytes);
            byte[] text = new byte[ConfigLimits.MaxConfigBytes];
            int length;
            PersistStatus status = record.Load(text, 0, out length);
            if (status == PersistStatus.Missing)
            {
                return ConfigResult.Fail(ConfigError.MissingField, "", 0, "no configuration is stored; provision the device");
            }

            if (status != PersistStatus.Ok)
            {
                return ConfigResult.Fail(ConfigError.StorageFailed, "", 0, "stored configuration could not be read (" + status.ToString() + ")");
            }

            ConfigResult result = _validator.Validate(text, 0, length);
            if (result.IsOk)
            {
                Current = result.Config;
            }

            return result;
        }

        /// <summary>
        /// Validates, checks the serial against <see cref="Current"/>, persists, then switches.
        /// Errors: any validation error, SerialNotNewer, StorageFailed. Never throws for bad input.
        /// </summary>
        public ConfigResult Apply(byte[] data, int offset, int count)
        {
            ConfigResult result = _validator.Validate(data, offset, count);
            if (!result.IsOk)
            {
                return result;
            }

            if (Current != null && result.Config.Serial <= Current.Serial)
            {
                return ConfigResult.Fail(ConfigError.SerialNotNewer, ConfigKeys.Serial, 0, "serial " + result.Config.Serial.ToString() + " is not newer than the configuration in force (" + Current.Serial.ToString() + ")");
            }

            DurableRecord record = new DurableRecord(_slots, RecordName, ConfigLimits.MaxConfigBytes);
            int ignored;
            // Loading first lets the record continue the stored generation and pick the slot to
            // overwrite. A load that could read neither slot must not lead to a save: generation 1
            // written over a copy that was only unreadable for a moment could replace the newest one.
            PersistStatus loaded = record.Load(new byte[ConfigLimits.MaxConfigBytes], 0, out ignored);
            if (loaded == PersistStatus.IoError)
            {
                return ConfigResult.Fail(ConfigError.StorageFailed, "", 0, "could not read the stored configuration (" + loaded.ToString() + "); the previous one stays in force");
            }

            PersistStatus status = record.Save(data, offset, count);
            if (status != PersistStatus.Ok)
            {
                return ConfigResult.Fail(ConfigError.StorageFailed, "", 0, "could not persist the configuration (" + status.ToString() + "); the previous one stays in force");
            }

            Current = result.Config;
            return result;
        }
    }
}
