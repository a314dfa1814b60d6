using System;
using CamAgent.Core.Cbor;
using CamAgent.Core.Cose;
using CamAgent.Core.Evidence;
using CamAgent.Core.Spool;

namespace CamAgent.Core.Agent
{
    /// <summary>
    /// The life of one quarantine (docs/agent.md §6, "A refused record"): a record the server
    /// refused for its own sake is declared in the chain by a continuity record first, then taken
    /// out of the upload queue, every byte kept on the card (<see cref="Spool.Spool.Quarantine"/>).
    /// Declaration first, so that every quarantined record on the card is declared; a cut between
    /// the two leaves the record in the queue, where it is refused and declared again.
    /// Holds one quarantine at a time: uploads wait until it is done.
    /// </summary>
    internal sealed class QuarantineStep
    {
        private readonly Spool.Spool _spool;
        private readonly CoseSign1Message _cose = new CoseSign1Message();
        private readonly CborReader _reader = new CborReader();
        private readonly Manifest _manifest = new Manifest();
        private bool _declared;
        private int _consecutive;

        public QuarantineStep(Spool.Spool spool)
        {
            if (spool == null)
            {
                throw new ArgumentNullException("spool");
            }

            _spool = spool;
            Pending = -1;
        }

        /// <summary>Sequence of the record to quarantine; -1 when none.</summary>
        public long Pending { get; private set; }

        /// <summary>True when the declaration is committed and the record may leave the queue.</summary>
        public bool Declared
        {
            get { return _declared; }
        }

        /// <summary>
        /// Whether a record-specific refusal of this record may quarantine it. Never a declaration
        /// (a server that refuses them would make one per record), nor after
        /// <see cref="AgentConstants.MaxConsecutiveQuarantines"/> in a row without a receipt: a
        /// fault every record has is the device's.
        /// </summary>
        public bool MayQuarantine(RecordKind kind, byte[] manifest, int count)
        {
            return _consecutive < AgentConstants.MaxConsecutiveQuarantines && !IsDeclaration(kind, manifest, count);
        }

        public void Begin(long sequence)
        {
            Pending = sequence;
            _declared = false;
            _consecutive++;
        }

        public void DeclarationSealed()
        {
            if (Pending < 0)
            {
                throw new InvalidOperationException("no quarantine pending");
            }

            _declared = true;
        }

        /// <summary>Moves the declared record out of the queue. Statuses: those of <see cref="Spool.Spool.Quarantine"/>.</summary>
        public SpoolStatus Finish()
        {
            SpoolStatus moved = _spool.Quarantine(Pending);
            if (moved == SpoolStatus.Ok)
            {
                Pending = -1;
                _declared = false;
            }

            return moved;
        }

        /// <summary>A record was receipted: the run of refusals is over.</summary>
        public void Receipted()
        {
            _consecutive = 0;
        }

        private bool IsDeclaration(RecordKind kind, byte[] manifest, int count)
        {
            int badKey;
            return kind == RecordKind.Continuity
                && _cose.Decode(manifest, 0, count) == CoseStatus.Ok
                && ManifestCodec.Decode(_cose.Buffer, _cose.PayloadOffset, _cose.PayloadLength, _reader, _manifest, out badKey) == EvidenceStatus.Ok
                && _manifest.Event == ContinuityEvent.RecordQuarantined;
        }
    }
}
