#!/usr/bin/env python3
"""Chapter 3's "more data" figure through one POST /api/v1/learning-curves: [784,30,10], sigmoid,
cross-entropy, N(0,1) weights, SGD eta = 0.5, batch 10, lambda = 0.0001 x size (network2's weight decay
1 - eta*lambda/n, which is Backprop's l2 as it is), 1,500,000/size epochs, 10,000 examples held out
for validation, three seeds. Starts the packaged jar on a store of its own (or drives --url), prints
the curve as a Markdown table with the median over seeds, and beside it the reference accuracies of
--reference (a JSON list, one per size, in percent) when given. Only 127.0.0.1 is contacted.

    nice -n 10 python3 scripts/more_data.py --datasets /work/shared/datasets [--reference more_data.json]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request

SIZES = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000]


def request(sizes, seeds, epochs, seed):
    largest = max(sizes)
    return {
        "name": "more data",
        "base": {"layers": [784, 30, 10], "hiddenActivation": "sigmoid", "outputActivation": "sigmoid",
                 "loss": "cross_entropy", "init": "normal", "optimizer": "sgd", "learningRate": 0.5,
                 "batchSize": 10, "epochs": epochs, "l2": 0.0001 * largest, "validationSize": 10000,
                 "seed": seed},
        "sizes": sizes, "epochsPerSize": "sameExamples", "scaleL2": True, "seeds": seeds,
    }


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.load(response)


def start_service(jar, datasets, port):
    store = tempfile.mkdtemp(prefix="backprop-more-data-")
    log = open(os.path.join(store, "service.log"), "w")
    service = subprocess.Popen(
        ["java", "--add-modules=jdk.incubator.vector", "-Xmx1g", "-jar", jar, f"--server.port={port}",
         f"--backprop.storage.dir={store}/store", f"--backprop.datasets.dir={datasets}",
         "--backprop.datasets.download=false",
         # The smallest size trains 15,000 epochs; each job trains on one thread, two at once.
         "--backprop.training.max-epochs=15000", "--backprop.training.max-concurrent-jobs=2",
         "--backprop.training.threads-per-job=1"], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if b"UP" in urllib.request.urlopen(base + "/actuator/health", timeout=5).read():
                return service, base, store
        except Exception:
            pass
        time.sleep(1)
    service.terminate()
    raise SystemExit(f"the service did not start; see {store}/service.log")


def table(curve, reference):
    by_size = {}
    for point in curve["points"]:
        by_size.setdefault(point["size"], []).append(point)
    lines = ["| size | epochs | validation accuracy, median (seeds) | range | test, median |"
             + (" Nielsen | difference |" if reference else ""),
             "| ---: | ---: | ---: | --- | ---: |" + (" ---: | ---: |" if reference else "")]
    for k, size in enumerate(sorted(by_size)):
        points = by_size[size]
        val = [100 * p["validationAccuracy"] for p in points if p["validationAccuracy"] is not None]
        test = [100 * p["testAccuracy"] for p in points if p["testAccuracy"] is not None]
        if not val:
            continue
        median = statistics.median(val)
        line = (f"| {size:,} | {points[0]['epochs']:,} | {median:.2f} ({len(val)}) | {min(val):.2f}–{max(val):.2f}"
                f" | {statistics.median(test):.2f} |")
        if reference:
            line += f" {reference[k]:.2f} | {median - reference[k]:+.2f} |"
        lines.append(line)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a running service; else the jar is started")
    parser.add_argument("--jar", default="target/backprop-0.1.0-SNAPSHOT.jar")
    parser.add_argument("--datasets", default="/work/shared/datasets")
    parser.add_argument("--port", type=int, default=18931)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=30, help="epochs at the largest size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reference", help="a JSON list of accuracies in percent, one per size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    reference = json.load(open(args.reference)) if args.reference else None
    service = None
    base = args.url
    if base is None:
        service, base, store = start_service(args.jar, args.datasets, args.port)
        print(f"service log: {store}/service.log", flush=True)
    try:
        body = request(sizes, args.seeds, args.epochs, args.seed)
        print("POST /api/v1/learning-curves " + json.dumps(body), flush=True)
        started = time.time()
        curve = call(base, "POST", "/api/v1/learning-curves", body)
        last = None
        while curve["status"] in ("QUEUED", "RUNNING"):
            time.sleep(5)
            curve = call(base, "GET", f"/api/v1/learning-curves/{curve['id']}")
            done = sum(1 for p in curve["points"] if p["status"] == "SUCCEEDED")
            if done != last:
                print(f"{time.time() - started:7.0f} s: {done}/{len(curve['points'])} points", flush=True)
                last = done
        print(f"\n{curve['status']} in {time.time() - started:.0f} s (curve {curve['id']})\n")
        print(table(curve, reference))
        print(f"\ndiagnosis: {curve['diagnosis']}")
    finally:
        if service is not None:
            service.terminate()
            service.wait(timeout=60)


if __name__ == "__main__":
    main()
