package dev.warden.errors;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures Vert.x answers before Quarkus REST sees the request, chiefly a body over
 * {@code quarkus.http.limits.max-body-size}: they leave as the same JSON error body as everything else.
 */
@ApplicationScoped
class HttpLimits {

    private final long maxBody;
    private final ObjectMapper json;
    private final ErrorMetrics metrics;

    HttpLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody, ObjectMapper json,
            ErrorMetrics metrics) {
        this.maxBody = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.json = json;
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        // A declared length over the limit is refused before a byte of the body is read.
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && tooLong(length)) {
                send(rc, ErrorCode.PAYLOAD_TOO_LARGE);
                return;
            }
            rc.next();
        });
        // A chunked body that grows over the limit fails the route with 413 part way.
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                send(rc, ErrorCode.PAYLOAD_TOO_LARGE);
            } else {
                rc.next();
            }
        });
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBody;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }

    private void send(RoutingContext rc, ErrorCode code) {
        metrics.count(code.status(), code);
        String body;
        try {
            body = json.writeValueAsString(ErrorBody.of(code));
        } catch (Exception e) {
            body = "{\"error\":\"" + code.error() + "\",\"error_code\":\"" + code.code() + "\"}";
        }
        rc.response().setStatusCode(code.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(body);
    }
}
