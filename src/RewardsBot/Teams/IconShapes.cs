namespace RewardsBot.Teams;

/// <summary>Shapes for <see cref="IconCanvas.Fill"/>: tests of whether a point (x, y in 0..1, y down) is inside.</summary>
public static class IconShapes
{
    public static Func<double, double, bool> Everywhere { get; } = (_, _) => true;

    public static Func<double, double, bool> Circle(double cx, double cy, double radius)
        => (x, y) => Square(x - cx) + Square(y - cy) <= Square(radius);

    /// <summary>The band between two circles of the same centre.</summary>
    public static Func<double, double, bool> Ring(double cx, double cy, double innerRadius, double outerRadius)
        => (x, y) => Square(x - cx) + Square(y - cy) is var d2 && d2 <= Square(outerRadius) && d2 >= Square(innerRadius);

    /// <summary>A closed polygon (even–odd rule), vertices in order.</summary>
    public static Func<double, double, bool> Polygon(params (double X, double Y)[] vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        if (vertices.Length < 3)
        {
            throw new ArgumentException("A polygon needs at least three vertices.", nameof(vertices));
        }

        var points = vertices.ToArray();
        return (x, y) =>
        {
            var inside = false;
            for (int i = 0, j = points.Length - 1; i < points.Length; j = i++)
            {
                var (xi, yi) = points[i];
                var (xj, yj) = points[j];
                if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
                {
                    inside = !inside;
                }
            }

            return inside;
        };
    }

    /// <summary>A star with <paramref name="points"/> tips, the first pointing straight up.</summary>
    public static Func<double, double, bool> Star(double cx, double cy, double outerRadius, double innerRadius, int points = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 3);
        var vertices = new (double X, double Y)[points * 2];
        for (var i = 0; i < vertices.Length; i++)
        {
            var radius = i % 2 == 0 ? outerRadius : innerRadius;
            var angle = (-Math.PI / 2) + (i * Math.PI / points);
            vertices[i] = (cx + (radius * Math.Cos(angle)), cy + (radius * Math.Sin(angle)));
        }

        return Polygon(vertices);
    }

    /// <summary>The shape reflected left to right across the middle of the icon.</summary>
    public static Func<double, double, bool> Mirrored(Func<double, double, bool> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return (x, y) => shape(1 - x, y);
    }

    private static double Square(double value) => value * value;
}
