using CamAgent.Core.Board;
using CamAgent.Core.Config;
using CamAgent.Core.Crypto;
using CamAgent.Core.Platform;
using CamAgent.Core.SecureElement;
using CamAgent.Device.Adapters;
using nanoFramework.Hardware.Esp32;

namespace CamAgent.Device.Boot
{
    /// <summary>
    /// Chooses the evidence signer by the board profile: the ATECC608 when the board has one
    /// (its key never leaves the chip), else the managed P-256 signer with the configured key.
    /// </summary>
    public static class SignerSetup
    {
        // The ESP32 I2C controller nanoFramework calls bus 1 (its I2C1_* pin functions).
        private const int SecureElementI2cBus = 1;

        /// <summary>The secure element's signer, or null when the board has none.</summary>
        public static ISigner CreateSecureElement(BoardProfile board)
        {
            if (!board.HasSecureElement)
            {
                return null;
            }

            Configuration.SetPinFunction(board.SeI2cSdaPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(board.SeI2cSclPin, DeviceFunction.I2C1_CLOCK);
            Esp32I2cBus bus = new Esp32I2cBus(SecureElementI2cBus);
            Atecc608 chip = new Atecc608(bus, new ThreadDelay(), board.SeI2cAddress);
            return new SecureElementSigner(chip, DeviceConstants.SecureElementKeySlot);
        }

        /// <summary>The managed signer for a configured key (the configuration validator's factory too).</summary>
        public static ISigner CreateSoftware(byte[] privateKey32)
        {
            return new EcdsaP256Signer(privateKey32);
        }

        /// <summary>The signer the agent seals with under <paramref name="config"/>.</summary>
        public static ISigner ForConfig(DeviceConfig config, ISigner secureElement)
        {
            return config.Signer == SignerChoice.SecureElement ? secureElement : CreateSoftware(config.DeviceKey);
        }
    }
}
