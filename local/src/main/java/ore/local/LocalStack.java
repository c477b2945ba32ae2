package ore.local;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ore.local.infra.Endpoints;
import ore.local.infra.LocalChain;
import ore.local.infra.LocalEnv;
import ore.local.infra.LocalKafka;
import ore.local.infra.LocalPostgres;
import ore.local.infra.LocalRedis;
import ore.local.infra.Probe;
import ore.local.router.AlbRoute;
import ore.local.router.RouteTable;
import ore.local.router.Router;
import ore.local.service.HealthCheck;
import ore.local.service.ServiceCatalog;
import ore.local.service.ServiceEnvironment;
import ore.local.service.ServiceGroup;
import ore.local.service.RestartPolicy;
import ore.local.service.ServiceProcess;
import ore.local.service.ServiceSpec;
import ore.local.service.Supervisor;

/**
 * The one-command local run: infrastructure (use what runs, else embedded), every service of
 * {@link ServiceCatalog} as a child JVM, and the router on 127.0.0.1:8080 in front of them.
 * Runs until Ctrl-C or SIGTERM, then stops everything it started, in reverse order, and exits 0.
 */
public final class LocalStack {

    static final int ROUTER_PORT = 8080;
    /** How long a service may take to answer /health with 200; {@code ORE_LOCAL_HEALTH_TIMEOUT} (seconds). */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(180);
    static final String BUILD_COMMAND = "./mvnw -B -ntp -DskipTests package";

    private final Path home;
    private final List<ServiceSpec> services;
    private final LocalEnv env;
    private final Console console;
    private final Resources resources;
    private final int routerPort;

    LocalStack(Path home, List<ServiceSpec> services, LocalEnv env, Console console, Resources resources,
               int routerPort) {
        this.home = home;
        this.routerPort = routerPort;
        this.services = services;
        this.env = env;
        this.console = console;
        this.resources = resources;
    }

    public static void main(String[] args) throws InterruptedException {
        Console console = new Console(System.out);
        Resources resources = new Resources(console);
        LocalEnv env = LocalEnv.system();
        int offset;
        try {
            offset = portOffset(env);
        } catch (StartupException e) {
            console.say("cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<ServiceSpec> services = ServiceCatalog.SERVICES.stream().map(s -> s.shifted(offset)).toList();
        LocalStack stack = new LocalStack(Path.of("").toAbsolutePath(), services, env, console, resources,
                ROUTER_PORT + offset);
        Stopper stopper = new Stopper(console, resources);
        stopper.install(Thread.currentThread());
        try {
            stack.start();
        } catch (StartupException e) {
            if (!stopper.requested()) {
                console.say("cannot start: " + e.getMessage());
                resources.closeAll();
                System.exit(1);
            }
        } catch (InterruptedException | IllegalStateException e) {
            // A signal during start-up: interrupted, or a resource refused because closing had begun.
            if (!stopper.requested()) {
                throw e;
            }
        }
        // Everything runs on other threads now, until Ctrl-C or SIGTERM.
        stopper.awaitRequest();
        stopper.stopAndExit();
    }

    /** {@code ORE_LOCAL_PORT_OFFSET}: moves the router and every service, for a second stack beside the first. */
    static int portOffset(LocalEnv env) throws StartupException {
        String value = env.get("ORE_LOCAL_PORT_OFFSET").orElse("0");
        try {
            int offset = Integer.parseInt(value);
            if (offset < 0 || offset > 50_000) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new StartupException("ORE_LOCAL_PORT_OFFSET must be a whole number from 0 to 50000, not '"
                    + value + "'");
        }
    }

    void start() throws StartupException, InterruptedException {
        long t0 = System.nanoTime();
        checkHome();
        checkJars();
        Router router = startRouter();
        checkServicePorts();

        Path stateDir = home.resolve(".ore-local");
        long t = System.nanoTime();
        Endpoints.Postgres postgres = new LocalPostgres(env, stateDir, console).start(resources);
        console.say("PostgreSQL: " + postgres.jdbcUrl() + " (" + postgres.origin() + ", " + since(t) + ")");
        t = System.nanoTime();
        Endpoints.Redis redis = new LocalRedis(env, console).start(resources);
        console.say("Redis: " + redis.uri() + " (" + redis.origin() + ", " + since(t) + ")");
        t = System.nanoTime();
        var externalKafka = env.get("ORE_LOCAL_KAFKA_BOOTSTRAP");
        Endpoints.Kafka kafka = externalKafka.isPresent() ? LocalKafka.external(externalKafka.get())
                : new LocalKafka(stateDir.resolve("kafka-" + routerPort)).start(resources);
        console.say("Kafka: bootstrap " + kafka.bootstrapServers() + " (" + kafka.origin() + ", " + since(t) + ")");

        Endpoints.Chain chain = null;
        if (services.stream().anyMatch(s -> s.name().equals("chain"))) {
            t = System.nanoTime();
            chain = new LocalChain(env, home, stateDir, console, LocalChain.BASE_PORT + (routerPort - ROUTER_PORT))
                    .start(resources);
            console.say("Chain: " + chain.rpcUrl() + " (" + chain.origin() + ", chain id " + chain.chainId()
                    + ", ORE token " + chain.tokenAddress() + ", " + since(t) + ")");
            if (chain.origin().startsWith("embedded")) {
                forgetEarlierChain(postgres);
            }
        }

        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach(s -> ports.put(s.name(), s.port()));
        ServiceEnvironment serviceEnv = new ServiceEnvironment(postgres, redis, kafka, chain, triton(), ports,
                otelEndpoint());
        ServiceGroup group = resources.add("services", new ServiceGroup());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Supervisor.Launch launch = spec -> ServiceProcess.start(spec, java, home, serviceEnv.forService(spec), console);
        for (ServiceSpec spec : services) {
            try {
                ServiceProcess process = launch.start(spec);
                group.add(process);
                console.say("started " + spec.name() + " (pid " + process.pid() + ") on port " + spec.port());
            } catch (IOException e) {
                throw new StartupException("could not start " + spec.name() + ": " + e.getMessage(), e);
            }
        }
        Map<String, Integer> statuses = new LinkedHashMap<>();
        t = System.nanoTime();
        // Closed right after: an idle keep-alive connection from the launcher would make each service's
        // graceful shutdown wait its whole grace period for it at Ctrl-C.
        try (HttpClient healthClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HealthCheck health = new HealthCheck(healthClient, healthTimeout());
            for (ServiceProcess process : group.processes()) {
                statuses.put(process.spec().name(), health.awaitHealthy(process));
                console.say(process.spec().name() + " is healthy (" + since(t) + " after the services were started)");
            }
        }
        printSummary(router, postgres, redis, kafka, chain, serviceEnv.triton().orElse(null), statuses,
                Duration.ofNanos(System.nanoTime() - t0));
        // From now on a service that ends on its own is started again (during start-up the health
        // wait above reports it instead, with the service's last lines).
        new Supervisor(group, launch, console, healthTimeout(), RestartPolicy.DEFAULT, Clock.systemUTC(),
                resources::isClosing).watchAll();
    }

    /**
     * The embedded chain starts empty every run, while the database keeps its data between runs:
     * chain-gateway's state of an earlier chain (indexer cursor, block hashes, nonces, payouts) would
     * contradict the new one, so its schema goes and Flyway recreates it.
     */
    private void forgetEarlierChain(Endpoints.Postgres postgres) throws StartupException {
        try (var c = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             var statement = c.createStatement()) {
            statement.execute("drop schema if exists chain cascade");
        } catch (java.sql.SQLException e) {
            throw new StartupException("could not reset chain-gateway's schema for the new local chain: " + e.getMessage(), e);
        }
    }

    /**
     * {@code ORE_LOCAL_TRITON_TARGET} (host:port of a Triton gRPC endpoint serving the anti-cheat
     * model): location-service then asks the model; without it, its physics rules alone decide.
     */
    private java.util.Optional<String> triton() throws StartupException {
        var target = env.get("ORE_LOCAL_TRITON_TARGET");
        if (target.isPresent() && !target.get().matches("[A-Za-z0-9_.-]+:\\d{1,5}")) {
            throw new StartupException("ORE_LOCAL_TRITON_TARGET must be host:port (Triton's gRPC port, usually 8001), not '"
                    + target.get() + "'");
        }
        return target;
    }

    /**
     * {@code ORE_LOCAL_OTEL_ENDPOINT} (an OTLP/HTTP collector such as {@code http://127.0.0.1:4318}):
     * every service exports its spans there; without it tracing stays off, as in any default run.
     */
    private java.util.Optional<String> otelEndpoint() throws StartupException {
        var endpoint = env.get("ORE_LOCAL_OTEL_ENDPOINT");
        if (endpoint.isPresent() && !endpoint.get().matches("https?://[A-Za-z0-9_.\\[\\]:-]+(:\\d{1,5})?/?")) {
            throw new StartupException("ORE_LOCAL_OTEL_ENDPOINT must be a collector's OTLP/HTTP base URL such as "
                    + "http://127.0.0.1:4318, not '" + endpoint.get() + "'");
        }
        return endpoint;
    }

    /** A busy laptop (or CI building other modules meanwhile) can take minutes to start three JVMs. */
    private Duration healthTimeout() throws StartupException {
        String value = env.get("ORE_LOCAL_HEALTH_TIMEOUT").orElse(Long.toString(HEALTH_TIMEOUT.toSeconds()));
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 1 || seconds > 3600) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new StartupException("ORE_LOCAL_HEALTH_TIMEOUT must be seconds from 1 to 3600, not '" + value + "'");
        }
    }

    private static String since(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private void checkHome() throws StartupException {
        if (!Files.isRegularFile(home.resolve("pom.xml")) || !Files.isRegularFile(home.resolve("mvnw"))) {
            throw new StartupException(home + " is not the repository root (no pom.xml and mvnw there); "
                    + "run bin/ore-local, or start the jar from the repository root.");
        }
    }

    private void checkJars() throws StartupException {
        List<ServiceSpec> missing = services.stream().filter(s -> !Files.isRegularFile(home.resolve(s.jar()))).toList();
        if (!missing.isEmpty()) {
            throw new StartupException("missing service jar(s): "
                    + String.join(", ", missing.stream().map(s -> s.jar().toString()).toList())
                    + ". Build them from " + home + " with:\n    " + BUILD_COMMAND);
        }
    }

    /** First thing that binds a port: a second launcher stops here, before touching anything else. */
    private Router startRouter() throws StartupException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach(s -> ports.put(s.name(), s.port()));
        try {
            return resources.addClosedFirst("router", Router.start(new InetSocketAddress("127.0.0.1", routerPort),
                    new RouteTable(AlbRoute.PRODUCTION, ports)));
        } catch (BindException e) {
            throw new StartupException("127.0.0.1:" + routerPort + " is in use: another ore-local is probably "
                    + "running (or another program holds the port). Stop it first.");
        } catch (IOException e) {
            throw new StartupException("the router could not start on " + routerPort + ": " + e.getMessage(), e);
        }
    }

    private void checkServicePorts() throws StartupException {
        for (ServiceSpec spec : services) {
            if (!Probe.portFree(spec.port())) {
                throw new StartupException("127.0.0.1:" + spec.port() + " (" + spec.name() + ") is in use: "
                        + "a service left over from an earlier run? Find it with: ss -ltnp 'sport = :" + spec.port() + "'");
            }
        }
    }

    private void printSummary(Router router, Endpoints.Postgres postgres, Endpoints.Redis redis,
                              Endpoints.Kafka kafka, Endpoints.Chain chain, String triton, Map<String, Integer> statuses,
                              Duration took) {
        Summary summary = new Summary();
        for (ServiceSpec spec : services) {
            summary.add(spec.name(), "http://127.0.0.1:" + spec.port(),
                    "health " + statuses.get(spec.name()) + " (" + HealthCheck.healthUri(spec.port()) + ")");
        }
        List<String> routes = new java.util.ArrayList<>();
        for (AlbRoute route : AlbRoute.PRODUCTION) {
            boolean running = services.stream().anyMatch(s -> s.name().equals(route.service()));
            routes.add(route.prefix() + "/* -> " + (running ? route.service() : "503"));
        }
        summary.add("router", "http://127.0.0.1:" + router.port(), String.join("; ", routes));
        summary.add("postgres", postgres.jdbcUrl() + " (user " + postgres.user() + ")", postgres.origin());
        summary.add("redis", redis.uri(), redis.origin());
        summary.add("kafka", kafka.bootstrapServers(), kafka.origin());
        summary.add("inference", triton == null ? "rules only" : "Triton at " + triton,
                triton == null ? "ORE_LOCAL_TRITON_TARGET not set" : "external (ORE_LOCAL_TRITON_TARGET)");
        String otel = env.get("ORE_LOCAL_OTEL_ENDPOINT").orElse(null);
        summary.add("tracing", otel == null ? "off" : "spans to " + otel,
                otel == null ? "ORE_LOCAL_OTEL_ENDPOINT not set" : "external (ORE_LOCAL_OTEL_ENDPOINT)");
        if (chain != null) {
            summary.add("chain node", chain.rpcUrl() + " (id " + chain.chainId() + ")",
                    chain.origin() + "; ORE token " + chain.tokenAddress() + ", treasury " + LocalChain.TREASURY);
        }

        console.say(String.format("ORE local stack is up in %.1f s:", took.toMillis() / 1000.0));
        summary.lines().forEach(console::raw);
        console.raw("");
        console.raw("  try: curl -s -X POST localhost:" + routerPort + "/api/auth/guest -H 'content-type: application/json' "
                + "-d '{\"deviceId\":\"local-device-123\"}'");
        console.raw("  stop: Ctrl-C");
    }
}
