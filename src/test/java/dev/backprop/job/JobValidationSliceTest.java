package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every kind of bad training request gets a 400 problem that names the field and says what is wrong:
 * the job controller with the real validator, its limits and a real catalogue of the synthetic digits.
 */
@WebSlice(JobController.class)
@Import(TrainingChecks.class)
class JobValidationSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private static final String JOB = "{\"layers\": [784, 10, 10], \"epochs\": 1}";

    @MockitoBean
    JobService jobs;

    @MockitoBean
    JobEvents events;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            layers not starting with 784      | {"layers": [100, 30, 10]}                         | layers         | must start with 784
            layers not ending with 10         | {"layers": [784, 30, 7]}                          | layers         | must end with 10
            a layer of size 0                 | {"layers": [784, 0, 10]}                          | layers[1]      | must be greater than 0
            a negative layer size             | {"layers": [784, -3, 10]}                         | layers[1]      | must be greater than 0
            no layers                         | {"epochs": 3}                                     | layers         | must not be empty
            only one layer                    | {"layers": [784]}                                 | layers         | 2 to 16 sizes
            a network too large               | {"layers": [784, 100000, 10]}                     | layers         | backprop.training.max-parameters
            zero epochs                       | {"layers": [784, 30, 10], "epochs": 0}            | epochs         | must be greater than 0
            too many epochs                   | {"layers": [784, 30, 10], "epochs": 100000}       | epochs         | backprop.training.max-epochs
            negative batch size               | {"layers": [784, 30, 10], "batchSize": -1}        | batchSize      | must be greater than 0
            too large a batch                 | {"layers": [784, 30, 10], "batchSize": 999999}    | batchSize      | backprop.training.max-batch-size
            zero learning rate                | {"layers": [784, 30, 10], "learningRate": 0}      | learningRate   | must be greater than 0
            a huge learning rate              | {"layers": [784, 30, 10], "learningRate": 5000}   | learningRate   | 1000
            an infinite learning rate         | {"layers": [784, 30, 10], "learningRate": 1e999}  | learningRate   |
            dropout of 1                      | {"layers": [784, 30, 10], "dropout": 1}           | dropout        | must be less than 1
            negative l2                       | {"layers": [784, 30, 10], "l2": -0.1}             | l2             | greater than or equal to 0
            momentum of 1.5                   | {"layers": [784, 30, 10], "momentum": 1.5}        | momentum       | must be less than 1
            an unknown activation             | {"layers": [784, 30, 10], "hiddenActivation": "swish"} | hiddenActivation | 'swish' is not one of sigmoid, tanh, relu, softplus
            softmax on a hidden layer         | {"layers": [784, 30, 10], "hiddenActivation": "softmax"} | hiddenActivation | not one of
            an unknown loss                   | {"layers": [784, 30, 10], "loss": "hinge"}        | loss           | not one of quadratic, cross_entropy
            an unknown optimizer              | {"layers": [784, 30, 10], "optimizer": "lbfgs"}   | optimizer      | not one of sgd, momentum, rmsprop, adam
            an unknown initialisation         | {"layers": [784, 30, 10], "init": "zeros"}        | init           | not one of normal, scaled_normal, xavier, he
            cross-entropy on identity outputs | {"layers": [784, 30, 10], "loss": "cross_entropy", "outputActivation": "identity"} | loss | needs outputActivation softmax or sigmoid
            early stopping without validation | {"layers": [784, 30, 10], "earlyStoppingPatience": 3} | earlyStoppingPatience | needs validationSize
            a validation set as large as all  | {"layers": [784, 30, 10], "validationSize": 2000} | validationSize | must leave examples to train on
            measuring every 0 epochs          | {"layers": [784, 30, 10], "measureEvery": 0}      | measureEvery   | must be greater than 0
            an unknown dataset                | {"layers": [784, 30, 10], "dataset": "cifar"}     | dataset        | no dataset named 'cifar'
            a string for a number             | {"layers": [784, 30, 10], "epochs": "many"}       | epochs         | expected a whole number
            a fraction for a whole number     | {"layers": [784, 30, 10], "epochs": 2.5}          | epochs         | expected a whole number
            an object for the layers          | {"layers": {"a": 1}}                              | layers         | expected an array
            a string in the layers            | {"layers": [784, "x", 10]}                        | layers[1]      | expected a whole number
            an unknown schedule               | {"layers": [784, 30, 10], "schedule": {"type": "warm"}} | schedule.type | not one of constant, step, exponential, cosine, onecycle
            a schedule without a type         | {"layers": [784, 30, 10], "schedule": {"factor": 0.5}} | schedule.type | must not be null
            step decay without its period     | {"layers": [784, 30, 10], "schedule": {"type": "step", "factor": 0.5}} | schedule.every | is needed by a step schedule
            a factor above 1                  | {"layers": [784, 30, 10], "schedule": {"type": "exponential", "factor": 1.5}} | schedule.factor | less than or equal to 1
            a field of another schedule       | {"layers": [784, 30, 10], "schedule": {"type": "cosine", "maxRate": 1}} | schedule.maxRate | is not a field of a cosine schedule
            one-cycle peaking below its start | {"layers": [784, 30, 10], "learningRate": 3, "schedule": {"type": "onecycle", "maxRate": 1}} | schedule.maxRate | must be at least learningRate
            a warm-up of the whole run        | {"layers": [784, 30, 10], "schedule": {"type": "onecycle", "maxRate": 5, "warmup": 1}} | schedule.warmup | must be less than 1
            elastic distortion of sigma 0     | {"layers": [784, 30, 10], "augmentation": {"elastic": {"alpha": 34, "sigma": 0}}} | augmentation.elastic.sigma | must be greater than 0
            elastic distortion without alpha  | {"layers": [784, 30, 10], "augmentation": {"elastic": {"sigma": 4}}} | augmentation.elastic.alpha | must not be null
            a negative shift                  | {"layers": [784, 30, 10], "augmentation": {"shift": -1}} | augmentation.shift | greater than or equal to 0
            a scale of 100%                   | {"layers": [784, 30, 10], "augmentation": {"scale": 1}} | augmentation.scale | must be less than 1
            a string for a rotation           | {"layers": [784, 30, 10], "augmentation": {"rotation": "lots"}} | augmentation.rotation | expected a number
            """)
    void refusesWithTheFieldNamed(String what, String body, String field, String message) throws Exception {
        JsonNode problem = refuse(body);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(errors(problem)).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("message").asString()).contains(message == null ? "" : message);
        });
        assertThat(problem.get("detail").asString()).contains(field);
    }

    @Test
    void namesEveryBadFieldInOneAnswer() throws Exception {
        JsonNode problem = refuse("""
                {"layers": [100, 30, 7], "epochs": 0, "batchSize": 0, "learningRate": -1, "dropout": 2}""");
        assertThat(errors(problem))
                .extracting(error -> error.get("field").asString())
                .contains("layers", "epochs", "batchSize", "learningRate", "dropout");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed JSON        | {"layers": [784, 30, 10]
            an empty body         | ``
            an array for the body | [784, 30, 10]
            a bare string         | "train please"
            """)
    void refusesBodiesThatAreNotARequest(String what, String body) throws Exception {
        JsonNode problem = refuse(body == null ? "" : body);
        assertThat(problem.get("detail").asString())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("tools.jackson");
    }

    @Test
    void refusesOtherContentTypesWith415() throws Exception {
        mvc.perform(post("/api/v1/jobs").contentType(MediaType.TEXT_PLAIN).content("layers=784,30,10"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/unsupported-media-type"));
    }

    @Test
    void aHugeValueIsEchoedCutShort() throws Exception {
        String huge = "x".repeat(1_000_000);
        JsonNode problem = refuse("{\"layers\": [784, 30, 10], \"loss\": \"" + huge + "\"}");
        assertThat(problem.get("detail").asString())
                .contains("(1000000 characters)")
                .hasSizeLessThan(300);
    }

    @Test
    void aNameThatLooksLikeAnIdOrHoldsASeparatorIsRefused() throws Exception {
        for (String bad : List.of(UUID.randomUUID().toString(), "a/b", "a@b")) {
            assertThat(errors(refuse(json.writeValueAsString(
                                    Map.of("modelName", bad, "layers", List.of(784, 10), "epochs", 1))))
                            .get(0)
                            .get("field")
                            .asString())
                    .isEqualTo("modelName");
        }
        assertThat(errors(refuse(json.writeValueAsString(
                                Map.of("name", "left/right", "layers", List.of(784, 10), "epochs", 1))))
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("name");
    }

    // Names PostgreSQL cannot store (U+0000, control characters, broken UTF-16) are refused on every
    // database, before anything is stored; and a huge value is never echoed back whole.
    @ParameterizedTest
    @CsvSource({"name", "modelName", "dataset"})
    void aNameWithANulCharacterIsA400NamingTheField(String field) throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(JOB);
        body.put(field, "nul\u0000inside");
        JsonNode problem = refuse(json.writeValueAsString(body));
        assertThat(fields(problem)).contains(field);
        assertThat(problem.get("detail").asString()).contains("U+0000");
    }

    @ParameterizedTest
    @CsvSource({"name", "dataset"})
    void anUnpairedSurrogateOrAControlCharacterIsRefusedToo(String field) throws Exception {
        // Escaped in the JSON text: a lone surrogate cannot travel as UTF-8 bytes.
        String value = field.equals("name") ? "broken \\ud800 text" : "line\\nbreak";
        String body = "{\"layers\": [784, 10, 10], \"epochs\": 1, \"" + field + "\": \"" + value + "\"}";
        assertThat(fields(refuse(body))).contains(field);
    }

    @ParameterizedTest
    @CsvSource({"name", "dataset", "modelName"})
    void aTenMegabyteValueIsNotEchoedBack(String field) throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(JOB);
        body.put(field, "d".repeat(10_000_000));
        assertThat(fields(refuse(json.writeValueAsString(body)))).contains(field);
    }

    private JsonNode refuse(String body) throws Exception {
        String answer = mvc.perform(post("/api/v1/jobs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer.getBytes(StandardCharsets.UTF_8).length)
                .as("the problem's size")
                .isLessThan(20_000);
        return json.readTree(answer);
    }

    private static List<String> fields(JsonNode problem) {
        return errors(problem).stream()
                .map(error -> error.get("field").asString())
                .toList();
    }

    private static List<JsonNode> errors(JsonNode problem) {
        assertThat(problem.has("errors")).as("errors in %s", problem).isTrue();
        return problem.get("errors").valueStream().toList();
    }
}
