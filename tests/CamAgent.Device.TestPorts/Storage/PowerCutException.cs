using System;

namespace CamAgent.Device.TestPorts.Storage
{
    /// <summary>
    /// Thrown by <see cref="RamFileStore"/> when the power is cut, and by every call after it until
    /// <see cref="RamFileStore.PowerOn"/>: the device stops in the middle of whatever it was doing.
    /// Not an IOException, so no part of the agent can mistake it for a medium error and carry on.
    /// </summary>
    public sealed class PowerCutException : Exception
    {
        public PowerCutException(int writeOperation)
            : base("power cut at write operation " + writeOperation.ToString())
        {
            WriteOperation = writeOperation;
        }

        /// <summary>The write operation (1-based) during which the power went.</summary>
        public int WriteOperation { get; private set; }
    }
}
