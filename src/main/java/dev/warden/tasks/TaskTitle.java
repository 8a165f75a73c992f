package dev.warden.tasks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A task's title, in every body that carries one: the rule that checks it and the schema that documents it, so the
 * two cannot drift apart. Whether a body may leave it out is that body's own {@code @NotNull}.
 */
@TextLength(min = 1, max = TaskTitle.MAX)
@StorableText
@Schema(minLength = 1, maxLength = TaskTitle.MAX, pattern = "\\S",
        description = "1 to " + TaskTitle.MAX + " characters, not only whitespace; no NUL, no unpaired surrogate")
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD })
@interface TaskTitle {

    int MAX = 200;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
