"""same_numbers.py A B [--rtol R] [--atol T]: the numbers on each line of
file A equal those on the same line of file B within |a - b| <= T + R *
max(|a|, |b|) (defaults R = 1e-6, T = 0), and both have the same number of
lines with numbers. Prints "same" or each
difference (and exits 1)."""
import re
import sys

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def numbers(path):
    with open(path) as f:
        rows = [[float(x) for x in NUMBER.findall(line)] for line in f]
    return [r for r in rows if r]


def main():
    args = sys.argv[1:]
    tol = {"--rtol": 1e-6, "--atol": 0.0}
    for name in tol:
        if name in args:
            i = args.index(name)
            tol[name] = float(args[i + 1])
            del args[i : i + 2]
    rtol, atol = tol["--rtol"], tol["--atol"]
    a, b = numbers(args[0]), numbers(args[1])
    bad = []
    if len(a) != len(b) or not a:
        bad.append(f"{len(a)} lines with numbers against {len(b)}")
    for i, (x, y) in enumerate(zip(a, b)):
        if len(x) != len(y) or any(
            abs(p - q) > atol + rtol * max(abs(p), abs(q)) for p, q in zip(x, y)
        ):
            bad.append(f"line {i + 1}: {x} against {y}")
    print("\n".join(bad) if bad else "same")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
