namespace NasSharp.Training;

/// <summary>
/// The torch device a command computes on (<c>--device</c>). Only the CPU build of libtorch is served to this project,
/// so <c>cpu</c> is the tested device; a user whose TorchSharp package carries CUDA passes <c>cuda</c> or
/// <c>cuda:N</c> (README, "GPU").
/// </summary>
public static class TorchDevices
{
    /// <summary>The device of every command unless <c>--device</c> says otherwise.</summary>
    public const string Default = "cpu";

    /// <summary>
    /// The device called <paramref name="name"/> (<c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>, <c>mps</c>): refused with a clear
    /// message when this libtorch cannot use it, rather than failing deep inside the first tensor operation.
    /// </summary>
    /// <exception cref="ArgumentException">Not a device name, or a device this libtorch build does not have.</exception>
    public static Device Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Device device;
        try
        {
            device = new Device(name.Trim());
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Runtime.InteropServices.ExternalException)
        {
            throw new ArgumentException($"Unknown device '{name}'; expected cpu, cuda, cuda:N or mps.", nameof(name), e);
        }
        if (device.type == DeviceType.CUDA && !cuda.is_available())
            throw new ArgumentException($"Device '{name}' needs a CUDA build of libtorch and a GPU, and this process has neither " +
                "(the TorchSharp-cpu package is installed; README, \"GPU\", says how to swap it). Use --device cpu.", nameof(name));
        if (device.type == DeviceType.MPS && !mps_is_available())
            throw new ArgumentException($"Device '{name}' (Apple Metal) is not available in this process. Use --device cpu.", nameof(name));
        return device;
    }
}
