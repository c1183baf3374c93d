namespace NasSharp.Proxies;

/// <summary>
/// NASWOT's kernel (Mellor et al. 2021, Eq. 2) over one batch: each image's binary code is the pattern of which ReLU
/// inputs are positive, over every ReLU of the network, and <c>K[i, j] = N_A − d_H(c_i, c_j)</c>, the number of
/// units on which images i and j agree. Codes arrive ReLU by ReLU (<see cref="Add"/>); K is kept in double.
/// </summary>
public sealed class HammingKernel : IDisposable
{
    private readonly Tensor kernel;

    /// <summary>An empty kernel for a batch of <paramref name="images"/>.</summary>
    public HammingKernel(long images)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images, 1);
        kernel = zeros([images, images], float64);
    }

    /// <summary>Units added so far (N_A).</summary>
    public long Units { get; private set; }

    /// <summary>
    /// Adds the code <c>x &gt; 0</c> of one ReLU's input <paramref name="reluInput"/> <c>[B, ...]</c>. Agreements are
    /// <c>c·cᵀ + (1 − c)·(1 − c)ᵀ = 2 c·cᵀ − s_i − s_j + n</c> (s = ones per image, n units): one product per ReLU,
    /// exact in float32 while a ReLU has fewer than 2²⁴ units per image.
    /// </summary>
    public void Add(Tensor reluInput)
    {
        ArgumentNullException.ThrowIfNull(reluInput);
        if (reluInput.shape[0] != kernel.shape[0])
            throw new ArgumentException($"The kernel is over {kernel.shape[0]} images; this ReLU input holds {reluInput.shape[0]}.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var codes = reluInput.detach().reshape(reluInput.shape[0], -1).gt(TorchConstants.Zero).to(float32);
        long units = codes.shape[1];
        var ones = codes.sum(1);
        var agreements = codes.matmul(codes.t()).mul_(TorchConstants.Two).sub_(ones.unsqueeze(1)).sub_(ones.unsqueeze(0));
        using var n = units.ToScalar();
        kernel.add_(agreements.to(float64).add_(n, TorchConstants.One), TorchConstants.One);
        Units += units;
    }

    /// <summary>A copy of K <c>[B, B]</c>.</summary>
    public double[,] Matrix()
    {
        long b = kernel.shape[0];
        double[] flat = kernel.data<double>().ToArray();
        var m = new double[b, b];
        for (int i = 0; i < b; i++)
            for (int j = 0; j < b; j++) m[i, j] = flat[i * b + j];
        return m;
    }

    /// <summary>NASWOT's score, <c>log |det K|</c> (the reference's <c>slogdet</c>); −∞ when K is singular.</summary>
    public double LogDeterminant()
    {
        using var scope = NewDisposeScope();
        var (_, logAbs) = linalg.slogdet(kernel);
        return logAbs.item<double>();
    }

    /// <inheritdoc/>
    public void Dispose() => kernel.Dispose();
}
