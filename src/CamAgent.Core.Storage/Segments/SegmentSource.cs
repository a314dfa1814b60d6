using System;
using CamAgent.Core.Platform;
using CamAgent.Core.Storage;

namespace CamAgent.Core.Segments
{
    /// <summary>
    /// Finds the segments the recorder has handed over, in the recorder's order
    /// (docs/agent-storage.md, "Recorder hand-off"). The recorder writes segment n as
    /// "nnnnnnnn.TMP" (8 decimal digits) in the segment directory and renames it to
    /// "nnnnnnnn.SEG" once the file is closed and flushed; it never reuses a number and never
    /// reopens a ".TMP" after its own restart. A ".TMP" is therefore orphaned, and handed over as
    /// TRUNCATED, once a file with a higher number exists or once the recorder is known to have
    /// restarted since it was created (<see cref="DeclareRecorderRestarted"/>).
    /// </summary>
    public sealed class SegmentSource
    {
        /// <summary>Extension of a finished segment.</summary>
        public const string FinishedExtension = "SEG";

        /// <summary>Extension of a segment the recorder is still writing (or never finished).</summary>
        public const string RecordingExtension = "TMP";

        private const long None = -1;

        private readonly IFileStore _store;
        private readonly string _directory;
        private long _orphanedThrough = None;

        /// <param name="store">The volume the recorder writes to.</param>
        /// <param name="directory">The recorder's segment directory (store path).</param>
        public SegmentSource(IFileStore store, string directory)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (directory == null)
            {
                throw new ArgumentNullException("directory");
            }

            _store = store;
            _directory = directory;
        }

        /// <summary>Store path of the content of recorder segment <paramref name="recorderSequence"/>.</summary>
        public static string ContentPath(string directory, long recorderSequence, bool truncated)
        {
            string name = StoreNames.Decimal(recorderSequence, truncated ? RecordingExtension : FinishedExtension);
            return StoreNames.Join(directory, name);
        }

        /// <summary>
        /// Tells the source that the recorder has restarted (a power cut took both processors
        /// down): every ".TMP" present now is orphaned. Call once at boot, before the recorder
        /// can have created a new file, or not at all when the recorder kept running.
        /// Statuses: Ok, IoError, DeviceRemoved (nothing is marked then). Call again only while
        /// the recorder still cannot have created a file (at once, not later): a late call would
        /// take a file being recorded for an orphan. Without the declaration nothing is lost: the
        /// orphan is handed over, as truncated, once a file with a higher number exists.
        /// </summary>
        public StoreStatus DeclareRecorderRestarted()
        {
            string[] names;
            StoreStatus status = _store.List(_directory, out names);
            if (status == StoreStatus.NotFound)
            {
                return StoreStatus.Ok;
            }

            if (status != StoreStatus.Ok)
            {
                return status;
            }

            for (int i = 0; i < names.Length; i++)
            {
                long sequence = StoreNames.ParseDecimal(names[i], RecordingExtension);
                if (sequence > _orphanedThrough)
                {
                    _orphanedThrough = sequence;
                }
            }

            return StoreStatus.Ok;
        }

        /// <summary>
        /// Finds the segment with the lowest recorder sequence above
        /// <paramref name="afterRecorderSequence"/> (-1: none sealed yet) that is ready to seal:
        /// finished, or orphaned (then <see cref="SegmentFile.Truncated"/>). If that lowest one is
        /// still being recorded, nothing is found: segments are sealed in recorder order.
        /// Statuses: Ok (see <paramref name="found"/>), IoError, DeviceRemoved.
        /// </summary>
        public StoreStatus FindNext(long afterRecorderSequence, SegmentFile result, out bool found)
        {
            if (result == null)
            {
                throw new ArgumentNullException("result");
            }

            found = false;
            string[] names;
            StoreStatus status = _store.List(_directory, out names);
            if (status == StoreStatus.NotFound)
            {
                return StoreStatus.Ok;
            }

            if (status != StoreStatus.Ok)
            {
                return status;
            }

            long lowest = None;
            bool lowestFinished = false;
            long highest = None;
            for (int i = 0; i < names.Length; i++)
            {
                bool finished = true;
                long sequence = StoreNames.ParseDecimal(names[i], FinishedExtension);
                if (sequence < 0)
                {
                    finished = false;
                    sequence = StoreNames.ParseDecimal(names[i], RecordingExtension);
                }

                if (sequence < 0)
                {
                    continue;
                }

                highest = sequence > highest ? sequence : highest;
                if (sequence <= afterRecorderSequence)
                {
                    continue;
                }

                if (lowest == None || sequence < lowest)
                {
                    lowest = sequence;
                    lowestFinished = finished;
                }
                else if (sequence == lowest && finished)
                {
                    // A finished file wins over a temporary one of the same number.
                    lowestFinished = true;
                }
            }

            if (lowest == None)
            {
                return StoreStatus.Ok;
            }

            bool orphaned = !lowestFinished && (lowest < highest || lowest <= _orphanedThrough);
            if (!lowestFinished && !orphaned)
            {
                return StoreStatus.Ok;
            }

            return Describe(lowest, !lowestFinished, result, out found);
        }

        private StoreStatus Describe(long sequence, bool truncated, SegmentFile result, out bool found)
        {
            found = false;
            string path = ContentPath(_directory, sequence, truncated);
            long length;
            StoreStatus status = _store.GetLength(path, out length);
            if (status != StoreStatus.Ok)
            {
                // Renamed by the recorder between the listing and now: found on the next call.
                return status == StoreStatus.NotFound ? StoreStatus.Ok : status;
            }

            result.Set(sequence, path, length, truncated);
            found = true;
            return StoreStatus.Ok;
        }
    }
}
