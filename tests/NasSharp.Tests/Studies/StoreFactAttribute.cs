using Xunit.Abstractions;
using Xunit.Sdk;

namespace NasSharp.Tests.Studies;

/// <summary>
/// A fact of the store conformance suite: it runs for every backend class deriving from <see cref="StudyStoreConformance"/>,
/// and is reported skipped, with the reason, for the PostgreSQL backend when no test database is configured locally.
/// </summary>
[XunitTestCaseDiscoverer("NasSharp.Tests.Studies.StoreFactDiscoverer", "NasSharp.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>A theory of the conformance suite, skipped like <see cref="StoreFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("NasSharp.Tests.Studies.StoreTheoryDiscoverer", "NasSharp.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute;

/// <summary>Discovers <see cref="StoreTheoryAttribute"/> tests, skipping the PostgreSQL ones when <see cref="PostgresTestDatabase.SkipReason"/> says so.</summary>
public sealed class StoreTheoryDiscoverer(IMessageSink diagnostics) : TheoryDiscoverer(diagnostics)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        return StoreFactDiscoverer.Skipped(DiagnosticMessageSink, discoveryOptions, testMethod) ?? base.Discover(discoveryOptions, testMethod, theoryAttribute);
    }
}

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping the PostgreSQL ones when <see cref="PostgresTestDatabase.SkipReason"/> says so.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : FactDiscoverer(diagnostics)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        return Skipped(DiagnosticMessageSink, discoveryOptions, testMethod) ?? base.Discover(discoveryOptions, testMethod, factAttribute);
    }

    /// <summary>The skipped test case of a PostgreSQL test without a test database, else null.</summary>
    internal static IXunitTestCase[]? Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method) =>
        method.TestClass.Class.Name.EndsWith(nameof(PostgresStudyStoreTests), StringComparison.Ordinal) && PostgresTestDatabase.SkipReason is { } reason
            ? [new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)]
            : null;
}
