using System.Buffers.Binary;
using System.Text;
using CsCheck;
using NasSharp.Graphs;
using NasSharp.Meta;
using NasSharp.Persistence;
using NasSharp.Predictors;
using NasSharp.SearchSpaces.Nb201;
using NasSharp.Tests.Meta;
using NasSharp.Training;

namespace NasSharp.Tests.Properties;

/// <summary>
/// Issue 13 acceptance: 10,000 generated damaged files each to the model and meta-model loaders end in an
/// <see cref="InvalidDataException"/> naming the file. Most fail at the container (magic, length, SHA-256); one in
/// eight is re-wrapped with a valid digest around a damaged payload, so the inner parsing (JSON metadata, TorchSharp
/// weights) is exercised too; those may also load, since a valid digest means the bytes are as written.
/// </summary>
public sealed class ModelFileProperties : IDisposable
{
    private const int Inputs = 10_000;
    private static readonly Nb201Space Space = new();
    private readonly OneTorchThread threads = new();
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-modelprop-").FullName;
    private readonly string modelFile, metaFile;

    public ModelFileProperties()
    {
        var rng = new Random(2);
        List<CellGraph> graphs = [.. Enumerable.Range(0, 10).Select(_ => Space.Encode(Space.Sample(rng)))];
        var meta = new PredictorMetadata("np", "nb201", "t", "m", new NpConfig(Hidden: 8, Layers: 2, HeadHidden: 4), new TrainingConfig(Epochs: 1),
            1, 0, new TargetNormalization(0, 1), Space.NodeTypes.Count, Space.MaxNodes, CodeVersion.Current, DateTime.UnixEpoch);
        using (var model = ArchitecturePredictor.Train(meta, graphs, [.. graphs.Select((_, i) => (double)i)]))
            model.Save(modelFile = Path.Combine(folder, "valid.model"));
        var config = MetaTrainingConfig.Cpu with { Network = new MetaGcnConfig(Layers: 2, Hidden: 8, Dropout: 0) };
        using (var metaModel = new MetaModel(new MetaGcn(SyntheticTasks.NodeTypes, config.Network),
                   new MetaModelMetadata(SyntheticTasks.NodeTypes, config, 1, ["a", "b"], config.Epochs, CodeVersion.Current, DateTime.UnixEpoch)))
            metaModel.Save(metaFile = Path.Combine(folder, "valid.meta"));
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        threads.Dispose();
    }

    [Fact]
    public void Model_loader_refuses_every_damaged_file_with_an_invalid_data_error() =>
        Check(modelFile, ArchitecturePredictor.FileFormat, metaFile, path => ArchitecturePredictor.Load(path).Dispose());

    [Fact]
    public void Meta_model_loader_refuses_every_damaged_file_with_an_invalid_data_error() =>
        Check(metaFile, MetaModel.FileFormat, modelFile, path => MetaModel.Load(path).Dispose());

    private void Check(string validFile, ChecksummedFormat format, string otherKind, Action<string> load)
    {
        byte[] valid = File.ReadAllBytes(validFile), other = File.ReadAllBytes(otherKind);
        int headerLength = format.MagicBytes.Length + 8;
        byte[] payload = valid[headerLength..^ChecksummedFile.DigestLength];
        string path = Path.Combine(folder, "damaged.bin");
        int rewrapped = 0, rewrappedRefused = 0;
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 9], Gen.Int).Sample(d =>
        {
            var rng = new Random(d.Item3);
            bool inner = d.Item1 == 0;
            if (inner)
            {
                rewrapped++;
                byte[] damaged = DamagePayload(payload, d.Item2, rng);
                ChecksummedFile.Write(path, format, s => s.Write(damaged));
            }
            else File.WriteAllBytes(path, DamageFile(valid, other, format, d.Item2, rng));
            try
            {
                load(path);
                Assert.True(inner, "a file damaged outside a valid checksum loaded");
            }
            catch (InvalidDataException e)
            {
                Assert.Contains(path, e.Message);
                if (inner) rewrappedRefused++;
            }
        }, iter: Inputs, threads: 1);
        Assert.True(rewrapped > 500 && rewrappedRefused > rewrapped / 2, $"{rewrappedRefused} of {rewrapped} re-wrapped payloads refused");
    }

    private static byte[] DamageFile(byte[] valid, byte[] other, ChecksummedFormat format, int kind, Random rng)
    {
        var bytes = (byte[])valid.Clone();
        switch (kind)
        {
            case 0:   // 1..64 flipped bytes anywhere, or a run of them
            case 1:
                int run = rng.Next(1, 65), start = rng.Next(bytes.Length);
                for (int i = 0; i < run; i++) bytes[kind == 0 ? rng.Next(bytes.Length) : (start + i) % bytes.Length] ^= (byte)rng.Next(1, 256);
                return bytes;
            case 2: return bytes[..rng.Next(bytes.Length)];                                                 // truncated
            case 3: return [.. bytes, .. Noise(rng, rng.Next(1, 200))];                                   // trailing bytes
            case 4:   // the same payload as v1 (no length, no digest), or another version's magic
                var magic = Encoding.ASCII.GetBytes(rng.Next(2) == 0 ? format.LegacyMagic : format.Magic.Replace("v2", $"v{rng.Next(3, 99)}"));
                return [.. magic, .. bytes[(format.MagicBytes.Length + 8)..^ChecksummedFile.DigestLength]];
            case 5:   // a wrong payload length (a random one that happens to be right is moved off by one)
                long trueLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(format.MagicBytes.Length));
                long length = rng.Next(3) switch { 0 => -1, 1 => long.MaxValue, _ => rng.Next(bytes.Length * 2) };
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(format.MagicBytes.Length), length == trueLength ? length + 1 : length);
                return bytes;
            case 6: return rng.Next(2) == 0 ? other : [];                                                 // another kind of file, or empty
            case 7: return Noise(rng, rng.Next(1, 5000));                                                 // noise
            case 8: return [.. format.MagicBytes, .. Noise(rng, rng.Next(0, 5000))];                      // the right magic, then noise
            default:  // bytes swapped between two places
                int a = rng.Next(bytes.Length), b = rng.Next(bytes.Length);
                (bytes[a], bytes[b]) = (bytes[b], (byte)(bytes[a] == bytes[b] ? bytes[a] ^ 0xFF : bytes[a]));
                return bytes;
        }
    }

    private static byte[] DamagePayload(byte[] payload, int kind, Random rng)
    {
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(payload);
        string json = Encoding.UTF8.GetString(payload, 4, jsonLength);
        byte[] rest = payload[(4 + jsonLength)..];
        switch (kind)
        {
            case 0: return payload[..rng.Next(payload.Length)];                                           // cut short
            case 1: return [.. payload, .. Noise(rng, rng.Next(1, 100))];                                 // extended
            case 2:   // flipped bytes in the weights
                var w = (byte[])rest.Clone();
                for (int i = 0, n = rng.Next(1, 16); i < n; i++) w[rng.Next(w.Length)] ^= (byte)rng.Next(1, 256);
                return Payload(json, w);
            case 3: return Payload(json.Remove(rng.Next(json.Length), 1), rest);                           // broken JSON
            case 4: return Payload(ReplaceNumber(json, rng), rest);                                       // a wrong size or value
            case 5: return Payload(json.Replace("\"np\"", "\"zz\"").Replace("nb201", rng.Next(2) == 0 ? "nb101" : "nope"), rest);
            case 6: return Payload(ReplaceValue(json, rng, "null"), rest);                                // a missing part
            case 7: return Payload(ReplaceValue(json, rng, "\"x\""), rest);                               // a wrong type
            case 8:   // a wrong JSON length field
                var copy = (byte[])payload.Clone();
                BinaryPrimitives.WriteInt32LittleEndian(copy, rng.Next(3) switch { 0 => -5, 1 => int.MaxValue, _ => rng.Next(payload.Length) });
                return copy;
            default: return Payload(json, rest[..rng.Next(rest.Length)]);                                 // weights cut short
        }
    }

    private static byte[] Payload(string json, byte[] rest)
    {
        byte[] j = Encoding.UTF8.GetBytes(json);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, j.Length);
        return [.. length, .. j, .. rest];
    }

    private static readonly string[] Numbers = ["0", "-1", "1", "3", "17", "1000000000", "2147483647", "1e308", "-0", "1.5"];

    private static string ReplaceNumber(string json, Random rng)
    {
        var digits = System.Text.RegularExpressions.Regex.Matches(json, @"-?\d+(\.\d+)?([eE][-+]?\d+)?");
        if (digits.Count == 0) return json;
        var m = digits[rng.Next(digits.Count)];
        return json[..m.Index] + Numbers[rng.Next(Numbers.Length)] + json[(m.Index + m.Length)..];
    }

    private static string ReplaceValue(string json, Random rng, string value)
    {
        var colons = System.Text.RegularExpressions.Regex.Matches(json, @":\s*(""[^""]*""|-?[\d.eE+-]+|true|false|null)");
        if (colons.Count == 0) return json;
        var m = colons[rng.Next(colons.Count)];
        return json[..m.Index] + ": " + value + json[(m.Index + m.Length)..];
    }

    private static byte[] Noise(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }
}
