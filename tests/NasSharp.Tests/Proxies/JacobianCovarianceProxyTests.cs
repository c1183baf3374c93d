using NasSharp.Proxies;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Proxies;

public sealed class JacobianCovarianceProxyTests
{
    private const double K = JacobianCovarianceProxy.K;

    [Fact]
    public void Opposite_rows_have_eigenvalues_0_and_2()
    {
        using var j = tensor(new double[] { 1, 2, 3, 3, 2, 1 }).reshape(2, 3);
        double expected = -(Math.Log(K) + 1 / K + Math.Log(2 + K) + 1 / (2 + K));
        Assert.Equal(expected, JacobianCovarianceProxy.Score(j), 6);
    }

    [Fact]
    public void Uncorrelated_rows_have_eigenvalues_1_and_1()
    {
        using var j = tensor(new double[] { 1, 0, -1, 1, -2, 1 }).reshape(2, 3);
        Assert.Equal(-2 * (Math.Log(1 + K) + 1 / (1 + K)), JacobianCovarianceProxy.Score(j), 12);
    }

    [Fact]
    public void A_constant_row_or_a_cut_cell_is_undefined()
    {
        using var j = tensor(new double[] { 1, 1, 1, 1, -2, 1 }).reshape(2, 3);
        Assert.True(double.IsNaN(JacobianCovarianceProxy.Score(j)));
        using var cut = ProxyTestNetworks.Nb201(ProxyTestNetworks.AllNone);
        using var images = ProxyTestNetworks.Images(4);
        Assert.True(double.IsNaN(new JacobianCovarianceProxy().Score(cut, images)));
        using var connected = ProxyTestNetworks.Nb201(ProxyTestNetworks.Mixed);
        Assert.True(double.IsFinite(new JacobianCovarianceProxy().Score(connected, images)));
    }
}
