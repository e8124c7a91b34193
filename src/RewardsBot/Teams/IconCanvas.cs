namespace RewardsBot.Teams;

/// <summary>
/// A square RGBA raster that shapes are painted onto, back to front, in unit coordinates (0..1 across and down, so one
/// drawing serves every size). Edges are anti-aliased: each pixel is sampled on a 4×4 grid and the shape's colour is
/// laid over what is there in proportion to the samples it covers.
/// </summary>
public sealed class IconCanvas
{
    private const int Samples = 4;
    private readonly int _size;
    private readonly double[] _premultiplied; // r, g, b, a per pixel, each 0..1, colour premultiplied by alpha

    public IconCanvas(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _size = size;
        _premultiplied = new double[size * size * 4];
    }

    /// <summary>Paints <paramref name="color"/> wherever <paramref name="inside"/> holds (x, y in 0..1).</summary>
    public IconCanvas Fill(Func<double, double, bool> inside, Rgba color)
    {
        ArgumentNullException.ThrowIfNull(inside);
        for (var py = 0; py < _size; py++)
        {
            for (var px = 0; px < _size; px++)
            {
                var covered = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    for (var sx = 0; sx < Samples; sx++)
                    {
                        if (inside((px + ((sx + 0.5) / Samples)) / _size, (py + ((sy + 0.5) / Samples)) / _size))
                        {
                            covered++;
                        }
                    }
                }

                if (covered > 0)
                {
                    Over(((py * _size) + px) * 4, color, (double)covered / (Samples * Samples));
                }
            }
        }

        return this;
    }

    /// <summary>The pixels as straight-alpha RGBA bytes, row by row (what <see cref="PngEncoder"/> takes).</summary>
    public byte[] ToRgba()
    {
        var bytes = new byte[_premultiplied.Length];
        for (var i = 0; i < bytes.Length; i += 4)
        {
            var alpha = _premultiplied[i + 3];
            if (alpha <= 0)
            {
                continue; // fully transparent: 0, 0, 0, 0
            }

            for (var channel = 0; channel < 3; channel++)
            {
                bytes[i + channel] = ToByte(_premultiplied[i + channel] / alpha);
            }

            bytes[i + 3] = ToByte(alpha);
        }

        return bytes;
    }

    private void Over(int at, Rgba color, double coverage)
    {
        var alpha = color.A / 255.0 * coverage;
        var keep = 1 - alpha;
        _premultiplied[at] = (color.R / 255.0 * alpha) + (_premultiplied[at] * keep);
        _premultiplied[at + 1] = (color.G / 255.0 * alpha) + (_premultiplied[at + 1] * keep);
        _premultiplied[at + 2] = (color.B / 255.0 * alpha) + (_premultiplied[at + 2] * keep);
        _premultiplied[at + 3] = alpha + (_premultiplied[at + 3] * keep);
    }

    private static byte ToByte(double unit) => (byte)Math.Clamp(Math.Round(unit * 255), 0, 255);
}
