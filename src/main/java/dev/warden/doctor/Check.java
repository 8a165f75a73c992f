package dev.warden.doctor;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One line of the report: its section (JWKS, token…), what was checked, the outcome, and what was seen, in an
 * operator's words; never a secret or a signature.
 */
@RegisterForReflection // the JSON report serializes it, in the native image too
record Check(String group, String name, Status status, String detail) {

    enum Status {
        PASS("✓"), FAIL("✗"), SKIP("–");

        final String mark;

        Status(String mark) {
            this.mark = mark;
        }

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Check pass(String group, String name, String detail) {
        return new Check(group, name, Status.PASS, detail);
    }

    static Check fail(String group, String name, String detail) {
        return new Check(group, name, Status.FAIL, detail);
    }

    static Check skip(String group, String name, String detail) {
        return new Check(group, name, Status.SKIP, detail);
    }

    static Check of(boolean passed, String group, String name, String detail) {
        return new Check(group, name, passed ? Status.PASS : Status.FAIL, detail);
    }
}
