package dev.warden.tasks;

import java.util.ArrayList;
import java.util.List;

import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorBody.FieldError;
import dev.warden.errors.ErrorCode;

/** The list filters, checked up front so a bad one is a 422 naming the parameter, not a 404 or a 500. */
record TaskQuery(String status, String sort, boolean descending, int page, int size) {

    static final int MAX_PAGE_SIZE = 100;
    static final int DEFAULT_PAGE_SIZE = 20;
    /**
     * Most tasks a page may skip. PostgreSQL walks every skipped row, so an unbounded offset made one list cost as
     * much as the user's whole table; this bound is the default task quota, so with the default no task is out of
     * reach. Page numbers stay (the frontend and clients page by number), rather than a cursor.
     */
    static final int MAX_OFFSET = 10_000;
    /** The last page with the default size; with a larger size, {@code (page - 1) * size} must stay within the bound. */
    static final int MAX_PAGE = MAX_OFFSET / DEFAULT_PAGE_SIZE + 1;
    /**
     * The most a list counts: the rows any page can reach. The total of a user with more matching tasks reads as
     * this, so the count too walks at most that many rows.
     */
    static final int MAX_TOTAL = MAX_OFFSET + MAX_PAGE_SIZE;
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
        if (errors.isEmpty() && (long) (p - 1) * n > MAX_OFFSET) {
            errors.add(new FieldError("page", "(page - 1) * size must be at most " + MAX_OFFSET));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Invalid list parameters", errors);
        }
        return new TaskQuery(s, by, direction.equals("desc"), p, n);
    }

    int offset() {
        return (page - 1) * size;
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
