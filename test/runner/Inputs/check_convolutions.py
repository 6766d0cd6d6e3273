#!/usr/bin/env python3
"""Convolution and pooling, forward and both gradients, through every
lowering against numpy (float64 reference).

    check_convolutions.py NGRAPH_BIN WORKDIR

For each case it writes a f32 graph computing a convolution (or pooling),
L = sum(y * g) and the gradients of L, runs `ngraph-runner --call` with
the scheduled lowering (direct register tiles or im2col + packed matmul,
as the shape decides; 1 and 2 threads) and the
reference lowering (--no-schedule: one loop nest per op), and the
scheduled lowering for AVX2 (--target x86-64-v3), and checks every
output against numpy within rtol 1e-4 + atol 1e-4*sqrt(K) (float32 sums of
K products of values in [-1, 1]). Exits non-zero, naming the case and
output, on the first mismatch."""
import os
import sys

import numpy as np

import lowerings

BIN, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)
rng = np.random.default_rng(11)


def out_len(n, r, s, p, d):
    return (n + 2 * p - d * (r - 1) - 1) // s + 1


def conv_ref(x, w, g, st, pad, dil):
    """y, dL/dx, dL/dw for x [C, H, W, N], w [C, R, S, K], g [K, P, Q, N]."""
    C, H, W, N = x.shape
    _, R, S, K = w.shape
    P, Q = out_len(H, R, st[0], pad[0], dil[0]), out_len(W, S, st[1], pad[1], dil[1])
    xp = np.pad(x, ((0, 0), (pad[0], pad[0]), (pad[1], pad[1]), (0, 0)))
    y = np.zeros((K, P, Q, N))
    dxp, dw = np.zeros_like(xp), np.zeros_like(w)
    for r in range(R):
        for s in range(S):
            h0, w0 = r * dil[0], s * dil[1]
            sl = xp[:, h0:h0 + (P - 1) * st[0] + 1:st[0], w0:w0 + (Q - 1) * st[1] + 1:st[1], :]
            y += np.einsum("cpqn,ck->kpqn", sl, w[:, r, s, :])
            dw[:, r, s, :] += np.einsum("cpqn,kpqn->ck", sl, g)
            dxp[:, h0:h0 + (P - 1) * st[0] + 1:st[0], w0:w0 + (Q - 1) * st[1] + 1:st[1], :] += \
                np.einsum("ck,kpqn->cpqn", w[:, r, s, :], g)
    return y, dxp[:, pad[0]:pad[0] + H, pad[1]:pad[1] + W, :], dw


def pool_ref(kind, x, g, win, st, pad):
    C, H, W, N = x.shape
    P, Q = out_len(H, win[0], st[0], pad[0], 1), out_len(W, win[1], st[1], pad[1], 1)
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x, ((0, 0), (pad[0], pad[0]), (pad[1], pad[1]), (0, 0)), constant_values=fill)
    y, dxp = np.zeros((C, P, Q, N)), np.zeros_like(xp)
    for p in range(P):
        for q in range(Q):
            blk = xp[:, p * st[0]:p * st[0] + win[0], q * st[1]:q * st[1] + win[1], :]
            if kind == "max":
                y[:, p, q, :] = blk.max(axis=(1, 2))
                first = blk.reshape(C, -1, N).argmax(axis=1)  # the first maximum
                r, s = np.divmod(first, win[1])
                for c in range(C):
                    for n in range(N):
                        dxp[c, p * st[0] + r[c, n], q * st[1] + s[c, n], n] += g[c, p, q, n]
            else:
                y[:, p, q, :] = blk.sum(axis=(1, 2)) / (win[0] * win[1])
                dxp[:, p * st[0]:p * st[0] + win[0], q * st[1]:q * st[1] + win[1], :] += \
                    g[:, p, q, None, None, :] / (win[0] * win[1])
    return y, dxp[:, pad[0]:pad[0] + H, pad[1]:pad[1] + W, :]


def T(shape, names, batch):
    return "!ng.tensor<[" + ", ".join("%s:%d%s" % (n, l, " batch" if n == batch else "")
                                      for n, l in zip(names, shape)) + "], f32>"


def run(name, graph, inputs, refs, k):
    path = os.path.join(WORK, name)
    with open(path + ".mlir", "w") as f:
        f.write(graph)
    args = lowerings.save_inputs(path, inputs.items())
    # Code for AVX2 too (it runs on AVX-512 hosts): other register tiles,
    # and im2col where AVX2's 16 registers do not fit a direct tile.
    for label, got in lowerings.outputs(BIN, path, args,
                                        [("x86-64-v3", ["--target", "x86-64-v3"])]):
        for i, ref in enumerate(refs):
            a = got[i]
            tol = 1e-4 + 1e-4 * np.sqrt(k) * np.maximum(1.0, np.abs(ref))
            if a.shape != ref.shape or not np.all(np.abs(a - ref) <= tol):
                sys.exit("%s (%s): output %d differs from numpy by %g" % (
                    name, label, i, np.max(np.abs(a - ref)) if a.shape == ref.shape else -1))
    print("ok", name)


def conv_case(name, C, H, W, N, K, R, S, st, pad, dil, order="KPQN"):
    P, Q = out_len(H, R, st[0], pad[0], dil[0]), out_len(W, S, st[1], pad[1], dil[1])
    x, w, g = (rng.uniform(-1, 1, s) for s in [(C, H, W, N), (C, R, S, K), (K, P, Q, N)])
    y, dx, dw = conv_ref(x, w, g, st, pad, dil)
    X, F = T(x.shape, "CHWN", "N"), T(w.shape, "CRSK", "N")
    # The output in the requested axis order (any order is valid).
    dims = {"K": K, "P": P, "Q": Q, "N": N}
    Y = T([dims[a] for a in order], order, "N")
    perm = ["KPQN".index(a) for a in order]
    Sc = "!ng.tensor<[], f32>"
    win = "windows [H:R -> P, W:S -> Q] strides [%d, %d] padding [%d, %d] dilations [%d, %d]" % (st + pad + dil)
    graph = f"""ng.graph @g {{
  %x = ng.placeholder "x" : {X}
  %w = ng.placeholder "w" : {F}
  %g = ng.placeholder "g" : {Y}
  %y = ng.convolution %x, %w {win} : {X}, {F} -> {Y}
  %m = ng.multiply %y, %g : {Y}, {Y}
  %L = ng.sum %m out [] : {Y}
  %dx = ng.deriv %L wrt %x : {Sc}, {X}
  %dw = ng.deriv %L wrt %w : {Sc}, {F}
  ng.computation @f outputs(%y, %dx, %dw : {Y}, {X}, {F}) inputs(%x, %w, %g : {X}, {F}, {Y})
}}
"""
    run(name, graph, {"x": x, "w": w, "g": g.transpose(perm)},
        [y.transpose(perm), dx, dw], max(C * R * S, K * R * S, P * Q * N))


def bias_relu_case(name, C, H, W, N, K, R, S, pad, grads):
    """relu(conv(x, w) + b): the bias add (and, without gradients, the
    relu) become the direct form's epilogue; with gradients also dL/db."""
    P, Q = out_len(H, R, 1, pad, 1), out_len(W, S, 1, pad, 1)
    x, w, g = (rng.uniform(-1, 1, s) for s in [(C, H, W, N), (C, R, S, K), (K, P, Q, N)])
    b = rng.uniform(-1, 1, K)
    y0, _, _ = conv_ref(x, w, g, (1, 1), (pad, pad), (1, 1))
    a = y0 + b[:, None, None, None]
    y = np.maximum(a, 0)
    gm = g * (a > 0)
    _, dx, dw = conv_ref(x, w, gm, (1, 1), (pad, pad), (1, 1))
    db = gm.sum(axis=(1, 2, 3))
    X, F, Y = T(x.shape, "CHWN", "N"), T(w.shape, "CRSK", "N"), T(y.shape, "KPQN", "N")
    B, Sc = T(b.shape, "K", "N"), "!ng.tensor<[], f32>"
    win = "windows [H:R -> P, W:S -> Q] padding [%d, %d]" % (pad, pad)
    outs = (f"%y, %dx, %dw, %db : {Y}, {X}, {F}, {B}" if grads else f"%y : {Y}")
    derivs = f"""  %m = ng.multiply %y, %g : {Y}, {Y}
  %L = ng.sum %m out [] : {Y}
  %dx = ng.deriv %L wrt %x : {Sc}, {X}
  %dw = ng.deriv %L wrt %w : {Sc}, {F}
  %db = ng.deriv %L wrt %b : {Sc}, {B}
""" if grads else ""
    graph = f"""ng.graph @g {{
  %x = ng.placeholder "x" : {X}
  %w = ng.placeholder "w" : {F}
  %b = ng.placeholder "b" : {B}
  %g = ng.placeholder "g" : {Y}
  %c = ng.convolution %x, %w {win} : {X}, {F} -> {Y}
  %a = ng.add %c, %b : {Y}, {B}
  %y = ng.relu %a : {Y}
{derivs}  ng.computation @f outputs({outs}) inputs(%x, %w, %b, %g : {X}, {F}, {B}, {Y})
}}
"""
    refs = [y, dx, dw, db] if grads else [y]
    run(name, graph, {"x": x, "w": w, "b": b, "g": g}, refs, max(C * R * S, K * R * S, P * Q * N))


def pool_case(name, kind, C, H, W, N, win, st, pad):
    P, Q = out_len(H, win[0], st[0], pad[0], 1), out_len(W, win[1], st[1], pad[1], 1)
    x, g = rng.uniform(-1, 1, (C, H, W, N)), rng.uniform(-1, 1, (C, P, Q, N))
    y, dx = pool_ref(kind, x, g, win, st, pad)
    X, Y = T(x.shape, "CHWN", "N"), T(y.shape, "CPQN", "N")
    Sc = "!ng.tensor<[], f32>"
    graph = f"""ng.graph @g {{
  %x = ng.placeholder "x" : {X}
  %g = ng.placeholder "g" : {Y}
  %y = ng.pool {kind} %x windows [H:{win[0]} -> P, W:{win[1]} -> Q] strides [{st[0]}, {st[1]}] padding [{pad[0]}, {pad[1]}] : {X} -> {Y}
  %m = ng.multiply %y, %g : {Y}, {Y}
  %L = ng.sum %m out [] : {Y}
  %dx = ng.deriv %L wrt %x : {Sc}, {X}
  ng.computation @f outputs(%y, %dx : {Y}, {X}) inputs(%x, %g : {X}, {Y})
}}
"""
    run(name, graph, {"x": x, "g": g}, [y, dx], win[0] * win[1])


# LeNet's layers (im2col with a long N), strided and dilated ones, one
# whose filter is larger than its output (the column copy slides along
# the filter), and an output in [P, Q, K, N] order (the direct form).
conv_case("lenet1", 1, 28, 28, 8, 16, 5, 5, (1, 1), (2, 2), (1, 1))
conv_case("lenet2", 16, 14, 14, 8, 32, 5, 5, (1, 1), (2, 2), (1, 1))
conv_case("strided", 3, 11, 9, 5, 7, 3, 3, (2, 2), (1, 1), (1, 1))
conv_case("dilated", 4, 10, 12, 3, 6, 3, 2, (1, 3), (2, 1), (2, 2))
conv_case("wide_filter", 2, 6, 6, 4, 5, 5, 5, (1, 1), (0, 0), (1, 1))
conv_case("output_order", 3, 8, 8, 4, 5, 3, 3, (1, 1), (1, 1), (1, 1), order="PQKN")
# Batches of whole vectors on every target (8 and 16 lanes): the forward
# pass and the data gradient take the direct form (register tiles read
# straight from the input), with strides, dilations and feature counts
# that are not a multiple of the register tile's rows.
conv_case("direct_lenet2", 16, 14, 14, 32, 32, 5, 5, (1, 1), (2, 2), (1, 1))
conv_case("direct_strided", 3, 11, 9, 16, 12, 3, 3, (2, 2), (1, 1), (1, 1))
conv_case("direct_dilated", 4, 10, 12, 16, 6, 3, 2, (1, 3), (2, 1), (2, 2))
# A 4 x 4 filter: its filter gradient takes the dot-product form on AVX2
# too (2 or 4 rows of window positions x 4 features).
conv_case("direct_filter4", 3, 9, 10, 16, 8, 4, 4, (1, 1), (1, 2), (1, 1))
# A convolution's bias add and relu computed on its register tiles.
bias_relu_case("bias_relu", 6, 9, 9, 32, 16, 3, 3, 1, grads=False)
bias_relu_case("bias_relu_train", 6, 9, 9, 32, 16, 3, 3, 1, grads=True)
pool_case("max2x2", "max", 6, 12, 10, 8, (2, 2), (2, 2), (0, 0))
pool_case("max3x3s2p1", "max", 4, 9, 11, 5, (3, 3), (2, 2), (1, 1))
pool_case("avg2x2", "avg", 6, 12, 10, 8, (2, 2), (2, 2), (0, 0))
pool_case("avg3x2", "avg", 3, 7, 8, 4, (3, 2), (1, 2), (1, 0))
print("all convolutions match")
