namespace NasSharp.Meta;

/// <summary>
/// Model-agnostic meta-learners compared in mp-nas §4.2 (Figure 3). They differ in which parameters the inner loop
/// adapts (<see cref="MetaAlgorithmExtensions.InnerLoopMask"/>) and in whether the outer gradient differentiates
/// through the inner loop's gradients; the outer loop always updates every parameter (Eq. 5, Eq. 7).
/// </summary>
public enum MetaAlgorithm
{
    /// <summary>MAML (Finn et al. 2017), second order: the inner loop adapts every parameter (Eq. 4–5).</summary>
    Maml,

    /// <summary>First-order MAML: as <see cref="Maml"/>, but the inner gradients are treated as constants.</summary>
    FoMaml,

    /// <summary>BOIL (Oh et al. 2021), second order: the inner loop adapts the body φ, the head λ stays frozen (Eq. 6–7). MP-NAS's choice.</summary>
    Boil,

    /// <summary>ANIL (Raghu et al. 2020), second order: the inner loop adapts only the head.</summary>
    Anil,
}
