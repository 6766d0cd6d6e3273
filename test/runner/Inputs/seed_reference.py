"""NumPy reference for the seed walk-through: gendata.MixtureGenerator and
the logistic-regression training loops, computed in float32 like the
compiled graphs. Prints lines in ngraph-runner's format so tests compare
the two number by number (see compare.py)."""
import os
import sys

import numpy as np


# The seed's generator, as examples/python/gendata.py carries it for the
# Python walk-through.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "examples", "python"))
from gendata import MixtureGenerator  # noqa: E402


def safelog(x):
    return np.maximum(np.log(x + np.float32(np.exp(-50))), np.float32(-50))


def sigmoid(z):
    return np.float32(1) / (np.float32(1) + np.exp(-z))


def fmt(a):
    return np.array2string(np.asarray(a), separator=" ", max_line_width=10**6)


def logreg1():
    g = MixtureGenerator([.5, .5], (4,))
    XS, YS = g.gen_data(128, 10)
    W = np.zeros(4, np.float32)
    for i in range(10):
        for xs, ys in zip(XS, YS):
            x, y = xs.astype(np.float32), ys.astype(np.float32)
            alpha = np.float32(5.0 / (1 + i))
            yh = sigmoid(W @ x)
            L = -np.sum(y * safelog(yh) + (1 - y) * safelog(1 - yh)) / np.float32(128)
            grad = ((yh - y) / np.float32(128)) @ x.T
            W = W - alpha * grad / np.float32(1)
            print("W: %s, loss %s" % (fmt(W), L))


def logreg2():
    g = MixtureGenerator([.5, .5], (2, 2))
    XS, YS = g.gen_data(128, 10)
    EXS, EYS = g.gen_data(128, 4)
    W = np.zeros((2, 2), np.float32)
    b = np.float32(0)

    def loss(W, b, xs, ys):
        x, y = xs.astype(np.float32), ys.astype(np.float32)
        yh = sigmoid(np.tensordot(W, x, axes=([0, 1], [0, 1])) + b)
        return -np.sum(y * safelog(yh) + (1 - y) * safelog(1 - yh)), yh, x, y

    def avg_loss(W, b):
        return sum(float(loss(W, b, x, y)[0]) for x, y in zip(EXS, EYS)) / 128

    print("Starting avg loss: %s" % avg_loss(W, b))
    for i in range(10):
        alpha = np.float32(5.0 / (1 + i))
        for xs, ys in zip(XS, YS):
            L, yh, x, y = loss(W, b, xs, ys)
            d = yh - y
            gW = np.tensordot(x, d, axes=([2], [0]))
            gb = np.sum(d)
            W, b = W - alpha * gW / np.float32(128), b - alpha * gb / np.float32(128)
        print("After epoch %d: W: %s, b: %s, avg loss %s" % (i, fmt(W), b, avg_loss(W, b)))


def dump_mixture(path):
    g = MixtureGenerator([.5, .5], (4,))
    XS, YS = g.gen_data(128, 10)
    np.savez(path, x=np.concatenate(XS, axis=-1), y=np.concatenate(YS))


if __name__ == "__main__":
    {"logreg1": logreg1, "logreg2": logreg2}[sys.argv[1]]() if sys.argv[1] != "dump" else dump_mixture(sys.argv[2])
