package dev.warden.errors;

import java.util.function.Predicate;

/** The one walk of an exception's cause chain (a cause that is its own cause ends it). */
public final class Causes {

    private Causes() {
    }

    /** The first exception of the chain of {@code failure} (itself included) that passes {@code test}, or null. */
    public static Throwable first(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (test.test(t)) {
                return t;
            }
        }
        return null;
    }

    /** The first exception of {@code type} in the chain of {@code failure} (itself included), or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        return type.cast(first(failure, type::isInstance));
    }

    /** The last exception of the chain: the one that started it. */
    public static Throwable root(Throwable failure) {
        return first(failure, t -> next(t) == null);
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
