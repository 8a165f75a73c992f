package dev.warden.monitoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.warden.support.JwksControl;
import dev.warden.support.Management;
import dev.warden.support.ManagementPort;
import dev.warden.support.JwksServer;
import dev.warden.support.ProvokedLogs;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The shipped alert rules and dashboard on a real Prometheus scraping the packaged Warden every second
 * ({@link PrometheusServer}). The rule file is loaded unchanged, so the JWKS alert waits its real {@code for} (2
 * minutes) before it fires: that wait is most of this test's run time, and it is the rule operators run.
 * <p>
 * Only Warden's own refresh timing is shortened (keys live 2 s, retries at most 5 s apart), so an outage begins
 * and ends within seconds of the JWKS going down or up, rather than at the next of the default 5-minute refreshes.
 */
@QuarkusIntegrationTest
@WithTestResource(PrometheusAlertingIT.QuickRefreshJwksServer.class)
@WithTestResource(ManagementPort.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusAlertingIT {

    /** Prometheus' own series of active alerts, there only while one is. */
    private static final String ALERTS_SERIES = "ALERTS";
    private static final String JWKS_ALERT = "WardenJwksFetchFailing";
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    private static final Duration ONE_ROUND = PrometheusServer.SCRAPE_INTERVAL.plus(PrometheusServer.EVALUATION_INTERVAL);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Scheduling and load on a shared machine, on top of what the timings above allow. */
    private static final Duration SLACK = Duration.ofSeconds(8);

    private static PrometheusServer prometheus;

    /**
     * The test JWKS, with Warden refreshing its keys every {@link #TTL} and retrying at most {@link #RETRY_MAX} apart.
     * The outage is the point of the test, so the warning Warden logs at every failed retry goes to
     * target/provoked-logs/PrometheusAlertingIT.log rather than the console (this run's settings only).
     */
    public static class QuickRefreshJwksServer extends JwksServer {
        @Override
        protected Map<String, String> extraAppConfig() {
            Map<String, String> config = new HashMap<>(ProvokedLogs.routedToFile("PrometheusAlertingIT", "dev.warden.auth.JwksRefresher"));
            config.put("warden.auth.jwks-cache-ttl", TTL.toSeconds() + "s");
            config.put("warden.auth.jwks-refetch-cooldown", "1s");
            config.put("warden.auth.jwks-retry-max", RETRY_MAX.toSeconds() + "s");
            return config;
        }
    }

    @Test
    @Order(1)
    void everyRuleAndDashboardQueryRunsOnScrapedWardenMetrics() throws Exception {
        startPrometheus();
        awaitResult("up{job=\"warden\"} == 1 and on() probe_success{job=\"warden-ready\"} == 1", Duration.ofSeconds(30));
        sendEveryKindOfAnswer();
        // Two scrapes of the traffic: the request series appear with it, Warden's own counters exist from the start.
        awaitResult("count_over_time(http_server_requests_seconds_count{job=\"warden\", uri=~\"/api/.+\"}[1m]) >= 2"
                + " and on() increase(warden_http_errors_total{error_code=\"token_expired\"}[1m]) > 0", Duration.ofSeconds(20));
        Set<String> scraped = new TreeSet<>(prometheus.labelValues("__name__", "{job=~\"warden|warden-ready\"}"));
        Set<String> read = new TreeSet<>();

        Map<String, JsonNode> rules = prometheus.alertingRules();
        assertThat(rules.keySet()).as("alerts Prometheus loaded").isEqualTo(AlertRulesTest.alerts().keySet());
        for (JsonNode rule : rules.values()) {
            String name = rule.path("name").asText();
            assertThat(rule.path("health").asText()).as("%s health (%s)", name, rule.path("lastError").asText())
                    .isEqualTo("ok");
            prometheus.query(rule.path("query").asText());
            read.addAll(Promql.metricNames(rule.path("query").asText()));
            log("rule %-28s evaluates: %s", name, rule.path("state").asText());
        }

        JsonNode dashboard = Promql.dashboard();
        for (Promql.PanelQuery q : Promql.panelQueries(dashboard)) {
            String expr = Promql.resolve(q.expr(), "warden");
            JsonNode result = prometheus.query(expr);
            Set<String> names = Promql.metricNames(expr);
            read.addAll(names);
            log("panel %-48s %d series", q.panel(), result.size());
            assertThat(result.size()).as("series of panel %s: %s", q.panel(), expr).isPositive();
        }
        Map<String, List<String>> choices = new TreeMap<>();
        for (Promql.LabelValues v : Promql.variableQueries(dashboard)) {
            choices.put(v.variable(), prometheus.labelValues(v.label(), Promql.resolve(v.selector(), "warden")));
        }
        log("dashboard variables offer %s", choices);
        assertThat(choices).containsEntry("job", List.of("warden")).containsEntry("instance", List.of(management()));

        read.remove(ALERTS_SERIES);
        assertThat(scraped).as("series read by the rules and the dashboard").containsAll(read);
    }

    @Test
    @Order(2)
    void jwksOutageFiresTheAlertAfterItsHoldAndRecoveryResolvesIt() throws Exception {
        startPrometheus();
        JsonNode rule = prometheus.alertingRules().get(JWKS_ALERT);
        Duration hold = Duration.ofSeconds(rule.path("duration").asLong());
        assertThat(hold).as("the shipped rule's for").isEqualTo(Duration.ofMinutes(2));
        assertThat(rule.path("state").asText()).isEqualTo("inactive");

        Instant down = Instant.now();
        JwksControl.mode("down");
        log("JWKS down (answers 500); %s has for: %s", JWKS_ALERT, human(hold));
        try {
            // The next refresh (at most one TTL away) fails; one scrape and one evaluation later it is pending.
            JsonNode pending = awaitJwksAlert("pending", down.plus(TTL).plus(ONE_ROUND).plus(SLACK));
            Instant activeAt = Instant.parse(pending.path("activeAt").asText());
            log("%s pending, %s after the JWKS went down (activeAt %s)", JWKS_ALERT, since(down), time(activeAt));

            JsonNode firing = awaitJwksAlert("firing", activeAt.plus(hold).plus(ONE_ROUND).plus(SLACK));
            Instant fired = Instant.now();
            log("%s firing, %s after pending, %s after the JWKS went down", JWKS_ALERT,
                    human(Duration.between(activeAt, fired)), since(down));
            log("  %s", firing.path("annotations").path("description").asText());
            assertThat(Duration.between(activeAt, fired)).as("pending to firing").isGreaterThanOrEqualTo(hold);
            assertThat(firing.path("labels").path("instance").asText()).isEqualTo(management());
            assertThat(firing.path("annotations").path("description").asText()).matches("\\d+ JWKS fetches by .*");
        } finally {
            JwksControl.mode("ok");
        }
        Instant up = Instant.now();
        log("JWKS up again");
        // Warden's next retry (at most RETRY_MAX away) succeeds; one scrape and one evaluation later it is resolved.
        Instant deadline = up.plus(RETRY_MAX).plus(ONE_ROUND).plus(SLACK);
        while (jwksAlert() != null || !"inactive".equals(prometheus.alertingRules().get(JWKS_ALERT).path("state").asText())) {
            assertThat(Instant.now()).as("%s resolved by %s", JWKS_ALERT, time(deadline)).isBefore(deadline);
            Thread.sleep(POLL.toMillis());
        }
        log("%s resolved, %s after the JWKS came back", JWKS_ALERT, since(up));
    }

    /** Waits for the JWKS alert to reach {@code state}; on the way it may only be pending, and no other alert may fire. */
    private static JsonNode awaitJwksAlert(String state, Instant deadline) throws Exception {
        while (true) {
            JsonNode alert = jwksAlert();
            if (alert != null && state.equals(alert.path("state").asText())) {
                return alert;
            }
            if (state.equals("firing")) {
                assertThat(alert).as("%s stays pending until it fires", JWKS_ALERT).isNotNull();
            }
            assertThat(Instant.now()).as("%s %s by %s (now: %s)", JWKS_ALERT, state, time(deadline), alert)
                    .isBefore(deadline);
            Thread.sleep(POLL.toMillis());
        }
    }

    private static JsonNode jwksAlert() throws Exception {
        JsonNode found = null;
        List<String> others = new ArrayList<>();
        for (JsonNode alert : prometheus.alerts()) {
            String name = alert.path("labels").path("alertname").asText();
            if (name.equals(JWKS_ALERT)) {
                found = alert;
            } else if ("firing".equals(alert.path("state").asText())) {
                others.add(name);
            }
        }
        assertThat(others).as("other alerts firing during a JWKS outage with keys still held").isEmpty();
        return found;
    }

    /** 200 (a first-seen and a cached token), 401 missing, invalid and expired token, 403. */
    private static void sendEveryKindOfAnswer() {
        TestTokens tokens = TestTokens.load();
        String user = TestTokens.newUserId();
        String token = tokens.forUser(user);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(token).get("/api/" + user + "/tasks").then().statusCode(200);
        given().get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(tokens.claims(user), JwksServer.KID_WITH_ALG, TestTokens.strangerKey()))
                .get("/api/v1/me").then().statusCode(401);
        JwtClaims expired = tokens.claims(user);
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        given().auth().oauth2(tokens.sign(expired, JwksServer.KID_WITH_ALG)).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(token).get("/api/" + TestTokens.newUserId() + "/tasks").then().statusCode(403);
    }

    private static void awaitResult(String promql, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (prometheus.query(promql).isEmpty()) {
            assertThat(Instant.now()).as("%s within %s; logs in %s", promql, timeout, prometheus.logs()).isBefore(deadline);
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Started on first use, for both tests: RestAssured knows the packaged app's port only once a test runs. */
    private static void startPrometheus() throws Exception {
        if (prometheus == null) {
            prometheus = PrometheusServer.start(warden(), management(), Path.of("target/monitoring").toAbsolutePath());
            log("Prometheus (logs in %s) scrapes Warden at %s every %s with %s", prometheus.logs(), management(),
                    human(PrometheusServer.SCRAPE_INTERVAL), PrometheusTools.RULES);
        }
    }

    /** The packaged app's public address, as the blackbox exporter probes its readiness. */
    private static String warden() {
        return "127.0.0.1:" + RestAssured.port;
    }

    /** The packaged app's management interface, as Prometheus scrapes its metrics. */
    private static String management() {
        return "127.0.0.1:" + Management.port();
    }

    private static String since(Instant start) {
        return human(Duration.between(start, Instant.now()));
    }

    private static String human(Duration d) {
        return d.toMinutes() > 0 ? String.format("%d min %.1f s", d.toMinutes(), d.toMillisPart() / 1000.0 + d.toSecondsPart())
                : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static LocalTime time(Instant instant) {
        return LocalTime.ofInstant(instant, ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[%s] [monitoring] %s%n", LocalTime.now().truncatedTo(ChronoUnit.MILLIS),
                String.format(format, args));
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
            prometheus = null;
        }
    }
}
