package dev.warden.tasks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task's description, in every body that carries one: optional, and null clears it. See {@link TaskTitle}. */
@TextLength(max = TaskDescription.MAX)
@StorableText
@Schema(nullable = true, maxLength = TaskDescription.MAX,
        description = "at most " + TaskDescription.MAX + " characters; no NUL, no unpaired surrogate")
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD })
@interface TaskDescription {

    int MAX = 1000;

    // The members Bean Validation requires of any constraint, as in TaskTitle: required, so written in each.
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
