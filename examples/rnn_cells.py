"""Recurrent cells written as ng.recurrence ops, for graph generators.

Each function returns the lines of one `ng.recurrence` over the axis `t`
(an (name, length) pair) and the names of its results. Types use axis
names given by the caller, so several layers can live in one graph:

    lines, (h_last, c_last, hs) = lstm("l1", t=("T", 64), x="C:65", h="H:256",
                                       n="N:32 batch", xs="%xs", h0="%h0",
                                       c0="%c0", wx="%wx", wh="%wh", b="%b")

LSTM: z = Wx.x + Wh.h + b cut into the gates i, f, g, o (in that order
along the gate axis Z of length 4H); c' = sigmoid(f) c + sigmoid(i)
tanh(g); h' = sigmoid(o) tanh(c'). GRU (PyTorch's form): r, u from
Wx.x + Wh.h + b; n = tanh(Wxn.x + bxn + r (Whn.h + bhn));
h' = (1 - u) n + u h."""


def ty(axes, dtype="f32"):
    return "!ng.tensor<[%s], %s>" % (axes, dtype)


def _axis(spec):
    """'H:256' -> ('H', 256)"""
    name, length = spec.split(":")[0], int(spec.split(":")[1].split()[0])
    return name, length


def lstm(pre, t, x, h, n, xs, h0, c0, wx, wh, b, dtype="f32", reverse=False):
    """x, h, n: axis specs of the input features, hidden units and batch.
    Params: wx [x, Z], wh [h' (H2), Z], b [Z]; Z = 4H. Returns the lines
    and (final h, final c, stacked h)."""
    tname, tlen = t
    hname, hlen = _axis(h)
    Z = "%sZ:%d" % (pre, 4 * hlen)
    H2 = "%sH2:%d" % (pre, hlen)
    T = lambda a: ty(a, dtype)
    tx, th, tz = T("%s, %s" % (x, n)), T("%s, %s" % (h, n)), T("%s, %s" % (Z, n))
    twx, twh, tb = T("%s, %s" % (x, Z)), T("%s, %s" % (H2, Z)), T(Z)
    txs = T("%s:%d recurrent, %s, %s" % (tname, tlen, x, n))
    ths = T("%s:%d recurrent, %s, %s" % (tname, tlen, h, n))
    L = []
    w = L.append
    w("%%%s_h, %%%s_c, %%%s_hs = ng.recurrence over %s%s params(%s, %s, %s : %s, %s, %s)"
      % (pre, pre, pre, tname, " reverse" if reverse else "", wx, wh, b, twx, twh, tb))
    w("    sequences(%s : %s) carries(%s, %s : %s, %s) -> (%s, %s, %s) {"
      % (xs, txs, h0, c0, th, th, th, th, ths))
    w("^bb0(%%wx: %s, %%wh: %s, %%b: %s, %%x: %s, %%h: %s, %%c: %s):" % (twx, twh, tb, tx, th, th))
    w("  %%zx = ng.dot %%wx, %%x : %s, %s" % (twx, tx))
    w("  %%hh = ng.cast_axes %%h : %s -> %s" % (th, T("%s, %s" % (H2, n))))
    w("  %%zh = ng.dot %%wh, %%hh : %s, %s" % (twh, T("%s, %s" % (H2, n))))
    w("  %%zs = ng.add %%zx, %%zh : %s, %s" % (tz, tz))
    w("  %%z = ng.add %%zs, %%b : %s, %s" % (tz, tb))
    _lstm_gates(w, Z.split(":")[0], hname, hlen, th, tz)
    return L, ("%%%s_h" % pre, "%%%s_c" % pre, "%%%s_hs" % pre)


def _lstm_gates(w, zname, hname, hlen, th, tz):
    """From the pre-activation %z: the gates, the new state, the yield."""
    for k, (gate, fn) in enumerate([("i", "sigmoid"), ("f", "sigmoid"), ("g", "tanh"), ("o", "sigmoid")]):
        w("  %%%s_in = ng.slice %%z [%s[%d:%d] -> %s] : %s -> %s"
          % (gate, zname, k * hlen, (k + 1) * hlen, hname, tz, th))
        w("  %%%s = ng.%s %%%s_in : %s" % (gate, fn, gate, th))
    w("  %%fc = ng.multiply %%f, %%c : %s, %s" % (th, th))
    w("  %%ig = ng.multiply %%i, %%g : %s, %s" % (th, th))
    w("  %%c2 = ng.add %%fc, %%ig : %s, %s" % (th, th))
    w("  %%tc = ng.tanh %%c2 : %s" % th)
    w("  %%h2 = ng.multiply %%o, %%tc : %s, %s" % (th, th))
    w("  ng.yield %%h2, %%c2, %%h2 : %s, %s, %s" % (th, th, th))
    w("}")


def lstm_projected(pre, t, z, h, n, zs, h0, c0, wh, dtype="f32", axes_of=None):
    """An LSTM whose input projection Wx.x + b was computed for every step
    at once, outside the loop (one large product instead of one per step):
    `zs` [t, z, n] with z = 4H (an axis spec). Param: wh [H2, z]. Returns
    the lines and (final h, final c, stacked h). `axes_of`: the prefix of
    the layer whose weight axes this one shares (default `pre`)."""
    tname, tlen = t
    hname, hlen = _axis(h)
    zname, _ = _axis(z)
    H2 = "%sH2:%d" % (axes_of or pre, hlen)
    T = lambda a: ty(a, dtype)
    th, tz, twh = T("%s, %s" % (h, n)), T("%s, %s" % (z, n)), T("%s, %s" % (H2, z))
    tzs = T("%s:%d recurrent, %s, %s" % (tname, tlen, z, n))
    ths = T("%s:%d recurrent, %s, %s" % (tname, tlen, h, n))
    L = []
    w = L.append
    w("%%%s_h, %%%s_c, %%%s_hs = ng.recurrence over %s params(%s : %s)"
      % (pre, pre, pre, tname, wh, twh))
    w("    sequences(%s : %s) carries(%s, %s : %s, %s) -> (%s, %s, %s) {"
      % (zs, tzs, h0, c0, th, th, th, th, ths))
    w("^bb0(%%wh: %s, %%zx: %s, %%h: %s, %%c: %s):" % (twh, tz, th, th))
    w("  %%hh = ng.cast_axes %%h : %s -> %s" % (th, T("%s, %s" % (H2, n))))
    w("  %%zh = ng.dot %%wh, %%hh : %s, %s" % (twh, T("%s, %s" % (H2, n))))
    w("  %%z = ng.add %%zx, %%zh : %s, %s" % (tz, tz))
    _lstm_gates(w, zname, hname, hlen, th, tz)
    return L, ("%%%s_h" % pre, "%%%s_c" % pre, "%%%s_hs" % pre)


def gru(pre, t, x, h, n, xs, h0, wx, wh, bx, bh, dtype="f32", reverse=False):
    """Params: wx [x, Z], wh [H2, Z], bx, bh [Z]; Z = 3H (r, u, n).
    Returns the lines and (final h, stacked h)."""
    tname, tlen = t
    hname, hlen = _axis(h)
    Z = "%sZ:%d" % (pre, 3 * hlen)
    H2 = "%sH2:%d" % (pre, hlen)
    T = lambda a: ty(a, dtype)
    tx, th, tz = T("%s, %s" % (x, n)), T("%s, %s" % (h, n)), T("%s, %s" % (Z, n))
    twx, twh, tb = T("%s, %s" % (x, Z)), T("%s, %s" % (H2, Z)), T(Z)
    txs = T("%s:%d recurrent, %s, %s" % (tname, tlen, x, n))
    ths = T("%s:%d recurrent, %s, %s" % (tname, tlen, h, n))
    zname = Z.split(":")[0]
    L = []
    w = L.append
    w("%%%s_h, %%%s_hs = ng.recurrence over %s%s params(%s, %s, %s, %s : %s, %s, %s, %s)"
      % (pre, pre, tname, " reverse" if reverse else "", wx, wh, bx, bh, twx, twh, tb, tb))
    w("    sequences(%s : %s) carries(%s : %s) -> (%s, %s) {" % (xs, txs, h0, th, th, ths))
    w("^bb0(%%wx: %s, %%wh: %s, %%bx: %s, %%bh: %s, %%x: %s, %%h: %s):" % (twx, twh, tb, tb, tx, th))
    w("  %%zx0 = ng.dot %%wx, %%x : %s, %s" % (twx, tx))
    w("  %%zx = ng.add %%zx0, %%bx : %s, %s" % (tz, tb))
    w("  %%hh = ng.cast_axes %%h : %s -> %s" % (th, T("%s, %s" % (H2, n))))
    w("  %%zh0 = ng.dot %%wh, %%hh : %s, %s" % (twh, T("%s, %s" % (H2, n))))
    w("  %%zh = ng.add %%zh0, %%bh : %s, %s" % (tz, tb))
    for k, part in enumerate(["r", "u", "n"]):
        w("  %%x%s = ng.slice %%zx [%s[%d:%d] -> %s] : %s -> %s" % (part, zname, k * hlen, (k + 1) * hlen, hname, tz, th))
        w("  %%h%s = ng.slice %%zh [%s[%d:%d] -> %s] : %s -> %s" % (part, zname, k * hlen, (k + 1) * hlen, hname, tz, th))
    w("  %%rs = ng.add %%xr, %%hr : %s, %s" % (th, th))
    w("  %%r = ng.sigmoid %%rs : %s" % th)
    w("  %%us = ng.add %%xu, %%hu : %s, %s" % (th, th))
    w("  %%u = ng.sigmoid %%us : %s" % th)
    w("  %%rh = ng.multiply %%r, %%hn : %s, %s" % (th, th))
    w("  %%ns = ng.add %%xn, %%rh : %s, %s" % (th, th))
    w("  %%nn = ng.tanh %%ns : %s" % th)
    w("  %%d = ng.subtract %%h, %%nn : %s, %s" % (th, th))
    w("  %%ud = ng.multiply %%u, %%d : %s, %s" % (th, th))
    w("  %%h2 = ng.add %%nn, %%ud : %s, %s" % (th, th))
    w("  ng.yield %%h2, %%h2 : %s, %s" % (th, th))
    w("}")
    return L, ("%%%s_h" % pre, "%%%s_hs" % pre)
