package dev.backprop.paging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** A list item read from a row, beside the row's sort key ({@code created_at}, {@code id}) for the next cursor. */
public record Keyed<T>(T item, Cursor cursor) {

    /** {@code item} with the key of the row {@code rs} points at. */
    public static <T> Keyed<T> of(T item, ResultSet rs) throws SQLException {
        OffsetDateTime createdAt = rs.getObject("created_at", OffsetDateTime.class);
        return new Keyed<>(item, new Cursor(createdAt.toInstant(), rs.getString("id")));
    }
}
