package ore.local.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router's listening socket. It reads the head of the first request on each connection and then
 * only relays bytes (relayed HTTP connections carry one request each, see {@link #serve}): a WebSocket upgrade for a running service's route (the ALB's {@code /ws/*} to
 * realtime) is tunnelled to that service with the {@code X-Forwarded-*} headers added, and every other
 * connection is relayed as it is to the router's HTTP handler ({@link Router}), which owns routing,
 * problems and headers for plain HTTP. The JDK's HTTP server cannot hand over an upgraded connection,
 * hence this layer in front of it.
 *
 * <p>The relay to the HTTP handler connects from the client's own loopback address, so the handler
 * still sees who the client is (the front listens on 127.0.0.1 only, so every client is on loopback).
 * All blocking here is socket I/O, so each connection runs on virtual threads.
 */
final class ConnectionFront implements AutoCloseable {

    static final int MAX_HEAD_BYTES = 16 * 1024;
    static final int HEAD_TIMEOUT_MS = 10_000;
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final ServerSocket listener;
    private final int httpPort;
    private final RouteTable routes;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private ConnectionFront(ServerSocket listener, int httpPort, RouteTable routes) {
        this.listener = listener;
        this.httpPort = httpPort;
        this.routes = routes;
        this.acceptor = Thread.ofVirtual().name("router-accept").start(this::acceptLoop);
    }

    /** Binds {@code address} (a {@link java.net.BindException} when taken) and relays to 127.0.0.1:{@code httpPort}. */
    static ConnectionFront start(InetSocketAddress address, int httpPort, RouteTable routes) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, 128);
        return new ConnectionFront(listener, httpPort, routes);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().name("router-conn").start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    // A failed accept (out of file descriptors, say) must not end the router.
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        Socket upstream = null;
        try {
            client.setSoTimeout(HEAD_TIMEOUT_MS);
            byte[] head = readHead(client.getInputStream());
            if (head == null) {
                return; // closed, timed out or oversized before a head arrived: nothing to answer
            }
            client.setSoTimeout(0);
            RequestHead request = RequestHead.parse(head);
            Resolution target = request == null ? null : routes.resolve(request.path());
            byte[] toSend = head;
            if (request != null && request.isWebSocketUpgrade() && target instanceof Resolution.Forward forward) {
                upstream = new Socket(InetAddress.getLoopbackAddress(), forward.port());
                toSend = request.withForwardingHeaders(client.getInetAddress().getHostAddress());
            } else {
                // One request per relayed connection: the choice between tunnel and relay is made on
                // a connection's first request, so a keep-alive connection must not carry a later
                // /ws upgrade into the HTTP relay (HTTP clients pool connections and reuse them for
                // upgrades). The handler answers "Connection: close" and the client opens a new one.
                if (request != null) {
                    toSend = request.withConnectionClose();
                }
                upstream = new Socket();
                upstream.bind(new InetSocketAddress(client.getInetAddress(), 0));
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), HEAD_TIMEOUT_MS);
            }
            open.add(upstream);
            upstream.getOutputStream().write(toSend);
            relay(client, upstream);
        } catch (IOException e) {
            // The client or the upstream went away; the connection ends.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Copies both ways until both directions have ended; a half-close is passed on. */
    private static void relay(Socket client, Socket upstream) throws IOException {
        Thread back = Thread.ofVirtual().name("router-relay").start(() -> copy(upstream, client));
        copy(client, upstream);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeAll(from, to);
        }
    }

    /** The bytes up to and including the blank line after the headers, or null. */
    static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int matched = 0;
        try {
            while (head.size() < MAX_HEAD_BYTES) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = b == END_OF_HEAD[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == END_OF_HEAD.length) {
                    return head.toByteArray();
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        return null;
    }

    private void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void closeAll(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** Stops accepting and cuts every relayed connection (WebSockets included). */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::closeQuietly);
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request line and headers of one HTTP/1.1 request head. */
    record RequestHead(String method, String target, String version, Map<String, List<String>> headers) {

        static RequestHead parse(byte[] head) {
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3) {
                return null;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            return new RequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
        }

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        boolean isWebSocketUpgrade() {
            return "GET".equals(method) && values("upgrade").stream().anyMatch(v -> v.equalsIgnoreCase("websocket"))
                    && values("connection").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("upgrade"));
        }

        private List<String> values(String name) {
            List<String> out = new ArrayList<>();
            headers.forEach((k, v) -> {
                if (k.equalsIgnoreCase(name)) {
                    out.addAll(v);
                }
            });
            return out;
        }

        /** The same head, asking the server to close the connection after its answer. */
        byte[] withConnectionClose() {
            StringBuilder out = new StringBuilder(method).append(' ').append(target).append(' ').append(version).append("\r\n");
            headers.forEach((name, vs) -> {
                if (!name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("Keep-Alive")) {
                    vs.forEach(v -> out.append(name).append(": ").append(v).append("\r\n"));
                }
            });
            return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /**
         * The head to send upstream: the headers an upgrade needs ({@code Host}, {@code Upgrade},
         * {@code Connection}) kept, client claims about the edge replaced by the router's own, as for
         * plain HTTP ({@link ForwardingHeaders}).
         */
        byte[] withForwardingHeaders(String clientAddress) {
            StringBuilder out = new StringBuilder(method).append(' ').append(target).append(' ').append(version).append("\r\n");
            Map<String, List<String>> forwarded = ForwardingHeaders.upstreamRequest(headers, clientAddress);
            for (String kept : List.of("Host", "Upgrade", "Connection")) {
                values(kept).forEach(v -> out.append(kept).append(": ").append(v).append("\r\n"));
            }
            forwarded.forEach((name, vs) -> vs.forEach(v -> out.append(name).append(": ").append(v).append("\r\n")));
            return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
