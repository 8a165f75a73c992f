package dev.warden.config;

/**
 * Whether this process is the doctor rather than the server. The doctor boots the server's own beans to ask them,
 * so the few start-up actions with effects outside the process ask here first: it starts no dev database and does
 * not stop at an unusable JWKS, which it reports instead.
 */
public final class Command {

    private static volatile boolean doctor;

    private Command() {
    }

    public static boolean isDoctor() {
        return doctor;
    }

    /** Called once, before Quarkus boots. */
    public static void markDoctor() {
        doctor = true;
    }
}
