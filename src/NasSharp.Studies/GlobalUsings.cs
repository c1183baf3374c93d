global using NasSharp.Predictors;
global using Device = TorchSharp.torch.Device;
