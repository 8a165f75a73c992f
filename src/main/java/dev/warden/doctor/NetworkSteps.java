package dev.warden.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The steps before an HTTP answer, each timed, which only an operator needs and the server never takes one by one:
 * the name resolves, the port answers, and for https the certificate is trusted for that name.
 */
record NetworkSteps(String group, Duration timeout) {

    /** DNS, TCP and (for https) TLS, each timed; false when a step fails, the later ones then skipped. */
    boolean reach(URI uri, List<Check> checks) {
        String host = uri.getHost();
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        long start = System.nanoTime();
        InetAddress address;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            address = addresses[0];
            checks.add(Check.pass(group, "DNS", host + " → " + Arrays.stream(addresses).limit(3)
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", ")) + " in " + millis(start)));
        } catch (UnknownHostException e) {
            checks.add(Check.fail(group, "DNS", host + " does not resolve from here (" + millis(start) + "): a name that "
                    + "works on your laptop may not exist where Warden runs"));
            checks.add(Check.skip(group, "connect", "no address to connect to"));
            return false;
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        String target = address.getHostAddress() + ":" + port;
        start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), millis);
            checks.add(Check.pass(group, "connect", target + " in " + millis(start)));
            if (!tls) {
                checks.add(Check.skip(group, "TLS", "plain http: no TLS"));
                return true;
            }
            return handshake(socket, host, port, millis, checks);
        } catch (IOException e) {
            checks.add(Check.fail(group, "connect", target + " refused or unanswered within " + millis + " ms ("
                    + e.getClass().getSimpleName() + "): is the issuer up, and reachable from where Warden runs?"));
            if (tls) {
                checks.add(Check.skip(group, "TLS", "no connection"));
            }
            return false;
        }
    }

    private boolean handshake(Socket socket, String host, int port, int millis, List<Check> checks) {
        long start = System.nanoTime();
        try (SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(socket, host, port, false)) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name check HttpsURLConnection makes
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(millis);
            ssl.startHandshake();
            String detail = ssl.getSession().getProtocol() + " in " + millis(start);
            if (ssl.getSession().getPeerCertificates()[0] instanceof X509Certificate cert) {
                detail += ", certificate for " + cert.getSubjectX500Principal().getName() + " valid "
                        + Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays() + " more days";
            }
            checks.add(Check.pass(group, "TLS", detail));
            return true;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            checks.add(Check.fail(group, "TLS", "handshake with " + host + " failed: " + why + (why.contains("PKIX")
                    ? " — this JVM does not trust the certificate (a private CA? pass -Djavax.net.ssl.trustStore=…)" : "")));
            return false;
        }
    }

    static String millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000 + " ms";
    }
}
