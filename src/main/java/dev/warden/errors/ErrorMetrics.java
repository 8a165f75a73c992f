package dev.warden.errors;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Every error answer, by status and {@code error_code}, at {@code /q/metrics} as {@code warden_http_errors_total}.
 * Each error code's series is registered at start, so an alert on a rate sees {@code 0} rather than no data.
 */
@Startup
@Singleton
public class ErrorMetrics {

    private final MeterRegistry registry;
    private final Map<ErrorCode, Counter> canonical = new EnumMap<>(ErrorCode.class);

    public ErrorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ErrorCode code : ErrorCode.values()) {
            canonical.put(code, counter(code.status(), code));
        }
    }

    /** One error answered with {@code status} (usually the code's own; a framework may pick another 4xx). */
    void count(int status, ErrorCode code) {
        (status == code.status() ? canonical.get(code) : counter(status, code)).increment();
    }

    private Counter counter(int status, ErrorCode code) {
        return Counter.builder("warden.http.errors").tag("status", Integer.toString(status)).tag("error_code", code.code())
                .description("Error answers by status and error_code").register(registry);
    }
}
