package dev.backprop.model;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Multipart bodies for the picture endpoints, built without the reactive stack. */
public final class PictureParts {

    private final MultiValueMap<String, HttpEntity<?>> parts = new LinkedMultiValueMap<>();

    /** One {@code file} part per file name and content pair. */
    public static PictureParts files(Object... namesAndContents) {
        PictureParts body = new PictureParts();
        for (int k = 0; k < namesAndContents.length; k += 2) {
            body.part("file", (String) namesAndContents[k], (byte[]) namesAndContents[k + 1]);
        }
        return body;
    }

    public PictureParts part(String name, String filename, byte[] content) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(
                ContentDisposition.formData().name(name).filename(filename).build());
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        parts.add(name, new HttpEntity<>(content, headers));
        return this;
    }

    public MultiValueMap<String, HttpEntity<?>> build() {
        return parts;
    }
}
