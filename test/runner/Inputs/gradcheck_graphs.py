"""Writes the graphs the gradient checks run: for each op, a computation
(loss, d loss/d input...) over f64 inputs, where the loss is
sum(op(inputs) * w) with a fixed, non-symmetric weight w so every output
element matters. usage: gradcheck_graphs.py FAMILY [NAME]"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples"))

T = "!ng.tensor<[A:3, B:2], f64>"
S = "!ng.tensor<[], f64>"
W = "ng.constant [[0.3, -1.2], [0.7, 0.4], [-0.5, 1.1]] : " + T


def weighted(name, ty, weight_literal, body, inputs):
    """body: lines computing %y (type ty) from the inputs [(name, type)]."""
    ins = ", ".join("%" + n for n, _ in inputs)
    tys = ", ".join(t for _, t in inputs)
    lines = ["ng.graph @g_%s {" % name]
    for n, t in inputs:
        lines.append('  %%%s = ng.placeholder "%s" : %s' % (n, n, t))
    lines += ["  " + l for l in body]
    lines.append("  %%w = ng.constant %s : %s" % (weight_literal, ty))
    lines.append("  %%p = ng.multiply %%y, %%w : %s, %s" % (ty, ty))
    lines.append("  %%L = ng.sum %%p out [] : %s" % ty)
    grads = []
    for n, t in inputs:
        lines.append("  %%d_%s = ng.deriv %%L wrt %%%s : %s, %s" % (n, n, S, t))
        grads.append(("%d_" + n, t))
    outs = ", ".join(["%L"] + [g for g, _ in grads])
    otys = ", ".join([S] + [t for _, t in grads])
    lines.append("  ng.computation @%s outputs(%s : %s) inputs(%s : %s)" % (name, outs, otys, ins, tys))
    lines.append("}")
    return "\n".join(lines)


W32 = "[[0.3, -1.2], [0.7, 0.4], [-0.5, 1.1]]"


def unary():
    ops = ["negative", "abs", "exp", "log", "safelog", "sqrt", "square",
           "reciprocal", "tanh", "sigmoid", "relu"]
    return [weighted(op, T, W32, ["%%y = ng.%s %%x : %s" % (op, T)], [("x", T)]) for op in ops]


def binary():
    R = "!ng.tensor<[B:2], f64>"
    out = []
    for op in ["add", "subtract", "multiply", "divide", "maximum", "minimum", "power"]:
        # Same axes, and with the right operand broadcast along A.
        out.append(weighted(op, T, W32, ["%%y = ng.%s %%x, %%z : %s, %s" % (op, T, T)], [("x", T), ("z", T)]))
        out.append(weighted(op + "_bcast", T, W32, ["%%y = ng.%s %%x, %%z : %s, %s" % (op, T, R)], [("x", T), ("z", R)]))
    return out


def reductions():
    R = "!ng.tensor<[B:2], f64>"
    out = []
    for op in ["sum", "mean", "max", "min", "prod"]:
        out.append(weighted(op, R, "[0.7, -1.3]", ["%%y = ng.%s %%x reduce [A] : %s" % (op, T)], [("x", T)]))
        out.append(weighted(op + "_all", S, "1.5", ["%%y = ng.%s %%x out [] : %s" % (op, T)], [("x", T)]))
    return out


def linear():
    X = "!ng.tensor<[A:3, B:2], f64>"
    Y = "!ng.tensor<[B:2, C:4], f64>"
    R = "!ng.tensor<[A:3, C:4], f64>"
    V = "!ng.tensor<[A:3], f64>"
    O = "!ng.tensor<[A:3, B:2, C:4], f64>"
    return [
        weighted("dot", R, "[[0.1, 0.2, -0.3, 0.4], [0.5, -0.6, 0.7, 0.8], [-0.9, 1.0, 1.1, -1.2]]",
                 ["%%y = ng.dot %%x, %%z : %s, %s" % (X, Y)], [("x", X), ("z", Y)]),
        weighted("dot_vector", S, "1.0", ["%%y = ng.dot %%x, %%z : %s, %s" % (V, V)], [("x", V), ("z", V)]),
        weighted("dot_outer", "!ng.tensor<[A:3, B:2, C:4], f64>", "0.5",
                 ["%%o = ng.dot %%x, %%z : %s, %s" % (X, "!ng.tensor<[C:4], f64>"),
                  "%%y = ng.multiply %%o, %%o : %s, %s" % (O, O)],
                 [("x", X), ("z", "!ng.tensor<[C:4], f64>")]),
    ]


def losses():
    Z = "!ng.tensor<[K:3, N:2 batch], f64>"
    Nb = "!ng.tensor<[N:2 batch], f64>"
    w = "[[0.3, -1.2], [0.7, 0.4], [-0.5, 1.1]]"
    return [
        weighted("softmax", Z, w, ["%%y = ng.softmax %%x : %s" % Z], [("x", Z)]),
        # sigmoid + binary cross-entropy (fused rule) and on its own.
        weighted("ce_binary_fused", S, "1.0",
                 ["%%s = ng.sigmoid %%z : %s" % Z,
                  "%%y = ng.cross_entropy_binary %%s, %%t out [] : %s, %s" % (Z, Z)],
                 [("z", Z), ("t", Z)]),
        weighted("ce_binary", Nb, "[0.6, -0.8]",
                 ["%%y = ng.cross_entropy_binary %%p0, %%t : %s, %s" % (Z, Z)],
                 [("p0", Z), ("t", Z)]),
        weighted("ce_multi_fused", S, "1.0",
                 ["%%s = ng.softmax %%z : %s" % Z,
                  "%%y = ng.cross_entropy_multi %%s, %%t out [] : %s, %s" % (Z, Z)],
                 [("z", Z), ("t", Z)]),
        weighted("ce_multi", Nb, "[0.6, -0.8]",
                 ["%%y = ng.cross_entropy_multi %%p0, %%t : %s, %s" % (Z, Z)],
                 [("p0", Z), ("t", Z)]),
    ]


def axes():
    B = "!ng.tensor<[B:2], f64>"
    R = "!ng.tensor<[B:2, A:3], f64>"
    C = "!ng.tensor<[D:3, E:2], f64>"
    F = "!ng.tensor<[AB:6], f64>"
    wr = "[[0.3, -1.2, 0.7], [0.4, -0.5, 1.1]]"
    wf = "[0.3, -1.2, 0.7, 0.4, -0.5, 1.1]"
    return [
        weighted("broadcast", R, wr, ["%%y = ng.broadcast %%x : %s -> %s" % (B, R)], [("x", B)]),
        weighted("reorder", R, wr, ["%%y = ng.reorder %%x : %s -> %s" % (T, R)], [("x", T)]),
        weighted("cast_axes", C, W32, ["%%y = ng.cast_axes %%x : %s -> %s" % (T, C)], [("x", T)]),
        weighted("flatten", F, wf, ["%%y = ng.flatten %%x : %s -> %s" % (T, F)], [("x", T)]),
        weighted("unflatten", T, W32, ["%%y = ng.unflatten %%x : %s -> %s" % (F, T)], [("x", F)]),
    ]


def mlp():
    """Two layers with relu, softmax and cross_entropy_multi."""
    X = "!ng.tensor<[F:4, N:3 batch], f64>"
    W1 = "!ng.tensor<[F:4, H:5], f64>"
    B1 = "!ng.tensor<[H:5], f64>"
    W2 = "!ng.tensor<[H:5, K:3], f64>"
    Hn = "!ng.tensor<[H:5, N:3 batch], f64>"
    Kn = "!ng.tensor<[K:3, N:3 batch], f64>"
    body = [
        "%%h0 = ng.dot %%w1, %%x : %s, %s" % (W1, X),
        "%%h1 = ng.add %%h0, %%b1 : %s, %s" % (Hn, B1),
        "%%h = ng.relu %%h1 : %s" % Hn,
        "%%z = ng.dot %%w2, %%h : %s, %s" % (W2, Hn),
        "%%s = ng.softmax %%z : %s" % Kn,
        "%%t = ng.constant [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]] : %s" % Kn,
        "%%ce = ng.cross_entropy_multi %%s, %%t out [] : %s, %s" % (Kn, Kn),
        "%%y = ng.mean %%ce out [] : %s" % S,
    ]
    return [weighted("mlp", S, "1.0", body, [("x", X), ("w1", W1), ("b1", B1), ("w2", W2)])]


def _literal(shape, k=0):
    """A nested list literal of `shape` with distinct, non-symmetric values."""
    import math
    count = [k]

    def rec(dims):
        if not dims:
            count[0] += 1
            return "%.4f" % math.sin(1.7 * count[0] + 0.3)
        return "[" + ", ".join(rec(dims[1:]) for _ in range(dims[0])) + "]"
    return rec(list(shape))


def _win_out(n, r, stride, pad, dil):
    return (n + 2 * pad - dil * (r - 1) - 1) // stride + 1


def convolution():
    """Convolutions over strides, padding, dilation and uneven shapes (2-D
    and 1-D), each gradient op on its own (their adjoints are the second
    derivatives of a convolution), and both poolings."""
    out = []
    cases = [  # name, C, H, W, N, K, R, S, strides, padding, dilations
        ("conv", 2, 5, 4, 2, 3, 3, 2, (1, 1), (0, 0), (1, 1)),
        ("conv_stride_pad", 2, 6, 5, 2, 2, 3, 3, (2, 1), (1, 1), (1, 1)),
        ("conv_dilation", 1, 7, 5, 3, 2, 2, 3, (1, 2), (1, 2), (2, 1)),
        ("conv_all", 3, 8, 7, 1, 2, 3, 2, (3, 2), (2, 1), (2, 2)),
    ]
    for name, c, h, w, n, k, r, s_, st, pad, dil in cases:
        p = _win_out(h, r, st[0], pad[0], dil[0])
        q = _win_out(w, s_, st[1], pad[1], dil[1])
        X = "!ng.tensor<[C:%d, H:%d, W:%d, N:%d batch], f64>" % (c, h, w, n)
        F = "!ng.tensor<[C:%d, R:%d, S:%d, K:%d], f64>" % (c, r, s_, k)
        Y = "!ng.tensor<[K:%d, P:%d, Q:%d, N:%d batch], f64>" % (k, p, q, n)
        win = "windows [H:R -> P, W:S -> Q] strides [%d, %d] padding [%d, %d] dilations [%d, %d]" % (st + pad + dil)
        out.append(weighted(name, Y, _literal((k, p, q, n)),
                            ["%%y = ng.convolution %%x, %%f %s : %s, %s -> %s" % (win, X, F, Y)],
                            [("x", X), ("f", F)]))
        if name == "conv_stride_pad":
            out.append(weighted(name + "_data", X, _literal((c, h, w, n)),
                                ["%%y = ng.convolution_backprop_data %%d, %%f %s : %s, %s -> %s" % (win, Y, F, X)],
                                [("d", Y), ("f", F)]))
            out.append(weighted(name + "_filter", F, _literal((c, r, s_, k)),
                                ["%%y = ng.convolution_backprop_filter %%x, %%d %s : %s, %s -> %s" % (win, X, Y, F)],
                                [("x", X), ("d", Y)]))
    # 1-D: a sequence axis T, channels C, batch N.
    X1 = "!ng.tensor<[C:2, T:9, N:2 batch], f64>"
    F1 = "!ng.tensor<[C:2, R:3, K:2], f64>"
    Y1 = "!ng.tensor<[K:2, U:5, N:2 batch], f64>"
    out.append(weighted("conv_1d", Y1, _literal((2, 5, 2)),
                        ["%%y = ng.convolution %%x, %%f windows [T:R -> U] strides [2] padding [1] : %s, %s -> %s" % (X1, F1, Y1)],
                        [("x", X1), ("f", F1)]))
    X = "!ng.tensor<[C:2, H:6, W:5, N:2 batch], f64>"
    for kind in ["max", "avg"]:
        for tag, win, st, pad in [("", (2, 2), (2, 2), (0, 0)), ("_overlap", (3, 2), (1, 2), (1, 1))]:
            p = _win_out(6, win[0], st[0], pad[0], 1)
            q = _win_out(5, win[1], st[1], pad[1], 1)
            Y = "!ng.tensor<[C:2, P:%d, Q:%d, N:2 batch], f64>" % (p, q)
            body = "%%y = ng.pool %s %%x windows [H:%d -> P, W:%d -> Q] strides [%d, %d] padding [%d, %d] : %s -> %s" % (
                (kind,) + win + st + pad + (X, Y))
            out.append(weighted("pool_" + kind + tag, Y, _literal((2, p, q, 2)), [body], [("x", X)]))
    return out


def sequences():
    """Slicing (ranges, steps, indexes), its transpose, padding, joining and
    stacking, and two overlapping slices of one tensor multiplied (their
    gradients add where they overlap)."""
    X = "!ng.tensor<[A:5, B:4], f64>"
    X3 = "!ng.tensor<[A3:3, B:4], f64>"
    V = "!ng.tensor<[A3:3], f64>"
    P = "!ng.tensor<[A8:8, B5:5], f64>"
    C = "!ng.tensor<[A8:8, B:4], f64>"
    St = "!ng.tensor<[A:5, S:2, B:4], f64>"
    Y2 = "!ng.tensor<[A3:3, B:4], f64>"
    return [
        weighted("slice", X3, _literal((3, 4)),
                 ["%%y = ng.slice %%x [A[1:4] -> A3] : %s -> %s" % (X, X3)], [("x", X)]),
        weighted("slice_step_index", V, _literal((3,)),
                 ["%%y = ng.slice %%x [A[0:5:2] -> A3, B[2]] : %s -> %s" % (X, V)], [("x", X)]),
        weighted("slice_backprop", X, _literal((5, 4)),
                 ["%%y = ng.slice_backprop %%x [A[0:5:2] -> A3] : %s -> %s" % (X3, X)], [("x", X3)]),
        weighted("pad", P, _literal((8, 5)),
                 ["%%y = ng.pad %%x [A(1, 2) -> A8, B(0, 1) -> B5] : %s -> %s" % (X, P)], [("x", X)]),
        weighted("concat", C, _literal((8, 4)),
                 ["%%y = ng.concat %%x, %%z along [A, A3] -> A8 : %s, %s -> %s" % (X, X3, C)],
                 [("x", X), ("z", X3)]),
        weighted("stack", St, _literal((5, 2, 4)),
                 ["%%y = ng.stack %%x, %%z along S : %s, %s -> %s" % (X, X, St)],
                 [("x", X), ("z", X)]),
        weighted("overlapping_slices", Y2, _literal((3, 4)),
                 ["%%a = ng.slice %%x [A[0:3] -> A3] : %s -> %s" % (X, Y2),
                  "%%b = ng.slice %%x [A[2:5] -> A3] : %s -> %s" % (X, Y2),
                  "%%y = ng.multiply %%a, %%b : %s, %s" % (Y2, Y2)], [("x", X)]),
    ]


def normalization():
    """variance (over named axes and by default), and normalize over
    features (layer norm) and over the batch with a scale and shift
    (batch norm in training)."""
    X = "!ng.tensor<[F:3, N:4 batch], f64>"
    Nn = "!ng.tensor<[N:4 batch], f64>"
    F = "!ng.tensor<[F:3], f64>"
    return [
        weighted("variance", Nn, "[0.7, -1.3, 0.4, 1.1]", ["%%y = ng.variance %%x reduce [F] : %s" % X], [("x", X)]),
        weighted("variance_batch", F, "[0.7, -1.3, 0.4]", ["%%y = ng.variance %%x reduce [N] : %s" % X], [("x", X)]),
        weighted("layer_norm", X, _literal((3, 4)), ["%%y = ng.normalize %%x : %s" % X], [("x", X)]),
        weighted("batch_norm", X, _literal((3, 4)),
                 ["%%n = ng.normalize %%x over [N] eps 1.0e-3 : %s" % X,
                  "%%s = ng.multiply %%n, %%gamma : %s, %s" % (X, F),
                  "%%y = ng.add %%s, %%beta : %s, %s" % (X, F)],
                 [("x", X), ("gamma", F), ("beta", F)]),
    ]


def recurrence():
    """Recurrences, differentiated through time: a tanh RNN forwards and
    reversed (loss on the stacked outputs and the final state), 3-step
    LSTM and GRU layers, a bidirectional LSTM (the two directions joined
    along the hidden axis), and a recurrence with no sequence whose length
    comes from its stacked output."""
    import rnn_cells
    T = lambda a: "!ng.tensor<[%s], f64>" % a
    X, H0 = T("T:3 recurrent, C:3, N:2 batch"), T("H:4, N:2 batch")
    HS = T("T:3 recurrent, H:4, N:2 batch")
    out = []
    for tag, rev in [("rnn", False), ("rnn_reverse", True)]:
        body = ["%%hT, %%hs = ng.recurrence over T%s params(%%wx, %%wh : %s, %s)" % (" reverse" if rev else "", T("C:3, H:4"), T("H2:4, H:4")),
                "    sequences(%%x : %s) carries(%%h0 : %s) -> (%s, %s) {" % (X, H0, H0, HS),
                "^bb0(%%a: %s, %%b: %s, %%xt: %s, %%h: %s):" % (T("C:3, H:4"), T("H2:4, H:4"), T("C:3, N:2 batch"), H0),
                "  %%p = ng.dot %%a, %%xt : %s, %s" % (T("C:3, H:4"), T("C:3, N:2 batch")),
                "  %%hh = ng.cast_axes %%h : %s -> %s" % (H0, T("H2:4, N:2 batch")),
                "  %%q = ng.dot %%b, %%hh : %s, %s" % (T("H2:4, H:4"), T("H2:4, N:2 batch")),
                "  %%s = ng.add %%p, %%q : %s, %s" % (H0, H0),
                "  %%n = ng.tanh %%s : %s" % H0,
                "  ng.yield %%n, %%n : %s, %s" % (H0, H0),
                "}",
                "%%sq = ng.square %%hT : %s" % H0,
                "%%y = ng.add %%hs, %%sq : %s, %s" % (HS, H0)]
        out.append(weighted(tag, HS, _literal((3, 4, 2)), body,
                            [("x", X), ("h0", H0), ("wx", T("C:3, H:4")), ("wh", T("H2:4, H:4"))]))
    WX, WH, B = T("C:3, lZ:16"), T("lH2:4, lZ:16"), T("lZ:16")
    lines, (h, c, hs) = rnn_cells.lstm("l", ("T", 3), "C:3", "H:4", "N:2 batch", "%x", "%h0", "%c0",
                                       "%wx", "%wh", "%b", dtype="f64")
    out.append(weighted("lstm", HS, _literal((3, 4, 2)),
                        lines + ["%%y = ng.add %s, %s : %s, %s" % (hs, c, HS, H0)],
                        [("x", X), ("h0", H0), ("c0", H0), ("wx", WX), ("wh", WH), ("b", B)]))
    GX, GH, GB = T("C:3, gZ:12"), T("gH2:4, gZ:12"), T("gZ:12")
    lines, (h, hs) = rnn_cells.gru("g", ("T", 3), "C:3", "H:4", "N:2 batch", "%x", "%h0",
                                   "%wx", "%wh", "%bx", "%bh", dtype="f64")
    out.append(weighted("gru", HS, _literal((3, 4, 2)), lines + ["%%y = ng.add %s, %s : %s, %s" % (hs, h, HS, H0)],
                        [("x", X), ("h0", H0), ("wx", GX), ("wh", GH), ("bx", GB), ("bh", GB)]))
    fw, (_, _, fhs) = rnn_cells.lstm("f", ("T", 3), "C:3", "H:4", "N:2 batch", "%x", "%h0", "%h0",
                                     "%wx", "%wh", "%b", dtype="f64")
    RH0 = T("R:4, N:2 batch")
    bw, (_, _, bhs) = rnn_cells.lstm("r", ("T", 3), "C:3", "R:4", "N:2 batch", "%x", "%r0", "%r0",
                                     "%vx", "%vh", "%vb", dtype="f64", reverse=True)
    Y = T("T:3 recurrent, D:8, N:2 batch")
    join = "%%y = ng.concat %s, %s along [H, R] -> D : %s, %s -> %s" % (fhs, bhs, HS, T("T:3 recurrent, R:4, N:2 batch"), Y)
    out.append(weighted("bidirectional", Y, _literal((3, 8, 2)), fw + bw + [join],
                        [("x", X), ("h0", H0), ("r0", RH0), ("wx", T("C:3, fZ:16")), ("wh", T("fH2:4, fZ:16")),
                         ("b", T("fZ:16")), ("vx", T("C:3, rZ:16")), ("vh", T("rH2:4, rZ:16")), ("vb", T("rZ:16"))]))
    # No sequence: h' = tanh(W h) three times, the length from the output.
    body = ["%%hT, %%hs = ng.recurrence over T params(%%v : %s) carries(%%h0 : %s) -> (%s, %s) {" % (T("H2:4, H:4"), H0, H0, HS),
            "^bb0(%%a: %s, %%h: %s):" % (T("H2:4, H:4"), H0),
            "  %%hh = ng.cast_axes %%h : %s -> %s" % (H0, T("H2:4, N:2 batch")),
            "  %%q = ng.dot %%a, %%hh : %s, %s" % (T("H2:4, H:4"), T("H2:4, N:2 batch")),
            "  %%n = ng.tanh %%q : %s" % H0,
            "  ng.yield %%n, %%n : %s, %s" % (H0, H0),
            "}",
            "%%y = ng.add %%hs, %%hT : %s, %s" % (HS, H0)]
    out.append(weighted("generate", HS, _literal((3, 4, 2)), body, [("h0", H0), ("v", T("H2:4, H:4"))]))
    return out



def indexing():
    """lookup (rows of a table, an index used twice, the table's gradient
    scatter-added), its transpose, and dropout (a fixed seed and counter:
    linear in x with one mask)."""
    TB = "!ng.tensor<[V:5, E:3], f64>"
    IDS = "!ng.tensor<[T:3, N:2 batch], i32>"
    Y = "!ng.tensor<[T:3, N:2 batch, E:3], f64>"
    ids = "%%ids = ng.constant [[4, 0], [2, 4], [1, 4]] : %s" % IDS
    X = "!ng.tensor<[H:6, N:2 batch], f64>"
    S = "!ng.tensor<[], f64>"
    return [
        weighted("lookup", Y, _literal((3, 2, 3)),
                 [ids, "%%y = ng.lookup %%table[%%ids] : %s, %s" % (TB, IDS)], [("table", TB)]),
        weighted("lookup_backprop", TB, _literal((5, 3)),
                 [ids, "%%y = ng.lookup_backprop %%dy[%%ids] : %s, %s -> %s" % (Y, IDS, TB)], [("dy", Y)]),
        weighted("dropout", X, _literal((6, 2)),
                 ["%%keep = ng.constant 0.6 : %s" % S, "%%step = ng.constant 3.0 : %s" % S,
                  "%%y = ng.dropout %%x keep %%keep seed 11 counter %%step : %s, %s, %s" % (X, S, S)],
                 [("x", X)]),
    ]

if __name__ == "__main__":
    graphs = globals()[sys.argv[1]]()
    # FAMILY NAME: only that graph (families whose graphs reuse axis names
    # with other lengths need one module per graph).
    if len(sys.argv) > 2:
        graphs = [g for g in graphs if g.startswith("ng.graph @g_%s {" % sys.argv[2])]
        if len(graphs) != 1:
            sys.exit("no graph %s in %s" % (sys.argv[2], sys.argv[1]))
    print("\n\n".join(graphs))
