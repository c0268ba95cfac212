package dev.backprop.paging;

import dev.backprop.failure.InvalidFieldsException;

/** One page of a list as a client asked for it: at most {@code limit} items after {@code after} (null: from the start). */
public record PageRequest(int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** The parameters' descriptions, for the OpenAPI document of every list. */
    public static final String LIMIT = "Items per page, 1 to 1000 (default 100)";

    public static final String CURSOR =
            "Where the page starts: the opaque value from the previous page's `Link: <…>; rel=\"next\"`";

    /** From the query parameters; a wrong {@code limit} for one out of range or a malformed cursor. */
    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidFieldsException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + size);
        }
        return new PageRequest(size, cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor));
    }

    /** The first {@code limit} items of the list. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
