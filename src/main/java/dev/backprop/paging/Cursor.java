package dev.backprop.paging;

import dev.backprop.failure.InvalidFieldsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a newest-first list ended: the last item's creation time and id, the list's sort key.
 * The next page starts strictly after it, so items added meanwhile (newer, so before it) never show up
 * twice and none is skipped. Clients see it only as an opaque token.
 */
public record Cursor(Instant createdAt, String id) {

    private static final String VERSION = "1";

    public String encode() {
        String plain = VERSION + ":" + createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; a wrong {@code cursor} when it is not one this service gave out. */
    public static Cursor decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION) || parts[3].isEmpty()) {
                throw malformed();
            }
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw malformed();
        }
    }

    /** Whether {@code createdAt}/{@code id} comes after this cursor in newest-first, then id, order. */
    public boolean precedes(Instant otherCreatedAt, String otherId) {
        int byTime = otherCreatedAt.compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && otherId.compareTo(id) > 0);
    }

    /**
     * The SQL condition for rows after this cursor in {@code ORDER BY created_at DESC, id}, for a table
     * with those two columns; its parameters are {@link #sqlParameters()}.
     */
    public static final String SQL_AFTER = "(created_at < ? OR (created_at = ? AND id > ?))";

    public Object[] sqlParameters() {
        java.time.OffsetDateTime time = createdAt.atOffset(java.time.ZoneOffset.UTC);
        return new Object[] {time, time, id};
    }

    private static InvalidFieldsException malformed() {
        return new InvalidFieldsException(
                "cursor", "not a cursor this service gave out; follow the Link header's next");
    }
}
