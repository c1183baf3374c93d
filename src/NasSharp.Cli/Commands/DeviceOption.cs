using System.CommandLine;
using NasSharp.Training;

namespace NasSharp.Cli.Commands;

/// <summary><c>--device</c>, shared by every command that runs torch; the action passes it to <see cref="TorchDevices.Parse"/>.</summary>
public static class DeviceOption
{
    /// <summary>Creates the option.</summary>
    public static Option<string> Create() => new("--device")
    {
        Description = "Torch device: cpu (default; the only one the served libtorch has), cuda, cuda:N or mps with a TorchSharp " +
                      "package built for them (README, \"GPU\").",
        DefaultValueFactory = _ => TorchDevices.Default,
    };
}
