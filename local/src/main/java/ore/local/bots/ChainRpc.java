package ore.local.bots;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/** The one chain question a player asks: how many ORE (in wei) does my wallet hold? ({@code eth_call balanceOf}) */
final class ChainRpc {

    private final HttpClient http;
    private final URI rpc;
    private final String token;
    private final Metrics metrics;

    ChainRpc(HttpClient http, URI rpc, String token, Metrics metrics) {
        this.http = http;
        this.rpc = rpc;
        this.token = token;
        this.metrics = metrics;
    }

    /** ERC-20 {@code balanceOf(address)} at the latest block. */
    BigInteger balanceOf(String address) throws IOException, InterruptedException {
        String data = "0x70a08231" + "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"to\":\"" + token
                + "\",\"data\":\"" + data + "\"},\"latest\"]}";
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rpc).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        metrics.latency("RPC eth_call balanceOf", response.statusCode(), System.nanoTime() - start);
        JsonNode json = Api.parse(response.body());
        String result = json.path("result").asText("");
        if (response.statusCode() != 200 || !result.startsWith("0x")) {
            throw new IOException("eth_call answered " + response.statusCode() + " " + response.body());
        }
        return result.length() == 2 ? BigInteger.ZERO : new BigInteger(result.substring(2), 16);
    }
}
