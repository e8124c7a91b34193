using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// The signing keys published behind one OpenID configuration document (its <c>jwks_uri</c>), cached. The keys are
/// refetched when they are <see cref="RefreshInterval"/> old, and when a token names an unknown <c>kid</c> (key
/// rotation) — but never sooner than <see cref="MinimumRefetchInterval"/> after the previous attempt, so tokens with
/// made-up kids cannot make the bot hammer the endpoint. Concurrent callers share one in-flight fetch. When a refresh
/// fails the previous keys stay in use.
/// </summary>
internal sealed class OpenIdMetadata
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinimumRefetchInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);
    private const int MaxDocumentBytes = 512 * 1024;

    private readonly Uri metadataUrl;
    private readonly string settingName;
    private readonly HttpClient httpClient;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private OpenIdSigningKeySet? keys;
    private DateTimeOffset? lastAttempt;
    private Exception? lastFailure;
    private Task<OpenIdSigningKeySet>? inFlight;

    public OpenIdMetadata(Uri metadataUrl, string settingName, HttpClient httpClient, TimeProvider timeProvider, ILogger logger)
    {
        if (!BotAuthenticationOptions.IsAllowedMetadataUrl(metadataUrl))
        {
            throw new ArgumentException($"{settingName} '{metadataUrl}' must be an absolute https URL (http only for a loopback host).", nameof(metadataUrl));
        }

        this.metadataUrl = metadataUrl;
        this.settingName = settingName;
        this.httpClient = httpClient;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>
    /// The key with <paramref name="keyId"/>, or null when it is not published (after at most one throttled refetch).
    /// Throws <see cref="InvalidOperationException"/> when no keys could ever be fetched.
    /// </summary>
    public async Task<OpenIdSigningKey?> GetSigningKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var current = await GetKeysAsync(forUnknownKey: false, cancellationToken);
        if (current.Keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        current = await GetKeysAsync(forUnknownKey: true, cancellationToken);
        return current.Keys.GetValueOrDefault(keyId);
    }

    private Task<OpenIdSigningKeySet> GetKeysAsync(bool forUnknownKey, CancellationToken cancellationToken)
    {
        Task<OpenIdSigningKeySet> task;
        lock (gate)
        {
            if (inFlight is null)
            {
                var now = timeProvider.GetUtcNow();
                var sinceAttempt = now - (lastAttempt ?? DateTimeOffset.MinValue);
                if (keys is null && lastFailure is not null && sinceAttempt < RetryAfterFailure)
                {
                    return Task.FromException<OpenIdSigningKeySet>(Unavailable(lastFailure));
                }

                var due = keys is null || forUnknownKey || now - keys.FetchedAt >= RefreshInterval;
                if (keys is not null && (!due || sinceAttempt < MinimumRefetchInterval))
                {
                    return Task.FromResult(keys);
                }

                lastAttempt = now;

                // Task.Run: the fetch cannot finish (and clear inFlight) before this lock is released. It runs on its
                // own timeout, not on one caller's token, because every waiting caller shares it.
                inFlight = Task.Run(FetchAndStoreAsync, CancellationToken.None);
            }

            task = inFlight;
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<OpenIdSigningKeySet> FetchAndStoreAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(FetchTimeout, timeProvider);
            var configuration = await GetDocumentAsync(metadataUrl, timeout.Token);
            var jwksUri = OpenIdSigningKeySet.ReadJwksUri(configuration);
            var jwks = await GetDocumentAsync(jwksUri, timeout.Token);
            var fetched = OpenIdSigningKeySet.Parse(jwks, timeProvider.GetUtcNow());
            lock (gate)
            {
                keys = fetched;
                lastFailure = null;
                inFlight = null;
            }

            AuthLog.SigningKeysFetched(logger, fetched.Keys.Count, metadataUrl);
            return fetched;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidDataException or JsonException or OperationCanceledException or ArgumentException)
        {
            OpenIdSigningKeySet? stale;
            lock (gate)
            {
                stale = keys;
                lastFailure = ex;
                inFlight = null;
            }

            if (stale is null)
            {
                AuthLog.SigningKeysUnavailable(logger, metadataUrl, ex);
                throw Unavailable(ex);
            }

            AuthLog.SigningKeysRefreshFailed(logger, metadataUrl, stale.FetchedAt, ex);
            return stale;
        }
    }

    private async Task<byte[]> GetDocumentAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!BotAuthenticationOptions.IsAllowedMetadataUrl(url))
        {
            throw new InvalidDataException($"'{url}' is not an https URL; signing keys are fetched over https only.");
        }

        using var response = await httpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw new InvalidDataException($"GET {url} returned more than {MaxDocumentBytes} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                throw new InvalidDataException($"GET {url} returned more than {MaxDocumentBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private InvalidOperationException Unavailable(Exception cause) => new(
        $"The signing keys behind {metadataUrl} ({settingName}) could not be fetched: {cause.Message} "
        + "Check the setting and that this host can reach the URL over https.",
        cause);
}
