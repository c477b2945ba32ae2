package ore.local.infra;

/** Where the services find each piece of infrastructure, and where it came from (for the summary). */
public final class Endpoints {

    private Endpoints() {
    }

    public record Postgres(String jdbcUrl, String user, String password, String origin) {
    }

    public record Redis(String uri, String origin) {
    }

    public record Kafka(String bootstrapServers, String origin) {
    }

    /** The chain chain-gateway pays on, the ORE token on it, and the treasury's (development) key. */
    public record Chain(String rpcUrl, long chainId, String tokenAddress, String treasuryKey, String origin) {
    }
}
