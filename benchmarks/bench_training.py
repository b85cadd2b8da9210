"""Benchmark de entrenamiento: un paso completo (propagación hacia adelante, pérdida, retropropagación y
actualización) de un MLP 64→256→256→10 con lotes de 128 y entropía cruzada, con SGD y con Adam.

    python benchmarks/bench_training.py

Se compara minitorch con el mismo paso escrito a mano en numpy (sin grafo: las derivadas de cada capa
escritas una a una) y con PyTorch en CPU. Los tres parten de los mismos pesos y el mismo lote, y antes
de medir se comprueba que dan las mismas pérdidas: así se mide el mismo trabajo.

Objetivos (issue 4): por paso, a menos de 1.5× PyTorch y de 1.3× el numpy escrito a mano.
"""

from __future__ import annotations

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import minitorch  # noqa: E402
from timing import Row, interleaved_best, print_table, torch  # noqa: E402

SIZES = (64, 256, 256, 10)
BATCH = 128
LR = {"SGD": 0.01, "Adam": 1e-3}
TARGET = "≤ 1.3× numpy, ≤ 1.5× PyTorch"


def make_model(lib):
    nn = lib.nn
    return nn.Sequential(
        nn.Linear(SIZES[0], SIZES[1]), nn.ReLU(), nn.Linear(SIZES[1], SIZES[2]), nn.ReLU(), nn.Linear(SIZES[2], SIZES[3])
    )


def make_batch():
    rng = np.random.default_rng(0)
    return rng.standard_normal((BATCH, SIZES[0])).astype(np.float32), rng.integers(0, SIZES[-1], BATCH)


class LibraryTrainer:
    """Un paso de entrenamiento con la API de PyTorch: vale igual para ``torch`` y para ``minitorch``."""

    def __init__(self, lib, optimizer: str, weights: list[np.ndarray]):
        self.model = make_model(lib)
        with lib.no_grad():
            for param, value in zip(self.model.parameters(), weights):
                param.copy_(lib.from_numpy(value.copy()))
        self.optimizer = getattr(lib.optim, optimizer)(self.model.parameters(), lr=LR[optimizer])
        self.loss_fn = lib.nn.CrossEntropyLoss()
        x, y = make_batch()
        self.x, self.y = lib.from_numpy(x), lib.from_numpy(y)

    def step(self):
        self.optimizer.zero_grad()
        loss = self.loss_fn(self.model(self.x), self.y)
        loss.backward()
        self.optimizer.step()
        return loss


class NumpyTrainer:
    """El mismo paso escrito a mano con numpy: cada derivada, a mano; sin grafo ni objetos intermedios."""

    def __init__(self, optimizer: str, weights: list[np.ndarray]):
        self.params = [w.copy() for w in weights]  # W0, b0, W1, b1, W2, b2
        self.optimizer = optimizer
        self.lr = LR[optimizer]
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.t = 0
        self.x, self.y = make_batch()

    def step(self):
        W0, b0, W1, b1, W2, b2 = self.params
        x, y = self.x, self.y
        rows = np.arange(len(y))
        # propagación hacia adelante
        h0 = x @ W0.T + b0
        a0 = np.maximum(h0, 0)
        h1 = a0 @ W1.T + b1
        a1 = np.maximum(h1, 0)
        z = a1 @ W2.T + b2
        shifted = z - z.max(1, keepdims=True)
        exps = np.exp(shifted)
        sums = exps.sum(1, keepdims=True)
        loss = -(shifted[rows, y] - np.log(sums[:, 0])).mean()
        # retropropagación: d(entropía cruzada)/dz = (softmax - one_hot) / N
        dz = exps / sums
        dz[rows, y] -= 1
        dz /= len(y)
        da1 = dz @ W2
        da1 *= h1 > 0
        da0 = da1 @ W1
        da0 *= h0 > 0
        grads = [da0.T @ x, da0.sum(0), da1.T @ a0, da1.sum(0), dz.T @ a1, dz.sum(0)]
        self._update(grads)
        return loss

    def _update(self, grads: list[np.ndarray]) -> None:
        if self.optimizer == "SGD":
            for p, g in zip(self.params, grads):
                p -= self.lr * g
            return
        beta1, beta2, eps = 0.9, 0.999, 1e-8
        self.t += 1
        step_size = self.lr / (1 - beta1**self.t)
        bias_correction2_sqrt = (1 - beta2**self.t) ** 0.5
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            denom = np.sqrt(v)
            denom /= bias_correction2_sqrt
            denom += eps
            p -= step_size * m / denom


def initial_weights() -> list[np.ndarray]:
    minitorch.manual_seed(0)
    return [p.detach().numpy().copy() for p in make_model(minitorch).parameters()]


def check_same_work(trainers: dict, steps: int = 3) -> None:
    """Antes de medir: las tres implementaciones deben dar las mismas pérdidas paso a paso."""
    losses = {name: [t.step().item() for _ in range(steps)] for name, t in trainers.items()}
    reference = losses["numpy"]
    for name, values in losses.items():
        if not np.allclose(values, reference, rtol=1e-4, atol=1e-5):
            raise AssertionError(f"{name} no hace el mismo cálculo que numpy: {values} frente a {reference}")


def run() -> list[Row]:
    rows = []
    weights = initial_weights()
    for optimizer in ("SGD", "Adam"):
        trainers = {"minitorch": LibraryTrainer(minitorch, optimizer, weights), "numpy": NumpyTrainer(optimizer, weights)}
        if torch is not None:
            trainers["torch"] = LibraryTrainer(torch, optimizer, weights)
        check_same_work(trainers)
        times = interleaved_best({name: trainer.step for name, trainer in trainers.items()})
        rows.append(
            Row(
                f"paso de entrenamiento MLP {'→'.join(map(str, SIZES))}, lote {BATCH}, {optimizer}",
                times["minitorch"],
                times["numpy"],
                times.get("torch"),
                target=TARGET,
                note="mismos pesos y lote; pérdidas comprobadas",
            )
        )
    return rows


if __name__ == "__main__":
    print_table(run(), "minitorch frente a numpy y PyTorch (entrenamiento)")
