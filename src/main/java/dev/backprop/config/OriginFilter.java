package dev.backprop.config;

import dev.backprop.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses requests that change state (POST, PUT, PATCH, DELETE) sent by a page of another origin: a
 * browser names it in {@code Origin} and says {@code Sec-Fetch-Site: cross-site}. Without an API key
 * any site the user visits could otherwise upload to or cancel jobs on their local service (a form
 * post or a {@code text/plain} fetch needs no CORS preflight). The service's own page, tools that send
 * neither header (curl, scripts) and origins in {@code backprop.security.allowed-origins} pass.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OriginFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final SecurityProperties security;
    private final JsonMapper json;

    OriginFilter(SecurityProperties security, JsonMapper json) {
        this.security = security;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        String site = request.getHeader("Sec-Fetch-Site");
        if (allowed(request, origin, site)) {
            chain.doFilter(request, response);
            return;
        }
        String from = origin == null ? "another site (Sec-Fetch-Site: " + site + ")" : "origin " + origin;
        ProblemDetail problem = Problems.FORBIDDEN_ORIGIN.detail("a page of " + shortened(from)
                + " may not change state here; allow its origin with backprop.security.allowed-origins");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private boolean allowed(HttpServletRequest request, String origin, String site) {
        if (origin != null && !"null".equals(origin)) {
            String given = SecurityProperties.origin(origin);
            int scheme = given.indexOf("://");
            // Same host and port as the request: the service's own page (the scheme may differ behind a proxy).
            return security.allowedOrigins().contains(given)
                    || (scheme > 0 && given.substring(scheme + 3).equals(ownHost(request)));
        }
        if (origin != null) {
            return false; // "null": a sandboxed frame or a file, never the service's own page
        }
        return site == null || OWN_SITE.contains(site.toLowerCase(java.util.Locale.ROOT));
    }

    /** The host and port the client used to reach this service, from the Host header it sent. */
    private static String ownHost(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host == null ? "" : host.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String shortened(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
