package dev.warden.errors;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

/**
 * What a request body got wrong, in the client's words: the field as the JSON names it and the JSON type it wants.
 * Jackson's own message names Java classes, so it never reaches a client.
 */
final class BodyErrors {

    /** The field of a failure at the top level: the body itself is not the JSON object the resource reads. */
    static final String BODY = "body";

    private BodyErrors() {
    }

    static ErrorBody.FieldError describe(MismatchedInputException e) {
        String field = field(e);
        if (e instanceof PropertyBindingException unknown) {
            return new ErrorBody.FieldError(field, "is not a field of this request; its fields are " + known(unknown));
        }
        return new ErrorBody.FieldError(field.isEmpty() ? BODY : field, "must be " + wanted(e.getTargetType()));
    }

    /** {@code title}, {@code items[0].title}: the path Jackson was on, as the JSON spells it. */
    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String known(PropertyBindingException e) {
        Collection<Object> names = e.getKnownPropertyIds();
        return names == null ? "listed in the API document"
                : names.stream().map(Objects::toString).sorted().collect(Collectors.joining(", "));
    }

    private static String wanted(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean (true or false)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum() || type.isPrimitive() || type.getName().startsWith("java.")) {
            return "of another JSON type";
        }
        return "a JSON object";
    }
}
