package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset endpoints over a real catalogue (the synthetic digits built in, uploads in memory): broken
 * uploads refused naming the part with nothing stored, and deletes refused while a job needs the dataset.
 */
@WebSlice({DatasetController.class, DatasetFormsController.class})
@Import(SyntheticCatalog.class)
class DatasetControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    DatasetUsage usage;

    private ResultActions upload(String path, Map<String, byte[]> files, Map<String, String> fields) throws Exception {
        MockMultipartHttpServletRequestBuilder request = multipart(path);
        files.forEach((part, bytes) -> request.file(new MockMultipartFile(part, part + ".bin", null, bytes)));
        fields.forEach(request::param);
        return mvc.perform(request);
    }

    private int datasets() throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/datasets"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray())
                .size();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a labels file as images        | wrong magic       | trainImages | not an IDX images file (magic number 0x00000801
            fewer labels than images       | count mismatch    | trainLabels | holds 999 labels but trainImages holds 1000 images
            a label of 12                  | bad label         | testLabels  | label 12 at index 5 is outside 0–9
            gzip cut short                 | truncated gzip    | trainImages | the gzip data ends early
            32×32 images                   | wrong size        | testImages  | images are 32×32, expected 28×28
            fewer bytes than declared      | short images      | trainImages | declares 1000 images of 28×28 (784000 bytes) but holds only
            a CSV row one value short      | short row         | test        | line 4: has 784 values; expected 785
            a word among the pixels        | word in CSV       | train       | line 3: pixel 9 (value 11) is 'dark', not a whole number 0–255
            an empty part                  | empty part        | testLabels  | is empty
            a missing part                 | missing part      | testLabels  | is missing; an IDX upload needs trainImages, trainLabels, testImages, testLabels
            IDX and CSV parts together     | both formats      | train       | send either the IDX parts
            a misspelt part                | unknown part      | trainimages | is not a part of a dataset upload
            no files at all                | nothing           | trainImages | no dataset in the upload
            classes that are not a number  | bad classes       | classes     | must be a whole number from 2 to 128, not 'ten'
            """)
    void aBrokenUploadIsRefusedNamingThePartAndNothingIsStored(
            String what, String breakage, String part, String message) throws Exception {
        int before = datasets();
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, byte[]> files = UploadParts.broken(breakage, fields);

        JsonNode problem = json.readTree(upload("/api/v1/datasets", files, fields)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn()
                .getResponse()
                .getContentAsByteArray());

        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(problem.get("detail").asString()).contains(part + ": ").doesNotContain("Exception");
        assertThat(problem.get("errors").valueStream().toList()).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(part);
            assertThat(error.get("message").asString()).contains(message);
        });
        assertThat(datasets()).isEqualTo(before);
    }

    @Test
    void aNameWithANulCharacterIsA400NamingIt() throws Exception {
        String problem = upload("/api/v1/datasets", UploadParts.idxParts(), Map.of("name", "nul\u0000inside"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(problem).contains("\"name\"").contains("U+0000");
    }

    @Test
    void builtInDatasetsCannotBeDeleted() throws Exception {
        mvc.perform(delete("/api/v1/datasets/{id}", "mnist"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("dataset 'mnist' is built in and cannot be deleted"));
    }

    @Test
    void anUploadIsCreatedAtItsLocationAndDeletedOnceNoJobNeedsIt() throws Exception {
        String id = json.readTree(upload("/api/v1/datasets/csv", UploadParts.csvParts(), Map.of("name", "squares"))
                        .andExpect(status().isCreated())
                        .andExpect(header().string("Location", Matchers.startsWith("/api/v1/datasets/")))
                        .andExpect(jsonPath("$.trainingSize").value(1000))
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray())
                .get("id")
                .asString();

        given(usage.unfinishedJobsUsing(id)).willReturn(List.of("job-1"));
        mvc.perform(delete("/api/v1/datasets/{id}", id))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/conflict"))
                .andExpect(jsonPath("$.jobs[0]").value("job-1"));
        given(usage.unfinishedJobsUsing(id)).willReturn(List.of());
        mvc.perform(delete("/api/v1/datasets/{id}", id)).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/datasets/{id}", id))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
        mvc.perform(delete("/api/v1/datasets/{id}", id)).andExpect(status().isNotFound());
    }

    @Test
    void theIdxFormNamesAMissingPart() throws Exception {
        Map<String, byte[]> parts = UploadParts.idxParts();
        parts.remove("testLabels");
        upload("/api/v1/datasets/idx", parts, Map.of())
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("testLabels")))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("testLabels"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.startsWith("is missing")));
    }
}
