"""Compares two files line by line: the text must match once numbers are
taken out, and every number must agree within rtol/atol.
usage: compare.py OURS REFERENCE [rtol] [atol]"""
import re
import sys

NUM = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf")


def main():
    ours, ref = open(sys.argv[1]).read().splitlines(), open(sys.argv[2]).read().splitlines()
    rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
    atol = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-6
    if len(ours) != len(ref):
        sys.exit("line count differs: %d vs %d" % (len(ours), len(ref)))
    worst = 0.0
    for n, (a, b) in enumerate(zip(ours, ref), 1):
        if NUM.sub("#", a).replace(" ", "") != NUM.sub("#", b).replace(" ", ""):
            sys.exit("line %d differs in text:\n  %s\n  %s" % (n, a, b))
        xs, ys = [float(x) for x in NUM.findall(a)], [float(y) for y in NUM.findall(b)]
        for x, y in zip(xs, ys):
            err = abs(x - y)
            if err > atol + rtol * abs(y):
                sys.exit("line %d: %r vs %r (tolerance rtol=%g atol=%g)\n  %s\n  %s" % (n, x, y, rtol, atol, a, b))
            tol = atol + rtol * abs(y)
            worst = max(worst, err / tol if tol else 0.0)
    print("OK %d lines, worst error %.3f of tolerance" % (len(ours), worst))


main()
