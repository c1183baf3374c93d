using System.CommandLine;
using NasSharp.Cli.Commands;

namespace NasSharp.Cli;

/// <summary>The <c>nassharp</c> command tree; instance members so each test builds a fresh one.</summary>
public sealed class NasCli
{
    /// <summary>Builds every command.</summary>
    public NasCli()
    {
        Root = new RootCommand("NasSharp: predictor-based neural architecture search (NB201, NB101, TB101 or your own table; random, evolution, local search, NPENAS, BANANAS; NP, HyperNAS-P, HyperNAS, MP-NAS).")
        {
            SearchCommand.Create(),
            TrainCommand.Create(),
            PredictCommand.Create(),
            RankCommand.Create(),
            BenchCommand.Create(),
            InitWeightsCommand.Create(),
            CompareCommand.Create(),
            CorrelateCommand.Create(),
            SampleCommand.Create(),
            FeaturesCommand.Create(),
            ProxiesCommand.Create(),
            FewShotCommand.Create(),
            CostCeilingCommand.Create(),
            StudyCommand.Create(),
            WorkerCommand.Create(),
            SlurmCommand.Create(),
            EvaluateCommand.Create(),
        };
        foreach (var command in MetaCommands.All()) Root.Subcommands.Add(command);
        ListDefaultsHelpAction.Install(Root);
    }

    /// <summary>The root command.</summary>
    public RootCommand Root { get; }
}
