package dev.warden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * What a test provokes on purpose — an issuer that fails, a database cut, a key too weak to use — makes Warden and
 * its libraries log warnings, some with stack traces. Printed among the test output they read as a broken build, so
 * the test that provokes them takes them off the console and keeps them, in full, in
 * {@code target/provoked-logs/<test>.log}, where it can assert on them. Only the categories the test names, only in
 * that test, and only below ERROR: an error still reaches the console, so does any other category's warning, and
 * prod and dev log as configured.
 *
 * <p>Two ways in: {@link #routedToFile} as a test profile's config overrides, for what is logged while Quarkus starts;
 * {@link #capture} at run time, for a test that runs the code itself or whose warnings come after start-up.
 */
public final class ProvokedLogs implements AutoCloseable {

    /** Where the kept lines go, one file per test class. */
    public static final Path DIR = Path.of("target", "provoked-logs");
    /** The named handlers of {@link #routedToFile}: everything to the file, errors to the console as well. */
    private static final String FILE = "provoked";
    private static final String ERRORS = "provoked-errors";

    private final Path file;
    private final List<Logger> loggers;
    private final List<Filter> previousFilters = new ArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final PatternFormatter format = new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n");
    /** Keeps every record; lets only errors on to the console. */
    private final Filter keep = record -> {
        lines.add(format.format(record));
        return record.getLevel().intValue() >= Level.SEVERE.intValue();
    };

    private ProvokedLogs(String test, List<String> categories) {
        this.file = DIR.resolve(test + ".log");
        this.loggers = categories.stream().map(Logger::getLogger).toList();
        for (Logger logger : loggers) {
            previousFilters.add(logger.getFilter());
            logger.setFilter(keep);
        }
    }

    /**
     * Config overrides (for a {@code QuarkusTestProfile}) that send the given categories to
     * {@code target/provoked-logs/<test>.log} instead of the console, from the first line Quarkus logs.
     */
    public static Map<String, String> routedToFile(String test, String... categories) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.log.handler.file.\"" + FILE + "\".enable", "true");
        config.put("quarkus.log.handler.file.\"" + FILE + "\".path", file(test).toAbsolutePath().toString());
        config.put("quarkus.log.handler.console.\"" + ERRORS + "\".enable", "true");
        config.put("quarkus.log.handler.console.\"" + ERRORS + "\".level", "ERROR");
        for (String category : categories) {
            config.put("quarkus.log.category.\"" + category + "\".handlers", FILE + "," + ERRORS);
            config.put("quarkus.log.category.\"" + category + "\".use-parent-handlers", "false");
        }
        return config;
    }

    /** From now until {@link #close()}, the given categories log into this capture instead of the console. */
    public static ProvokedLogs capture(String test, String... categories) {
        return new ProvokedLogs(test, List.of(categories));
    }

    /** The lines captured so far, as a log file shows them. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether a captured line contains {@code fragment}, waiting up to {@code wait} for one to arrive. */
    public boolean logged(String fragment, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            if (lines.stream().anyMatch(l -> l.contains(fragment))) {
                return true;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** Gives the categories back to the console and writes what was captured to the test's file. */
    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).setFilter(previousFilters.get(i));
        }
        try {
            Files.createDirectories(DIR);
            Files.writeString(file, String.join("", lines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file a test's captured or routed lines end up in. */
    public static Path file(String test) {
        return DIR.resolve(test + ".log");
    }
}
