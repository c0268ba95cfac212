// The whole loop through a client generated from the live OpenAPI document: submit a job, poll it,
// predict with its model, export the model, delete it. Type-checked against the generated schema, so
// an operation or field the document lacks fails the check before anything runs.
import createClient from "openapi-fetch";
import type { paths } from "./generated/schema.js";

const baseUrl = process.argv[2];
const client = createClient<paths>({ baseUrl });

function fail(step: string, detail: unknown): never {
    console.error(`FAILED at ${step}:`, JSON.stringify(detail));
    process.exit(1);
}

const submitted = await client.POST("/api/v1/jobs", {
    body: { name: "generated-client", layers: [784, 30, 10], epochs: 1, trainLimit: 2000, seed: 1 },
});
if (!submitted.data?.id) fail("submit", submitted.error);
const jobId = submitted.data.id;

let job = submitted.data;
for (let tries = 0; job.status !== "SUCCEEDED"; tries++) {
    if (job.status === "FAILED" || job.status === "CANCELLED" || tries > 600) fail("poll", job);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const polled = await client.GET("/api/v1/jobs/{id}", { params: { path: { id: jobId } } });
    if (!polled.data) fail("poll", polled.error);
    job = polled.data;
}
const modelId = job.modelId;
if (!modelId) fail("model", job);

const predicted = await client.POST("/api/v1/models/{id}/predict", {
    params: { path: { id: modelId } },
    body: { pixels: new Array(784).fill(0).map((_, i) => (i % 28 > 12 && i % 28 < 16 ? 255 : 0)) },
});
if (predicted.data?.probabilities?.length !== 10) fail("predict", predicted.error ?? predicted.data);

const exported = await client.GET("/api/v1/models/{id}/export", {
    params: { path: { id: modelId }, query: { format: "onnx" } },
    parseAs: "arrayBuffer",
});
if (!exported.data || exported.data.byteLength < 1000) fail("export", exported.error);

const deleted = await client.DELETE("/api/v1/models/{id}", { params: { path: { id: modelId } } });
if (deleted.response.status !== 204) fail("delete", deleted.error);
const gone = await client.GET("/api/v1/models/{id}", { params: { path: { id: modelId } } });
if (gone.response.status !== 404) fail("deleted model still there", gone.data);

console.log(
    `generated client: job ${jobId} trained (test accuracy ${job.epochs?.[0]?.testAccuracy}), ` +
        `predicted ${predicted.data.label}, exported ${exported.data.byteLength} bytes of ONNX, deleted the model`,
);
