// The whole loop through a client generated from the live OpenAPI document: submit a job, poll it,
// read its events, predict with its model (JSON and a picture), upload a dataset, export the model,
// delete it. Type-checked against the generated schema, so
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

const events = await client.GET("/api/v1/jobs/{id}/events/history", { params: { path: { id: jobId } } });
if (events.data?.at(-1)?.event !== "status" || events.data[0]?.event !== "epoch") fail("events", events.error);

// A picture of a test digit as the service draws it, sent as a file; the same pixels as JSON must agree.
const drawn = await client.GET("/api/v1/datasets/{dataset}/{split}/{index}.png", {
    params: { path: { dataset: "mnist", split: "test", index: 0 } },
    parseAs: "blob",
});
if (!drawn.data) fail("example picture", drawn.error);
const picture = await client.POST("/api/v1/models/{id}/predict/picture", {
    params: { path: { id: modelId } },
    // The document types the part as a binary string; the request sends it as a file.
    body: { file: drawn.data as unknown as string },
    bodySerializer(body) {
        const form = new FormData();
        form.append("file", body!.file as unknown as Blob, "digit.png");
        return form;
    },
});
if (!picture.data?.input) fail("predict picture", picture.error);
const same = await client.POST("/api/v1/models/{id}/predict", {
    params: { path: { id: modelId } },
    body: { image: picture.data.input },
});
if (same.data?.label !== picture.data.label) fail("picture and its pixels disagree", [picture.data, same.data]);

const row = (label: number) => [label, ...new Array(784).fill(0).map((_, i) => (i % 28 === label ? 255 : 0))].join(",");
const csv = new Blob([new Array(30).fill(0).map((_, k) => row(k % 10)).join("\n")], { type: "text/csv" });
const uploaded = await client.POST("/api/v1/datasets/csv", {
    params: { query: { name: "typescript-client" } },
    body: { train: csv as unknown as string, test: csv as unknown as string },
    bodySerializer(body) {
        const form = new FormData();
        form.append("train", body!.train as unknown as Blob, "train.csv");
        form.append("test", body!.test as unknown as Blob, "test.csv");
        return form;
    },
});
const datasetId = uploaded.data?.id;
if (!datasetId || uploaded.data?.trainingSize !== 30) fail("upload", uploaded.error);
const removed = await client.DELETE("/api/v1/datasets/{id}", { params: { path: { id: datasetId } } });
if (removed.response.status !== 204) fail("delete dataset", removed.error);

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
        `predicted ${predicted.data.label}, ${events.data.length} events, a picture ${picture.data.label}, ` +
        `uploaded ${uploaded.data.trainingSize} examples, exported ${exported.data.byteLength} bytes of ONNX, ` +
        `deleted the model`,
);
