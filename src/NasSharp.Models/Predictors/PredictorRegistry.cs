using NasSharp.HyperNetworks;
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

    /// <summary>Name of the ensemble kind.</summary>
    public const string Ensemble = "ensemble";

    /// <summary>Every kind, in the order help texts list them.</summary>
    public static IReadOnlyList<PredictorKind> All { get; } =
    [
        Network("np", "Wen et al. 2020 GCN on one cell (NP)", usesImages: false, hasScoreHead: true,
            new ModelFileNetwork(meta => new NeuralPredictor(meta.NodeTypes, meta.Np, meta.FeatureCount), UsesGlobalEncoding: false, HyperNasTasks: null)),
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
        new(Ensemble, "an ensemble of another kind (members with seeds seed, seed+1, ...): mean and spread", UsesImages: false, HasScoreHead: true,
            CreateEnsemble),
    ];

    /// <summary>Names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>The kinds saved as <see cref="ArchitecturePredictor"/> model files (what <c>train</c> trains).</summary>
    public static IReadOnlyList<PredictorKind> ModelFileKinds { get; } = [.. All.Where(k => k.ModelFile is not null)];

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

    private static PredictorKind Network(string name, string description, bool usesImages, bool hasScoreHead, ModelFileNetwork network)
    {
        PredictorKind? kind = null;
        kind = new PredictorKind(name, description, usesImages, hasScoreHead, context => new NetworkPredictor(kind!, context)) { ModelFile = network };
        return kind;
    }

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
            for (int i = 0; i < context.Ensemble.Size; i++) members.Add(member.Create(context));
        }
        catch
        {
            foreach (var made in members) made.Dispose();
            throw;
        }
        return new EnsemblePredictor(members);
    }
}
