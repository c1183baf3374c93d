using NasSharp.Features;
using NasSharp.Graphs;

namespace NasSharp.Tests.Features;

public class CellPathsTests
{
    // Random upper-triangular DAGs of 2..9 nodes with node types 0..3, type 0 playing the zero operation.
    private static IEnumerable<CellGraph> RandomGraphs(int seed, int count)
    {
        var rng = new Random(seed);
        for (int g = 0; g < count; g++)
        {
            int n = rng.Next(2, 10);
            var types = new int[n];
            for (int v = 1; v < n - 1; v++) types[v] = rng.Next(4);
            var adjacency = new bool[n * n];
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                    adjacency[i * n + j] = rng.NextDouble() < 0.5;
            yield return new CellGraph(types, adjacency);
        }
    }

    [Fact]
    public void Statistics_match_a_listing_of_every_path()
    {
        Func<int, bool>[] subsets = [t => t == 1, t => t is 1 or 2, t => t != 0, _ => true];
        foreach (var graph in RandomGraphs(seed: 3, count: 2000))
            foreach (var usable in subsets)
            {
                var s = CellPaths.Statistics(graph, usable);
                Assert.Equal(PathEnumeration.Statistics(graph, usable), new double[] { s.Count, s.MinLength, s.MaxLength });
            }
    }

    [Fact]
    public void Live_nodes_are_exactly_those_on_a_listed_path_of_non_zero_operations()
    {
        foreach (var graph in RandomGraphs(seed: 4, count: 2000))
        {
            var onPath = new bool[graph.NodeCount];
            var paths = PathEnumeration.Paths(graph, t => t != 0);
            foreach (int v in paths.SelectMany(p => p)) onPath[v] = true;
            if (paths.Count > 0) onPath[0] = onPath[^1] = true;
            Assert.Equal(onPath, CellPaths.Live(graph, t => t != 0));
        }
    }

    [Fact]
    public void A_direct_input_output_edge_is_a_path_of_no_operations()
    {
        // input → output plus input → op(type 1) → output: two paths, of 0 and 1 operations.
        var graph = new CellGraph([0, 1, 0], [false, true, true, false, false, true, false, false, false]);
        Assert.Equal(new PathStatistics(2, 0, 1), CellPaths.Statistics(graph, t => t == 1));
        Assert.Equal(new PathStatistics(1, 0, 0), CellPaths.Statistics(graph, t => t == 2));
    }
}
