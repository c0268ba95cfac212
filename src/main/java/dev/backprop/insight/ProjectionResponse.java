package dev.backprop.insight;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Examples placed by their last hidden layer's first two principal components. */
@Schema(description = "The last hidden layer's activations projected on their first two principal components")
record ProjectionResponse(
        String model,
        String dataset,
        String split,

        @Schema(description = "Units of the last hidden layer", example = "30")
        int units,

        List<Point> points,

        @Schema(description = "Share of the variance each of the two components explains", example = "[0.21, 0.12]")
        double[] explainedVariance) {

    /** One example: where it lands, its true label, and what the model predicted. */
    @Schema(name = "ProjectionPoint")
    record Point(double x, double y, int label, int predicted) {}
}
