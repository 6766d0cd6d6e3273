#!/usr/bin/env python3
"""Slicing, padding, concatenation and stacking inside larger expressions,
forward and gradients, through every lowering against numpy (float64).

    check_sequences.py NGRAPH_BIN WORKDIR

Each case is a f32 graph computing y, L = sum(y * g) and the gradients of
L; `ngraph-runner --call` runs it scheduled (1 and 2 threads) and through
the reference lowering (--no-schedule), and every output is checked
against numpy within rtol 1e-5 + atol 1e-5. Exits non-zero, naming the
case and output, on the first mismatch."""
import os
import sys

import numpy as np

import lowerings

BIN, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)
rng = np.random.default_rng(5)
sig = lambda v: 1 / (1 + np.exp(-v))


def T(axes):
    """axes: [(name, length, role)] -> the ng tensor type."""
    return "!ng.tensor<[" + ", ".join("%s:%d%s" % (n, l, " " + r if r else "") for n, l, r in axes) + "], f32>"


def run(name, body, inputs, y_type, wrt, refs):
    """body computes %y; inputs: {name: (type, array)}; refs: [y, d...]."""
    path = os.path.join(WORK, name)
    S = "!ng.tensor<[], f32>"
    lines = ["ng.graph @g {"]
    for n, (t, _) in inputs.items():
        lines.append('  %%%s = ng.placeholder "%s" : %s' % (n, n, t))
    lines.append('  %%g = ng.placeholder "g" : %s' % y_type)
    lines += ["  " + l for l in body]
    lines.append("  %%m = ng.multiply %%y, %%g : %s, %s" % (y_type, y_type))
    lines.append("  %%L = ng.sum %%m out [] : %s" % y_type)
    for n in wrt:
        lines.append("  %%d_%s = ng.deriv %%L wrt %%%s : %s, %s" % (n, n, S, inputs[n][0]))
    outs = ", ".join(["%y"] + ["%d_" + n for n in wrt])
    otys = ", ".join([y_type] + [inputs[n][0] for n in wrt])
    ins = ", ".join("%" + n for n in list(inputs) + ["g"])
    itys = ", ".join([t for t, _ in inputs.values()] + [y_type])
    lines.append("  ng.computation @f outputs(%s : %s) inputs(%s : %s)" % (outs, otys, ins, itys))
    lines.append("}")
    with open(path + ".mlir", "w") as f:
        f.write("\n".join(lines) + "\n")
    g = rng.uniform(-1, 1, refs[0].shape)
    args = lowerings.save_inputs(path, [(n, a) for n, (_, a) in inputs.items()] + [("g", g)])
    grads = refs[1](g)
    for label, got in lowerings.outputs(BIN, path, args):
        for i, ref in enumerate([refs[0]] + grads):
            a = got[i]
            if a.shape != ref.shape or not np.allclose(a, ref, rtol=1e-5, atol=1e-5):
                sys.exit("%s (%s): output %d differs from numpy by %s" % (
                    name, label, i, np.max(np.abs(a - ref)) if a.shape == ref.shape else "shape %s vs %s" % (a.shape, ref.shape)))
    print("ok", name)


X = [("T", 64, "recurrent"), ("C", 33, ""), ("N", 16, "batch")]
x = rng.uniform(-1, 1, (64, 33, 16))

# A strided range through tanh.
U = [("U", 21, "recurrent"), ("C", 33, ""), ("N", 16, "batch")]
y = np.tanh(x[1:64:3])
def d_slice(g):
    dx = np.zeros_like(x)
    dx[1:64:3] = g * (1 - y * y)
    return [dx]
run("strided_slice", ["%%s = ng.slice %%x [T[1:64:3] -> U] : %s -> %s" % (T(X), T(U)),
                      "%%y = ng.tanh %%s : %s" % T(U)],
    {"x": (T(X), x)}, T(U), ["x"], [y, d_slice])

# Two indexes of one tensor multiplied (their gradients land in one tensor).
CN = [("C", 33, ""), ("N", 16, "batch")]
y = x[5] * x[7]
def d_index(g):
    dx = np.zeros_like(x)
    dx[5], dx[7] = g * x[7], g * x[5]
    return [dx]
run("indexes", ["%%a = ng.slice %%x [T[5]] : %s -> %s" % (T(X), T(CN)),
                "%%b = ng.slice %%x [T[7]] : %s -> %s" % (T(X), T(CN)),
                "%%y = ng.multiply %%a, %%b : %s, %s" % (T(CN), T(CN))],
    {"x": (T(X), x)}, T(CN), ["x"], [y, d_index])

# Padding through relu.
P = [("T", 64, "recurrent"), ("C2", 38, ""), ("N", 16, "batch")]
xp = np.pad(x, ((0, 0), (2, 3), (0, 0)))
y = np.maximum(xp, 0)
run("pad", ["%%p = ng.pad %%x [C(2, 3) -> C2] : %s -> %s" % (T(X), T(P)),
            "%%y = ng.relu %%p : %s" % T(P)],
    {"x": (T(X), x)}, T(P), ["x"], [y, lambda g: [(g * (xp > 0))[:, 2:35]]])

# Concatenation along the middle axis, then exp.
A = [("T", 64, "recurrent"), ("C", 33, ""), ("N", 16, "batch")]
B = [("T", 64, "recurrent"), ("E", 7, ""), ("N", 16, "batch")]
J = [("T", 64, "recurrent"), ("J", 40, ""), ("N", 16, "batch")]
b = rng.uniform(-1, 1, (64, 7, 16))
y = np.exp(np.concatenate([x, b], axis=1))
run("concat", ["%%c = ng.concat %%x, %%b along [C, E] -> J : %s, %s -> %s" % (T(A), T(B), T(J)),
               "%%y = ng.exp %%c : %s" % T(J)],
    {"x": (T(A), x), "b": (T(B), b)}, T(J), ["x", "b"],
    [y, lambda g: [(g * y)[:, :33], (g * y)[:, 33:]]])

# Stacking two expressions along a new last axis.
Sx = [("T", 64, "recurrent"), ("C", 33, ""), ("N", 16, "batch"), ("S", 2, "")]
z = rng.uniform(-1, 1, (64, 33, 16))
y = np.stack([x - z, x * z], axis=-1)
run("stack", ["%%p = ng.subtract %%x, %%z : %s, %s" % (T(X), T(X)),
              "%%q = ng.multiply %%x, %%z : %s, %s" % (T(X), T(X)),
              "%%y = ng.stack %%p, %%q along S : %s, %s -> %s" % (T(X), T(X), T(Sx))],
    {"x": (T(X), x), "z": (T(X), z)}, T(Sx), ["x", "z"],
    [y, lambda g: [g[..., 0] + g[..., 1] * z, -g[..., 0] + g[..., 1] * x]])

# An LSTM cell's gates: one [4H, N] pre-activation cut into four [H, N].
Hd, N = 64, 32
Z = [("Z", 4 * Hd, ""), ("N", N, "batch")]
Hn = [("H", Hd, ""), ("N", N, "batch")]
zv, c0 = rng.uniform(-2, 2, (4 * Hd, N)), rng.uniform(-1, 1, (Hd, N))
gi, gf, gg, go = (zv[k * Hd:(k + 1) * Hd] for k in range(4))
i, f, gt, o = sig(gi), sig(gf), np.tanh(gg), sig(go)
c = f * c0 + i * gt
y = o * np.tanh(c)
def d_lstm(g):
    dc = g * o * (1 - np.tanh(c) ** 2)
    dz = np.concatenate([dc * gt * i * (1 - i), dc * c0 * f * (1 - f),
                         dc * i * (1 - gt * gt), g * np.tanh(c) * o * (1 - o)])
    return [dz, dc * f]
body = []
for k, (gate, fn) in enumerate([("i", "sigmoid"), ("f", "sigmoid"), ("gt", "tanh"), ("o", "sigmoid")]):
    body.append("%%%s_in = ng.slice %%z [Z[%d:%d] -> H] : %s -> %s" % (gate, k * Hd, (k + 1) * Hd, T(Z), T(Hn)))
    body.append("%%%s = ng.%s %%%s_in : %s" % (gate, fn, gate, T(Hn)))
H2 = (T(Hn), T(Hn))
body += ["%%fc = ng.multiply %%f, %%c0 : %s, %s" % H2,
         "%%ig = ng.multiply %%i, %%gt : %s, %s" % H2,
         "%%c = ng.add %%fc, %%ig : %s, %s" % H2,
         "%%tc = ng.tanh %%c : %s" % T(Hn),
         "%%y = ng.multiply %%o, %%tc : %s, %s" % H2]
run("lstm_gates", body, {"z": (T(Z), zv), "c0": (T(Hn), c0)}, T(Hn), ["z", "c0"], [y, d_lstm])

# Normalization: over the features (layer norm) and over the batch (batch
# norm), and the variance over the batch (forward against numpy; the
# gradients are checked by test/runner/gradcheck/normalization.test).
Xn = [("F", 40, ""), ("N", 24, "batch")]
xn = rng.uniform(-2, 3, (40, 24))
ln = (xn - xn.mean(0)) / np.sqrt(xn.var(0) + 1e-5)
bn = (xn - xn.mean(1, keepdims=True)) / np.sqrt(xn.var(1, keepdims=True) + 1e-3)
run("layer_norm", ["%%y = ng.normalize %%x : %s" % T(Xn)], {"x": (T(Xn), xn)}, T(Xn), [], [ln, lambda g: []])
run("batch_norm", ["%%y = ng.normalize %%x over [N] eps 1.0e-3 : %s" % T(Xn)], {"x": (T(Xn), xn)}, T(Xn), [],
    [bn, lambda g: []])
run("variance", ["%%y = ng.variance %%x reduce [N] : %s" % T(Xn)], {"x": (T(Xn), xn)}, T([("F", 40, "")]), [],
    [xn.var(1), lambda g: []])

# A whole LSTM layer over 12 steps (examples/rnn_cells.py), its loss on
# every step's output and the final cell state: gradients through time.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples"))
import rnn_cells
Tn, C, Hd, N = 12, 20, 32, 8
xs, h0, c0 = rng.uniform(-1, 1, (Tn, C, N)), rng.uniform(-1, 1, (Hd, N)), rng.uniform(-1, 1, (Hd, N))
wx, wh, bz = rng.uniform(-0.3, 0.3, (C, 4 * Hd)), rng.uniform(-0.3, 0.3, (Hd, 4 * Hd)), rng.uniform(-0.3, 0.3, 4 * Hd)
def lstm_ref(xs, h0, c0, wx, wh, bz):
    h, c, hs, cache = h0, c0, [], []
    for t in range(Tn):
        z = wx.T @ xs[t] + wh.T @ h + bz[:, None]
        i, f, gt, o = sig(z[:Hd]), sig(z[Hd:2 * Hd]), np.tanh(z[2 * Hd:3 * Hd]), sig(z[3 * Hd:])
        cache.append((xs[t], h, c, i, f, gt, o))
        c = f * c + i * gt
        h = o * np.tanh(c)
        hs.append(h)
    return np.stack(hs), h, c, cache
hs, hT, cT, cache = lstm_ref(xs, h0, c0, wx, wh, bz)
y = hs + cT
def d_layer(g):
    dwx, dwh, dbz, dxs = np.zeros_like(wx), np.zeros_like(wh), np.zeros_like(bz), np.zeros_like(xs)
    dh, dc = np.zeros_like(h0), g.sum(axis=0)
    for t in reversed(range(Tn)):
        x_t, hp, cp, i, f, gt, o = cache[t]
        c = f * cp + i * gt
        dh = dh + g[t]
        do = dh * np.tanh(c)
        dc = dc + dh * o * (1 - np.tanh(c) ** 2)
        dz = np.concatenate([dc * gt * i * (1 - i), dc * cp * f * (1 - f),
                             dc * i * (1 - gt * gt), do * o * (1 - o)])
        dwx += x_t @ dz.T
        dwh += hp @ dz.T
        dbz += dz.sum(axis=1)
        dxs[t] = wx @ dz
        dh = wh @ dz
        dc = dc * f
    return [dxs, dh, dc, dwx, dwh, dbz]
lines, (_, c_last, hs_name) = rnn_cells.lstm("l", ("T", Tn), "C:%d" % C, "H:%d" % Hd, "N:%d batch" % N,
                                             "%xs", "%h0", "%c0", "%wx", "%wh", "%bz")
HS = T([("T", Tn, "recurrent"), ("H", Hd, ""), ("N", N, "batch")])
H0 = T([("H", Hd, ""), ("N", N, "batch")])
run("lstm_layer", lines + ["%%y = ng.add %s, %s : %s, %s" % (hs_name, c_last, HS, H0)],
    {"xs": (T([("T", Tn, "recurrent"), ("C", C, ""), ("N", N, "batch")]), xs), "h0": (H0, h0), "c0": (H0, c0),
     "wx": (T([("C", C, ""), ("lZ", 4 * Hd, "")]), wx), "wh": (T([("lH2", Hd, ""), ("lZ", 4 * Hd, "")]), wh),
     "bz": (T([("lZ", 4 * Hd, "")]), bz)},
    HS, ["xs", "h0", "c0", "wx", "wh", "bz"], [y, d_layer])
print("all sequence ops match")
