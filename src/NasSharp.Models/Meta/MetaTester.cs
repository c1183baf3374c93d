using NasSharp.Encodings;
using NasSharp.Evaluation;
using NasSharp.Predictors;
using NasSharp.Training;

namespace NasSharp.Meta;

/// <summary>
/// Meta-test (mp-nas §3.2 "Meta-testing with fine-tuning"): adapt a predictor to a new task from K support
/// architectures, and the two baselines of Tables 2 and 4. All three fine-tune with the same procedure; the caller
/// chooses each one's <see cref="MetaTestConfig"/> (optimizer, learning rate, step grid).
/// </summary>
/// <remarks>
/// Fine-tuning takes full-batch SGD or Adam steps on the support MSE against the support values z-scored by their own
/// mean and standard deviation. The step count is chosen from <see cref="MetaTestConfig.StepChoices"/> by cross-validated
/// Spearman: each fold fine-tunes a copy on the other support points, scoring its held-out points after every
/// candidate count along one trajectory; the out-of-fold scores of all folds are pooled into one Spearman per
/// count, and the best count wins (ties go to fewer steps). K ≤ <see cref="MetaTestConfig.MaxFolds"/> is
/// leave-one-out. Edge cases: K = 0, K = 1 and constant support values carry no order information, so the
/// predictor stays as it is (zero-shot); K = 2 cannot be cross-validated (a fold would train on one point) and takes
/// the smallest candidate count.
/// </remarks>
public static class MetaTester
{
    /// <summary>
    /// Fine-tunes a copy of the meta-trained <paramref name="model"/> on the support set, adapting the parameters its
    /// algorithm's inner loop adapted during meta-training (BOIL: the body, ANIL: the head, MAML: all), or every
    /// parameter with <see cref="MetaTestConfig.Parameters"/> = <see cref="FineTunedParameters.All"/>. With
    /// <see cref="MetaTestConfig.Start"/> other than <see cref="StartSelection.MetaLearned"/>, the support set's
    /// cross-validation may replace the meta-learned start by a random initialisation (<see cref="MetaPredictor.Start"/>).
    /// </summary>
    /// <param name="model">The meta-trained initialisation (left unchanged).</param>
    /// <param name="support">The K support architectures (may be empty for zero-shot).</param>
    /// <param name="values">Their performance, higher = better, one per support graph.</param>
    /// <param name="config">Learning rate, step grid, folds and start selection; <see cref="MetaTestConfig"/>'s defaults when null.</param>
    /// <param name="seed">Seeds dropout, the fold assignment and a random start.</param>
    /// <exception cref="ArgumentException">K mismatch, a non-finite value, another node-type width, or a bad config.</exception>
    /// <exception cref="FineTuningDivergedException">The chosen step count diverged on the whole support set.</exception>
    public static MetaPredictor Adapt(MetaModel model, GraphBatch support, IReadOnlyList<double> values,
        MetaTestConfig? config = null, int seed = 0)
    {
        config ??= new MetaTestConfig();
        bool[] adapted = config.Parameters == FineTunedParameters.All
            ? AllParameters(model.Network)
            : model.Metadata.Training.Algorithm.InnerLoopMask(model.Network.ParameterNames);
        var metaLearned = FineTune(model.Network, adapted, support, values, config, seed, FineTuningStart.MetaLearned);
        double metaScore = BestCrossValidated(metaLearned);
        if (config.Start == StartSelection.MetaLearned || double.IsNaN(metaScore)
            || (config.Start == StartSelection.RandomFallback && metaScore > 0))
            return metaLearned;

        MetaPredictor scratch;
        try
        {
            scratch = RandomInit(model.Metadata.NodeTypes, model.Metadata.Training.Network, support, values, config, seed);
        }
        catch
        {
            metaLearned.Dispose();
            throw;
        }
        bool useScratch = config.Start == StartSelection.RandomFallback || BestCrossValidated(scratch) > metaScore;
        (useScratch ? metaLearned : scratch).Dispose();
        return useScratch ? scratch : metaLearned;
    }

    /// <summary>The best cross-validated Spearman over the step grid; NaN when K was too small to cross-validate.</summary>
    private static double BestCrossValidated(MetaPredictor predictor) =>
        predictor.CrossValidatedSpearman.Values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();

    /// <summary>
    /// Baseline "Rand. Init.": the same network, freshly initialised from <paramref name="seed"/>, fine-tuned on the
    /// support set (all parameters) exactly as <see cref="Adapt"/> fine-tunes. The network is created on the device of
    /// <paramref name="support"/>, as every network here is created on the device of the data it is trained on.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Adapt"/>, or a bad network config.</exception>
    public static MetaPredictor RandomInit(int nodeTypes, MetaGcnConfig network, GraphBatch support, IReadOnlyList<double> values,
        MetaTestConfig? config = null, int seed = 0)
    {
        random.manual_seed(seed);
        using var init = new MetaGcn(nodeTypes, network, support.Features.device);
        return FineTune(init, AllParameters(init), support, values, config ?? new MetaTestConfig(), seed, FineTuningStart.RandomInit);
    }

    /// <summary>
    /// Pre-training of the baseline "Naive Tran." (§4.2): the network trained with plain supervised regression
    /// (<see cref="PredictorTrainer"/>) on one other task. It does not depend on the target task, so a protocol
    /// pre-trains each source once and fine-tunes copies with <see cref="NaiveTransfer"/>. The network is created on the
    /// device of the source task's graphs.
    /// </summary>
    /// <exception cref="ArgumentException">A bad network or training config.</exception>
    public static MetaGcn Pretrain(MetaTask source, MetaGcnConfig network, TrainingConfig pretraining, int seed = 0)
    {
        random.manual_seed(seed);
        var model = new MetaGcn((int)source.Graphs.Features.shape[2], network, source.Graphs.Features.device);
        PredictorTrainer.Fit(model, source.Graphs, source.Targets, pretraining, seed);
        return model;
    }

    /// <summary>
    /// Baseline "Naive Tran.": a copy of the <paramref name="pretrained"/> network (see <see cref="Pretrain"/>, left
    /// unchanged) fine-tuned on the support set (all parameters) as <see cref="Adapt"/> fine-tunes. The paper averages
    /// this over each source task in turn.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Adapt"/>.</exception>
    public static MetaPredictor NaiveTransfer(MetaGcn pretrained, GraphBatch support, IReadOnlyList<double> values,
        MetaTestConfig? config = null, int seed = 0) =>
        FineTune(pretrained, AllParameters(pretrained), support, values, config ?? new MetaTestConfig(), seed, FineTuningStart.Pretrained);

    private static bool[] AllParameters(MetaGcn network) => network.ParameterNames.Select(_ => true).ToArray();

    private static MetaPredictor FineTune(MetaGcn init, bool[] adapted, GraphBatch support, IReadOnlyList<double> values,
        MetaTestConfig config, int seed, FineTuningStart start)
    {
        config.Validate();
        if (support.Count != values.Count)
            throw new ArgumentException($"{support.Count} support graphs but {values.Count} values: K must match.", nameof(values));
        if (support.Count > 0 && support.Features.shape[2] != init.NodeTypes)
            throw new ArgumentException($"The support graphs have {support.Features.shape[2]} node types; the network reads {init.NodeTypes}.", nameof(support));
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Support value {i} is {values[i]}.", nameof(values));

        random.manual_seed(seed);
        var choices = config.StepChoices.Distinct().Order().ToArray();
        var model = init.Clone();
        if (values.Count < 2 || values.All(v => v == values[0]))
            return new MetaPredictor(model, start, 0, new Dictionary<int, double>(), config.ChunkSize);

        var crossValidation = values.Count >= 3
            ? CrossValidate(init, adapted, support, values, choices, config, new Random(seed))
            : new Dictionary<int, double>();
        int steps = crossValidation.Count == 0
            ? choices[0]
            : choices.MaxBy(c => double.IsNaN(crossValidation[c]) ? double.NegativeInfinity : crossValidation[c]);
        using (var trajectory = new Trajectory(model, adapted, support, TargetNormalization.Fit(values).Normalize(values), config))
            trajectory.Advance(steps);
        if (!MetaPredictor.Score(model, support, config.ChunkSize).All(double.IsFinite))
        {
            model.Dispose();
            throw new FineTuningDivergedException(steps,
                $"Fine-tuning diverged ({steps} {config.Optimizer} steps at learning rate {config.LearningRate}): the predictions are not finite. Use a lower learning rate.");
        }
        return new MetaPredictor(model, start, steps, crossValidation, config.ChunkSize);
    }

    /// <summary>Pooled out-of-fold Spearman of every candidate step count.</summary>
    private static Dictionary<int, double> CrossValidate(MetaGcn init, bool[] adapted, GraphBatch support, IReadOnlyList<double> values,
        int[] choices, MetaTestConfig config, Random rng)
    {
        int k = values.Count, folds = Math.Min(k, config.MaxFolds);
        var order = Enumerable.Range(0, k).ToArray();
        rng.Shuffle(order);
        var outOfFold = choices.ToDictionary(c => c, _ => new double[k]);
        for (int fold = 0; fold < folds; fold++)
        {
            var heldOut = order.Where((_, i) => i % folds == fold).ToArray();
            var train = order.Where((_, i) => i % folds != fold).ToArray();
            var trainValues = train.Select(i => values[i]).ToArray();
            using var model = init.Clone();
            using var trainIndex = tensor(train.Select(i => (long)i).ToArray(), device: support.Features.device);
            using var heldOutIndex = tensor(heldOut.Select(i => (long)i).ToArray(), device: support.Features.device);
            using var trainBatch = support.Select(trainIndex);
            using var heldOutBatch = support.Select(heldOutIndex);
            using var trajectory = new Trajectory(model, adapted, trainBatch, TargetNormalization.Fit(trainValues).Normalize(trainValues), config);
            int done = 0;
            foreach (int steps in choices)
            {
                // One trajectory per fold, scored at every candidate count on the way.
                trajectory.Advance(steps - done);
                done = steps;
                var scores = MetaPredictor.Score(model, heldOutBatch, config.ChunkSize);
                for (int j = 0; j < heldOut.Length; j++) outOfFold[steps][heldOut[j]] = scores[j];
            }
        }
        var truth = values.ToArray();
        // A step count whose fine-tuning diverged (too high a learning rate) scores NaN, so it is never chosen.
        return choices.ToDictionary(c => c, c => outOfFold[c].All(double.IsFinite) ? RankCorrelation.Spearman(outOfFold[c], truth) : double.NaN);
    }

    /// <summary>
    /// One fine-tuning run: full-batch steps on the MSE that update only the adapted parameters (dropout on while
    /// stepping). The optimizer lives as long as the trajectory, so advancing by a then b steps equals a + b at once.
    /// </summary>
    /// <remarks>
    /// SGD and Adam are written out rather than using <c>optim.SGD</c> and <c>optim.Adam</c>: those convert their
    /// hyper-parameters to temporary native Scalars on every call, and transfer runs (hundreds of thousands of steps)
    /// crashed with a corrupt Scalar inside each. Here the Scalars live, referenced, for the whole trajectory.
    /// </remarks>
    private sealed class Trajectory : IDisposable
    {
        private readonly MetaGcn model;
        private readonly GraphBatch batch;
        private readonly Tensor targets;
        private readonly TorchSharp.Modules.Parameter[] trained;
        private readonly Scalar descent;
        private readonly ScalarSafeAdam? adam;

        public Trajectory(MetaGcn model, bool[] adapted, GraphBatch batch, float[] targets, MetaTestConfig config)
        {
            this.model = model;
            this.batch = batch;
            var parameters = model.parameters().ToArray();
            // Freezing the rest also spares backward the work of their gradients (ANIL's body, BOIL's head).
            for (int i = 0; i < parameters.Length; i++) parameters[i].requires_grad = adapted[i];
            trained = parameters.Where((_, i) => adapted[i]).ToArray();
            this.targets = tensor(targets, dtype: parameters[0].dtype, device: parameters[0].device);
            descent = (-config.LearningRate).ToScalar();
            adam = config.Optimizer == FineTuningOptimizer.Adam ? new ScalarSafeAdam(trained, config.LearningRate) : null;
        }

        public void Advance(int steps)
        {
            model.train();
            for (int step = 0; step < steps; step++)
            {
                using var scope = NewDisposeScope();
                foreach (var p in trained) p.grad?.zero_();
                F.mse_loss(model.call(batch), targets).backward();
                if (adam is not null)
                {
                    adam.Step();
                    continue;
                }
                using (no_grad())
                    foreach (var p in trained)
                        if (p.grad is { } grad) p.add_(grad, descent);
            }
            model.eval();
        }

        public void Dispose()
        {
            adam?.Dispose();
            descent.Dispose();
            targets.Dispose();
        }
    }
}
