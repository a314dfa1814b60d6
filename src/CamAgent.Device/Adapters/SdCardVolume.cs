using System;
using System.IO;
using CamAgent.Core.Board;
using nanoFramework.Hardware.Esp32;
using nanoFramework.System.IO.FileSystem;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// The SD card as the board profile wires it (docs/boards.md): SDMMC in 1-bit mode (the
    /// ESP32's SDMMC pins are fixed in silicon, so only the width is configured) or SPI, whose
    /// pins are routed with Configuration.SetPinFunction. Slot 0 mounts as drive D:.
    /// </summary>
    public sealed class SdCardVolume : IVolume
    {
        /// <summary>Drive of SD slot 0 in nanoFramework.</summary>
        public const string Root = "D:\\";

        // The largest FAT32 cluster an SDHC/SDXC card is formatted with: rounding every file up
        // to it makes the free-space estimate err low, as the storage monitor requires.
        private const long WorstCaseClusterBytes = 32768;

        // SPI host that nanoFramework's ESP32 targets call bus 1 (its SPI1_* pin functions).
        private const uint SdSpiBus = 1;

        private readonly SDCard _card;

        private SdCardVolume(SDCard card)
        {
            _card = card;
        }

        public bool IsMounted
        {
            get { return _card.IsMounted; }
        }

        /// <summary>Routes the pins and creates the card for <paramref name="board"/>; mount with <see cref="TryMount"/>.</summary>
        public static SdCardVolume ForBoard(BoardProfile board)
        {
            if (board == null)
            {
                throw new ArgumentNullException("board");
            }

            if (board.SdMode == BoardProfile.SdModeSdmmc1Bit)
            {
                SDCardMmcParameters mmc = new SDCardMmcParameters();
                mmc.slotIndex = 0;
                mmc.dataWidth = SDCard.SDDataWidth._1_bit;
                return new SdCardVolume(new SDCard(mmc, null));
            }

            Configuration.SetPinFunction(board.SdSpiSckPin, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(board.SdSpiMisoPin, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(board.SdSpiMosiPin, DeviceFunction.SPI1_MOSI);
            SDCardSpiParameters spi = new SDCardSpiParameters();
            spi.slotIndex = 0;
            spi.spiBus = SdSpiBus;
            spi.chipSelectPin = (uint)board.SdSpiCsPin;
            return new SdCardVolume(new SDCard(spi, null));
        }

        /// <summary>Mounts the card; false (card absent or unreadable) is an expected outcome.</summary>
        public bool TryMount()
        {
            if (_card.IsMounted)
            {
                return true;
            }

            try
            {
                _card.Mount();
            }
            catch (IOException)
            {
                return false;
            }

            return _card.IsMounted;
        }

        public long EstimateFreeBytes()
        {
            DriveInfo drive = new DriveInfo(Root);
            long used = UsedBytes(Root);
            long free = drive.TotalSize - used;
            return free < 0 ? 0 : free;
        }

        private static long UsedBytes(string directory)
        {
            long used = 0;
            string[] files = Directory.GetFiles(directory);
            for (int i = 0; i < files.Length; i++)
            {
                using (FileStream file = new FileStream(files[i], FileMode.Open, FileAccess.Read))
                {
                    used += RoundUpToCluster(file.Length);
                }
            }

            string[] directories = Directory.GetDirectories(directory);
            for (int i = 0; i < directories.Length; i++)
            {
                used += WorstCaseClusterBytes + UsedBytes(directories[i]);
            }

            return used;
        }

        private static long RoundUpToCluster(long lengthBytes)
        {
            long clusters = (lengthBytes + WorstCaseClusterBytes - 1) / WorstCaseClusterBytes;
            return clusters * WorstCaseClusterBytes;
        }
    }
}
