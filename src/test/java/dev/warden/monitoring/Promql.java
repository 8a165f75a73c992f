package dev.warden.monitoring;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The PromQL an operator's Prometheus and Grafana run: the dashboard's queries, and the metric names a query reads. */
final class Promql {

    /** One query of one dashboard panel, as stored (Grafana variables unresolved). */
    record PanelQuery(String panel, String expr) {
    }

    /** A dashboard variable filled by Grafana's {@code label_values(selector, label)}. */
    record LabelValues(String variable, String selector, String label) {
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** A name not followed by "(": functions and aggregations are followed by one. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][\\w:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left",
            "group_right", "inf", "nan");

    private Promql() {
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(PrometheusTools.DASHBOARD.toFile());
    }

    static List<PanelQuery> panelQueries(JsonNode dashboard) {
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new PanelQuery(panel.path("title").asText(), target.path("expr").asText()));
            }
        }
        return queries;
    }

    static List<LabelValues> variableQueries(JsonNode dashboard) {
        List<LabelValues> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
                if (!m.matches()) {
                    throw new IllegalArgumentException("not label_values(): " + variable);
                }
                queries.add(new LabelValues(variable.path("name").asText(), m.group(1), m.group(2)));
            }
        }
        return queries;
    }

    /** A dashboard query as Grafana sends it with every instance of {@code job} selected and a 1-minute rate window. */
    static String resolve(String expr, String job) {
        return expr.replace("$__rate_interval", "1m").replace("$job", job).replace("$instance", ".*");
    }

    /** The metric names {@code expr} selects. */
    static Set<String> metricNames(String expr) {
        String bare = STRING.matcher(expr).replaceAll("\"\"");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = LABEL_LIST.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
