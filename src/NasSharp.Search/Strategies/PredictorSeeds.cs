namespace NasSharp.Search.Strategies;

/// <summary>Seeds of the predictors a strategy fits: distinct for every fit of a run, and a pure function of the run's seed.</summary>
internal static class PredictorSeeds
{
    /// <summary>The seed of fit number <paramref name="fit"/> (0-based) of the run seeded <paramref name="runSeed"/>.</summary>
    public static int Of(int runSeed, int fit) => unchecked(runSeed * 7919 + fit + 1);
}
