namespace NasSharp.Training;

/// <summary>The training objective of the network predictors on (prediction, normalised target) pairs of a batch.</summary>
public enum LossKind
{
    /// <summary>Mean squared error (the papers' NP and HyperNAS-P objective).</summary>
    Mse,

    /// <summary>
    /// Logistic pairwise ranking loss (RankNet, Burges et al. 2005; the NAS predictor ReNAS, Xu et al. 2021, trains
    /// with it) over every pair of the batch whose targets differ.
    /// </summary>
    Pairwise,

    /// <summary>
    /// Margin ranking (hinge) loss (GATES, Ning et al. 2020, "A Generic Graph-based Neural Architecture Encoding Scheme
    /// for Predictor-based NAS") over every pair of the batch whose targets differ.
    /// </summary>
    Hinge,
}
