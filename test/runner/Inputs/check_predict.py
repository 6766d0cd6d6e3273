"""Checks ngraph-runner --predict against the training run it follows.

    check_predict.py split DIGITS.csv.gz TEST OUT_DIR   writes the held-out rows
        of `--data csv:...;test=TEST;seed=0` (the runner's seeded shuffle,
        NumPy's RandomState stream) as new.csv (features only) and
        new_labels.npy
    check_predict.py check TRAIN_LOG METRICS P_TEST.csv P_NEW.csv P_FIVE.csv LABELS.npy
"""
import sys

import numpy as np


def split(path, test, out):
    data = np.loadtxt(path, delimiter=",")
    n = len(data)
    order = list(range(n))
    rng = np.random.RandomState(0)
    for i in range(n - 1, 0, -1):
        j = int(rng.random_sample() * (i + 1))
        order[i], order[j] = order[j], order[i]
    held = data[order[:test]]
    np.savetxt(out + "/new.csv", held[:, :-1], delimiter=",", fmt="%g")
    np.save(out + "/new_labels.npy", held[:, -1].astype(np.int64))


def check(train_log, metrics, p_test, p_new, p_five, labels):
    # The training run's last "test accuracy" (float32 of correct/359).
    last = [l for l in open(train_log) if "test accuracy" in l][-1]
    trained = np.float32(float(last.rsplit(" ", 1)[1]))
    lines = open(metrics).read().splitlines()
    acc, count = lines[0].split()[1], lines[0].split()[2]
    correct, total = map(int, count.strip("()").split("/"))
    assert np.float32(correct / total) == trained, (correct, total, trained)
    assert float(acc) == correct / total
    print("ok: --predict's accuracy is the training run's test accuracy")
    test = np.genfromtxt(p_test, delimiter=",", names=True)
    new = np.genfromtxt(p_new, delimiter=",", names=True)
    five = np.genfromtxt(p_five, delimiter=",", names=True)
    assert test.dtype.names[0] == "out0" and len(test.dtype.names) == 11
    assert (np.array(test.tolist()) == np.array(new.tolist())).all()
    print("ok: raw new records (label=none, the checkpoint's statistics) predict the same")
    assert len(five) == 5 and (np.array(five.tolist()) == np.array(new.tolist())[:5]).all()
    print("ok: any number of records")
    probs = np.array(new.tolist())[:, 1:]
    classes = np.array(new.tolist())[:, 0].astype(int)
    assert (np.argmax(probs, axis=1) == classes).all()
    np.testing.assert_allclose(probs.sum(axis=1), 1, rtol=1e-5)
    y = np.load(labels)
    assert (classes == y).sum() == correct
    print("ok: the predictions are the classes of the highest probabilities, %d correct" % correct)
    # The confusion matrix adds up to the labels and the predictions.
    rows = [l for l in lines if l.lstrip().startswith("[")]
    confusion = np.array([[int(v) for v in r.replace("[", " ").replace("]", " ").split()] for r in rows])
    assert confusion.shape == (10, 10)
    assert (confusion.sum(axis=1) == np.bincount(y, minlength=10)).all()
    assert (confusion.sum(axis=0) == np.bincount(classes, minlength=10)).all()
    assert np.trace(confusion) == correct
    print("ok: the confusion matrix counts every prediction")


if __name__ == "__main__":
    if sys.argv[1] == "split":
        split(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        check(*sys.argv[2:])
