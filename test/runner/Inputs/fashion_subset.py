"""Writes the first TRAIN training and TEST test images and labels of
Fashion-MNIST (Debian's dataset-fashion-mnist IDX files) as .npy files, so
a test can train on a short run. usage: fashion_subset.py DIR TRAIN TEST OUT"""
import gzip
import os
import sys

import numpy as np


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    ndim = data[3]
    dims = np.frombuffer(data, ">u4", ndim, 4).astype(int)
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)


src, train, test, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
os.makedirs(out, exist_ok=True)
for name, part, n in [("x", "train-images-idx3-ubyte", train), ("y", "train-labels-idx1-ubyte", train),
                      ("test_x", "t10k-images-idx3-ubyte", test), ("test_y", "t10k-labels-idx1-ubyte", test)]:
    np.save(os.path.join(out, name + ".npy"), idx(os.path.join(src, part + ".gz"))[:n].astype(np.int32))
