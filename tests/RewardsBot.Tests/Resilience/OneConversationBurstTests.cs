using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.Resilience;

/// <summary>
/// Fifty messages of one conversation at once over /api/messages: every one answered, the turns one at a time, in
/// the order the requests reached the endpoint. (Fifty clicks on one Activate button with the real bot are in
/// <see cref="ConcurrentClicksTests"/>.)
/// </summary>
public sealed class OneConversationBurstTests : OwnHostTest
{
    private const int Messages = 50;
    private const string SequenceHeader = "x-test-sequence";

    private readonly Recorder _recorder = new();

    public override async Task InitializeAsync()
        => await StartHostAsync(services: services =>
        {
            services.AddSingleton(_recorder);
            services.AddSingleton<IBot, RecordingBot>();
            services.AddSingleton<IStartupFilter>(new EntryRecording(_recorder));
        });

    [Fact]
    public async Task Fifty_messages_of_one_conversation_at_once_run_one_at_a_time_in_arrival_order_and_each_gets_its_answer()
    {
        var session = new EmulatorConversation(new Uri("http://127.0.0.1:9/"), userId: "demo-ana");
        _recorder.HoldFirstTurn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each request is sent once the previous one has reached the endpoint and is waiting for its turn, so the
        // arrival order is known; the first turn is held until all fifty are waiting.
        var answers = new List<Task<(HttpStatusCode Status, string Body)>>();
        for (var i = 0; i < Messages; i++)
        {
            var entered = _recorder.ExpectEntry(i);
            answers.Add(SendAsync(session, i));
            await entered.WaitAsync(TimeSpan.FromMinutes(1));
        }

        _recorder.HoldFirstTurn.SetResult();
        var results = await Task.WhenAll(answers);

        for (var i = 0; i < Messages; i++)
        {
            Assert.Equal(HttpStatusCode.OK, results[i].Status);
            Assert.Contains($"\"text\":\"done {i}\"", results[i].Body, StringComparison.Ordinal);
        }

        var events = _recorder.Events.ToList();
        Assert.Equal(2 * Messages, events.Count);
        for (var turn = 0; turn < Messages; turn++)
        {
            // Strictly start, finish, start, finish…: never two turns of the conversation at once.
            Assert.Equal(("start", _recorder.Entries[turn]), events[2 * turn]);
            Assert.Equal(("finish", _recorder.Entries[turn]), events[(2 * turn) + 1]);
        }

        Assert.Equal(Enumerable.Range(0, Messages), _recorder.Entries);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(EmulatorConversation session, int sequence)
    {
        var activity = session.Message(sequence.ToString(CultureInfo.InvariantCulture), DeliveryModes.ExpectReplies);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(activity, options: BotJson.Options),
        };
        request.Headers.Add(SequenceHeader, sequence.ToString(CultureInfo.InvariantCulture));
        using var response = await Host.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What reached the endpoint, and when turns started and finished.</summary>
    private sealed class Recorder
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _expected = new();
        private readonly List<int> _entries = [];

        public ConcurrentQueue<(string Event, int Sequence)> Events { get; } = new();

        public TaskCompletionSource? HoldFirstTurn { get; set; }

        public List<int> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public Task ExpectEntry(int sequence) => _expected.GetOrAdd(sequence, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Entered(int sequence)
        {
            lock (_entries)
            {
                _entries.Add(sequence);
            }

            _expected.GetOrAdd(sequence, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>Records each request's sequence number when its handling has gone as far as it can (waiting for its turn).</summary>
    private sealed class EntryRecording(Recorder recorder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                if (!int.TryParse(context.Request.Headers[SequenceHeader], CultureInfo.InvariantCulture, out var sequence))
                {
                    await following(context);
                    return;
                }

                // The endpoint runs synchronously until the turn waits for the conversation (or runs).
                var handling = following(context);
                recorder.Entered(sequence);
                await handling;
            });
            next(app);
        };
    }

    /// <summary>Records the start and end of every message turn; the first one waits until the test lets it go.</summary>
    private sealed class RecordingBot(Recorder recorder) : ActivityHandler
    {
        protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var sequence = int.Parse(turnContext.Activity.Text!, CultureInfo.InvariantCulture);
            recorder.Events.Enqueue(("start", sequence));
            if (recorder.HoldFirstTurn is { } hold && recorder.Events.Count == 1)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            await Task.Yield(); // let any other turn that could run now do so: none may
            await turnContext.SendActivityAsync("done " + sequence.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
            recorder.Events.Enqueue(("finish", sequence));
        }
    }
}
