using Microsoft.Data.Sqlite;

namespace CorsKit.DynamicOriginTests;

/// <summary>
/// A real SQLite database of tenant origins in a temporary file, with a counter of the queries the origin source runs
/// and switches that make the source fail or stall. One per test.
/// </summary>
public sealed class OriginDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("corskit-origins-").FullName;
    private int _queries;

    public OriginDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "origins.db"), Pooling = false }.ToString();
        Execute("CREATE TABLE tenant_origins (tenant TEXT NOT NULL, origin TEXT NOT NULL, PRIMARY KEY (tenant, origin))");
    }

    public string ConnectionString { get; }

    /// <summary>How many lookups reached the database.</summary>
    public int Queries => Volatile.Read(ref _queries);

    /// <summary>When set, every lookup throws (the database is "down").</summary>
    public bool Failing { get; set; }

    /// <summary>Added before every lookup's query (a slow database).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, lookups ignore their cancellation token while delayed (a driver that cannot be cancelled).</summary>
    public bool IgnoresCancellation { get; set; }

    public void Add(string tenant, string origin) =>
        Execute("INSERT INTO tenant_origins (tenant, origin) VALUES ($tenant, $origin)", ("$tenant", tenant), ("$origin", origin));

    public void Remove(string tenant, string origin) =>
        Execute("DELETE FROM tenant_origins WHERE tenant = $tenant AND origin = $origin", ("$tenant", tenant), ("$origin", origin));

    public async Task<bool> IsAllowedAsync(string tenant, string origin, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queries);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, IgnoresCancellation ? CancellationToken.None : cancellationToken);
        }

        if (Failing)
        {
            throw new SqliteException("database is locked (simulated outage)", 5);
        }

        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tenant_origins WHERE tenant = $tenant AND origin = $origin";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$origin", origin);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow runner: the temporary directory is cleaned by the OS.
        }
    }

    private void Execute(string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
