package dev.warden.tasks;

import java.util.ArrayList;
import java.util.List;

import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorBody.FieldError;
import dev.warden.errors.ErrorCode;

/** The list filters, checked up front so a bad one is a 422 naming the parameter, not a 404 or a 500. */
record TaskQuery(String status, String sort, boolean descending, int page, int size) {

    static final int MAX_PAGE = 1_000_000;
    static final int MAX_PAGE_SIZE = 100;
    static final int DEFAULT_PAGE_SIZE = 20;
    // The words of status and sort. Constants, because an annotation can only name constants: the check, the query
    // and the OpenAPI document all read them here.
    static final String ALL = "all";
    static final String PENDING = "pending";
    static final String COMPLETED = "completed";
    static final String BY_CREATED = "created";
    static final String BY_TITLE = "title";
    static final String BY_UPDATED = "updated";
    private static final List<String> STATUSES = List.of(ALL, PENDING, COMPLETED);
    private static final List<String> SORTS = List.of(BY_CREATED, BY_TITLE, BY_UPDATED);

    static TaskQuery parse(String status, String sort, String order, String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        String s = status == null ? ALL : status;
        if (!STATUSES.contains(s)) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", STATUSES)));
        }
        String by = sort == null ? BY_CREATED : sort;
        if (!SORTS.contains(by)) {
            errors.add(new FieldError("sort", "must be one of " + String.join(", ", SORTS)));
        }
        // Newest first for dates, A to Z for titles, unless the client says otherwise.
        String direction = order == null ? (BY_TITLE.equals(by) ? "asc" : "desc") : order;
        if (!direction.equals("asc") && !direction.equals("desc")) {
            errors.add(new FieldError("order", "must be asc or desc"));
        }
        int p = number(page, 1, 1, MAX_PAGE, "page", errors);
        int n = number(size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, "size", errors);
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Invalid list parameters", errors);
        }
        return new TaskQuery(s, by, direction.equals("desc"), p, n);
    }

    private static int number(String raw, int fallback, int min, int max, String name, List<FieldError> errors) {
        if (raw == null) {
            return fallback;
        }
        String message = "must be a whole number from " + min + " to " + max;
        if (raw.isEmpty() || raw.length() > 7 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            errors.add(new FieldError(name, message));
            return fallback;
        }
        int value = Integer.parseInt(raw);
        if (value < min || value > max) {
            errors.add(new FieldError(name, message));
            return fallback;
        }
        return value;
    }
}
