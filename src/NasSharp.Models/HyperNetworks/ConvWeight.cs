namespace NasSharp.HyperNetworks;

/// <summary>Shape of one convolution the target network needs: which graph node it belongs to and its kernel.</summary>
/// <param name="Position">Cell position in the macro skeleton.</param>
/// <param name="Node">Node of that cell's ops-on-nodes graph whose feature generates the weight.</param>
/// <param name="Out">Output channels.</param>
/// <param name="In">Input channels.</param>
/// <param name="Kernel">Kernel side (1 or 3).</param>
public readonly record struct ConvWeight(int Position, int Node, int Out, int In, int Kernel);
