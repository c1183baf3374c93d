namespace NasSharp;

/// <summary>
/// Native scalars of the constants that the hot forward passes multiply and add. TorchSharp turns a literal such as
/// <c>0.5 * x</c> into a temporary native Scalar that only its finalizer frees, and the finalizer can run while the
/// native operation still reads it (the Scalar is unreachable once its handle is passed): long runs crashed twice
/// with a corrupt Scalar that way (docs/DECISIONS.md). Static scalars stay reachable for the life of the process.
/// </summary>
public static class TorchConstants
{
    /// <summary>0.5.</summary>
    public static readonly Scalar Half = 0.5.ToScalar();

    /// <summary>1 (integral, so that it keeps integer tensors integral).</summary>
    public static readonly Scalar One = 1L.ToScalar();

    /// <summary>0 (integral).</summary>
    public static readonly Scalar Zero = 0L.ToScalar();

    /// <summary>2 (integral).</summary>
    public static readonly Scalar Two = 2L.ToScalar();
}
