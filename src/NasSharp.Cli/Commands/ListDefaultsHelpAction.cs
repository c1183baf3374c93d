using System.Collections;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace NasSharp.Cli.Commands;

/// <summary>
/// Help that shows a list option's default as the comma-separated list its parser accepts (<c>[default: 5,10,20]</c>).
/// System.CommandLine 2.0.0 joins an enumerable default with '|' and offers no public hook to change that, so while
/// the built-in help writes, each list option's default factory is detached (which hides the '|' form) and the
/// default is appended to its description instead; both are restored afterwards.
/// </summary>
public sealed class ListDefaultsHelpAction(HelpAction builtIn) : SynchronousCommandLineAction
{
    /// <summary>Installs this help on every command below <paramref name="root"/> (its help option is recursive).</summary>
    public static void Install(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction builtIn) help.Action = new ListDefaultsHelpAction(builtIn);
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var restore = new List<Action>();
        try
        {
            foreach (var option in AllOptions(parseResult.RootCommandResult.Command))
                if (DetachListDefault(option) is { } undo) restore.Add(undo);
            return builtIn.Invoke(parseResult);
        }
        finally
        {
            foreach (var undo in restore) undo();
        }
    }

    /// <summary>Whether <paramref name="option"/> takes a list (any enumerable value but a string).</summary>
    public static bool IsList(Option option) =>
        option.ValueType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(option.ValueType);

    /// <summary>The default of a list option as its parser reads it, e.g. <c>5,10,20</c>.</summary>
    public static string CommaSeparated(IEnumerable values) => string.Join(",", values.Cast<object>());

    private static IEnumerable<Option> AllOptions(Command command) =>
        command.Options.Concat(command.Subcommands.SelectMany(AllOptions));

    private static Action? DetachListDefault(Option option)
    {
        if (!IsList(option) || !option.HasDefaultValue) return null;
        // DefaultValueFactory lives on Option<T>; the value types vary (int[], string[], double[]).
        var factory = option.GetType().GetProperty(nameof(Option<int>.DefaultValueFactory))!;
        object? saved = factory.GetValue(option);
        string? description = option.Description;
        string shown = option.GetDefaultValue() is IEnumerable values ? CommaSeparated(values) : "";
        factory.SetValue(option, null);
        if (shown.Length > 0) option.Description = $"{description} [default: {shown}]";
        return () =>
        {
            factory.SetValue(option, saved);
            option.Description = description;
        };
    }
}
