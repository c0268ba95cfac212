package dev.backprop.model;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import dev.backprop.image.Pictures;
import java.awt.Color;
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

/** Pictures refused before any network sees them: not a picture, empty, no ink, no file part, several. */
@WebSlice(PictureController.class)
@Import(ImageConfiguration.class)
@EnableConfigurationProperties({PredictionProperties.class, ImageProperties.class})
class PictureControllerSliceTest {

    private static final byte[] SEVEN = Pictures.png(Pictures.seven(280, 280, Color.WHITE, Color.BLACK, 24));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ModelStore models;

    @BeforeEach
    void oneModel() {
        given(models.find("m")).willReturn(Optional.of(TinyModels.of("m", 784, 4, 10)));
    }

    private static MockMultipartFile file(String name, byte[] bytes) {
        return new MockMultipartFile("file", name, MediaType.APPLICATION_OCTET_STREAM_VALUE, bytes);
    }

    private ResultActions refuse(String path, int status, MockMultipartFile... files) throws Exception {
        var request = multipart("/api/v1/models/m" + path);
        for (MockMultipartFile file : files) {
            request.file(file);
        }
        return mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aPictureIsAnsweredWithTheInputTheModelSaw() throws Exception {
        mvc.perform(multipart("/api/v1/models/m/predict").file(file("seven.png", SEVEN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.probabilities.length()").value(10))
                .andExpect(jsonPath("$.input.length()").value(28));
    }

    @Test
    void whatIsNotAPictureIs415() throws Exception {
        refuse("/predict", 415, file("digits.csv", "label,p0\n7,0\n".getBytes()))
                .andExpect(jsonPath("$.type").value("/problems/unsupported-media-type"))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value(Matchers.allOf(
                                Matchers.containsString("'digits.csv'"),
                                Matchers.containsString("not a PNG, JPEG, GIF or BMP"))));
    }

    @Test
    void anEmptyFileIs400() throws Exception {
        refuse("/predict", 400, file("empty.png", new byte[0]))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("empty")));
    }

    @Test
    void aPictureWithoutInkIs400SayingSo() throws Exception {
        byte[] blank = Pictures.png(Pictures.rectangle(200, 200, Color.WHITE, Color.WHITE, 0, 0, 1, 1));
        refuse("/predict", 400, file("blank.png", blank))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("no ink")));
    }

    @Test
    void aRequestWithoutAFilePartIs400() throws Exception {
        MockMultipartFile picture = new MockMultipartFile("picture", "seven.png", "image/png", SEVEN);
        refuse("/predict", 400, picture).andExpect(jsonPath("$.errors[0].field").value("file"));
        refuse("/predict/batch", 400, picture)
                .andExpect(jsonPath("$.errors[0].field").value("file"));
    }

    @Test
    void severalFilesGoToTheBatchEndpoint() throws Exception {
        refuse("/predict", 400, file("a.png", SEVEN), file("b.png", SEVEN))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("/predict/batch")));
    }

    @Test
    void aBatchNamesEveryBadPicture() throws Exception {
        refuse(
                        "/predict/batch",
                        400,
                        file("a.png", SEVEN),
                        file("b.png", new byte[0]),
                        file("c.png", SEVEN),
                        file("d.txt", "hello".getBytes()))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("file[1]"))
                .andExpect(jsonPath("$.errors[1].field").value("file[3]"));
    }

    @Test
    void anUnknownModelIs404ForPicturesToo() throws Exception {
        mvc.perform(multipart("/api/v1/models/nope/predict").file(file("seven.png", SEVEN)))
                .andExpect(status().isNotFound());
    }
}
