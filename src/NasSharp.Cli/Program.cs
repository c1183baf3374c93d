Console.WriteLine(NasSharp.Probe.Run());
