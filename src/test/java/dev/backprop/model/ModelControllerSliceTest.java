package dev.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import dev.backprop.paging.Cursor;
import dev.backprop.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The model endpoints over a real (untrained) network: the input checks, the 404s, paging. */
@WebSlice(ModelController.class)
@EnableConfigurationProperties(PredictionProperties.class)
class ModelControllerSliceTest {

    private static final StoredModel MODEL = TinyModels.of("m", 784, 4, 10);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    ModelStore models;

    @BeforeEach
    void oneModel() {
        given(models.find("m")).willReturn(Optional.of(MODEL));
    }

    private void refuse(Object body, String field, String message) throws Exception {
        mvc.perform(post("/api/v1/models/m/predict")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString(message)));
    }

    @Test
    void predictsWithTheStoredNetwork() throws Exception {
        mvc.perform(post("/api/v1/models/m/predict")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("pixels", new int[784]))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.probabilities.length()").value(10))
                .andExpect(jsonPath("$.label")
                        .value(Matchers.both(Matchers.greaterThanOrEqualTo(0)).and(Matchers.lessThan(10))));
    }

    @Test
    void refusesImagesOfTheWrongShapeOrRange() throws Exception {
        refuse(Map.of("pixels", new int[783]), "pixels", "expected 784 numbers");
        int[] tooBright = new int[784];
        tooBright[100] = 256;
        refuse(Map.of("pixels", tooBright), "pixels[100]", "256.0 is outside 0–255");
        int[] negative = new int[784];
        negative[5] = -1;
        refuse(Map.of("pixels", negative), "pixels[5]", "outside 0–255");
        refuse(Map.of("image", new int[27][28]), "image", "expected 28 rows");
        refuse(Map.of("image", new int[28][27]), "image[0]", "expected 28 numbers");
        refuse(Map.of(), "pixels", "give either pixels");
        refuse(Map.of("pixels", new int[784], "image", new int[28][28]), "pixels", "not both");
        refuse(Map.of("pixels", "seven"), "pixels", "expected an array");
    }

    @Test
    void refusesBadBatches() throws Exception {
        mvc.perform(post("/api/v1/models/m/predict/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("images", List.of()))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("images"));
        mvc.perform(post("/api/v1/models/m/predict/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("images", List.of(new int[784], new int[3])))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("images[1]"));
    }

    @Test
    void anUnknownModelIsA404() throws Exception {
        mvc.perform(get("/api/v1/models/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
        mvc.perform(post("/api/v1/models/nope/predict")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("pixels", new int[784]))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/models/nope/predict/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("images", List.of(new int[784])))))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/models/nope")).andExpect(status().isNotFound());
        verify(models, never()).delete(any());
    }

    @Test
    void aDeleteIs204AndAListWithMoreToComeLinksOn() throws Exception {
        given(models.delete("m")).willReturn(true);
        mvc.perform(delete("/api/v1/models/m")).andExpect(status().isNoContent());
        given(models.list(any())).willReturn(new Page<>(List.of(MODEL.info()), new Cursor(Instant.EPOCH, "m")));
        mvc.perform(get("/api/v1/models?limit=1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("m"))
                .andExpect(header().string("Link", Matchers.containsString("rel=\"next\"")));
        String problem = mvc.perform(get("/api/v1/models?cursor=not-a-cursor"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(problem).contains("cursor");
    }
}
