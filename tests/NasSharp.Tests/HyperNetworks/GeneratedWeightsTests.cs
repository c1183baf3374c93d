using NasSharp.Encodings;
using NasSharp.HyperNetworks;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb101;
using NasSharp.SearchSpaces.Nb201;
using static TorchSharp.torch;

namespace NasSharp.Tests.HyperNetworks;

public sealed class GeneratedWeightsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-weights-").FullName;

    public static TheoryData<string, int> Spaces => new() { { "nb201", 5 }, { "nb101", 3 } };

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Every_generated_weight_has_its_layers_shape_in_every_space(string spaceName, int cellsPerStage)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(4);
        var space = SearchSpaceCatalog.Get(spaceName);
        var target = new TargetNetworkConfig(Channels: 4, CellsPerStage: cellsPerStage);
        using var model = new HyperNasModel(space, new GlobalEncodingConfig(Hidden: 8, Layers: 2), new HyperNetworkConfig(Hidden: 8), target, q: 1.5);
        var rng = new Random(7);
        var kernels = new HashSet<(int Out, int In, int Kernel)>();
        for (int k = 0; k < 15; k++)
        {
            var cell = space.Encode(space.Sample(rng));
            using var graph = GraphBatch.Create([cell], space.NodeTypes.Count, space.MaxNodes);
            var shapes = model.Target.Weights(cell);
            var weights = model.GenerateWeights(graph, cell);
            Assert.Equal(shapes.Count, weights.Count);
            for (int i = 0; i < shapes.Count; i++)
            {
                Assert.Equal(new long[] { shapes[i].Out, shapes[i].In, shapes[i].Kernel, shapes[i].Kernel }, weights[i].shape);
                kernels.Add((shapes[i].Out, shapes[i].In, shapes[i].Kernel));
            }
            Assert.Equal(new long[] { 2, 10 }, model.Logits(graph, cell, randn(2, 3, 8, 8)).shape);
        }
        // both kernel sizes and several channel combinations (incl. widening layers) were exercised.
        Assert.Contains(kernels, s => s.Kernel == 1);
        Assert.Contains(kernels, s => s.Kernel == 3);
        Assert.Contains(kernels, s => s.Out > s.In);
    }

    [Fact]
    public void Weights_round_trip_through_their_file_and_reject_damage()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var space = new Nb201Space();
        using var model = new HyperNasModel(space, new GlobalEncodingConfig(Hidden: 8, Layers: 2), new HyperNetworkConfig(Hidden: 8),
            new TargetNetworkConfig(Channels: 4, CellsPerStage: 1), q: 1.5);
        string arch = space.Sample(new Random(1));
        var cell = space.Encode(arch);
        using var graph = GraphBatch.Create([cell], space.NodeTypes.Count, space.MaxNodes);
        var generated = GeneratedWeights.Generate(model, "nb201", arch, graph, cell);
        string path = Path.Combine(folder, "w.bin");
        generated.Save(path);
        var loaded = GeneratedWeights.Load(path);
        Assert.Equal(arch, loaded.Architecture);
        Assert.Equal(generated.Weights.Select(w => w.Name), loaded.Weights.Select(w => w.Name));
        for (int i = 0; i < generated.Weights.Count; i++)
        {
            Assert.Equal(generated.Weights[i].Shape, loaded.Weights[i].Shape);
            Assert.Equal(generated.Weights[i].Values, loaded.Weights[i].Values);
        }

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 7)]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => GeneratedWeights.Load(path)).Message);
        File.WriteAllText(path, "hello");
        Assert.Contains("not a NasSharp weights file", Assert.Throws<InvalidDataException>(() => GeneratedWeights.Load(path)).Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
