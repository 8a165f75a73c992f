package dev.warden.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything the doctor found, as text (one line per check: ✓ passed, ✗ failed, – skipped with why) or as JSON for
 * scripts. As a last guard, any secret the doctor was handed (the token, its signature, {@code BETTER_AUTH_SECRET},
 * the database password) is masked wherever it would appear, though no check prints one.
 */
final class Report {

    /** Masking shorter values would garble ordinary words; none of the secrets is that short in practice. */
    private static final int MIN_SECRET_LENGTH = 8;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Profile profile;
    private final List<String> sources;
    private final List<Check> checks = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    /** The decoded header and claims, the signature's length and the verdict, when a token was given. */
    private Map<String, Object> token;

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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", verdict.status());
        answer.put("error_code", verdict.errorCode());
        answer.put("message", verdict.message());
        token = new LinkedHashMap<>();
        token.put("header", header);
        token.put("claims", claims);
        token.put("signature_length", signatureLength);
        token.put("verdict", answer);
    }

    private long count(Check.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** 0 when no check failed, else 1. */
    int exitCode() {
        return count(Check.Status.FAIL) == 0 ? 0 : 1;
    }

    String text() {
        // The profile first, since every check below depends on it.
        StringBuilder out = new StringBuilder("profile: " + profile.name() + " (" + profile.reason() + ")\n"
                + "Warden doctor · configuration from " + String.join(", ", sources) + "\n");
        int width = Math.min(24, checks.stream().mapToInt(c -> c.name().length()).max().orElse(0));
        String group = null;
        for (Check check : checks) {
            if (!check.group().equals(group)) {
                group = check.group();
                out.append('\n').append(group).append('\n');
                if (group.equals(TokenChecks.GROUP) && token != null) {
                    out.append("  header     ").append(json(token.get("header"))).append('\n')
                            .append("  claims     ").append(json(token.get("claims"))).append('\n')
                            .append("  signature  ").append(token.get("signature_length")).append(" characters, not shown\n");
                }
            }
            out.append(String.format("  %s %-" + width + "s  %s%n", check.status().mark, check.name(), check.detail()));
        }
        long failed = count(Check.Status.FAIL);
        out.append(String.format("%n%d passed, %d failed, %d skipped: %s (exit %d)%n", count(Check.Status.PASS), failed,
                count(Check.Status.SKIP), failed == 0 ? "Warden's configuration checks out" : "fix what is marked ✗",
                exitCode()));
        return masked(out.toString());
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ok", exitCode() == 0);
        root.put("exit_code", exitCode());
        root.put("profile", profile.name());
        root.put("profile_reason", profile.reason());
        root.put("sources", sources);
        root.put("summary", new TreeMap<>(Map.of("passed", count(Check.Status.PASS), "failed",
                count(Check.Status.FAIL), "skipped", count(Check.Status.SKIP))));
        root.put("checks", checks);
        if (token != null) {
            root.put("token", token);
        }
        try {
            return masked(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return value == null ? "(does not decode as JSON)" : MAPPER.writeValueAsString(value);
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
