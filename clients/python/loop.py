"""The whole loop through the Python client openapi-generator 7.25.0 makes from the document.

    java -jar openapi-generator-cli-7.25.0.jar generate -i backprop-api.json -g python \
        -o backprop-python --package-name backprop_client
    pip install -r backprop-python/requirements.txt      # pydantic >= 2, urllib3 >= 2
    PYTHONPATH=backprop-python python3 loop.py http://localhost:8080 [MNIST_FOLDER]

Submit, poll, events, predict (JSON, a batch), upload a dataset (IDX and CSV: 200 training and 50 test
examples of MNIST_FOLDER's gzipped IDX files), predict a picture of one of its test digits, evaluate,
export ONNX, alias, versioned predict, sweep, a page of jobs, delete, 404: through the generated API only.
"""
import gzip
import os
import sys
import time

import backprop_client as bc

ONE = [255.0 if 4 <= i // 28 < 24 and 13 <= i % 28 < 16 else 0.0 for i in range(784)]


def first_examples(folder, split, count):
    """The first examples of an MNIST split as (pixels, labels) bytes, from its gzipped IDX files."""
    with gzip.open(os.path.join(folder, split + "-images-idx3-ubyte.gz")) as images:
        pixels = images.read(16 + count * 784)[16:]
    with gzip.open(os.path.join(folder, split + "-labels-idx1-ubyte.gz")) as labels:
        marks = labels.read(8 + count)[8:]
    return pixels, marks


def idx(pixels, labels):
    count = len(labels)
    images = (2051).to_bytes(4, "big") + count.to_bytes(4, "big") + (28).to_bytes(4, "big") * 2 + pixels
    return images, (2049).to_bytes(4, "big") + count.to_bytes(4, "big") + labels


def csv(pixels, labels):
    rows = [",".join([str(labels[k])] + [str(b) for b in pixels[k * 784:(k + 1) * 784]]) for k in range(len(labels))]
    return ("\n".join(rows) + "\n").encode()


def text(value):
    """An enum's value, or the string the client kept."""
    return getattr(value, "value", value)


def wait(read, finished, what):
    for _ in range(600):
        thing = read()
        if text(thing.status) in finished:
            return thing
        time.sleep(0.2)
    raise SystemExit(what + " did not finish in two minutes")


def main(base, mnist):
    client = bc.ApiClient(bc.Configuration(host=base))
    jobs, models = bc.TrainingJobsApi(client), bc.ModelsApi(client)
    datasets, registry = bc.DatasetsApi(client), bc.ModelRegistryApi(client)

    job = jobs.submit_job(bc.TrainingRequest(name="python-client", layers=[784, 30, 10], epochs=1,
                                             train_limit=10000, seed=1))
    print("submitted", job.id, text(job.status))
    job = wait(lambda: jobs.get_job(job.id), {"SUCCEEDED", "FAILED", "CANCELLED"}, "the job")
    print("job", text(job.status), "test accuracy", job.epochs[-1].test_accuracy, "seed", job.request.seed)
    events = jobs.list_job_events(job.id)
    print("events:", [text(e.event) for e in events], "last status", text(events[-1].job.status))
    model = job.model_id

    one = models.predict(model, bc.PredictRequest(pixels=ONE))
    print("predict JSON: label", one.label, "confidence", round(one.confidence, 4), "probabilities",
          len(one.probabilities))
    batch = models.predict_batch(model, bc.BatchPredictRequest(images=[ONE, ONE]))
    print("predict batch:", [p.label for p in batch.predictions])

    train, test = first_examples(mnist, "train", 200), first_examples(mnist, "t10k", 50)
    (train_images, train_labels), (test_images, test_labels) = idx(*train), idx(*test)
    # By name: the parameters' order follows the document's, which a sorted snapshot changes.
    from_idx = datasets.upload_idx_dataset(train_images=("train-images", train_images),
                                           train_labels=("train-labels", train_labels),
                                           test_images=("t10k-images", test_images),
                                           test_labels=("t10k-labels", test_labels), name="python idx", classes=10)
    from_csv = datasets.upload_csv_dataset(train=("train.csv", csv(*train)), test=("test.csv", csv(*test)),
                                           name="python csv")
    assert (from_idx.training_size, from_idx.test_size) == (from_csv.training_size, from_csv.test_size) == (200, 50)
    print("datasets uploaded: IDX", from_idx.training_size, "+", from_idx.test_size, "; CSV",
          from_csv.training_size, "+", from_csv.test_size)

    png = bc.LookingInsideApi(client).get_example_image(from_idx.id, "test", 0)
    picture = models.predict_picture(model, ("digit.png", png))
    same = models.predict(model, bc.PredictRequest(image=picture.input))
    print("picture of test digit 0 (label %d): %d bytes of PNG, predicted %d; its pixels as JSON: %d"
          % (test[1][0], len(png), picture.label, same.label))
    assert same.label == picture.label and same.probabilities == picture.probabilities

    evaluation = models.evaluate_model(model, bc.EvaluationRequest(split="test"))
    print("evaluate: accuracy", evaluation.accuracy)
    onnx = models.export_model(model, format="onnx")
    print("export ONNX:", len(onnx), "bytes")

    info = models.get_model(model)
    registry.set_model_alias(info.name, "production", bc.AliasRequest(version=info.version))
    print("alias production ->", info.name, "v", info.version, "; versioned predict",
          models.predict_version(info.name, info.version, bc.PredictRequest(pixels=ONE)).label,
          "; alias predict", models.predict(info.name + "@production", bc.PredictRequest(pixels=ONE)).label,
          "; versioned picture", models.predict_picture_version(info.name, info.version, ("digit.png", png)).label)

    sweeps = bc.SweepsApi(client)
    sweep = sweeps.submit_sweep(bc.SweepRequest(
        base={"layers": [784, 10, 10], "epochs": 1, "trainLimit": 500, "validationSize": 100},
        parameters={"learningRate": {"choice": [1.0, 3.0]}}, strategy="grid", trials=2, seed=1))
    sweep = wait(lambda: sweeps.get_sweep(sweep.id), {"SUCCEEDED", "FAILED"}, "the sweep")
    print("sweep", sweep.status, "best objective", round(sweep.best.objective, 3) if sweep.best else None)

    page = jobs.list_jobs_with_http_info(limit=1)
    print("list jobs limit=1:", len(page.data), "item; Link:", (page.headers or {}).get("Link", "")[:60], "…")

    datasets.delete_dataset(from_idx.id)
    datasets.delete_dataset(from_csv.id)
    models.delete_model(model)
    try:
        models.get_model(model)
        raise SystemExit("the deleted model is still there")
    except bc.ApiException as gone:
        print("after delete:", gone.status, gone.body[:70], "…")
    print("python client: the whole loop ran")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "../shared/datasets/mnist")
