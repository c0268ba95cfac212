package dev.backprop.paging;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/** A page as an HTTP answer: the items as a JSON array, and {@code Link: <…>; rel="next"} while more remain. */
public final class PageAnswer {

    private PageAnswer() {}

    public static <T> ResponseEntity<List<T>> of(Page<T> page, int limit, HttpServletRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (page.next() != null) {
            // Relative, like Location: the same path and filters, this limit, the next cursor.
            String next = UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString())
                    .replaceQueryParam("limit", limit)
                    .replaceQueryParam("cursor", page.next().encode())
                    .build()
                    .toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(page.items());
    }
}
