package dev.warden.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Everything the doctor found, rendered as text (one line per check: ✓ passed, ✗ failed, – skipped with why) or as
 * JSON for scripts. As a last guard, any secret the doctor was handed (the token, its signature,
 * {@code BETTER_AUTH_SECRET}, the database password) is masked wherever it would appear, though no check prints one.
 */
final class Report {

    /** Masking shorter values would garble ordinary words; none of the secrets is that short in practice. */
    private static final int MIN_SECRET_LENGTH = 8;

    private final Profile profile;
    private final List<String> sources;
    private final List<Check> checks = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private Map<String, Object> header;
    private Map<String, Object> claims;
    private Integer signatureLength;
    private Outcome verdict;

    Report(Profile profile, List<String> sources) {
        this.profile = profile;
        this.sources = List.copyOf(sources);
    }

    void add(List<Check> more) {
        checks.addAll(more);
    }

    /** A value that must never be printed. */
    void secret(String value) {
        if (value != null && value.length() >= MIN_SECRET_LENGTH) {
            secrets.add(value);
        }
    }

    void token(Map<String, Object> header, Map<String, Object> claims, int signatureLength, Outcome verdict) {
        this.header = header;
        this.claims = claims;
        this.signatureLength = signatureLength;
        this.verdict = verdict;
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    long count(Check.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** 0 when no check failed, else 1. */
    int exitCode() {
        return count(Check.Status.FAIL) == 0 ? 0 : 1;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        // First, since every check below depends on it.
        out.append("profile: ").append(profile.name()).append(" (").append(profile.reason()).append(")\n");
        out.append("Warden doctor · configuration from ")
                .append(String.join(", ", sources)).append('\n');
        int width = Math.min(24, checks.stream().mapToInt(c -> c.name().length()).max().orElse(0));
        String group = null;
        for (Check check : checks) {
            if (!check.group().equals(group)) {
                group = check.group();
                out.append('\n').append(group).append('\n');
                if (group.equals(TokenChecks.GROUP) && signatureLength != null) {
                    out.append("  header     ").append(json(header)).append('\n');
                    out.append("  claims     ").append(json(claims)).append('\n');
                    out.append("  signature  ").append(signatureLength).append(" characters, not shown\n");
                }
            }
            out.append("  ").append(check.status().mark()).append(' ')
                    .append(String.format("%-" + width + "s", check.name())).append("  ").append(check.detail()).append('\n');
        }
        long failed = count(Check.Status.FAIL);
        out.append('\n').append(count(Check.Status.PASS)).append(" passed, ").append(failed).append(" failed, ")
                .append(count(Check.Status.SKIP)).append(" skipped: ")
                .append(failed == 0 ? "Warden's configuration checks out" : "fix what is marked ✗").append(" (exit ")
                .append(exitCode()).append(")\n");
        return masked(out.toString());
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ok", exitCode() == 0);
        root.put("exit_code", exitCode());
        root.put("profile", profile.name());
        root.put("profile_reason", profile.reason());
        root.put("sources", sources);
        root.put("summary", Map.of("passed", count(Check.Status.PASS), "failed", count(Check.Status.FAIL),
                "skipped", count(Check.Status.SKIP)));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Check check : checks) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("group", check.group());
            entry.put("name", check.name());
            entry.put("status", check.status().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("detail", check.detail());
            list.add(entry);
        }
        root.put("checks", list);
        if (verdict != null) {
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("header", header);
            token.put("claims", claims);
            token.put("signature_length", signatureLength);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", verdict.status());
            answer.put("error_code", verdict.errorCode());
            answer.put("message", verdict.message());
            token.put("verdict", answer);
            root.put("token", token);
        }
        try {
            return masked(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static String json(Map<String, Object> value) {
        if (value == null) {
            return "(does not decode as JSON)";
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return "(does not decode as JSON)";
        }
    }

    private String masked(String text) {
        String out = text;
        for (String secret : secrets) {
            // Whole occurrences only: a password "postgres" must not turn "postgresql" into "***ql".
            out = out.replaceAll("(?<![\\p{Alnum}])" + Pattern.quote(secret) + "(?![\\p{Alnum}])", "***");
        }
        return out;
    }
}
