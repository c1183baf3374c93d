using System.Text;
using System.Text.Json;
using NasSharp.Persistence;

namespace NasSharp.Predictors.Features;

/// <summary>
/// The file of a <see cref="FeatureModelPredictor"/>: the checksummed container (<see cref="ChecksummedFile"/>) around
/// the JSON metadata and the ML.NET model's bytes, each preceded by its length.
/// </summary>
public static class FeatureModelFile
{
    /// <summary>The container: magic <c>NASSHARP-FEATURE-MODEL v1</c>, payload length, payload, SHA-256.</summary>
    public static readonly ChecksummedFormat Format = new("NasSharp feature-model file", "NASSHARP-FEATURE-MODEL v1\n",
        "NASSHARP-FEATURE-MODEL v0\n", "refit it with 'nassharp train' (same options and --seed give the same model)");

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="metadata"/> and <paramref name="ensemble"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, FeatureModelMetadata metadata, TreeEnsemble ensemble) => ChecksummedFile.Write(path, Format, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        byte[] meta = JsonSerializer.SerializeToUtf8Bytes(metadata, Json);
        byte[] model = ensemble.Save();
        writer.Write(meta.Length);
        writer.Write(meta);
        writer.Write(model.Length);
        writer.Write(model);
        writer.Flush();
    });

    /// <summary>Whether <paramref name="path"/> starts with this format's magic line (to tell it from other model files).</summary>
    public static bool Matches(string path)
    {
        byte[] magic = Format.MagicBytes;
        using var stream = File.OpenRead(path);
        var head = new byte[magic.Length];
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan().SequenceEqual(magic);
    }

    /// <summary>Reads a file written by <see cref="Save"/>; the checksum is verified before anything is deserialised.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a feature-model file, truncated, damaged, or with inconsistent contents; the message names the file.</exception>
    public static (FeatureModelMetadata Metadata, TreeEnsemble Ensemble) Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        long payloadEnd = ChecksummedFile.Verify(path, stream, Format);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        FeatureModelMetadata metadata;
        byte[] model;
        try
        {
            metadata = JsonSerializer.Deserialize<FeatureModelMetadata>(ReadBlock(reader, payloadEnd, "metadata"), Json)
                ?? throw new InvalidDataException("metadata is empty");
            if (metadata.Predictor is null || metadata.Space is null || metadata.Features is null || metadata.FeatureNames is null ||
                metadata.Settings is null || metadata.Normalization is null)
                throw new InvalidDataException("the metadata lacks the predictor kind, space, features, feature names, settings or normalisation");
            model = ReadBlock(reader, payloadEnd, "ML.NET model");
            ChecksummedFile.RequireConsumed(path, stream, payloadEnd);
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or NotSupportedException or InvalidDataException)
        {
            throw new InvalidDataException($"Model file '{path}' ({Format.Description}) is damaged: {e.Message}", e);
        }
        try
        {
            return (metadata, TreeEnsemble.Load(model, metadata.FeatureNames.Count));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Model file '{path}' ({Format.Description}): {e.Message}", e);
        }
    }

    private static byte[] ReadBlock(BinaryReader reader, long payloadEnd, string what)
    {
        int length = reader.ReadInt32();
        long left = payloadEnd - reader.BaseStream.Position;
        if (length <= 0 || length > left)
            throw new InvalidDataException($"the {what} length {length} does not fit the {left}-byte rest of the payload");
        return reader.ReadBytes(length);
    }
}
