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

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping the PostgreSQL ones when <see cref="PostgresTestDatabase.SkipReason"/> says so.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : FactDiscoverer(diagnostics)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        if (testMethod.TestClass.Class.Name.EndsWith(nameof(PostgresStudyStoreTests), StringComparison.Ordinal) && PostgresTestDatabase.SkipReason is { } reason)
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
