using System.Runtime.InteropServices;

namespace RewardsBot.Sqlite;

/// <summary>
/// Which native SQLite the process runs on. The bundled e_sqlite3 (SQLitePCLRaw 2.0.6) is built without usleep: every
/// pause SQLite asks for lasts a whole second — in its busy handler, and in the microsecond retries of a WAL reader
/// that meets a writer updating the WAL index, which under load shows as rare turns of one second. On Linux the
/// operating system's SQLite (Debian's libsqlite3-0: built with usleep, kept up to date by the distribution) is used
/// instead when it is installed; elsewhere, or without it, the bundled one.
/// </summary>
/// <remarks>
/// <see cref="EnvironmentVariable"/> overrides the choice: <c>bundled</c>, or the file name or path of a SQLite library.
/// Both libraries export the same C API, so the provider's calls are simply resolved to the chosen one.
/// </remarks>
public static class SqliteLibrary
{
    /// <summary>Set to <c>bundled</c> to use e_sqlite3, or to a SQLite library's file name or path to use that one.</summary>
    public const string EnvironmentVariable = "REWARDSBOT_SQLITE_LIBRARY";

    private const string BundledName = "e_sqlite3";

    private static readonly string[] SystemLibraries = ["libsqlite3.so.0", "libsqlite3.so"];

    private static readonly Lazy<(string Name, bool SleepsPrecisely)> Chosen = new(Initialise);

    /// <summary>The library in use and its SQLite version, e.g. <c>libsqlite3.so.0 (SQLite 3.40.1)</c>.</summary>
    public static string Description => Chosen.Value.Name;

    /// <summary>
    /// True when SQLite's pauses last what it asks for (not the bundled library's whole seconds), so waiting for a lock
    /// in SQLite's own busy handler is cheap.
    /// </summary>
    public static bool SleepsPrecisely => Chosen.Value.SleepsPrecisely;

    /// <summary>Chooses the library and initialises the provider (once per process).</summary>
    public static void EnsureInitialised() => _ = Chosen.Value;

    private static (string, bool) Initialise()
    {
        if (ProviderAlreadySet() is { } version)
        {
            // Something in the process (Microsoft.Data.Sqlite's own start-up, a test opening a file directly) chose
            // the bundled library first; switching now would split calls between two libraries, so it stays.
            return ($"{BundledName}, chosen before this process's SQLite settings were read (SQLite {version})", false);
        }

        var choice = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim();
        var system = IntPtr.Zero;
        string? systemName = null;
        if (!string.Equals(choice, "bundled", StringComparison.OrdinalIgnoreCase))
        {
            string[] candidates = string.IsNullOrEmpty(choice) ? (OperatingSystem.IsLinux() ? SystemLibraries : []) : [choice];
            foreach (var candidate in candidates)
            {
                if (NativeLibrary.TryLoad(candidate, out system))
                {
                    systemName = candidate;
                    break;
                }
            }

            if (systemName is null && !string.IsNullOrEmpty(choice))
            {
                throw new InvalidOperationException(
                    $"The SQLite library '{choice}' named by {EnvironmentVariable} could not be loaded. Install it, name another one, or set {EnvironmentVariable}=bundled.");
            }
        }

        if (systemName is not null)
        {
            var handle = system;
            NativeLibrary.SetDllImportResolver(
                typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly,
                (name, _, _) => string.Equals(name, BundledName, StringComparison.Ordinal) ? handle : IntPtr.Zero);
        }

        SQLitePCL.Batteries_V2.Init();
        var libraryVersion = SQLitePCL.raw.sqlite3_libversion().utf8_to_string();
        return ($"{systemName ?? BundledName} (SQLite {libraryVersion})", systemName is not null);
    }

    /// <summary>The SQLite version when a provider is already set; null when none is (SQLitePCL refuses calls then).</summary>
    private static string? ProviderAlreadySet()
    {
        try
        {
            return SQLitePCL.raw.sqlite3_libversion().utf8_to_string();
        }
        catch (Exception ex) when (ex.GetType() == typeof(Exception))
        {
            // SQLitePCL's "call SetProvider first" is a plain Exception.
            return null;
        }
    }
}
