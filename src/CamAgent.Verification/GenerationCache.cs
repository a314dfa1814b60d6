namespace CamAgent.Verification;

/// <summary>
/// A cache bounded by two generations of at most <c>generation</c> entries each: a key found in
/// the older generation moves into the current one, and when the current one is full it becomes
/// the older and the older is dropped. Entries in use stay; a stream of keys never asked for
/// again costs no memory beyond twice the generation. Not thread-safe.
/// </summary>
public sealed class GenerationCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _generation;
    private readonly IEqualityComparer<TKey>? _comparer;
    private Dictionary<TKey, TValue> _current;
    private Dictionary<TKey, TValue> _older;

    /// <param name="generation">Entries per generation (at least 1).</param>
    public GenerationCache(int generation, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(generation, 1);
        _generation = generation;
        _comparer = comparer;
        _current = new Dictionary<TKey, TValue>(comparer);
        _older = new Dictionary<TKey, TValue>(comparer);
    }

    /// <summary>Entries held now (at most twice the generation).</summary>
    public int Count => _current.Count + _older.Count;

    /// <summary>Every value held now.</summary>
    public IEnumerable<TValue> Values => _current.Values.Concat(_older.Values);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_current.TryGetValue(key, out value!))
        {
            return true;
        }

        if (_older.Remove(key, out value!))
        {
            Set(key, value);
            return true;
        }

        return false;
    }

    /// <summary>Adds or replaces the value of <paramref name="key"/> in the current generation.</summary>
    public void Set(TKey key, TValue value)
    {
        if (!_current.ContainsKey(key) && _current.Count >= _generation)
        {
            _older = _current;
            _current = new Dictionary<TKey, TValue>(_comparer);
        }

        _older.Remove(key);
        _current[key] = value;
    }

    public void Clear()
    {
        _current.Clear();
        _older.Clear();
    }
}
