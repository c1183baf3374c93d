using NasSharp.Features;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Tb101;

namespace NasSharp.Tests.Features;

public class OtherSpaceGraphFeaturesTests
{
    [Fact]
    public void Tb101_hand_checked_cell()
    {
        // a = 0→1 conv3, b = 0→2 skip, c = 1→2 conv3, d = 0→3 conv1, e = 1→3 none, f = 2→3 skip. Paths: 0→3 (conv1, 1 op),
        // 0→2→3 (skip, skip: 2), 0→1→2→3 (conv3, conv3, skip: 3); 0→1→3 is cut by e.
        var f = NamedFeatures.Of(GraphFeatures.For(new Tb101MicroSpace()), "64-41414-3_13_201");
        Assert.Equal([1, 2, 1, 2], Tb101MicroSpace.Operations.Select(o => f[$"count:{o}"]));
        Assert.Equal([0, 0, 0], NamedFeatures.Path(f, "conv3x3"));
        Assert.Equal([1, 1, 1], NamedFeatures.Path(f, "conv1x1"));
        Assert.Equal([1, 2, 2], NamedFeatures.Path(f, "skip_connect"));
        Assert.Equal([1, 1, 1], NamedFeatures.Path(f, "conv3x3+conv1x1"));
        Assert.Equal([2, 2, 3], NamedFeatures.Path(f, "conv3x3+skip_connect"));
        Assert.Equal([2, 1, 2], NamedFeatures.Path(f, "conv1x1+skip_connect"));
        Assert.Equal([3, 1, 3], NamedFeatures.Path(f, "all"));
        // out(0) = {a, b, d}; in(1) = {a}; out(1) = {c}; in(2) = {b, c}; out(2) = {f}; in(3) = {d, f}.
        Assert.Equal([3, 1, 1, 2, 1, 2], NamedFeatures.FourNodeDegrees(f));
    }

    [Fact]
    public void Tb101_cells_with_one_key_share_their_features()
    {
        var space = new Tb101MicroSpace();
        var features = GraphFeatures.For(space);
        var byKey = new Dictionary<string, double[]>();
        foreach (string arch in Tb101MicroSpace.Enumerate())
        {
            double[] f = features.Compute(arch);
            if (!byKey.TryAdd(space.Key(arch), f)) Assert.Equal(byKey[space.Key(arch)], f);
            Assert.Equal(!Tb101MicroSpace.HasInputOutputPath(arch), f[features.Names.ToList().IndexOf("paths:all")] == 0);
        }
        Assert.Equal(3588, byKey.Count);
        // A skip leaving a zero node is the key's only merge: 0→1 none makes c = 1→2 and e = 1→3 skips of zeros.
        Assert.Equal(features.Compute("64-41414-0_10_101"), features.Compute("64-41414-0_11_111"));
    }

    // 0 input, 1 conv3x3, 2 maxpool, 3 conv1x1, 4 output; edges 0→1, 0→2, 1→3, 2→3, 3→4, 0→4.
    private const string Nb101Cell5 = "0110100010000100000100000:input|conv3x3-bn-relu|maxpool3x3|conv1x1-bn-relu|output";

    [Fact]
    public void Nb101_hand_checked_cell()
    {
        // Paths: 0→4 (no operation), 0→1→3→4 (conv3, conv1), 0→2→3→4 (pool, conv1). The direct edge uses no
        // operation, so every subset has it: its count is at least 1 and its min_path 0.
        var f = NamedFeatures.Of(GraphFeatures.For(new Nb101Space()), Nb101Cell5);
        Assert.Equal([1, 1, 1], Nb101Cell.Operations.Select(o => f[$"count:{o}"]));
        Assert.Equal([1, 0, 0], NamedFeatures.Path(f, "conv3x3-bn-relu"));
        Assert.Equal([1, 0, 0], NamedFeatures.Path(f, "conv1x1-bn-relu"));
        Assert.Equal([1, 0, 0], NamedFeatures.Path(f, "maxpool3x3"));
        Assert.Equal([2, 0, 2], NamedFeatures.Path(f, "conv3x3-bn-relu+conv1x1-bn-relu"));
        Assert.Equal([1, 0, 0], NamedFeatures.Path(f, "conv3x3-bn-relu+maxpool3x3"));
        Assert.Equal([2, 0, 2], NamedFeatures.Path(f, "conv1x1-bn-relu+maxpool3x3"));
        Assert.Equal([3, 0, 2], NamedFeatures.Path(f, "all"));
        // 3 operations, 6 edges, input feeds 3, output has 2 inputs, vertex 3 has 2 inputs, no vertex feeds 2.
        Assert.Equal([3, 6, 3, 2, 2, 1],
            new[] { "live_ops", "live_edges", "out_degree:input", "in_degree:output", "max_in_degree", "max_out_degree" }.Select(n => f[n]));
    }

    [Fact]
    public void Nb101_isomorphic_cells_share_their_features()
    {
        var space = new Nb101Space();
        var features = GraphFeatures.For(space);
        // Vertices 1 and 2 swapped (their edges are symmetric): another string, the same module hash.
        const string swapped = "0110100010000100000100000:input|maxpool3x3|conv3x3-bn-relu|conv1x1-bn-relu|output";
        Assert.Equal(space.Key(Nb101Cell5), space.Key(swapped));
        Assert.Equal(features.Compute(Nb101Cell5), features.Compute(swapped));
        // Random cells against every order-preserving relabelling of their inner vertices that stays upper triangular.
        var rng = new Random(5);
        int checkedPairs = 0;
        for (int s = 0; s < 300; s++)
        {
            var cell = Nb101Cell.Parse(space.Sample(rng));
            int n = cell.VertexCount;
            int[] inner = [.. Enumerable.Range(1, n - 2)];
            int[] perm = [0, .. inner.OrderBy(_ => rng.Next()), n - 1];
            var adjacency = new bool[n * n];
            bool upper = true;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (cell.HasEdge(i, j))
                    {
                        adjacency[perm[i] * n + perm[j]] = true;
                        upper &= perm[i] < perm[j];
                    }
            if (!upper) continue;
            var labels = new string[n];
            for (int v = 0; v < n; v++) labels[perm[v]] = cell.Labels[v];
            string relabelled = new Nb101Cell(adjacency, labels).ToString();
            Assert.Equal(space.Key(cell.ToString()), space.Key(relabelled));
            Assert.Equal(features.Compute(cell.ToString()), features.Compute(relabelled));
            checkedPairs++;
        }
        Assert.True(checkedPairs > 30, $"only {checkedPairs} relabellings stayed upper triangular");
    }

    [Fact]
    public void Nb101_path_features_match_a_listing_of_every_path()
    {
        var space = new Nb101Space();
        var features = GraphFeatures.For(space);
        var rng = new Random(6);
        for (int s = 0; s < 500; s++)
        {
            string arch = space.Sample(rng);
            var graph = space.Encode(arch);
            var f = NamedFeatures.Of(features, arch);
            var allowedTypes = new[] { "conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3" }.Select(o => space.NodeTypes.ToList().IndexOf(o)).ToArray();
            Assert.Equal(PathEnumeration.Statistics(graph, t => allowedTypes.Contains(t)), NamedFeatures.Path(f, "all"));
            Assert.Equal(PathEnumeration.Statistics(graph, t => t == allowedTypes[0]), NamedFeatures.Path(f, "conv3x3-bn-relu"));
            Assert.Equal(PathEnumeration.Statistics(graph, t => t != allowedTypes[0]), NamedFeatures.Path(f, "conv1x1-bn-relu+maxpool3x3"));
            Assert.Equal(graph.EdgeCount, f["live_edges"]);
        }
    }

    [Fact]
    public void Names_of_nb101_and_tb101_cover_every_subset_of_their_three_operations()
    {
        var tb = GraphFeatures.For(new Tb101MicroSpace()).Names.Where(n => n.StartsWith("paths:", StringComparison.Ordinal));
        Assert.Equal(
            ["paths:conv3x3", "paths:conv1x1", "paths:skip_connect", "paths:conv3x3+conv1x1", "paths:conv3x3+skip_connect",
             "paths:conv1x1+skip_connect", "paths:all"], tb);
        Assert.Equal(4 + 7 * 3 + 6, GraphFeatures.For(new Tb101MicroSpace()).Names.Count);
        Assert.Equal(3 + 7 * 3 + 6, GraphFeatures.For(new Nb101Space()).Names.Count);
    }

    [Fact]
    public void An_unknown_space_is_refused_with_the_list_of_spaces()
    {
        var e = Assert.Throws<ArgumentException>(() => GraphFeatures.For(new RenamedSpace()));
        Assert.Contains("'toy'", e.Message);
        Assert.Contains("nb201, tb101, nb101", e.Message);
        Assert.Throws<ArgumentException>(() => GraphFeatures.Unified(new RenamedSpace()));
    }

    // NB201 under another name: a space no featurizer or unified mapping knows.
    private sealed class RenamedSpace : ISearchSpace
    {
        private readonly NasSharp.SearchSpaces.Nb201.Nb201Space inner = new();
        public string Name => "toy";
        public IReadOnlyList<string> NodeTypes => inner.NodeTypes;
        public int MaxNodes => inner.MaxNodes;
        public Graphs.MacroSkeleton Skeleton => inner.Skeleton;
        public Graphs.CellGraph? FixedReductionCell => inner.FixedReductionCell;
        public string Canonicalize(string arch) => inner.Canonicalize(arch);
        public Graphs.CellGraph Encode(string arch) => inner.Encode(arch);
        public string Sample(Random rng) => inner.Sample(rng);
        public string Mutate(string arch, Random rng) => inner.Mutate(arch, rng);
        public string Key(string arch) => inner.Key(arch);
        public IReadOnlyList<string> Neighbours(string arch) => inner.Neighbours(arch);
        public IReadOnlyList<string>? Enumerate() => ((ISearchSpace)inner).Enumerate();
    }
}
