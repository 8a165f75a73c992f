package dev.warden.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code deploy/grafana/warden-dashboard.json} imports as it is (Dashboards → Import, or file provisioning), shows every
 * metric Warden exports and draws the two targets its alerts hold it to (docs/monitoring.md). That its queries run
 * against a real Prometheus is {@link PrometheusAlertingIT}'s.
 */
class GrafanaDashboardTest {

    /** Every series of the metrics contract, as Prometheus names them. */
    private static final Set<String> CONTRACT = Set.of("warden_jwt_verify_seconds_bucket", "warden_jwt_cache_total",
            "warden_jwt_refused_total", "warden_jwks_fetches_total", "warden_jwks_demand_fetches_total",
            "warden_jwks_keys", "warden_jwks_stale", "warden_jwks_age_seconds", "warden_http_errors_total",
            "http_server_requests_seconds_count");

    @Test
    void importsAsItIsAskingOnlyForAPrometheus() throws Exception {
        JsonNode dashboard = Promql.dashboard();
        assertThat(dashboard.has("__inputs")).as("no import-time inputs: provisioning cannot fill them").isFalse();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        JsonNode datasource = dashboard.path("templating").path("list").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        String uid = "${" + datasource.path("name").asText() + "}";

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
            assertThat(panel.path("datasource").path("uid").asText()).as("%s datasource", title).isEqualTo(uid);
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("%s within 24 columns", title)
                    .isLessThanOrEqualTo(24);
            assertThat(grid.path("h").asInt()).as("%s height", title).isPositive();
            assertThat(panel.path("targets").size()).as("%s queries", title).isPositive();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(refIds.add(target.path("refId").asText())).as("unique refId in %s", title).isTrue();
                assertThat(target.path("datasource").path("uid").asText()).as("%s query datasource", title).isEqualTo(uid);
                assertThat(target.path("expr").asText()).as("%s query", title).isNotBlank();
            }
        }
    }

    @Test
    void drawsTheLatencyAndCacheTargetsAsLines() throws Exception {
        JsonNode dashboard = Promql.dashboard();
        assertThat(targetLine(dashboard, "histogram_quantile(0.99, sum by (le) (rate(warden_jwt_verify_seconds_bucket"))
                .as("10 ms verification target").isEqualTo(0.010);
        assertThat(targetLine(dashboard, "sum(rate(warden_jwt_cache_total{result=\"hit\""))
                .as("99 % cache hit target").isEqualTo(0.99);
    }

    @Test
    void showsEveryMetricOfTheContract() throws Exception {
        Set<String> shown = new TreeSet<>();
        Promql.panelQueries(Promql.dashboard()).forEach(q -> shown.addAll(Promql.metricNames(q.expr())));
        assertThat(shown).containsAll(CONTRACT);
    }

    /** The threshold a time-series panel draws as a line, on the panel with a query starting as given. */
    private static double targetLine(JsonNode dashboard, String queryStart) {
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").asText().startsWith(queryStart)) {
                    JsonNode defaults = panel.path("fieldConfig").path("defaults");
                    assertThat(panel.path("type").asText()).isEqualTo("timeseries");
                    assertThat(defaults.path("custom").path("thresholdsStyle").path("mode").asText())
                            .as("%s draws its threshold", panel.path("title").asText()).isIn("line", "dashed");
                    JsonNode steps = defaults.path("thresholds").path("steps");
                    return steps.get(steps.size() - 1).path("value").asDouble();
                }
            }
        }
        throw new AssertionError("no panel queries " + queryStart);
    }
}
