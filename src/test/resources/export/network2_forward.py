"""network2.py's forward pass on MNIST test digits, to check Backprop's network2 export and import.

usage: network2_forward.py MODEL.json MNIST_DIR COUNT [--write-perturbed OUT.json SEED]

Prints one line: the labels network2.py's feedforward gives the first COUNT test digits, space-separated.
With --write-perturbed, first writes MODEL.json's network with every weight and bias moved by a little
noise, the way network2.py's save writes a network, then classifies with that one instead.
"""
import gzip
import json
import os
import sys

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def feedforward(weights, biases, a):
    # As network2.py's Network.feedforward: a column vector through sigmoid(w·a + b) per layer.
    for b, w in zip(biases, weights):
        a = sigmoid(np.dot(w, a) + b)
    return a


def test_images(folder, count):
    name = os.path.join(folder, "t10k-images-idx3-ubyte")
    opener = gzip.open if not os.path.exists(name) else open
    with opener(name if os.path.exists(name) else name + ".gz", "rb") as f:
        data = f.read()
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(-1, 784)[:count]
    return pixels.astype(np.float32) * np.float32(1.0 / 255.0)


def main():
    model, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(model) as f:
        data = json.load(f)
    if len(sys.argv) > 4 and sys.argv[4] == "--write-perturbed":
        rng = np.random.default_rng(int(sys.argv[6]))
        weights = [np.array(w) + 0.01 * rng.standard_normal(np.shape(w)) for w in data["weights"]]
        biases = [np.array(b) + 0.01 * rng.standard_normal(np.shape(b)) for b in data["biases"]]
        # network2.py's save(): the dictionary it writes with json.dump.
        data = {"sizes": data["sizes"], "weights": [w.tolist() for w in weights],
                "biases": [b.tolist() for b in biases], "cost": "CrossEntropyCost"}
        with open(sys.argv[5], "w") as f:
            json.dump(data, f)
    weights = [np.array(w) for w in data["weights"]]
    biases = [np.array(b) for b in data["biases"]]
    labels = []
    for x in test_images(folder, count):
        labels.append(int(np.argmax(feedforward(weights, biases, x.reshape(784, 1)))))
    print(" ".join(str(label) for label in labels))


if __name__ == "__main__":
    main()
