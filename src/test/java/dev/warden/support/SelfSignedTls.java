package dev.warden.support;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;

/**
 * A self-signed certificate for 127.0.0.1 made by the JDK's keytool, for the fake issuer's HTTPS (and the TLS of
 * {@link PostgresProxy#withSelfSignedTls}), and a trust store
 * holding only that certificate. The app gets the trust store through the standard {@code javax.net.ssl.trustStore*}
 * system properties ({@link #trustedBy}): they set the JDK's default TLS context, which Warden's one HTTP client of
 * the issuer uses ({@code JwksFetcher}, behind the start-up check, every refresh and every fetch on an unknown kid).
 * A native binary reads the properties at run time too.
 */
final class SelfSignedTls implements AutoCloseable {

    private static final String PASSWORD = "changeit";

    private final Path dir;
    private final Path trustStore;
    private final SSLContext context;

    SelfSignedTls() throws Exception {
        dir = Files.createTempDirectory("warden-fake-issuer-tls");
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "jwks", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "jwks", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "jwks", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
    }

    SSLContext context() {
        return context;
    }

    HttpsConfigurator configurator() {
        return new HttpsConfigurator(context);
    }

    /** The system properties that make a JVM (or a native binary) trust this certificate. */
    Map<String, String> trustedBy() {
        return Map.of(
                "javax.net.ssl.trustStore", trustStore.toString(),
                "javax.net.ssl.trustStoreType", "PKCS12",
                "javax.net.ssl.trustStorePassword", PASSWORD);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }
}
