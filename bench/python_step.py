#!/usr/bin/env python3
"""The seed's logistic-regression step built and called from Python
(`import ngraph`), timed as bench/peers.py times the NumPy step: the cost
of a computation call from Python, compiled code included. Prints one JSON
line like peers.py.

    PYTHONPATH=build/python python3 bench/python_step.py [--min-time S]
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import timeit  # noqa: E402

import ngraph as ng  # noqa: E402
import ngraph.transformers as ngt  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-time", type=float, default=1.0)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    t0 = time.perf_counter()
    # examples/logreg.mlir, written as the walk-through writes it.
    N = ng.make_axis(length=128, name='N')
    C = ng.make_axis(length=4)
    alpha = ng.placeholder(axes=())
    X = ng.placeholder(axes=[C, N])
    Y = ng.placeholder(axes=[N])
    W = ng.variable(axes=[C], initial_value=0)
    Y_hat = ng.sigmoid(ng.dot(W, X))
    L = ng.cross_entropy_binary(Y_hat, Y, out_axes=()) / ng.batch_size(Y_hat)
    update = ng.assign(W, W - alpha * ng.deriv(L, W) / ng.tensor_size(Y_hat))
    transformer = ngt.make_transformer(threads=a.threads, cache_dir="")
    update_fun = transformer.computation([L, W, update], alpha, X, Y)
    # float64 data, as the seed's gendata makes it (converted per call).
    rng = np.random.default_rng(0)
    x = rng.random((4, 128))
    y = (rng.random(128) > 0.5).astype(np.float64)
    update_fun(0.5, x, y)  # compiles
    setup = time.perf_counter() - t0
    r = timeit(lambda: update_fun(0.5, x, y), a.min_time)
    r.update({"label": "ngraph (Python)", "bench": "logreg", "compile_s": setup,
              "version": "0.1.0"})
    print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
