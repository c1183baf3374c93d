using NasSharp.Evaluation;

namespace NasSharp.Tests.Meta;

/// <summary>The registry of transfer methods that replaced the string switch of <c>transfer</c>.</summary>
public sealed class TransferMethodsTests
{
    [Fact]
    public void Every_method_is_found_by_its_name_and_the_paper_methods_are_the_first_three()
    {
        Assert.Equal(["mp-nas", "random-init", "naive-transfer", "op-count-ridge", "mp-nas+op-count"], TransferMethods.Names);
        Assert.All(TransferMethods.All, m => Assert.Same(m, TransferMethods.Get(m.Name)));
        Assert.Equal(TransferMethods.All.Take(3), TransferMethods.Paper);
        Assert.All(TransferMethods.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
        // What each method needs decides what the experiment builds: a meta-trained model, pre-trained sources, K >= 2.
        Assert.Equal(["mp-nas", "mp-nas+op-count"], TransferMethods.All.Where(m => m.NeedsMetaModel).Select(m => m.Name));
        Assert.Equal(["naive-transfer"], TransferMethods.All.Where(m => m.NeedsPretrainedSources).Select(m => m.Name));
        Assert.Equal(["op-count-ridge", "mp-nas+op-count"], TransferMethods.All.Where(m => m.NeedsTwoSupportCells).Select(m => m.Name));
    }

    [Fact]
    public void Unknown_names_list_the_valid_ones_and_small_support_sets_are_refused()
    {
        Assert.Contains("Unknown transfer method 'magic'; valid: mp-nas, random-init, naive-transfer, op-count-ridge, mp-nas+op-count",
            Assert.Throws<ArgumentException>(() => TransferMethods.Get("magic")).Message);
        TransferMethods.CheckSupportSizes([TransferMethods.MpNas, TransferMethods.RandomInit], [0, 1]);
        TransferMethods.CheckSupportSizes([TransferMethods.OpCountRidge], [2, 5]);
        Assert.Contains("--methods mp-nas+op-count needs every --k to be at least 2 (a fit to 0 point(s) ranks nothing); got --k 5,0",
            Assert.Throws<ArgumentException>(() => TransferMethods.CheckSupportSizes([TransferMethods.MpNas, TransferMethods.MpNasWithOpCounts], [5, 0])).Message);
    }

    [Fact]
    public void A_method_given_sources_without_what_it_adapts_says_so()
    {
        Assert.Contains("adapts a meta-trained model", Assert.Throws<InvalidOperationException>(() => TransferSources.None.MetaModel).Message);
        Assert.Contains("at least one pre-trained source network", Assert.Throws<InvalidOperationException>(() => TransferSources.None.Pretrained()).Message);
    }
}
