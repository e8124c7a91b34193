namespace RewardsBot.Bench.Scripts;

/// <summary>A named set of scripts; each new conversation of a worker picks one.</summary>
internal sealed class Scenario(string name, IReadOnlyList<(Script Script, int Weight)> scripts)
{
    private readonly Script[] _wheel = Wheel(scripts);

    public string Name { get; } = name;

    public IReadOnlyList<(Script Script, int Weight)> Scripts { get; } = scripts;

    /// <summary>
    /// The script of a worker's <paramref name="conversation"/>-th conversation: weighted, and offset by the worker so
    /// that concurrent workers start on different scripts (and so different identities and companies).
    /// </summary>
    public Script Pick(int worker, long conversation) => _wheel[(int)((worker * 7L + conversation) % _wheel.Length)];

    /// <summary>Each script as often as its weight, in a fixed shuffled order (the same in every run).</summary>
    private static Script[] Wheel(IReadOnlyList<(Script Script, int Weight)> scripts)
    {
        Script[] wheel = [.. scripts.SelectMany(s => Enumerable.Repeat(s.Script, s.Weight))];
#pragma warning disable CA5394 // Not for security: a fixed seed so every run plays the same order.
        new Random(20261121).Shuffle(wheel);
#pragma warning restore CA5394
        return wheel;
    }
}
