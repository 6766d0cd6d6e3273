#!/usr/bin/env python3
"""ng.dot through every lowering against numpy (float64 reference).

    check_contractions.py NGRAPH_BIN WORKDIR

For each shape and operand layout it writes a graph and inputs, runs
`ngraph-runner --call` with the scheduled lowering (1 and 2 threads) and
the plain-loop reference lowering (--no-schedule), and checks each result
against numpy within rtol 1e-5 + atol 1e-5*sqrt(K) (float32 sums of K
products of values in [-1, 1]). The shapes cover the unpacked schedule
(small), the packed one with and without edge rows and columns, several
K blocks, M or N below one register tile, a full contraction to a scalar,
and several axes flattened.
Exits non-zero, naming the case, on the first mismatch."""
import itertools
import os
import subprocess
import sys

import numpy as np

BIN, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)
rng = np.random.default_rng(7)


def tensor(axes):
    return "!ng.tensor<[" + ", ".join(f"{n}:{l}" for n, l in axes) + "], f32>"


def run_case(name, a_axes, b_axes):
    a = rng.uniform(-1, 1, [l for _, l in a_axes]).astype(np.float32)
    b = rng.uniform(-1, 1, [l for _, l in b_axes]).astype(np.float32)
    a_names, b_names = [n for n, _ in a_axes], [n for n, _ in b_axes]
    shared = [n for n in a_names if n in b_names]
    free = [x for x in a_axes if x[0] not in shared] + \
           [x for x in b_axes if x[0] not in a_names]
    letters = {n: chr(ord("a") + i) for i, n in enumerate(dict.fromkeys(a_names + b_names))}
    spec = "".join(letters[n] for n in a_names) + "," + \
        "".join(letters[n] for n in b_names) + "->" + \
        "".join(letters[n] for n, _ in free)
    ref = np.einsum(spec, a.astype(np.float64), b.astype(np.float64))
    k = int(np.prod([l for n, l in a_axes if n in shared]))
    graph = os.path.join(WORK, name + ".mlir")
    with open(graph, "w") as f:
        f.write(f"""ng.graph @g {{
  %a = ng.placeholder "a" : {tensor(a_axes)}
  %b = ng.placeholder "b" : {tensor(b_axes)}
  %c = ng.dot %a, %b : {tensor(a_axes)}, {tensor(b_axes)}
  ng.computation @f outputs(%c : {tensor(free)}) inputs(%a, %b : {tensor(a_axes)}, {tensor(b_axes)})
}}
""")
    np.save(os.path.join(WORK, name + "_a.npy"), a)
    np.save(os.path.join(WORK, name + "_b.npy"), b)
    # The host's code, the same with threads, AVX2 code (which both kinds of
    # host run: on an AVX-512 host it checks the other target's tiling), and
    # the reference lowering.
    for mode in ([], ["--num-threads", "2"], ["--target", "x86-64-v3"],
                 ["--no-schedule"]):
        out = os.path.join(WORK, name + ".npz")
        cmd = [os.path.join(BIN, "ngraph-runner"), graph, "--call", "f",
               "--input", f"a=@{WORK}/{name}_a.npy",
               "--input", f"b=@{WORK}/{name}_b.npy", "--output", out] + mode
        subprocess.run(cmd, check=True)
        got = np.load(out)["out0"]
        if got.shape != ref.shape or not np.allclose(got, ref, rtol=1e-5,
                                                     atol=1e-5 * np.sqrt(k)):
            err = np.max(np.abs(got - ref)) if got.shape == ref.shape else "shape"
            sys.exit(f"MISMATCH {name} {' '.join(mode) or 'scheduled'}: "
                     f"max error {err}")
    print(f"ok {name} M*N*K={ref.size * k}")


# (M, K, N): unpacked (small), packed exact, packed with rows and columns
# left over below and right of the full register tiles, several K blocks
# (600 = 3 x 200; with 11 x 5 tiles, which 2 threads cannot split evenly),
# N below a register tile, M = 1, a dot product; N not a multiple of the
# vector width with M one (computed as C^T = B^T A^T: an output layer's
# weight gradient, 10 or 20 columns).
shapes = [(7, 13, 5), (64, 64, 64), (96, 128, 128), (130, 70, 150),
          (257, 65, 129), (66, 600, 80), (300, 200, 10), (1, 4, 128),
          (1, 300, 1), (1024, 256, 10), (256, 40, 20)]
for (m, k, n) in shapes:
    for a_t, b_t in itertools.product([False, True], repeat=2):
        A = [("M", m)] if m > 1 else []
        B = [("N", n)] if n > 1 else []
        a_axes = ([("K", k)] + A) if a_t else (A + [("K", k)])
        b_axes = (B + [("K", k)]) if b_t else ([("K", k)] + B)
        if not A and a_t or not B and b_t:
            continue
        run_case(f"m{m}k{k}n{n}{'_at' if a_t else ''}{'_bt' if b_t else ''}",
                 a_axes, b_axes)
# Several axes on each side, interleaved (the lowering permutes).
run_case("multi", [("A", 6), ("K1", 20), ("B", 30), ("K2", 9)],
         [("K2", 9), ("C", 40), ("K1", 20)])
print("all contractions match")
