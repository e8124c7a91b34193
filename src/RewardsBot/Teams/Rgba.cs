namespace RewardsBot.Teams;

/// <summary>A colour with straight (not premultiplied) alpha, 0–255 per channel.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static Rgba White { get; } = new(255, 255, 255);

    /// <summary>Reads <c>#rrggbb</c>.</summary>
    public static Rgba FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 7 || hex[0] != '#' || !uint.TryParse(hex.AsSpan(1), System.Globalization.NumberStyles.HexNumber, null, out var rgb))
        {
            throw new FormatException($"'{hex}' is not a colour of the form #rrggbb.");
        }

        return new Rgba((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }
}
