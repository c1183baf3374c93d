using System.CommandLine;
using NasSharp.HyperNetworks;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;
using NasSharp.Training;

namespace NasSharp.Cli.Commands;

/// <summary>
/// The options that choose and configure the predictor to train, shared by <c>train</c>, <c>rank</c> and <c>bench</c>,
/// and their translation into the registry's kind and context (<see cref="PredictorRegistry"/>).
/// </summary>
public sealed class ModelOptions
{
    private readonly Option<string> predictor = SharedOptions.Predictor();
    private readonly FeatureOptions features = new();
    private readonly Option<string> profile = new("--profile")
    {
        Description = "HyperNAS training profile (hypernas, hypernas-h): cpu = HyperNAS-P's schedule plus a small target network " +
                      "on 16×16 images (fits 30 min for n = 156); paper = Appendix A exactly (slow on CPU).",
        DefaultValueFactory = _ => "cpu",
    };
    private readonly Option<int?> epochs = new("--epochs")
    {
        Description = "Training epochs. Default: 300 (np, hypernas-p, cpu profile) or 200 (paper profile).",
    };
    private readonly Option<double> lr = SharedOptions.LearningRate();
    private readonly Option<double> weightDecay = SharedOptions.WeightDecay();
    private readonly LossOptions loss = new();
    private readonly Option<bool> withFeatures = new("--with-features")
    {
        Description = "Hybrid readout (np, hypernas-p): concatenate the architecture features of --features/--feature-file " +
                      "(standardised by the training set's mean and std, stored in the model) to the graph embedding before the final MLP.",
    };
    private readonly Option<double> q = new("--q")
    {
        Description = "Preference coefficient q of the adaptive multi-task loss (1.5; q = 1 is Liebel & Körner's uncertainty weighting).",
        DefaultValueFactory = _ => 1.5,
    };
    private readonly Option<int?> auxiliaryEvery = new("--aux-every")
    {
        Description = "Run the hypernetwork's image task on every k-th step only. Default: the profile's (1).",
    };
    private readonly Option<int?> auxiliaryBatch = new("--aux-batch")
    {
        Description = "Images per auxiliary step. Default: the profile's (128, the paper's batch).",
    };
    private readonly Option<CellAggregation> aggregation = new("--aggregation")
    {
        Description = "Global embedding of the cell features (hypernas*): Sum (paper), Mean or Concatenate.",
        DefaultValueFactory = _ => CellAggregation.Sum,
    };
    private readonly Option<InterCellContext> context = new("--context")
    {
        Description = "Inter-cell context (hypernas*): Connectivity (previous cell's feature, paper) or PositionEmbedding (ablation).",
        DefaultValueFactory = _ => InterCellContext.Connectivity,
    };

    /// <summary>Creates the options.</summary>
    public ModelOptions()
    {
        profile.AcceptOnlyFromAmong([.. HyperNasProfile.Names]);
        foreach (var option in new Option[] { epochs, auxiliaryEvery, auxiliaryBatch, q })
            option.Validators.Add(r =>
            {
                // Tokens, not the typed value: a token that does not parse already has its own error.
                if (r.Tokens.Count == 1 && double.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out double v)
                    && !(option == q ? v > 0 : v >= 1))
                    r.AddError($"{option.Name} must be {(option == q ? "positive" : "at least 1")}, got {r.Tokens[0].Value}.");
            });
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [predictor, profile, epochs, lr, weightDecay, .. loss.All, withFeatures, q, auxiliaryEvery, auxiliaryBatch, aggregation, context, .. features.All];

    /// <summary>The chosen predictor kind (one of <see cref="PredictorRegistry.SavableKinds"/>).</summary>
    public PredictorKind Kind(ParseResult pr) => PredictorRegistry.Get(pr.GetValue(predictor)!);

    /// <summary>
    /// The kind that runs in <paramref name="context"/> and the context it runs with: the chosen kind, or what an alias
    /// (<c>default</c>) stands for, which is then written to <paramref name="error"/> with the alias's advice, so the user
    /// knows what ran; the context carries that kind's preset (<see cref="PredictorKind.Prepare"/>), so what a command
    /// records is what trains.
    /// </summary>
    public static (PredictorKind Kind, PredictorContext Context) Resolve(PredictorKind kind, PredictorContext context, TextWriter error)
    {
        var resolved = kind.Resolve(context);
        if (resolved != kind)
        {
            error.WriteLine($"--predictor {kind.Name} = {resolved.Name}.");
            if (PredictorRegistry.DefaultAdvice(context) is { } advice) error.WriteLine($"note: {advice}");
        }
        return (resolved, resolved.Prepare(context));
    }

    /// <summary>
    /// The configuration of a network predictor of the chosen kind on <paramref name="space"/>: the paper schedule with
    /// the options' overrides, and for kinds that train on images the chosen HyperNAS profile.
    /// </summary>
    /// <exception cref="ArgumentException">A bad option combination, e.g. --with-features for a kind without a hybrid readout.</exception>
    public NetworkPredictorConfig Config(ParseResult pr, ISearchSpace space)
    {
        var config = UncheckedConfig(pr, space);
        config.RequireReadoutOf(Kind(pr));
        return config;
    }

    private NetworkPredictorConfig UncheckedConfig(ParseResult pr, ISearchSpace space)
    {
        var kind = Kind(pr);
        var config = new NetworkPredictorConfig
        {
            Global = new GlobalEncodingConfig(Aggregation: pr.GetValue(aggregation), Context: pr.GetValue(context)),
            ReadoutFeatures = ReadoutFeatures(pr, features, withFeatures, kind),
        };
        if (!kind.UsesImages)
            return config with
            {
                Training = new TrainingConfig(Epochs: pr.GetValue(epochs) ?? 300, LearningRate: pr.GetValue(lr), WeightDecay: pr.GetValue(weightDecay)) { Loss = loss.Config(pr) },
            };
        var chosen = HyperNasProfile.Get(pr.GetValue(profile)!, space);
        return config with
        {
            Training = chosen.Training with
            {
                Epochs = pr.GetValue(epochs) ?? chosen.Training.Epochs,
                LearningRate = pr.GetValue(lr),
                WeightDecay = pr.GetValue(weightDecay),
                Loss = loss.Config(pr),
            },
            HyperNas = chosen.HyperNas with
            {
                Q = pr.GetValue(q),
                AuxiliaryEvery = pr.GetValue(auxiliaryEvery) ?? chosen.HyperNas.AuxiliaryEvery,
                Images = chosen.HyperNas.Images with { BatchSize = pr.GetValue(auxiliaryBatch) ?? chosen.HyperNas.Images.BatchSize },
            },
        };
    }

    /// <summary>
    /// The hybrid readout's features when <paramref name="withFeatures"/> is given, else null. Feature options for a
    /// <paramref name="kind"/> that reads none (a network without --with-features) are refused rather than ignored.
    /// </summary>
    /// <exception cref="ArgumentException">--with-features for a kind that is no trained network, feature options that would be ignored, or a bad feature choice.</exception>
    public static Features.FeatureConfig? ReadoutFeatures(ParseResult pr, FeatureOptions features, Option<bool> withFeatures, PredictorKind kind)
    {
        if (pr.GetValue(withFeatures))
            return kind.ModelFile is not null ? features.Config(pr)
                : throw new ArgumentException($"--with-features is the hybrid readout of np and hypernas-p; predictor '{kind.Name}' has none.");
        if (!kind.UsesFeatures && features.All.Any(o => pr.GetResult(o) is { Implicit: false }))
            throw new ArgumentException($"Predictor '{kind.Name}' reads no features: add --with-features (np, hypernas-p) for its hybrid readout, or choose a feature model.");
        return null;
    }

    /// <summary>
    /// The context of the chosen kind for <paramref name="task"/>: its configuration, CIFAR-10 training images from
    /// <paramref name="root"/> when the kind trains on them, <paramref name="device"/>, and the feature models' features
    /// (read only by those kinds, so the feature options are checked only for them).
    /// </summary>
    public PredictorContext Context(ParseResult pr, Evaluation.RankingTask task, Data.DataRoot root, TorchSharp.torch.Device device)
    {
        var context = new PredictorContext(task.Space)
        {
            Device = device,
            Network = Config(pr, task.Space),
            Images = BenchmarkAccess.ImagesFor(root, Kind(pr)),
        };
        if (Kind(pr).UsesFeatures) context = context with { Features = features.Config(pr), FeatureModel = features.ModelConfig(pr) };
        return task.ContextFor(context);
    }
}
