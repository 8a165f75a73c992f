package dev.warden.doctor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Warden started as {@code doctor}, as the script starts it: a process of its own in {@code dir}, with
 * the environment it is given and nothing of the test's (no stray {@code DATABASE_URL}), and the exit status an
 * operator's shell sees.
 */
final class DoctorProcess {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();

    record Result(int exit, String out, String err) {
        String text() {
            return out + err;
        }
    }

    private DoctorProcess() {
    }

    static Result run(Path dir, Map<String, String> env, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(), Doctor.COMMAND));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("doctor", ".out");
            Path err = Files.createTempFile("doctor", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().clear();
                builder.environment().put("PATH", System.getenv("PATH"));
                builder.environment().put("LC_ALL", "C.UTF-8"); // the report's ✓ ✗ –
                builder.environment().putAll(env);
                Process process = builder.start();
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the doctor did not finish within 90 s: " + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
