package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Every kind of bad training request gets a 400 problem that names the field and says what is wrong. */
class JobValidationTest extends ApiTestSupport {

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
    void refusesWithTheFieldNamed(String what, String body, String field, String message) {
        ProblemDetail problem = refuse(body);
        assertThat(problem.getType()).hasToString("/problems/invalid-request");
        assertThat(errors(problem)).anySatisfy(error -> {
            assertThat(error.get("field")).isEqualTo(field);
            assertThat((String) error.get("message")).contains(message == null ? "" : message);
        });
        assertThat(problem.getDetail()).contains(field);
    }

    @Test
    void namesEveryBadFieldInOneAnswer() {
        ProblemDetail problem = refuse("""
                {"layers": [100, 30, 7], "epochs": 0, "batchSize": 0, "learningRate": -1, "dropout": 2}""");
        assertThat(errors(problem))
                .extracting(error -> error.get("field"))
                .contains("layers", "epochs", "batchSize", "learningRate", "dropout");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed JSON        | {"layers": [784, 30, 10]
            an empty body         | ``
            an array for the body | [784, 30, 10]
            a bare string         | "train please"
            """)
    void refusesBodiesThatAreNotARequest(String what, String body) {
        ProblemDetail problem = client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body == null ? "" : body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(ProblemDetail.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem.getDetail()).isNotBlank().doesNotContain("Exception").doesNotContain("tools.jackson");
    }

    @Test
    void refusesOtherContentTypesWith415() {
        client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.TEXT_PLAIN)
                .body("layers=784,30,10")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/unsupported-media-type");
    }

    @org.junit.jupiter.api.Test
    void aHugeValueIsEchoedCutShort() {
        String huge = "x".repeat(1_000_000);
        ProblemDetail problem = refuse("{\"layers\": [784, 30, 10], \"loss\": \"" + huge + "\"}");
        assertThat(problem.getDetail()).contains("(1000000 characters)").hasSizeLessThan(300);
    }

    private ProblemDetail refuse(String body) {
        return client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(ProblemDetail.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(ProblemDetail problem) {
        assertThat(problem.getProperties()).containsKey("errors");
        return (List<Map<String, Object>>) problem.getProperties().get("errors");
    }
}
