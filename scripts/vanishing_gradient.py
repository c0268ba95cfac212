#!/usr/bin/env python3
"""Nielsen's chapter 5 figure ("the vanishing gradient", fig/generate_gradient.py) through Backprop's
REST API alone: per-layer ‖∂C/∂b‖ averaged over the first 1,000 training images, at initialisation
over several seeds and along 500 epochs, for [784,30,30,10], [784,30,30,30,10] and
[784,30,30,30,30,10] (sigmoid, cross-entropy, N(0,1/n_in) weights, η=0.1, λ=5.0, batch 1,000), and the
same four-hidden-layer network with ReLU + He initialisation and with batch norm.

Start the service on the real MNIST first, e.g.

    java -jar target/backprop-*.jar --server.port=8093 --backprop.storage.type=memory \
        --backprop.datasets.dir=/work/shared/datasets --backprop.datasets.download=false

then

    python3 scripts/vanishing_gradient.py --base http://127.0.0.1:8093 --seeds 5 --epochs 500 \
        --variant-epochs 100 --out /tmp/vanishing.json [--nielsen-fig DIR-with-his-norms_during_training_N_layers.json]

Backprop's `l2` is network2's λ: both decay the weights by 1 − ηλ/n each step, n being the examples
that train (here trainLimit = 1,000). Only the given base URL is contacted.
"""
import argparse
import json
import os
import statistics
import time
import urllib.request

SIGMOID_NETS = [[784, 30, 30, 10], [784, 30, 30, 30, 10], [784, 30, 30, 30, 30, 10]]
DEEPEST = SIGMOID_NETS[-1]
NIELSEN_INITIAL = {2: [0.0657, 0.309], 3: [0.0118, 0.0600, 0.283], 4: [0.00298, 0.0171, 0.0695, 0.285]}
SHOWN_EPOCHS = [0, 1, 5, 10, 20, 50, 100, 200, 300, 400, 499]


def request(layers, seed, epochs, hidden="sigmoid", init="scaled_normal", batch_norm=False):
    return {
        "name": "chapter 5 %s %s%s seed %d" % (layers, hidden, " bn" if batch_norm else "", seed),
        "dataset": "mnist", "layers": layers, "hiddenActivation": hidden, "outputActivation": "sigmoid",
        "loss": "cross_entropy", "init": init, "batchNorm": batch_norm, "optimizer": "sgd",
        "learningRate": 0.1, "l2": 5.0, "trainLimit": 1000, "batchSize": 1000, "epochs": epochs,
        "seed": seed, "diagnostics": {"probe": 1000},
    }


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=120) as response:
        return json.loads(response.read())


def run(base, body):
    job = call(base, "POST", "/api/v1/jobs", body)
    while job["status"] in ("QUEUED", "RUNNING"):
        time.sleep(2)
        job = call(base, "GET", "/api/v1/jobs/" + job["id"])
    if job["status"] != "SUCCEEDED":
        raise SystemExit("job %s ended %s: %s" % (job["id"], job["status"], job.get("error")))
    return job


def hidden(layers):
    """‖∂C/∂b‖ of the hidden layers, input side first (Nielsen leaves the output layer out)."""
    return [layer["biasGradientNorm"] for layer in layers[:-1]]


def curve(job):
    """Nielsen's index e: after e epochs (0: at initialisation)."""
    return [hidden(job["steps"][0]["layers"])] + [hidden(epoch["layers"]) for epoch in job["epochs"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=500)
    parser.add_argument("--variant-epochs", type=int, default=100, help="epochs of the ReLU and batch-norm runs")
    parser.add_argument("--out", default="vanishing_gradient.json")
    parser.add_argument("--nielsen-fig", help="folder holding his norms_during_training_N_layers.json")
    args = parser.parse_args()
    results = {"initial": {}, "curves": {}, "jobs": {}}
    variants = [("sigmoid", net, "sigmoid", "scaled_normal", False) for net in SIGMOID_NETS]
    variants += [("relu+he", DEEPEST, "relu", "he", False), ("batch norm", DEEPEST, "sigmoid", "scaled_normal", True)]
    for name, net, act, init, bn in variants:
        key = "%s %s" % (name, net)
        initial = []
        for seed in range(1, args.seeds + 1):
            job = run(args.base, request(net, seed, 1, act, init, bn))
            initial.append(hidden(job["steps"][0]["layers"]))
        per_layer = list(zip(*initial))
        results["initial"][key] = [
            {"median": statistics.median(v), "min": min(v), "max": max(v)} for v in per_layer]
        print("initial", key, " ".join(
            "%.4g [%.4g, %.4g]" % (statistics.median(v), min(v), max(v)) for v in per_layer), flush=True)
        epochs = args.epochs if name == "sigmoid" else args.variant_epochs
        job = run(args.base, request(net, 1, epochs, act, init, bn))
        results["curves"][key] = curve(job)
        results["jobs"][key] = {"id": job["id"], "request": job["request"]}
        print("curve", key, "seed 1:", flush=True)
        nielsen = None
        if args.nielsen_fig and name == "sigmoid":
            path = os.path.join(args.nielsen_fig, "norms_during_training_%d_layers.json" % (len(net) - 2))
            with open(path) as f:
                nielsen = json.load(f)
        for e in SHOWN_EPOCHS:
            if e < len(results["curves"][key]):
                ours = " ".join("%.3g" % v for v in results["curves"][key][e])
                his = "" if nielsen is None else "   Nielsen: " + " ".join("%.3g" % v for v in nielsen[e])
                print("  epoch %3d: %s%s" % (e, ours, his), flush=True)
    with open(args.out, "w") as f:
        json.dump(results, f)
    print("written", args.out)


if __name__ == "__main__":
    main()
