"""Writes one graph per convolution layer of examples/fashion_cnn.mlir
(batch 64): computations fwd (y = conv(x, w)), dgrad (the data gradient)
and wgrad (the filter gradient), for ngraph-bench and bench/peers.py.
usage: gen_layers.py OUTDIR"""
import json
import os
import sys

# name: (C, H, K, window, padding); images H x H, batch N.
LAYERS = {"conv1": (1, 28, 16, 5, 2), "conv2": (16, 14, 32, 5, 2)}
N = 64


def graph(name, c, h, k, r, pad):
    p = h + 2 * pad - r + 1
    x = "!ng.tensor<[C:%d, H:%d, W:%d, N:%d batch], f32>" % (c, h, h, N)
    w = "!ng.tensor<[C:%d, R:%d, S:%d, K:%d], f32>" % (c, r, r, k)
    y = "!ng.tensor<[K:%d, P:%d, Q:%d, N:%d batch], f32>" % (k, p, p, N)
    win = "windows [H:R -> P, W:S -> Q] padding [%d, %d]" % (pad, pad)
    return "\n".join([
        "// %s of examples/fashion_cnn.mlir alone, batch %d (bench/graphs/cnn/gen_layers.py)." % (name, N),
        "ng.graph @%s {" % name,
        '  %%x = ng.placeholder "x" : %s' % x,
        '  %%w = ng.placeholder "w" : %s' % w,
        '  %%dy = ng.placeholder "dy" : %s' % y,
        "  %%y = ng.convolution %%x, %%w %s : %s, %s -> %s" % (win, x, w, y),
        "  %%dx = ng.convolution_backprop_data %%dy, %%w %s : %s, %s -> %s" % (win, y, w, x),
        "  %%dw = ng.convolution_backprop_filter %%x, %%dy %s : %s, %s -> %s" % (win, x, y, w),
        "  ng.computation @fwd outputs(%%y : %s) inputs(%%x, %%w : %s, %s)" % (y, x, w),
        "  ng.computation @dgrad outputs(%%dx : %s) inputs(%%dy, %%w : %s, %s)" % (x, y, w),
        "  ng.computation @wgrad outputs(%%dw : %s) inputs(%%x, %%dy : %s, %s)" % (w, x, y),
        "}", ""]), p


def main():
    out = sys.argv[1]
    meta = {}
    for name, (c, h, k, r, pad) in LAYERS.items():
        text, p = graph(name, c, h, k, r, pad)
        with open(os.path.join(out, name + ".mlir"), "w") as f:
            f.write(text)
        meta[name] = {"C": c, "H": h, "K": k, "R": r, "pad": pad, "P": p, "N": N,
                      "flops": 2 * N * p * p * k * c * r * r}
    with open(os.path.join(out, "layers.json"), "w") as f:
        json.dump(meta, f, indent=1)


main()
