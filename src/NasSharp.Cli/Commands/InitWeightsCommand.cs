using System.CommandLine;
using NasSharp.Data;
using NasSharp.Persistence;
using NasSharp.Encodings;
using NasSharp.HyperNetworks;
using NasSharp.Images;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using Spectre.Console;

namespace NasSharp.Cli.Commands;

/// <summary>
/// <c>nassharp init-weights</c>: one hypernetwork forward pass generates every weight of an architecture's target
/// network; the command saves them and reports their CIFAR-10 test accuracy without any training.
/// </summary>
public static class InitWeightsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var space = SharedOptions.Space(required: false);
        space.Description += " Default: the model's space (must match it when given).";
        var arch = new Option<string>("--arch") { Description = "Architecture in the space's canonical string (e.g. an NB201 cell string).", Required = true };
        var model = new Option<string>("--model") { Description = "A hypernas or hypernas-h model written by 'nassharp train'.", Required = true };
        var output = new Option<string>("--out") { Description = "Weights file to write (NASSHARP-WEIGHTS v2: checksummed JSON header + float32 values), atomically.", Required = true };
        var noEval = new Option<bool>("--no-eval") { Description = "Skip the CIFAR-10 test-set evaluation." };
        var data = SharedOptions.Data();
        var seed = SharedOptions.Seed();
        seed.Description = "Unused (generation and evaluation are deterministic); accepted so every command takes --seed.";
        var device = DeviceOption.Create();
        var command = new Command("init-weights",
            "Generate an architecture's target-network weights in one forward pass, save them and report their CIFAR-10 test accuracy.")
        {
            space, arch, model, output, noEval, data, seed, device,
        };
        command.SetAction(pr => CommandRunner.Run(pr, () =>
        {
            string modelPath = pr.GetValue(model)!, path = pr.GetValue(output)!;
            OutputLocation.EnsureWritableFile(path, "--out");
            OutputLocation.EnsureNotAnInput(path, "--out", (modelPath, "--model"));
            var torchDevice = NasSharp.Training.TorchDevices.Parse(pr.GetValue(device)!);
            using var predictor = ArchitecturePredictor.Load(modelPath, torchDevice);
            var hyperNas = predictor.HyperNas
                ?? throw new ArgumentException($"'{modelPath}' is a '{predictor.Metadata.Predictor}' model; init-weights needs hypernas or hypernas-h.");
            var meta = predictor.Metadata;
            string spaceName = pr.GetValue(space) ?? meta.Space;
            if (spaceName != meta.Space) throw new ArgumentException($"The model was trained on '{meta.Space}', not '{spaceName}'.");
            var searchSpace = SearchSpaceCatalog.Get(spaceName);
            string architecture = searchSpace.Canonicalize(pr.GetValue(arch)!);
            var cell = searchSpace.Encode(architecture);
            using var graph = GraphBatch.Create([cell], meta.NodeTypes, meta.MaxNodes, torchDevice);

            var weights = GeneratedWeights.Generate(hyperNas, spaceName, architecture, graph, cell);
            weights.Save(path);
            long parameters = weights.Weights.Sum(w => (long)w.Values.Length);
            AnsiConsole.MarkupLineInterpolated($"Generated {weights.Weights.Count} tensors ({parameters:N0} values) for {architecture} → [green]{path}[/].");
            if (!pr.GetValue(noEval))
            {
                var test = Cifar10Dataset.LoadTest(DataRoot.Resolve(pr.GetValue(data)));
                double accuracy = HyperNasTrainer.TargetAccuracy(hyperNas, cell, graph, test, meta.HyperNas!.Images, meta.ImageMean!, meta.ImageStd!);
                AnsiConsole.MarkupLineInterpolated(
                    $"CIFAR-10 test accuracy of the generated network, no training: [bold]{accuracy:F2} %[/] ({test.Count:N0} images, {meta.HyperNas.Images.Side}×{meta.HyperNas.Images.Side}).");
            }
            return 0;
        }));
        return command;
    }
}
