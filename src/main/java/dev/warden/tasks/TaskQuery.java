package dev.warden.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorBody.FieldError;
import dev.warden.errors.ErrorCode;

/** The list filters, checked up front so a bad one is a 422 naming the parameter, not a 404 or a 500. */
record TaskQuery(String status, String sort, boolean descending, int page, int size) {

    static final int MAX_PAGE = 1_000_000;
    static final int MAX_PAGE_SIZE = 100;
    static final int DEFAULT_PAGE_SIZE = 20;
    private static final Set<String> STATUSES = Set.of("all", "pending", "completed");
    private static final Set<String> SORTS = Set.of("created", "title", "updated");

    static TaskQuery parse(String status, String sort, String order, String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        String s = status == null ? "all" : status;
        if (!STATUSES.contains(s)) {
            errors.add(new FieldError("status", "must be one of all, pending, completed"));
        }
        String by = sort == null ? "created" : sort;
        if (!SORTS.contains(by)) {
            errors.add(new FieldError("sort", "must be one of created, title, updated"));
        }
        // Newest first for dates, A to Z for titles, unless the client says otherwise.
        String direction = order == null ? ("title".equals(by) ? "asc" : "desc") : order;
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
