using Spectre.Console;

// Redirected output goes to files and other programs, and architecture strings in it are pasted back as arguments:
// Spectre would hard-wrap it at its 80-column default, so it gets a width no line reaches.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 1 << 20;
return await new NasSharp.Cli.NasCli().Root.Parse(args).InvokeAsync();
