using System.Collections;

namespace Samples
{
    public sealed class Inventory
    {
        private readonly ArrayList _items = new ArrayList();
        private readonly Hashtable _byName = new Hashtable();
        private readonly Queue _pending = new Queue();
        private readonly Stack _undo = new Stack();

        public int Add(string name, int[] sizes)
        {
            _items.Add(name);
            _byName[name] = sizes.Length;
            _pending.Enqueue(name);
            _undo.Push(name);
            int total = 0;
            foreach (int size in sizes)
            {
                total += size;
            }

            foreach (string item in _items)
            {
                total += item.Length;
            }

            foreach (DictionaryEntry entry in _byName)
            {
                total += (int)entry.Value;
            }

            foreach (char letter in name)
            {
                total += letter;
            }

            if (_byName.Contains(name))
            {
                _items.Remove(name);
            }

            return total + _pending.Count + _undo.Count;
        }
    }
}
