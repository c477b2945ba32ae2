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
}
