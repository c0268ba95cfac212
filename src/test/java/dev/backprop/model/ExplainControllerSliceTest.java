package dev.backprop.model;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import java.util.Map;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** Explanations of a real (untrained) network: JSON or a heat map by Accept, and the refused requests. */
@WebSlice(ExplainController.class)
@Import(ImageConfiguration.class)
@EnableConfigurationProperties(ImageProperties.class)
class ExplainControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    ModelStore models;

    @BeforeEach
    void oneModel() {
        given(models.find("m")).willReturn(Optional.of(TinyModels.of("m", 784, 4, 10)));
    }

    private ResultActions explain(String id, Map<String, Object> body, MediaType accept) throws Exception {
        return mvc.perform(post("/api/v1/models/{id}/explain", id)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(accept)
                .content(json.writeValueAsString(body)));
    }

    private void refuse(Map<String, Object> body, String field) throws Exception {
        explain("m", body, MediaType.APPLICATION_JSON)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    @Test
    void answersJsonOrAHeatMapAsAccepted() throws Exception {
        explain("m", Map.of("pixels", new int[784], "method", "saliency"), MediaType.APPLICATION_JSON)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        explain("m", Map.of("pixels", new int[784], "method", "saliency"), MediaType.IMAGE_PNG)
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_PNG));
    }

    @Test
    void badFieldsAreNamed() throws Exception {
        refuse(Map.of("pixels", new int[784], "method", "shap"), "method");
        refuse(Map.of("pixels", new int[784], "steps", 0), "steps");
        refuse(Map.of("pixels", new int[784], "baseline", "grey"), "baseline");
        refuse(Map.of("pixels", new int[783]), "pixels");
    }

    @Test
    void anUnknownModelIsA404Problem() throws Exception {
        explain("nope", Map.of("pixels", new int[784]), MediaType.APPLICATION_JSON)
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
    }

    @Test
    void aPictureFormNeedsOneFileAndWholeNumbers() throws Exception {
        mvc.perform(multipart("/api/v1/models/m/explain")
                        .file(new MockMultipartFile("picture", "a.png", "image/png", new byte[] {1})))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        mvc.perform(multipart("/api/v1/models/m/explain")
                        .file(new MockMultipartFile("file", "a.png", "image/png", new byte[] {1}))
                        .param("steps", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("steps"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("not a whole number")));
    }
}
