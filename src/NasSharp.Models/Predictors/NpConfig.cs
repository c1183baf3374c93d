namespace NasSharp.Predictors;

/// <summary>Architecture of the NP predictor (SPEC §3); defaults follow Wen et al. (2020).</summary>
/// <param name="Hidden">Node feature width of every GCN layer (144).</param>
/// <param name="Layers">Number of GCN layers (3).</param>
/// <param name="HeadHidden">Width of the regressor's hidden layer (128).</param>
/// <param name="Dropout">Dropout after every GCN layer (0.1).</param>
public sealed record NpConfig(int Hidden = 144, int Layers = 3, int HeadHidden = 128, double Dropout = 0.1);
