"""Compares the arrays of two .npz files: same names and shapes, values within
|a - b| <= atol + rtol * |b|.
usage: compare_npz.py A.npz B.npz [rtol] [atol]"""
import sys

import numpy as np


def main():
    a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
    rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-5
    atol = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-6
    if sorted(a.files) != sorted(b.files):
        sys.exit("arrays differ: %s vs %s" % (sorted(a.files), sorted(b.files)))
    worst = 0.0
    for k in sorted(a.files):
        x, y = a[k].astype(np.float64), b[k].astype(np.float64)
        if x.shape != y.shape:
            sys.exit("%s: shape %s vs %s" % (k, x.shape, y.shape))
        tol = atol + rtol * np.abs(y)
        bad = np.abs(x - y) > tol
        if bad.any():
            i = np.argwhere(bad)[0]
            sys.exit("%s%s: %r vs %r (rtol=%g atol=%g)" % (k, list(i), x[tuple(i)], y[tuple(i)], rtol, atol))
        worst = max(worst, float(np.max(np.abs(x - y) / tol)) if x.size else 0.0)
    print("OK %d arrays, worst error %.3f of tolerance" % (len(a.files), worst))


main()
