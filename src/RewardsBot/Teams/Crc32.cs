namespace RewardsBot.Teams;

/// <summary>
/// The CRC-32 of PNG chunks (polynomial 0xEDB88320, reflected), one byte at a time from a table: start from
/// <see cref="Initial"/>, <see cref="Update"/> with each part, and invert (xor <see cref="Initial"/>) at the end.
/// </summary>
internal static class Crc32
{
    public const uint Initial = 0xFFFFFFFFu;
    private const uint Polynomial = 0xEDB88320u;
    private static readonly uint[] Table = BuildTable();

    /// <summary>Feeds <paramref name="data"/> into a running (not yet inverted) CRC.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
