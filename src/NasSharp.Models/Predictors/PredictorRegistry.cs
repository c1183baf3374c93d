using NasSharp.HyperNetworks;
using NasSharp.Predictors.Features;
using NasSharp.SearchSpaces;

namespace NasSharp.Predictors;

/// <summary>
/// Every predictor kind NasSharp has, by name: what each needs and how to make one. Commands and search strategies
/// choose predictors here, and model files name their network's kind here, so no caller switches on kind strings.
/// </summary>
public static class PredictorRegistry
{
    /// <summary>Name of the MP-NAS kind.</summary>
    public const string MpNas = "mp-nas";

    /// <summary>Name of the operation-count ridge.</summary>
    public const string OpCount = "op-count";

    /// <summary>Name of the few-shot feature ridge (<see cref="Meta.FeatureRidgePredictor"/>).</summary>
    public const string FeatureRidge = "feature-ridge";

    /// <summary>Name of the ensemble kind.</summary>
    public const string Ensemble = "ensemble";

    /// <summary>Name of NP with the ranking loss and the hybrid readout (<see cref="RankingPreset"/>).</summary>
    public const string NpHybrid = "np-hybrid";

    /// <summary>Name of the alias for the best measured predictor (<see cref="DefaultFor"/>).</summary>
    public const string Default = "default";

    /// <summary>Every kind, in the order help texts list them.</summary>
    public static IReadOnlyList<PredictorKind> All { get; } =
    [
        Network("np", "Wen et al. 2020 GCN on one cell (NP)", usesImages: false, hasScoreHead: true, NpNetwork),
        Network(NpHybrid, "np trained to rank: GATES' hinge loss (unless --loss names another ranking loss) and the hybrid readout on " +
            "the architecture's features (graph features plus any feature file)", usesImages: false, hasScoreHead: true, NpNetwork, RankingPreset),
        Network("hypernas-p", "HyperNAS global encoding of the whole macro-architecture (HyperNAS-P)", usesImages: false, hasScoreHead: true,
            new ModelFileNetwork(meta => new GlobalEncodingPredictor(SearchSpaceCatalog.Get(meta.Space), meta.Global ?? new GlobalEncodingConfig(), meta.FeatureCount),
                UsesGlobalEncoding: true, HyperNasTasks: null)),
        Network("hypernas", "hypernas-p plus the hypernetwork auxiliary task on CIFAR-10 images (HyperNAS)", usesImages: true, hasScoreHead: true,
            new ModelFileNetwork(HyperNasNetwork, UsesGlobalEncoding: true, HyperNasTasks.Both)),
        Network("hypernas-h", "the hypernetwork alone, for init-weights; no score head (HyperNAS-H)", usesImages: true, hasScoreHead: false,
            new ModelFileNetwork(HyperNasNetwork, UsesGlobalEncoding: true, HyperNasTasks.HypernetworkOnly)),
        new(MpNas, "a meta-trained MP-NAS model (--meta-model) adapted by the meta-test on the architectures measured so far",
            UsesImages: false, HasScoreHead: true,
            context =>
            {
                if (context.Device.type != DeviceType.CPU)
                    throw new ArgumentException($"Predictor '{MpNas}' adapts through the meta-test, which runs on the CPU; use --device cpu.");
                string path = context.MetaModelPath
                    ?? throw new ArgumentException($"Predictor '{MpNas}' needs a meta-trained model file (PredictorContext.MetaModelPath, --meta-model).");
                return MpNasPredictor.Load(path, context.Space, context.MetaTest);
            }),
        new(OpCount, "ridge regression on the operation counts (a transparent baseline)", UsesImages: false, HasScoreHead: true,
            context => new OpCountRidgePredictor(context.Space, context.OpCountPenalty)),
        new(FeatureRidge, "ridge regression on features (graph features, or cost columns and other devices' latencies), λ by leave-one-out",
            UsesImages: false, HasScoreHead: true, context => new Meta.FeatureRidgePredictor(context.Space, context.FeatureRidge)),
        new(Ensemble, "an ensemble of another kind (members with seeds seed, seed+1, ...): mean and spread", UsesImages: false, HasScoreHead: true,
            CreateEnsemble),
        FeatureModel("forest", TreeLearner.FastForest, "ML.NET FastForest (a random forest) on the architecture's features"),
        FeatureModel("lgbm", TreeLearner.LightGbm, "LightGBM gradient-boosted trees (through ML.NET) on the architecture's features"),
        FeatureModel("boost", TreeLearner.FastTree, "ML.NET FastTree gradient-boosted trees on the architecture's features"),
        new(Default, "the best measured predictor of the space: np-hybrid on nb201 and nb101 (graph features plus any feature file, best with " +
            "zero-cost proxies on nb201), lgbm elsewhere (docs/DECISIONS.md)",
            UsesImages: false, HasScoreHead: true, context => DefaultFor(context).Create(context))
        {
            Saves = true, UsesFeatures = true, AliasOf = DefaultFor,
        },
    ];

    /// <summary>Names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>The kinds saved as <see cref="ArchitecturePredictor"/> model files (what <c>train</c> trains).</summary>
    public static IReadOnlyList<PredictorKind> ModelFileKinds { get; } = [.. All.Where(k => k.ModelFile is not null)];

    /// <summary>The kinds whose fitted predictors <c>train</c> saves and <c>predict</c> loads (<see cref="PredictorFiles"/>).</summary>
    public static IReadOnlyList<PredictorKind> SavableKinds { get; } = [.. All.Where(k => k.Saves)];

    /// <summary>
    /// The kind <c>--predictor default</c> stands for in a space: the best measured there (docs/DECISIONS.md, "Issue 15:
    /// the default predictor becomes np-hybrid"). np-hybrid on NB201 and NB101, where it ranks best at every measured
    /// size; LightGBM elsewhere (TB101: level with np-hybrid over the sizes measured, and faster).
    /// </summary>
    public static PredictorKind DefaultFor(PredictorContext context) =>
        Get(DefaultBySpace.GetValueOrDefault(context.Space.Name, "lgbm"));

    /// <summary>
    /// What a user of <c>--predictor default</c> in <paramref name="context"/> should know: null, or, in a space where
    /// zero-cost proxies were measured to help and none was given, how to add them.
    /// </summary>
    public static string? DefaultAdvice(PredictorContext context) =>
        !ProxiesHelpIn.Contains(context.Space.Name) || context.Features.Files.Count > 0 ? null :
        $"--predictor default runs {DefaultFor(context).Name} on the graph features only: no --feature-file was given. The measured best " +
        $"adds zero-cost proxies: 'nassharp proxies --space {context.Space.Name} --out FILE', then --feature-file FILE --feature-columns \"naswot,log1p(synflow)\".";

    /// <summary>Spaces whose measured best is not LightGBM, and the kind that is.</summary>
    private static readonly Dictionary<string, string> DefaultBySpace = new() { ["nb201"] = NpHybrid, ["nb101"] = NpHybrid };

    /// <summary>Spaces where the default was measured to rank better with NasSharp's own zero-cost proxies.</summary>
    private static readonly HashSet<string> ProxiesHelpIn = ["nb201"];

    /// <summary>The kind called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static PredictorKind Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(k => k.Name == name)
            ?? throw new ArgumentException($"Unknown predictor '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>An unfitted predictor of kind <paramref name="kind"/> for <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">Unknown kind, or the context lacks what it needs.</exception>
    public static IArchitecturePredictor Create(string kind, PredictorContext context) => Get(kind).Create(context);

    private static PredictorKind Network(string name, string description, bool usesImages, bool hasScoreHead, ModelFileNetwork network,
        Func<PredictorContext, PredictorContext>? preset = null)
    {
        PredictorKind? kind = null;
        kind = new PredictorKind(name, description, usesImages, hasScoreHead, context => new NetworkPredictor(kind!, context))
        {
            ModelFile = network, Saves = true, Preset = preset, UsesFeatures = preset is not null,
        };
        return kind;
    }

    // A property, not a field: All, initialised before any field declared below it, reads it.
    private static ModelFileNetwork NpNetwork => new(meta => new NeuralPredictor(meta.NodeTypes, meta.Np, meta.FeatureCount), UsesGlobalEncoding: false, HyperNasTasks: null);

    /// <summary>
    /// np-hybrid's settings: the context's features in the readout and GATES' hinge loss unless a ranking loss is
    /// already chosen (docs/DECISIONS.md, "np-hybrid").
    /// </summary>
    private static PredictorContext RankingPreset(PredictorContext context)
    {
        var loss = context.Network.Training.Loss;
        return context with
        {
            Network = context.Network with
            {
                Training = context.Network.Training with { Loss = loss.Kind == Training.LossKind.Mse ? loss with { Kind = Training.LossKind.Hinge } : loss },
                ReadoutFeatures = context.Features,
            },
        };
    }

    private static PredictorKind FeatureModel(string name, TreeLearner learner, string description) =>
        new(name, $"{description} (cross-validated tree settings)", UsesImages: false, HasScoreHead: true,
            context => new FeatureModelPredictor(name, learner, context.Space, context.Features.Create(context.Space), context.Features,
                context.FeatureModel, context.Target, context.TrainMetric))
        {
            Saves = true, UsesFeatures = true,
        };

    private static nn.Module<Encodings.GraphBatch, Tensor> HyperNasNetwork(PredictorMetadata meta) => meta.HyperNas is { } h
        ? new HyperNasModel(SearchSpaceCatalog.Get(meta.Space), meta.Global ?? new GlobalEncodingConfig(), h.Hyper, h.Target, h.Q)
        : throw new ArgumentException($"Predictor '{meta.Predictor}' needs HyperNAS settings in its metadata.");

    private static IArchitecturePredictor CreateEnsemble(PredictorContext context)
    {
        context.Ensemble.Validate();
        var member = Get(context.Ensemble.Member);
        if (!member.HasScoreHead) throw new ArgumentException($"An ensemble of '{member.Name}' predicts nothing: that kind has no score head.");
        var members = new List<IArchitecturePredictor>(context.Ensemble.Size);
        try
        {
            var memberEpochDone = CumulativeEpochs(context.EpochDone);
            for (int i = 0; i < context.Ensemble.Size; i++) members.Add(member.Create(context with { EpochDone = memberEpochDone() }));
        }
        catch
        {
            foreach (var made in members) made.Dispose();
            throw;
        }
        return new EnsemblePredictor(members);
    }

    /// <summary>
    /// The members' epoch callbacks: each member counts its own epochs from 1 at every fit, and the ensemble's caller
    /// sees the epochs of all its members' fits added up.
    /// </summary>
    private static Func<Action<int>?> CumulativeEpochs(Action<int>? ensembleEpochDone)
    {
        int total = 0;
        return () =>
        {
            if (ensembleEpochDone is null) return null;
            int last = 0;
            return epochs =>
            {
                if (epochs <= last) last = 0;
                total += epochs - last;
                last = epochs;
                ensembleEpochDone(total);
            };
        };
    }
}
