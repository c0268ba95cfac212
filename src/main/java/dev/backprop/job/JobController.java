package dev.backprop.job;

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
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Training jobs", description = "Train a network in the background and watch it learn")
class JobController {

    private final JobService jobs;
    private final JobEvents events;
    private final TrainingRequestValidator validator;

    JobController(JobService jobs, JobEvents events, TrainingRequestValidator validator) {
        this.jobs = jobs;
        this.events = events;
        this.validator = validator;
    }

    @InitBinder("trainingRequest")
    void addRules(WebDataBinder binder) {
        binder.addValidators(validator);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "submitJob",
            summary = "Start a training job",
            description = "Validates the request, queues it and answers at once; the job trains in the background.")
    @ApiResponse(responseCode = "202", description = "Queued; `Location` names the job")
    @ApiResponse(responseCode = "400", description = "Invalid hyperparameters, each bad field named")
    @ApiResponse(responseCode = "429", description = "The queue is full; retry after `Retry-After` seconds")
    ResponseEntity<Job> submit(@Valid @RequestBody TrainingRequest trainingRequest) {
        Job job = jobs.submit(trainingRequest);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/jobs/" + job.id()))
                .body(job);
    }

    @GetMapping
    @Operation(
            operationId = "listJobs",
            summary = "List jobs",
            description = "Jobs, newest first, a page at a time: follow the `Link` header's `next` for the rest")
    ResponseEntity<List<Job>> list(
            @Parameter(description = "Only jobs in this status") @RequestParam(required = false) JobStatus status,
            @Parameter(
                            description = PageRequest.LIMIT,
                            schema = @Schema(minimum = "1", maximum = "1000", defaultValue = "100"))
                    @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = PageRequest.CURSOR) @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(limit, cursor);
        return PageAnswer.of(jobs.list(status, page), page.limit(), request);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getJob",
            summary = "Get a job",
            description = "Status, progress and one entry per finished epoch")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No such job")
    Job get(@Parameter(description = "Job id") @PathVariable String id) {
        return jobs.get(id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            operationId = "cancelJob",
            summary = "Cancel a job",
            description = "A queued job is cancelled at once, a running one before its next mini-batch")
    @ApiResponse(responseCode = "200", description = "The job, CANCELLED or (running) about to stop")
    @ApiResponse(responseCode = "404", description = "No such job")
    @ApiResponse(responseCode = "409", description = "The job has already finished")
    Job cancel(@PathVariable String id) {
        return jobs.cancel(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "streamJobEvents",
            summary = "Stream a job's events",
            description =
                    "Server-sent events: `epoch` (one epoch's metrics, id = the epoch) for every finished epoch, then "
                            + "`status` (the whole job); then, live, `progress` while an epoch trains, `epoch` after each epoch and "
                            + "`status` at each status change. The stream ends after a finished job's `status`.")
    SseEmitter events(@PathVariable String id) {
        jobs.get(id); // an unknown job is a 404, not an empty stream
        return events.subscribe(id);
    }

    @GetMapping(path = "/{id}/events/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listJobEvents",
            summary = "A job's events so far, as JSON",
            description = "What the event stream would send first, as one JSON array, for clients that cannot read "
                    + "server-sent events: an `epoch` event for every finished epoch, then `status` (the whole job). "
                    + "Ask again for later events; the stream sends them as they happen.")
    @ApiResponse(responseCode = "200", description = "The events, oldest first; `status` last")
    @ApiResponse(responseCode = "404", description = "No such job")
    List<JobEvent> eventHistory(@PathVariable String id) {
        return JobEvent.of(jobs.get(id));
    }
}
