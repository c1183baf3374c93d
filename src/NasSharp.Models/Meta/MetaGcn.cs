using NasSharp.Encodings;
using TorchSharp.Modules;

namespace NasSharp.Meta;

/// <summary>
/// The MP-NAS predictor (mp-nas §3.2, Appendix B), a BRP-NAS-style GCN: <see cref="MetaGcnConfig.Layers"/> layers
/// <c>H' = Dropout(ReLU(Â (H W + b)))</c> with <c>Â = rownorm(Aᵀ + I)</c> (<see cref="GraphBatch.BackwardAdjacency"/>:
/// each node averages itself and its predecessors), then the feature of the global node
/// (<see cref="MetaGcnConfig.ReadoutNode"/>) through a linear head to one score per graph.
/// </summary>
/// <remarks>
/// BRP-NAS puts the global node first and aggregates over successors; our cells are upper triangular with the global
/// node last, so aggregating over predecessors is the same message flow: every node's information reaches the
/// global node. Because <c>Â</c>'s rows sum to one, <c>Â (H W + 1 bᵀ) = Â H W + 1 bᵀ</c>, i.e. BRP-NAS's
/// "bias after propagation". The network is written functionally (<see cref="ForwardWith"/>) so that MAML's inner
/// loop can run it with fast weights; <see cref="ParameterNames"/> gives the order of that parameter list.
/// </remarks>
public sealed class MetaGcn : nn.Module<GraphBatch, Tensor>
{
    /// <summary>Name prefix of the head's parameters (the "final layer" λ of mp-nas Eq. 6–7).</summary>
    public const string HeadPrefix = "head.";

    private readonly ModuleList<Linear> layers = new();
    private readonly Linear head;

    /// <summary>
    /// Creates a randomly initialised GCN (torch's generator) for <paramref name="nodeTypes"/> one-hot node types, with
    /// its parameters on <paramref name="device"/> (default: the CPU). It scores batches on the same device.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="nodeTypes"/> is not positive or <paramref name="config"/> is out of range.</exception>
    public MetaGcn(int nodeTypes, MetaGcnConfig config, Device? device = null) : base(nameof(MetaGcn))
    {
        if (nodeTypes < 1) throw new ArgumentException($"Need at least one node type, got {nodeTypes}.", nameof(nodeTypes));
        config.Validate();
        NodeTypes = nodeTypes;
        Config = config;
        for (int i = 0; i < config.Layers; i++)
            layers.Add(nn.Linear(i == 0 ? nodeTypes : config.Hidden, config.Hidden));
        head = nn.Linear(config.Hidden, 1);
        RegisterComponents();
        // Initialised on the CPU and then moved, so that a seed gives the same initial weights on every device.
        if (device is not null && device.type != DeviceType.CPU) this.to(device);
    }

    /// <summary>The device the parameters live on; batches scored by the network must be on it too.</summary>
    public Device Device => head.weight!.device;

    /// <summary>One-hot width of the node features the network reads.</summary>
    public int NodeTypes { get; }

    /// <summary>Layers, width, dropout and readout node.</summary>
    public MetaGcnConfig Config { get; }

    /// <summary>
    /// Names of the parameters in the order <see cref="ForwardWith"/> expects them: <c>layers.{i}.weight</c>,
    /// <c>layers.{i}.bias</c> for each layer, then <c>head.weight</c>, <c>head.bias</c>.
    /// </summary>
    public IReadOnlyList<string> ParameterNames => named_parameters().Select(p => p.name).ToArray();

    /// <summary>The current parameters as a list in <see cref="ParameterNames"/> order (the slow weights θ).</summary>
    public IReadOnlyList<Tensor> ParameterList => parameters().Select(p => (Tensor)p).ToArray();

    /// <summary>Scores with the module's own parameters; dropout follows <c>train()</c>/<c>eval()</c>. Returns <c>[B]</c>.</summary>
    public override Tensor forward(GraphBatch batch) => ForwardWith(ParameterList, batch, training);

    /// <summary>
    /// Scores <paramref name="batch"/> with <paramref name="parameters"/> in place of the module's own (fast weights
    /// of the inner loop, mp-nas Eq. 4/6). Returns <c>[B]</c> scores, differentiable w.r.t. <paramref name="parameters"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong parameter count or a batch of a different node-type width.</exception>
    public Tensor ForwardWith(IReadOnlyList<Tensor> parameters, GraphBatch batch, bool training)
    {
        int expected = 2 * (Config.Layers + 1);
        if (parameters.Count != expected)
            throw new ArgumentException($"MetaGcn takes {expected} parameter tensors, got {parameters.Count}.", nameof(parameters));
        if (batch.Features.shape[2] != NodeTypes)
            throw new ArgumentException($"The batch has {batch.Features.shape[2]} node types; this network was built for {NodeTypes}.", nameof(batch));
        // A cross-device matmul fails inside native code, which can abort the process (SPEC §5).
        if (batch.Features.device_type != head.weight!.device_type || batch.Features.device_index != head.weight.device_index)
            throw new ArgumentException($"The batch is on {batch.Features.device}; this network's parameters are on {Device}.", nameof(batch));
        if (Config.ReadoutNode >= batch.Features.shape[1])
            throw new ArgumentException($"Readout node {Config.ReadoutNode} is outside the batch's {batch.Features.shape[1]} nodes.", nameof(batch));
        using var scope = NewDisposeScope();
        var h = batch.Features;
        for (int i = 0; i < Config.Layers; i++)
        {
            var message = batch.BackwardAdjacency.bmm(F.linear(h, parameters[2 * i], parameters[2 * i + 1]));
            h = F.dropout(F.relu(message), Config.Dropout, training);
        }
        var readout = Readout(h, batch.NodeMask);
        return F.linear(readout, parameters[^2], parameters[^1]).squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <summary>A copy with the same configuration and parameter values (torch's generator is consumed by the initialisation).</summary>
    public MetaGcn Clone()
    {
        var copy = new MetaGcn(NodeTypes, Config, Device);
        using var noGrad = no_grad();
        foreach (var (target, source) in copy.parameters().Zip(parameters()))
            target.copy_(source);
        copy.train(training);
        return copy;
    }

    /// <summary>The global node's feature, <c>[B, D]</c>: a fixed index, or each graph's last real node.</summary>
    private Tensor Readout(Tensor h, Tensor mask)
    {
        if (Config.ReadoutNode is int node) return h.select(1, node);
        // Real nodes occupy indices 0..m−1 of a padded graph, so the last one is at m − 1.
        var last = mask.sum(1).to_type(ScalarType.Int64).sub_(TorchConstants.One).clamp_min_(TorchConstants.Zero);
        return h.gather(1, last.view(-1, 1, 1).expand(-1, 1, h.shape[2])).squeeze(1);
    }
}
