package ore.chain.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a test server, which a test stops to simulate the server going
 * down: {@link #stop()} closes the listening socket and every open connection, so new connections
 * are refused and pooled ones break; {@link #restart()} listens on the same port again. Virtual
 * threads: they only block on sockets.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean running = true;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        ServerSocket first = listen(0);
        this.server = first;
        this.port = first.getLocalPort();
        Thread.ofVirtual().name("tcp-proxy-" + port).start(() -> accept(first));
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** After {@link #stop()}: accepts and relays connections on the same port again. */
    public synchronized void restart() {
        if (running) {
            return;
        }
        ServerSocket again = listen(port);
        server = again;
        running = true;
        Thread.ofVirtual().name("tcp-proxy-" + port).start(() -> accept(again));
    }

    private void accept(ServerSocket server) {
        while (running) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                if (!running || server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Refuses new connections and cuts the open ones. */
    public synchronized void stop() {
        running = false;
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        stop();
    }
}
