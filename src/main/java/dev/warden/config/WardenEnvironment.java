package dev.warden.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.EnvConfigSource;

/**
 * The environment variables that need more than a rename to become configuration keys, read through Quarkus' own
 * sources (so the environment over the working directory's {@code .env}): {@code DATABASE_URL} /
 * {@code NEON_DATABASE_URL} in the {@code postgresql://} form hosts print ({@link DatabaseUrl}; outside dev and
 * tests only with a TLS that verifies the server, or on this machine), {@code DEBUG}, and
 * whether the frontend's dev server can run in dev mode ({@code npm} on the {@code PATH}), and in production the
 * JWKS location when there is no {@code BETTER_AUTH_URL} to derive it from. In dev mode with no
 * database URL at all it starts the dev database ({@link DevDatabaseServer}) before the datasource needs it. Its
 * ordinal sits above {@code application.properties} (250) and below the environment (300), so an explicit
 * {@code QUARKUS_*} variable still wins.
 */
public class WardenEnvironment implements ConfigSourceFactory {

    public static final int ORDINAL = 275;
    static final int DEFAULT_DEV_DATABASE_PORT = 54329;
    /** The production opt-out of the database's TLS rule, for a network whose every hop is trusted. */
    static final String ALLOW_UNVERIFIED = "DATABASE_ALLOW_UNVERIFIED";
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String ISSUER = "mp.jwt.verify.issuer";
    private static final String JWKS_LOCATION = "mp.jwt.verify.publickey.location";
    /** SmallRye JWT's value for "not configured". */
    private static final String NONE = "NONE";
    /** Quinoa is in the build (the dev-stack Maven profile) only; a build without it must not see its keys. */
    private static final boolean QUINOA_PRESENT = WardenEnvironment.class.getClassLoader()
            .getResource("io/quarkiverse/quinoa/QuinoaDevProxyHandlerConfig.class") != null;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean production = !context.getProfiles().contains("dev") && !context.getProfiles().contains("test");
        Map<String, String> props = translate(name -> context.getValue(name).getValue(), production);
        if (context.getProfiles().contains("dev") && !props.containsKey(JDBC_URL)
                && context.getValue(JDBC_URL).getValue() == null) {
            if (Command.isDoctor()) {
                // The doctor checks the dev stack's database where one runs here, and never starts one of its own.
                DevStack.runningIn(Path.of("")).ifPresent(stack -> props.putAll(devDatabase(stack.port())));
            } else {
                int port = devDatabase().ensureRunning(port(context.getValue("EMBEDDED_POSTGRESQL_PORT").getValue()));
                props.putAll(devDatabase(port));
            }
        }
        return List.of(new Translated(props));
    }

    /** The keys these environment variables ({@code env} looks one up by name, null when unset) stand for. */
    public static Map<String, String> translate(Function<String, String> env) {
        return translate(env, false);
    }

    /**
     * As {@link #translate(Function)}; in {@code production} a database URL that a machine on the way could read or
     * relay ({@link DatabaseUrl#interceptable}) is refused, unless {@value #ALLOW_UNVERIFIED} is {@code true}.
     */
    public static Map<String, String> translate(Function<String, String> env, boolean production) {
        Map<String, String> props = new HashMap<>();
        String variable = isBlank(env.apply("DATABASE_URL")) ? "NEON_DATABASE_URL" : "DATABASE_URL";
        String databaseUrl = env.apply(variable);
        if (!isBlank(databaseUrl)) {
            DatabaseUrl url;
            try {
                url = DatabaseUrl.parse(databaseUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(variable + ": " + e.getMessage()); // the message never quotes the URL
            }
            if (production && DatabaseUrl.interceptable(url.jdbcUrl()) && !"true".equalsIgnoreCase(env.apply(ALLOW_UNVERIFIED))) {
                throw new IllegalArgumentException(variable + ": the database at " + String.join(",",
                        DatabaseUrl.hosts(url.jdbcUrl())) + " is reached without verified TLS (sslmode="
                        + DatabaseUrl.parameter(url.jdbcUrl(), "sslmode").orElse("unset, pgjdbc's prefer")
                        + "), so a machine on the way could read or relay the login: give sslmode=require or "
                        + "verify-full (Warden then checks the certificate against the JVM's trust store; in a jdbc: "
                        + "URL only verify-full does), or set " + ALLOW_UNVERIFIED + "=true on a network whose every "
                        + "hop you trust");
            }
            props.put(JDBC_URL, url.jdbcUrl());
            url.username().ifPresent(u -> props.put("quarkus.datasource.username", u));
            url.password().ifPresent(p -> props.put("quarkus.datasource.password", p));
        }
        if (production && isBlank(env.apply("BETTER_AUTH_JWKS_URL")) && !configured(env.apply("BETTER_AUTH_URL"))
                && !configured(env.apply(ISSUER))) {
            // No issuer, so no JWKS URL to derive from it: SmallRye JWT would try to read "NONE/api/auth/jwks" as a
            // key file and fail naming neither variable, before start-up's own check names both.
            props.put(JWKS_LOCATION, NONE);
        }
        String debug = env.apply("DEBUG");
        if (debug != null && (debug.equalsIgnoreCase("true") || debug.equals("1"))) {
            props.put("quarkus.log.category.\"dev.warden\".level", "DEBUG");
        }
        if (QUINOA_PRESENT) {
            // Quinoa is for dev mode; in a prod build it would run `next build` into the jar. Off in tests too, said
            // explicitly so that Quinoa does not warn that it is off by default there.
            props.put("%prod.quarkus.quinoa", "false");
            props.put("%test.quarkus.quinoa", "false");
        }
        if (!onPath(env.apply("PATH"), "npm")) {
            // Dev mode would fail to start the frontend's dev server: start Warden alone instead.
            props.put("%dev.quarkus.quinoa", "false");
        }
        return props;
    }

    /** The datasource keys for the dev database listening on {@code port} of localhost. */
    public static Map<String, String> devDatabase(int port) {
        return Map.of(JDBC_URL, "jdbc:postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    private static DevDatabaseServer devDatabase() {
        return ServiceLoader.load(DevDatabaseServer.class, WardenEnvironment.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("Dev mode without DATABASE_URL needs the dev-stack Maven"
                        + " profile (left out by -Dprod and -Dnative), or set DATABASE_URL"));
    }

    /** The dev database's port: {@code EMBEDDED_POSTGRESQL_PORT} ({@code configured}, may be null), else the default. */
    public static int port(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_DEV_DATABASE_PORT;
        }
        try {
            return Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EMBEDDED_POSTGRESQL_PORT must be a port number, not " + configured);
        }
    }

    static boolean onPath(String path, String command) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Set to a value of its own: not blank, not SmallRye JWT's NONE, not an expression still to expand. */
    private static boolean configured(String value) {
        return !isBlank(value) && !NONE.equals(value.strip()) && !value.contains("${");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * The translated keys as a source of the environment's kind: Quarkus records what other sources hold at build time
     * into the jar as run-time defaults, and the environment of the machine that builds the jar (its DATABASE_URL and
     * password) must never become the defaults of the machine that runs it.
     */
    private static final class Translated extends EnvConfigSource {
        Translated(Map<String, String> props) {
            super(props, ORDINAL);
        }

        @Override
        public String getName() {
            return "warden-environment";
        }
    }
}
