package dev.backprop.config;

import dev.backprop.problem.ProblemWriter;
import dev.backprop.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses requests that change state (POST, PUT, PATCH, DELETE) sent by a page of another origin: a
 * browser names it in {@code Origin} and says {@code Sec-Fetch-Site: cross-site}. Without an API key
 * any site the user visits could otherwise upload to or cancel jobs on their local service (a form
 * post or a {@code text/plain} fetch needs no CORS preflight). The service's own page, tools that send
 * neither header (curl, scripts) and origins in {@code backprop.security.allowed-origins} pass. The own
 * page is recognised by a host name no one else's DNS can point here ({@link OwnHostNames}), not by the
 * {@code Host} header alone, which a DNS-rebinding page sets to its own name.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OriginFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final SecurityProperties security;
    private final ProblemWriter problems;
    private final OwnHostNames ownNames;

    @Autowired
    OriginFilter(SecurityProperties security, JsonMapper json) {
        this(security, json, OwnHostNames.ofThisMachine());
    }

    OriginFilter(SecurityProperties security, JsonMapper json, OwnHostNames ownNames) {
        this.security = security;
        this.problems = new ProblemWriter(json);
        this.ownNames = ownNames;
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
        problems.write(response, problem);
    }

    private boolean allowed(HttpServletRequest request, String origin, String site) {
        if (origin != null && !"null".equals(origin)) {
            String given = SecurityProperties.origin(origin);
            int scheme = given.indexOf("://");
            if (security.allowedOrigins().contains(given)) {
                return true;
            }
            if (scheme < 0) {
                return false;
            }
            // Same host and port as the request: the service's own page (the scheme may differ behind a
            // proxy), but only under a name an attacker's DNS cannot point here. With DNS rebinding the
            // attacker's page sends Host and Origin both as evil.example, so their match proves nothing.
            String hostAndPort = given.substring(scheme + 3);
            return hostAndPort.equals(ownHost(request)) && ownNames.isOwn(hostOf(hostAndPort));
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

    /** {@code host:port} or {@code [v6]:port} without the port. */
    private static String hostOf(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    private static String shortened(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
