#!/usr/bin/env python3
"""Reference values for OptimizerGoldenTest.

Written from the update rules in PyTorch's documentation (torch.optim.SGD, Adam, AdamW,
RMSprop, Adagrad; the "Algorithm" boxes), in double precision with plain Python floats,
independently of the Java code. Run it and paste the printed literals into the test:

    python3 spark-nn/core/src/test/python/optimizer_golden.py
"""
import math

W0 = [1.0, -2.0, 0.5]
GRADS = [[0.1, -0.2, 0.3], [-0.05, 0.4, 0.0]]
LR = 0.1


def sgd(momentum=0.0, nesterov=False, wd=0.0, scale=1.0):
    w, buf = list(W0), [0.0] * 3
    for t, g in enumerate(GRADS, start=1):
        for i in range(3):
            gi = scale * g[i] + wd * w[i]
            if momentum != 0.0:
                buf[i] = gi if t == 1 else momentum * buf[i] + gi
                gi = gi + momentum * buf[i] if nesterov else buf[i]
            w[i] -= LR * gi
    return w


def adam(b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=0.0):
    w, m, v = list(W0), [0.0] * 3, [0.0] * 3
    for t, g in enumerate(GRADS, start=1):
        for i in range(3):
            w[i] *= 1.0 - LR * decoupled
            gi = g[i] + wd * w[i]
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            mhat = m[i] / (1 - b1 ** t)
            vhat = v[i] / (1 - b2 ** t)
            w[i] -= LR * mhat / (math.sqrt(vhat) + eps)
    return w


def rmsprop(alpha=0.99, momentum=0.0, eps=1e-8, wd=0.0):
    w, v, buf = list(W0), [0.0] * 3, [0.0] * 3
    for g in GRADS:
        for i in range(3):
            gi = g[i] + wd * w[i]
            v[i] = alpha * v[i] + (1 - alpha) * gi * gi
            step = gi / (math.sqrt(v[i]) + eps)
            if momentum > 0.0:
                buf[i] = momentum * buf[i] + step
                step = buf[i]
            w[i] -= LR * step
    return w


def adagrad(initial=0.0, eps=1e-10, wd=0.0):
    w, acc = list(W0), [initial] * 3
    for g in GRADS:
        for i in range(3):
            gi = g[i] + wd * w[i]
            acc[i] += gi * gi
            w[i] -= LR * gi / (math.sqrt(acc[i]) + eps)
    return w


CASES = {
    "sgd": sgd(),
    "sgd gradScale 0.5": sgd(scale=0.5),
    "sgd momentum 0.9": sgd(momentum=0.9),
    "sgd nesterov 0.9": sgd(momentum=0.9, nesterov=True),
    "sgd L2 0.1": sgd(wd=0.1),
    "sgd L2 0.1 gradScale 0.5": sgd(wd=0.1, scale=0.5),
    "adam": adam(),
    "adam L2 0.1": adam(wd=0.1),
    "adamw 0.01": adam(decoupled=0.01),
    "rmsprop": rmsprop(),
    "rmsprop momentum 0.9": rmsprop(momentum=0.9),
    "adagrad": adagrad(),
    "adagrad initial 0.1 L2 0.1": adagrad(initial=0.1, wd=0.1),
}

if __name__ == "__main__":
    for name, w in CASES.items():
        print(f"{name:28s} {{{', '.join(repr(x) + 'f' for x in w)}}}")
