using NasSharp.Images;
using NasSharp.Proxies;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.Proxies;

public sealed class ProxyExperimentTests : IDisposable
{
    // The op on edge 0→1 is dead (node 1 feeds only 'none' edges), so the first two cells are one network.
    private static readonly string[] Archs =
    [
        "|nor_conv_3x3~0|+|skip_connect~0|none~1|+|skip_connect~0|none~1|nor_conv_1x1~2|",
        "|avg_pool_3x3~0|+|skip_connect~0|none~1|+|skip_connect~0|none~1|nor_conv_1x1~2|",
        ProxyTestNetworks.Mixed,
        ProxyTestNetworks.AllNone,
        "|nor_conv_1x1~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|avg_pool_3x3~0|skip_connect~1|nor_conv_3x3~2|",
        "|skip_connect~0|+|nor_conv_1x1~0|none~1|+|nor_conv_3x3~0|avg_pool_3x3~1|none~2|",
    ];

    private static readonly ProxyConfig Config = new("nb201", ["naswot", "synflow", "jacov"], BatchSize: 4, Seed: 1, Channels: 2, CellsPerStage: 1);

    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-proxies-").FullName;
    private readonly Cifar10Dataset images;

    public ProxyExperimentTests()
    {
        var random = new Random(5);
        var raw = new byte[8 * Cifar10Dataset.RecordBytes];
        random.NextBytes(raw);
        for (int i = 0; i < 8; i++) raw[i * Cifar10Dataset.RecordBytes] = (byte)(i % 10);
        string file = Path.Combine(folder, "tiny.bin");
        File.WriteAllBytes(file, raw);
        images = Cifar10Dataset.Load([file]);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Isomorphic_cells_share_one_network_and_every_cell_gets_a_row()
    {
        var space = new Nb201Space();
        Assert.Equal(space.Key(Archs[0]), space.Key(Archs[1]));
        string path = Path.Combine(folder, "all.csv");
        var progress = new List<ProxyProgress>();
        var result = ProxyExperiment.Run(Config, Archs, images, path, progress: progress.Add);
        Assert.Equal((6, 5, 5), (result.Cells, result.Networks, result.Computed));
        Assert.Equal(Archs, result.Rows.Select(r => r.Architecture));
        Assert.Equal(result.Rows[0].Scores, result.Rows[1].Scores);
        Assert.Equal([0, 6], [progress[0].CellsDone, progress[^1].CellsDone]);
        Assert.Equal(6, progress.Count);   // once before the first network, then after each
        var (_, read) = ProxyFile.Read(path, space);
        Assert.Equal(result.Rows.SelectMany(r => r.Scores), read.SelectMany(r => r.Scores));
        // The cut cell: NASWOT's kernel is singular and the Jacobian is undefined; synflow is 0.
        var cut = result.Rows[3].Scores;
        Assert.Equal([double.NaN, 0.0, double.NaN], cut);
        Assert.All(result.Rows.Where((_, i) => i != 3), r => Assert.All(r.Scores, s => Assert.True(double.IsFinite(s))));
    }

    [Fact]
    public void A_run_killed_after_two_networks_resumes_to_the_same_file()
    {
        string whole = Path.Combine(folder, "whole.csv"), killed = Path.Combine(folder, "killed.csv");
        ProxyExperiment.Run(Config, Archs, images, whole);

        Assert.Throws<OperationCanceledException>(() => ProxyExperiment.Run(Config, Archs, images, killed, checkpointEvery: 1,
            progress: p => { if (p.Networks == 2) throw new OperationCanceledException(); }));
        var (_, partial) = ProxyFile.Read(killed, new Nb201Space());
        Assert.InRange(partial.Count, 2, 3);   // two networks: two rows, or three when one was the isomorphic pair

        var resumed = ProxyExperiment.Run(Config, Archs, images, killed);
        Assert.Equal(3, resumed.Computed);
        Assert.Equal(File.ReadAllText(whole), File.ReadAllText(killed));

        var again = ProxyExperiment.Run(Config, Archs, images, killed);
        Assert.Equal(0, again.Computed);
        Assert.Throws<InvalidDataException>(() => ProxyExperiment.Run(Config with { BatchSize = 5 }, Archs, images, killed));
    }

    [Fact]
    public void Two_jobs_write_the_file_one_job_writes_and_a_failure_in_one_stops_both_and_resumes()
    {
        string one = Path.Combine(folder, "one.csv"), two = Path.Combine(folder, "two.csv"), killed = Path.Combine(folder, "killed.csv");
        ProxyExperiment.Run(Config, Archs, images, one, jobs: 1);
        var progress = new List<int>();
        var result = ProxyExperiment.Run(Config, Archs, images, two, checkpointEvery: 2, progress: p => progress.Add(p.Networks), jobs: 2);
        Assert.Equal(File.ReadAllText(one), File.ReadAllText(two));
        Assert.Equal(5, result.Computed);
        Assert.Equal([0, 1, 2, 3, 4, 5], progress);   // the callback is serialised: counts arrive one by one

        var e = Assert.Throws<InvalidOperationException>(() => ProxyExperiment.Run(Config, Archs, images, killed, checkpointEvery: 1,
            progress: p => { if (p.Networks == 2) throw new InvalidOperationException("stop"); }, jobs: 2));
        Assert.Equal("stop", e.Message);
        var resumed = ProxyExperiment.Run(Config, Archs, images, killed, jobs: 2);
        Assert.InRange(resumed.Computed, 1, 3);
        Assert.Equal(File.ReadAllText(one), File.ReadAllText(killed));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProxyExperiment.Run(Config, Archs, images, one, jobs: 0));
    }

    [Fact]
    public void Scores_do_not_depend_on_which_other_cells_are_in_the_run()
    {
        string all = Path.Combine(folder, "all.csv"), one = Path.Combine(folder, "one.csv");
        var full = ProxyExperiment.Run(Config, Archs, images, all);
        var single = ProxyExperiment.Run(Config, [Archs[4]], images, one);
        Assert.Equal(full.Rows[4].Scores, single.Rows[0].Scores);
    }

    [Fact]
    public void A_class_is_scored_on_its_representative_whichever_member_the_run_is_given()
    {
        // Archs[0] has a dead 3x3 convolution on edge 0→1, whose ReLU NASWOT would count; Archs[1] a dead pool there.
        string conv = Path.Combine(folder, "conv.csv"), pool = Path.Combine(folder, "pool.csv"), rep = Path.Combine(folder, "rep.csv");
        string representative = new NasSharp.Features.ClassRepresentatives(new Nb201Space()).Of(Archs[0]);
        Assert.Contains("|none~0|+", representative);
        var a = ProxyExperiment.Run(Config, [Archs[0]], images, conv).Rows[0].Scores;
        var b = ProxyExperiment.Run(Config, [Archs[1]], images, pool).Rows[0].Scores;
        var c = ProxyExperiment.Run(Config, [representative], images, rep).Rows[0].Scores;
        Assert.Equal(c, a);
        Assert.Equal(c, b);
    }

    [Fact]
    public void Nb101_networks_are_scored_too()
    {
        var space = new NasSharp.SearchSpaces.Nb101.Nb101Space();
        string[] cells =
        [
            space.Canonicalize("0100110001000000010010000010000001000000010000000:input|conv3x3-bn-relu|maxpool3x3|conv3x3-bn-relu|conv3x3-bn-relu|conv1x1-bn-relu|output"),
            space.Canonicalize("0100000001000000010000000111000001000000010000000:input|conv1x1-bn-relu|conv1x1-bn-relu|conv3x3-bn-relu|conv1x1-bn-relu|conv3x3-bn-relu|output"),
        ];
        var config = new ProxyConfig("nb101", ["naswot", "synflow", "jacov"], BatchSize: 4, Seed: 1, Channels: 4, CellsPerStage: 1);
        var result = ProxyExperiment.Run(config, cells, images, Path.Combine(folder, "nb101.csv"));
        Assert.Equal(2, result.Computed);
        Assert.All(result.Rows, r => Assert.All(r.Scores, s => Assert.True(double.IsFinite(s))));
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_field_named()
    {
        string path = Path.Combine(folder, "x.csv");
        Assert.Contains("Unknown zero-cost proxy 'snip'; valid: naswot, synflow, jacov",
            Assert.Throws<ArgumentException>(() => ProxyExperiment.Run(Config with { Proxies = ["snip"] }, Archs, images, path)).Message);
        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => ProxyExperiment.Run(Config with { BatchSize = 1 }, Archs, images, path)).Message);
        Assert.Contains("tb101", Assert.Throws<ArgumentException>(() => (Config with { Space = "tb101" }).Validate()).Message);
        Assert.False(File.Exists(path));
    }
}
