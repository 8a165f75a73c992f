package dev.warden.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's Prometheus and blackbox exporter on loopback ports, scraping one Warden's {@code /q/metrics} on its
 * management interface and probing the public {@code /q/health/ready} every second, with {@code deploy/prometheus/warden-alerts.yml} loaded as shipped and
 * evaluated every second. Both run under {@code timeout}, so they stop by themselves even if the test JVM dies.
 */
final class PrometheusServer implements AutoCloseable {

    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(1);
    private static final String LIFETIME = "30m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Path dir;
    private String url;

    private PrometheusServer(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts both, probing Warden's readiness at {@code wardenHostPort} and scraping its metrics at
     * {@code managementHostPort}, and waits until Prometheus is ready.
     */
    static PrometheusServer start(String wardenHostPort, String managementHostPort, Path dir) throws Exception {
        List<Path> binaries = PrometheusTools.require("prometheus", "prometheus-blackbox-exporter");
        PrometheusServer server = new PrometheusServer(dir);
        try {
            server.launch(binaries.get(0), binaries.get(1), wardenHostPort, managementHostPort);
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    private void launch(Path prometheus, Path blackbox, String warden, String management) throws Exception {
        Path data = dir.resolve("data");
        if (Files.exists(data)) {
            // Series of an earlier run (another Warden port) would answer the label queries.
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        String blackboxAddress = "127.0.0.1:" + freePort();
        String address = "127.0.0.1:" + freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: %1$ds
                  scrape_timeout: %1$ds
                  evaluation_interval: %2$ds
                rule_files:
                  - %3$s
                scrape_configs:
                  - job_name: warden
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: ['%6$s']
                  - job_name: warden-ready
                    metrics_path: /probe
                    params:
                      module: [warden_ready]
                    static_configs:
                      - targets: ['http://%4$s/q/health/ready']
                    relabel_configs:
                      - source_labels: [__address__]
                        target_label: __param_target
                      - source_labels: [__param_target]
                        target_label: instance
                      - target_label: __address__
                        replacement: '%5$s'
                """.formatted(SCRAPE_INTERVAL.toSeconds(), EVALUATION_INTERVAL.toSeconds(), PrometheusTools.RULES,
                warden, blackboxAddress, management));
        start(List.of("timeout", "--kill-after=10s", LIFETIME, blackbox.toString(),
                "--config.file=" + PrometheusTools.BLACKBOX_CONFIG, "--web.listen-address=" + blackboxAddress),
                dir.resolve("blackbox.log"));
        start(List.of("timeout", "--kill-after=10s", LIFETIME, prometheus.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=" + address), dir.resolve("prometheus.log"));
        url = "http://" + address;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready()) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.info().commandLine().orElse("?") + " exited; logs in " + dir);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus not ready within " + START_TIMEOUT + "; logs in " + dir);
            }
            Thread.sleep(200);
        }
    }

    private void start(List<String> command, Path log) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Path logs() {
        return dir;
    }

    /** An instant query's result vector; fails on any error Prometheus reports. */
    JsonNode query(String promql) throws Exception {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
    }

    /** Every alert Prometheus holds as pending or firing. */
    List<JsonNode> alerts() throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        api("/api/v1/alerts").path("alerts").forEach(alerts::add);
        return alerts;
    }

    /** The alerting rules Prometheus loaded, by name, with their state, health and query. */
    Map<String, JsonNode> alertingRules() throws Exception {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        for (JsonNode group : api("/api/v1/rules?type=alert").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.put(rule.path("name").asText(), rule);
            }
        }
        return rules;
    }

    /** Values of {@code label} on the series matching {@code selector}, as Grafana's label_values() asks for them. */
    List<String> labelValues(String label, String selector) throws Exception {
        List<String> values = new ArrayList<>();
        api("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
                .forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return body.path("data");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
