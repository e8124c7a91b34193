using System.Text.Json;
using RewardsBot.Runtime.Schema;
using static RewardsBot.Runtime.Tests.Connector.ConnectorHarness;

namespace RewardsBot.Runtime.Tests.Connector;

public sealed class ConnectorClientRequestTests
{
    private static readonly ScriptedResponse Created = ScriptedResponse.Json(201, """{"id":"1:new"}""");

    [Theory]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("/amer/", "/amer")]
    [InlineData("/amer", "/amer")]
    public async Task Reply_posts_to_the_encoded_activity_path_under_any_serviceUrl_shape(string serviceUrlPath, string expectedPrefix)
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created));

        await harness.Client.ReplyToActivityAsync(harness.Server.Origin + serviceUrlPath, ConversationId, ActivityId, Message(), CancellationToken.None);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{expectedPrefix}/v3/conversations/{EncodedConversationId}/activities/{EncodedActivityId}", request.RawTarget);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task Send_posts_to_the_encoded_conversation_activities_path(string serviceUrlPath)
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created));

        await harness.Client.SendToConversationAsync(harness.Server.Origin + serviceUrlPath, ConversationId, Message(), CancellationToken.None);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/{EncodedConversationId}/activities", request.RawTarget);
    }

    [Fact]
    public async Task Update_puts_to_the_encoded_activity_path()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created));

        await harness.Client.UpdateActivityAsync(harness.Server.Origin + "/amer/", ConversationId, ActivityId, Message(), CancellationToken.None);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/amer/v3/conversations/{EncodedConversationId}/activities/{EncodedActivityId}", request.RawTarget);
    }

    [Fact]
    public async Task Delete_sends_DELETE_to_the_encoded_activity_path_without_a_body()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Empty(200)));

        await harness.Client.DeleteActivityAsync(harness.ServiceUrl, ConversationId, ActivityId, CancellationToken.None);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"/v3/conversations/{EncodedConversationId}/activities/{EncodedActivityId}", request.RawTarget);
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task A_slash_inside_an_id_stays_encoded_in_one_path_segment()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created));

        await harness.Client.ReplyToActivityAsync(harness.ServiceUrl, "19:abc/def@thread.skype", "x y", Message(), CancellationToken.None);

        Assert.Equal("/v3/conversations/19%3Aabc%2Fdef%40thread.skype/activities/x%20y", Assert.Single(harness.Server.Requests).RawTarget);
    }

    [Theory]
    [InlineData("reply")]
    [InlineData("send")]
    public async Task New_activities_go_out_as_camelCase_json_without_nulls_or_id_and_the_callers_activity_is_unchanged(string operation)
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created));
        var activity = Message();
        var before = BotJson.Serialize(activity);

        var call = operation == "reply"
            ? harness.Client.ReplyToActivityAsync(harness.ServiceUrl, ConversationId, ActivityId, activity, CancellationToken.None)
            : harness.Client.SendToConversationAsync(harness.ServiceUrl, ConversationId, activity, CancellationToken.None);
        await call;

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.False(body.RootElement.TryGetProperty("id", out _));
        Assert.Equal("hello there", body.RootElement.GetProperty("text").GetString());
        Assert.Equal(ActivityId, body.RootElement.GetProperty("replyToId").GetString());
        Assert.Equal("28:bot", body.RootElement.GetProperty("from").GetProperty("id").GetString());
        AssertCamelCaseWithoutNulls(body.RootElement);
        Assert.Equal("incoming-activity-id", activity.Id);
        Assert.Equal(before, BotJson.Serialize(activity));
    }

    [Fact]
    public async Task Update_sends_the_activity_with_its_id()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created));
        var activity = Message();
        activity.Id = ActivityId;

        await harness.Client.UpdateActivityAsync(harness.ServiceUrl, ConversationId, ActivityId, activity, CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(harness.Server.Requests).Body);
        Assert.Equal(ActivityId, body.RootElement.GetProperty("id").GetString());
        AssertCamelCaseWithoutNulls(body.RootElement);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    public async Task Any_2xx_returns_the_id_the_channel_assigned(int status)
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Json(status, """{"id":"1:new"}""")));

        var response = await harness.SendAsync();

        Assert.Equal("1:new", response.Id);
    }

    [Fact]
    public async Task An_empty_success_body_returns_a_response_with_a_null_id()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(ScriptedResponse.Empty(202)));

        var response = await harness.SendAsync();

        Assert.Null(response.Id);
    }

    [Fact]
    public async Task The_bearer_token_is_sent_when_the_provider_has_one()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created), tokens: new FakeTokenProvider("eyJ.token"));

        await harness.SendAsync();

        Assert.Equal("Bearer eyJ.token", Assert.Single(harness.Server.Requests).Header("Authorization"));
        Assert.Equal([false], harness.Tokens.Calls);
    }

    [Fact]
    public async Task No_authorization_header_is_sent_when_the_provider_returns_null()
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created), tokens: new FakeTokenProvider(null));

        await harness.SendAsync();

        Assert.Null(Assert.Single(harness.Server.Requests).Header("Authorization"));
    }

    [Theory]
    [InlineData("localhost:3978/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/v3/relative")]
    [InlineData("not a url")]
    public async Task A_serviceUrl_that_is_not_absolute_http_or_https_is_rejected_before_any_request(string serviceUrl)
    {
        await using var harness = new ConnectorHarness(LoopbackHttpServer.Start(Created));

        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => harness.Client.SendToConversationAsync(serviceUrl, ConversationId, Message(), CancellationToken.None));

        Assert.Equal("serviceUrl", exception.ParamName);
        Assert.Contains("absolute", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Activity.ServiceUrl", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    private static void AssertCamelCaseWithoutNulls(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.Fail("The body contains a null; nulls must be omitted.");
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.True(char.IsLower(property.Name[0]), $"Property '{property.Name}' is not camelCase.");
                    AssertCamelCaseWithoutNulls(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertCamelCaseWithoutNulls(item);
                }

                break;
        }
    }
}
