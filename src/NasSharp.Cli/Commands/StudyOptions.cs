using System.CommandLine;
using NasSharp.Data;
using NasSharp.Studies;
using NasSharp.Studies.Storage;
using NasSharp.Training;

namespace NasSharp.Cli.Commands;

/// <summary>The options of the study commands and the worker, and how they open a study.</summary>
public static class StudyOptions
{
    /// <summary><c>--storage</c>.</summary>
    public static Option<string> Storage() => new("--storage")
    {
        Description = $"The study store: {StudyStores.Syntax}. SQLite is for workers on one machine (not on a network file system); PostgreSQL for many machines.",
        Required = true,
    };

    /// <summary><c>--study</c> (or <c>--name</c> for create).</summary>
    public static Option<string> Name(string name = "--study") => new(name)
    {
        Description = "The study's name within the store.",
        Required = true,
    };

    /// <summary>Opens the study <paramref name="name"/> in the store at <paramref name="url"/> (nothing is created).</summary>
    public static Study Open(string url, string name, string? data, string device = TorchDevices.Default)
    {
        var store = StudyStores.Open(url);
        try
        {
            return Study.Open(store, name, () => DataRoot.Resolve(data), TorchDevices.Parse(device));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The status of the study <paramref name="name"/> at <paramref name="url"/>, read without building its strategy.</summary>
    public static StudyStatus Status(string url, string name)
    {
        using var store = StudyStores.Open(url);
        var record = store.GetStudy(name);
        return new StudyStatus(record.Definition, store.Trials(record.Id));
    }
}
