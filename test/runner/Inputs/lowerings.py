"""Runs a graph's computation `f` through every lowering, for the checks
against numpy: scheduled on 1 and 2 threads, and the reference lowering."""
import os
import subprocess

import numpy as np

LOWERINGS = [("scheduled", []), ("2 threads", ["--num-threads", "2"]),
             ("reference", ["--no-schedule"])]


def save_inputs(path, inputs):
    """Writes each array as PATH.NAME.npy (float32); returns the --input args."""
    args = []
    for n, a in inputs:
        np.save("%s.%s.npy" % (path, n), a.astype(np.float32))
        args += ["--input", "%s=@%s.%s.npy" % (n, path, n)]
    return args


def outputs(bin_dir, path, args, more=()):
    """Yields (lowering, [out0, out1, ...]) for PATH.mlir's computation f,
    through LOWERINGS and then `more` ((label, runner arguments) pairs)."""
    for label, extra in list(LOWERINGS) + list(more):
        out = path + ".out.npz"
        subprocess.run([os.path.join(bin_dir, "ngraph-runner"), path + ".mlir", "--call", "f",
                        "--output", out] + args + extra, check=True)
        got = np.load(out)
        yield label, [got["out%d" % i] for i in range(len(got.files))]
