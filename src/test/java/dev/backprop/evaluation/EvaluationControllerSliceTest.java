package dev.backprop.evaluation;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import dev.backprop.dataset.SyntheticCatalog;
import dev.backprop.model.ModelStore;
import dev.backprop.model.TinyModels;
import java.util.Map;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Evaluating a real (untrained) network on the synthetic digits, and the requests refused before it. */
@WebSlice(EvaluationController.class)
@Import(SyntheticCatalog.class)
class EvaluationControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    ModelStore models;

    @BeforeEach
    void oneModel() {
        given(models.find("m")).willReturn(Optional.of(TinyModels.of("m", 784, 4, 10)));
        given(models.find("three-classes")).willReturn(Optional.of(TinyModels.of("three-classes", 784, 4, 3)));
    }

    private void refuse(String id, Map<String, Object> body, String field, String message) throws Exception {
        mvc.perform(post("/api/v1/models/{id}/evaluate", id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString(message)));
    }

    @Test
    void withoutABodyItIsTheModelsDatasetAndTestSplit() throws Exception {
        mvc.perform(post("/api/v1/models/m/evaluate"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dataset").value("mnist"))
                .andExpect(jsonPath("$.split").value("test"))
                .andExpect(jsonPath("$.count").value(SyntheticCatalog.TEST))
                .andExpect(jsonPath("$.confusionMatrix.length()").value(10));
    }

    @Test
    void badRequestsNameTheirField() throws Exception {
        refuse("m", Map.of("split", "validation"), "split", "'validation' is not one of train, test");
        refuse("m", Map.of("dataset", "cifar"), "dataset", "no dataset named 'cifar'");
        refuse("m", Map.of("hardest", -1), "hardest", "between 0 and 1000");
        mvc.perform(post("/api/v1/models/{id}/evaluate", "nope")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDatasetThatDoesNotFitTheModelIsNamed() throws Exception {
        refuse("three-classes", Map.of(), "dataset", "the model takes 784 pixels and has 3 classes");
    }
}
