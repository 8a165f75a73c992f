package dev.warden.scoping;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a resource (or method) under {@code /api/{userId}/...}: the caller's token {@code sub} must equal the
 * {@code userId} path parameter, else 403.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface UserScoped {

    /** The path parameter that names the owner. */
    String PATH_PARAM = "userId";
}
