package dev.backprop.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.failure.InvalidFieldsException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tomcat's error page writes problems with a mapper of its own: they must read like every other problem. */
class ProblemWriterTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void outsideTheContextAProblemHasItsStandardMembersAndItsPropertiesBesideThem() {
        String body = ProblemWriter.outsideTheContext()
                .body(Problems.INVALID_REQUEST.withErrors(List.of(new FieldProblem("limit", "must be positive"))));

        Map<String, Object> problem = json.readValue(body, new TypeReference<Map<String, Object>>() {});
        assertThat(problem)
                .containsOnlyKeys("type", "title", "status", "detail", "errors")
                .containsEntry("type", "/problems/invalid-request")
                .containsEntry("title", "Invalid request")
                .containsEntry("status", 400)
                .containsEntry("detail", "limit: must be positive")
                .containsEntry("errors", List.of(Map.of("field", "limit", "message", "must be positive")));
    }

    @Test
    void aProblemListsItsFirstFiftyFieldsAndSaysHowManyThereWere() {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            problems.add(new FieldProblem("pixels[" + i + "]", "x".repeat(600)));
        }

        Map<?, ?> problem = json.readValue(
                ProblemWriter.outsideTheContext().body(Problems.INVALID_REQUEST.withErrors(problems)), Map.class);

        assertThat((List<?>) problem.get("errors")).hasSize(Problems.MAX_ERRORS);
        assertThat((String) problem.get("detail")).startsWith("the first 50 of 60 problems: pixels[0]: xxx");
        Map<?, ?> first = (Map<?, ?>) ((List<?>) problem.get("errors")).get(0);
        assertThat((String) first.get("message")).hasSizeLessThan(600).endsWith("(600 characters)");
    }
}
