package dev.warden.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSocket;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A TCP proxy on a loopback port in front of the tests' PostgreSQL ({@link TestDatabase}: {@code DATABASE_URL} or the
 * embedded server), which a test can cut and restore: {@code System.setProperty(PostgresProxy.CUT, "true")} drops
 * every open connection and refuses new ones until it is set back to {@code false}. (A system property, because the
 * test and this manager may live in different class loaders.)
 *
 * <p>{@link #withSelfSignedTls} makes it the machine in the middle instead: it answers the client's SSLRequest, ends
 * the TLS with a self-signed certificate of its own and relays the plaintext to PostgreSQL, which a client that
 * checks certificates must refuse.
 */
public class PostgresProxy implements QuarkusTestResourceLifecycleManager {

    public static final String CUT = "test.pgproxy.cut";

    /** PostgreSQL's SSLRequest: length 8, then the code 1234.5679. */
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    private final SelfSignedTls tls;
    private ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public PostgresProxy() {
        this(null);
    }

    private PostgresProxy(SelfSignedTls tls) {
        this.tls = tls;
    }

    /** A proxy that intercepts TLS with a certificate no trust store holds; {@link #start}, {@link #port}, {@link #stop}. */
    public static PostgresProxy withSelfSignedTls() {
        try {
            return new PostgresProxy(new SelfSignedTls());
        } catch (Exception e) {
            throw new IllegalStateException("self-signed certificate for the PostgreSQL proxy failed", e);
        }
    }

    /** The loopback port it listens on, once started. */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public Map<String, String> start() {
        System.setProperty(CUT, "false");
        try {
            String jdbc = TestDatabase.url().jdbcUrl();
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
            return Map.of("quarkus.datasource.jdbc.url", proxied);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL proxy failed to start", e);
        }
    }

    /** After {@link TestDatabase}, so that the proxied URL is the one the app gets. */
    @Override
    public int order() {
        return 100;
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
                if (tls == null) {
                    relay(client, host, port);
                } else {
                    // The handshake waits on the client: never in the accepting thread.
                    Thread t = new Thread(() -> intercept(client, host, port), "pg-proxy-tls");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void relay(Socket client, String host, int port) throws IOException {
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(host, port), 3000);
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
    }

    private void intercept(Socket client, String host, int port) {
        try {
            client.setSoTimeout(5000);
            byte[] request = client.getInputStream().readNBytes(SSL_REQUEST.length);
            if (!Arrays.equals(request, SSL_REQUEST)) {
                closeQuietly(client);
                return;
            }
            client.getOutputStream().write('S');
            client.getOutputStream().flush();
            SSLSocket terminated = (SSLSocket) tls.context().getSocketFactory()
                    .createSocket(client, client.getInetAddress().getHostAddress(), client.getPort(), true);
            terminated.setUseClientMode(false);
            terminated.startHandshake();
            terminated.setSoTimeout(0);
            relay(terminated, host, port);
        } catch (IOException e) {
            // the client refused the certificate, as it should
            closeQuietly(client);
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
        if (tls != null) {
            tls.close();
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
