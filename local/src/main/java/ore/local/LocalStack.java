package ore.local;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import ore.local.infra.Endpoints;
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
import ore.local.service.ServiceProcess;
import ore.local.service.ServiceSpec;

/**
 * The one-command local run: infrastructure (use what runs, else embedded), every service of
 * {@link ServiceCatalog} as a child JVM, and the router on 127.0.0.1:8080 in front of them.
 * Runs until Ctrl-C or SIGTERM, then stops everything it started, in reverse order.
 */
public final class LocalStack {

    static final int ROUTER_PORT = 8080;
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);
    static final String BUILD_COMMAND = "./mvnw -B -ntp -DskipTests package";

    private final Path home;
    private final List<ServiceSpec> services;
    private final LocalEnv env;
    private final Console console;
    private final Resources resources;
    private volatile boolean up;

    LocalStack(Path home, List<ServiceSpec> services, LocalEnv env, Console console, Resources resources) {
        this.home = home;
        this.services = services;
        this.env = env;
        this.console = console;
        this.resources = resources;
    }

    public static void main(String[] args) throws InterruptedException {
        Console console = new Console(System.out);
        Resources resources = new Resources(console);
        LocalStack stack = new LocalStack(Path.of("").toAbsolutePath(), ServiceCatalog.SERVICES,
                LocalEnv.system(), console, resources);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (resources.isClosing()) {
                return; // a failed start already stopped everything
            }
            console.say("stopping");
            resources.closeAll();
            console.say("stopped");
        }, "ore-local-stop"));
        try {
            stack.start();
        } catch (StartupException | IllegalStateException e) {
            if (resources.isClosing()) {
                return; // Ctrl-C during start-up: the shutdown hook is stopping everything already.
            }
            if (e instanceof IllegalStateException bug) {
                throw bug;
            }
            console.say("cannot start: " + e.getMessage());
            resources.closeAll();
            System.exit(1);
        }
        // Everything runs on other threads now; the JVM ends on a signal, which runs the hook above.
        new CountDownLatch(1).await();
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
        Endpoints.Kafka kafka = new LocalKafka(stateDir.resolve("kafka")).start(resources);
        console.say("Kafka: bootstrap " + kafka.bootstrapServers() + " (" + kafka.origin() + ", " + since(t) + ")");

        ServiceEnvironment serviceEnv = new ServiceEnvironment(postgres, redis, kafka);
        ServiceGroup group = resources.add("services", new ServiceGroup());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (ServiceSpec spec : services) {
            try {
                ServiceProcess process = ServiceProcess.start(spec, java, home, serviceEnv.forService(spec), console);
                group.add(process);
                console.say("started " + spec.name() + " (pid " + process.pid() + ") on port " + spec.port());
                process.onExit().thenRun(() -> {
                    // During start-up the health wait reports the exit, with the service's last lines.
                    if (up && !resources.isClosing()) {
                        console.say(spec.name() + " exited with code " + process.exitCode()
                                + "; the router answers 503 for it until the launcher is restarted");
                    }
                });
            } catch (IOException e) {
                throw new StartupException("could not start " + spec.name() + ": " + e.getMessage(), e);
            }
        }
        HealthCheck health = new HealthCheck(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                HEALTH_TIMEOUT);
        Map<String, Integer> statuses = new LinkedHashMap<>();
        t = System.nanoTime();
        for (ServiceProcess process : group.processes()) {
            statuses.put(process.spec().name(), health.awaitHealthy(process));
            console.say(process.spec().name() + " is healthy (" + since(t) + " after the services were started)");
        }
        printSummary(router, postgres, redis, kafka, statuses, Duration.ofNanos(System.nanoTime() - t0));
        up = true;
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
            return resources.addClosedFirst("router", Router.start(new InetSocketAddress("127.0.0.1", ROUTER_PORT),
                    new RouteTable(AlbRoute.PRODUCTION, ports)));
        } catch (BindException e) {
            throw new StartupException("127.0.0.1:" + ROUTER_PORT + " is in use: another ore-local is probably "
                    + "running (or another program holds the port). Stop it first.");
        } catch (IOException e) {
            throw new StartupException("the router could not start on " + ROUTER_PORT + ": " + e.getMessage(), e);
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
                              Endpoints.Kafka kafka, Map<String, Integer> statuses, Duration took) {
        Summary summary = new Summary();
        for (ServiceSpec spec : services) {
            summary.add(spec.name(), "http://127.0.0.1:" + spec.port(),
                    "health " + statuses.get(spec.name()) + " (" + HealthCheck.healthUri(spec.port()) + ")");
        }
        StringBuilder routes = new StringBuilder();
        for (AlbRoute route : AlbRoute.PRODUCTION) {
            boolean running = services.stream().anyMatch(s -> s.name().equals(route.service()));
            routes.append(route.prefix()).append("/* -> ").append(running ? route.service() : "503").append("; ");
        }
        routes.append("/ws/* -> 501");
        summary.add("router", "http://127.0.0.1:" + router.port(), routes.toString());
        summary.add("postgres", postgres.jdbcUrl() + " (user " + postgres.user() + ")", postgres.origin());
        summary.add("redis", redis.uri(), redis.origin());
        summary.add("kafka", kafka.bootstrapServers(), kafka.origin());

        console.say(String.format("ORE local stack is up in %.1f s:", took.toMillis() / 1000.0));
        summary.lines().forEach(console::raw);
        console.raw("");
        console.raw("  try: curl -s -X POST localhost:8080/api/auth/guest -H 'content-type: application/json' "
                + "-d '{\"deviceId\":\"local-device-123\"}'");
        console.raw("  stop: Ctrl-C");
    }
}
