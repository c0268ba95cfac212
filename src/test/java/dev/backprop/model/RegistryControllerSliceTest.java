package dev.backprop.model;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The registry's names, versions and aliases: what its answers and refusals look like on the wire. */
@WebSlice(RegistryController.class)
class RegistryControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ModelRegistry registry;

    @Test
    void aNameListsItsVersionsAndAliases() throws Exception {
        given(registry.versions("digits"))
                .willReturn(List.of(TinyModels.of("m2", "digits", 2, 784, 4, 10).info()));
        given(registry.aliases("digits")).willReturn(Map.of("latest", 2));
        mvc.perform(get("/api/v1/models/digits/versions"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("digits"))
                .andExpect(jsonPath("$.aliases.latest").value(2))
                .andExpect(jsonPath("$.versions[0].id").value("m2"));
    }

    @Test
    void aNameNoModelHasIsA404Problem() throws Exception {
        mvc.perform(get("/api/v1/models/nobody/versions"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("nobody")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no version        | {}
            version 0         | {"version": 0}
            a string          | {"version": "three"}
            not an object     | [3]
            """)
    void aBadAliasBodyIsA400NamingTheVersion(String what, String body) throws Exception {
        mvc.perform(put("/api/v1/models/digits/aliases/production")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("Exception"))));
        verify(registry, never()).setAlias(anyString(), anyString(), anyInt());
    }

    @Test
    void aVersionThatIsNotThereNamesTheAlias() throws Exception {
        willThrow(new IllegalArgumentException("latest is kept by the registry"))
                .given(registry)
                .setAlias("digits", "latest", 1);
        mvc.perform(put("/api/v1/models/digits/aliases/latest")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("alias"))
                .andExpect(jsonPath("$.errors[0].message").value("latest is kept by the registry"));
    }

    @Test
    void removingAnAliasIs204OnceAnd404After() throws Exception {
        given(registry.removeAlias("digits", "staging")).willReturn(true, false);
        mvc.perform(delete("/api/v1/models/digits/aliases/staging")).andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/models/digits/aliases/staging"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("model 'digits' has no alias 'staging'"));
    }
}
