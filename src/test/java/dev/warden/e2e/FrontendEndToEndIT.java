package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.warden.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The whole stack with nothing faked: the frontend's production build ({@code next build} + {@code next start})
 * is the real Better Auth issuer, and the packaged Warden verifies its tokens through its JWKS. Needs Node.js,
 * the frontend's {@code node_modules} and Chromium; without them it is skipped, except under {@code CI=true},
 * where a skip would hide a broken machine and so fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontendEndToEndIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path FRONTEND = ROOT.resolve("frontend");
    private static final Path OUT = ROOT.resolve("target/e2e");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgres embedded;
    private Runnable dropDatabase = () -> { };
    private String databaseUrl;
    private String frontendUrl;
    private String apiUrl;
    private Process warden;
    private Map<String, String> wardenEnv;
    /** A second Warden on the same database, as a second replica: a sign-out must reach both. */
    private String replicaUrl;
    private Map<String, String> replicaEnv;
    private Process replica;

    @BeforeAll
    void startStack() throws Exception {
        requireTools();
        Files.createDirectories(OUT);
        databaseUrl = createDatabase();
        int frontendPort = freePort();
        int apiPort = freePort();
        frontendUrl = "http://127.0.0.1:" + frontendPort;
        apiUrl = "http://127.0.0.1:" + apiPort;

        int built = run(List.of(FRONTEND.resolve("node_modules/.bin/next").toString(), "build"), FRONTEND, Map.of(),
                OUT.resolve("next-build.log"), Duration.ofMinutes(6));
        assertThat(built).as("next build; see " + OUT.resolve("next-build.log")).isZero();

        Map<String, String> frontendEnv = new HashMap<>();
        frontendEnv.put("DATABASE_URL", databaseUrl);
        frontendEnv.put("BETTER_AUTH_SECRET", randomSecret());
        frontendEnv.put("BETTER_AUTH_URL", frontendUrl);
        frontendEnv.put("NEXT_PUBLIC_API_URL", apiUrl);
        frontendEnv.put("AUTH_RATE_LIMIT", "off");
        frontendEnv.put("NODE_ENV", "production");
        start(List.of(FRONTEND.resolve("node_modules/.bin/next").toString(), "start", "-H", "127.0.0.1", "-p",
                Integer.toString(frontendPort)), FRONTEND, frontendEnv, OUT.resolve("next-start.log"));
        awaitOk(frontendUrl + "/api/auth/jwks");

        wardenEnv = new HashMap<>();
        wardenEnv.put("BETTER_AUTH_URL", frontendUrl);
        wardenEnv.put("JWT_AUDIENCE", apiUrl);
        wardenEnv.put("DATABASE_URL", databaseUrl);
        wardenEnv.put("PORT", Integer.toString(apiPort));
        wardenEnv.put("HOST", "127.0.0.1");
        wardenEnv.put("ALLOWED_ORIGINS", frontendUrl);
        wardenEnv.put("DEBUG", "true");
        startWarden();
        int replicaPort = freePort();
        replicaUrl = "http://127.0.0.1:" + replicaPort;
        replicaEnv = new HashMap<>(wardenEnv);
        replicaEnv.put("PORT", Integer.toString(replicaPort));
        replica = start(wardenCommand(), ROOT, replicaEnv, OUT.resolve("warden-replica.log"));
        awaitOk(replicaUrl + "/q/health/ready");
    }

    private void startWarden() throws Exception {
        warden = start(wardenCommand(), ROOT, wardenEnv, OUT.resolve("warden.log"));
        awaitOk(apiUrl + "/q/health/ready");
    }

    /** The packaged app: the JVM jar in {@code ./mvnw verify}, the native binary when only that was built. */
    private static List<String> wardenCommand() {
        Path jar = ROOT.resolve("target/quarkus-app/quarkus-run.jar");
        if (Files.exists(jar)) {
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        }
        return List.of(System.getProperty("native.image.path"));
    }

    @Test
    @Order(1)
    void realBetterAuthTokenIsAcceptedScopedAndTamperingRefused() throws Exception {
        Session alice = signUp("alice");
        Session bob = signUp("bob");

        HttpResponse<String> me = api("GET", "/api/v1/me", alice.jwt, null);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"user_id\":\"" + alice.userId + "\"").contains(alice.email);

        HttpResponse<String> created = api("POST", "/api/" + alice.userId + "/tasks", alice.jwt,
                "{\"title\":\"survives a restart\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> crossUser = api("GET", "/api/" + alice.userId + "/tasks", bob.jwt, null);
        assertThat(crossUser.statusCode()).isEqualTo(403);
        assertThat(crossUser.body()).contains("\"error_code\":\"forbidden\"");

        String[] parts = alice.jwt.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(alice.userId, bob.userId).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tampered = api("GET", "/api/v1/me", parts[0] + "." + forgedPayload + "." + parts[2], null);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).contains("\"error_code\":\"invalid_token\"")
                .contains("\"message\":\"Invalid token: signature verification failed\"");
        assertThat(tampered.headers().allValues("WWW-Authenticate")).containsExactly(
                "Bearer error=\"invalid_token\", error_description=\"Invalid token: signature verification failed\"");
        // DEBUG=true: the refusal is explained in Warden's log, without the token.
        String log = Files.readString(OUT.resolve("warden.log"));
        assertThat(log).contains("Token refused: signature verification failed").contains("sub=" + bob.userId)
                .doesNotContain(parts[2]).doesNotContain(forgedPayload);

        // Tasks live in PostgreSQL, not in the process: they are still there after Warden restarts.
        warden.destroy();
        assertThat(warden.waitFor(30, TimeUnit.SECONDS)).isTrue();
        processes.remove(warden);
        startWarden();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(location))
                .header("Authorization", "Bearer " + alice.jwt).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("survives a restart");
    }

    @Test
    @Order(2)
    void browserSpecsPass() throws Exception {
        // What a spec leaves behind is read below: nothing from an earlier run may stand in for it.
        Files.deleteIfExists(OUT.resolve("axe-summary.txt"));
        for (String screenshot : SCREENSHOTS) {
            Files.deleteIfExists(OUT.resolve(screenshot));
        }
        // WARDEN_PID: a spec freezes Warden for a moment to see the page before Warden answers.
        Map<String, String> env = Map.of("FRONTEND_URL", frontendUrl, "API_URL", apiUrl, "REPLICA_API_URL", replicaUrl,
                "E2E_OUTPUT_DIR", OUT.toString(), "CHROMIUM_PATH", CHROMIUM, "WARDEN_PID", Long.toString(warden.pid()));
        int exit = run(List.of(FRONTEND.resolve("node_modules/.bin/playwright").toString(), "test"), FRONTEND, env,
                OUT.resolve("browser.log"), Duration.ofMinutes(10));
        String log = Files.readString(OUT.resolve("browser.log"));
        assertThat(exit).as(log).isZero();
        assertThat(log).containsPattern("\\d+ passed").doesNotContainPattern("\\d+ (failed|flaky|skipped|did not run)");
        String axe = Files.readString(OUT.resolve("axe-summary.txt"));
        for (String page : List.of("sign-in", "sign-up", "dashboard (tasks)", "dashboard (error)",
                "dashboard (undo toast)", "sign-in (session ended)")) {
            assertThat(axe).as("axe-core ran on " + page).containsPattern("axe " + Pattern.quote(page)
                    + ": 0 critical, 0 serious");
        }
        for (String screenshot : SCREENSHOTS) {
            assertThat(OUT.resolve(screenshot)).isNotEmptyFile();
        }
    }

    private static final List<String> SCREENSHOTS = List.of("dashboard.png", "error-retry.png", "undo-toast.png",
            "dashboard-390.png");

    /**
     * The README's curl walkthrough, extracted from README.md and run by bash as it stands, twice (a second run signs
     * in to the account the first one created), on a database that already holds another user's tasks: so the
     * README can neither drift from the API nor lean on ids that only a first user would get. Each {@code # →}
     * comment after Better Auth's two answers is what Warden's command above it prints, {@code …} standing for ids and
     * times: the three refusals (401 without a token, 403 for another user's path, 401 for a forged payload) and the
     * task's life must print exactly that.
     */
    @Test
    @Order(3)
    void readmeCurlWalkthroughRunsAsPrinted() throws Exception {
        requireCommands("bash", "curl", "jq");
        Session other = signUp("someone-else");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = api("POST", "/api/" + other.userId + "/tasks", other.jwt, "{\"title\":\"not yours\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        String walkthrough = readmeWalkthrough(Files.readString(ROOT.resolve("README.md")));
        List<String> promised = promisedOutput(walkthrough);
        Path dir = Files.createDirectories(OUT.resolve("walkthrough"));
        for (int run = 1; run <= 2; run++) {
            Path log = OUT.resolve("walkthrough-" + run + ".log");
            int exit = run(List.of("bash", "-e", "-o", "pipefail", "-c", walkthrough), dir,
                    Map.of("APP", frontendUrl, "API", apiUrl), log, Duration.ofMinutes(2));
            String output = Files.readString(log);
            assertThat(exit).as(output).isZero();
            List<String> lines = output.strip().lines().toList();
            assertThat(lines).as(output).hasSizeGreaterThanOrEqualTo(2 + promised.size());
            List<String> printed = lines.subList(lines.size() - promised.size(), lines.size());
            for (int i = 0; i < promised.size(); i++) {
                assertThat(printed.get(i)).as("line %d of Warden's answers, as the README prints it:%n%s", i + 1, output)
                        .matches(promised.get(i));
            }
            assertThat(printed.get(0)).as("no token").contains("\"error_code\":\"missing_token\"").endsWith(" 401");
            assertThat(printed.get(1)).as("another user's tasks").contains("\"error_code\":\"forbidden\"").endsWith(" 403");
            assertThat(printed.get(2)).as("forged payload").contains("\"error_code\":\"invalid_token\"")
                    .contains("signature verification failed").endsWith(" 401");
            assertThat(printed.get(3)).as("pending list").contains("\"title\":\"Buy milk\"").doesNotContain("not yours");
            assertThat(printed.get(4)).as("toggled").contains("\"title\":\"Buy milk\"").contains("\"completed\":true");
            assertThat(printed.get(5)).as("deleted").isEqualTo("204");
        }
    }

    /**
     * What the walkthrough says Warden prints: its {@code # →} comments after Better Auth's two (which describe an
     * answer rather than print it), each as a pattern in which {@code …} stands for anything.
     */
    static List<String> promisedOutput(String walkthrough) {
        List<String> promised = walkthrough.lines().filter(l -> l.startsWith("# → "))
                .map(l -> l.substring("# → ".length()))
                .filter(l -> !l.startsWith("Better Auth's answer"))
                .map(l -> Pattern.quote(l).replace("…", "\\E.*\\Q"))
                .toList();
        assertThat(promised).as("the # → lines of the walkthrough: three refusals, list, toggle, delete").hasSize(6);
        return promised;
    }

    /** The bash block right after the marker comment in the README's API section. */
    static String readmeWalkthrough(String readme) {
        Matcher block = Pattern.compile("<!-- The block below is run as it stands[^>]*-->\\s*```bash\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("the walkthrough block in README.md").isTrue();
        return block.group(1);
    }

    record Session(String userId, String email, String jwt, String cookie) {
    }

    /** Signs up through Better Auth, then trades the session cookie for a JWT as the browser does. */
    private Session signUp(String name) throws Exception {
        String email = name + "-" + System.nanoTime() + "@e2e.test";
        return session("sign-up/email", email, ",\"name\":\"" + name + "\"");
    }

    /** Signs in as {@code email} from another device: a session of its own. */
    private Session signIn(String email) throws Exception {
        return session("sign-in/email", email, "");
    }

    private Session session(String endpoint, String email, String more) throws Exception {
        HttpResponse<String> signUp = betterAuth(endpoint, "{\"email\":\"" + email
                + "\",\"password\":\"correct-horse-battery\"" + more + "}", null);
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(200);
        String cookie = String.join("; ", signUp.headers().allValues("set-cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';'))).toList());
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(frontendUrl + "/api/auth/token"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String jwt = field(token.body(), "token");
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"RS256\"");
        assertThat(payload).as("the token names its session").contains("\"sid\":");
        return new Session(field(payload, "sub"), email, jwt, cookie);
    }

    /** A POST to Better Auth from the frontend's own origin, as its pages send them. */
    private HttpResponse<String> betterAuth(String endpoint, String json, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(frontendUrl + "/api/auth/" + endpoint))
                .header("Content-Type", "application/json").header("Origin", frontendUrl)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- sign-out ends a session's tokens on every replica ---------------------------------------------

    @Test
    @Order(4)
    void signingOutEndsTheSessionsTokensOnEveryWardenWithinASecond() throws Exception {
        List<String> wardens = List.of(apiUrl, replicaUrl);

        Session leaver = signUp("leaver");
        for (String url : wardens) {
            assertThat(me(url, leaver.jwt()).statusCode()).as("before sign-out, " + url).isEqualTo(200);
        }
        long start = System.nanoTime();
        assertThat(betterAuth("sign-out", "{}", leaver.cookie()).statusCode()).isEqualTo(200);
        for (String url : wardens) {
            refusedWithin(url, leaver.jwt(), Duration.ofSeconds(1));
        }
        System.out.printf("sign-out → token refused by both Wardens in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        // "Sign out everywhere" from a second device ends both devices' sessions.
        Session phone = signUp("two-devices");
        Session laptop = signIn(phone.email());
        assertThat(me(replicaUrl, phone.jwt()).statusCode()).isEqualTo(200);
        assertThat(me(apiUrl, laptop.jwt()).statusCode()).isEqualTo(200);
        assertThat(betterAuth("revoke-sessions", "{}", laptop.cookie()).statusCode()).isEqualTo(200);
        for (String url : wardens) {
            refusedWithin(url, phone.jwt(), Duration.ofSeconds(1));
            refusedWithin(url, laptop.jwt(), Duration.ofSeconds(1));
        }

        // A replica started after the sign-out refuses the token as well: it reloads what ended.
        replica.destroy();
        assertThat(replica.waitFor(30, TimeUnit.SECONDS)).isTrue();
        processes.remove(replica);
        replica = start(wardenCommand(), ROOT, replicaEnv, OUT.resolve("warden-replica-restarted.log"));
        awaitOk(replicaUrl + "/q/health/ready");
        refusedWithin(replicaUrl, leaver.jwt(), Duration.ofSeconds(1));
    }

    private HttpResponse<String> me(String wardenUrl, String jwt) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(wardenUrl + "/api/v1/me")).header("Authorization", "Bearer " + jwt)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private void refusedWithin(String wardenUrl, String jwt, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        HttpResponse<String> answer = me(wardenUrl, jwt);
        while (answer.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            answer = me(wardenUrl, jwt);
        }
        assertThat(answer.statusCode()).as(wardenUrl + " within " + bound + ": " + answer.body()).isEqualTo(401);
        assertThat(answer.body()).contains("Invalid token: session ended");
    }

    private HttpResponse<String> api(String method, String path, String jwt, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .header("Authorization", "Bearer " + jwt)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    // ---- the operators' doctor against the real Better Auth ------------------------------------------

    @Test
    @Order(20)
    void doctorPassesTheRealIssuerAndExplainsWhatBreaksIt() throws Exception {
        String jwt = signUp("doctor").jwt;
        String signature = jwt.substring(jwt.lastIndexOf('.') + 1);

        Doctor correct = doctor("doctor-correct.txt", Map.of(), jwt);
        assertThat(correct.exit()).as(correct.out()).isZero();
        assertThat(correct.out()).contains("✓ usable keys").contains("✓ frontend's audience").contains("✓ schema")
                .contains("✓ verdict").contains("Warden answers 200 (accepted)").doesNotContain(signature);

        Doctor eddsa = doctor("doctor-eddsa.txt", Map.of("JWT_ALGORITHMS", "EdDSA"), null);
        assertThat(eddsa.exit()).as(eddsa.out()).isEqualTo(1);
        assertThat(eddsa.out()).containsPattern("✗ usable keys +none: only RSA keys, but JWT_ALGORITHMS=EdDSA: this "
                + "Better Auth signs RS256 \\(its `jwks.keyPairConfig.alg`\\) — set JWT_ALGORITHMS=RS256");

        // Another API's audience: the same real token, shown to a Warden that expects a different aud.
        String otherApi = "http://127.0.0.1:" + freePort();
        Doctor audience = doctor("doctor-audience.txt", Map.of("JWT_AUDIENCE", otherApi), jwt);
        assertThat(audience.exit()).as(audience.out()).isEqualTo(1);
        assertThat(audience.out()).contains("✗ why").contains("aud: expected \"" + otherApi + "\", saw \"" + apiUrl + "\"")
                .contains("Warden answers 401 invalid_token \"Invalid token: audience mismatch\"").doesNotContain(signature);
    }

    /**
     * A real token as it looks once expired: Better Auth issues 15-minute tokens, so the doctor runs with its clock
     * 16 minutes ahead (libfaketime). Its verdict comes from Warden's verifier reading that clock.
     */
    @Test
    @Order(21)
    void doctorExplainsARealTokenThatExpired() throws Exception {
        if (!commandWorks("faketime", "-f", "+0", "true")) {
            String message = "faketime (apt-get install -y faketime) is needed to show the doctor an expired real token";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message + ": skipped");
        }
        String jwt = signUp("expired").jwt;
        Doctor expired = doctor("doctor-expired.txt", Map.of(), jwt, "faketime", "-f", "+16m");
        assertThat(expired.exit()).as(expired.out()).isEqualTo(1);
        assertThat(expired.out()).containsPattern("✗ why +exp: expired (\\d+ min )?\\d+ s ago .*, beyond the leeway of 30 s")
                .contains("Warden answers 401 token_expired \"Token has expired\"")
                .doesNotContain(jwt.substring(jwt.lastIndexOf('.') + 1));
    }

    record Doctor(int exit, String out) {
    }

    /**
     * {@code scripts/validate-jwt-config.sh} with Warden's environment (plus {@code overrides}), the frontend's half in
     * an env file, the token on standard input, in {@code target/e2e} (no stray {@code .env}), behind {@code prefix}
     * (e.g. faketime); output saved as {@code log}.
     */
    private Doctor doctor(String log, Map<String, String> overrides, String jwt, String... prefix) throws Exception {
        Path frontendEnv = OUT.resolve("doctor-frontend.env");
        Files.writeString(frontendEnv, "BETTER_AUTH_URL=" + frontendUrl + "\nNEXT_PUBLIC_API_URL=" + apiUrl + "\n");
        List<String> command = new ArrayList<>(List.of(prefix));
        command.addAll(List.of(ROOT.resolve("scripts/validate-jwt-config.sh").toString(), "--frontend-env",
                frontendEnv.toString()));
        if (jwt != null) {
            command.addAll(List.of("--token", "-"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(OUT.toFile()).redirectErrorStream(true)
                .redirectOutput(OUT.resolve(log).toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(wardenEnv);
        builder.environment().keySet().removeAll(List.of("PORT", "HOST", "DEBUG"));
        builder.environment().putAll(overrides);
        long start = System.nanoTime();
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(jwt == null ? new byte[0] : jwt.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the doctor finishes; see " + OUT.resolve(log)).isTrue();
        String out = Files.readString(OUT.resolve(log));
        Files.writeString(OUT.resolve(log), "# exit " + process.exitValue() + " after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms\n" + out);
        return new Doctor(process.exitValue(), out);
    }

    // ---- the machine ----------------------------------------------------------------------------------

    static void requireTools() {
        List<String> missing = new ArrayList<>();
        if (!commandWorks("node", "--version")) {
            missing.add("Node.js (node on PATH)");
        }
        if (!Files.isExecutable(FRONTEND.resolve("node_modules/.bin/next"))) {
            missing.add("frontend dependencies (cd frontend && npm ci)");
        }
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            missing.add("Chromium at " + CHROMIUM + " (apt-get install -y chromium, or set CHROMIUM_PATH)");
        }
        if (missing.isEmpty()) {
            return;
        }
        skipOrFail("End-to-end tests need " + String.join(", ", missing));
    }

    private static void requireCommands(String... commands) {
        List<String> missing = new ArrayList<>();
        for (String command : commands) {
            if (!commandWorks(command, "--version")) {
                missing.add(command);
            }
        }
        if (!missing.isEmpty()) {
            skipOrFail("This test needs " + String.join(", ", missing) + " on PATH");
        }
    }

    /** A missing prerequisite skips, except under {@code CI=true}, where a skip would hide a broken machine. */
    private static void skipOrFail(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: a skip here would hide a broken machine)");
        }
        Assumptions.abort(message + ": skipped");
    }

    private static boolean commandWorks(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A database of this test's own: on the server DATABASE_URL names, else on an embedded PostgreSQL. */
    private String createDatabase() throws Exception {
        String name = "warden_e2e_" + ProcessHandle.current().pid();
        String server = System.getenv("DATABASE_URL");
        if (server == null || server.isBlank()) {
            embedded = EmbeddedPostgres.builder().start();
            server = "postgresql://postgres:postgres@127.0.0.1:" + embedded.getPort() + "/postgres";
        }
        DatabaseUrl admin = DatabaseUrl.parse(server);
        String jdbc = admin.jdbcUrl();
        try (Connection c = DriverManager.getConnection(jdbc, admin.username().orElse("postgres"), admin.password().orElse(null))) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name);
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        dropDatabase = () -> {
            try (Connection c = DriverManager.getConnection(jdbc, admin.username().orElse("postgres"), admin.password().orElse(null))) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (Exception e) {
                System.err.println("could not drop " + name + ": " + e.getMessage());
            }
        };
        URI uri = URI.create(server);
        return uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/" + name;
    }

    private Process start(List<String> command, Path dir, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private int run(List<String> command, Path dir, Map<String, String> env, Path log, Duration timeout) throws Exception {
        Process process = start(command, dir, env, log);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + timeout + "; see " + log);
        }
        processes.remove(process);
        return process.exitValue();
    }

    private void awaitOk(String url) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a server exited early (" + p.info().commandLine().orElse("?")
                            + "); logs in " + OUT);
                }
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " not ready within " + START_TIMEOUT + "; logs in " + OUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[36];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @AfterAll
    void stopStack() throws Exception {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        dropDatabase.run();
        if (embedded != null) {
            embedded.close();
        }
    }
}
