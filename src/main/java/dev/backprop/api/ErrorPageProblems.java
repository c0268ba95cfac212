package dev.backprop.api;

import dev.backprop.problem.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page for failures raised outside Spring MVC's handlers (the servlet container's own
 * 405 for {@code TRACE}, a filter's {@code sendError}): a problem like every other, in place of
 * Boot's JSON error body.
 */
@Controller
class ErrorPageProblems implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        HttpStatus known = HttpStatus.resolve(status);
        String reason =
                known == null ? "error " + status : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        String detail = switch (status) {
            case 405 -> "this method is not supported here; the Allow header lists those that are";
            case 404 -> "nothing is at this address";
            default -> status >= 500 ? "an unexpected error occurred; it has been logged" : reason;
        };
        ProblemDetail problem = Problems.forStatus(status)
                .map(kind -> kind.detail(detail))
                .orElseGet(() -> ProblemDetail.forStatusAndDetail(
                        org.springframework.http.HttpStatusCode.valueOf(status), detail));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(java.net.URI.create(path));
            } catch (IllegalArgumentException unusual) {
                // A path the URI grammar refuses: left unset here, so Spring fills in the error page's own (/error).
            }
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
