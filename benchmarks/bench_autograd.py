"""Benchmarks de la diferenciación automática: coste del grafo por nodo y una red pequeña.

    python benchmarks/bench_autograd.py

Objetivos (issue 3):

- cadena larga de operaciones pequeñas (1000 nodos sobre un tensor de 4 elementos) y ``backward``:
  el coste por nodo (anotarlo, recorrerlo y aplicar su fórmula) a menos de 5× el de PyTorch;
- perceptrón de dos capas (256 → 512 → 10, ReLU y error cuadrático medio) con un lote de 128×256,
  propagación hacia adelante y retropropagación: a menos de 1.5× el mismo cálculo escrito a mano
  con numpy.

Los dos productos de matrices grandes del perceptrón los hace el BLAS de numpy, igual para minitorch
que para la versión a mano; lo que se mide es el coste fijo de minitorch alrededor (anotar el grafo,
recorrerlo, la capa de tensores). Con más hilos de BLAS los productos tardan menos y ese coste fijo
pesa más en la razón: por eso la fila dice con cuántos hilos se midió (``OPENBLAS_NUM_THREADS=1``
antes de lanzar Python los fija a uno).
"""

from __future__ import annotations

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import minitorch  # noqa: E402
from timing import Row, interleaved_best, torch  # noqa: E402

CHAIN_LENGTH = 1000
BATCH, FEATURES, HIDDEN, CLASSES = 128, 256, 512, 10


# --- cadena de operaciones pequeñas ---------------------------------------------------------------------
def _chain(module) -> None:
    """1000 operaciones alternas (·1.001 y +0.5) sobre 4 elementos, su suma y la retropropagación."""
    x = module.ones(4, requires_grad=True)
    y = x
    for i in range(CHAIN_LENGTH):
        y = y * 1.001 if i % 2 else y + 0.5
    y.sum().backward()


def _chain_numpy() -> None:
    """Lo mismo a mano: la propagación hacia adelante guarda los factores y la de vuelta los multiplica."""
    y = np.ones(4, np.float32)
    factors = []
    for i in range(CHAIN_LENGTH):
        if i % 2:
            y = y * np.float32(1.001)
            factors.append(np.float32(1.001))
        else:
            y = y + np.float32(0.5)
            factors.append(None)
    grad = np.ones(4, np.float32)
    for factor in reversed(factors):
        if factor is not None:
            grad = grad * factor


def _chain_rows() -> list[Row]:
    times = interleaved_best({
        "minitorch": lambda: _chain(minitorch),
        "numpy": _chain_numpy,
        "torch": (lambda: _chain(torch)) if torch is not None else None,
    })
    per_node = {name: None if t is None else t / CHAIN_LENGTH for name, t in times.items()}
    return [Row(
        f"cadena de {CHAIN_LENGTH} operaciones sobre 4 elementos + backward (por nodo)",
        per_node["minitorch"], per_node["numpy"], per_node["torch"], target="≤ 5× PyTorch",
    )]


# --- perceptrón de dos capas -------------------------------------------------------------------------
def _mlp_data():
    rng = np.random.default_rng(0)
    def normal(*shape, scale=1.0):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    return {
        "x": normal(BATCH, FEATURES),
        "y": normal(BATCH, CLASSES),
        "w1": normal(FEATURES, HIDDEN, scale=FEATURES ** -0.5),
        "b1": normal(HIDDEN, scale=0.1),
        "w2": normal(HIDDEN, CLASSES, scale=HIDDEN ** -0.5),
        "b2": normal(CLASSES, scale=0.1),
    }


def _mlp_step(module, t):
    """Propagación hacia adelante y retropropagación con la API de PyTorch (vale para los dos)."""
    for p in t["params"]:
        p.grad = None
    hidden = (t["x"] @ t["w1"] + t["b1"]).relu()
    out = hidden @ t["w2"] + t["b2"]
    loss = ((out - t["y"]) ** 2).mean()
    loss.backward()
    return loss


def _mlp_tensors(module, data):
    t = {name: module.from_numpy(value.copy()) for name, value in data.items()}
    t["params"] = [t[name].requires_grad_() for name in ("w1", "b1", "w2", "b2")]
    return t


def _mlp_numpy(d):
    """Lo mismo escrito a mano con numpy: la derivada de cada paso, en orden inverso."""
    z1 = d["x"] @ d["w1"] + d["b1"]
    hidden = np.maximum(z1, 0)
    out = hidden @ d["w2"] + d["b2"]
    diff = out - d["y"]
    loss = (diff * diff).mean()
    grad_out = diff * np.float32(2 / diff.size)
    grad_w2 = hidden.T @ grad_out
    grad_b2 = grad_out.sum(0)
    grad_z1 = (grad_out @ d["w2"].T) * (z1 > 0)
    grad_w1 = d["x"].T @ grad_z1
    grad_b1 = grad_z1.sum(0)
    return loss, grad_w1, grad_b1, grad_w2, grad_b2


def _check_mlp_gradients(data) -> None:
    """Antes de medir: minitorch y la versión a mano deben dar los mismos gradientes."""
    t = _mlp_tensors(minitorch, data)
    _mlp_step(minitorch, t)
    expected = _mlp_numpy(data)[1:]
    for p, g in zip(t["params"], expected):
        np.testing.assert_allclose(p.grad.numpy(), g, rtol=1e-4, atol=1e-6)


def _mlp_rows() -> list[Row]:
    data = _mlp_data()
    _check_mlp_gradients(data)
    ours = _mlp_tensors(minitorch, data)
    theirs = _mlp_tensors(torch, data) if torch is not None else None
    times = interleaved_best({
        "minitorch": lambda: _mlp_step(minitorch, ours),
        "numpy": lambda: _mlp_numpy(data),
        "torch": (lambda: _mlp_step(torch, theirs)) if torch is not None else None,
    })
    threads = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS") or "los de por defecto"
    return [Row(
        f"perceptrón {FEATURES}→{HIDDEN}→{CLASSES}, lote {BATCH}: forward + backward",
        times["minitorch"], times["numpy"], times["torch"], target="≤ 1.5× numpy", note=f"hilos de BLAS: {threads}",
    )]


def run() -> list[Row]:
    return _chain_rows() + _mlp_rows()


if __name__ == "__main__":
    from timing import print_table  # noqa: E402

    print_table(run(), "minitorch frente a numpy y PyTorch (diferenciación automática)")
