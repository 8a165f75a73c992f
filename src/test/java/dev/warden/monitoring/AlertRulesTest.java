package dev.warden.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * {@code deploy/prometheus/warden-alerts.yml} is valid Prometheus, every alert fires on the series it is meant for
 * at the moment it should and stays quiet on the ones it must not ({@code promtool test rules}), and every alert
 * tells an operator what is wrong and where to look.
 */
class AlertRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void ruleFileIsValidPrometheus() throws Exception {
        promtoolSucceeds("check", PrometheusTools.RULES);
    }

    @Test
    void everyAlertFiresWhenItMustAndStaysQuietOtherwise() throws Exception {
        promtoolSucceeds("test", PrometheusTools.RULE_TESTS);
    }

    /** {@code promtool <command> rules <file>}, its output shown, and its verdict the test's. */
    private static void promtoolSucceeds(String command, Path file) throws Exception {
        String promtool = PrometheusTools.require("promtool").get(0).toString();
        PrometheusTools.Result result = PrometheusTools.run(List.of(promtool, command, "rules", file.toString()));
        System.out.println(result.output());
        assertThat(result.exitCode()).as("promtool %s rules:%n%s", command, result.output()).isZero();
    }

    @Test
    void everyAlertIsUnitTestedFiringAndQuiet() throws Exception {
        Map<String, List<Boolean>> expectations = new LinkedHashMap<>();
        for (JsonNode test : YAML.readTree(PrometheusTools.RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                expectations.computeIfAbsent(check.path("alertname").asText(), k -> new ArrayList<>())
                        .add(check.path("exp_alerts").size() > 0);
            }
        }
        for (String alert : alerts().keySet()) {
            assertThat(expectations.get(alert)).as("checks of %s in %s", alert, PrometheusTools.RULE_TESTS)
                    .isNotNull().contains(true, false);
        }
    }

    @Test
    void everyAlertExplainsItselfAndPointsAtItsRunbook() throws Exception {
        String doc = Files.readString(PrometheusTools.MONITORING_DOC);
        int section = doc.indexOf("\n## Alert runbook\n");
        assertThat(section).as("docs/monitoring.md's \"## Alert runbook\" section").isPositive();
        String runbook = doc.substring(section);
        alerts().forEach((name, rule) -> {
            JsonNode annotations = rule.path("annotations");
            assertThat(annotations.path("summary").asText()).as("%s summary", name).isNotBlank();
            assertThat(annotations.path("description").asText()).as("%s description", name).contains("{{");
            assertThat(annotations.path("runbook").asText()).as("%s runbook", name)
                    .startsWith("docs/monitoring.md#alert-runbook (" + name + ")");
            assertThat(rule.path("labels").path("severity").asText()).as("%s severity", name)
                    .isIn("warning", "critical");
            assertThat(runbook.contains("**" + name + "**")).as("docs/monitoring.md's alert runbook names %s", name).isTrue();
        });
    }

    /** The alerting rules of the shipped file, by name. */
    static Map<String, JsonNode> alerts() throws Exception {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : YAML.readTree(PrometheusTools.RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.put(rule.path("alert").asText(), rule);
                }
            }
        }
        assertThat(alerts).as("alerts in %s", PrometheusTools.RULES).isNotEmpty();
        return alerts;
    }
}
