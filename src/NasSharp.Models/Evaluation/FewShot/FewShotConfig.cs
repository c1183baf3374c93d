using System.Text.Json.Nodes;

namespace NasSharp.Evaluation.FewShot;

/// <summary>
/// The settings of one few-shot experiment (<see cref="FewShotExperiment"/>), stored as the <c>config</c> of
/// <c>fewshot.json</c>; a rerun resumes only with equal ones.
/// </summary>
/// <param name="HeldOut">Catalog tasks adapted to, each on its own (a device task leaves its device out of the prior).</param>
/// <param name="Ks">Support sizes (each at least 2: the fits regress on the support values).</param>
/// <param name="Runs">Support draws per task and K; run r draws with <paramref name="Seed"/> + r, as <c>transfer</c> does.</param>
/// <param name="Methods">Methods compared on the same support cells (<see cref="FewShotMethods"/>).</param>
/// <param name="Seed">Seed of the support draws and fits.</param>
public sealed record FewShotConfig(IReadOnlyList<string> HeldOut, IReadOnlyList<int> Ks, int Runs, IReadOnlyList<FewShotMethod> Methods, int Seed)
{
    /// <summary>The meta-trained model of the MP-NAS methods (it must not have seen the held-out tasks); none by default.</summary>
    public string? MetaModelPath { get; init; }

    /// <summary>Only these devices form the prior (e.g. HELP's meta-training devices); every other device by default.</summary>
    public IReadOnlyList<string>? PriorDevices { get; init; }

    /// <summary>How many features the <c>screened-ridge</c> method keeps (<see cref="Meta.FeatureRidgeConfig.Screen"/>); the default's <see cref="FewShotFitter.CostScreen"/>.</summary>
    public int Screen { get; init; } = FewShotFitter.CostScreen;

    /// <summary>Refuses settings no run could use, before any file is written.</summary>
    /// <exception cref="ArgumentException">No tasks, sizes or methods; runs below 1; a K below 2; an MP-NAS method without a model; an unknown prior device.</exception>
    public void Validate()
    {
        if (HeldOut.Count == 0) throw new ArgumentException("A few-shot experiment needs at least one held-out task (--held-out).");
        if (Ks.Count == 0) throw new ArgumentException("A few-shot experiment needs at least one support size (--k).");
        if (Methods.Count == 0) throw new ArgumentException("A few-shot experiment needs at least one method (--methods).");
        if (Screen < 1) throw new ArgumentException($"--screen must be at least 1, got {Screen}.");
        if (Runs < 1) throw new ArgumentException($"--runs must be at least 1, got {Runs}.");
        if (Ks.FirstOrDefault(k => k < 2, -1) is var small and >= 0)
            throw new ArgumentException($"--k {small} is too small: every fit regresses on the support values, so K must be at least 2.");
        if (MetaModelPath is null && Methods.FirstOrDefault(m => m.NeedsMetaModel) is { } method)
            throw new ArgumentException($"--methods {method.Name} adapts a meta-trained model: give --meta-model.");
        var known = DeviceCatalog.DeviceColumns.Select(c => c.Device).ToHashSet();
        if (PriorDevices?.FirstOrDefault(d => !known.Contains(d)) is { } unknown)
            throw new ArgumentException($"Prior device '{unknown}' is not one of the devices of hwnas/: {string.Join(", ", known.Order())}.");
    }

    /// <summary>The <c>config</c> block of <c>fewshot.json</c>.</summary>
    public JsonNode ToJson() => new JsonObject
    {
        ["held_out"] = new JsonArray([.. HeldOut.Select(n => (JsonNode)n)]),
        ["k"] = new JsonArray([.. Ks.Select(k => (JsonNode)k)]),
        ["runs"] = Runs,
        ["methods"] = new JsonArray([.. Methods.Select(m => (JsonNode)m.Name)]),
        ["meta_model"] = MetaModelPath is null ? null : Path.GetFullPath(MetaModelPath),
        ["prior_devices"] = PriorDevices is null ? null : new JsonArray([.. PriorDevices.Select(d => (JsonNode)d)]),
        ["penalties"] = new JsonArray([.. new Meta.FeatureRidgeConfig().Penalties.Select(p => (JsonNode)p)]),
        ["screen"] = Screen,
        ["seed"] = Seed,
    };
}
