namespace NasSharp.Meta;

/// <summary>Everything needed to rebuild and trust a meta-trained predictor; stored as JSON in model and checkpoint files.</summary>
/// <param name="NodeTypes">One-hot width of the node features the network reads.</param>
/// <param name="Training">Meta-training set-up, including the network shape and algorithm.</param>
/// <param name="Seed">Seed of initialisation, task and set sampling, and dropout.</param>
/// <param name="SourceTasks">Names of the meta-training tasks, in the order given.</param>
/// <param name="EpochsDone">Epochs completed (equal to <see cref="MetaTrainingConfig.Epochs"/> once finished).</param>
/// <param name="CodeVersion">NasSharp version (with commit when built from git).</param>
/// <param name="CreatedUtc">When the file was written.</param>
public sealed record MetaModelMetadata(
    int NodeTypes, MetaTrainingConfig Training, int Seed, IReadOnlyList<string> SourceTasks, int EpochsDone,
    string CodeVersion, DateTime CreatedUtc)
{
    /// <summary>Whether <paramref name="other"/> describes the same experiment (all but progress, version and time).</summary>
    public bool SameExperiment(MetaModelMetadata other) =>
        NodeTypes == other.NodeTypes && Training == other.Training && Seed == other.Seed && SourceTasks.SequenceEqual(other.SourceTasks);
}
