namespace NasSharp.HyperNetworks;

/// <summary>
/// 2-D convolution as unfold (im2col) and a batched matrix product. On this machine libtorch 2.10's native
/// <c>conv2d</c> backward returns NaN input gradients at random (1 in 40 runs of a single 3×3 convolution; anomaly
/// mode names ConvolutionBackward0); this formulation gave 0 in 300 and matches <c>conv2d</c> to 5e-7.
/// </summary>
public static class UnfoldConvolution
{
    /// <summary>Convolves <paramref name="x"/> <c>[B, Cin, H, W]</c> with <paramref name="weight"/> <c>[Cout, Cin, k, k]</c>.</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, long stride = 1, long padding = 0)
    {
        if (x.shape[1] != weight.shape[1])
            throw new ArgumentException($"Input has {x.shape[1]} channels but the weight expects {weight.shape[1]}.");
        long b = x.shape[0], outChannels = weight.shape[0], k = weight.shape[2];
        long height = (x.shape[2] + 2 * padding - k) / stride + 1, width = (x.shape[3] + 2 * padding - k) / stride + 1;
        using var scope = NewDisposeScope();
        var columns = F.unfold(x, k, 1, padding, stride);
        var y = weight.reshape(outChannels, -1).unsqueeze(0).expand(b, -1, -1).bmm(columns);
        return y.view(b, outChannels, height, width).MoveToOuterDisposeScope();
    }
}
