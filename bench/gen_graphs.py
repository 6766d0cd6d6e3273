#!/usr/bin/env python3
"""Writes the benchmark graphs in bench/graphs/ (checked in; rerun after
editing). Shapes follow the performance issue: matmuls 1024^3 and 2048^3, a
large MLP 784-1024-1024-10 at batch 256 and a small one 64-256-256-10 at
batch 64, both relu + softmax cross-entropy + SGD on every weight and bias;
and each contraction of those two MLPs' steps on its own (graphs/shapes/)."""
import json
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graphs")


def matmul(n):
    t = lambda a, b: f"!ng.tensor<[{a}, {b}], f32>"
    return f"""// C[M, N] = A[M, K] . B[K, N], {n}x{n}x{n} f32.
ng.graph @matmul{n} {{
  %A = ng.placeholder "A" : {t(f"M:{n}", f"K:{n}")}
  %B = ng.placeholder "B" : {t(f"K:{n}", f"N:{n}")}
  %C = ng.dot %A, %B : {t(f"M:{n}", f"K:{n}")}, {t(f"K:{n}", f"N:{n}")}
  ng.computation @mm outputs(%C : {t(f"M:{n}", f"N:{n}")}) inputs(%A, %B : {t(f"M:{n}", f"K:{n}")}, {t(f"K:{n}", f"N:{n}")})
}}
"""


def mlp(name, sizes, batch, lr=0.01, optimize=False):
    """Layers in Nervana's style: W[in, out], activations [features, N].
    With `optimize`, the SGD step is one `ng.optimize sgd` instead of the
    derivatives and assigns written out (the bench compares the two)."""
    ax = ["C"] + [f"H{i}" for i in range(1, len(sizes) - 1)] + ["Y"]
    T = lambda *a: "!ng.tensor<[" + ", ".join(a) + "], f32>"
    axis = lambda i: f"{ax[i]}:{sizes[i]}"
    n = f"N:{batch} batch"
    L = [f"// MLP {'-'.join(map(str, sizes))}, batch {batch}: relu hidden layers,",
         "// softmax cross-entropy, one SGD step on every weight and bias.",
         f"ng.graph @{name} {{",
         f'  %X = ng.placeholder "X" : {T(axis(0), n)}',
         f'  %T = ng.placeholder "T" : {T(axis(-1), n)}',
         f'  %lr = ng.constant {lr} : {T()}']
    for i in range(1, len(sizes)):
        L.append(f'  %W{i} = ng.variable "W{i}" init normal(0.0, {(2.0 / sizes[i-1]) ** 0.5:.6f}, seed {i}) : {T(axis(i-1), axis(i))}')
        L.append(f'  %b{i} = ng.variable "b{i}" init 0.0 : {T(axis(i))}')
    h, ht = "%X", T(axis(0), n)
    for i in range(1, len(sizes)):
        zt = T(axis(i), n)
        L.append(f"  %z{i}0 = ng.dot %W{i}, {h} : {T(axis(i-1), axis(i))}, {ht}")
        L.append(f"  %z{i} = ng.add %z{i}0, %b{i} : {zt}, {T(axis(i))}")
        if i < len(sizes) - 1:
            L.append(f"  %h{i} = ng.relu %z{i} : {zt}")
            h, ht = f"%h{i}", zt
    yt = T(axis(-1), n)
    k = len(sizes) - 1
    L += [f"  %y = ng.softmax %z{k} : {yt}",
          f"  %ce = ng.cross_entropy_multi %y, %T out [] : {yt}, {yt}",
          f"  %bs = ng.batch_size %y : {yt}",
          f"  %loss = ng.divide %ce, %bs : {T()}, {T()}"]
    if optimize:
        L[1] = "// softmax cross-entropy, one SGD step on every weight and bias (ng.optimize)."
        L.append(f"  %step = ng.optimize sgd %loss lr %lr : {T()}, {T()}")
        L.append(f"  ng.computation @step outputs(%loss, %step : {T()}, !ng.effect) inputs(%X, %T : {T(axis(0), n)}, {yt})")
        L.append("}")
        return "\n".join(L) + "\n"
    ups = []
    for i in range(1, len(sizes)):
        for v, vt in ((f"W{i}", T(axis(i-1), axis(i))), (f"b{i}", T(axis(i)))):
            L.append(f"  %g{v} = ng.deriv %loss wrt %{v} : {T()}, {vt}")
            L.append(f"  %s{v} = ng.multiply %lr, %g{v} : {T()}, {vt}")
            L.append(f"  %n{v} = ng.subtract %{v}, %s{v} : {vt}, {vt}")
            L.append(f"  %u{v} = ng.assign %{v}, %n{v} : {vt}, {vt}")
            ups.append(f"%u{v}")
    L.append(f"  %step = ng.doall {', '.join(ups)}")
    L.append(f"  ng.computation @step outputs(%loss, %step : {T()}, !ng.effect) inputs(%X, %T : {T(axis(0), n)}, {yt})")
    L.append("}")
    return "\n".join(L) + "\n"


def mlp_contractions(tag, sizes, batch):
    """The contractions of one SGD step of an MLP: the forward product of
    every layer, the input gradient of every layer but the first, the weight
    gradient of every layer. Ours are written as autodiff produces them
    (activations features x batch, W[in, out]); peers.py computes the same
    products in the batch-major layout its numpy MLP step uses."""
    out = []
    for l in range(1, len(sizes)):
        i, o, n = sizes[l - 1], sizes[l], batch
        # M x N x K of our contraction: z[o, n] = W[i, o] . x[i, n];
        # dx[i, n] = W . dz[o, n]; dW[i, o] = x . dz.
        kinds = [("fwd", [o, n, i])] + ([("dx", [i, n, o])] if l > 1 else []) + \
                [("dw", [i, o, n])]
        for kind, mnk in kinds:
            out.append({"name": f"{tag}_{kind}{l}", "kind": kind, "i": i, "o": o,
                        "batch": n, "mnk": mnk})
    return out


def contraction(c):
    """A graph of one MLP contraction (see mlp_contractions), computation @dot."""
    T = lambda *a: "!ng.tensor<[" + ", ".join(a) + "], f32>"
    I, O, N = f"I:{c['i']}", f"O:{c['o']}", f"N:{c['batch']} batch"
    a, b, r = {"fwd": ((I, O), (I, N), (O, N)),   # z = W . x
               "dx": ((I, O), (O, N), (I, N)),    # dx = W . dz
               "dw": ((I, N), (O, N), (I, O))}[c["kind"]]  # dW = x . dz
    return f"""// {c['kind']} contraction of an MLP layer {c['i']} -> {c['o']}, batch {c['batch']}.
ng.graph @{c['name']} {{
  %A = ng.placeholder "A" : {T(*a)}
  %B = ng.placeholder "B" : {T(*b)}
  %C = ng.dot %A, %B : {T(*a)}, {T(*b)}
  ng.computation @dot outputs(%C : {T(*r)}) inputs(%A, %B : {T(*a)}, {T(*b)})
}}
"""


SHAPES = (mlp_contractions("large", [784, 1024, 1024, 10], 256) +
          mlp_contractions("small", [64, 256, 256, 10], 64))


if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    files = {"matmul1024.mlir": matmul(1024), "matmul2048.mlir": matmul(2048),
             "mlp_large.mlir": mlp("mlp_large", [784, 1024, 1024, 10], 256),
             "mlp_small.mlir": mlp("mlp_small", [64, 256, 256, 10], 64),
             "mlp_large_opt.mlir": mlp("mlp_large", [784, 1024, 1024, 10], 256, optimize=True),
             "mlp_small_opt.mlir": mlp("mlp_small", [64, 256, 256, 10], 64, optimize=True)}
    for c in SHAPES:
        files[os.path.join("shapes", c["name"] + ".mlir")] = contraction(c)
    files[os.path.join("shapes", "shapes.json")] = json.dumps(SHAPES, indent=1) + "\n"
    os.makedirs(os.path.join(HERE, "shapes"), exist_ok=True)
    for f, text in files.items():
        with open(os.path.join(HERE, f), "w") as out:
            out.write(text)
