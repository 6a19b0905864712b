namespace PromptGen;

/// <summary>A bounded, least-recently-used, in-memory cache of fitted images keyed by content hash and limits.</summary>
internal sealed class FittedImageCache(long capacityBytes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, EncodedImage Image)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, EncodedImage Image)> _order = new();
    private long _bytes;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string key, out EncodedImage? image)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                image = node.Value.Image;
                return true;
            }
        }

        image = null;
        return false;
    }

    public void Add(string key, EncodedImage image)
    {
        if (image.Data.Length > capacityBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey(key))
            {
                return;
            }

            _entries[key] = _order.AddFirst((key, image));
            _bytes += image.Data.Length;
            while (_bytes > capacityBytes && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
                _bytes -= last.Value.Image.Data.Length;
            }
        }
    }
}
