using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace SyncGrid.Cli.Demo;

/// <summary>
/// A private MariaDB server in a temporary directory: initialised with <c>mariadb-install-db</c>, listening on a free
/// loopback port only, with grant tables skipped (nothing but this process can reach it, and it is deleted on
/// disposal). The demo keeps store A in it so it never touches a server the user runs.
/// </summary>
public sealed class EmbeddedMariaDb : IAsyncDisposable
{
    private static readonly string[] SearchDirectories = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];
    private readonly Process _server;
    private readonly string _directory;

    private EmbeddedMariaDb(Process server, string directory, int port)
    {
        _server = server;
        _directory = directory;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string for the server (as root, no database).</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"Server=127.0.0.1;Port={Port};User ID=root;Password=;AllowPublicKeyRetrieval=true;SslMode=None");

    /// <summary>A connection string for one database of the server.</summary>
    public string ConnectionStringFor(string database) => $"{ConnectionString};Database={database}";

    /// <summary>Why a private server cannot be started here, or <see langword="null"/> when the binaries are installed.</summary>
    public static string? WhyUnavailable() =>
        Find("mariadbd", "mysqld") is null ? "MariaDB is not installed (no mariadbd on PATH or in /usr/sbin)"
        : Find("mariadb-install-db", "mysql_install_db") is null ? "mariadb-install-db is not installed"
        : null;

    /// <summary>Initialises a data directory under <paramref name="parent"/> and starts the server; waits until it answers.</summary>
    public static async Task<EmbeddedMariaDb> StartAsync(string parent, int port, CancellationToken cancellationToken)
    {
        if (WhyUnavailable() is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var directory = Path.Combine(parent, "mariadb");
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(data);
        var asRoot = Environment.IsPrivilegedProcess ? " --user=root" : string.Empty;
        var install = await RunToEndAsync(
            Find("mariadb-install-db", "mysql_install_db")!,
            $"--no-defaults --datadir=\"{data}\" --auth-root-authentication-method=normal --skip-test-db{asRoot}",
            cancellationToken);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"mariadb-install-db failed ({install.ExitCode}): {install.Output}");
        }

        var log = Path.Combine(directory, "server.log");
        var start = new ProcessStartInfo(Find("mariadbd", "mysqld")!)
        {
            Arguments = string.Create(CultureInfo.InvariantCulture,
                $"--no-defaults --datadir=\"{data}\" --port={port} --bind-address=127.0.0.1 --socket=\"{Path.Combine(directory, "mysqld.sock")}\" --pid-file=\"{Path.Combine(directory, "mysqld.pid")}\" --log-error=\"{log}\" --skip-grant-tables --skip-log-bin --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 --max-connections=500 --character-set-server=utf8mb4 --collation-server=utf8mb4_bin{asRoot}"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = Process.Start(start) ?? throw new InvalidOperationException("mariadbd did not start.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var instance = new EmbeddedMariaDb(server, directory, port);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
            {
                var tail = File.Exists(log) ? string.Join(Environment.NewLine, (await File.ReadAllLinesAsync(log, cancellationToken)).TakeLast(10)) : string.Empty;
                throw new InvalidOperationException($"mariadbd exited with code {server.ExitCode}: {tail}");
            }

            try
            {
                await using var connection = new MySqlConnection(instance.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return instance;
            }
            catch (MySqlException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>Creates a database (utf8mb4) if it does not exist.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand($"CREATE DATABASE IF NOT EXISTS `{name.Replace("`", "``", StringComparison.Ordinal)}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Shuts the server down (SQL SHUTDOWN, then a kill after 15 s) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            try
            {
                await using var connection = new MySqlConnection(ConnectionString);
                await connection.OpenAsync();
                await using var command = new MySqlCommand("SHUTDOWN", connection);
                await command.ExecuteNonQueryAsync();
            }
            catch (MySqlException)
            {
                // Already going down, or not answering: the kill below ends it.
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _server.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill(entireProcessTree: true);
            }
        }

        _server.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary directory is left for the OS to clean.
        }
    }

    private static string? Find(params string[] names) =>
        names.SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(SearchDirectories)
                .Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string file, string arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output) + (await error));
    }
}
