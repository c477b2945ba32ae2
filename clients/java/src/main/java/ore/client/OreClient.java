package ore.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import ore.client.auth.api.AccountApi;
import ore.client.auth.api.SessionApi;
import ore.client.auth.api.WalletApi;
import ore.client.game.api.InventoryApi;
import ore.client.game.api.LeaderboardApi;
import ore.client.game.api.MiningApi;
import ore.client.game.api.NodesApi;
import ore.client.game.api.RewardsApi;
import ore.client.location.api.LocationApi;

/**
 * The player-facing APIs of auth-service, location-service and game-service behind one base URL (the
 * ALB in production, {@code bin/ore-local}'s router on a laptop), sharing one HTTP client, timeouts
 * and the player's access token.
 *
 * <p>The API classes are generated at build time from the services' OpenAPI documents; this class only
 * wires them. Errors arrive as {@link ApiException}; {@link #problem(ApiException)} reads the RFC 9457
 * body and its stable {@code code}, {@link #retryAfter(ApiException)} the wait a 429 or 503 asks for.
 * Admin and internal operations are left out on purpose: a game client never calls them.
 */
public final class OreClient {

    /** Every call gives up after this long without an answer unless told otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ApiClient api;
    private volatile Supplier<String> accessToken = () -> null;
    // Built once: a generated API object asks its ApiClient for the HTTP client when constructed.
    private final SessionApi session;
    private final AccountApi account;
    private final WalletApi wallet;
    private final LocationApi location;
    private final NodesApi nodes;
    private final MiningApi mining;
    private final InventoryApi inventory;
    private final RewardsApi rewards;
    private final LeaderboardApi leaderboard;

    private OreClient(ApiClient api) {
        this.api = api;
        api.setRequestInterceptor(request -> {
            String token = accessToken.get();
            if (token != null) {
                request.setHeader("Authorization", "Bearer " + token);
            }
        });
        session = new SessionApi(api);
        account = new AccountApi(api);
        wallet = new WalletApi(api);
        location = new LocationApi(api);
        nodes = new NodesApi(api);
        mining = new MiningApi(api);
        inventory = new InventoryApi(api);
        rewards = new RewardsApi(api);
        leaderboard = new LeaderboardApi(api);
    }

    /** A client of the backend at {@code baseUrl} (scheme, host and port; the paths start with /api). */
    public static OreClient connect(URI baseUrl) {
        return connect(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public static OreClient connect(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
        return connect(baseUrl, HttpClient.newBuilder().connectTimeout(connectTimeout).build(), requestTimeout);
    }

    /**
     * A client on an HTTP client of the caller's, which many {@code OreClient}s may share (one per
     * player in a load generator: each has its own token, all use one connection pool).
     */
    public static OreClient connect(URI baseUrl, HttpClient http, Duration requestTimeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(http, "http");
        // The generated ApiClient would build a new HttpClient (a selector thread, a pool) for every API
        // object; this one hands out the shared client instead.
        ApiClient api = new ApiClient(HttpClient.newBuilder(), ApiClient.createDefaultObjectMapper(),
                baseUrl.toString().replaceAll("/+$", "")) {
            @Override
            public HttpClient getHttpClient() {
                return http;
            }
        };
        api.setReadTimeout(requestTimeout);
        return new OreClient(api);
    }

    /** Sends {@code Authorization: Bearer <token>} from now on; null signs out. */
    public OreClient accessToken(String token) {
        this.accessToken = () -> token;
        return this;
    }

    /** Asks {@code tokens} for the access token on every call (for a client that refreshes it elsewhere). */
    public OreClient accessToken(Supplier<String> tokens) {
        this.accessToken = Objects.requireNonNull(tokens, "tokens");
        return this;
    }

    public ApiClient apiClient() {
        return api;
    }

    public SessionApi session() {
        return session;
    }

    public AccountApi account() {
        return account;
    }

    public WalletApi wallet() {
        return wallet;
    }

    public LocationApi location() {
        return location;
    }

    public NodesApi nodes() {
        return nodes;
    }

    public MiningApi mining() {
        return mining;
    }

    public InventoryApi inventory() {
        return inventory;
    }

    public RewardsApi rewards() {
        return rewards;
    }

    public LeaderboardApi leaderboard() {
        return leaderboard;
    }

    /** An error answer as the services write it (RFC 9457 application/problem+json). */
    public record Problem(int status, String code, String title, String detail, JsonNode body) {
    }

    /**
     * The problem in an error answer; empty when there was no answer (a transport failure or a timeout:
     * {@code e.getCode() == 0}) or when its body is not a problem document (a proxy's error page).
     */
    public Optional<Problem> problem(ApiException e) {
        String body = e.getResponseBody();
        if (e.getCode() == 0 || body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode json = api.getObjectMapper().readTree(body);
            if (json == null || !json.isObject() || !json.hasNonNull("code")) {
                return Optional.empty();
            }
            return Optional.of(new Problem(e.getCode(), json.get("code").asText(), json.path("title").asText(null),
                    json.path("detail").asText(null), json));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /**
     * The wait a 429 or 503 answer asks for (RFC 9110 {@code Retry-After} in seconds, at most a minute);
     * empty when the answer did not say.
     */
    public static Optional<Duration> retryAfter(ApiException e) {
        HttpHeaders headers = e.getResponseHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return Optional.of(Duration.ofSeconds(Math.min(60, Math.max(0, seconds))));
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }
}
