using NasSharp.Persistence;

namespace NasSharp.Meta;

/// <summary>
/// A meta-trained MP-NAS predictor: the initialisation θ that <see cref="MetaTester.Adapt"/> fine-tunes on a new task,
/// and its metadata. Saved as one checksummed file (magic line <c>NASSHARP-META v2</c>; payload: JSON metadata, TorchSharp weights).
/// </summary>
public sealed class MetaModel : IDisposable
{
    /// <summary>Wraps <paramref name="network"/> (now owned by the model) with its <paramref name="metadata"/>.</summary>
    /// <exception cref="ArgumentException">The metadata describes a different network shape.</exception>
    public MetaModel(MetaGcn network, MetaModelMetadata metadata)
    {
        if (network.NodeTypes != metadata.NodeTypes || network.Config != metadata.Training.Network)
            throw new ArgumentException(
                $"The network ({network.NodeTypes} node types, {network.Config}) does not match its metadata " +
                $"({metadata.NodeTypes} node types, {metadata.Training.Network}).", nameof(metadata));
        Network = network;
        Metadata = metadata;
    }

    /// <summary>The meta-learned GCN (in eval mode; <see cref="MetaTester"/> fine-tunes copies).</summary>
    public MetaGcn Network { get; }

    /// <summary>How the model was meta-trained.</summary>
    public MetaModelMetadata Metadata { get; }

    /// <summary>The meta-model file's container: magic <c>NASSHARP-META v2</c>, payload length, payload, SHA-256.</summary>
    public static ChecksummedFormat FileFormat => MetaModelFile.ModelMagic;

    /// <summary>Writes the model atomically (temporary file, then rename).</summary>
    public void Save(string path) => MetaModelFile.Write(path, MetaModelFile.ModelMagic, Metadata, Network, optimizer: null);

    /// <summary>Loads a model written by <see cref="Save"/>, its network on <paramref name="device"/> (default: the CPU).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a meta-trained model, written by an older NasSharp (v1, no checksum), or damaged; the message names the file.</exception>
    public static MetaModel Load(string path, Device? device = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Meta-model file '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var metadata = MetaModelFile.ReadMetadata(path, reader, MetaModelFile.ModelMagic);
        var network = new MetaGcn(metadata.NodeTypes, metadata.Training.Network);
        try
        {
            MetaModelFile.ReadState(path, reader, network, optimizer: null);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        // Read on the CPU, where the file's tensors are, and then moved.
        if (device is not null && device.type != DeviceType.CPU) network.to(device);
        network.eval();
        return new MetaModel(network, metadata);
    }

    /// <inheritdoc/>
    public void Dispose() => Network.Dispose();
}
