namespace CamAgent.Core.Cbor
{
    /// <summary>
    /// The reader's open containers in fixed arrays (no allocation while reading): how many items
    /// each still expects, whether it is a map, and the encoding of its last key so the next one
    /// can be checked for order and duplicates (RFC 8949 §4.2.1, §5.6). Frame 0 is the top level,
    /// which holds exactly one item.
    /// </summary>
    internal sealed class CborContainerStack
    {
        private readonly int[] _remaining = new int[CborLimits.MaxDepth + 1];
        private readonly bool[] _isMap = new bool[CborLimits.MaxDepth + 1];
        private readonly int[] _previousKeyOffset = new int[CborLimits.MaxDepth + 1];
        private readonly int[] _previousKeyLength = new int[CborLimits.MaxDepth + 1];
        private int _depth;

        /// <summary>Nesting depth of the next item: 0 at the top level.</summary>
        public int Depth
        {
            get { return _depth; }
        }

        /// <summary>True once the top-level item has been read completely.</summary>
        public bool IsComplete
        {
            get { return _depth == 0 && _remaining[0] == 0; }
        }

        /// <summary>True when the next item is a map key.</summary>
        public bool IsKeyNext
        {
            get { return _isMap[_depth] && (_remaining[_depth] % 2) == 0; }
        }

        public void Reset()
        {
            _depth = 0;
            _remaining[0] = 1;
            _isMap[0] = false;
            _previousKeyLength[0] = -1;
        }

        /// <summary>
        /// Counts the container as an item of its parent and opens it with <paramref name="items"/>
        /// items (2 per map entry); false when that would exceed <see cref="CborLimits.MaxDepth"/>.
        /// The parent stays open until the container completes, even when it was its last item.
        /// </summary>
        public bool Push(int items, bool isMap)
        {
            if (_depth == CborLimits.MaxDepth)
            {
                return false;
            }

            _remaining[_depth]--;
            _depth++;
            _remaining[_depth] = items;
            _isMap[_depth] = isMap;
            _previousKeyLength[_depth] = -1;
            return true;
        }

        /// <summary>Counts one item of the current container and closes every container that is now complete.</summary>
        public void CompleteItem()
        {
            _remaining[_depth]--;
            while (_depth > 0 && _remaining[_depth] == 0)
            {
                _depth--;
            }
        }

        /// <summary>
        /// Checks the key encoded at <paramref name="offset"/> against the previous key of the current
        /// map: Ok, DuplicateKey or KeyOrder. On Ok it becomes the previous key.
        /// </summary>
        public CborStatus CheckKey(byte[] buffer, int offset, int length)
        {
            int previousLength = _previousKeyLength[_depth];
            if (previousLength >= 0)
            {
                int order = Compare(buffer, _previousKeyOffset[_depth], previousLength, offset, length);
                if (order == 0)
                {
                    return CborStatus.DuplicateKey;
                }

                if (order > 0)
                {
                    return CborStatus.KeyOrder;
                }
            }

            _previousKeyOffset[_depth] = offset;
            _previousKeyLength[_depth] = length;
            return CborStatus.Ok;
        }

        private static int Compare(byte[] buffer, int offsetA, int lengthA, int offsetB, int lengthB)
        {
            int common = lengthA < lengthB ? lengthA : lengthB;
            for (int i = 0; i < common; i++)
            {
                int difference = buffer[offsetA + i] - buffer[offsetB + i];
                if (difference != 0)
                {
                    return difference;
                }
            }

            return lengthA - lengthB;
        }
    }
}
