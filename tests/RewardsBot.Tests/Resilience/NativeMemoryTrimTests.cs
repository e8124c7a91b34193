using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using RewardsBot.Hosting;

namespace RewardsBot.Tests.Resilience;

/// <summary>
/// The host gives the native memory glibc holds freed back to the system (<see cref="NativeMemoryTrim"/>): the
/// mechanism itself, on blocks this test frees, and the service that runs it on its interval.
/// </summary>
public sealed class NativeMemoryTrimTests
{
    private const int BlockBytes = 64 * 1024;   // below glibc's mmap threshold: served from an arena
    private const int Blocks = 512;             // 32 MB

    [Fact]
    public void Freed_native_blocks_held_between_live_ones_are_released_to_the_system()
    {
        Assert.True(OperatingSystem.IsLinux(), "the host runs on Linux; this test checks glibc's behaviour");
        Assert.True(NativeMemoryTrim.IsSupported, "malloc_trim was not found in libc.so.6");

        // Allocated and freed on one thread, so all of it lives in one arena; the last block stays allocated, so the
        // freed ones do not end the arena and glibc keeps them resident.
        long held = 0, trimmed = 0;
        var thread = new Thread(() =>
        {
            var blocks = new nint[Blocks];
            var ones = Enumerable.Repeat((byte)1, BlockBytes).ToArray();
            for (var i = 0; i < Blocks; i++)
            {
                blocks[i] = Marshal.AllocHGlobal(BlockBytes);
                Marshal.Copy(ones, 0, blocks[i], BlockBytes);   // written, so resident
            }

            for (var i = 0; i < Blocks - 1; i++)
            {
                Marshal.FreeHGlobal(blocks[i]);
            }

            held = ResidentBytes();
            Assert.True(NativeMemoryTrim.TryTrim(), "malloc_trim released nothing");
            trimmed = ResidentBytes();
            Marshal.FreeHGlobal(blocks[^1]);
        });
        thread.Start();
        thread.Join();

        // Most of the 32 MB freed goes (other threads of the test run allocate meanwhile; half is plenty to tell).
        Assert.True(held - trimmed >= Blocks * (long)BlockBytes / 2, $"resident {held >> 20} MB before the trim, {trimmed >> 20} MB after");
    }

    [Fact]
    public async Task The_service_trims_on_its_interval_and_not_at_all_when_the_interval_is_zero()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), new BotHostOptions().NativeMemoryTrimInterval);
        var calls = 0;
        bool Count()
        {
            Interlocked.Increment(ref calls);
            return false;
        }

        using (var service = new NativeMemoryTrimService(TimeSpan.FromMilliseconds(20), TimeProvider.System, Count, NullLogger<NativeMemoryTrimService>.Instance))
        {
            await service.StartAsync(CancellationToken.None);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Volatile.Read(ref calls) < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            await service.StopAsync(CancellationToken.None);
            Assert.True(service.Trims >= 3, $"{service.Trims} trims");
            Assert.Equal(service.Trims, Volatile.Read(ref calls));
        }

        calls = 0;
        using var off = new NativeMemoryTrimService(TimeSpan.Zero, TimeProvider.System, Count, NullLogger<NativeMemoryTrimService>.Instance);
        await off.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        await off.StopAsync(CancellationToken.None);
        Assert.Equal(0, calls);
    }

    /// <summary>The process's resident memory (VmRSS), read from /proc as the benchmark reads it.</summary>
    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
