using System.Text;
using System.Text.Json;
using NasSharp.Encodings;
using NasSharp.Graphs;
using NasSharp.Persistence;

namespace NasSharp.HyperNetworks;

/// <summary>One named weight of a generated target network.</summary>
/// <param name="Name">e.g. <c>conv.3.p5.n2</c> (convolution 3, skeleton position 5, node 2), <c>stem</c>, <c>classifier</c>.</param>
/// <param name="Shape">Tensor shape.</param>
/// <param name="Values">Row-major values.</param>
public sealed record NamedWeight(string Name, long[] Shape, float[] Values);

/// <summary>
/// The complete weights of one architecture's target network as the hypernetwork generates them (HyperNAS §3.4: initial
/// weights for an unseen architecture in one forward pass), with the shared stem and classifier. Saved as a checksummed file
/// (<see cref="FileFormat"/>) whose payload is a JSON header (architecture, names, shapes) and the float32 values in
/// header order, little-endian.
/// </summary>
public sealed record GeneratedWeights(string Space, string Architecture, IReadOnlyList<NamedWeight> Weights)
{
    /// <summary>The weights file's container: magic <c>NASSHARP-WEIGHTS v2</c>, payload length, payload, SHA-256.</summary>
    public static readonly ChecksummedFormat FileFormat = new("NasSharp weights file", "NASSHARP-WEIGHTS v2\n", "NASSHARP-WEIGHTS v1\n",
        "generate it again with 'nassharp init-weights'");

    /// <summary>Generates the weights of <paramref name="cell"/> (the encoding of <paramref name="architecture"/>).</summary>
    public static GeneratedWeights Generate(HyperNasModel model, string space, string architecture, GraphBatch graph, CellGraph cell)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var shapes = model.Target.Weights(cell);
        var convs = model.GenerateWeights(graph, cell);
        var weights = new List<NamedWeight>();
        for (int i = 0; i < convs.Count; i++)
            weights.Add(Named($"conv.{i}.p{shapes[i].Position}.n{shapes[i].Node}", convs[i]));
        var (stem, classifier, bias) = model.SharedWeights;
        weights.Add(Named("stem", stem));
        weights.Add(Named("classifier", classifier));
        weights.Add(Named("bias", bias));
        return new GeneratedWeights(space, architecture, weights);
    }

    /// <summary>Writes the file atomically in the checksummed <see cref="FileFormat"/>.</summary>
    public void Save(string path) => ChecksummedFile.Write(path, FileFormat, stream =>
    {
        var header = new { space = Space, architecture = Architecture, weights = Weights.Select(w => new { name = w.Name, shape = w.Shape }) };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(json.Length);
        writer.Write(json);
        foreach (var w in Weights)
            foreach (float v in w.Values) writer.Write(v);
    });

    /// <summary>Reads a file written by <see cref="Save"/>; the checksum is verified first.</summary>
    /// <exception cref="InvalidDataException">Not a weights file, a v1 file, truncated or damaged; the message names the file.</exception>
    public static GeneratedWeights Load(string path)
    {
        using var stream = File.OpenRead(path);
        long payloadEnd = ChecksummedFile.Verify(path, stream, FileFormat);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            int length = reader.ReadInt32();
            if (length <= 0 || length > payloadEnd - stream.Position)
                throw new InvalidDataException($"header length {length} does not fit the {payloadEnd - stream.Position}-byte rest of the payload");
            using var header = JsonDocument.Parse(reader.ReadBytes(length));
            var root = header.RootElement;
            var weights = new List<NamedWeight>();
            foreach (var w in root.GetProperty("weights").EnumerateArray())
            {
                long[] shape = w.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                long rest = (payloadEnd - stream.Position) / sizeof(float), count = 1;
                foreach (long d in shape) count = d < 0 || (d > 0 && count > rest / d) ? rest + 1 : count * d;
                if (count > rest)
                    throw new InvalidDataException($"weight '{w.GetProperty("name").GetString()}' of shape [{string.Join(", ", shape)}] does not fit the rest of the payload");
                var values = new float[count];
                for (int i = 0; i < values.Length; i++) values[i] = reader.ReadSingle();
                weights.Add(new NamedWeight(w.GetProperty("name").GetString()!, shape, values));
            }
            ChecksummedFile.RequireConsumed(path, stream, payloadEnd);
            return new GeneratedWeights(root.GetProperty("space").GetString()!, root.GetProperty("architecture").GetString()!, weights);
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Weights file '{path}' is damaged or truncated: {e.Message}", e);
        }
    }

    private static NamedWeight Named(string name, Tensor t) => new(name, t.shape, t.detach().cpu().contiguous().data<float>().ToArray());
}
