using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Xunit.Sdk;

namespace RewardsBot.Tests.Teams;

/// <summary>
/// A PNG read back the way a viewer would, independently of the encoder: the signature, every chunk's CRC (computed
/// bit by bit here), <c>IHDR</c>, the inflated <c>IDAT</c> stream with each scanline's filter byte undone. Only what
/// the project writes is supported (8-bit RGBA, not interlaced); anything else fails the test with the reason.
/// </summary>
public sealed class DecodedPng
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private DecodedPng(int width, int height, byte[] rgba, IReadOnlyList<string> chunks, IReadOnlyList<byte> filters)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
        Chunks = chunks;
        Filters = filters;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Straight-alpha RGBA, row by row.</summary>
    public byte[] Rgba { get; }

    /// <summary>The chunk types in file order.</summary>
    public IReadOnlyList<string> Chunks { get; }

    /// <summary>The filter type byte of each scanline.</summary>
    public IReadOnlyList<byte> Filters { get; }

    public int PixelCount => Rgba.Length / 4;

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var at = ((y * Width) + x) * 4;
        return (Rgba[at], Rgba[at + 1], Rgba[at + 2], Rgba[at + 3]);
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var at = 0; at < Rgba.Length; at += 4)
        {
            yield return (Rgba[at], Rgba[at + 1], Rgba[at + 2], Rgba[at + 3]);
        }
    }

    public static DecodedPng Decode(byte[] file)
    {
        if (!file.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new XunitException("The file does not start with the PNG signature.");
        }

        var chunks = new List<string>();
        using var idat = new MemoryStream();
        int width = 0, height = 0;
        var at = Signature.Length;
        while (at < file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            if (storedCrc != BitwiseCrc32(file.AsSpan(at + 4, 4 + length)))
            {
                throw new XunitException($"The CRC of chunk {type} is wrong.");
            }

            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    if (data[8] != 8 || data[9] != 6 || data[10] != 0 || data[11] != 0 || data[12] != 0)
                    {
                        throw new XunitException($"IHDR says bit depth {data[8]}, colour type {data[9]}, interlace {data[12]}; expected 8-bit RGBA (6), not interlaced.");
                    }

                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        var raw = Inflate(idat.ToArray());
        var stride = width * 4;
        if (raw.Length != height * (stride + 1))
        {
            throw new XunitException($"The image data inflates to {raw.Length} bytes; {width}×{height} RGBA needs {height * (stride + 1)}.");
        }

        var (rgba, filters) = Unfilter(raw, width, height);
        return new DecodedPng(width, height, rgba, chunks, filters);
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Undoes the five PNG filter types (None, Sub, Up, Average, Paeth), failing on any other.</summary>
    private static (byte[] Rgba, List<byte> Filters) Unfilter(byte[] raw, int width, int height)
    {
        var stride = width * 4;
        var pixels = new byte[height * stride];
        var filters = new List<byte>();
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            filters.Add(filter);
            for (var i = 0; i < stride; i++)
            {
                var x = raw[(y * (stride + 1)) + 1 + i];
                int a = i >= 4 ? pixels[(y * stride) + i - 4] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int c = i >= 4 && y > 0 ? pixels[((y - 1) * stride) + i - 4] : 0;
                pixels[(y * stride) + i] = filter switch
                {
                    0 => x,
                    1 => (byte)(x + a),
                    2 => (byte)(x + b),
                    3 => (byte)(x + ((a + b) / 2)),
                    4 => (byte)(x + Paeth(a, b, c)),
                    _ => throw new XunitException($"Scanline {y} has filter type {filter}; PNG defines 0 to 4."),
                };
            }
        }

        return (pixels, filters);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
