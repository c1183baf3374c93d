using NasSharp.Meta;

namespace NasSharp.Evaluation;

/// <summary>
/// The registry of few-shot transfer methods: the three of mp-nas Tables 2–6 and two of ours. Adding a method is one
/// entry here; <c>transfer --methods</c>, its help text and <see cref="TransferExperiment"/> read the list.
/// </summary>
public static class TransferMethods
{
    /// <summary>MP-NAS: the meta-trained model fine-tuned on the support set (mp-nas §3.2).</summary>
    public static TransferMethod MpNas { get; } = new("mp-nas",
        "the meta-trained model fine-tuned on the support set (mp-nas §3.2)", NeedsTwoSupportCells: false, NeedsMetaModel: true,
        NeedsPretrainedSources: false, (protocol, sources, support, values, seed) => [MetaTester.Adapt(sources.MetaModel, support, values, protocol.Test, seed)]);

    /// <summary>Baseline "Rand. Init.": the same network trained from scratch on the support set.</summary>
    public static TransferMethod RandomInit { get; } = new("random-init",
        "the same network trained from scratch on the support set (the paper's Rand. Init.)", NeedsTwoSupportCells: false,
        NeedsMetaModel: false, NeedsPretrainedSources: false, (protocol, _, support, values, seed) =>
            [MetaTester.RandomInit((int)support.Features.shape[2], protocol.Network, support, values, protocol.BaselineTest, seed)]);

    /// <summary>
    /// Baseline "Naive Tran.": each source's pre-trained network (<see cref="MetaTester.Pretrain"/>) fine-tuned on the
    /// support set; ρ is averaged over the sources, as in the paper.
    /// </summary>
    public static TransferMethod NaiveTransfer { get; } = new("naive-transfer",
        "a network pre-trained on each source task, fine-tuned on the support set; ρ averaged over the sources (the paper's Naive Tran.)",
        NeedsTwoSupportCells: false, NeedsMetaModel: false, NeedsPretrainedSources: true, (protocol, sources, support, values, seed) =>
            [.. sources.Pretrained().Select(p => MetaTester.NaiveTransfer(p, support, values, protocol.BaselineTest, seed))]);

    /// <summary>
    /// Ours: ridge regression of the support values on the operation histogram (<see cref="OpCountPredictor"/>), no
    /// network and no randomness; how much of a task counting operations explains.
    /// </summary>
    public static TransferMethod OpCountRidge { get; } = new("op-count-ridge",
        "(ours) ridge regression of the support values on each architecture's operation counts, no network: how much of a task " +
        "counting operations explains", NeedsTwoSupportCells: true, NeedsMetaModel: false, NeedsPretrainedSources: false,
        (_, _, support, values, _) => [OpCountPredictor.Fit(support, values)]);

    /// <summary>
    /// Ours: MP-NAS and the operation-count ridge fitted to the same support set, their scores averaged
    /// (<see cref="AveragedPredictor"/>): the meta-learned prior and an additive cost model in one ranking.
    /// </summary>
    public static TransferMethod MpNasWithOpCounts { get; } = new("mp-nas+op-count",
        "(ours) averages MP-NAS's scores with those of op-count-ridge", NeedsTwoSupportCells: true, NeedsMetaModel: true,
        NeedsPretrainedSources: false, (protocol, sources, support, values, seed) =>
        {
            var ridge = OpCountPredictor.Fit(support, values);
            return [new AveragedPredictor(MetaTester.Adapt(sources.MetaModel, support, values, protocol.Test, seed), ridge)];
        });

    /// <summary>Every method, in the order help texts list them.</summary>
    public static IReadOnlyList<TransferMethod> All { get; } = [MpNas, RandomInit, NaiveTransfer, OpCountRidge, MpNasWithOpCounts];

    /// <summary>The methods of the paper's tables, the default selection.</summary>
    public static IReadOnlyList<TransferMethod> Paper { get; } = [MpNas, RandomInit, NaiveTransfer];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The method called <paramref name="name"/> (exact spelling, as in results files).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the valid ones.</exception>
    public static TransferMethod Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"Unknown transfer method '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Refuses a support size below 2 for a method that fits a regression to the support values.</summary>
    /// <exception cref="ArgumentException">The first such method and size; the message names <c>--methods</c> and <c>--k</c>.</exception>
    public static void CheckSupportSizes(IReadOnlyList<TransferMethod> methods, IReadOnlyList<int> ks)
    {
        if (methods.FirstOrDefault(m => m.NeedsTwoSupportCells) is { } method && ks.FirstOrDefault(k => k < 2, -1) is var small and >= 0)
            throw new ArgumentException($"--methods {method.Name} needs every --k to be at least 2 (a fit to {small} point(s) ranks nothing); " +
                                        $"got --k {string.Join(",", ks)}.");
    }
}
