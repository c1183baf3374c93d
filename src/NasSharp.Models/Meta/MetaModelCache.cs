using System.Security.Cryptography;
using System.Text;
namespace NasSharp.Meta;

/// <summary>
/// Meta-trained models kept in an experiment's <c>models/</c> folder, so that a rerun of a transfer or synthetic
/// experiment (<see cref="Evaluation.TransferExperiment"/>, <see cref="Evaluation.SyntheticExperiment"/>) reuses them and an interrupted meta-training resumes from its checkpoint.
/// </summary>
public static class MetaModelCache
{
    /// <summary>
    /// Where the model identified by <paramref name="identity"/> (e.g. its source task names) lives under
    /// <paramref name="folder"/>: a short hash keeps file names valid for any task names.
    /// </summary>
    public static string PathFor(string folder, string identity)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12].ToLowerInvariant();
        return Path.Combine(folder, "models", $"meta-{key}.model");
    }

    /// <summary>
    /// The model at <paramref name="path"/> if it was meta-trained on <paramref name="tasks"/> with
    /// <paramref name="config"/> and <paramref name="seed"/>; otherwise meta-trains it (resumably) and saves it there.
    /// The model is on the device of the tasks' graphs. <paramref name="epochDone"/> gets the epochs done (all of them
    /// at once for a model loaded from the file).
    /// </summary>
    /// <exception cref="ArgumentException">No tasks, or tasks <see cref="MetaTrainer.Train"/> refuses.</exception>
    /// <exception cref="InvalidDataException">The file holds a model trained with other tasks, settings or seed.</exception>
    public static MetaModel LoadOrTrain(string path, IReadOnlyList<MetaTask> tasks, MetaTrainingConfig config, int seed, Action<int>? epochDone = null)
    {
        if (tasks.Count == 0) throw new ArgumentException("A meta-trained model needs at least one source task.", nameof(tasks));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            var model = MetaModel.Load(path, tasks[0].Graphs.Features.device);
            if (model.Metadata.SourceTasks.SequenceEqual(tasks.Select(t => t.Name)) && model.Metadata.Training == config && model.Metadata.Seed == seed)
            {
                epochDone?.Invoke(config.Epochs);
                return model;
            }
            model.Dispose();
            throw new InvalidDataException($"'{path}' was meta-trained with other settings; delete it or choose another --out folder.");
        }
        var trained = MetaTrainer.Train(tasks, config, seed, path + MetaTrainer.CheckpointSuffix, r => epochDone?.Invoke(r.Epoch));
        trained.Save(path);
        File.Delete(path + MetaTrainer.CheckpointSuffix);
        return trained;
    }
}
