using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NasSharp.Persistence;
using TorchSharp.Modules;

namespace NasSharp.Meta;

/// <summary>
/// The single-file layout shared by meta-trained models and meta-training checkpoints: a <see cref="ChecksummedFile"/>
/// whose payload is a length-prefixed JSON <see cref="MetaModelMetadata"/>, the network's TorchSharp state dict and,
/// in checkpoints, the AdamW state. Always written atomically.
/// </summary>
internal static class MetaModelFile
{
    /// <summary>Meta-trained models (<c>meta-train --out</c>).</summary>
    public static readonly ChecksummedFormat ModelMagic = new("NasSharp meta-learning file (meta-trained model)",
        "NASSHARP-META v2\n", "NASSHARP-META v1\n", "meta-train it again with 'nassharp meta-train' (the same options and --seed give the same model)");

    /// <summary>Meta-training checkpoints, from which <c>meta-train</c> resumes.</summary>
    public static readonly ChecksummedFormat CheckpointMagic = new("NasSharp meta-learning file (meta-training checkpoint)",
        "NASSHARP-META-CHECKPOINT v2\n", "NASSHARP-META-CHECKPOINT v1\n", "delete it, and meta-training starts again from epoch 0");

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static void Write(string path, ChecksummedFormat format, MetaModelMetadata metadata, MetaGcn network, AdamW? optimizer) =>
        ChecksummedFile.Write(path, format, stream =>
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(metadata, Json);
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(json.Length);
            writer.Write(json);
            network.save(writer);
            optimizer?.save_state_dict(writer);
            writer.Flush();
        });

    /// <summary>
    /// Verifies the whole file (magic, length, SHA-256), then reads the metadata, leaving <paramref name="reader"/>
    /// (over the open file) at the weights.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a file of this kind, a v1 file, damaged, or damaged metadata; the message names the file.</exception>
    public static MetaModelMetadata ReadMetadata(string path, BinaryReader reader, ChecksummedFormat format)
    {
        long payloadEnd = ChecksummedFile.Verify(path, reader.BaseStream, format);
        try
        {
            int length = reader.ReadInt32();
            long rest = payloadEnd - reader.BaseStream.Position;
            if (length <= 0 || length > rest) throw new InvalidDataException($"metadata length {length} does not fit the {rest}-byte rest of the payload");
            var metadata = JsonSerializer.Deserialize<MetaModelMetadata>(reader.ReadBytes(length), Json)
                ?? throw new InvalidDataException("metadata is empty");
            if (metadata.Training is null || metadata.Training.Network is null || metadata.SourceTasks is null)
                throw new InvalidDataException("metadata lacks the training configuration or the source tasks");
            metadata.Training.Validate();
            if (metadata.NodeTypes <= 0) throw new InvalidDataException($"metadata gives {metadata.NodeTypes} node types");
            // A damaged size must not make the loader allocate a network larger than the file could hold.
            var network = metadata.Training.Network;
            double weights = (double)metadata.NodeTypes * network.Hidden + (network.Layers - 1.0) * network.Hidden * network.Hidden;
            long weightBytes = payloadEnd - reader.BaseStream.Position;
            if (weights * sizeof(float) > weightBytes)
                throw new InvalidDataException($"metadata describes a network of at least {weights:G4} weights, more than the {weightBytes} bytes left in the file hold");
            return metadata;
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or InvalidDataException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"'{path}' ({format.Description}) has damaged metadata: {e.Message}", e);
        }
    }

    /// <summary>Loads the weights (and the optimizer state when given) that follow the metadata, which must end the payload.</summary>
    /// <exception cref="InvalidDataException">Damaged or mismatched tensors; the message names the file.</exception>
    public static void ReadState(string path, BinaryReader reader, MetaGcn network, AdamW? optimizer)
    {
        try
        {
            network.load(reader, strict: true);
            optimizer?.load_state_dict(reader);
            // Verified by ReadMetadata: the payload ends where the digest starts.
            ChecksummedFile.RequireConsumed(path, reader.BaseStream, reader.BaseStream.Length - ChecksummedFile.DigestLength);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{path}' has damaged or mismatched weights: {e.Message}", e);
        }
    }
}
