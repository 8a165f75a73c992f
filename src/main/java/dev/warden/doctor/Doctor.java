package dev.warden.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.warden.auth.JwksFetcher;
import dev.warden.auth.JwksRefresher;
import dev.warden.auth.KeySet;
import dev.warden.auth.VerificationSettings;
import dev.warden.config.WardenConfig;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * The operators' doctor behind {@code scripts/validate-jwt-config.sh}: reads the configuration the server would read
 * and checks it with the server's own classes (SmallRye JWT's context, Warden's key fetcher, key policy, pre-checks and
 * verifier), so it cannot disagree with the server. Starts no HTTP server; exits 0 when every check passes, 1 when
 * one fails, 2 for a usage error.
 */
public final class Doctor {

    private static final int MAX_TOKEN_INPUT = 64 * 1024;

    private Doctor() {
    }

    public static void main(String[] args) {
        quietLogs();
        Map<String, String> properties = System.getProperties().stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, System::getProperty));
        System.exit(run(args, System.getenv(), properties, Path.of(""), System.in, System.out, System.err));
    }

    /** One run against this environment, these system properties and this working directory; returns the exit status. */
    static int run(String[] args, Map<String, String> env, Map<String, String> systemProperties, Path dir, InputStream in,
            PrintStream out, PrintStream err) {
        Arguments arguments;
        String token;
        try {
            arguments = Arguments.parse(args);
            token = arguments.token() == null ? null : Arguments.clean(arguments.token().equals("-")
                    ? new String(in.readNBytes(MAX_TOKEN_INPUT), StandardCharsets.UTF_8) : arguments.token());
            if (token != null && token.isEmpty()) {
                throw new Arguments.UsageException("the token is empty");
            }
        } catch (Arguments.UsageException | IOException e) {
            err.println("validate-jwt-config: " + e.getMessage());
            err.print(Arguments.USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.print(Arguments.USAGE);
            return 0;
        }
        Report report;
        try {
            report = check(arguments, token, env, systemProperties, dir);
        } catch (RuntimeException e) {
            // e.g. a value SmallRye Config cannot convert: the server would stop at start-up with the same message.
            err.println("validate-jwt-config: Warden's configuration does not load, so the server would not start "
                    + "either: " + e.getMessage());
            return 1;
        }
        out.print(arguments.json() ? report.json() : report.text());
        out.flush();
        return report.exitCode();
    }

    static Report check(Arguments arguments, String token, Map<String, String> env, Map<String, String> systemProperties,
            Path dir) {
        ServerConfig server = ServerConfig.load(env, systemProperties, dir, arguments.profile());
        JWTAuthContextInfo info = SmallRyeJwtContext.from(server.config());
        VerificationSettings settings = VerificationSettings.unchecked(info);
        WardenConfig warden = server.warden();
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

        JwksRefresher keys = new JwksRefresher(warden, settings);
        try {
            report.add(new SettingsChecks(server, settings).run());
            JwksChecks.Result jwks = new JwksChecks(server, settings, warden.auth().jwksTimeout(), header -> JwksFetcher.ttl(header, warden.auth().jwksCacheTtl(), warden.auth().jwksRefetchCooldown())).run();
            report.add(jwks.checks());
            report.add(new IssuerAudienceChecks(server, settings, frontend).run());
            report.add(new SecretCheck(frontend).run());
            report.add(new DatabaseChecks(server).run());
            if (token != null) {
                token(report, token, server, info, settings, keys, jwks);
            }
        } finally {
            keys.stop();
        }
        return report;
    }

    /** The token walk beside the server's own verdict, which the walk must reach too. */
    private static void token(Report report, String token, ServerConfig server, JWTAuthContextInfo info,
            VerificationSettings settings, JwksRefresher keys, JwksChecks.Result jwks) {
        if (!settings.problems().isEmpty()) {
            report.add(List.of(Check.skip(TokenChecks.GROUP, "verdict", "none: Warden would not start with this "
                    + "configuration (see Settings)")));
            return;
        }
        WardenConfig warden = server.warden();
        // As at the server's start: one fetch, then whatever refetch the token's kid causes.
        KeySet atStart;
        try {
            atStart = keys.refresh().get(warden.auth().jwksTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            atStart = keys.current();
        }
        Outcome verdict = new ServerVerdict(warden, settings, keys, info).of(token);
        KeySet now = keys.current();
        TokenChecks.Walk walk = new TokenChecks(settings, info, warden.auth().maxTokenLength(), jwks.published())
                .walk(token, now, now != atStart);
        report.add(walk.checks());
        List<Check> verdictChecks = new ArrayList<>();
        verdictChecks.add(Check.of(verdict.accepted(), TokenChecks.GROUP, "verdict", "Warden answers " + verdict.words()
                + (verdict.accepted() && walk.claims() != null ? " for user \"" + walk.claims().get("sub") + "\"" : "")));
        if (!walk.outcome().equals(verdict)) {
            verdictChecks.add(Check.fail(TokenChecks.GROUP, "walk", "the step-by-step walk concluded " + walk.outcome().words()
                    + ", the server's verifier " + verdict.words() + ": trust the verdict, and report this doctor bug"));
        }
        report.add(verdictChecks);
        int signature = token.length() - token.lastIndexOf('.') - 1;
        report.token(walk.header(), walk.claims(), token.indexOf('.') < 0 ? 0 : signature, verdict);
    }

    /** The report says everything; library log lines would only repeat it, or worse, interleave with it. */
    private static void quietLogs() {
        System.setProperty("org.jboss.logging.provider", "jdk");
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }
}
