using TorchSharp;

namespace NasSharp.Tests.Meta;

/// <summary>
/// Runs torch on one intra-op thread until disposed, then restores the previous count. The meta-learning tests use
/// networks so small that a second thread only adds synchronisation; on a loaded machine it made them ~50× slower.
/// </summary>
public sealed class OneTorchThread : IDisposable
{
    private readonly int previous = torch.get_num_threads();

    public OneTorchThread() => torch.set_num_threads(1);

    public void Dispose() => torch.set_num_threads(previous);
}
