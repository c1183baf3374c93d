namespace NasSharp.Images;

/// <summary>
/// Fashion-MNIST (Xiao et al. 2017: 28×28 grey images of 10 clothing classes; 60,000 training and 10,000 test
/// images) from its IDX files (<see cref="IdxFile"/>), as Debian's <c>dataset-fashion-mnist</c> package installs them
/// under <see cref="PackageFolder"/>: <c>{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz</c>. Uncompressed copies
/// (the same names without <c>.gz</c>) are read too.
/// </summary>
public static class FashionMnistDataset
{
    /// <summary>Where the Debian package installs the files.</summary>
    public const string PackageFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package.</summary>
    public const string Package = "dataset-fashion-mnist";

    /// <summary>Image side in pixels.</summary>
    public const int Side = 28;

    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    /// <summary>The training split (60,000 images) in <paramref name="folder"/>, by default <see cref="PackageFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">The files are missing; the message says how to get them.</exception>
    /// <exception cref="Data.BinaryFormatException">A file is malformed, or images and labels disagree.</exception>
    public static LabelledImages LoadTrain(string? folder = null) => LoadSplit(folder, "train");

    /// <summary>The test split (10,000 images) in <paramref name="folder"/>, by default <see cref="PackageFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">The files are missing; the message says how to get them.</exception>
    /// <exception cref="Data.BinaryFormatException">A file is malformed, or images and labels disagree.</exception>
    public static LabelledImages LoadTest(string? folder = null) => LoadSplit(folder, "t10k");

    /// <summary>Pairs an images file (<c>N×28×28</c>) with a labels file (<c>N</c> classes 0..9).</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="Data.BinaryFormatException">A file is malformed, a label is outside 0..9, or the counts differ.</exception>
    public static LabelledImages Load(string imagesFile, string labelsFile)
    {
        var images = IdxFile.Read(imagesFile, 3);
        if (images.Dimensions[1] != Side || images.Dimensions[2] != Side)
            throw new Data.BinaryFormatException(imagesFile, 8,
                $"images are {images.Dimensions[1]}×{images.Dimensions[2]}; expected Fashion-MNIST's {Side}×{Side}");
        var labels = IdxFile.Read(labelsFile, 1);
        if (labels.Dimensions[0] != images.Dimensions[0])
            throw new Data.BinaryFormatException(labelsFile, 4,
                $"holds {labels.Dimensions[0]} labels but {imagesFile} holds {images.Dimensions[0]} images; expected one label per image");
        int bad = Array.FindIndex(labels.Data, l => l >= Classes);
        if (bad >= 0)
            throw new Data.BinaryFormatException(labelsFile, IdxFile.DataOffset(1) + bad,
                $"label {labels.Data[bad]} of item {bad}; expected 0..{Classes - 1}");
        return new LabelledImages(images.Data, labels.Data, 1, Side, Classes);
    }

    private static LabelledImages LoadSplit(string? folder, string split)
    {
        string dir = folder ?? PackageFolder;
        return Load(Find(dir, $"{split}-images-idx3-ubyte", folder is null), Find(dir, $"{split}-labels-idx1-ubyte", folder is null));
    }

    private static string Find(string folder, string name, bool packageFolder)
    {
        foreach (string candidate in new[] { name + ".gz", name })
        {
            string path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        string hint = packageFolder
            ? $"Install the Debian package ('apt-get install {Package}'), or pass --dataset-dir with a folder holding the IDX files."
            : $"Pass --dataset-dir with the folder holding the Fashion-MNIST IDX files, or leave it out to use {PackageFolder} ('apt-get install {Package}').";
        throw new FileNotFoundException($"Fashion-MNIST file '{Path.Combine(folder, name)}(.gz)' not found. {hint}", Path.Combine(folder, name + ".gz"));
    }
}
