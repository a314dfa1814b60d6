using CamAgent.Core.Board;
using CamAgent.Core.Platform;
using CamAgent.Core.Provisioning;

namespace CamAgent.Device.Boot
{
    /// <summary>
    /// The board profile comes from the signed device bundle (docs/device-bundle.md, payload key
    /// 4): it is never a loose file, so nobody can rewire the LED or the secure element without
    /// the agency's signature. The last applied profile is kept in the "board" record on internal
    /// flash; a freshly deployed bundle's profile is used for the boot that applies it.
    /// </summary>
    public static class BoardSetup
    {
        private const string Component = "board";

        /// <summary>The profile to use, or null when none was ever installed or it does not read.</summary>
        public static BoardProfile Load(BundleInstaller installer, DeviceBundle deployed, ILogSink log)
        {
            byte[] json;
            int offset = 0;
            int length;
            if (deployed != null)
            {
                json = deployed.Buffer;
                offset = deployed.BoardOffset;
                length = deployed.BoardLength;
            }
            else
            {
                json = installer.LoadBoardProfile(out length);
                if (json == null)
                {
                    return null;
                }
            }

            BoardProfile profile;
            string field;
            BoardStatus status = BoardProfileReader.Read(json, offset, length, out profile, out field);
            if (status != BoardStatus.Ok)
            {
                log.Write(LogLevel.Error, Component, "board profile refused: " + status.ToString() + " at '" + field + "'");
                return null;
            }

            log.Write(LogLevel.Info, Component, "board " + profile.Name + ", secure element " + profile.SecureElement);
            return profile;
        }
    }
}
