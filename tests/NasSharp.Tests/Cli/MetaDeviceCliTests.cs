namespace NasSharp.Tests.Cli;

/// <summary><c>--device</c> on the MP-NAS commands: only the CPU libtorch is served, so a CUDA device fails at once and clearly.</summary>
public sealed class MetaDeviceCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-device-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("meta-train", "--model", "OUT/m.model")]
    [InlineData("adapt", "--space", "nb201", "--model", "OUT/m.model", "--support", "OUT/s.csv", "--out", "OUT/scores.csv")]
    [InlineData("transfer", "--out", "OUT/t")]
    [InlineData("synthetic", "--vary", "sigma", "--values", "1", "--out", "OUT/s")]
    public void A_cuda_device_without_a_cuda_libtorch_is_exit_code_2_before_any_work(params string[] args)
    {
        var (code, error) = MetaCommandRun.Run([.. args.Select(a => a.Replace("OUT", folder, StringComparison.Ordinal)), "--device", "cuda"]);
        Assert.Equal(2, code);
        Assert.Contains("error: Device 'cuda' needs a CUDA build of libtorch and a GPU", error);
        Assert.Contains("Use --device cpu.", error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void An_unknown_device_is_named_with_the_ones_expected()
    {
        var (code, error) = MetaCommandRun.Run("transfer", "--out", Path.Combine(folder, "t"), "--device", "tpu");
        Assert.Equal(2, code);
        Assert.Contains("Unknown device 'tpu'; expected cpu, cuda, cuda:N or mps.", error);
    }
}
