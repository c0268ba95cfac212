package dev.backprop.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import dev.backprop.dataset.IdxFiles;
import dev.backprop.dataset.SyntheticCatalog;
import dev.backprop.model.ModelStore;
import dev.backprop.model.TinyModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** Looking inside real (untrained) networks over the synthetic digits: the pictures and the refusals. */
@WebSlice(InsightController.class)
@Import(SyntheticCatalog.class)
class InsightControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    ModelStore models;

    @BeforeEach
    void twoModels() {
        given(models.find("model")).willReturn(Optional.of(TinyModels.of("model", 784, 4, 10)));
        given(models.find("no-hidden")).willReturn(Optional.of(TinyModels.of("no-hidden", 784, 10)));
    }

    private ResultActions project(String id, Map<String, Object> body) throws Exception {
        return mvc.perform(post("/api/v1/models/{id}/projection", id)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }

    @Test
    void aNetworkWithoutAHiddenLayerHasNothingToProjectAndBadRequestsAreNamed() throws Exception {
        project("no-hidden", Map.of())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("hidden layer")));
        project("model", Map.of("split", "validation"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("split"));
        project("model", Map.of("count", 1))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("count"));
        project("nope", Map.of()).andExpect(status().isNotFound());
    }

    @Test
    void aBadZoomIsNamedAndAnUnknownModelIs404() throws Exception {
        mvc.perform(get("/api/v1/models/model/receptive-fields.png?zoom=9"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("zoom"));
        mvc.perform(get("/api/v1/models/nope/receptive-fields.png"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
    }

    @Test
    void anExampleComesAsTheDatasetHoldsIt() throws Exception {
        byte[] png = mvc.perform(get("/api/v1/datasets/mnist/test/3.png"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(28);
        int[] expected = IdxFiles.pixels(IdxFiles.syntheticDigits(SyntheticCatalog.TEST, 2), 3);
        for (int i = 0; i < 784; i++) {
            assertThat(image.getRaster().getSample(i % 28, i / 28, 0)).isEqualTo(expected[i]);
        }
        mvc.perform(get("/api/v1/datasets/mnist/test/500.png")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/datasets/mnist/validation/3.png"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("split"));
    }

    /** Generated Python clients send the first JSON type an operation lists as Accept: the problem's, here. */
    @Test
    void aClientAcceptingOnlyProblemsStillGetsThePictures() throws Exception {
        for (String uri :
                new String[] {"/api/v1/datasets/mnist/test/3.png", "/api/v1/models/model/receptive-fields.png"}) {
            mvc.perform(get(uri).header("Accept", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType(MediaType.IMAGE_PNG));
        }
        mvc.perform(get("/api/v1/datasets/mnist/test/500.png")
                        .header("Accept", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
