package dev.backprop.model;

import dev.backprop.problem.ProblemWriter;
import dev.backprop.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes {@code /api/v1/models/{name}/versions/{version}/…} and {@code /v2/models/{name}/versions/{version}/…}
 * mean the model with that name and version wherever a model id goes, by rewriting the path to the
 * version's id before the endpoints see it: one place for every endpoint that takes a model, rather than
 * a second mapping on each. Every other filter sees the request either way.
 */
@Component
// Before config's SlowBodyFilter, whose async dispatch of a gathered body skips the filters after it.
@Order(Ordered.LOWEST_PRECEDENCE - 20)
class ModelVersionPaths extends OncePerRequestFilter {

    private static final Pattern VERSIONED =
            Pattern.compile("^(/api/v1/models/|/v2/models/)([^/]+)/versions/([^/]+)(/.*)?$");

    /** Absent in a web slice without the stores, where there is nothing to resolve. */
    private final ObjectProvider<ModelRegistry> registry;

    private final JsonMapper json;
    private final ProblemWriter problems;

    ModelVersionPaths(ObjectProvider<ModelRegistry> registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
        this.problems = new ProblemWriter(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().contains("/versions/") || registry.getIfAvailable() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher versioned = VERSIONED.matcher(path);
        if (!versioned.matches()) {
            chain.doFilter(request, response);
            return;
        }
        String prefix = versioned.group(1);
        String name = UriUtils.decode(versioned.group(2), StandardCharsets.UTF_8);
        String version = versioned.group(3);
        String rest = versioned.group(4) == null ? "" : versioned.group(4);
        Optional<String> id = version.matches("[0-9]{1,9}")
                ? registry.getObject().idOf(name, Integer.parseInt(version))
                : Optional.empty();
        if (id.isEmpty()) {
            notFound(response, prefix, "model '" + name + "' has no version " + version);
            return;
        }
        chain.doFilter(new Rewritten(request, prefix + id.get() + rest), response);
    }

    private void notFound(HttpServletResponse response, String prefix, String detail) throws IOException {
        if (prefix.startsWith("/v2")) {
            // The Open Inference Protocol's own error shape.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(Map.of("error", detail)));
        } else {
            problems.write(response, Problems.NOT_FOUND.detail(detail));
        }
    }

    /** The request as if it had named the version's id. */
    private static final class Rewritten extends HttpServletRequestWrapper {
        private final String path;

        Rewritten(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            HttpServletRequest original = (HttpServletRequest) getRequest();
            StringBuffer url = original.getRequestURL();
            return new StringBuffer(url.substring(
                            0, url.length() - original.getRequestURI().length()))
                    .append(getRequestURI());
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }
}
