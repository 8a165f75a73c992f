package dev.warden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A free loopback port for the packaged app's management interface, for the integration tests that scrape or ask it:
 * Quarkus tells a {@code @QuarkusIntegrationTest} the app's own port but not the management interface's.
 */
public class ManagementPort implements QuarkusTestResourceLifecycleManager {

    /** Where the test finds the port (a system property: the test may live in another class loader). */
    static final String PROPERTY = "test.management.port";

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(PROPERTY, Integer.toString(port));
        return Map.of("quarkus.management.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        System.clearProperty(PROPERTY);
    }
}
