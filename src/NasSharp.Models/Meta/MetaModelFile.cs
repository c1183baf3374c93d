using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NasSharp.Persistence;
using TorchSharp.Modules;

namespace NasSharp.Meta;

/// <summary>
/// The single-file layout shared by meta-trained models and meta-training checkpoints: a magic line, a
/// length-prefixed JSON <see cref="MetaModelMetadata"/>, the network's TorchSharp state dict and, in checkpoints,
/// the AdamW state. Always written through <see cref="AtomicFile"/>.
/// </summary>
internal static class MetaModelFile
{
    public static readonly byte[] ModelMagic = Encoding.ASCII.GetBytes("NASSHARP-META v1\n");
    public static readonly byte[] CheckpointMagic = Encoding.ASCII.GetBytes("NASSHARP-META-CHECKPOINT v1\n");

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static void Write(string path, byte[] magic, MetaModelMetadata metadata, MetaGcn network, AdamW? optimizer) =>
        AtomicFile.Write(path, stream =>
        {
            stream.Write(magic);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(metadata, Json);
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(json.Length);
            writer.Write(json);
            network.save(writer);
            optimizer?.save_state_dict(writer);
            writer.Flush();
        });

    /// <summary>Reads the magic line and metadata, leaving <paramref name="reader"/> at the weights.</summary>
    /// <exception cref="InvalidDataException">Not a file of this kind, or damaged metadata; the message names the file.</exception>
    public static MetaModelMetadata ReadMetadata(string path, BinaryReader reader, byte[] magic)
    {
        string kind = Encoding.ASCII.GetString(magic).Trim();
        var head = new byte[magic.Length];
        if (reader.BaseStream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) != head.Length || !head.AsSpan().SequenceEqual(magic))
            throw new InvalidDataException($"'{path}' is not a NasSharp meta-learning file (expected it to start with '{kind}').");
        try
        {
            int length = reader.ReadInt32();
            if (length <= 0 || length > 1 << 24) throw new InvalidDataException($"metadata length {length} is implausible");
            var metadata = JsonSerializer.Deserialize<MetaModelMetadata>(reader.ReadBytes(length), Json)
                ?? throw new InvalidDataException("metadata is empty");
            metadata.Training.Validate();
            return metadata;
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' ({kind}) has damaged metadata: {e.Message}", e);
        }
    }

    /// <summary>Loads the weights (and the optimizer state when given) that follow the metadata.</summary>
    /// <exception cref="InvalidDataException">Damaged or mismatched tensors; the message names the file.</exception>
    public static void ReadState(string path, BinaryReader reader, MetaGcn network, AdamW? optimizer)
    {
        try
        {
            network.load(reader, strict: true);
            optimizer?.load_state_dict(reader);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{path}' has damaged or mismatched weights: {e.Message}", e);
        }
    }
}
