using NasSharp.Graphs;

namespace NasSharp.Tests.Features;

/// <summary>Brute force for the path features: every input→output path of a cell graph, listed by depth-first search.</summary>
public static class PathEnumeration
{
    /// <summary>The operation nodes of each input→output path (node 0 to the last node) whose operations all pass <paramref name="usable"/>.</summary>
    public static List<int[]> Paths(CellGraph graph, Func<int, bool> usable)
    {
        int n = graph.NodeCount;
        var result = new List<int[]>();
        var stack = new List<int>();
        void Walk(int v)
        {
            if (v == n - 1)
            {
                result.Add([.. stack]);
                return;
            }
            for (int w = v + 1; w < n; w++)
            {
                if (!graph.HasEdge(v, w)) continue;
                if (w == n - 1) Walk(w);
                else if (usable(graph.NodeTypes[w]))
                {
                    stack.Add(w);
                    Walk(w);
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
        Walk(0);
        return result;
    }

    /// <summary>(count, fewest, most operations) of <see cref="Paths"/>, zeros when there is none.</summary>
    public static double[] Statistics(CellGraph graph, Func<int, bool> usable)
    {
        var paths = Paths(graph, usable);
        return paths.Count == 0 ? [0, 0, 0] : [paths.Count, paths.Min(p => p.Length), paths.Max(p => p.Length)];
    }
}
