using NasSharp.Unified;

namespace NasSharp.Tests.Unified;

public class UnifiedVocabularyTests
{
    [Fact]
    public void Fourteen_node_types_with_fixed_indices_and_names()
    {
        // Indices are part of saved models and padded batches: this list is the contract.
        (UnifiedOperation Op, int Index, string Name)[] expected =
        [
            (UnifiedOperation.Input, 0, "input"), (UnifiedOperation.Output, 1, "output"), (UnifiedOperation.Global, 2, "global"),
            (UnifiedOperation.Conv1D1, 3, "conv1-d1"), (UnifiedOperation.Conv3D1, 4, "conv3-d1"), (UnifiedOperation.Conv5D1, 5, "conv5-d1"),
            (UnifiedOperation.Conv5D2, 6, "conv5-d2"), (UnifiedOperation.Conv7D1, 7, "conv7-d1"), (UnifiedOperation.Conv7D2, 8, "conv7-d2"),
            (UnifiedOperation.Linear, 9, "linear"), (UnifiedOperation.AvgPool, 10, "avgpool"), (UnifiedOperation.MaxPool, 11, "maxpool"),
            (UnifiedOperation.Skip, 12, "skip"), (UnifiedOperation.Zeroize, 13, "zeroize"),
        ];
        Assert.Equal(14, UnifiedVocabulary.Count);
        Assert.Equal(expected.Length, Enum.GetValues<UnifiedOperation>().Length);
        Assert.Equal(expected.Length, UnifiedVocabulary.NodeTypes.Count);
        foreach (var (op, index, name) in expected)
        {
            Assert.Equal(index, (int)op);
            Assert.Equal(name, UnifiedVocabulary.Name(op));
        }
    }

    [Fact]
    public void Eleven_cell_operations_exclude_input_output_and_global()
    {
        Assert.Equal(11, UnifiedVocabulary.CellOperations.Count);
        Assert.DoesNotContain(UnifiedOperation.Input, UnifiedVocabulary.CellOperations);
        Assert.DoesNotContain(UnifiedOperation.Output, UnifiedVocabulary.CellOperations);
        Assert.DoesNotContain(UnifiedOperation.Global, UnifiedVocabulary.CellOperations);
        Assert.All(UnifiedVocabulary.CellOperations, op => Assert.Equal(op, UnifiedVocabulary.CellOperation(UnifiedVocabulary.Name(op))));
        Assert.Null(UnifiedVocabulary.CellOperation("global"));
        Assert.Null(UnifiedVocabulary.CellOperation("nor_conv_3x3"));
    }
}
