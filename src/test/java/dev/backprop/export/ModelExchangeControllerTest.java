package dev.backprop.export;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The export and import endpoints alone: HTTP in, domain calls out, problems back. */
@WebSlice(ModelExchangeController.class)
class ModelExchangeControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelExchange exchange;

    @Test
    void answersTheFileWithItsNameAndType() throws Exception {
        given(exchange.export("m1", ExportFormat.NETWORK2))
                .willReturn(Optional.of(
                        new ModelExchange.Exported("seed.json", "application/json", new byte[] {'{', '}'})));

        mvc.perform(get("/api/v1/models/m1/export").param("format", "network2"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"seed.json\""))
                .andExpect(content().contentType("application/json"))
                .andExpect(content().string("{}"));
    }

    @Test
    void refusesAnUnknownFormatWithoutAskingTheService() throws Exception {
        mvc.perform(get("/api/v1/models/m1/export").param("format", "pickle"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("format"));
        verifyNoInteractions(exchange);
    }

    @Test
    void aModelWithoutThatFormIsAConflictAndAMissingOneNotFound() throws Exception {
        given(exchange.export("relu", ExportFormat.NETWORK2))
                .willThrow(new ModelExchange.NotExportableException("network2.py computes sigmoid layers only"));
        given(exchange.export("gone", ExportFormat.ONNX)).willReturn(Optional.empty());

        mvc.perform(get("/api/v1/models/relu/export").param("format", "network2"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("network2.py computes sigmoid layers only"));
        mvc.perform(get("/api/v1/models/gone/export").param("format", "onnx")).andExpect(status().isNotFound());
    }

    @Test
    void aBrokenImportIsABadRequestNamingThePart() throws Exception {
        given(exchange.importFile(any(), eq("n.json"), eq(null), eq("mnist")))
                .willThrow(new InvalidModelFileException("the file has no 'cost'"));

        mvc.perform(multipart("/api/v1/models").file(new MockMultipartFile("file", "n.json", null, "{}".getBytes())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.detail").value("file: the file has no 'cost'"));
    }
}
