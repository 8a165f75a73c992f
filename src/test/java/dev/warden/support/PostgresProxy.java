package dev.warden.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.warden.config.DatabaseUrl;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A TCP proxy on a loopback port in front of the test PostgreSQL ({@code DATABASE_URL}), which a test can cut and
 * restore: {@code System.setProperty(PostgresProxy.CUT, "true")} drops every open connection and refuses new ones
 * until it is set back to {@code false}. (A system property, because the test and this manager may live in
 * different class loaders.) Without {@code DATABASE_URL} it stays off and says so in {@link #ENABLED}.
 */
public class PostgresProxy implements QuarkusTestResourceLifecycleManager {

    public static final String CUT = "test.pgproxy.cut";
    public static final String ENABLED = "test.pgproxy.enabled";

    private ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    @Override
    public Map<String, String> start() {
        String raw = System.getenv("DATABASE_URL");
        System.setProperty(CUT, "false");
        if (raw == null || raw.isBlank()) {
            System.setProperty(ENABLED, "false");
            return Map.of();
        }
        try {
            String jdbc = DatabaseUrl.parse(raw).jdbcUrl();
            URI target = URI.create(jdbc.substring("jdbc:".length()));
            String host = target.getHost();
            int port = target.getPort() < 0 ? 5432 : target.getPort();
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            running = true;
            Thread acceptor = new Thread(() -> accept(host, port), "pg-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            Thread watcher = new Thread(this::watch, "pg-proxy-watch");
            watcher.setDaemon(true);
            watcher.start();
            String proxied = jdbc.replaceFirst("//[^/]+/", "//127.0.0.1:" + server.getLocalPort() + "/");
            System.setProperty(ENABLED, "true");
            return Map.of("quarkus.datasource.jdbc.url", proxied);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL proxy failed to start", e);
        }
    }

    private static boolean cut() {
        return Boolean.getBoolean(CUT);
    }

    private void accept(String host, int port) {
        while (running) {
            try {
                Socket client = server.accept();
                if (cut()) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(host, port), 3000);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side gone
            } finally {
                close(from);
                close(to);
            }
        }, "pg-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private void watch() {
        while (running) {
            if (cut()) {
                open.forEach(PostgresProxy::closeQuietly);
                open.clear();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void close(Socket s) {
        open.remove(s);
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(PostgresProxy::closeQuietly);
        if (server != null) {
            closeQuietly0(server);
        }
    }

    private static void closeQuietly0(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
