using TorchSharp.Modules;

namespace NasSharp.Predictors;

/// <summary>
/// The NP layer of Wen et al. (2020), SPEC §3: <c>H' = Dropout(½·ReLU(Â_f H W_f) + ½·ReLU(Â_b H W_b))</c> with
/// <c>Â_f = rownorm(A + I)</c> and <c>Â_b = rownorm(Aᵀ + I)</c>, so information flows along and against the edges.
/// </summary>
public sealed class DirectedGcnLayer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Linear forwardWeight;
    private readonly Linear backwardWeight;
    private readonly Dropout dropout;

    /// <summary>Creates a layer mapping <paramref name="inFeatures"/> to <paramref name="outFeatures"/> per node.</summary>
    public DirectedGcnLayer(long inFeatures, long outFeatures, double dropoutRate) : base(nameof(DirectedGcnLayer))
    {
        forwardWeight = nn.Linear(inFeatures, outFeatures, hasBias: false);
        backwardWeight = nn.Linear(inFeatures, outFeatures, hasBias: false);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary>h: <c>[B, N, in]</c>; adjacencies <c>[B, N, N]</c>; returns <c>[B, N, out]</c>.</summary>
    public override Tensor forward(Tensor h, Tensor forwardAdjacency, Tensor backwardAdjacency)
    {
        using var scope = NewDisposeScope();
        var along = F.relu(forwardAdjacency.bmm(forwardWeight.call(h)));
        var against = F.relu(backwardAdjacency.bmm(backwardWeight.call(h)));
        return dropout.call(along.add(against, TorchConstants.One).mul_(TorchConstants.Half)).MoveToOuterDisposeScope();
    }
}
