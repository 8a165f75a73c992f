package dev.warden.doctor;

/**
 * One line of the report: a group (JWKS, token…), what was checked, the outcome and what was seen.
 *
 * @param group the section it belongs to
 * @param name what was checked, e.g. {@code HTTP} or {@code key abc123}
 * @param status passed, failed, or skipped (with the reason in {@code detail})
 * @param detail what was expected and what was seen, in an operator's words; never a secret or a signature
 */
record Check(String group, String name, Status status, String detail) {

    enum Status {
        PASS("✓"), FAIL("✗"), SKIP("–");

        private final String mark;

        Status(String mark) {
            this.mark = mark;
        }

        String mark() {
            return mark;
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
