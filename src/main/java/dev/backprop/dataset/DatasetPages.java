package dev.backprop.dataset;

import dev.backprop.paging.Cursor;
import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dataset list a page at a time, with the same cursors as the lists kept in the database: the
 * built-in datasets sort first in their own order (keyed as if created at the end of time, a second
 * apart), then the uploads newest first.
 */
final class DatasetPages {

    private DatasetPages() {}

    static Page<DatasetInfo> page(List<DatasetInfo> all, PageRequest request) {
        List<DatasetInfo> fetched = new ArrayList<>();
        for (int k = 0; k < all.size() && fetched.size() <= request.limit(); k++) {
            DatasetInfo dataset = all.get(k);
            Cursor key = key(dataset, k);
            if (request.after() == null || request.after().precedes(key.createdAt(), key.id())) {
                fetched.add(dataset);
            }
        }
        return Page.of(fetched, request.limit(), dataset -> key(dataset, all.indexOf(dataset)));
    }

    private static Cursor key(DatasetInfo dataset, int position) {
        Instant createdAt = dataset.builtIn() || dataset.createdAt() == null
                ? Instant.MAX.minusSeconds(position)
                : dataset.createdAt();
        return new Cursor(createdAt, dataset.id());
    }
}
