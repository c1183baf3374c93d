using NasSharp.Graphs;

namespace NasSharp.Features;

/// <summary>
/// Path computations on ops-on-nodes <see cref="CellGraph"/>s (node 0 the input, the last node the output, edges only
/// from lower to higher indices), by dynamic programming in node order: exact counts without listing the paths.
/// </summary>
public static class CellPaths
{
    /// <summary>
    /// Which nodes lie on some input→output path whose operation nodes all pass <paramref name="usable"/>: the part of
    /// the cell that can influence the output. With <paramref name="usable"/> rejecting the zero operation, every other
    /// node is dead (it outputs zeros, or nothing reads it).
    /// </summary>
    public static bool[] Live(CellGraph graph, Func<int, bool> usable)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(usable);
        int n = graph.NodeCount;
        var ok = Usable(graph, usable);
        var fromInput = new bool[n];
        fromInput[0] = true;
        for (int v = 1; v < n; v++)
            for (int u = 0; u < v && ok[v] && !fromInput[v]; u++)
                fromInput[v] = fromInput[u] && graph.HasEdge(u, v);
        var toOutput = new bool[n];
        toOutput[n - 1] = true;
        for (int u = n - 2; u >= 0; u--)
            for (int v = u + 1; v < n && ok[u] && !toOutput[u]; v++)
                toOutput[u] = toOutput[v] && graph.HasEdge(u, v);
        var live = new bool[n];
        for (int v = 0; v < n; v++) live[v] = fromInput[v] && toOutput[v];
        return live;
    }

    /// <summary>
    /// The input→output paths whose operation nodes (all but the first and last node) all pass <paramref name="usable"/>;
    /// a path's length is the number of operation nodes on it (a direct input→output edge has length 0).
    /// </summary>
    public static PathStatistics Statistics(CellGraph graph, Func<int, bool> usable)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(usable);
        int n = graph.NodeCount;
        var ok = Usable(graph, usable);
        var count = new long[n];
        var min = new int[n];
        var max = new int[n];
        count[0] = 1;
        for (int v = 1; v < n; v++)
        {
            if (!ok[v]) continue;
            min[v] = int.MaxValue;
            for (int u = 0; u < v; u++)
            {
                if (count[u] == 0 || !graph.HasEdge(u, v)) continue;
                count[v] += count[u];
                min[v] = Math.Min(min[v], min[u]);
                max[v] = Math.Max(max[v], max[u]);
            }
            if (count[v] == 0) continue;
            if (v < n - 1)
            {
                min[v]++;
                max[v]++;
            }
        }
        long paths = count[n - 1];
        return paths == 0 ? new PathStatistics(0, 0, 0) : new PathStatistics(paths, min[n - 1], max[n - 1]);
    }

    // The input and output always pass; operation nodes pass when their type does.
    private static bool[] Usable(CellGraph graph, Func<int, bool> usable)
    {
        int n = graph.NodeCount;
        var ok = new bool[n];
        for (int v = 0; v < n; v++) ok[v] = v == 0 || v == n - 1 || usable(graph.NodeTypes[v]);
        return ok;
    }
}
