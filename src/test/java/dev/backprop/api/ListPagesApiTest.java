package dev.backprop.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four lists a page at a time, as API.md's "Lists" says: {@code limit} (default 100, at most 1000),
 * an opaque {@code cursor}, {@code Link: <…>; rel="next"} while more remain, every item once even while
 * new ones are added, {@code ?status=} on jobs and sweeps, and a 400 naming the parameter otherwise.
 */
class ListPagesApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final String TINY_JOB = """
            {"name": "tiny", "layers": [784, 10], "epochs": 1, "trainLimit": 100, "seed": 1}""";

    @Test
    void followingNextVisitsEveryJobOnceWhileNewOnesArrive() {
        List<String> submitted = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            submitted.add(submit(TINY_JOB).id());
        }
        List<String> before = ids(page("/api/v1/jobs?limit=1000").body());

        List<String> visited = new ArrayList<>();
        List<String> addedMeanwhile = new ArrayList<>();
        String next = "/api/v1/jobs?limit=3";
        int pages = 0;
        while (next != null) {
            Answer answer = page(next);
            assertThat(answer.body().size()).isBetween(1, 3);
            visited.addAll(ids(answer.body()));
            addedMeanwhile.add(submit(TINY_JOB).id());
            next = answer.next();
            pages++;
        }

        assertThat(visited)
                .as("every job there when the walk began, once, newest first")
                .isEqualTo(before);
        assertThat(visited).containsAll(submitted).doesNotContainAnyElementsOf(addedMeanwhile);
        assertThat(pages).isEqualTo((before.size() + 2) / 3);
        for (String id : addedMeanwhile) {
            awaitFinished(id, Duration.ofSeconds(60));
        }
    }

    @Test
    void statusFiltersJobsAndModelsPageToo() {
        List<String> jobs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            jobs.add(submit(TINY_JOB).id());
        }
        List<String> models = new ArrayList<>();
        for (String id : jobs) {
            Job done = awaitFinished(id, Duration.ofSeconds(60));
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            models.add(done.modelId());
        }

        JsonNode succeeded = page("/api/v1/jobs?status=SUCCEEDED&limit=1000").body();
        assertThat(ids(succeeded)).containsAll(jobs);
        succeeded.forEach(job -> assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED"));
        assertThat(ids(page("/api/v1/jobs?status=CANCELLED&limit=1000").body())).doesNotContainAnyElementsOf(jobs);

        Answer first = page("/api/v1/jobs?status=SUCCEEDED&limit=1");
        assertThat(first.next())
                .contains("status=SUCCEEDED")
                .contains("limit=1")
                .contains("cursor=");

        assertThat(walk("/api/v1/models?limit=2"))
                .isEqualTo(ids(page("/api/v1/models?limit=1000").body()))
                .containsAll(models)
                .doesNotHaveDuplicates();
    }

    @Test
    void datasetsAndSweepsPageWithTheSameParameters() {
        assertThat(walk("/api/v1/datasets?limit=1"))
                .isEqualTo(ids(page("/api/v1/datasets").body()))
                .startsWith("mnist");
        Answer sweeps = page("/api/v1/sweeps?status=SUCCEEDED&limit=1000");
        sweeps.body()
                .forEach(sweep -> assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED"));
        assertThat(page("/api/v1/sweeps").next()).isNull();
    }

    @Test
    void aBadLimitCursorOrStatusIsA400NamingIt() {
        for (String list : List.of("/api/v1/jobs", "/api/v1/models", "/api/v1/datasets", "/api/v1/sweeps")) {
            assertBad(list + "?limit=0", "limit");
            assertBad(list + "?limit=1001", "limit");
            assertBad(list + "?limit=many", "limit");
            assertBad(list + "?cursor=not-a-cursor", "cursor");
            assertBad(list + "?cursor=MTo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OmFiYw", "cursor");
        }
        assertBad("/api/v1/jobs?status=DONE", "status");
        assertBad("/api/v1/sweeps?status=DONE", "status");
        assertThat(page("/api/v1/jobs?limit=1000").body().size()).isLessThanOrEqualTo(1000);
    }

    private void assertBad(String uri, String parameter) {
        String problem = client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem).as(uri).contains(parameter);
    }

    /** Every id a walk of the list from {@code first} visits, following {@code next}. */
    private List<String> walk(String first) {
        List<String> visited = new ArrayList<>();
        String next = first;
        while (next != null) {
            Answer answer = page(next);
            visited.addAll(ids(answer.body()));
            next = answer.next();
        }
        return visited;
    }

    private Answer page(String uri) {
        var result = client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        String link = result.getResponseHeaders().getFirst(HttpHeaders.LINK);
        String next = null;
        if (link != null) {
            Matcher matcher = NEXT.matcher(link);
            assertThat(matcher.matches()).as(link).isTrue();
            next = matcher.group(1);
        }
        return new Answer(JSON.readTree(result.getResponseBody()), next);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private record Answer(JsonNode body, String next) {}
}
