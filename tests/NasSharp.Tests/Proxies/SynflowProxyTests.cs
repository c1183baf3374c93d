using NasSharp.Proxies;
using TorchSharp;
using static TorchSharp.torch;

namespace NasSharp.Tests.Proxies;

public sealed class SynflowProxyTests
{
    [Fact]
    public void Two_layer_linear_net_scores_twice_its_output()
    {
        // L = 1ᵀ|W2||W1|1 = 2·3 + 1·3.5 + 0.5·2 = 10.5; each layer contributes L (the net is linear in each), so 21.
        using var w1 = tensor(new double[] { 1, -2, 0.5, 3, -1, 1 }).reshape(3, 2);
        using var w2 = tensor(new double[] { 2, -1, 0.5 }).reshape(1, 3);
        using var ones = torch.ones(2, 1, float64);
        double score = SynflowProxy.Score([w1, w2], w => w[1].matmul(w[0].matmul(ones)));
        Assert.Equal(21.0, score, 12);
    }

    [Fact]
    public void Signs_of_the_weights_do_not_matter_and_a_cut_cell_scores_zero()
    {
        using var images = ProxyTestNetworks.Images(1);
        var proxy = new SynflowProxy();
        using var network = ProxyTestNetworks.Nb201(ProxyTestNetworks.Mixed);
        double score = proxy.Score(network, images);
        Assert.True(score > 0);
        using (var negated = ProxyTestNetworks.Nb201(ProxyTestNetworks.Mixed))
        {
            foreach (var w in negated.Convolutions) w.neg_();
            negated.Stem.neg_();
            Assert.Equal(score, proxy.Score(negated, images), 12);
        }
        // No input→output path: the pooled features are 0, so no weight moves the summed logits.
        using var cut = ProxyTestNetworks.Nb201(ProxyTestNetworks.AllNone);
        Assert.Equal(0.0, proxy.Score(cut, images));
    }
}
