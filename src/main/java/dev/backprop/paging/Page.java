package dev.backprop.paging;

import java.util.List;
import java.util.function.Function;

/** A page of a list and, when more items remain, the cursor of the next page. */
public record Page<T>(List<T> items, Cursor next) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page out of {@code fetched}, which holds up to {@code limit + 1} items in list order: the extra
     * one only says that more remain.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, Cursor> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, key.apply(items.get(limit - 1)));
    }

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), next);
    }
}
