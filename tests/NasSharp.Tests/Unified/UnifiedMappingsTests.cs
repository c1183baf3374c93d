using NasSharp.Graphs;
using NasSharp.SearchSpaces;
using NasSharp.Unified;

namespace NasSharp.Tests.Unified;

public class UnifiedMappingsTests
{
    [Theory]
    [InlineData("nb201", "input", UnifiedOperation.Input)]
    [InlineData("nb201", "none", UnifiedOperation.Zeroize)]
    [InlineData("nb201", "skip_connect", UnifiedOperation.Skip)]
    [InlineData("nb201", "nor_conv_1x1", UnifiedOperation.Conv1D1)]
    [InlineData("nb201", "nor_conv_3x3", UnifiedOperation.Conv3D1)]
    [InlineData("nb201", "avg_pool_3x3", UnifiedOperation.AvgPool)]
    [InlineData("nb201", "output", UnifiedOperation.Output)]
    [InlineData("nb101", "input", UnifiedOperation.Input)]
    [InlineData("nb101", "conv1x1-bn-relu", UnifiedOperation.Conv1D1)]
    [InlineData("nb101", "conv3x3-bn-relu", UnifiedOperation.Conv3D1)]
    [InlineData("nb101", "maxpool3x3", UnifiedOperation.MaxPool)]
    [InlineData("nb101", "output", UnifiedOperation.Output)]
    [InlineData("tb101", "input", UnifiedOperation.Input)]
    [InlineData("tb101", "none", UnifiedOperation.Zeroize)]
    [InlineData("tb101", "skip_connect", UnifiedOperation.Skip)]
    [InlineData("tb101", "conv1x1", UnifiedOperation.Conv1D1)]
    [InlineData("tb101", "conv3x3", UnifiedOperation.Conv3D1)]
    [InlineData("tb101", "output", UnifiedOperation.Output)]
    public void Every_node_type_of_every_space_maps_to_its_unified_type(string spaceName, string nodeType, UnifiedOperation expected)
    {
        var space = SearchSpaceCatalog.Get(spaceName);
        int index = space.NodeTypes.ToList().IndexOf(nodeType);
        Assert.True(index >= 0, $"{spaceName} has no node type {nodeType}");
        Assert.Equal(expected, UnifiedMappings.Table(spaceName)[nodeType]);
        Assert.Equal(expected, UnifiedMappings.NodeTypeMap(space)[index]);
    }

    [Fact]
    public void Each_table_covers_exactly_its_spaces_node_types()
    {
        Assert.Equal(SearchSpaceCatalog.Names.Order(), UnifiedMappings.Spaces.Order());
        foreach (string name in SearchSpaceCatalog.Names)
        {
            var space = SearchSpaceCatalog.Get(name);
            Assert.Equal(space.NodeTypes.Order(), UnifiedMappings.Table(name).Keys.Order());
            Assert.Equal(space.NodeTypes.Count, UnifiedMappings.NodeTypeMap(space).Count);
        }
    }

    [Fact]
    public void Unknown_space_lists_the_mapped_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => UnifiedMappings.Table("darts"));
        Assert.Contains("'darts'", e.Message);
        Assert.Contains("nb201, nb101, tb101", e.Message);
    }

    [Fact]
    public void A_space_with_an_unmapped_node_type_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => UnifiedMappings.NodeTypeMap(new ExtendedNb201()));
        Assert.Contains("misses node type(s) conv_5x5", e.Message);
        Assert.Throws<ArgumentException>(() => new UnifiedEncoder(new ExtendedNb201()));
    }

    /// <summary>NB201 with an extra operation its table does not know.</summary>
    private sealed class ExtendedNb201 : ISearchSpace
    {
        public string Name => "nb201";
        public IReadOnlyList<string> NodeTypes { get; } = ["input", "none", "conv_5x5", "output"];
        public int MaxNodes => 8;
        public MacroSkeleton Skeleton => MacroSkeleton.Stacked(1, 1);
        public CellGraph? FixedReductionCell => null;
        public string Canonicalize(string arch) => throw new NotSupportedException();
        public CellGraph Encode(string arch) => throw new NotSupportedException();
        public string Sample(Random rng) => throw new NotSupportedException();
        public string Mutate(string arch, Random rng) => throw new NotSupportedException();
        public string Key(string arch) => throw new NotSupportedException();
        public IReadOnlyList<string> Neighbours(string arch) => throw new NotSupportedException();
        public IReadOnlyList<string>? Enumerate() => throw new NotSupportedException();
    }
}
