namespace NasSharp.SearchSpaces;

/// <summary>
/// What a search strategy may propose: the whole of a space, or a restricted set of its architectures (the cells a
/// benchmark table or a user's CSV holds). Architectures are identified by <see cref="ISearchSpace.Key"/>: the domain
/// holds one member per key, and <see cref="Mutate"/> and <see cref="Neighbours"/> never return the key they start
/// from. Every random choice comes from the caller's <see cref="Random"/>, so a seeded search repeats exactly.
/// </summary>
public sealed class SearchDomain
{
    /// <summary>Attempts at a key-changing <see cref="ISearchSpace.Mutate"/> before falling back to the neighbour list.</summary>
    private const int MutationAttempts = 64;

    private readonly string[]? members;
    private readonly string[] memberKeys;
    private readonly Dictionary<string, int> indexOfKey;
    private readonly Dictionary<string, int> indexOfString;
    private readonly EditEncoding? encoding;
    private readonly ulong[] memberBits;
    private readonly Lazy<bool> coversSpace;

    private SearchDomain(ISearchSpace space, string[]? members, string[] memberKeys, bool restricted)
    {
        Space = space;
        this.members = members;
        this.memberKeys = memberKeys;
        var strings = members ?? [];
        indexOfKey = new Dictionary<string, int>(strings.Length, StringComparer.Ordinal);
        indexOfString = new Dictionary<string, int>(strings.Length, StringComparer.Ordinal);
        for (int i = 0; i < strings.Length; i++)
        {
            indexOfKey[memberKeys[i]] = i;
            indexOfString[strings[i]] = i;
        }
        Members = members is null ? null : Array.AsReadOnly(members);
        coversSpace = new Lazy<bool>(() => !restricted || (space.Enumerate() is { } all && DistinctByKey(space, all, canonicalize: false).Keys.Length == strings.Length));
        if (restricted)
        {
            encoding = new EditEncoding(space);
            memberBits = new ulong[strings.Length * encoding.Words];
            for (int i = 0; i < strings.Length; i++)
                encoding.Encode(strings[i], memberBits.AsSpan(i * encoding.Words, encoding.Words));
        }
        else
        {
            memberBits = [];
        }
    }

    /// <summary>
    /// Every architecture of <paramref name="space"/>. When the space enumerates itself (NB201, TB101), the members are
    /// its enumeration deduplicated by key, the first spelling of each key kept; otherwise (NB101) members are unknown.
    /// </summary>
    public static SearchDomain Whole(ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var all = space.Enumerate();
        if (all is null) return new SearchDomain(space, members: null, memberKeys: [], restricted: false);
        var (strings, keys) = DistinctByKey(space, all, canonicalize: false);
        return new SearchDomain(space, strings, keys, restricted: false);
    }

    /// <summary>
    /// The architectures <paramref name="members"/> of <paramref name="space"/> (e.g. the 10,000 cells of the NB101
    /// table, TB101's 711): canonicalized, deduplicated by key with the first occurrence kept, input order kept.
    /// Mutations and neighbours are the members nearest by the edit distance <see cref="Mutate"/> describes.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    /// <exception cref="ArchitectureFormatException">A member is not an architecture of the space; the message names it.</exception>
    public static SearchDomain Restricted(ISearchSpace space, IReadOnlyList<string> members)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
            throw new ArgumentException($"A restricted search domain of {space.Name} needs at least one architecture; the member list is empty.", nameof(members));
        var (strings, keys) = DistinctByKey(space, members, canonicalize: true);
        return new SearchDomain(space, strings, keys, restricted: true);
    }

    /// <summary>The space the members belong to.</summary>
    public ISearchSpace Space { get; }

    /// <summary>
    /// Canonical strings, one per key, when known: the members of a restricted domain, the enumeration of an
    /// enumerable space; null for the whole of a space that cannot list itself (NB101).
    /// </summary>
    public IReadOnlyList<string>? Members { get; }

    /// <summary>
    /// Whether every architecture of the space is a member: a whole domain, or a restricted one holding every key of an
    /// enumerable space (NB201's table). False for NB101's 10,000 cells, TB101's 711 and any constrained domain, where
    /// mutations move to the nearest members. Computed once, on first use.
    /// </summary>
    public bool CoversSpace => coversSpace.Value;

    /// <summary>Number of distinct keys (networks) when <see cref="Members"/> is known.</summary>
    public int? Size => members?.Length;

    /// <summary>The space's key of <paramref name="arch"/> (looked up, not recomputed, for a member's own spelling).</summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of the space.</exception>
    public string Key(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return indexOfString.TryGetValue(arch, out int i) ? memberKeys[i] : Space.Key(arch);
    }

    /// <summary>Whether a strategy may propose <paramref name="arch"/>: some member shares its key (any valid architecture of a whole space).</summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of the space.</exception>
    public bool Contains(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        if (members is null)
        {
            Space.Canonicalize(arch);
            return true;
        }
        return IndexOf(arch) >= 0;
    }

    /// <summary>
    /// A random member, uniform over keys when the members are known; otherwise the space's own sampler (NB101's,
    /// uniform over its random matrices rather than over cells).
    /// </summary>
    public string Sample(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return members is null ? Space.Sample(rng) : members[rng.Next(members.Length)];
    }

    /// <summary>
    /// A member whose key differs from <paramref name="arch"/>'s. Whole domain: the space's one-edit
    /// <see cref="ISearchSpace.Mutate"/>, redrawn while it keeps the key (at most 64 times, then a uniform pick from
    /// <see cref="ISearchSpace.Neighbours"/>), returned as the member spelling of its key. Restricted domain: a uniform
    /// pick among the members nearest to <paramref name="arch"/> by edit distance, i.e. among the one-edit mutations
    /// that land in the domain when there are any (NB201/TB101: one edge's operation changed; NB101: one edge flipped or
    /// one operation changed without pruning), else among the members two, three, … edits away. The distance counts
    /// differing node types and adjacency entries of the encoded cells laid out on <see cref="ISearchSpace.MaxNodes"/>
    /// slots; it does not see isomorphic respellings. <paramref name="arch"/> need not be a member.
    /// </summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of the space.</exception>
    /// <exception cref="InvalidOperationException">The domain holds no other key.</exception>
    public string Mutate(string arch, Random rng)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(rng);
        if (encoding is not null)
        {
            var nearest = Nearest(arch);
            return members![nearest[rng.Next(nearest.Count)]];
        }
        string own = Key(arch);
        for (int attempt = 0; attempt < MutationAttempts; attempt++)
        {
            string mutated = Space.Mutate(arch, rng);
            string key = Space.Key(mutated);
            if (key != own) return MemberOfKey(mutated, key);
        }
        var neighbours = Neighbours(arch);
        if (neighbours.Count == 0)
            throw new InvalidOperationException($"'{arch}' has no neighbour of another key in {Space.Name}.");
        return neighbours[rng.Next(neighbours.Count)];
    }

    /// <summary>
    /// Whole domain: the space's <see cref="ISearchSpace.Neighbours"/>, each as the member spelling of its key.
    /// Restricted domain: every member at the smallest edit distance from <paramref name="arch"/> (see
    /// <see cref="Mutate"/>), in member order: the one-edit neighbours in the domain when there are any, else the
    /// nearest members, so a local search always has somewhere to go.
    /// </summary>
    /// <exception cref="ArchitectureFormatException">Not a valid architecture of the space.</exception>
    /// <exception cref="InvalidOperationException">A restricted domain holding no other key.</exception>
    public IReadOnlyList<string> Neighbours(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        if (encoding is not null) return [.. Nearest(arch).Select(i => members![i])];
        var neighbours = Space.Neighbours(arch);
        return members is null ? neighbours : [.. neighbours.Select(n => MemberOfKey(n, Space.Key(n)))];
    }

    /// <summary>Index of the member sharing <paramref name="arch"/>'s key, or −1.</summary>
    private int IndexOf(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        if (indexOfString.TryGetValue(arch, out int i)) return i;
        return indexOfKey.TryGetValue(Space.Key(arch), out i) ? i : -1;
    }

    private string MemberOfKey(string arch, string key) => members is null ? arch : members[indexOfKey[key]];

    /// <summary>Indices of the members of another key at the smallest edit distance from <paramref name="arch"/>.</summary>
    private List<int> Nearest(string arch)
    {
        int words = encoding!.Words;
        // Distances are from arch's own spelling; only a member's exact string reuses the precomputed bits.
        bool spelledAsMember = indexOfString.TryGetValue(arch, out int own);
        if (!spelledAsMember) own = indexOfKey.TryGetValue(Space.Key(arch), out int i) ? i : -1;
        Span<ulong> bits = spelledAsMember ? memberBits.AsSpan(own * words, words) : new ulong[words];
        if (!spelledAsMember) encoding.Encode(arch, bits);
        var nearest = new List<int>();
        int best = int.MaxValue;
        for (int m = 0; m < members!.Length; m++)
        {
            if (m == own) continue;
            int d = encoding.Distance(bits, memberBits.AsSpan(m * words, words));
            if (d > best) continue;
            if (d < best)
            {
                best = d;
                nearest.Clear();
            }
            nearest.Add(m);
        }
        if (nearest.Count == 0)
            throw new InvalidOperationException($"The search domain of {Space.Name} holds only '{arch}'; there is no other member to move to.");
        return nearest;
    }

    private static (string[] Strings, string[] Keys) DistinctByKey(ISearchSpace space, IReadOnlyList<string> archs, bool canonicalize)
    {
        var strings = new List<string>(archs.Count);
        var keys = new List<string>(archs.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < archs.Count; i++)
        {
            string arch = archs[i] ?? throw new ArgumentException($"Search domain member {i + 1} is null.", nameof(archs));
            string canonical, key;
            try
            {
                canonical = canonicalize ? space.Canonicalize(arch) : arch;
                key = space.Key(canonical);
            }
            catch (ArchitectureFormatException e)
            {
                throw new ArchitectureFormatException($"Search domain member {i + 1} '{arch}' is not an architecture of {space.Name}: {e.Message}");
            }
            if (!seen.Add(key)) continue;
            strings.Add(canonical);
            keys.Add(key);
        }
        return ([.. strings], [.. keys]);
    }
}
