package dev.warden.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus tools ({@code apt-get install prometheus prometheus-blackbox-exporter}, which {@code .ci/run}
 * does) and the files they check. Without them the monitoring tests are skipped with a message, except under
 * {@code CI=true}, where a skip would hide a broken machine and so fails.
 */
final class PrometheusTools {

    static final Path RULES = Path.of("deploy/prometheus/warden-alerts.yml").toAbsolutePath();
    static final Path RULE_TESTS = Path.of("deploy/prometheus/warden-alerts.test.yml").toAbsolutePath();
    static final Path BLACKBOX_CONFIG = Path.of("deploy/prometheus/blackbox.yml").toAbsolutePath();
    static final Path DASHBOARD = Path.of("deploy/grafana/warden-dashboard.json").toAbsolutePath();
    static final Path MONITORING_DOC = Path.of("docs/monitoring.md").toAbsolutePath();

    private PrometheusTools() {
    }

    /** What a finished command printed, stdout and stderr together. */
    record Result(int exitCode, String output) {
    }

    /** The binaries' paths, in order; skips (or fails under CI) naming every one that is missing. */
    static List<Path> require(String... binaries) {
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String binary : binaries) {
            Path path = Path.of("/usr/bin", binary);
            if (Files.isExecutable(path)) {
                found.add(path);
            } else {
                missing.add(path.toString());
            }
        }
        if (!missing.isEmpty()) {
            String message = "Monitoring tests need " + String.join(", ", missing)
                    + " (apt-get install --no-install-recommends prometheus prometheus-blackbox-exporter)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: a skip here would hide a broken machine)");
            }
            Assumptions.abort(message + ": skipped");
        }
        return found;
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
