using System.Text.Json;
using System.Text.Json.Nodes;
using NasSharp.Meta;

namespace NasSharp.Evaluation;

/// <summary>
/// The settings of one synthetic study (<see cref="SyntheticExperiment"/>), stored as the <c>config</c> of
/// <c>synthetic.json</c>; a rerun resumes only with equal ones.
/// </summary>
/// <param name="BaseTask">The real task the synthetic tasks copy (the paper: NB201 CIFAR-100).</param>
/// <param name="Settings">The panel's settings (<see cref="SyntheticFactor.Panel"/>).</param>
/// <param name="MetaArchitectures">Cells MP-NAS is meta-trained on (the paper's 256); the held-out task is scored on the others.</param>
/// <param name="K">Support cells of the held-out task.</param>
/// <param name="Runs">Support draws per setting and seed.</param>
/// <param name="Seeds">Study seeds: each draws its own meta-training cells, noise and meta-trained models.</param>
/// <param name="Methods">Methods compared (a subset of <see cref="SyntheticExperiment.Methods"/>).</param>
/// <param name="MetaTraining">MP-NAS's meta-training.</param>
/// <param name="Protocol">Fine-tuning of MP-NAS and of the random-init baseline.</param>
public sealed record SyntheticConfig(string BaseTask, IReadOnlyList<SyntheticSetting> Settings, int MetaArchitectures, int K, int Runs,
    IReadOnlyList<int> Seeds, IReadOnlyList<TransferMethod> Methods, MetaTrainingConfig MetaTraining, TransferProtocol Protocol)
{
    /// <summary>Refuses settings no run could use, before any file is written.</summary>
    /// <exception cref="ArgumentException">An empty list, runs below 1, an out-of-range setting or a method the study does not compare.</exception>
    public void Validate()
    {
        if (Settings.Count == 0) throw new ArgumentException("A synthetic study needs at least one setting.");
        if (Seeds.Count == 0) throw new ArgumentException("A synthetic study needs at least one seed.");
        if (Methods.Count == 0) throw new ArgumentException("A synthetic study needs at least one method.");
        if (Runs < 1) throw new ArgumentException($"--runs must be at least 1, got {Runs}.");
        foreach (var setting in Settings) setting.Validate();
        if (Methods.FirstOrDefault(m => !SyntheticExperiment.Methods.Contains(m)) is { } other)
            throw new ArgumentException($"The synthetic study compares {string.Join(" and ", SyntheticExperiment.Methods)}, not {other.Name}.");
    }

    /// <summary>The <c>config</c> block of <c>synthetic.json</c>.</summary>
    public JsonNode ToJson() => new JsonObject
    {
        ["base_task"] = BaseTask,
        ["settings"] = new JsonArray([.. Settings.Select(s => JsonSerializer.SerializeToNode(s))]),
        ["meta_archs"] = MetaArchitectures,
        ["k"] = K,
        ["runs"] = Runs,
        ["seeds"] = new JsonArray([.. Seeds.Select(s => (JsonNode)s)]),
        ["methods"] = new JsonArray([.. Methods.Select(m => (JsonNode)m.Name)]),
        ["meta_training"] = TransferResults.Describe(MetaTraining),
        ["fine_tuning"] = TransferResults.Describe(Protocol.Test),
        ["baseline_fine_tuning"] = TransferResults.Describe(Protocol.BaselineTest),
    };
}
