package dev.backprop.curve;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/learning-curves")
@Tag(name = "Learning curves", description = "Accuracy by amount of training data, with a bias/variance reading")
class LearningCurveController {

    private final LearningCurveService curves;
    private final CurveEvents events;

    LearningCurveController(LearningCurveService curves, CurveEvents events) {
        this.curves = curves;
        this.events = events;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "submitLearningCurve",
            summary = "Start a learning curve",
            description = "Checks every point's job as `POST /api/v1/jobs` would, records the curve and answers at"
                    + " once. Each size (and seed) trains the base on the first `size` training examples after"
                    + " `validationSize` are held out of the first `size + validationSize`; its metrics are"
                    + " measured once, after its last epoch. With `scaleL2` the base's `l2` is network2's λ at the"
                    + " largest size (weight decay 1 − ηλ/n per step, n the size).")
    @ApiResponse(responseCode = "202", description = "Queued; `Location` names the curve")
    @ApiResponse(responseCode = "400", description = "A bad field, each named")
    ResponseEntity<LearningCurve> submit(@Valid @RequestBody LearningCurveRequest request) {
        LearningCurve curve = curves.submit(request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/learning-curves/" + curve.id()))
                .body(curve);
    }

    @GetMapping
    @Operation(operationId = "listLearningCurves", summary = "List learning curves", description = "Newest first")
    List<LearningCurve> list() {
        return curves.list();
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getLearningCurve",
            summary = "Get a learning curve",
            description = "Its points (size, seed, epochs, training, validation and test accuracy, job) and diagnosis")
    @ApiResponse(responseCode = "200", description = "The curve")
    @ApiResponse(responseCode = "404", description = "No such curve")
    LearningCurve get(@PathVariable String id) {
        return curves.get(id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            operationId = "cancelLearningCurve",
            summary = "Cancel a learning curve",
            description = "Stops every point")
    @ApiResponse(responseCode = "200", description = "Cancelling; the curve ends CANCELLED within a poll")
    @ApiResponse(responseCode = "404", description = "No such curve")
    @ApiResponse(responseCode = "409", description = "The curve has already finished")
    LearningCurve cancel(@PathVariable String id) {
        return curves.cancel(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "streamLearningCurveEvents",
            summary = "Stream a learning curve's events",
            description = "A `curve` event with the whole record whenever it changes; the stream ends when it finishes")
    @ApiResponse(responseCode = "200", description = "The event stream")
    @ApiResponse(responseCode = "404", description = "No such curve")
    SseEmitter events(@PathVariable String id) {
        curves.get(id);
        return events.subscribe(id);
    }
}
