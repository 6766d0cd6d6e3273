#!/usr/bin/env python3
"""Embedding lookup, random numbers and dropout against numpy, through every
lowering (scheduled on 1 and 2 threads, and the reference lowering).

    check_indexing.py NGRAPH_BIN WORKDIR

- lookup of a [V:50, E:24] table by [T:7, N:5] ids and its table gradient
  (numpy's np.add.at), within rtol 1e-5 + atol 1e-5;
- random_uniform (f32 and f64) bit for bit against a numpy Philox-4x32-10,
  which is first checked on the known-answer vectors of Random123
  (kat_vectors); then statistics: mean 1/2 and variance 1/12 within 5
  standard errors, no value outside [0, 1);
- dropout: exactly x/keep where numpy's mask keeps and 0 elsewhere, the
  kept fraction within 5 standard errors of keep, keep = 1 the identity.
Exits non-zero, naming the case, on the first mismatch."""
import os
import sys

import numpy as np

import lowerings

BIN, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)
rng = np.random.default_rng(11)
M = np.uint64(0xFFFFFFFF)


def philox(c0, c1, c2, c3, k0, k1):
    """Philox-4x32-10 of counters (uint64 arrays holding 32-bit words)."""
    c = [np.asarray(x, np.uint64) for x in (c0, c1, c2, c3)]
    k0, k1 = np.uint64(k0), np.uint64(k1)
    for _ in range(10):
        p0 = np.uint64(0xD2511F53) * c[0]
        p1 = np.uint64(0xCD9E8D57) * c[2]
        c = [(p1 >> np.uint64(32)) ^ c[1] ^ k0, p1 & M, (p0 >> np.uint64(32)) ^ c[3] ^ k1, p0 & M]
        k0 = (k0 + np.uint64(0x9E3779B9)) & M
        k1 = (k1 + np.uint64(0xBB67AE85)) & M
    return c


def kat():
    """Random123's known answers for philox4x32 with 10 rounds."""
    cases = [((0, 0, 0, 0), (0, 0), (0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8)),
             ((0xffffffff,) * 4, (0xffffffff,) * 2, (0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd)),
             ((0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344), (0xa4093822, 0x299f31d0),
              (0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1))]
    for ctr, key, want in cases:
        got = tuple(int(w) for w in philox(*ctr, *key))
        if got != want:
            sys.exit("numpy Philox fails the known answer for counter %s: %s" % (ctr, [hex(g) for g in got]))


def uniform(shape, seed, counter, dtype):
    """What ng.random_uniform computes: element i from Philox((i, counter), seed)."""
    pos = np.arange(int(np.prod(shape)), dtype=np.uint64)
    ctr = np.uint64(counter)
    r = philox(pos & M, pos >> np.uint64(32), ctr & M, ctr >> np.uint64(32), seed & 0xFFFFFFFF, seed >> 32)
    if dtype == np.float32:
        u = (r[0] >> np.uint64(8)).astype(np.float64) * 2.0 ** -24
    else:
        u = ((r[0] >> np.uint64(5)) * np.uint64(1 << 26) + (r[1] >> np.uint64(6))).astype(np.float64) * 2.0 ** -53
    return u.reshape(shape).astype(dtype)


def graph(path, lines):
    with open(path + ".mlir", "w") as f:
        f.write("ng.graph @g {\n" + "\n".join("  " + l for l in lines) + "\n}\n")


def lookup():
    path = os.path.join(WORK, "lookup")
    TB, IDS = "!ng.tensor<[V:50, E:24], f32>", "!ng.tensor<[T:7, N:5 batch], i32>"
    Y = "!ng.tensor<[T:7, N:5 batch, E:24], f32>"
    S = "!ng.tensor<[], f32>"
    graph(path, ['%table = ng.placeholder "table" : ' + TB, '%ids = ng.placeholder "ids" : ' + IDS,
                 '%g = ng.placeholder "g" : ' + Y,
                 "%%y = ng.lookup %%table[%%ids] : %s, %s" % (TB, IDS),
                 "%%m = ng.multiply %%y, %%g : %s, %s" % (Y, Y), "%%L = ng.sum %%m out [] : %s" % Y,
                 "%%d = ng.deriv %%L wrt %%table : %s, %s" % (S, TB),
                 # A scalar index: one row.
                 "%k = ng.constant 17 : !ng.tensor<[], i32>",
                 "%%row = ng.lookup %%table[%%k] : %s, !ng.tensor<[], i32>" % TB,
                 "ng.computation @f outputs(%%y, %%d, %%row : %s, %s, !ng.tensor<[E:24], f32>) inputs(%%table, %%ids, %%g : %s, %s, %s)" % (Y, TB, TB, IDS, Y)])
    table = rng.uniform(-1, 1, (50, 24))
    ids = rng.integers(0, 50, (7, 5))
    ids[0, 0] = ids[3, 2] = ids[6, 4] = 17  # one row read three times
    g = rng.uniform(-1, 1, (7, 5, 24))
    args = lowerings.save_inputs(path, [("table", table), ("g", g)])
    np.save(path + ".ids.npy", ids.astype(np.int32))
    args += ["--input", "ids=@%s.ids.npy" % path]
    dtable = np.zeros_like(table)
    np.add.at(dtable, ids, g)
    for label, (y, d, row) in lowerings.outputs(BIN, path, args):
        if not np.allclose(row, table[17], rtol=1e-5, atol=1e-5):
            sys.exit("lookup (%s): the row of a scalar index differs" % label)
        if not np.allclose(y, table[ids], rtol=1e-5, atol=1e-5):
            sys.exit("lookup (%s): rows differ from numpy" % label)
        if not np.allclose(d, dtable, rtol=1e-5, atol=1e-5):
            sys.exit("lookup (%s): table gradient differs from np.add.at by %g" % (label, np.max(np.abs(d - dtable))))
    print("ok lookup")


def random():
    path = os.path.join(WORK, "random")
    S = "!ng.tensor<[], f32>"
    U32, U64 = "!ng.tensor<[H:33, N:16 batch], f32>", "!ng.tensor<[K:7, J:300], f64>"
    seed = (5 << 32) + 123456789
    graph(path, ['%c = ng.placeholder "c" : ' + S,
                 "%%u = ng.random_uniform seed %d counter %%c : %s -> %s" % (seed, S, U32),
                 "%%v = ng.random_uniform seed %d counter %%c : %s -> %s" % (seed, S, U64),
                 "ng.computation @f outputs(%%u, %%v : %s, %s) inputs(%%c : %s)" % (U32, U64, S)])
    for counter in (0, 41, 3000000000):
        args = lowerings.save_inputs(path, [("c", np.array(counter, np.float64))])
        for label, (u, v) in lowerings.outputs(BIN, path, args):
            if not np.array_equal(u, uniform((33, 16), seed, counter, np.float32)):
                sys.exit("random_uniform f32 (%s, counter %d) differs from numpy's Philox" % (label, counter))
            if not np.array_equal(v, uniform((7, 300), seed, counter, np.float64)):
                sys.exit("random_uniform f64 (%s, counter %d) differs from numpy's Philox" % (label, counter))
            for a in (u, v):
                n = a.size
                if a.min() < 0 or a.max() >= 1:
                    sys.exit("random_uniform (%s): value outside [0, 1)" % label)
                if abs(a.mean() - 0.5) > 5 * (1 / 12 / n) ** 0.5 or abs(a.var() - 1 / 12) > 5 * (1 / 180 / n) ** 0.5:
                    sys.exit("random_uniform (%s): mean %g, variance %g" % (label, a.mean(), a.var()))
    print("ok random_uniform")


def dropout():
    path = os.path.join(WORK, "dropout")
    S = "!ng.tensor<[], f32>"
    X = "!ng.tensor<[H:64, N:32 batch], f32>"
    graph(path, ['%x = ng.placeholder "x" : ' + X, '%keep = ng.placeholder "keep" : ' + S,
                 '%c = ng.placeholder "c" : ' + S,
                 "%%y = ng.dropout %%x keep %%keep seed 9 counter %%c : %s, %s, %s" % (X, S, S),
                 "ng.computation @f outputs(%%y : %s) inputs(%%x, %%keep, %%c : %s, %s, %s)" % (X, X, S, S)])
    x = rng.uniform(0.5, 1.5, (64, 32))
    x32 = x.astype(np.float32)
    for keep, counter in ((0.8, 7), (0.3, 8), (1.0, 7)):
        args = lowerings.save_inputs(path, [("x", x), ("keep", np.array(keep)), ("c", np.array(counter, np.float64))])
        k32 = np.float32(keep)
        mask = uniform((64, 32), 9, counter, np.float32) < k32
        want = np.where(mask, x32 * np.float32(1) / k32, np.float32(0))
        for label, (y,) in lowerings.outputs(BIN, path, args):
            if not np.allclose(y, want, rtol=1e-6, atol=0) or not np.array_equal(y != 0, mask):
                sys.exit("dropout (%s, keep %g): differs from numpy's mask" % (label, keep))
            kept = np.mean(y != 0)
            if abs(kept - keep) > 5 * (keep * (1 - keep) / y.size) ** 0.5 + 1e-12:
                sys.exit("dropout (%s): kept %g of the elements, keep is %g" % (label, kept, keep))
            if keep == 1.0 and not np.array_equal(y, x32):
                sys.exit("dropout (%s): keep 1 is not the identity" % label)
    print("ok dropout")


kat()
print("ok kat_vectors")
lookup()
random()
dropout()
print("all indexing ops match")
