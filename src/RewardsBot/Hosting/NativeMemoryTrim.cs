using System.Runtime.InteropServices;

namespace RewardsBot.Hosting;

/// <summary>
/// Returns the native memory the C library holds freed to the operating system (glibc's <c>malloc_trim</c>).
/// </summary>
/// <remarks>
/// SQLite's page caches and statements, the runtime's JIT and type loader, OpenSSL and ICU allocate with <c>malloc</c>.
/// glibc serves threads from several arenas and gives a freed block back to the system only when it ends an arena's
/// top: freed blocks between live ones stay resident. After 10,000 Direct Line conversations this held ~15 MB of the
/// host's resident memory (bench/README.md, ninth session); <c>malloc_trim</c> releases those pages and keeps the
/// address space. Not available with other C libraries (musl) or on other systems: <see cref="IsSupported"/> is false
/// there and nothing is done.
/// </remarks>
internal static class NativeMemoryTrim
{
    private static readonly Lazy<bool> Supported = new(Probe);

    /// <summary>Whether this process's C library can trim (Linux with glibc).</summary>
    public static bool IsSupported => Supported.Value;

    /// <summary>Releases what can be released; false when unsupported or nothing was released.</summary>
    public static bool TryTrim() => IsSupported && NativeMethods.malloc_trim(0) != 0;

    private static bool Probe()
    {
        // glibc's soname; the runtime itself runs on it, so this only looks the symbol up.
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            return false;
        }

        return NativeLibrary.TryGetExport(libc, "malloc_trim", out _);
    }

    private static class NativeMethods
    {
        [DllImport("libc.so.6", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in this project; a blittable DllImport needs no marshalling.
        public static extern int malloc_trim(nuint pad);
#pragma warning restore SYSLIB1054
    }
}
