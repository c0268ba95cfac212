#!/usr/bin/env python3
"""Soak: the packaged jar under -Xmx512m, for a while, with training, predictions, uploads and event
streams mixed (and a little bad input), counting requests by kind, 5xx answers and the heap after a
full GC at the start and at the end. Not part of CI; run it niced:

    nice -n 19 python3 scripts/soak.py --minutes 30 --datasets /work/shared/datasets

With --postgres-restart-every MINUTES the records live in a PostgreSQL cluster of the soak's own
(initdb in a temporary folder; needs the server binaries under /usr/lib/postgresql), restarted with
`pg_ctl restart -m fast` that often: 503 answers are then expected, any other 5xx is a failure.

Only 127.0.0.1 is ever contacted; every loop stops by itself at the deadline.
"""
import argparse
import collections
import gzip
import json
import os
import random
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

LOCK = threading.Lock()
COUNTS = collections.Counter()
STATUSES = collections.Counter()
FIVE_XX = []


def record(kind, status, body=b""):
    with LOCK:
        COUNTS[kind] += 1
        STATUSES[status] += 1
        if status >= 500:
            FIVE_XX.append((kind, status, body[:300]))


def call(base, kind, method, path, body=None, content_type="application/json", timeout=120):
    request = urllib.request.Request(base + path, data=body, method=method)
    if body is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
            record(kind, response.status)
            return response.status, data
    except urllib.error.HTTPError as e:
        data = e.read()
        record(kind, e.code, data)
        return e.code, data
    except (urllib.error.URLError, socket.timeout, ConnectionError) as e:
        record(kind, 599, str(e).encode())
        return 599, b""


def idx_parts(train, test, seed):
    rnd = random.Random(seed)

    def images(count):
        pixels = bytes(rnd.choice((0, 0, 0, 255)) for _ in range(count * 784))
        return gzip.compress(struct.pack(">IIII", 0x803, count, 28, 28) + pixels, 1)

    def labels(count):
        return gzip.compress(struct.pack(">II", 0x801, count) + bytes(rnd.randrange(10) for _ in range(count)), 1)

    return {"trainImages": images(train), "trainLabels": labels(train),
            "testImages": images(test), "testLabels": labels(test)}


def multipart(parts, boundary="soakboundary"):
    out = bytearray()
    for name, content in parts.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}.gz\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode()
        out += content + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), "multipart/form-data; boundary=" + boundary


class Soak:
    def __init__(self, base, deadline):
        self.base = base
        self.deadline = deadline
        self.models = []
        self.current_job = None

    def alive(self):
        return time.time() < self.deadline

    def trainer(self):
        n = 0
        while self.alive():
            n += 1
            request = {"layers": [784, 30, 10], "epochs": 2, "trainLimit": 5000, "seed": n, "name": f"soak {n}"}
            status, body = call(self.base, "train", "POST", "/api/v1/jobs", json.dumps(request).encode())
            if status != 202:
                time.sleep(2)
                continue
            job = json.loads(body)["id"]
            self.current_job = job
            if n % 7 == 0:
                time.sleep(0.5)
                call(self.base, "cancel", "POST", f"/api/v1/jobs/{job}/cancel", b"")
            while self.alive():
                status, body = call(self.base, "job", "GET", f"/api/v1/jobs/{job}")
                if status == 200 and json.loads(body)["status"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
                    model = json.loads(body).get("modelId")
                    if model:
                        self.models.append(model)
                    break
                time.sleep(0.5)
            while len(self.models) > 5:
                old = self.models.pop(0)
                call(self.base, "delete-model", "DELETE", f"/api/v1/models/{old}")

    def predictor(self, seed):
        rnd = random.Random(seed)
        while self.alive():
            if not self.models:
                time.sleep(1)
                continue
            model = self.models[-1]
            if rnd.random() < 0.1:
                images = [[rnd.randrange(256) for _ in range(784)] for _ in range(100)]
                call(self.base, "predict-batch", "POST", f"/api/v1/models/{model}/predict/batch",
                     json.dumps({"images": images}).encode())
            else:
                pixels = [rnd.randrange(256) for _ in range(784)]
                call(self.base, "predict", "POST", f"/api/v1/models/{model}/predict",
                     json.dumps({"pixels": pixels}).encode())
            time.sleep(0.02)

    def uploader(self):
        n = 0
        while self.alive():
            n += 1
            body, content_type = multipart(idx_parts(2000, 300, n))
            status, answer = call(self.base, "upload", "POST", "/api/v1/datasets", body, content_type)
            if status == 201:
                dataset = json.loads(answer)["id"]
                if self.models:
                    call(self.base, "evaluate", "POST", f"/api/v1/models/{self.models[-1]}/evaluate",
                         json.dumps({"dataset": dataset}).encode())
                call(self.base, "delete-dataset", "DELETE", f"/api/v1/datasets/{dataset}")
            time.sleep(5)

    def streamer(self):
        while self.alive():
            job = self.current_job
            if job is None:
                time.sleep(1)
                continue
            try:
                with urllib.request.urlopen(self.base + f"/api/v1/jobs/{job}/events", timeout=60) as response:
                    record("events", response.status)
                    events = 0
                    for line in response:
                        if line.startswith(b"event:"):
                            events += 1
                        if not self.alive():
                            break
                    with LOCK:
                        COUNTS["events-received"] += events
            except urllib.error.HTTPError as e:
                record("events", e.code, e.read())
            except (urllib.error.URLError, socket.timeout, ConnectionError) as e:
                record("events", 599, str(e).encode())
            time.sleep(1)

    def careless(self):
        bad = [b"{\"layers\": [784, 30, 10], \"learningrate\": 1}", b"{\"layers\": [784, 4000, 10], \"batchSize\": 10000}",
               b"{not json", b"{\"layers\": \"many\"}"]
        while self.alive():
            call(self.base, "bad-input", "POST", "/api/v1/jobs", random.choice(bad))
            time.sleep(3)


class OwnPostgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1, restarted on demand, removed at the end."""

    def __init__(self, port):
        versions = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
        self.bin = f"/usr/lib/postgresql/{versions[-1]}/bin"
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="backprop-soak-pg-")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.owner("initdb", "-D", f"{self.dir}/data", "-U", "postgres", "--auth=trust")
        self.ctl("start")
        self.owner("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-q",
                   "-c", "CREATE ROLE backprop LOGIN PASSWORD 'backprop'", "-c", "CREATE DATABASE backprop OWNER backprop")
        self.restarts = 0

    def owner(self, program, *arguments):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(prefix + [f"{self.bin}/{program}", *arguments], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def ctl(self, action):
        self.owner("pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/server.log", "-m", "fast", "-w",
                   "-o", f"-h 127.0.0.1 -p {self.port} -k {self.dir}", action)

    def url(self):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/backprop"

    def restart_every(self, minutes, alive):
        next_restart = time.time() + minutes * 60
        while alive():
            time.sleep(1)
            if time.time() >= next_restart and alive():
                self.ctl("restart")
                self.restarts += 1
                print(f"PostgreSQL restarted ({self.restarts})", flush=True)
                next_restart += minutes * 60

    def close(self):
        try:
            self.ctl("stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def heap_after_gc(base, pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    time.sleep(1)
    with urllib.request.urlopen(base + "/actuator/metrics/jvm.memory.used?tag=area:heap", timeout=30) as response:
        return json.load(response)["measurements"][0]["value"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--jar", default="target/backprop-0.1.0-SNAPSHOT.jar")
    parser.add_argument("--datasets", default="/work/shared/datasets")
    parser.add_argument("--port", type=int, default=18890)
    parser.add_argument("--postgres-restart-every", type=float, metavar="MINUTES",
                        help="records in a PostgreSQL of the soak's own, restarted (-m fast) this often")
    parser.add_argument("--postgres-port", type=int, default=18891)
    args = parser.parse_args()
    store = tempfile.mkdtemp(prefix="backprop-soak-")
    log = open(os.path.join(store, "service.log"), "w")
    postgres = OwnPostgres(args.postgres_port) if args.postgres_restart_every else None
    database = [f"--spring.datasource.url={postgres.url()}", "--spring.datasource.username=backprop",
                "--spring.datasource.password=backprop"] if postgres else []
    service = subprocess.Popen(
        ["java", "--add-modules=jdk.incubator.vector", "-Xmx512m", "-jar", args.jar, f"--server.port={args.port}",
         f"--backprop.storage.dir={store}/store", f"--backprop.datasets.dir={args.datasets}",
         "--backprop.datasets.download=false", *database], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{args.port}"
    try:
        # A loaded machine may take minutes to start it.
        for _ in range(600):
            try:
                if b"UP" in urllib.request.urlopen(base + "/actuator/health", timeout=5).read():
                    break
            except Exception:
                pass
            time.sleep(1)
        else:
            raise SystemExit("the service did not start within 10 minutes")
        # Warm-up: MNIST loaded and one model trained, so that the first heap figure is the steady one.
        warm = Soak(base, time.time() + 10**6)
        status, body = call(base, "train", "POST", "/api/v1/jobs",
                            json.dumps({"layers": [784, 30, 10], "epochs": 1, "trainLimit": 5000}).encode())
        job = json.loads(body)["id"]
        while True:
            status, body = call(base, "job", "GET", f"/api/v1/jobs/{job}")
            if status == 200 and json.loads(body)["status"] in ("SUCCEEDED", "FAILED"):
                break
            time.sleep(0.5)
        heap_start = heap_after_gc(base, service.pid)
        started = time.time()
        soak = Soak(base, started + args.minutes * 60)
        soak.models = warm.models
        threads = [threading.Thread(target=soak.trainer), threading.Thread(target=soak.predictor, args=(1,)),
                   threading.Thread(target=soak.predictor, args=(2,)), threading.Thread(target=soak.uploader),
                   threading.Thread(target=soak.streamer), threading.Thread(target=soak.careless)]
        if postgres:
            threads.append(threading.Thread(target=postgres.restart_every,
                                            args=(args.postgres_restart_every, soak.alive)))
        for thread in threads:
            thread.start()
        while soak.alive():
            time.sleep(60)
            with LOCK:
                print(f"{(time.time() - started) / 60:5.1f} min: {sum(COUNTS.values())} requests, "
                      f"{len(FIVE_XX)} 5xx", flush=True)
        for thread in threads:
            thread.join(timeout=180)
        heap_end = heap_after_gc(base, service.pid)
        other_5xx = [f for f in FIVE_XX if f[1] != 503]
        print(json.dumps({
            "minutes": round((time.time() - started) / 60, 1),
            "requests_by_kind": dict(COUNTS),
            "statuses": {str(k): v for k, v in sorted(STATUSES.items())},
            "5xx": len(FIVE_XX),
            "5xx_other_than_503": len(other_5xx),
            "postgres_restarts": postgres.restarts if postgres else 0,
            "5xx_samples": [(k, s, b.decode(errors="replace")) for k, s, b in (other_5xx or FIVE_XX)[:5]],
            "heap_after_gc_mb": {"start": round(heap_start / 2**20, 1), "end": round(heap_end / 2**20, 1),
                                 "change_percent": round(100 * (heap_end - heap_start) / heap_start, 1)},
        }, indent=2))
        return 1 if (other_5xx if postgres else FIVE_XX) else 0
    finally:
        service.terminate()
        try:
            service.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.kill()
        log.close()
        if postgres:
            postgres.close()
        if os.environ.get("SOAK_KEEP_LOG"):
            shutil.copy(os.path.join(store, "service.log"), os.environ["SOAK_KEEP_LOG"])
        shutil.rmtree(store, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
