package dev.warden.tasks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text PostgreSQL stores as it was sent: no NUL (PostgreSQL's text cannot hold it and refuses the whole statement)
 * and no unpaired UTF-16 surrogate (it has no UTF-8 form, so the driver would store {@code ?} in its place).
 * JSON's {@code \u0000} and {@code \ud800} escapes reach the record as exactly these. {@code null} is left to
 * {@code @NotNull}.
 */
@Constraint(validatedBy = StorableText.Validator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@interface StorableText {

    String message() default "must not contain NUL characters or unpaired surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<StorableText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            // An unpaired surrogate is a code point of its own in codePoints(); a pair is one code point above them.
            return value == null || value.codePoints()
                    .noneMatch(cp -> cp == 0 || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE));
        }
    }
}
