package dev.warden.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.Dependent;

import dev.warden.auth.JwksRefresher;
import dev.warden.auth.KeySet;
import dev.warden.auth.TokenVerifier;
import dev.warden.auth.VerificationSettings;
import dev.warden.config.WardenConfig;
import io.smallrye.config.SmallRyeConfig;

/**
 * The operators' doctor behind {@code scripts/validate-jwt-config.sh}, run inside a booted Warden ({@link
 * DoctorLauncher}): it asks the server's own beans (the settings SmallRye JWT was configured with, the key refresher,
 * the token verifier) and adds what only an operator needs: where each value came from, the network steps to the
 * JWKS, the frontend's settings and the database. Exits 0 when every check passes, 1 when one fails.
 */
@Dependent
public class Doctor {

    public static final String COMMAND = "doctor";

    private final WardenConfig.Auth auth;
    private final VerificationSettings settings;
    private final JwksRefresher keys;
    private final TokenVerifier verifier;
    private final SmallRyeConfig config;

    Doctor(WardenConfig warden, VerificationSettings settings, JwksRefresher keys, TokenVerifier verifier,
            SmallRyeConfig config) {
        this.auth = warden.auth();
        this.settings = settings;
        this.keys = keys;
        this.verifier = verifier;
        this.config = config;
    }

    /** One run for the command line {@link DoctorLauncher} read; returns the exit status. */
    public int run() {
        DoctorLauncher.Request request = DoctorLauncher.request();
        String token = request.token();
        ServerConfig server = new ServerConfig(config, request.profile(), request.devStack().isPresent(), Path.of(".env"));
        FrontendSettings frontend = new FrontendSettings(request.arguments().frontendEnv().toAbsolutePath(),
                server::value);
        List<String> sources = new ArrayList<>(List.of("environment"));
        server.dotEnv().ifPresent(file -> sources.add(".env (" + file + ")"));
        sources.add("application.properties");
        frontend.file().ifPresent(file -> sources.add("frontend: " + file));
        Report report = new Report(server.profile(), sources);
        report.secret(token);
        report.secret(token == null ? null : token.substring(token.lastIndexOf('.') + 1));
        frontend.raw("BETTER_AUTH_SECRET").ifPresent(report::secret);
        if (!server.usesDevDatabase()) {
            // The dev database's password is the fixed, published "postgres": masking it would mask the user and the
            // database name too.
            server.value("quarkus.datasource.password").ifPresent(report::secret);
        }

        report.add(List.of(Check.pass("Settings", "algorithms", settings.algorithmNames() + " (" + server.provenance(
                        "mp.jwt.verify.publickey.algorithm", "JWT_ALGORITHMS", "default") + ")"),
                Check.pass("Settings", "leeway", settings.clockSkew().toSeconds() + " s for exp, nbf and iat ("
                        + server.provenance("mp.jwt.verify.clock.skew", null, "Warden's default") + ")")));
        JwksChecks.Result jwks = new JwksChecks(server, settings, auth).run();
        report.add(jwks.checks());
        report.add(new IssuerAudienceChecks(server, settings, frontend).run());
        report.add(new SecretCheck(frontend).run());
        report.add(new DatabaseChecks(server).run());
        if (token != null) {
            KeySet atStart = keys.current();
            Outcome verdict = Outcome.of(verifier, auth.jwksTimeout(), token);
            KeySet now = keys.current();
            var header = TokenChecks.decode(token, 0);
            var claims = TokenChecks.decode(token, 1);
            report.add(new TokenChecks(settings, auth.maxTokenLifetime(), jwks.published())
                    .explain(header, claims, verdict, now, now != atStart));
            report.token(header, claims, token.indexOf('.') < 0 ? 0 : token.length() - token.lastIndexOf('.') - 1, verdict);
        }
        System.out.print(request.arguments().json() ? report.json() : report.text());
        System.out.flush();
        return report.exitCode();
    }
}
