using System;
using System.Device.Gpio;
using CamAgent.Core.Agent;

namespace CamAgent.Device.Adapters
{
    /// <summary>
    /// The status LED on the GPIO and with the polarity the board profile gives. Core chooses the
    /// pattern (LedPattern, docs/officer-guide.md); this adapter only drives the pin, and only
    /// when the lit state changes.
    /// </summary>
    public sealed class StatusLed : IDisposable
    {
        private readonly GpioController _gpio;
        private readonly GpioPin _pin;
        private readonly bool _activeLow;
        private bool _lit;

        public StatusLed(int pinNumber, bool activeLow)
        {
            if (pinNumber < 0)
            {
                throw new ArgumentOutOfRangeException("pinNumber");
            }

            _activeLow = activeLow;
            _gpio = new GpioController();
            _pin = _gpio.OpenPin(pinNumber, PinMode.Output);
            _lit = true;
            Set(false);
        }

        /// <summary>Shows <paramref name="pattern"/> as it should look <paramref name="patternElapsedMs"/> into its cycle.</summary>
        public void Show(LedPattern pattern, long patternElapsedMs)
        {
            if (pattern == null)
            {
                throw new ArgumentNullException("pattern");
            }

            Set(pattern.IsLit(patternElapsedMs));
        }

        public void Dispose()
        {
            Set(false);
            _gpio.Dispose();
        }

        private void Set(bool lit)
        {
            if (lit == _lit)
            {
                return;
            }

            _lit = lit;
            _pin.Write(lit != _activeLow ? PinValue.High : PinValue.Low);
        }
    }
}
