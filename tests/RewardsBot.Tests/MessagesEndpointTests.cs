using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>
/// Status codes of /api/messages for bad and unusual input; the server (with the product's bot) keeps serving afterwards.
/// </summary>
public sealed class MessagesEndpointTests : OwnHostTest
{
    public override async Task InitializeAsync() => await StartHostAsync();

    private Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json")
        => PostRawAsync(Encoding.UTF8.GetBytes(body), contentType);

    private Task<HttpResponseMessage> PostRawAsync(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);
        return Host.Client.PostAsync("/api/messages", content);
    }

    private static string Valid(string extra = "") =>
        "{\"type\":\"message\",\"channelId\":\"emulator\",\"deliveryMode\":\"expectReplies\",\"conversation\":{\"id\":\"c1\"},\"from\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"b\"},\"text\":\"hi\"" + extra + "}";

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("\"a string\"")]
    [InlineData("{\"type\": 5}")]
    [InlineData("{\"type\":\"message\",\"conversation\":\"c1\"}")]
    public async Task Malformed_json_gets_400_with_a_problem_body(string body)
    {
        var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Empty_body_gets_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRawAsync("")).StatusCode);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"channelId\":\"emulator\",\"from\":{\"id\":\"u1\"},\"serviceUrl\":\"http://localhost:1\"}", "conversation.id")]
    [InlineData("{\"channelId\":\"emulator\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u1\"},\"serviceUrl\":\"http://localhost:1\"}", "type")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"emulator\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"http://localhost:1\"}", "from.id")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u1\"},\"serviceUrl\":\"http://localhost:1\"}", "channelId")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"emulator\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u1\"}}", "serviceUrl")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"emulator\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u1\"},\"serviceUrl\":\"file:///etc/passwd\"}", "serviceUrl")]
    public async Task Activity_missing_a_required_field_gets_400_naming_it(string body, string field)
    {
        var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_megabyte_body_gets_413()
    {
        var response = await PostRawAsync(Valid(",\"value\":\"" + new string('x', 1024 * 1024) + "\""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_body_without_content_length_gets_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Valid(",\"value\":\"" + new string('y', 400 * 1024) + "\""))));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_large_activity_under_the_limit_is_read_with_or_without_content_length(bool chunked)
    {
        var json = Valid(",\"value\":\"" + new string('z', 100 * 1024) + "\"").Replace("\"type\":\"message\"", "\"type\":\"somethingFromTheFuture\"", StringComparison.Ordinal);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        if (!chunked)
        {
            content.Headers.ContentLength = Encoding.UTF8.GetByteCount(json);
        }

        var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"activities\":[]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_activity_type_gets_200_and_is_ignored()
    {
        var response = await PostRawAsync(Valid().Replace("\"type\":\"message\"", "\"type\":\"somethingFromTheFuture\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"activities\":[]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invalid_utf8_gets_400()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid()).ToList();
        bytes.InsertRange(bytes.Count - 2, new byte[] { 0xC3, 0x28, 0xFF });

        Assert.Equal(HttpStatusCode.BadRequest, (await PostRawAsync(bytes.ToArray())).StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_json_gets_400()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostRawAsync(Valid(",\"value\":" + deep))).StatusCode);
    }

    [Fact]
    public async Task Non_json_content_type_gets_415()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostRawAsync("type=message", "application/x-www-form-urlencoded")).StatusCode);
    }

    [Fact]
    public async Task Get_on_the_messaging_endpoint_gets_405()
    {
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Host.Client.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_bot_refuses_to_reply_to_a_remote_service_url()
    {
        var response = await PostRawAsync("{\"type\":\"message\",\"channelId\":\"emulator\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u1\"},\"serviceUrl\":\"https://example.com/\",\"text\":\"hi\"}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("MicrosoftAppId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_hostile_input_the_server_still_answers_and_is_healthy()
    {
        await PostRawAsync("{not json");
        await PostRawAsync(new byte[] { 0xFF, 0xFE, 0x00 });
        await PostRawAsync(Valid(",\"value\":\"" + new string('x', 1024 * 1024) + "\""));

        var health = await Host.Client.GetAsync("/healthz");
        var normal = await PostRawAsync(Valid());

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
        var replies = (await normal.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
        Assert.NotEmpty(replies);
        Assert.All(replies, reply => Assert.Equal("u1", reply.Recipient!.Id));
        Assert.Equal(BotTexts.Default.Get("main.menu.heading", "en-US"), replies[^1].Text);
    }

    [Fact]
    public async Task Logs_contain_no_message_text()
    {
        const string secretText = "my password is Hunter2-unique-marker";
        await PostRawAsync(Valid().Replace("\"text\":\"hi\"", $"\"text\":\"{secretText}\"", StringComparison.Ordinal));
        await PostRawAsync("{\"type\":\"message\",\"text\":\"" + secretText + "\"}");

        Assert.NotEmpty(Host.Logs.Lines);
        Assert.DoesNotContain("Hunter2-unique-marker", Host.Logs.All, StringComparison.Ordinal);
    }
}
