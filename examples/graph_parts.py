"""Pieces of graph files shared by the generators in this directory."""


def adam(loss, params, lr, scalar="!ng.tensor<[], f32>", indent="  "):
    """Adam (beta1 0.9, beta2 0.999, eps 1e-8) updates of `params`
    [(name, type)] from the gradients of `loss`, written out as graph ops;
    its state is variables (adam_t, m_NAME, v_NAME). Returns the lines and
    the effects to group in a doall."""
    S = scalar
    L = []
    w = lambda s: L.append(indent + s)
    w('%%step = ng.variable "adam_t" init 0.0 : %s' % S)
    for c, v in [("one", "1.0"), ("b1c", "0.9"), ("b2c", "0.999"), ("nb1", "0.1"), ("nb2", "0.001"), ("lr", lr), ("eps", "1.0e-8")]:
        w("%%%s = ng.constant %s : %s" % (c, v, S))
    for l in ["%t1 = ng.add %step, %one", "%pw1 = ng.power %b1c, %t1", "%pw2 = ng.power %b2c, %t1",
              "%bc1 = ng.subtract %one, %pw1", "%bc2 = ng.subtract %one, %pw2"]:
        w("%s : %s, %s" % (l, S, S))
    w("%%sc2 = ng.sqrt %%bc2 : %s" % S)
    w("%%lrc = ng.multiply %%lr, %%sc2 : %s, %s" % (S, S))
    w("%%lr_t = ng.divide %%lrc, %%bc1 : %s, %s" % (S, S))
    w("%%ut = ng.assign %%step, %%t1 : %s, %s" % (S, S))
    effects = ["%ut"]
    for p, t in params:
        w("%%g_%s = ng.deriv %s wrt %%%s : %s, %s" % (p, loss, p, S, t))
        w('%%m_%s = ng.variable "m_%s" init 0.0 : %s' % (p, p, t))
        w('%%v_%s = ng.variable "v_%s" init 0.0 : %s' % (p, p, t))
        w("%%ma_%s = ng.multiply %%b1c, %%m_%s : %s, %s" % (p, p, S, t))
        w("%%mb_%s = ng.multiply %%nb1, %%g_%s : %s, %s" % (p, p, S, t))
        w("%%mn_%s = ng.add %%ma_%s, %%mb_%s : %s, %s" % (p, p, p, t, t))
        w("%%gs_%s = ng.square %%g_%s : %s" % (p, p, t))
        w("%%va_%s = ng.multiply %%b2c, %%v_%s : %s, %s" % (p, p, S, t))
        w("%%vb_%s = ng.multiply %%nb2, %%gs_%s : %s, %s" % (p, p, S, t))
        w("%%vn_%s = ng.add %%va_%s, %%vb_%s : %s, %s" % (p, p, p, t, t))
        w("%%sq_%s = ng.sqrt %%vn_%s : %s" % (p, p, t))
        w("%%de_%s = ng.add %%sq_%s, %%eps : %s, %s" % (p, p, t, S))
        w("%%q_%s = ng.divide %%mn_%s, %%de_%s : %s, %s" % (p, p, p, t, t))
        w("%%k_%s = ng.multiply %%lr_t, %%q_%s : %s, %s" % (p, p, S, t))
        w("%%n_%s = ng.subtract %%%s, %%k_%s : %s, %s" % (p, p, p, t, t))
        w("%%u_%s = ng.assign %%%s, %%n_%s : %s, %s" % (p, p, p, t, t))
        w("%%um_%s = ng.assign %%m_%s, %%mn_%s : %s, %s" % (p, p, p, t, t))
        w("%%uv_%s = ng.assign %%v_%s, %%vn_%s : %s, %s" % (p, p, p, t, t))
        effects += ["%u_" + p, "%um_" + p, "%uv_" + p]
    return L, effects
