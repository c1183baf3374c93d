using TorchSharp;
using NasSharp.Predictors;

namespace NasSharp.Tests.Predictors;

/// <summary>
/// Guards the rule of docs/DECISIONS.md ("No implicit native Scalars in NasSharp.Models"): the finalizer of a
/// temporary Scalar can free it while native code reads it, which crashed NP training in <c>THSTensor_add</c>.
/// </summary>
public class NativeScalarGuardTests
{
    [Fact]
    public void ModelsMakeNoTemporaryScalars()
    {
        // Meta-training keeps torch's AdamW because its state is saved in checkpoints (docs/DECISIONS.md).
        var findings = TemporaryScalarScanner.Scan(typeof(NeuralPredictor).Assembly)
            .Where(f => f != "NasSharp.Meta.MetaTrainer.Train: creates AdamW, whose AdamW.step makes temporary Scalars").ToArray();
        Assert.True(findings.Length == 0, $"{findings.Length} temporary Scalars:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void ScannerSeesTheCrashingPatterns()
    {
        var findings = TemporaryScalarScanner.Scan(typeof(NativeScalarGuardTests).Assembly);
        Assert.Contains(findings, f => f.Contains(nameof(Unsafe.TensorPlusTensor)) && f.Contains("Tensor.op_Addition"));
        Assert.Contains(findings, f => f.Contains(nameof(Unsafe.TensorTimesDouble)) && f.Contains("implicit conversion"));
        Assert.Contains(findings, f => f.Contains(nameof(Unsafe.TorchAdam)) && f.Contains("Adam"));
        Assert.Contains(findings, f => f.Contains(nameof(Unsafe.AddScalar)) && f.Contains("add(Scalar)"));
        Assert.DoesNotContain(findings, f => f.Contains(nameof(Unsafe.SafeArithmetic)));
    }

    /// <summary>Patterns the scanner must report (never run).</summary>
    private static class Unsafe
    {
        public static torch.Tensor TensorPlusTensor(torch.Tensor a, torch.Tensor b) => a + b;
        public static torch.Tensor TensorTimesDouble(torch.Tensor a) => a.mul(0.5);
        public static torch.Tensor AddScalar(torch.Tensor a) => a.add(TorchConstants.One);
        public static IDisposable TorchAdam(TorchSharp.Modules.Linear layer) => torch.optim.Adam(layer.parameters());

        public static torch.Tensor SafeArithmetic(torch.Tensor a, torch.Tensor b) =>
            a.add(b, TorchConstants.One).mul(TorchConstants.Half).sub(b) * b / b;
    }
}
