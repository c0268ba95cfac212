package dev.backprop.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** The OpenAPI text of the explanation operation, which its JSON and multipart handlers share. */
final class ExplainDocs {

    static final String SUMMARY = "Explain a prediction: which pixels made the model say it";
    static final String DESCRIPTION = "The same bodies as /predict (JSON `pixels` or `image`; or"
            + " multipart/form-data part `file`, preprocessed as for /predict, with `method`, `target`, `steps`,"
            + " `baseline` as form fields), plus `method`: `integrated_gradients` (default; Sundararajan et al."
            + " 2017: the gradient averaged along the straight path from `baseline` to the input, at `steps`"
            + " midpoints, 1–512, default 64, all one batch), `saliency` (the gradient at the input) or"
            + " `occlusion` (the score each 4×4 patch loses when blanked, shared among its pixels). `target`:"
            + " the class explained, by default the predicted one. The score explained is the target's logit for"
            + " softmax outputs and its probability otherwise (`scoredOn`); integrated gradients' attributions"
            + " add up to `score − baselineScore` within `completenessError`. `Accept: image/png` answers a"
            + " 280×280 heat map instead: red for evidence for the target, blue against, over the input.";

    /** A hand-drawn 7, explained by integrated gradients from black in 64 steps. */
    static final String EXAMPLE = """
            {"method": "integrated_gradients", "steps": 64, "baseline": "black",
             "image": [
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,128,0,0,0,0],
                    [0,0,0,0,0,0,0,128,128,128,128,128,128,128,128,128,128,128,128,128,255,255,128,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,128,255,255,128,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],
                    [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}""";

    /** The multipart form's fields, for the OpenAPI document only: the handler reads them one by one. */
    @Schema(name = "ExplainPictureForm", description = "A picture, preprocessed as for /predict, and how to explain it")
    public record PictureForm(
            @Schema(
                    type = "string",
                    format = "binary",
                    description = "A PNG, JPEG, GIF or BMP",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String file,

            @Schema(
                    allowableValues = {"integrated_gradients", "saliency", "occlusion"},
                    defaultValue = "integrated_gradients")
            String method,

            @Schema(description = "The class to explain; the predicted one when absent", example = "7")
            Integer target,

            @Schema(description = "Integrated gradients' steps, 1–512", defaultValue = "64")
            Integer steps,

            @Schema(description = "\"black\" or 784 comma-separated numbers 0–255", defaultValue = "black")
            String baseline) {}

    private ExplainDocs() {}
}
