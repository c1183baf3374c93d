using System.Reflection;
using System.Reflection.Emit;

namespace NasSharp.Tests.Predictors;

/// <summary>
/// Finds, in compiled IL, the places where an assembly makes a native TorchSharp <c>Scalar</c> that only its finalizer
/// frees: an implicit conversion to <c>Scalar</c> (<c>x * 0.5</c>, <c>mul(2.0)</c>), or a call of a TorchSharp
/// method that makes such a Scalar itself (<c>a + b</c> and <c>add(b)</c> pass a temporary alpha of 1,
/// <c>square()</c> an exponent of 2, <c>Adam.step</c> its hyper-parameters), directly or through the TorchSharp methods
/// and lambdas it calls. A TorchSharp method counts as making one when it converts more values to Scalars than it
/// disposes Scalars. Types whose <c>forward</c> or <c>step</c> does so are reported where they are created, since the
/// virtual call that runs them cannot be resolved from IL. Reading IL rather than source text makes the check
/// independent of formatting and catches operators, whose calls source text does not show.
/// </summary>
public static class TemporaryScalarScanner
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                          BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<MethodBase, bool> Verdicts = new();
    private static readonly Dictionary<Type, string?> TypeVerdicts = new();

    /// <summary>One line per offending call site: the calling method and what it calls.</summary>
    public static IReadOnlyList<string> Scan(Assembly assembly)
    {
        var torch = typeof(TorchSharp.torch).Assembly;
        var findings = new List<string>();
        lock (Verdicts)
        {
            foreach (var type in assembly.GetTypes())
            foreach (var method in MethodsOf(type))
            foreach (var callee in Callees(method))
            {
                string where = $"{type.FullName}.{method.Name}";
                if (IsImplicitConversion(callee))
                    findings.Add($"{where}: implicit conversion to Scalar ({callee.GetParameters()[0].ParameterType.Name})");
                else if (callee.DeclaringType?.Assembly == torch && MakesTemporaryScalar(callee, torch, 0))
                    findings.Add($"{where}: calls {Describe(callee)}, which makes a temporary Scalar");
                else if (ReturnedTorchType(callee) is { } made && made.Assembly == torch && UnsafeMember(made, torch) is { } member)
                    findings.Add($"{where}: creates {made.Name}, whose {member} makes temporary Scalars");
            }
        }
        return findings.Distinct().ToArray();
    }

    private static IEnumerable<MethodBase> MethodsOf(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));

    private static bool IsScalarConversion(MethodBase m) =>
        m.Name is "op_Implicit" or "ToScalar" && m is MethodInfo { ReturnType.FullName: "TorchSharp.Scalar" };

    private static bool IsImplicitConversion(MethodBase m) => IsScalarConversion(m) && m.Name == "op_Implicit";

    private static bool IsScalarDispose(MethodBase m) => m.Name == "Dispose" && m.DeclaringType?.Name == "Scalar";

    private static Type? ReturnedTorchType(MethodBase callee) => callee switch
    {
        ConstructorInfo c => c.DeclaringType,
        MethodInfo m => m.ReturnType,
        _ => null,
    };

    private static string? UnsafeMember(Type type, Assembly torch)
    {
        if (TypeVerdicts.TryGetValue(type, out var known)) return known;
        TypeVerdicts[type] = null;
        string? found = null;
        for (var t = type; t is not null && t.Assembly == torch && found is null; t = t.BaseType)
            found = t.GetMethods(Declared).Where(m => m.Name is "forward" or "step")
                .FirstOrDefault(m => MakesTemporaryScalar(m, torch, 0)) is { } bad ? $"{t.Name}.{bad.Name}" : null;
        return TypeVerdicts[type] = found;
    }

    private static bool MakesTemporaryScalar(MethodBase method, Assembly torch, int depth)
    {
        if (method.IsGenericMethod && method is MethodInfo generic && !generic.IsGenericMethodDefinition)
            method = generic.GetGenericMethodDefinition();
        if (Verdicts.TryGetValue(method, out bool known)) return known;
        // Cycles and deep chains: assume innocent until shown otherwise (a shallower path decides).
        if (depth > 6) return false;
        Verdicts[method] = false;
        var callees = Callees(method).ToArray();
        int made = callees.Count(IsScalarConversion), freed = callees.Count(IsScalarDispose);
        bool verdict = made > freed || callees.Any(c =>
            c.DeclaringType?.Assembly == torch && !IsScalarConversion(c) && !IsScalarDispose(c) && MakesTemporaryScalar(c, torch, depth + 1));
        return Verdicts[method] = verdict;
    }

    private static string Describe(MethodBase m) =>
        $"{m.DeclaringType?.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    /// <summary>Methods that <paramref name="method"/> calls, constructs or takes a delegate of.</summary>
    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException) { yield break; }
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            OpCode op;
            if (il[i] == 0xFE) { op = OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))]; i += 2; }
            else { op = OpCodesByValue[il[i]]; i += 1; }
            if (op.OperandType == OperandType.InlineMethod)
            {
                MethodBase? callee = null;
                try { callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException) { }
                if (callee is not null) yield return callee;
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }
}
