package dev.warden.doctor;

import java.util.ArrayList;
import java.util.List;

import dev.warden.auth.VerificationSettings;

/**
 * The verification settings every other check depends on, with where they came from: the algorithm allow-list and
 * the leeway.
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
        // A setting Warden cannot honour stops the boot before this runs: the launcher reports it.
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
