namespace NasSharp.Graphs;

/// <summary>Role of one cell in the macro-architecture.</summary>
public enum CellKind
{
    /// <summary>A searched cell that keeps resolution and channels.</summary>
    Normal,
    /// <summary>A fixed or searched down-sampling cell between stages.</summary>
    Reduction,
}

/// <summary>
/// The macro-architecture of a cell-based space as an ordered list of cells (SPEC §2): which positions are
/// normal cells and which are reductions. The global encoding of HyperNAS walks this list.
/// </summary>
public sealed record MacroSkeleton(IReadOnlyList<CellKind> Cells)
{
    /// <summary>0-based positions of the reduction cells.</summary>
    public IReadOnlyList<int> ReductionPositions =>
        Enumerable.Range(0, Cells.Count).Where(i => Cells[i] == CellKind.Reduction).ToArray();

    /// <summary>Normal cells before the first reduction (cells per stage of a stacked skeleton).</summary>
    public int LeadingNormalCells => Cells.TakeWhile(c => c == CellKind.Normal).Count();

    /// <summary>Stages of <paramref name="cellsPerStage"/> normal cells separated by one reduction each.</summary>
    public static MacroSkeleton Stacked(int stages, int cellsPerStage)
    {
        var cells = new List<CellKind>();
        for (int s = 0; s < stages; s++)
        {
            if (s > 0) cells.Add(CellKind.Reduction);
            cells.AddRange(Enumerable.Repeat(CellKind.Normal, cellsPerStage));
        }
        return new MacroSkeleton(cells);
    }
}
