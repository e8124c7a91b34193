using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Testing;

namespace RewardsBot.Runtime.Tests.Builder;

public class MiddlewareSetTests
{
    private sealed class Recording(List<string> log, string name, bool callNext = true) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            log.Add(name + ":before");
            if (callNext)
            {
                await next(cancellationToken);
            }

            log.Add(name + ":after");
        }
    }

    [Fact]
    public async Task Middleware_runs_in_order_around_the_bot()
    {
        var log = new List<string>();
        var adapter = new TestAdapter();
        adapter.Use(new Recording(log, "a")).Use(new Recording(log, "b"));

        await adapter.SendTextToBotAsync("hi", (_, _) => { log.Add("bot"); return Task.CompletedTask; });

        Assert.Equal(["a:before", "b:before", "bot", "b:after", "a:after"], log);
    }

    [Fact]
    public async Task Middleware_that_does_not_call_next_stops_the_turn()
    {
        var log = new List<string>();
        var adapter = new TestAdapter();
        adapter.Use(new Recording(log, "gate", callNext: false));

        await adapter.SendTextToBotAsync("hi", (_, _) => { log.Add("bot"); return Task.CompletedTask; });

        Assert.Equal(["gate:before", "gate:after"], log);
    }

    [Fact]
    public async Task Turn_errors_go_to_the_error_handler()
    {
        Exception? seen = null;
        var adapter = new TestAdapter { OnTurnError = (_, ex) => { seen = ex; return Task.CompletedTask; } };

        await adapter.SendTextToBotAsync("hi", (_, _) => throw new InvalidOperationException("boom"));

        Assert.IsType<InvalidOperationException>(seen);
    }

    [Fact]
    public async Task Without_an_error_handler_the_exception_propagates()
    {
        var adapter = new TestAdapter();

        await Assert.ThrowsAsync<InvalidOperationException>(() => adapter.SendTextToBotAsync("hi", (_, _) => throw new InvalidOperationException("boom")));
    }
}
