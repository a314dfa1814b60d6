using System.Device.I2c;
using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Platform;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// <see cref="II2cBus"/> over nanoFramework's System.Device.I2c (1.x: I2cDevice.Write/Read of a
    /// SpanByte, results as I2cTransferResult). The pins are routed beforehand with
    /// Configuration.SetPinFunction(sda, DeviceFunction.I2C1_DATA / I2C1_CLOCK) from the board profile.
    /// The bus runs at 100 kHz (standard mode) because the ATECC608 wake pulse is an address byte of
    /// zeros to address 0x00: at 100 kHz that holds SDA low for 80 µs, above tWLO (60 µs); at 400 kHz
    /// it would be too short. A chip response of at most 67 bytes still takes under 7 ms.
    /// One I2cDevice is kept per address (the chip's, and 0x00 for the wake pulse). Not thread-safe.
    /// </summary>
    public sealed class Esp32I2cBus : II2cBus, IDisposable
    {
        private const int WakeAddress = 0x00;

        private readonly int _busId;
        private readonly byte[] _wakeByte = new byte[1];
        private I2cDevice _device;
        private int _deviceAddress = -1;
        private I2cDevice _wakeDevice;

        /// <summary><paramref name="busId"/>: 1 for the controller behind the I2C1_* pin functions, 2 for I2C2_*.</summary>
        public Esp32I2cBus(int busId)
        {
            _busId = busId;
        }

        /// <summary>The platform's message behind the last <see cref="I2cStatus.BusError"/> (diagnostics; never secret).</summary>
        public string LastError { get; private set; }

        public I2cStatus Write(int address, byte[] buffer, int offset, int count)
        {
            Bytes.CheckRange(buffer, offset, count);
            try
            {
                return ToStatus(DeviceAt(address).Write(new SpanByte(buffer, offset, count)));
            }
            catch (Exception exception)
            {
                // The native I2C driver reports controller failures as plain exceptions.
                return Failed(exception);
            }
        }

        public I2cStatus Read(int address, byte[] buffer, int offset, int count)
        {
            Bytes.CheckRange(buffer, offset, count);
            try
            {
                return ToStatus(DeviceAt(address).Read(new SpanByte(buffer, offset, count)));
            }
            catch (Exception exception)
            {
                return Failed(exception);
            }
        }

        /// <summary>Sends the zero address byte: nobody acknowledges it, which is expected.</summary>
        public I2cStatus Wake()
        {
            try
            {
                if (_wakeDevice == null)
                {
                    _wakeDevice = new I2cDevice(new I2cConnectionSettings(_busId, WakeAddress, I2cBusSpeed.StandardMode));
                }

                I2cStatus status = ToStatus(_wakeDevice.Write(new SpanByte(_wakeByte, 0, 1)));
                return status == I2cStatus.BusError ? I2cStatus.BusError : I2cStatus.Ok;
            }
            catch (Exception exception)
            {
                return Failed(exception);
            }
        }

        public void Dispose()
        {
            if (_device != null)
            {
                _device.Dispose();
                _device = null;
            }

            if (_wakeDevice != null)
            {
                _wakeDevice.Dispose();
                _wakeDevice = null;
            }
        }

        private I2cDevice DeviceAt(int address)
        {
            if (_device == null || _deviceAddress != address)
            {
                if (_device != null)
                {
                    _device.Dispose();
                }

                _device = new I2cDevice(new I2cConnectionSettings(_busId, address, I2cBusSpeed.StandardMode));
                _deviceAddress = address;
            }

            return _device;
        }

        private static I2cStatus ToStatus(I2cTransferResult result)
        {
            switch (result.Status)
            {
                case I2cTransferStatus.FullTransfer:
                    return I2cStatus.Ok;
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return I2cStatus.AddressNotAcknowledged;
                case I2cTransferStatus.PartialTransfer:
                    return I2cStatus.PartialTransfer;
                default:
                    return I2cStatus.BusError;
            }
        }

        private I2cStatus Failed(Exception exception)
        {
            LastError = exception.Message;
            return I2cStatus.BusError;
        }
    }
}
