using static RewardsBot.Teams.IconShapes;

namespace RewardsBot.Teams;

/// <summary>
/// The app's two icons, drawn here rather than kept as binary files: a rewards medal (a disc with a star, two ribbon
/// tails below). The colour icon is 192×192 on the app's accent colour, the symbol inside Teams' central safe area;
/// the outline icon is 32×32, white on a transparent background, as Teams requires.
/// </summary>
public static class TeamsIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    /// <summary>The app's accent colour: the colour icon's background and the manifest's <c>accentColor</c>.</summary>
    public const string AccentColor = "#4F52B2";

    private static readonly Rgba Gold = new(0xFF, 0xB9, 0x00);
    private static readonly Rgba DeepGold = new(0xD6, 0x8A, 0x00);
    private static readonly Rgba Ribbon = new(0xE3, 0x3E, 0x4C);
    private static readonly Rgba DeepRibbon = new(0xB0, 0x24, 0x32);

    /// <summary>The full-colour icon (PNG).</summary>
    public static byte[] Color()
    {
        var canvas = new IconCanvas(ColorSize)
            .Fill(Everywhere, Rgba.FromHex(AccentColor))
            .Fill(LeftTail(0.36, 0.5, 0.52, 0.31, 0.80), Ribbon)
            .Fill(Mirrored(LeftTail(0.36, 0.5, 0.52, 0.31, 0.80)), DeepRibbon)
            .Fill(Circle(0.5, 0.43, 0.22), Gold)
            .Fill(Ring(0.5, 0.43, 0.175, 0.195), DeepGold)
            .Fill(Star(0.5, 0.435, 0.135, 0.058), Rgba.White);
        return PngEncoder.Encode(ColorSize, ColorSize, canvas.ToRgba());
    }

    /// <summary>The outline icon (PNG): only white, with transparency.</summary>
    public static byte[] Outline()
    {
        var canvas = new IconCanvas(OutlineSize)
            .Fill(LeftTail(0.28, 0.45, 0.64, 0.18, 0.97), Rgba.White)
            .Fill(Mirrored(LeftTail(0.28, 0.45, 0.64, 0.18, 0.97)), Rgba.White)
            .Fill(Ring(0.5, 0.39, 0.24, 0.33), Rgba.White)
            .Fill(Star(0.5, 0.40, 0.18, 0.08), Rgba.White);
        return PngEncoder.Encode(OutlineSize, OutlineSize, canvas.ToRgba());
    }

    /// <summary>
    /// The left ribbon tail: from under the medal (between <paramref name="left"/> and <paramref name="right"/> at
    /// <paramref name="top"/>) down and out to a swallow-tail end at <paramref name="bottom"/>, near <paramref name="outerX"/>.
    /// </summary>
    private static Func<double, double, bool> LeftTail(double left, double right, double top, double outerX, double bottom)
    {
        var width = right - left;
        return Polygon(
            (left, top),
            (right, top + (width * 0.35)),
            (outerX + (width * 0.95), bottom - (width * 0.15)),
            (outerX + (width * 0.45), bottom - (width * 0.6)),
            (outerX, bottom));
    }
}
