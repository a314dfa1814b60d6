using System;
using System.Collections;
using CamAgent.Core.Upload;

namespace CamAgent.Device.TestPorts.Platform
{
    /// <summary>
    /// Passes every receipt to the shipped checker (<see cref="PinnedReceiptChecker"/>) and remembers
    /// the sequence numbers whose receipt it accepted, so a scenario can tell that nothing was
    /// deleted before its receipt was verified.
    /// </summary>
    public sealed class CountingReceiptChecker : IReceiptChecker
    {
        private readonly IReceiptChecker _inner;
        private readonly ArrayList _accepted = new ArrayList();

        public CountingReceiptChecker(IReceiptChecker inner)
        {
            if (inner == null)
            {
                throw new ArgumentNullException("inner");
            }

            _inner = inner;
        }

        /// <summary>Receipts checked, accepted or not.</summary>
        public int Checks { get; private set; }

        /// <summary>Receipts the checker refused.</summary>
        public int Refused { get; private set; }

        public ReceiptCheckStatus Check(UploadJob job, byte[] receipt, int offset, int count)
        {
            ReceiptCheckStatus status = _inner.Check(job, receipt, offset, count);
            Checks++;
            if (status == ReceiptCheckStatus.Valid)
            {
                _accepted.Add(job.Sequence);
            }
            else
            {
                Refused++;
            }

            return status;
        }

        /// <summary>True when a receipt for record <paramref name="sequence"/> passed the check.</summary>
        public bool Accepted(long sequence)
        {
            for (int i = 0; i < _accepted.Count; i++)
            {
                if ((long)_accepted[i] == sequence)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
