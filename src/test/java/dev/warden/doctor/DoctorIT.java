package dev.warden.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.support.FakeIssuer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The doctor against a Better Auth stand-in on a loopback port, one row per thing an operator gets wrong: each row
 * names the lines it must print (✓ passed, ✗ failed, – skipped, with what was seen) and the exit status. Every row
 * also proves that no secret, password, signature or token reaches the output, as text and, where one is about, as
 * JSON; for a token, that the verdict is the server's verifier's, with the values behind its reason.
 */
class DoctorIT {

    private static final String SECRET = "a-perfectly-good-secret-of-44-characters-xyz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeIssuer issuer;
    private static SkewedClock skewed;

    @TempDir
    Path dir;

    /** What a row sets up: Warden's environment, the issuer's behaviour, the command line, the frontend's file. */
    static final class Setup {
        final Map<String, String> env = new HashMap<>();
        final List<String> args = new ArrayList<>();
        String frontendFile;
        String dotEnv;
        String token;

        JwtClaims claims() {
            return DoctorIssuer.claims(issuer);
        }

        void token(JwtClaims claims, String kid) {
            token = DoctorIssuer.sign(issuer, claims, kid);
        }

        /** A token signed with {@code rs} whose claims are valid but for this change. */
        void token(Consumer<JwtClaims> change) {
            JwtClaims claims = claims();
            change.accept(claims);
            token(claims, "rs");
        }
    }

    record Run(int exit, String text, String json) {
    }

    @BeforeAll
    static void startIssuer() throws Exception {
        issuer = DoctorIssuer.start();
        skewed = new SkewedClock(() -> issuer.keys().jwks(List.of("rs")));
    }

    @AfterAll
    static void stopIssuer() throws Exception {
        issuer.close();
        skewed.close();
    }

    @BeforeEach
    void resetIssuer() {
        issuer.publish("rs");
        issuer.answer(200, null);
        issuer.cacheControl(null);
        skewed.offset(0);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("a correct configuration passes", s -> { }, 0,
                        "✓ algorithms|RS256 (default)",
                        "✓ URL|(derived: BETTER_AUTH_URL, environment + /api/auth/jwks)",
                        "✓ key rs|RSA 2048 bits, alg RS256, use sig: Warden verifies with it",
                        "✓ usable keys|1 of 1 under JWT_ALGORITHMS=RS256",
                        "✓ clock|agree",
                        "✓ Cache-Control|none: Warden refreshes the keys every 300 s (JWKS_CACHE_TTL=300 s, default)",
                        "✓ issuer|(BETTER_AUTH_URL, environment)",
                        "✓ audience|http://127.0.0.1:8080 (JWT_AUDIENCE, environment)",
                        "✓ ALLOWED_ORIGINS|allows the frontend's origin",
                        "– BETTER_AUTH_SECRET|not given",
                        "– URL|DATABASE_URL and NEON_DATABASE_URL are unset"),
                row("BETTER_AUTH_JWKS_URL is named as the URL's source", s -> s.env.put("BETTER_AUTH_JWKS_URL",
                        issuer.url() + "/api/auth/jwks"), 0, "✓ URL|(BETTER_AUTH_JWKS_URL, environment)"),
                row("an unreachable JWKS fails at connect", s -> s.env.put("BETTER_AUTH_JWKS_URL",
                        "http://127.0.0.1:" + closedPort() + "/api/auth/jwks"), 1,
                        "✓ DNS|127.0.0.1", "✗ connect|refused or unanswered", "– HTTP|not tried"),
                row("a host that does not resolve fails at DNS", s -> s.env.put("BETTER_AUTH_JWKS_URL",
                        "https://warden-doctor.invalid/api/auth/jwks"), 1, "✗ DNS|warden-doctor.invalid does not resolve"),
                row("an HTTP error fails with its status", s -> issuer.answer(500, "{\"error\":\"down\"}"), 1,
                        "✗ HTTP|HTTP 500"),
                row("a 404 suggests the JWT plugin and the path", s -> issuer.answer(404, "not found"), 1,
                        "✗ HTTP|HTTP 404 — is the JWT plugin enabled"),
                row("an answer that is not JSON fails", s -> issuer.answer(200, "<html>sign in</html>"), 1,
                        "✗ JSON|not JSON (it starts with \"<html>sign in</html>\")"),
                row("JSON without a keys array fails", s -> issuer.answer(200, "{\"status\":\"ok\"}"), 1,
                        "✗ JSON|no \"keys\" array"),
                row("an empty key set fails", s -> issuer.publish(), 1, "✗ JSON|an empty key set"),
                row("Ed25519 keys only, with JWT_ALGORITHMS=RS256, explains Better Auth's EdDSA default",
                        s -> issuer.publish("ed"), 1,
                        "✗ key ed|OKP Ed25519, alg EdDSA, use sig: not used",
                        "✗ usable keys|none: only Ed25519 keys, but JWT_ALGORITHMS=RS256: Better Auth signs EdDSA unless "
                                + "`jwks.keyPairConfig.alg` is RS256 — set that, or JWT_ALGORITHMS=EdDSA"),
                row("RSA keys only, with JWT_ALGORITHMS=EdDSA, says to allow RS256", s -> s.env.put("JWT_ALGORITHMS", "EdDSA"),
                        1, "✓ algorithms|EdDSA (JWT_ALGORITHMS, environment)",
                        "✗ usable keys|only RSA keys, but JWT_ALGORITHMS=EdDSA: this Better Auth signs RS256 (its "
                                + "`jwks.keyPairConfig.alg`) — set JWT_ALGORITHMS=RS256"),
                row("an RSA key under 2048 bits fails", s -> issuer.publish("weak"), 1,
                        "✗ key weak|RSA 1024 bits, alg not stated, use sig: not used, RSA key of 1024 bits (at least 2048 required)",
                        "✗ usable keys|shorter than 2048 bits"),
                row("a weak key beside a good one still fails", s -> issuer.publish("rs", "weak"), 1,
                        "✓ key rs|", "✗ key weak|RSA key of 1024 bits", "✓ usable keys|1 of 2"),
                row("a key of another family beside a usable one is only noted", s -> issuer.publish("rs", "ed"), 0,
                        "– key ed|not used, its alg EdDSA is not in JWT_ALGORITHMS (RS256)"),
                row("a short max-age shortens the refresh", s -> issuer.cacheControl("public, max-age=60"), 0,
                        "✓ Cache-Control|\"public, max-age=60\": Warden refreshes the keys every 60 s"),
                row("a clock minutes off the issuer's fails", s -> {
                    skewed.offset(-300);
                    s.env.put("BETTER_AUTH_JWKS_URL", skewed.jwksUrl());
                }, 1,
                        "✗ clock|this machine is 5 min", "ahead of the issuer"),
                row("no JWT_AUDIENCE in prod stops start-up, in the server's own words", s -> s.env.remove("JWT_AUDIENCE"), 1,
                        "✗ boot|Warden does not start with this configuration|no expected audience: set JWT_AUDIENCE"),
                row("no BETTER_AUTH_URL in prod stops start-up, in the server's own words",
                        s -> s.env.remove("BETTER_AUTH_URL"), 1,
                        "✗ boot|Warden does not start with this configuration|no expected issuer: set BETTER_AUTH_URL"),
                row("a plain-http JWKS URL to another host stops start-up", s -> s.env.put("BETTER_AUTH_JWKS_URL",
                        "http://auth.example.invalid/api/auth/jwks"), 1,
                        "✗ boot|Warden does not start with this configuration|BETTER_AUTH_JWKS_URL is plain http",
                        "can publish a key and sign tokens for any user"),
                row("a trailing slash on BETTER_AUTH_URL fails", s -> {
                    s.env.put("BETTER_AUTH_URL", issuer.url() + "/");
                    s.env.put("BETTER_AUTH_JWKS_URL", issuer.url() + "/api/auth/jwks");
                }, 1, "✗ issuer|ends with \"/\": the frontend strips trailing slashes, so its tokens say iss=\""
                        + "$ISSUER\", and Warden compares exactly"),
                row("BETTER_AUTH_URL with Better Auth's path fails", s -> {
                    s.env.put("BETTER_AUTH_URL", issuer.url() + "/api/auth");
                    s.env.put("BETTER_AUTH_JWKS_URL", issuer.url() + "/api/auth/jwks");
                }, 1, "✗ issuer|has Better Auth's path in it"),
                row("the frontend's audience differing from JWT_AUDIENCE fails", s -> s.frontendFile =
                        "BETTER_AUTH_URL=$ISSUER/\nNEXT_PUBLIC_API_URL=https://api.example.com\n", 1,
                        "✓ frontend's issuer|the frontend's tokens say iss=\"$ISSUER\"",
                        "✗ frontend's audience|the frontend's tokens say aud=\"https://api.example.com\" (its "
                                + "NEXT_PUBLIC_API_URL, $DIR/frontend/.env.local), Warden expects \"http://127.0.0.1:8080\": "
                                + "set JWT_AUDIENCE=https://api.example.com"),
                row("a trailing slash on JWT_AUDIENCE is a mismatch with the frontend", s -> {
                    s.env.put("JWT_AUDIENCE", DoctorIssuer.AUDIENCE + "/");
                    s.env.put("NEXT_PUBLIC_API_URL", DoctorIssuer.AUDIENCE + "/");
                }, 1, "✗ audience|ends with \"/\"",
                        "✗ frontend's audience|(its NEXT_PUBLIC_API_URL, environment)",
                        "only the trailing slash differs; remove it from JWT_AUDIENCE"),
                row("the frontend's own JWT_AUDIENCE wins over its NEXT_PUBLIC_API_URL", s -> s.frontendFile =
                        "NEXT_PUBLIC_API_URL=https://elsewhere.example\nJWT_AUDIENCE=" + DoctorIssuer.AUDIENCE + "\n", 0,
                        "✓ frontend's audience|(its JWT_AUDIENCE"),
                row("a frontend issuer other than Warden's fails", s -> s.frontendFile = "BETTER_AUTH_URL=https://app.example\n",
                        1, "✗ frontend's issuer|the frontend's tokens say iss=\"https://app.example\""),
                row("ALLOWED_ORIGINS * in prod fails", s -> s.env.put("ALLOWED_ORIGINS", "*"), 1,
                        "✗ ALLOWED_ORIGINS|\"*\""),
                row("ALLOWED_ORIGINS without the frontend's origin fails", s -> s.env.put("ALLOWED_ORIGINS",
                        "https://other.example"), 1, "✗ ALLOWED_ORIGINS|does not allow the frontend's origin $ISSUER"),
                row("no ALLOWED_ORIGINS in prod fails", s -> s.env.remove("ALLOWED_ORIGINS"), 1,
                        "✗ ALLOWED_ORIGINS|empty: browsers at $ISSUER cannot call Warden"),
                row("a short secret fails, its length only shown", s -> s.env.put("BETTER_AUTH_SECRET",
                        "too-short-secret-20c"), 1, "✗ BETTER_AUTH_SECRET|20 characters (environment), at least 32 needed"),
                row("the dev default secret fails", s -> s.frontendFile = "BETTER_AUTH_SECRET="
                        + SecretCheck.DEV_DEFAULT + "\n", 1, "✗ BETTER_AUTH_SECRET|is the dev-mode default"),
                row("a good secret passes unseen", s -> s.frontendFile = "BETTER_AUTH_SECRET=\"" + SECRET + "\"\n", 0,
                        "✓ BETTER_AUTH_SECRET|44 characters ($DIR/frontend/.env.local), not shown"),
                row(".env in the working directory is read like the environment", s -> {
                    s.env.remove("JWT_AUDIENCE");
                    s.dotEnv = "JWT_AUDIENCE=" + DoctorIssuer.AUDIENCE + "\nJWKS_CACHE_TTL=120\n";
                }, 0, "✓ audience|(JWT_AUDIENCE, .env)", "every 120 s (JWKS_CACHE_TTL=120 s"),
                row("a SmallRye setting given directly is named as such", s -> s.env.put("MP_JWT_VERIFY_CLOCK_SKEW", "90"), 0,
                        "✓ leeway|90 s for exp, nbf and iat (MP_JWT_VERIFY_CLOCK_SKEW, environment)"),

                // --token: the server's verdict, and the values behind its reason.
                row("a valid token is accepted", s -> s.token(s.claims(), "rs"), 0,
                        "✓ exp|expires in 1|min", // 15 min, or 14 min 59 s on a slow machine
                        "✓ verdict|Warden answers 200 (accepted) for user \"user-1\""),
                row("an expired token says how long ago", s -> s.token(claims -> {
                        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 1200));
                        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 192));
                    }), 1, "✗ why|exp: expired 3 min 1", "beyond the leeway of 30 s",
                        "✗ verdict|Warden answers 401 token_expired \"Token has expired\""),
                row("a token expired within the leeway is still accepted", s -> s.token(claims -> {
                        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 900));
                        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 10));
                    }), 0, "✓ exp|within the leeway of 30 s", "✓ verdict|200"),
                row("a token not yet valid says for how long", s -> s.token(claims ->
                        claims.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600))),
                        1, "✗ why|nbf: |min|in the future",
                        "✗ verdict|401 invalid_token \"Invalid token: not yet valid\""),
                row("an iat in the future is Warden's own refusal", s -> s.token(claims ->
                        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 600))),
                        1, "✗ why|nbf: absent; iat: |in the future", "✗ verdict|\"Invalid token: not yet valid\""),
                row("a token living for years is refused, naming the bound", s -> s.token(claims ->
                        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 10L * 86_400))),
                        1, "✗ why|exp is 9 days 23 h ahead, more than WARDEN_AUTH_MAX_TOKEN_LIFETIME=1 day",
                        "✗ verdict|401 invalid_token \"Invalid token: lifetime too long\""),
                row("a token without iat is refused as a missing claim", s -> s.token(claims -> claims.unsetClaim("iat")),
                        1, "✗ why|a claim Warden requires", "✗ verdict|401 invalid_token \"Invalid token: required claim missing\""),
                row("a token from another issuer", s -> s.token(claims ->
                        claims.setIssuer("https://evil.example")),
                        1, "✗ why|iss: expected \"$ISSUER\", saw \"https://evil.example\"",
                        "✗ verdict|401 invalid_token \"Invalid token: issuer mismatch\""),
                row("an issuer differing by a trailing slash says so", s -> s.token(claims ->
                        claims.setIssuer(issuer.url() + "/")),
                        1, "✗ why|iss: |only a trailing slash differs"),
                row("a token for another audience", s -> s.token(claims ->
                        claims.setAudience("https://other-api.example")),
                        1, "✗ why|aud: expected \"http://127.0.0.1:8080\", saw \"https://other-api.example\"",
                        "✗ verdict|401 invalid_token \"Invalid token: audience mismatch\""),
                row("a token whose kid the JWKS does not have, even after a refetch", s -> {
                    s.token(s.claims(), "rs");
                    s.token = withKid(s.token, "rotated-away");
                }, 1, "✗ why|\"rotated-away\" is not in the JWKS fetched at start, nor after the refetch an unknown kid triggers",
                        "✗ verdict|401 invalid_token \"Invalid token: unknown signing key\""),
                row("a token signed with a published but refused key", s -> {
                    issuer.publish("rs", "weak");
                    s.token(s.claims(), "weak");
                }, 1, "✗ why|\"weak\" is published (RSA 1024 bits", "RSA key of 1024 bits",
                        "✗ verdict|unknown signing key"),
                row("a tampered token fails its signature", s -> {
                    s.token(s.claims(), "rs");
                    s.token = tampered(s.token);
                }, 1, "✗ why|does not verify with key \"rs\": the token was changed after signing",
                        "✗ verdict|401 invalid_token \"Invalid token: signature verification failed\""),
                row("an HS256 token is refused before any key", s -> s.token = dev.warden.support.TestTokens.raw(
                        "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"x\"}", new byte[32]), 1,
                        "✗ why|alg \"HS256\", JWT_ALGORITHMS=RS256: a shared-secret algorithm, which Warden never accepts",
                        "✗ verdict|\"Invalid token: algorithm not allowed\""),
                row("an EdDSA token against RS256 says how to allow it", s -> {
                    issuer.publish("rs", "ed");
                    s.token(s.claims(), "ed");
                }, 1, "✗ why|alg \"EdDSA\"", "Better Auth signs EdDSA unless `jwks.keyPairConfig.alg`"),
                row("an EdDSA token passes once EdDSA is allowed", s -> {
                    issuer.publish("ed");
                    s.env.put("JWT_ALGORITHMS", "EdDSA");
                    s.token(s.claims(), "ed");
                }, 0, "✓ verdict|200"),
                row("a malformed token says what is wrong with it", s -> s.token = "eyJhbGciOiJSUzI1NiJ9.e30", 1,
                        "✗ why|not a JWT Warden reads: not three non-empty parts separated by dots", "✗ verdict|\"Invalid token: malformed token\""),
                row("a blank sub is Warden's own refusal", s -> s.token(claims ->
                        claims.setSubject(" ")),
                        1, "✗ why|but its sub is blank", "✗ verdict|\"Invalid token: required claim missing\""),
                row("a token while the JWKS is down gets 503", s -> {
                    s.token(s.claims(), "rs");
                    issuer.answer(500, "down");
                }, 1, "✗ why|Warden holds no usable key", "✗ verdict|Warden answers 503 auth_unavailable"),
                row("a token read from standard input, Bearer prefix and all", s -> {
                    s.token(s.claims(), "rs");
                    s.args.add("--stdin-token");
                }, 0, "✓ verdict|200"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void explainsEachMisconfiguration(String name, Consumer<Setup> setup, int exit, List<String> lines) throws Exception {
        Setup s = new Setup();
        s.env.put("BETTER_AUTH_URL", issuer.url());
        s.env.put("JWT_AUDIENCE", DoctorIssuer.AUDIENCE);
        s.env.put("ALLOWED_ORIGINS", issuer.url());
        setup.accept(s);
        if (s.dotEnv != null) {
            Files.writeString(dir.resolve(".env"), s.dotEnv);
        }
        if (s.frontendFile != null) {
            Files.createDirectories(dir.resolve("frontend"));
            Files.writeString(dir.resolve("frontend/.env.local"), s.frontendFile.replace("$ISSUER", issuer.url()));
        }
        String stdin = "";
        List<String> args = new ArrayList<>();
        if (s.token != null) {
            boolean fromStdin = s.args.remove("--stdin-token");
            args.add("--token");
            args.add(fromStdin ? "-" : s.token);
            stdin = fromStdin ? "Bearer " + s.token + "\n" : "";
        }
        args.addAll(s.args);

        // JSON as well wherever a secret is about, and for every token: each process boots Warden.
        boolean secrets = s.token != null || s.frontendFile != null || s.env.containsKey("BETTER_AUTH_SECRET");
        Run run = secrets ? runBoth(s.env, stdin, args.toArray(String[]::new)) : run(s.env, stdin, args.toArray(String[]::new));
        for (String line : lines) {
            String expected = line.replace("$ISSUER", issuer.url()).replace("$DIR", dir.toString());
            assertThat(matches(run.text(), expected)).as("%s in:%n%s", expected, run.text()).isTrue();
        }
        assertThat(run.exit()).as(run.text()).isEqualTo(exit);
        for (String secret : secretsOf(s)) {
            assertThat(run.text()).doesNotContain(secret);
            assertThat(run.json()).doesNotContain(secret);
        }
        if (!secrets) {
            return;
        }
        JsonNode json = JSON.readTree(run.json());
        assertThat(json.get("exit_code").asInt()).isEqualTo(exit);
        assertThat(json.get("ok").asBoolean()).isEqualTo(exit == 0);
        if (s.token != null) {
            assertThat(json.at("/token/verdict/status").asInt()).isPositive();
            assertThat(json.at("/token/header/alg").asText()).isNotEmpty();
        }
    }

    @Test
    void exitCodesFollowTheCommandLine() throws Exception {
        Map<String, String> env = Map.of("BETTER_AUTH_URL", issuer.url(), "JWT_AUDIENCE", DoctorIssuer.AUDIENCE,
                "ALLOWED_ORIGINS", issuer.url());
        assertThat(run(env, "", "--help").exit()).isZero();
        assertThat(run(env, "", "--help").text()).startsWith("usage: scripts/validate-jwt-config.sh");
        assertThat(run(env, "", "--bogus").exit()).isEqualTo(2);
        assertThat(run(env, "", "--token").exit()).isEqualTo(2);
        assertThat(run(env, "", "--token", "-").exit()).as("an empty standard input").isEqualTo(2);
        Map<String, String> unreadable = new HashMap<>(env);
        unreadable.put("MP_JWT_VERIFY_CLOCK_SKEW", "half a minute");
        Run broken = runBoth(unreadable, "");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.text()).contains("Warden does not start with this configuration").contains("mp.jwt.verify.clock.skew")
                .doesNotContain("\tat ");
        JsonNode bootError = JSON.readTree(broken.json());
        assertThat(bootError.get("ok").asBoolean()).isFalse();
        assertThat(bootError.at("/checks/0/name").asText()).isEqualTo("boot");
        String pasted = DoctorIssuer.sign(issuer, DoctorIssuer.claims(issuer), "rs");
        Run positional = run(env, "", pasted);
        assertThat(positional.exit()).isEqualTo(2);
        assertThat(positional.text()).as("a token pasted without --token is not echoed").doesNotContain(pasted);
    }

    @Test
    void checksTheProdProfileByDefaultAndSaysSoOnItsFirstLine() throws Exception {
        Run run = runBoth(correctEnv(), "");
        assertThat(run.text().lines().findFirst()).hasValue("profile: prod (the default; --profile dev for the dev stack)");
        JsonNode json = JSON.readTree(run.json());
        assertThat(json.get("profile").asText()).isEqualTo("prod");
        assertThat(json.get("profile_reason").asText()).isEqualTo("the default; --profile dev for the dev stack");
    }

    @Test
    void checksTheProfileNamedOnTheCommandLine() throws Exception {
        Map<String, String> env = new HashMap<>(correctEnv());
        env.put("QUARKUS_PROFILE", "prod");
        Run run = runBoth(env, "", "--profile", "dev");
        assertThat(run.text().lines().findFirst()).hasValue("profile: dev (--profile)");
        assertThat(JSON.readTree(run.json()).get("profile").asText()).isEqualTo("dev");
        assertThat(matches(run.text(), "– URL|no dev stack runs here: dev mode starts its own PostgreSQL (data in "
                + ".warden/postgresql, port EMBEDDED_POSTGRESQL_PORT, default 54329)")).as(run.text()).isTrue();
        assertThat(run(correctEnv(), "", "--profile").exit()).as("--profile without a name").isEqualTo(2);
    }

    @Test
    void quarkusProfileIsFollowedAndNamedAsTheReason() {
        Map<String, String> env = new HashMap<>(correctEnv());
        env.put("QUARKUS_PROFILE", "dev");
        assertThat(run(env, "").text().lines().findFirst()).hasValue("profile: dev (QUARKUS_PROFILE, environment)");
    }

    @Test
    void aPidFileLeftByAStoppedDevStackIsNoDevStack() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Path data = Files.createDirectories(dir.resolve(".warden/postgresql"));
        Files.writeString(data.resolve("postmaster.pid"), exited.pid() + "\n" + data + "\n1764770000\n54329\n/tmp\n"
                + "localhost\n  54329001    32768\nready   \n");
        assertThat(run(correctEnv(), "").text().lines().findFirst())
                .hasValue("profile: prod (the default; --profile dev for the dev stack)");
    }

    @Test
    void aLiveProcessThatIsNotPostgresIsNoDevStack() throws Exception {
        Path data = Files.createDirectories(dir.resolve(".warden/postgresql"));
        Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data
                + "\n1764770000\n54329\n");
        assertThat(run(correctEnv(), "").text().lines().findFirst()).hasValueSatisfying(
                line -> assertThat(line).startsWith("profile: prod"));
    }

    private static Map<String, String> correctEnv() {
        return Map.of("BETTER_AUTH_URL", issuer.url(), "JWT_AUDIENCE", DoctorIssuer.AUDIENCE, "ALLOWED_ORIGINS", issuer.url());
    }

    private static List<String> secretsOf(Setup s) {
        List<String> secrets = new ArrayList<>(List.of(SECRET, SecretCheck.DEV_DEFAULT, "too-short-secret-20c"));
        if (s.token != null && s.token.contains(".")) {
            secrets.add(s.token);
            String signature = s.token.substring(s.token.lastIndexOf('.') + 1);
            if (signature.length() >= 8) {
                secrets.add(signature);
            }
        }
        return secrets;
    }

    /** A line {@code "✗ name|fragment"…}: the status mark and name start a line, and each fragment is on it. */
    private static boolean matches(String text, String expected) {
        String[] parts = expected.split("\\|", -1);
        String head = parts[0];
        if (!head.startsWith("✓ ") && !head.startsWith("✗ ") && !head.startsWith("– ")) {
            return text.contains(expected);
        }
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith(head + " ")) {
                continue;
            }
            boolean all = true;
            for (int i = 1; i < parts.length; i++) {
                all &= line.contains(parts[i]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private Run run(Map<String, String> env, String stdin, String... args) {
        DoctorProcess.Result text = DoctorProcess.run(dir, env, stdin, args);
        return new Run(text.exit(), text.text(), "");
    }

    /** The text run, and the same command line with {@code --json}. */
    private Run runBoth(Map<String, String> env, String stdin, String... args) {
        Run text = run(env, stdin, args);
        List<String> withJson = new ArrayList<>(List.of(args));
        withJson.add("--json");
        return new Run(text.exit(), text.text(), DoctorProcess.run(dir, env, stdin, withJson.toArray(String[]::new)).out());
    }

    private static Arguments row(String name, Consumer<Setup> setup, int exit, String... lines) {
        return Arguments.of(name, setup, exit, List.of(lines));
    }

    /** The same token under another kid (the signature no longer matters: the kid is looked up first). */
    private static String withKid(String token, String kid) {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + token.substring(token.indexOf('.'));
    }

    /** The same token with another user in its payload, under the original signature. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("user-1", "user-2");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
