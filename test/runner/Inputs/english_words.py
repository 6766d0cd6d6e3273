#!/usr/bin/env python3
"""Reads generated text on stdin (after the prime, which is the first
argument); passes when at least FRACTION of its words (runs of letters, of
two letters or more) are words of the training text TEXT.

    english_words.py PRIME TEXT FRACTION"""
import re
import sys

prime, text_path, fraction = sys.argv[1], sys.argv[2], float(sys.argv[3])
generated = sys.stdin.read()
if not generated.startswith(prime):
    sys.exit("the output does not start with the prime %r: %r" % (prime, generated[:80]))
generated = generated[len(prime):]
with open(text_path, encoding="latin-1") as f:
    known = set(w.lower() for w in re.findall(r"[A-Za-z]+", f.read()))
words = [w.lower() for w in re.findall(r"[A-Za-z]+", generated) if len(w) > 1]
if len(words) < 20:
    sys.exit("only %d words in %d generated characters" % (len(words), len(generated)))
hits = sum(w in known for w in words) / len(words)
status = "ok" if hits >= fraction else "FAIL"
print("%d words, %.0f%% of them words of the text (need %.0f%%): %s" % (len(words), 100 * hits, 100 * fraction, status))
sys.exit(0 if status == "ok" else 1)
