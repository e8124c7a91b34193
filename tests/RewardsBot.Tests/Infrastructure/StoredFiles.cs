using System.Text;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>The bytes of a host's SQLite files (database, -wal, -shm, -journal), read while it runs, to search for text.</summary>
public static class StoredFiles
{
    /// <summary>Every file under <c>data/</c> of the host's folder; fails unless the database itself is there.</summary>
    public static List<byte[]> Read(TempFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = Directory.GetFiles(Path.Combine(folder.Path, "data"));
        Assert.Contains(files, f => Path.GetFileName(f) == "bot.db");
        return [.. files.Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        })];
    }

    /// <summary>Whether any of the files holds <paramref name="text"/> (UTF-8, as SQLite stores text, or UTF-16).</summary>
    public static bool Hold(IEnumerable<byte[]> files, string text)
        => files.Any(bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0);
}
