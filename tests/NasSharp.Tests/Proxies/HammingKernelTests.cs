using NasSharp.Proxies;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Proxies;

public sealed class HammingKernelTests
{
    [Fact]
    public void Hand_made_codes_give_the_agreement_counts_and_their_log_determinant()
    {
        using var kernel = new HammingKernel(3);
        // ReLU 1 codes: [1,0], [1,1], [0,0] (0 is not positive); ReLU 2 codes: [1], [0], [1].
        using (var a = tensor(new float[] { 1, -1, 1, 2, -3, 0 }).reshape(3, 2)) kernel.Add(a);
        using (var b = tensor(new float[] { 0.5f, -0.5f, 2 }).reshape(3, 1, 1, 1)) kernel.Add(b);
        // Codes 101, 110, 001: agreements 3 − Hamming distance.
        double[,] expected = { { 3, 1, 2 }, { 1, 3, 0 }, { 2, 0, 3 } };
        Assert.Equal(3, kernel.Units);
        Assert.Equal(expected, kernel.Matrix());
        // det = 3·9 − 1·3 + 2·(0 − 6) = 12.
        Assert.Equal(Math.Log(12), kernel.LogDeterminant(), 12);
    }

    [Fact]
    public void Identical_codes_make_a_singular_kernel()
    {
        using var kernel = new HammingKernel(2);
        using var same = tensor(new float[] { 1, -2, 1, -2 }).reshape(2, 2);
        kernel.Add(same);
        Assert.Equal(double.NegativeInfinity, kernel.LogDeterminant());
    }

    [Fact]
    public void A_batch_of_another_size_is_refused()
    {
        using var kernel = new HammingKernel(3);
        using var wrong = zeros(2, 5);
        Assert.Contains("3 images", Assert.Throws<ArgumentException>(() => kernel.Add(wrong)).Message);
    }
}
