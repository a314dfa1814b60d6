using System;
using CamAgent.Core.Binary;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Spool
{
    /// <summary>
    /// The spool's device-wide state, persisted in its <see cref="StateJournal"/>
    /// (docs/agent-storage.md, "Spool state"). Layout, big-endian:
    /// version (1) | zero (3) | reserved sequence end (8) | chain head sequence (8) |
    /// highest sealed recorder sequence (8) | upload sequence (8) | upload offset (8) |
    /// chain state length (2) | chain state.
    /// </summary>
    internal sealed class SpoolState
    {
        internal const int FixedBytes = 46;
        internal const int MaxBytes = FixedBytes + SpoolConstants.MaxChainStateBytes;

        private const byte Version = 1;

        internal readonly byte[] ChainState = new byte[SpoolConstants.MaxChainStateBytes];

        /// <summary>Every sequence below this may have been used; the next one handed out is at least this.</summary>
        internal long ReservedEnd;

        /// <summary>Sequence of the newest committed record (-1: none).</summary>
        internal long ChainHeadSequence;

        internal int ChainStateLength;

        /// <summary>Recorder sequence of the newest sealed segment (-1: none).</summary>
        internal long HighestSealedRecorderSequence;

        internal long UploadSequence;
        internal long UploadOffsetBytes;

        internal SpoolState()
        {
            Clear();
        }

        internal void Clear()
        {
            ReservedEnd = SpoolConstants.FirstSequence;
            ChainHeadSequence = -1;
            ChainStateLength = 0;
            HighestSealedRecorderSequence = -1;
            UploadSequence = -1;
            UploadOffsetBytes = 0;
        }

        internal void SetChain(long sequence, byte[] chainState, int offset, int count)
        {
            if (count > SpoolConstants.MaxChainStateBytes)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            Array.Copy(chainState, offset, ChainState, 0, count);
            ChainStateLength = count;
            ChainHeadSequence = sequence;
        }

        internal int Encode(byte[] buffer, int offset)
        {
            Bytes.CheckRange(buffer, offset, FixedBytes + ChainStateLength);
            buffer[offset] = Version;
            buffer[offset + 1] = 0;
            buffer[offset + 2] = 0;
            buffer[offset + 3] = 0;
            Bytes.WriteInt64(buffer, offset + 4, ReservedEnd);
            Bytes.WriteInt64(buffer, offset + 12, ChainHeadSequence);
            Bytes.WriteInt64(buffer, offset + 20, HighestSealedRecorderSequence);
            Bytes.WriteInt64(buffer, offset + 28, UploadSequence);
            Bytes.WriteInt64(buffer, offset + 36, UploadOffsetBytes);
            Bytes.WriteUInt16(buffer, offset + 44, ChainStateLength);
            Array.Copy(ChainState, 0, buffer, offset + FixedBytes, ChainStateLength);
            return FixedBytes + ChainStateLength;
        }

        /// <summary>Reads a state written by <see cref="Encode"/>; false (state unchanged) if it is not one.</summary>
        internal bool Decode(byte[] buffer, int offset, int length)
        {
            if (length < FixedBytes || buffer[offset] != Version)
            {
                return false;
            }

            int chainLength = Bytes.ReadUInt16(buffer, offset + 44);
            if (chainLength > SpoolConstants.MaxChainStateBytes || length != FixedBytes + chainLength)
            {
                return false;
            }

            ReservedEnd = Bytes.ReadInt64(buffer, offset + 4);
            ChainHeadSequence = Bytes.ReadInt64(buffer, offset + 12);
            HighestSealedRecorderSequence = Bytes.ReadInt64(buffer, offset + 20);
            UploadSequence = Bytes.ReadInt64(buffer, offset + 28);
            UploadOffsetBytes = Bytes.ReadInt64(buffer, offset + 36);
            ChainStateLength = chainLength;
            Array.Copy(buffer, offset + FixedBytes, ChainState, 0, chainLength);
            return true;
        }
    }
}
