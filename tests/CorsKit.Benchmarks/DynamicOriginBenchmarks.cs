using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;
using CorsKit.Compilation;
using CorsKit.DynamicOrigins;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.Benchmarks;

/// <summary>
/// Origins stored in a database (issue 17), one allowed actual request per operation, over one SQLite database of
/// 1,000 tenant origins: CorsKit answering a stored origin from its cache, CorsKit answering a listed origin (the same
/// pipeline, source attached), and Microsoft's <c>SetIsOriginAllowed</c> querying the same database, as apps do today.
/// The cached dynamic path should cost a listed origin plus one cache lookup, and allocate 0 B.
/// </summary>
[MemoryDiagnoser]
public class DynamicOriginBenchmarks : IDisposable
{
    private const string ListedOrigin = "https://app.example.com";
    private readonly string _directory = Directory.CreateTempSubdirectory("corskit-bench-").FullName;
    private SqliteConnection _keepAlive = null!;
    private string _connectionString = null!;
    private RequestDriver _none = null!;
    private RequestDriver _corsKitListed = null!;
    private RequestDriver _corsKitListedWithoutSource = null!;
    private RequestDriver _corsKitCachedDynamic = null!;
    private RequestDriver _microsoftOverDatabase = null!;
    private OriginSourceCache _cache = null!;
    private CompiledPolicy _policyForKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "origins.db") }.ToString();
        _keepAlive = new SqliteConnection(_connectionString);
        _keepAlive.Open();
        Seed(_keepAlive);

        var policy = BenchPolicy.Standard;
        var stored = RequestScenario.Actual(DynamicOriginPipelines.StoredOrigin);
        _none = Drivers.CreateVerified(CorsPipeline.None, policy, stored, CorsOutcome.Allowed, "no CORS");
        var corsKit = DynamicOriginPipelines.CorsKitWithSource<SqliteOriginSource>(services => services.AddSingleton(new SqliteOriginSource.Database(_connectionString)));
        _corsKitCachedDynamic = Verified(CorsPipeline.CorsKit, new RequestDriver(corsKit, stored), "CorsKit, cached stored origin");
        _corsKitListedWithoutSource = Drivers.CreateVerified(CorsPipeline.CorsKit, policy, RequestScenario.Actual(ListedOrigin), CorsOutcome.Allowed, "CorsKit without a source, listed origin");
        _corsKitListed = Verified(CorsPipeline.CorsKit, new RequestDriver(corsKit, RequestScenario.Actual(ListedOrigin)), "CorsKit, listed origin");
        _cache = corsKit.Services.GetRequiredService<OriginSourceCache>();
        _policyForKey = new CompiledPolicy(new CorsKitPolicyBuilder().AllowOriginsFromSource(CorsKitTenantSelector.FromHost()).Build(), "default");
        if (!_cache.IsKnownAllowed(_policyForKey, DynamicOriginPipelines.StoredOrigin, BenchPolicy.Host))
        {
            throw new InvalidOperationException("The stored origin should be cached by now.");
        }

        var microsoft = DynamicOriginPipelines.MicrosoftWithPredicate(origin => SqliteOriginSource.IsAllowed(_connectionString, BenchPolicy.Host, origin));
        _microsoftOverDatabase = Verified(CorsPipeline.Microsoft, new RequestDriver(microsoft, stored), "Microsoft SetIsOriginAllowed over the database");
    }

    [Benchmark(Baseline = true)]
    public void NoCors() => _none.Invoke();

    [Benchmark]
    public void CorsKitListedOriginWithoutSource() => _corsKitListedWithoutSource.Invoke();

    [Benchmark]
    public void CorsKitListedOrigin() => _corsKitListed.Invoke();

    [Benchmark]
    public void CorsKitCachedStoredOrigin() => _corsKitCachedDynamic.Invoke();

    /// <summary>The cache lookup alone (the key of policy, tenant and origin, the dictionary, the expiry clock), outside
    /// any pipeline: read its mean, not its overhead.</summary>
    [Benchmark]
    public bool CacheLookupAlone() => _cache.IsKnownAllowed(_policyForKey, DynamicOriginPipelines.StoredOrigin, BenchPolicy.Host);

    [Benchmark]
    public void MicrosoftSetIsOriginAllowedOverDatabase() => _microsoftOverDatabase.Invoke();

    public void Dispose()
    {
        _keepAlive?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static RequestDriver Verified(CorsPipeline pipeline, RequestDriver driver, string label)
    {
        for (var i = 0; i < 3; i++)
        {
            ResponseCheck.InvokeAndVerify(pipeline, driver, CorsOutcome.Allowed, label);
        }

        return driver;
    }

    private static void Seed(SqliteConnection connection)
    {
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE tenant_origins (tenant TEXT NOT NULL, origin TEXT NOT NULL, PRIMARY KEY (tenant, origin))";
        create.ExecuteNonQuery();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO tenant_origins (tenant, origin) VALUES ($tenant, $origin)";
        var tenant = insert.Parameters.Add("$tenant", SqliteType.Text);
        var origin = insert.Parameters.Add("$origin", SqliteType.Text);
        for (var i = 0; i < 1000; i++)
        {
            tenant.Value = BenchPolicy.Host;
            origin.Value = $"https://shop.tenant-{i}.example.org";
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
