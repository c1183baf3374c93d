using System.Text.Json.Nodes;
using NasSharp.Meta;

namespace NasSharp.Evaluation;

/// <summary>
/// The settings of one transfer experiment (<see cref="TransferExperiment"/>), stored as the <c>config</c> of
/// <c>transfer.json</c>; a rerun resumes only with equal ones.
/// </summary>
/// <param name="Tasks">Meta-training tasks (catalog names).</param>
/// <param name="HeldOut">
/// Tasks adapted to. One among <paramref name="Tasks"/> is left out of its own meta-training (leave-one-out); any
/// other is a transfer target of a model meta-trained on all of them.
/// </param>
/// <param name="Ks">Support sizes (0 = zero-shot).</param>
/// <param name="Runs">Support draws per task and K; run r draws with <paramref name="Seed"/> + r.</param>
/// <param name="Methods">Methods compared on the same support sets (<see cref="TransferMethods"/>).</param>
/// <param name="MetaTraining">MP-NAS's meta-training.</param>
/// <param name="Protocol">Fine-tuning of MP-NAS and the baselines, the baselines' network, naive transfer's pre-training.</param>
/// <param name="Seed">Seed of meta-training, baselines and support draws.</param>
public sealed record TransferConfig(IReadOnlyList<string> Tasks, IReadOnlyList<string> HeldOut, IReadOnlyList<int> Ks, int Runs,
    IReadOnlyList<TransferMethod> Methods, MetaTrainingConfig MetaTraining, TransferProtocol Protocol, int Seed)
{
    /// <summary>Refuses settings no run could use, before any file is written.</summary>
    /// <exception cref="ArgumentException">No tasks, held-out tasks, support sizes or methods; runs below 1; a method that needs K ≥ 2 with a smaller K.</exception>
    public void Validate()
    {
        if (Tasks.Count == 0) throw new ArgumentException("A transfer experiment needs at least one meta-training task.");
        if (HeldOut.Count == 0) throw new ArgumentException("A transfer experiment needs at least one held-out task.");
        if (Ks.Count == 0) throw new ArgumentException("A transfer experiment needs at least one support size K.");
        if (Methods.Count == 0) throw new ArgumentException("A transfer experiment needs at least one method.");
        if (Runs < 1) throw new ArgumentException($"--runs must be at least 1, got {Runs}.");
        TransferMethods.CheckSupportSizes(Methods, Ks);
    }

    /// <summary>The source tasks of <paramref name="heldOut"/>: every meta-training task but itself, in order.</summary>
    public IReadOnlyList<string> SourcesOf(string heldOut) => [.. Tasks.Where(n => n != heldOut)];

    /// <summary>The <c>config</c> block of <c>transfer.json</c>.</summary>
    public JsonNode ToJson() => new JsonObject
    {
        ["tasks"] = new JsonArray([.. Tasks.Select(n => (JsonNode)n)]),
        ["held_out"] = new JsonArray([.. HeldOut.Select(n => (JsonNode)n)]),
        ["k"] = new JsonArray([.. Ks.Select(k => (JsonNode)k)]),
        ["runs"] = Runs,
        ["methods"] = new JsonArray([.. Methods.Select(m => (JsonNode)m.Name)]),
        ["meta_training"] = TransferResults.Describe(MetaTraining),
        ["fine_tuning"] = TransferResults.Describe(Protocol.Test),
        ["baseline_fine_tuning"] = TransferResults.Describe(Protocol.BaselineTest),
        ["pretraining"] = TransferResults.Describe(Protocol.Pretraining),
        ["seed"] = Seed,
    };
}
