using NasSharp.HyperNetworks;
using NasSharp.Proxies;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Proxies;

public sealed class NaswotProxyTests
{
    [Fact]
    public void Score_of_a_tiny_network_equals_a_brute_force_kernel_and_determinant()
    {
        using var network = ProxyTestNetworks.Nb201(ProxyTestNetworks.Mixed);
        using var images = ProxyTestNetworks.Images(4);
        // Every ReLU input of the same training-mode pass, as plain arrays.
        var inputs = new List<float[]>();
        using (no_grad())
        using (NewDisposeScope())
            network.Forward(images, new ForwardOptions { ReluInput = x => inputs.Add(x.reshape(-1).data<float>().ToArray()) });
        Assert.NotEmpty(inputs);

        var k = new double[4, 4];
        foreach (float[] input in inputs)
        {
            int units = input.Length / 4;
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    for (int u = 0; u < units; u++)
                        if (input[i * units + u] > 0 == input[j * units + u] > 0) k[i, j]++;
        }
        double expected = Math.Log(Math.Abs(Determinant(k)));
        Assert.Equal(expected, new NaswotProxy().Score(network, images), 9);
    }

    /// <summary>Laplace expansion along the first row.</summary>
    private static double Determinant(double[,] m)
    {
        int n = m.GetLength(0);
        if (n == 1) return m[0, 0];
        double det = 0;
        for (int c = 0; c < n; c++)
        {
            var minor = new double[n - 1, n - 1];
            for (int i = 1; i < n; i++)
                for (int j = 0, mj = 0; j < n; j++)
                    if (j != c) minor[i - 1, mj++] = m[i, j];
            det += (c % 2 == 0 ? 1 : -1) * m[0, c] * Determinant(minor);
        }
        return det;
    }
}
