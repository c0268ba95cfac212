package dev.backprop.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The origin check against DNS rebinding: an attacker's page under its own name, rebound to this
 * machine's address, sends {@code Host} and {@code Origin} that match each other; only names no one
 * else's DNS can point here, or configured origins, count as the service's own page.
 */
class OriginFilterTest {

    private final OriginFilter filter = new OriginFilter(
            new SecurityProperties(null, List.of("https://dashboard.example.com")),
            JsonMapper.builder().build(),
            new OwnHostNames(Set.of("trainer-01")));

    private int status(String method, String host, String origin) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/jobs/x/cancel");
        request.addHeader("Host", host);
        if (!origin.isEmpty()) {
            request.addHeader("Origin", origin);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @ParameterizedTest
    @CsvSource({
        "evil.example:8080, http://evil.example:8080, 403",
        "evil.example, https://evil.example, 403",
        "localhost.evil.example:8080, http://localhost.evil.example:8080, 403",
        "evil.example:8080, http://localhost:8080, 403",
        "localhost:8080, http://localhost:8080, 200",
        "app.localhost:8080, http://app.localhost:8080, 200",
        "127.0.0.1:8080, http://127.0.0.1:8080, 200",
        "192.168.1.5:8080, http://192.168.1.5:8080, 200",
        "[::1]:8080, http://[::1]:8080, 200",
        "trainer-01:8080, http://trainer-01:8080, 200",
        "dashboard.example.com, https://dashboard.example.com, 200",
        "evil.example:8080, '', 200"
    })
    void onlyOwnNamesOrConfiguredOriginsMayChangeState(String host, String origin, int expected) throws Exception {
        assertThat(status("POST", host, origin)).isEqualTo(expected);
        assertThat(status("DELETE", host, origin)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"evil.example:8080, http://evil.example:8080"})
    void readsAreNotChecked(String host, String origin) throws Exception {
        assertThat(status("GET", host, origin)).isEqualTo(200);
    }
}
