using System;
using System.IO;
using CamAgent.Core.Config;
using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;
using CamAgent.Core.Provisioning;

namespace CamAgent.Device.Boot
{
    /// <summary>
    /// Applies the device bundle that `camagent board flash` deployed to internal flash
    /// (docs/device-bundle.md, "How a device checks a bundle"): verify against the pinned
    /// bundle-signing key (pin it on first provisioning), apply the configuration as a whole
    /// (ConfigStore refuses older serials), keep the board profile, then delete the bundle file,
    /// which may hold the device key and the Wi-Fi password. A refused bundle changes nothing
    /// and is deleted as well, so a bad file cannot be retried at every boot.
    /// </summary>
    public sealed class BundleInstaller
    {
        private const string Component = "bundle";

        private readonly IRecordSlots _slots;
        private readonly ILogSink _log;
        private readonly DurableRecord _pin;
        private readonly DurableRecord _board;

        public BundleInstaller(IRecordSlots slots, ILogSink log)
        {
            if (slots == null)
            {
                throw new ArgumentNullException("slots");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _slots = slots;
            _log = log;
            _pin = new DurableRecord(slots, DeviceConstants.PinnedKeyRecord, BundleReader.SignerKeyBytes);
            _board = new DurableRecord(slots, DeviceConstants.BoardRecord, DeviceConstants.MaxBoardBytes);
        }

        /// <summary>
        /// Reads the deployed bundle, if any, and checks it. On true, <paramref name="bundle"/>
        /// holds a verified bundle whose configuration the caller applies, then calls
        /// <see cref="Commit"/>; on false there was none or it was refused (logged and deleted).
        /// </summary>
        public bool TryReadDeployed(BundleReader reader, DeviceBundle bundle)
        {
            if (!File.Exists(DeviceConstants.BundlePath))
            {
                return false;
            }

            byte[] encoded = ReadBundleFile();
            if (encoded == null)
            {
                return false;
            }

            byte[] pinned = LoadPinnedKey();
            BundleStatus status = reader.Read(encoded, 0, encoded.Length, pinned, bundle);
            if (status != BundleStatus.Ok)
            {
                _log.Write(LogLevel.Error, Component, "deployed bundle refused: " + status.ToString());
                DeleteBundleFile();
                return false;
            }

            _log.Write(LogLevel.Info, Component, "bundle for " + bundle.DeviceId + (pinned == null ? " verified (first provisioning: pinning its signing key)" : " verified against the pinned key"));
            return true;
        }

        /// <summary>
        /// After the configuration of <paramref name="bundle"/> was applied: pins the signing key
        /// (first provisioning), stores the board profile and deletes the bundle file. Returns
        /// false if either record could not be written; the configuration stays applied.
        /// </summary>
        public bool Commit(DeviceBundle bundle)
        {
            bool ok = Replace(_pin, BundleReader.SignerKeyBytes, bundle.Buffer, bundle.SignerKeyOffset, BundleReader.SignerKeyBytes);
            ok &= Replace(_board, DeviceConstants.MaxBoardBytes, bundle.Buffer, bundle.BoardOffset, bundle.BoardLength);
            DeleteBundleFile();
            return ok;
        }

        /// <summary>DurableRecord continues the stored generation only after a Load, so each save loads first.</summary>
        private static bool Replace(DurableRecord record, int maxBytes, byte[] payload, int offset, int count)
        {
            int ignored;
            // A load that could read neither slot must not lead to a save (see ConfigStore.Apply).
            if (record.Load(new byte[maxBytes], 0, out ignored) == PersistStatus.IoError)
            {
                return false;
            }

            return record.Save(payload, offset, count) == PersistStatus.Ok;
        }

        /// <summary>Discards a verified bundle whose configuration was refused.</summary>
        public void Reject(ConfigResult result)
        {
            _log.Write(LogLevel.Error, Component, "configuration in the bundle refused: " + result.ToString());
            DeleteBundleFile();
        }

        /// <summary>The stored board profile JSON, or null if none was ever installed.</summary>
        public byte[] LoadBoardProfile(out int length)
        {
            byte[] board = new byte[DeviceConstants.MaxBoardBytes];
            if (_board.Load(board, 0, out length) != PersistStatus.Ok)
            {
                length = 0;
                return null;
            }

            return board;
        }

        private byte[] LoadPinnedKey()
        {
            byte[] key = new byte[BundleReader.SignerKeyBytes];
            int length;
            PersistStatus status = _pin.Load(key, 0, out length);
            return status == PersistStatus.Ok && length == BundleReader.SignerKeyBytes ? key : null;
        }

        private byte[] ReadBundleFile()
        {
            try
            {
                using (FileStream file = new FileStream(DeviceConstants.BundlePath, FileMode.Open, FileAccess.Read))
                {
                    if (file.Length > DeviceConstants.MaxBundleBytes)
                    {
                        _log.Write(LogLevel.Error, Component, "deployed bundle is larger than " + DeviceConstants.MaxBundleBytes.ToString() + " bytes; refused");
                        return null;
                    }

                    byte[] encoded = new byte[(int)file.Length];
                    int total = 0;
                    while (total < encoded.Length)
                    {
                        int read = file.Read(encoded, total, encoded.Length - total);
                        if (read <= 0)
                        {
                            return null;
                        }

                        total += read;
                    }

                    return encoded;
                }
            }
            catch (IOException e)
            {
                _log.Write(LogLevel.Error, Component, "deployed bundle unreadable: " + e.Message);
                return null;
            }
        }

        private void DeleteBundleFile()
        {
            try
            {
                File.Delete(DeviceConstants.BundlePath);
            }
            catch (IOException e)
            {
                _log.Write(LogLevel.Warning, Component, "could not delete the bundle file: " + e.Message);
            }
        }
    }
}
