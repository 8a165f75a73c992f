package dev.warden.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.warden.support.FakeIssuer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/validate-jwt-config.sh} itself, on the packaged jar's fast-jar layout: a process of its own, with the
 * exit status the operator's shell sees. The build the script makes for itself comes first, so the other tests reuse it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorScriptIT {

    private static final Path SCRIPT = Path.of("scripts/validate-jwt-config.sh").toAbsolutePath();
    private static final Path DOCTOR_BUILD = Path.of("target-doctor").toAbsolutePath();
    /** What a running {@code quarkus:dev} compiles into and restarts on. */
    private static final List<Path> DEV_MODE_OUTPUT = List.of(Path.of("target/classes").toAbsolutePath(),
            Path.of("target/quarkus-app").toAbsolutePath());
    private static FakeIssuer issuer;

    @TempDir
    Path dir;

    record Result(int exit, String out) {
    }

    @BeforeAll
    static void startIssuer() throws Exception {
        issuer = DoctorIssuer.start();
    }

    @AfterAll
    static void stopIssuer() throws Exception {
        issuer.close();
    }

    @Test
    @Order(1)
    void buildsIntoADirectoryOfItsOwnLeavingDevModesOutputAlone() throws Exception {
        Map<Path, Long> before = modificationTimes(DEV_MODE_OUTPUT);
        deleteRecursively(DOCTOR_BUILD);

        Result first = run(Map.of(), "", "--help");
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("building Warden into target-doctor/ first");
        try (Stream<Path> jars = Files.list(DOCTOR_BUILD.resolve("quarkus-app/app"))) {
            assertThat(jars.filter(p -> p.toString().endsWith(".jar"))).isNotEmpty();
        }
        assertThat(modificationTimes(DEV_MODE_OUTPUT)).as("target/ as dev mode left it").isEqualTo(before);

        Result second = run(Map.of(), "", "--help");
        assertThat(second.out()).as("no rebuild while the sources are older than the jar")
                .doesNotContain("building Warden first").startsWith("usage:");
    }

    @Test
    void passesACorrectConfigurationAndAcceptsItsToken() throws Exception {
        issuer.publish("rs");
        Result result = run(Map.of(), DoctorIssuer.sign(issuer, DoctorIssuer.claims(issuer), "rs"), "--token", "-");
        assertThat(result.exit()).as(result.out()).isZero();
        assertThat(result.out()).contains("✓ usable keys").contains("✓ verdict").contains("Warden answers 200 (accepted)");
    }

    @Test
    void failsWithTheExplanationWhenTheAlgorithmsDoNotFitTheKeys() throws Exception {
        issuer.publish("rs");
        Result result = run(Map.of("JWT_ALGORITHMS", "EdDSA"), "", "--json");
        assertThat(result.exit()).as(result.out()).isEqualTo(1);
        assertThat(result.out()).contains("\"exit_code\" : 1")
                .contains("only RSA keys, but JWT_ALGORITHMS=EdDSA: this Better Auth signs RS256");
    }

    @Test
    void aUsageErrorExitsWithTwo() throws Exception {
        Result result = run(Map.of(), "", "--tokn", "x");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).contains("unknown argument: --tokn").contains("usage:");
    }

    private Result run(Map<String, String> env, String stdin, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(concat(SCRIPT.toString(), args)).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("DATABASE_URL");
        builder.environment().put("BETTER_AUTH_URL", issuer.url());
        builder.environment().put("JWT_AUDIENCE", DoctorIssuer.AUDIENCE);
        builder.environment().put("ALLOWED_ORIGINS", issuer.url());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }

    private static Map<Path, Long> modificationTimes(List<Path> roots) throws IOException {
        Map<Path, Long> times = new TreeMap<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    times.put(file, Files.getLastModifiedTime(file).toMillis());
                }
            }
        }
        return times;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
