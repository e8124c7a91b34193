using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using RewardsBot.Hosting;

namespace RewardsBot.Endpoints;

/// <summary>
/// Flood control of <c>/api/messages</c>: a token bucket per conversation (channel id + conversation id), and a cap on
/// the turns the process holds (running, or waiting for their conversation's previous turn). Memory stays bounded
/// under a flood of distinct conversations: buckets live in two generations, and when the newer one is full (by count
/// or by the length of the ids) the older one is dropped. A dropped bucket is one nobody used for a whole generation;
/// forgetting it only gives that conversation a full bucket again.
/// </summary>
internal sealed partial class MessagesThrottle
{
    /// <summary>Id characters allowed per tracked conversation on average (ids may be up to 1024 characters).</summary>
    private const int CharactersPerConversation = 64;

    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ILogger<MessagesThrottle> _logger;
    private readonly MessagesThrottleOptions _options;
    private readonly double _tokensPerTimestampTick;
    private readonly int _generationSize;
    private readonly long _generationCharacters;
    private Dictionary<(string ChannelId, string ConversationId), Bucket> _current = [];
    private Dictionary<(string ChannelId, string ConversationId), Bucket> _previous = [];
    private long _currentCharacters;
    private int _inProgress;
    private long _refusedRate;
    private long _refusedBusy;
    private long _lastLogTimestamp;

    public MessagesThrottle(IOptions<MessagesThrottleOptions> options, TimeProvider time, ILogger<MessagesThrottle> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _tokensPerTimestampTick = _options.ConversationTurnsPerMinute / 60.0 / time.TimestampFrequency;
        _generationSize = Math.Max(1, _options.MaxTrackedConversations / 2);
        _generationCharacters = (long)_generationSize * CharactersPerConversation;
        _lastLogTimestamp = time.GetTimestamp() - (long)(LogInterval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Why an activity was refused, and when to send it again.</summary>
    public readonly record struct Refusal(bool Busy, TimeSpan RetryAfter)
    {
        /// <summary>The Retry-After header value: whole seconds, at least 1.</summary>
        public int RetryAfterSeconds => (int)Math.Clamp(Math.Ceiling(RetryAfter.TotalSeconds), 1, 3600);
    }

    /// <summary>Conversations whose bucket is remembered (both generations); never above <see cref="MessagesThrottleOptions.MaxTrackedConversations"/>.</summary>
    public int TrackedConversations
    {
        get
        {
            lock (_lock)
            {
                return _current.Count + _previous.Count;
            }
        }
    }

    /// <summary>Turns admitted and not yet released.</summary>
    public int TurnsInProgress => Volatile.Read(ref _inProgress);

    /// <summary>
    /// Admits a turn of the conversation (null), or says why not. An admitted turn holds a place until
    /// <see cref="Release"/>, which the caller must call exactly once.
    /// </summary>
    public Refusal? TryAdmit(string channelId, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(conversationId);

        // The process cap first, so a refusal for being busy does not spend the conversation's own allowance.
        if (Interlocked.Increment(ref _inProgress) > _options.MaxTurnsInProgress)
        {
            Interlocked.Decrement(ref _inProgress);
            Count(ref _refusedBusy);
            return new Refusal(Busy: true, TimeSpan.FromSeconds(1));
        }

        var wait = TakeToken(channelId, conversationId);
        if (wait is null)
        {
            return null;
        }

        Interlocked.Decrement(ref _inProgress);
        Count(ref _refusedRate);
        return new Refusal(Busy: false, wait.Value);
    }

    /// <summary>Gives back the place of a turn <see cref="TryAdmit"/> admitted.</summary>
    public void Release() => Interlocked.Decrement(ref _inProgress);

    /// <summary>Takes one token from the conversation's bucket (null), or says how long until there is one.</summary>
    private TimeSpan? TakeToken(string channelId, string conversationId)
    {
        var now = _time.GetTimestamp();
        var key = (channelId, conversationId);
        lock (_lock)
        {
            ref var bucket = ref CollectionsMarshal.GetValueRefOrNullRef(_current, key);
            if (Unsafe.IsNullRef(ref bucket))
            {
                var known = _previous.Remove(key, out var kept);
                if (_current.Count >= _generationSize || _currentCharacters >= _generationCharacters)
                {
                    // The newer generation is full: the older one (nobody used its buckets since) is forgotten.
                    _previous = _current;
                    _current = [];
                    _currentCharacters = 0;
                }

                _current[key] = known ? kept : new Bucket(_options.ConversationBurst, now);
                _currentCharacters += channelId.Length + conversationId.Length;
                bucket = ref CollectionsMarshal.GetValueRefOrNullRef(_current, key);
            }

            var refilled = bucket.Tokens + ((now - bucket.Stamp) * _tokensPerTimestampTick);
            bucket.Tokens = Math.Min(_options.ConversationBurst, refilled);
            bucket.Stamp = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }

            var seconds = (1 - bucket.Tokens) / (_options.ConversationTurnsPerMinute / 60.0);
            return TimeSpan.FromSeconds(seconds);
        }
    }

    /// <summary>Counts a refusal; at most every <see cref="LogInterval"/> one line says how many there were, without ids or text.</summary>
    private void Count(ref long counter)
    {
        Interlocked.Increment(ref counter);
        var last = Volatile.Read(ref _lastLogTimestamp);
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(last, now) < LogInterval || Interlocked.CompareExchange(ref _lastLogTimestamp, now, last) != last)
        {
            return;
        }

        LogRefused(_logger, Interlocked.Exchange(ref _refusedRate, 0), Interlocked.Exchange(ref _refusedBusy, 0), _options.MaxTurnsInProgress);
    }

    private struct Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Flood control at /api/messages answered 429 to {OverConversationRate} activities over their conversation's rate and {OverTurnsInProgress} beyond {MaxTurnsInProgress} turns in progress since the last report")]
    private static partial void LogRefused(ILogger logger, long overConversationRate, long overTurnsInProgress, int maxTurnsInProgress);
}
