package dev.warden.doctor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * A JWKS served with a {@code Date} header off by a chosen number of seconds, as from an issuer whose clock is wrong:
 * a raw HTTP/1.1 responder, since the JDK's server (the fake issuer's) always stamps its own Date.
 */
final class SkewedClock implements AutoCloseable {

    private final ServerSocket socket;
    private final Supplier<String> jwks;
    private volatile long offsetSeconds;

    SkewedClock(Supplier<String> jwks) throws IOException {
        this.jwks = jwks;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "skewed-clock-jwks");
        thread.setDaemon(true);
        thread.start();
    }

    void offset(long seconds) {
        offsetSeconds = seconds;
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/api/auth/jwks";
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                String line = in.readLine();
                if (line == null) {
                    continue; // a bare connect, as the doctor's connect check makes
                }
                while (line != null && !line.isEmpty()) {
                    line = in.readLine();
                }
                byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
                String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                                .plusSeconds(offsetSeconds)) + "\r\nConnection: close\r\n\r\n";
                OutputStream out = client.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
