package dev.warden.doctor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.warden.config.Command;
import dev.warden.config.DevStack;
import dev.warden.errors.Causes;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;

/**
 * What happens before the doctor boots Warden: the command line, the token, the profile to check, and the few
 * settings that make the boot harmless (no HTTP or management listener, no migration, no log lines over the report). A
 * configuration that stops the boot is the server's own start-up error, reported here in an operator's words.
 */
public final class DoctorLauncher {

    private static final int MAX_TOKEN_INPUT = 64 * 1024;

    /** What the command line asked, for the {@link Doctor} once Warden is up. */
    record Request(Arguments arguments, String token, Profile profile, Optional<DevStack> devStack) {
    }

    private static volatile Request request;

    private DoctorLauncher() {
    }

    public static void launch(Class<? extends QuarkusApplication> application, String[] args) {
        System.exit(run(application, args));
    }

    private static int run(Class<? extends QuarkusApplication> application, String[] args) {
        PrintStream out = System.out;
        Arguments arguments;
        String token;
        try {
            arguments = Arguments.parse(args);
            token = arguments.token() == null ? null : Arguments.clean(arguments.token().equals("-")
                    ? new String(System.in.readNBytes(MAX_TOKEN_INPUT), StandardCharsets.UTF_8) : arguments.token());
            if (token != null && token.isEmpty()) {
                throw new Arguments.UsageException("the token is empty");
            }
        } catch (Arguments.UsageException | IOException e) {
            System.err.println("validate-jwt-config: " + e.getMessage());
            System.err.print(Arguments.USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.print(Arguments.USAGE);
            return 0;
        }
        Optional<DevStack> devStack = DevStack.runningIn(Path.of("").toAbsolutePath());
        Profile profile = Profile.choose(arguments.profile(), System.getProperty("quarkus.profile"), System.getenv(),
                Path.of(".env"), devStack);
        request = new Request(arguments, token, profile, devStack);
        Command.markDoctor();
        System.setProperty("quarkus.profile", profile.name());
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.management.host-enabled", "false");
        System.setProperty("quarkus.flyway.active", "false");
        System.setProperty("quarkus.hibernate-orm.active", "false");
        System.setProperty("quarkus.log.console.enabled", "false");
        Logger.getLogger("").setLevel(Level.OFF); // before Quarkus sets up logging too
        int[] exit = {1};
        Quarkus.run(application, (code, failure) -> {
            if (failure == null) {
                exit[0] = code;
                return;
            }
            Report report = new Report(profile, List.of("environment", "application.properties"));
            report.secret(token);
            report.add(List.of(Check.fail("Start-up", "boot", "Warden does not start with this configuration, so the "
                    + "server would not either: " + bootError(failure))));
            out.print(arguments.json() ? report.json() : report.text());
            exit[0] = report.exitCode();
        }, Doctor.COMMAND);
        out.flush();
        return exit[0];
    }

    static Request request() {
        return request;
    }

    /** The message of the error that stopped the boot, without the exception chain around it. */
    private static String bootError(Throwable failure) {
        ConfigValidationException invalid = Causes.find(failure, ConfigValidationException.class);
        if (invalid != null) {
            StringBuilder problems = new StringBuilder();
            for (int i = 0; i < invalid.getProblemCount(); i++) {
                problems.append(i == 0 ? "" : "; ").append(invalid.getProblem(i).getMessage());
            }
            return problems.toString();
        }
        ConfigurationException configuration = Causes.find(failure, ConfigurationException.class);
        Throwable shown = configuration != null ? configuration : Causes.root(failure);
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }
}
