package dev.warden.doctor;

import java.util.ArrayList;
import java.util.List;

import dev.warden.auth.VerificationSettings;

/**
 * Whether the server would start with these verification settings ({@link VerificationSettings} refuses what it
 * cannot honour), and the settings that every other check depends on: the algorithm allow-list and the leeway.
 */
final class SettingsChecks {

    static final String GROUP = "Settings";

    private final ServerConfig server;
    private final VerificationSettings settings;

    SettingsChecks(ServerConfig server, VerificationSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        if (settings.problems().isEmpty()) {
            checks.add(Check.pass(GROUP, "start-up", "issuer, audience, JWKS URL and algorithms are all set"));
        } else {
            for (String problem : settings.problems()) {
                checks.add(Check.fail(GROUP, "start-up", "Warden would refuse to start: " + problem));
            }
        }
        String algorithms = settings.algorithmNames();
        if (!algorithms.isEmpty()) {
            checks.add(Check.pass(GROUP, "algorithms", algorithms + " (" + server.provenance("mp.jwt.verify.publickey.algorithm",
                    "JWT_ALGORITHMS", "default") + ")"));
        }
        checks.add(Check.pass(GROUP, "leeway", settings.clockSkew().toSeconds() + " s for exp, nbf and iat ("
                + server.provenance("mp.jwt.verify.clock.skew", null, "Warden's default") + ")"));
        return checks;
    }
}
