package dev.warden.doctor;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.Dependent;

import dev.warden.auth.JwksFetcher;
import dev.warden.auth.JwksRefresher;
import dev.warden.auth.KeySet;
import dev.warden.auth.TokenVerifier;
import dev.warden.auth.VerificationSettings;
import dev.warden.config.WardenConfig;
import io.smallrye.config.SmallRyeConfig;

/**
 * The operators' doctor behind {@code scripts/validate-jwt-config.sh}, run inside a booted Warden ({@link
 * DoctorLauncher}): it asks the server's own beans — the verification settings SmallRye JWT was configured with, the
 * key refresher and the token verifier — and adds what only an operator needs:
 * where each value came from, the network steps to the JWKS, the frontend's settings and the database. Exits 0 when
 * every check passes, 1 when one fails.
 */
@Dependent
public class Doctor {

    public static final String COMMAND = "doctor";

    private final WardenConfig warden;
    private final VerificationSettings settings;
    private final JwksRefresher keys;
    private final TokenVerifier verifier;
    private final SmallRyeConfig config;

    Doctor(WardenConfig warden, VerificationSettings settings, JwksRefresher keys, TokenVerifier verifier,
            SmallRyeConfig config) {
        this.warden = warden;
        this.settings = settings;
        this.keys = keys;
        this.verifier = verifier;
        this.config = config;
    }

    /** One run for the command line {@link DoctorLauncher} read; returns the exit status. */
    public int run() {
        DoctorLauncher.Request request = DoctorLauncher.request();
        Path dir = Path.of("").toAbsolutePath();
        ServerConfig server = new ServerConfig(config, request.profile(), request.devStack(), dir);
        Report report = check(request.arguments(), request.token(), server, dir);
        PrintStream out = System.out;
        out.print(request.arguments().json() ? report.json() : report.text());
        out.flush();
        return report.exitCode();
    }

    private Report check(Arguments arguments, String token, ServerConfig server, Path dir) {
        FrontendSettings frontend = FrontendSettings.read(dir.resolve(arguments.frontendEnv()), server::value);
        List<String> sources = new ArrayList<>(List.of("environment"));
        server.dotEnv().ifPresent(file -> sources.add(".env (" + file + ")"));
        sources.add("application.properties");
        frontend.file().ifPresent(file -> sources.add("frontend: " + file));
        Report report = new Report(server.profile(), sources);
        report.secret(token);
        if (token != null) {
            report.secret(token.substring(token.lastIndexOf('.') + 1));
        }
        frontend.raw("BETTER_AUTH_SECRET").ifPresent(report::secret);
        if (!server.usesDevDatabase()) {
            // The dev database's password is the fixed, published "postgres": masking it would mask the user and the
            // database name too.
            server.value("quarkus.datasource.password").ifPresent(report::secret);
        }

        report.add(new SettingsChecks(server, settings).run());
        JwksChecks.Result jwks = new JwksChecks(server, settings, warden.auth().jwksTimeout(),
                header -> JwksFetcher.ttl(header, warden.auth().jwksCacheTtl(), warden.auth().jwksRefetchCooldown()))
                .run();
        report.add(jwks.checks());
        report.add(new IssuerAudienceChecks(server, settings, frontend).run());
        report.add(new SecretCheck(frontend).run());
        report.add(new DatabaseChecks(server).run());
        if (token != null) {
            token(report, token, jwks);
        }
        return report;
    }

    /** The server's verdict on the token, with the values behind its reason. */
    private void token(Report report, String token, JwksChecks.Result jwks) {
        KeySet atStart = keys.current();
        Outcome verdict = new ServerVerdict(verifier, warden.auth().jwksTimeout()).of(token);
        KeySet now = keys.current();
        TokenChecks.Result result = new TokenChecks(settings, warden.auth().maxTokenLength(),
                warden.auth().maxTokenLifetime(), jwks.published()).explain(token, verdict, now, now != atStart);
        report.add(result.checks());
        int signature = token.length() - token.lastIndexOf('.') - 1;
        report.token(result.header(), result.claims(), token.indexOf('.') < 0 ? 0 : signature, verdict);
    }
}
