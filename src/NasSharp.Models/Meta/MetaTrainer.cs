using System.Diagnostics;
using NasSharp.Encodings;
using NasSharp.Predictors;

namespace NasSharp.Meta;

/// <summary>
/// Meta-training of the MP-NAS predictor (mp-nas §3.2): episodic MAML / FoMAML / BOIL / ANIL over a list of
/// <see cref="MetaTask"/>s, with atomic checkpoints from which an interrupted run resumes to the same result.
/// </summary>
public static class MetaTrainer
{
    /// <summary>Suffix of the checkpoint a caller keeps beside a model file (<c>MODEL.checkpoint</c>).</summary>
    public const string CheckpointSuffix = ".checkpoint";

    /// <summary>
    /// Meta-trains a <see cref="MetaGcn"/> on <paramref name="tasks"/>. Torch is seeded with <paramref name="seed"/>
    /// before the network is initialised; every epoch then re-seeds torch (dropout) and its own
    /// <see cref="Random"/> (task and set sampling) from (seed, epoch), so an epoch depends only on the parameters
    /// and optimizer state it starts from. That is why a run resumed from a checkpoint ends with the same
    /// parameters as an uninterrupted one.
    /// </summary>
    /// <param name="tasks">
    /// Meta-training tasks; all with the same node-type width and on one torch device, where the network is created and
    /// trained (<see cref="MetaTaskLoader.Load"/> builds them on the device asked for).
    /// </param>
    /// <param name="config">Network, algorithm and schedule.</param>
    /// <param name="seed">Seed of everything random.</param>
    /// <param name="checkpointPath">
    /// When given, the network, AdamW state and epoch count are written there atomically every
    /// <see cref="MetaTrainingConfig.CheckpointEvery"/> epochs and after the last; an existing checkpoint of the same
    /// experiment (tasks, config, seed) is resumed, a finished one returned as is.
    /// </param>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="cancellationToken">Checked after every epoch, once its checkpoint (if due) is written.</param>
    /// <exception cref="ArgumentException">
    /// No tasks, tasks of different node-type widths or devices, a task smaller than support + query, or a bad config.
    /// </exception>
    /// <exception cref="InvalidOperationException">The checkpoint belongs to a different experiment.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the last checkpoint stays valid for resuming.</exception>
    public static MetaModel Train(IReadOnlyList<MetaTask> tasks, MetaTrainingConfig config, int seed, string? checkpointPath = null,
        Action<MetaEpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        config.Validate();
        int nodeTypes = Validate(tasks, config);
        var metadata = new MetaModelMetadata(nodeTypes, config, seed, tasks.Select(t => t.Name).ToArray(), 0, CodeVersion.Current, DateTime.UtcNow);

        random.manual_seed(seed);
        var device = tasks[0].Graphs.Features.device;
        var model = new MetaGcn(nodeTypes, config.Network, device);
        try
        {
            using var optimizer = optim.AdamW(model.parameters(), lr: config.OuterLearningRate, weight_decay: config.WeightDecay);
            int start = checkpointPath is not null && File.Exists(checkpointPath) ? Resume(checkpointPath, metadata, model, optimizer) : 0;
            var targets = tasks.Select(t => tensor(t.Targets, device: device)).ToArray();
            try
            {
                for (int epoch = start; epoch < config.Epochs; epoch++)
                {
                    var clock = Stopwatch.StartNew();
                    var (loss, skipped) = RunEpoch(model, optimizer, tasks, targets, config, EpochSeed(seed, epoch));
                    int done = epoch + 1;
                    metadata = metadata with { EpochsDone = done, CreatedUtc = DateTime.UtcNow };
                    if (checkpointPath is not null && (done % config.CheckpointEvery == 0 || done == config.Epochs))
                        MetaModelFile.Write(checkpointPath, MetaModelFile.CheckpointMagic, metadata, model, optimizer);
                    progress?.Invoke(new MetaEpochReport(done, config.Epochs, loss, clock.Elapsed, skipped));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            finally
            {
                foreach (var t in targets) t.Dispose();
            }
            model.eval();
            return new MetaModel(model, metadata with { EpochsDone = config.Epochs });
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The outer loss of one episode: adapt the parameters the algorithm's inner loop adapts with
    /// <paramref name="innerSteps"/> SGD steps on the support MSE (Eq. 4, or Eq. 6 for BOIL), then the query MSE
    /// under the adapted fast weights (the summand of Eq. 5 / Eq. 7). The result is differentiable w.r.t.
    /// <paramref name="model"/>'s parameters, through the inner gradients unless the algorithm is first order.
    /// Dropout is active when <paramref name="model"/> is in training mode.
    /// </summary>
    /// <exception cref="ArgumentException">Targets that do not match their batches, or an invalid step count or rate.</exception>
    public static Tensor EpisodeLoss(MetaGcn model, MetaAlgorithm algorithm, GraphBatch support, Tensor supportTargets,
        GraphBatch query, Tensor queryTargets, int innerSteps, double innerLearningRate)
    {
        // Shapes are checked here because a native error inside autograd.grad can abort the process (SPEC §5).
        if (supportTargets.shape.Length != 1 || supportTargets.shape[0] != support.Count)
            throw new ArgumentException($"Support targets of shape [{string.Join(", ", supportTargets.shape)}] for {support.Count} graphs.", nameof(supportTargets));
        if (queryTargets.shape.Length != 1 || queryTargets.shape[0] != query.Count)
            throw new ArgumentException($"Query targets of shape [{string.Join(", ", queryTargets.shape)}] for {query.Count} graphs.", nameof(queryTargets));
        if (support.Count < 1 || query.Count < 1)
            throw new ArgumentException($"An episode needs a non-empty support and query set, got {support.Count} and {query.Count}.");
        if (innerSteps < 0) throw new ArgumentException($"innerSteps must be non-negative, got {innerSteps}.", nameof(innerSteps));
        if (!(innerLearningRate > 0)) throw new ArgumentException($"innerLearningRate must be positive, got {innerLearningRate}.", nameof(innerLearningRate));

        using var scope = NewDisposeScope();
        var adapted = algorithm.InnerLoopMask(model.ParameterNames)
            .Select((a, i) => (a, i)).Where(p => p.a).Select(p => p.i).ToArray();
        bool secondOrder = algorithm.IsSecondOrder();
        var fast = model.ParameterList.ToArray();
        using var rate = innerLearningRate.ToScalar();
        for (int step = 0; step < innerSteps; step++)
        {
            var innerLoss = F.mse_loss(model.ForwardWith(fast, support, model.training), supportTargets);
            // retain_graph must accompany create_graph in TorchSharp, or the outer backward fails (SPEC §5).
            var grads = autograd.grad([innerLoss], adapted.Select(i => fast[i]).ToArray(),
                create_graph: secondOrder, retain_graph: secondOrder);
            // Without create_graph the gradients carry no history: FoMAML's outer gradient treats them as constants.
            for (int k = 0; k < adapted.Length; k++)
                fast[adapted[k]] = fast[adapted[k]] - grads[k].mul(rate);
        }
        return F.mse_loss(model.ForwardWith(fast, query, model.training), queryTargets).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One epoch of outer steps; returns the mean post-adaptation query loss over the steps taken and the number of
    /// steps skipped. A step whose loss or gradient is not finite is skipped: one exploding inner loop would otherwise
    /// turn every weight and AdamW's moments into NaN for good (it happened once in a 180-epoch NB201 fold).
    /// </summary>
    private static (double Loss, int Skipped) RunEpoch(MetaGcn model, TorchSharp.Modules.AdamW optimizer, IReadOnlyList<MetaTask> tasks,
        Tensor[] targets, MetaTrainingConfig config, int epochSeed)
    {
        random.manual_seed(epochSeed);
        var rng = new Random(epochSeed);
        model.train();
        double sum = 0;
        int episodes = 0, skipped = 0;
        using var tasksPerStep = ((double)Math.Min(config.TasksPerStep, tasks.Count)).ToScalar();
        for (int step = 0; step < config.StepsPerEpoch; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            double stepSum = 0;
            var chosen = SampleDistinct(rng, tasks.Count, Math.Min(config.TasksPerStep, tasks.Count));
            foreach (long t in chosen)
            {
                using var taskScope = NewDisposeScope();
                var task = tasks[(int)t];
                // Eq. 2–3: support and query sets are disjoint draws from the same task.
                var drawn = SampleDistinct(rng, task.Count, config.SupportSize + config.QuerySize);
                var supportIndex = tensor(drawn[..config.SupportSize], device: task.Graphs.Features.device);
                var queryIndex = tensor(drawn[config.SupportSize..], device: task.Graphs.Features.device);
                using var support = task.Graphs.Select(supportIndex);
                using var query = task.Graphs.Select(queryIndex);
                var loss = EpisodeLoss(model, config.Algorithm, support, targets[t].index_select(0, supportIndex),
                    query, targets[t].index_select(0, queryIndex), config.InnerSteps, config.InnerLearningRate);
                // Eq. 5/7 sum over the tasks; we average so the outer step size does not depend on the meta-batch.
                loss.div(tasksPerStep).backward();
                stepSum += loss.item<float>();
            }
            if (!double.IsFinite(stepSum) || model.parameters().Any(p => p.grad is { } g && !g.isfinite().all().item<bool>()))
            {
                skipped++;
                continue;
            }
            optimizer.step();
            sum += stepSum;
            episodes += chosen.Length;
        }
        return (episodes == 0 ? double.NaN : sum / episodes, skipped);
    }

    /// <summary>Checks the tasks against the config and returns their common node-type width.</summary>
    private static int Validate(IReadOnlyList<MetaTask> tasks, MetaTrainingConfig config)
    {
        if (tasks.Count == 0) throw new ArgumentException("Meta-training needs at least one task.", nameof(tasks));
        long nodeTypes = tasks[0].Graphs.Features.shape[2];
        foreach (var task in tasks)
        {
            if (task.Graphs.Features.shape[2] != nodeTypes)
                throw new ArgumentException(
                    $"Task '{task.Name}' has {task.Graphs.Features.shape[2]} node types, task '{tasks[0].Name}' {nodeTypes}; encode all tasks in one vocabulary.", nameof(tasks));
            if (task.Graphs.Features.device_type != tasks[0].Graphs.Features.device_type
                || task.Graphs.Features.device_index != tasks[0].Graphs.Features.device_index)
                throw new ArgumentException(
                    $"Task '{task.Name}' is on {task.Graphs.Features.device}, task '{tasks[0].Name}' on {tasks[0].Graphs.Features.device}; build all tasks on one device.", nameof(tasks));
            if (task.Count < config.SupportSize + config.QuerySize)
                throw new ArgumentException(
                    $"Task '{task.Name}' has {task.Count} architectures, fewer than support {config.SupportSize} + query {config.QuerySize}.", nameof(tasks));
        }
        var duplicate = tasks.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Task name '{duplicate.Key}' occurs {duplicate.Count()} times.", nameof(tasks));
        return (int)nodeTypes;
    }

    /// <summary>Loads a checkpoint of the same experiment into the model and optimizer; returns the epochs it completed.</summary>
    private static int Resume(string path, MetaModelMetadata expected, MetaGcn model, TorchSharp.Modules.AdamW optimizer)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var saved = MetaModelFile.ReadMetadata(path, reader, MetaModelFile.CheckpointMagic);
        if (!saved.SameExperiment(expected))
            throw new InvalidOperationException(
                $"Checkpoint '{path}' belongs to a different experiment (seed {saved.Seed}, tasks [{string.Join(", ", saved.SourceTasks)}], " +
                $"config {saved.Training}); delete it or choose another path.");
        MetaModelFile.ReadState(path, reader, model, optimizer);
        return saved.EpochsDone;
    }

    /// <summary>
    /// The first <paramref name="count"/> entries of a seeded partial Fisher–Yates shuffle of 0..n−1: distinct and
    /// uniform (Eq. 2–3 sample "unique" pairs).
    /// </summary>
    private static long[] SampleDistinct(Random rng, int n, int count)
    {
        var pool = new long[n];
        for (int i = 0; i < n; i++) pool[i] = i;
        for (int i = 0; i < count; i++)
        {
            int j = rng.Next(i, n);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    /// <summary>SplitMix64 of (seed, epoch), so neighbouring seeds and epochs give unrelated streams.</summary>
    private static int EpochSeed(int seed, int epoch)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
