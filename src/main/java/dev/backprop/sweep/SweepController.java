package dev.backprop.sweep;

import dev.backprop.job.JobStatus;
import dev.backprop.paging.PageAnswer;
import dev.backprop.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/sweeps")
@Tag(name = "Sweeps", description = "Search hyperparameters: many trials, the losers stopped early, the winner kept")
class SweepController {

    private final SweepService sweeps;
    private final SweepEvents events;

    SweepController(SweepService sweeps, SweepEvents events) {
        this.sweeps = sweeps;
        this.events = events;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "submitSweep",
            summary = "Start a sweep",
            description = "Checks the whole search (every choice and both ends of every range, as a job would be "
                    + "checked), queues it and answers at once. Trials are ordinary training jobs; the objective is a "
                    + "validation metric, and the winner's test accuracy is reported apart.")
    @ApiResponse(responseCode = "202", description = "Queued; `Location` names the sweep")
    @ApiResponse(responseCode = "400", description = "A bad field, each named")
    ResponseEntity<Sweep> submit(@Valid @RequestBody SweepRequest sweepRequest) {
        Sweep sweep = sweeps.submit(sweepRequest);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/sweeps/" + sweep.id()))
                .body(sweep);
    }

    @GetMapping
    @Operation(
            operationId = "listSweeps",
            summary = "List sweeps",
            description = "Sweeps, newest first, a page at a time: follow the `Link` header's `next` for the rest")
    ResponseEntity<List<Sweep>> list(
            @Parameter(description = "Only sweeps in this status") @RequestParam(required = false) JobStatus status,
            @Parameter(
                            description = PageRequest.LIMIT,
                            schema = @Schema(minimum = "1", maximum = "1000", defaultValue = "100"))
                    @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = PageRequest.CURSOR) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(limit, cursor);
        return PageAnswer.of(sweeps.list(status == null ? null : status.name(), page), page.limit(), request);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getSweep",
            summary = "Get a sweep",
            description = "Its trials (parameters, status, objective by epoch, where early stopping stopped them), "
                    + "the best trial and its model, and the epochs trained and saved")
    @ApiResponse(responseCode = "200", description = "The sweep")
    @ApiResponse(responseCode = "404", description = "No such sweep")
    Sweep get(@PathVariable String id) {
        return sweeps.get(id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelSweep", summary = "Cancel a sweep", description = "Stops every running trial")
    @ApiResponse(responseCode = "200", description = "Cancelling; the sweep ends CANCELLED within a poll")
    @ApiResponse(responseCode = "404", description = "No such sweep")
    @ApiResponse(responseCode = "409", description = "The sweep has already finished")
    Sweep cancel(@PathVariable String id) {
        return sweeps.cancel(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "streamSweepEvents",
            summary = "Stream a sweep's events",
            description = "A `sweep` event with the whole record whenever it changes; the stream ends when it finishes")
    @ApiResponse(responseCode = "200", description = "The event stream")
    @ApiResponse(responseCode = "404", description = "No such sweep")
    SseEmitter events(@PathVariable String id) {
        sweeps.get(id);
        return events.subscribe(id);
    }
}
