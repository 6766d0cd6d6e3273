"""The seed's data generator: samples from a mixture of Gaussians, one
affinely transformed N(0, 0.3) per class (Nervana Graph's
examples/walk_through/gendata.py). ngraph-runner's `--data mixture:` draws
the same numbers from the same seed."""

import numpy as np


class MixtureGenerator(object):
    def __init__(self, pvals, shape, seed=0):
        if isinstance(shape, int):
            shape = (shape,)
        self.__rng = np.random.RandomState(seed)
        self.nclasses = len(pvals)
        self.shape = shape
        self.size = 1
        for s in shape:
            self.size = self.size * s
        self.As = self.__rng.uniform(-1, 1, (self.size, self.size, self.nclasses,))
        self.bs = self.__rng.uniform(-1, 1, (self.size, self.nclasses,))

        self.accum = []
        s = 0
        for pval in pvals:
            s = s + pval
            self.accum.append(s)
        self.accum[-1] = 2

    def multichoose(self):
        x = self.__rng.uniform(0, 1)
        for i, aval in enumerate(self.accum):
            if x < aval:
                return i

    def multinomial(self, ys):
        for i in range(ys.size):
            ys[i] = self.multichoose()

    def fill_mixture(self, xs, ys):
        self.multinomial(ys)
        xs[...] = self.__rng.normal(0, 0.3, xs.shape)
        for i in range(ys.size):
            y = ys[i]
            x = xs[..., i].reshape(self.size)
            A = self.As[..., y]
            b = self.bs[..., y]
            xs[..., i] = (np.dot(A, x) + b).reshape(self.shape)

    def make_mixture(self, N):
        return np.empty(self.shape + (N,)), np.empty((N,), dtype=int)

    def gen_data(self, N, M):
        Xs = []
        Ys = []
        for i in range(M):
            X, Y = self.make_mixture(N)
            self.fill_mixture(X, Y)
            Xs.append(X)
            Ys.append(Y)
        return Xs, Ys
