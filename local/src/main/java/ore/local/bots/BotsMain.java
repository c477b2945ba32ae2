package ore.local.bots;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/ore-bots}: N simulated players against a running backend, one virtual thread each, a
 * progress line every 2 s on stderr and the report on stdout. See {@link BotOptions#USAGE}.
 */
public final class BotsMain {

    /** Central Seoul (City Hall): players start within {@link #AREA_RADIUS_M} of it. */
    static final Geo.Point SEOUL = new Geo.Point(37.5665, 126.9780);
    static final double AREA_RADIUS_M = 2000;

    private BotsMain() {
    }

    public static void main(String[] args) {
        BotOptions options;
        try {
            options = BotOptions.parse(args);
        } catch (BotOptions.HelpRequested e) {
            System.out.println(BotOptions.USAGE);
            System.exit(0);
            return;
        } catch (BotOptions.UsageException e) {
            System.err.println("ore-bots: " + e.getMessage());
            System.err.println();
            System.err.println(BotOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out, System.err));
    }

    static int run(BotOptions options, PrintStream out, PrintStream err) {
        long seed = options.seed().orElse(ThreadLocalRandom.current().nextLong());
        List<InetAddress> sources = sourceAddresses(options);
        err.printf("ore-bots: %d players for %d s against %s (rpc %s, seed %d, %s)%n", options.players(),
                options.duration().toSeconds(), options.url(), options.rpc(), seed,
                sources.isEmpty() ? "one client address" : "client addresses " + sources.getFirst().getHostAddress()
                        + "…" + sources.getLast().getHostAddress());
        if (!reachable(options, err)) {
            return 1;
        }

        Metrics metrics = new Metrics();
        long start = System.nanoTime();
        long playEnd = start + options.duration().toNanos();
        long settleEnd = playEnd + options.settle().toNanos();
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                err.println();
                err.println("ore-bots: interrupted; the figures so far:");
                out.print(Report.render(metrics.snapshot(options.players(), elapsed(start, playEnd), elapsed(start, Long.MAX_VALUE))));
                out.flush();
            }
        }, "ore-bots-interrupted"));

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ore-bots-progress");
            t.setDaemon(true);
            return t;
        });
        // fixes/s over the last 10 s: batches go out every ~5 s, so a 2 s window would flicker.
        ArrayDeque<long[]> ticks = new ArrayDeque<>();
        ticks.add(new long[] {start, 0});
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long fixes = metrics.fixesSent.sum();
            ticks.addLast(new long[] {now, fixes});
            while (ticks.size() > 6) {
                ticks.removeFirst();
            }
            long[] oldest = ticks.getFirst();
            double perS = (fixes - oldest[1]) / Math.max(1e-3, (now - oldest[0]) / 1e9);
            err.print("\r" + Report.progress(TimeUnit.NANOSECONDS.toSeconds(now - start), metrics.active.get(),
                    options.players(), perS, metrics.mines.sum(), metrics.claims.sum(), metrics.payoutsConfirmed.sum(),
                    metrics.throttled.sum(), metrics.errors.sum(), metrics.intervalP99Ms()) + "   ");
            err.flush();
        }, 2, 2, TimeUnit.SECONDS);

        SplittableRandom seeds = new SplittableRandom(seed);
        List<HttpClient> clients = new ArrayList<>();
        try (ExecutorService bots = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService io = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient rpcClient = client(io, null);
            clients.add(rpcClient);
            ChainRpc chain = new ChainRpc(rpcClient, options.rpc(), options.tokenAddress(), metrics);
            long rampNanos = options.rampUp().toNanos();
            for (int i = 0; i < options.players(); i++) {
                HttpClient http = client(io, sources.isEmpty() ? null : sources.get(i));
                clients.add(http);
                long startAt = start + (options.players() == 1 ? 0 : rampNanos * i / options.players());
                Api api = new Api(http, options.url(), metrics, "bot " + i);
                bots.submit(new Bot(i, options, metrics, api, chain, seeds.nextLong(), SEOUL, AREA_RADIUS_M, startAt,
                        playEnd, settleEnd));
            }
            bots.shutdown();
            boolean announced = false;
            while (!bots.awaitTermination(1, TimeUnit.SECONDS)) {
                if (!announced && System.nanoTime() > playEnd) {
                    err.print("\r" + " ".repeat(150) + "\rore-bots: play time over; claiming the rest and waiting for payouts (at most "
                            + options.settle().toSeconds() + " s)\n");
                    announced = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.forEach(HttpClient::close);
        }
        ticker.shutdownNow();
        finished.set(true);
        Report.Snapshot snapshot = metrics.snapshot(options.players(), elapsed(start, playEnd), elapsed(start, Long.MAX_VALUE));
        err.println("\r" + Report.progress(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), metrics.active.get(),
                options.players(), Report.rate(snapshot.fixesSent(), snapshot.playTime()), snapshot.mines(), snapshot.claims(),
                snapshot.payoutsConfirmed(), snapshot.throttled(), snapshot.errors(),
                snapshot.endpoints().values().stream().mapToDouble(Report.Latency::p99).max().orElse(0)) + "   ");
        out.print(Report.render(snapshot));
        out.flush();
        return snapshot.exitCode();
    }

    private static Duration elapsed(long start, long cap) {
        return Duration.ofNanos(Math.min(System.nanoTime(), cap) - start);
    }

    private static HttpClient client(ExecutorService io, InetAddress local) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(io);
        if (local != null) {
            b.localAddress(local);
        }
        return b.build();
    }

    /**
     * Against a loopback router, player i connects from 127.0.0.(2+i) (the whole 127/8 is loopback on
     * Linux), so the services' per-IP limits see one address per player as they would in the field.
     */
    static List<InetAddress> sourceAddresses(BotOptions options) {
        if (!options.distinctAddresses()) {
            return List.of();
        }
        try {
            InetAddress target = InetAddress.getByName(options.url().getHost());
            if (!target.isLoopbackAddress() || target.getAddress().length != 4) {
                return List.of();
            }
            List<InetAddress> out = new ArrayList<>();
            for (int i = 0; i < options.players(); i++) {
                int n = i + 2;
                out.add(InetAddress.getByAddress(new byte[] {127, (byte) (n >> 16), (byte) (n >> 8), (byte) n}));
            }
            return out;
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** One request before starting anyone: a stack that is not up is one clear line, not N errors. */
    private static boolean reachable(BotOptions options, PrintStream err) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(options.url().resolve("/api/auth/.well-known/jwks.json"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                err.println("ore-bots: " + options.url() + " answered " + r.statusCode() + " to the JWKS; is the whole stack up?");
                return false;
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            err.println("ore-bots: cannot reach " + options.url() + " (" + e + "); start the backend with bin/ore-local");
            return false;
        }
    }
}
