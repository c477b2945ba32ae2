package ore.chain.adapter.out.web3j;

import java.time.Duration;

/** Per-endpoint circuit breaker: opens at {@code failureRate} % of the last {@code window} calls. */
public record BreakerSettings(int window, int minCalls, float failureRate, Duration openFor) {
}
