package dev.backprop.config;

import dev.backprop.problem.ProblemWriter;
import dev.backprop.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards writes with {@code backprop.security.api-key}: a POST, PUT, PATCH or DELETE without the right
 * {@code X-API-Key} gets a 401 problem. The comparison takes the same time however much of the key is
 * right, so the key cannot be guessed a character at a time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final SecurityProperties security;
    private final JsonMapper json;
    private final ProblemWriter problems;

    ApiKeyFilter(SecurityProperties security, JsonMapper json) {
        this.security = security;
        this.json = json;
        this.problems = new ProblemWriter(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !security.apiKeyRequired() || !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        if (given != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8),
                        security.apiKey().getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        String reason = given == null
                ? "this request changes state: send the API key in the " + HEADER + " header"
                : "the " + HEADER + " header does not hold the right API key";
        if (request.getRequestURI().startsWith("/v2/")) {
            // The Open Inference Protocol's own error shape, as its clients expect.
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(java.util.Map.of("error", reason)));
            return;
        }
        ProblemDetail problem = Problems.UNAUTHORIZED.detail(reason);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        problems.write(response, problem);
    }
}
