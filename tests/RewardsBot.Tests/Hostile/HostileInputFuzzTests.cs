using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RewardsBot.Dialogs.Content;
using RewardsBot.DirectLine;
using RewardsBot.Endpoints;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.DirectLine;
using RewardsBot.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RewardsBot.Tests.Hostile;

/// <summary>
/// 10,000 generated malformed and hostile requests against the real host (Kestrel on loopback, SQLite, the product's
/// bot), mixed between /api/messages and every Direct Line call. Nothing gets a 5xx, nothing is logged at Error
/// (except delivery failures to a dead serviceUrl the fuzzer names on purpose), 4xx answers say what is wrong, 200
/// expectReplies answers are well formed with valid cards, floods get 429, memory stays bounded, and a normal
/// conversation still works at the end.
/// The seed is printed; set <c>REWARDSBOT_FUZZ_SEED</c> to try another sequence.
/// </summary>
/// <remarks>
/// It runs alone (its own collection, parallelization off): the heap it measures is the whole test process's, and
/// other test classes running beside it would make that measure theirs.
/// </remarks>
[Collection(nameof(HostileInputFuzzTests))]
public sealed class HostileInputFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int DefaultSeed = 20261121;
    private const int TotalRequests = 10_000;
    private const int Chunk = 500;
    private const int Parallelism = 8;
    private const int MaxTrackedConversations = 1_000;

    /// <summary>
    /// Managed heap growth allowed from the 2,000th to the 10,000th request, after a full GC. What may grow on purpose
    /// is bounded by settings: the throttle's 1,000 conversations, the duplicate window's recent ids, Direct Line's
    /// per-token buckets until they refill; each is well under a few MB here. A leak per request or per conversation
    /// (8,000 requests, thousands of conversations) would pass this.
    /// </summary>
    private const long HeapGrowthBound = 24L * 1024 * 1024;

    private readonly TempFolder _folder = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly List<string> _errorLines = [];
    private LoopbackConnector _connector = null!;
    private BotHost _host = null!;
    private int _deadPort;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _host = await BotHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["Bot:Throttle:MaxTrackedConversations"] = MaxTrackedConversations.ToString(CultureInfo.InvariantCulture),
            ["Bot:Connector:MaxRetries"] = "0", // a reply to a dead serviceUrl fails at once instead of after backoff
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Ten_thousand_hostile_requests_get_no_5xx_and_leave_the_host_bounded_and_working()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("REWARDSBOT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        output.WriteLine($"Fuzz seed {seed} (set REWARDSBOT_FUZZ_SEED to vary it).");
        var targets = await PrepareTargetsAsync(seed);
        var generator = new HostileRequests(seed, targets);

        long? baseline = null;
        var sent = 0;
        while (sent < TotalRequests)
        {
            // Generated on a thread of its own that ends with the chunk: the shared array pool keeps buffers per
            // thread, and those of the generator's large bodies must not count as the host's heap.
            var count = Math.Min(Chunk, TotalRequests - sent);
            var cases = await Task.Factory.StartNew(() => generator.Generate(count), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (fuzzCase, _) => await RunAsync(fuzzCase));
            sent += cases.Sum(c => c.Requests);
            DrainLogs();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            if (sent >= 2_000)
            {
                baseline ??= heap;
            }

            output.WriteLine($"After {sent} requests: managed heap {heap / 1024 / 1024} MB.");
        }

        var finalHeap = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine("Answers: " + string.Join(", ", _statuses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        var failures = _failures.ToArray();
        Assert.True(failures.Length == 0, $"Seed {seed}: {failures.Length} failures. The first of each category:\n"
            + string.Join("\n", failures.GroupBy(f => f[..f.IndexOf(']', StringComparison.Ordinal)]).Select(g => $"({g.Count()}×) {g.First()}")));
        Assert.True(_errorLines.Count == 0, $"Seed {seed}: the host logged at Error:\n" + string.Join("\n", _errorLines.Take(10)));
        Assert.True(_statuses.ContainsKey("429"), "No request was throttled.");
        Assert.True(finalHeap - baseline!.Value < HeapGrowthBound, $"The managed heap grew by {(finalHeap - baseline.Value) / 1024 / 1024} MB from the 2,000th to the 10,000th request.");
        await AssertPerConversationMemoryIsReleasedAsync();
        await AssertANormalConversationStillWorksAsync();
    }

    // ---- running and checking one case ----

    private async Task RunAsync(FuzzCase fuzzCase)
    {
        try
        {
            switch (fuzzCase)
            {
                case HttpCase http:
                    await RunHttpAsync(http);
                    break;
                case StreamCase stream:
                    await RunStreamAsync(stream);
                    break;
                case FloodCase flood:
                    var statuses = await Task.WhenAll(flood.Burst.Select(RunHttpAsync));
                    if (!statuses.Contains(HttpStatusCode.TooManyRequests))
                    {
                        Fail(fuzzCase, $"no 429 among {flood.Burst.Count} requests at once (statuses {string.Join(",", statuses.Distinct())})");
                    }

                    break;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or XunitException or JsonException)
        {
            Fail(fuzzCase, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private async Task<HttpStatusCode> RunHttpAsync(HttpCase http)
    {
        using var request = new HttpRequestMessage(http.Method, http.Path);
        if (http.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", http.Authorization);
        }

        if (http.Body is not null)
        {
            request.Content = new ByteArrayContent(http.Body);
            if (http.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", http.ContentType);
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var status = (int)response.StatusCode;
        var body = await ReadBodyAsync(response, timeout.Token);
        Count(status);
        if (status >= 500)
        {
            Fail(http, $"{status}: {Excerpt(body)}");
        }
        else if (http.MustSucceed && status != 200)
        {
            Fail(http, $"a valid request got {status}: {Excerpt(body)}");
        }
        else if (status == 429 && response.Headers.RetryAfter?.Delta is null)
        {
            Fail(http, "429 without Retry-After");
        }
        else if (status >= 400 && http.Method != HttpMethod.Head)
        {
            CheckErrorBody(http, status, body);
        }
        else if (status == 200 && http.ExpectReplies)
        {
            CheckExpectedReplies(http, body);
        }
        else if (status is 200 or 201 && body.Length > 0 && http.Method != HttpMethod.Head)
        {
            _ = JsonNode.Parse(body)!.AsObject(); // Direct Line answers are JSON objects
        }

        return response.StatusCode;
    }

    /// <summary>The body as text, read without the shared array pool (which keeps large buffers per thread, blurring the heap measured).</summary>
    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length);
    }

    /// <summary>A 4xx says what is wrong: a problem body at /api/messages, a Direct Line error body under /v3/directline.</summary>
    private void CheckErrorBody(HttpCase http, int status, string body)
    {
        var json = body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        var directLineError = json?["error"]?["code"] is JsonValue && json["error"]?["message"] is JsonValue message && message.GetValue<string>().Length > 0;
        var problem = json?["status"] is JsonValue code && code.GetValue<int>() == status && (json["detail"] ?? json["title"]) is JsonValue;

        // A path with %2e%2e is normalised by the server first, and answered by whichever route it lands on.
        var clear = http.Path.Contains("%2e%2e", StringComparison.Ordinal) ? directLineError || problem
            : http.Path.StartsWith("/v3/directline", StringComparison.Ordinal) ? directLineError
            : problem;
        // Kestrel itself refuses some requests before any endpoint runs, without a body: a request target with an
        // encoded NUL (400) and a request line over its 8 KB limit (414).
        var refusedByKestrel = body.Length == 0 && ((status == 400 && http.Path.Contains("%00", StringComparison.Ordinal)) || status == 414);
        if (!clear && !refusedByKestrel)
        {
            Fail(http, $"{status} without a clear error body: '{Excerpt(body)}'");
        }
    }

    private void CheckExpectedReplies(HttpCase http, string body)
    {
        var replies = JsonSerializer.Deserialize<ExpectedReplies>(body, BotJson.Options);
        if (replies?.Activities is null)
        {
            Fail(http, "200 without an activities array: " + Excerpt(body));
            return;
        }

        foreach (var reply in replies.Activities)
        {
            if (string.IsNullOrEmpty(reply.Type) || (http.ConversationId is not null && reply.Conversation?.Id != http.ConversationId))
            {
                Fail(http, "a reply without a type or for another conversation: " + Excerpt(BotJson.Serialize(reply)));
            }

            if (reply.Text?.Contains("${", StringComparison.Ordinal) == true && !Encoding(http).Contains("${", StringComparison.Ordinal))
            {
                Fail(http, "a reply with an unfilled placeholder: " + Excerpt(reply.Text));
            }
        }

        WireCards.AssertAllValid(replies.Activities);
    }

    private static string Encoding(HttpCase http) => http.Body is null ? "" : System.Text.Encoding.UTF8.GetString(http.Body);

    private async Task RunStreamAsync(StreamCase stream)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var uri = new Uri(new Uri(_host.Address.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), stream.PathAndQuery);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch (WebSocketException)
        {
            var status = (int)socket.HttpStatusCode;
            Count(status);
            if (status is 0 or >= 500)
            {
                Fail(stream, $"the upgrade was refused with {status}");
            }

            return;
        }

        Count(101);
        using var brief = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            var buffer = new byte[64 * 1024];
            var frame = await socket.ReceiveAsync(buffer, brief.Token);
            if (frame.Count > 0 && frame.EndOfMessage)
            {
                _ = JsonNode.Parse(buffer.AsSpan(0, frame.Count))!["activities"]!.AsArray();
            }

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // No frame in time (nothing after the watermark): the receive was cancelled and the socket aborted.
        }
    }

    private void Count(int status) => _statuses.AddOrUpdate(status.ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);

    private void Fail(FuzzCase fuzzCase, string problem) => _failures.Enqueue($"[{fuzzCase.Category}] {problem}\n    request: {fuzzCase}");

    private static string Excerpt(string text) => text.Length > 400 ? text[..400] + "…" : text;

    /// <summary>
    /// Moves the host's log lines out of memory, keeping those at Error or Critical that are not justified, and forgets
    /// what the loopback Connector received (replies of normal delivery), so the heap measured is the host's.
    /// </summary>
    private void DrainLogs()
    {
        _connector.Received.Clear();
        while (_host.Logs.Lines.TryDequeue(out var line))
        {
            if ((line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)) && !Justified(line))
            {
                _errorLines.Add(line.Length > 2000 ? line[..2000] : line);
            }
        }
    }

    /// <summary>
    /// The one Error the fuzzer causes on purpose: an anonymous activity (authentication is off) whose serviceUrl is a
    /// loopback port nobody listens on. The turn is committed, the reply cannot be delivered, and an operator must see
    /// that — so the Connector client and the adapter log it at Error by design, without conversation ids or text.
    /// </summary>
    private bool Justified(string line)
        => (line.StartsWith("Error RewardsBot.Runtime.Connector.ConnectorClient: Connector ", StringComparison.Ordinal) && line.Contains($"could not reach 127.0.0.1:{_deadPort} ", StringComparison.Ordinal))
           || line.StartsWith("Error RewardsBot.Runtime.Builder.CloudAdapter: Could not deliver a reply on emulator: status 0", StringComparison.Ordinal);

    // ---- what the generator aims at ----

    private async Task<FuzzTargets> PrepareTargetsAsync(int seed)
    {
        var random = new Random(seed);
        string[] people = ["demo-ana", "demo-grace", "demo-marc", "demo-sara", "demo-kenji", "demo-tomas", "demo-claire", "demo-meihua", "demo-priya", "demo-lena"];
        var walks = Enumerable.Range(0, 40).Select(i => (User: people[i % people.Length], Steps: random.Next(0, 7), Seed: random.Next())).ToList();
        var fixtures = new ConcurrentBag<CardFixture>();
        await Parallel.ForEachAsync(walks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (walk, _) => fixtures.Add(await WalkAsync(walk.User, walk.Steps, new Random(walk.Seed))));

        var directLine = new DirectLineClient(_host);
        var seats = new ConcurrentBag<DirectLineSeat>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 72), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var (conversationId, token, _) = await directLine.StartNewAsync(people[i % people.Length]);
            seats.Add(new DirectLineSeat(conversationId, token));
        });
        var all = seats.OrderBy(s => s.ConversationId, StringComparer.Ordinal).ToList();

        var services = _host.Services;
        var past = new DirectLineTokens(services.GetRequiredService<DirectLineKeys>(), services.GetRequiredService<IOptions<DirectLineOptions>>(), new PastClock());
        var expired = all.Take(5).Select(s => past.Issue(s.ConversationId, DirectLineIds.TokenUserId("demo-ana")!, "Ana").Token).ToList();

        using var dead = new TcpListener(IPAddress.Loopback, 0);
        dead.Start();
        _deadPort = ((IPEndPoint)dead.LocalEndpoint).Port;
        dead.Stop();

        return new FuzzTargets(
            _connector.ServiceUrl.ToString(),
            $"http://127.0.0.1:{_deadPort}/",
            [.. fixtures.OrderBy(f => f.ConversationId, StringComparer.Ordinal)],
            all[..60],
            expired,
            all[60..],
            BotHost.DirectLineSecret);
    }

    /// <summary>A conversation walked to a real prompt: joined, then <paramref name="steps"/> clicks or plausible answers.</summary>
    private async Task<CardFixture> WalkAsync(string userId, int steps, Random random)
    {
        string[] answers = ["Lena", "lena.marketing@contoso-analytics.example", "+1 425 555 0100", "listing review", "activate", "yes", "no", "contoso robotics"];
        var chat = new WireChat(_host, userId);
        await chat.JoinAsync();
        for (var i = 0; i < steps; i++)
        {
            var card = chat.LastCard;
            var submits = WireChat.SubmitData(card);
            if (submits.Count == 0 || random.Next(4) == 0)
            {
                await chat.SayAsync(answers[random.Next(answers.Length)]);
                continue;
            }

            var value = (JsonObject)submits[random.Next(submits.Count)].DeepClone();
            foreach (var (id, choices) in WireChat.Inputs(card))
            {
                value[id] = choices.Count > 0 ? choices[random.Next(choices.Count)] : answers[random.Next(answers.Length)];
            }

            await chat.SendAsync(chat.Submit(card, value));
        }

        return new CardFixture(chat.Session.ConversationId, userId, [.. chat.Cards]);
    }

    // ---- after the run ----

    /// <summary>Streams the fuzzer dropped end on the server within its close-handshake timeout (2 s); waits generously.</summary>
    private async Task WaitForStreamsToEndAsync()
    {
        var signals = _host.Services.GetRequiredService<DirectLineFeedSignals>();
        for (var i = 0; i < 300 && signals.Watched > 0; i++)
        {
            await Task.Delay(100);
        }
    }

    private async Task AssertPerConversationMemoryIsReleasedAsync()
    {
        var throttle = _host.Services.GetRequiredService<MessagesThrottle>();
        Assert.Equal(0, throttle.TurnsInProgress);
        Assert.InRange(throttle.TrackedConversations, 1, MaxTrackedConversations);
        Assert.Equal(0, EntriesOf(_host.Services.GetRequiredService<CloudAdapter>(), "_gate", "_entries"));
        Assert.Equal(0, EntriesOf(_host.Services.GetRequiredService<DirectLineConversations>(), "_locks", "_entries"));
        await WaitForStreamsToEndAsync();
        Assert.Equal(0, _host.Services.GetRequiredService<DirectLineFeedSignals>().Watched);
    }

    /// <summary>The number of entries of a per-conversation table inside the host (private: read by reflection).</summary>
    private static int EntriesOf(object owner, string field, string table)
    {
        var holder = FieldOf(owner, field);
        return FieldOf(holder, table) is System.Collections.ICollection entries
            ? entries.Count
            : throw new XunitException($"{holder.GetType().Name}.{table} is not a collection any more; update this check.");
    }

    private static object FieldOf(object owner, string name)
        => owner.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(owner)
           ?? throw new XunitException($"{owner.GetType().Name} has no field {name} any more; update this check.");

    private async Task AssertANormalConversationStillWorksAsync()
    {
        // The fuzzer may have switched Grace's language (a per-user choice, kept): she switches back first.
        var grace = new WireChat(_host, "demo-grace");
        await grace.JoinAsync();
        var english = await grace.SayAsync("English");
        Assert.Contains(english, r => r.Text == BotTexts.Default.Get("main.language.switched", "en-US"));
        var help = await grace.SayAsync("help");
        Assert.Equal(BotTexts.Default.Get("main.help", "en-US"), help[0].Text);
        Assert.Contains(BotTexts.Default.Get("card.menu.contact", "en-US"), WireCards.ButtonTitles(WireCards.SingleCard(help[^1])));

        var directLine = new DirectLineClient(_host);
        var (conversationId, token, _) = await directLine.StartNewAsync("demo-ana");
        await directLine.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("help"));
        var feed = await directLine.GetAllAsync(token, conversationId);
        Assert.Contains(feed.Activities, a => a.Text == BotTexts.Default.Get("main.help", "en-US"));
    }

    /// <summary>Two hours ago: tokens issued by it have expired.</summary>
    private sealed class PastClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddHours(-2);
    }
}

/// <summary>The fuzzer's collection: run on its own, after the parallel test classes.</summary>
[CollectionDefinition(nameof(HostileInputFuzzTests), DisableParallelization = true)]
public sealed class HostileInputFuzzCollection;
