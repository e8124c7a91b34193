using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RewardsBot.Teams;

/// <summary>
/// Writes an 8-bit RGBA image as a PNG file (ISO/IEC 15948): the signature, <c>IHDR</c>, one <c>IDAT</c> holding the
/// zlib stream of the scanlines (each with filter byte 0, "None") and <c>IEND</c>; every chunk ends with its CRC-32.
/// Non-interlaced, no ancillary chunks, so the same pixels always give the same bytes.
/// </summary>
public static class PngEncoder
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte BitDepth = 8;
    private const byte ColorTypeRgba = 6;
    private const int BytesPerPixel = 4;

    /// <summary>Encodes <paramref name="rgba"/> (row by row, 4 bytes per pixel, not premultiplied).</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgba)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgba.Length != width * height * BytesPerPixel)
        {
            throw new ArgumentException($"A {width}×{height} RGBA image needs {width * height * BytesPerPixel} bytes; got {rgba.Length}.", nameof(rgba));
        }

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = BitDepth;
        header[9] = ColorTypeRgba;
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", Compress(width, height, rgba));
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    private static byte[] Compress(int width, int height, ReadOnlySpan<byte> rgba)
    {
        var stride = width * BytesPerPixel;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(rgba.Slice(row * stride, stride));
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);

        // The CRC covers the chunk type and the data, not the length.
        var typeBytes = Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        var crc = Crc32.Update(Crc32.Update(Crc32.Initial, typeBytes), data) ^ Crc32.Initial;
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        file.Write(crcBytes);
    }
}
