return await new NasSharp.Cli.NasCli().Root.Parse(args).InvokeAsync();
