package dev.warden.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a resource under {@code /api/{userId}/...} whose requests spend from the caller's buckets: those that reach the
 * database. {@code /api/{userId}/me} answers from the token on the event loop, where a bucket's round trip would block.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RateLimited {
}
