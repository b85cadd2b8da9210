"""Benchmarks de la capa de tensores: cálculo masivo, matmul, coste fijo por operación y vistas.

    python benchmarks/bench_tensor.py

Objetivos: elemento a elemento y matmul a menos de 1.3× numpy (issue 2); crear una vista cuesta lo
mismo con 10 millones de elementos que con 16 (no copia ni reserva memoria proporcional al tamaño); el
coste fijo de cada operación (tensores 4×4) y de cada vista, a menos de 1.5× el de PyTorch (issue 13).
"""

from __future__ import annotations

import os
import sys
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import minitorch  # noqa: E402
from timing import Row, interleaved_best, print_table, torch  # noqa: E402


def _elementwise() -> list[Row]:
    n = 1_000_000
    minitorch.manual_seed(0)
    a, b, c = (minitorch.rand(n) for _ in range(3))
    na, nb, nc = (t.numpy() for t in (a, b, c))
    ta = tb = tc = None
    if torch is not None:
        ta, tb, tc = (torch.from_numpy(x) for x in (na, nb, nc))
    # numpy y minitorch reutilizan la memoria de los temporales que nadie más ve (*temporary elision*,
    # ver minitorch/temporaries.py); PyTorch reserva un resultado nuevo en cada paso. Como referencia,
    # la misma cadena en numpy con una llamada por operación, sin reutilizar nada:
    half = np.float32(0.5)
    times = interleaved_best({
        "minitorch": lambda: ((a * b + c) * 0.5 - a).abs(),
        "numpy": lambda: np.abs((na * nb + nc) * half - na),
        "torch": (lambda: ((ta * tb + tc) * 0.5 - ta).abs()) if torch is not None else None,
        "numpy sin reutilizar": lambda: np.abs(np.subtract(np.multiply(np.add(np.multiply(na, nb), nc), half), na)),
    })
    return [Row(
        "cadena elemento a elemento, 1M float32: ((a*b + c) * 0.5 - a).abs()",
        times["minitorch"], times["numpy"], times["torch"], target="≤ 1.3× numpy",
        note=f"÷ numpy sin reutilizar temporales: {times['minitorch'] / times['numpy sin reutilizar']:.2f}×",
    )]


def _matmul() -> list[Row]:
    minitorch.manual_seed(0)
    a, b = minitorch.randn(512, 512), minitorch.randn(512, 512)
    na, nb = a.numpy(), b.numpy()
    ta = tb = None
    if torch is not None:
        ta, tb = torch.from_numpy(na), torch.from_numpy(nb)
    times = interleaved_best({
        "minitorch": lambda: a @ b,
        "numpy": lambda: na @ nb,
        "torch": (lambda: ta @ tb) if torch is not None else None,
    })
    return [Row("matmul 512×512 float32", times["minitorch"], times["numpy"], times["torch"], target="≤ 1.3× numpy")]


# Para lo que dura microsegundos: cada muestra, 200 llamadas; menos turnos, que son muchas filas.
_MICROSECONDS = {"rounds": 6, "block": 0.03, "number": 200}


def _per_op() -> list[Row]:
    x, y = minitorch.ones(4, 4), minitorch.ones(4, 4)
    nx, ny = x.numpy(), y.numpy()
    cases = {
        "x + y": (lambda: x + y, lambda: nx + ny, lambda t, u: t + u),
        "x * 2.0": (lambda: x * 2.0, lambda: nx * np.float32(2.0), lambda t, u: t * 2.0),
        "x.sum()": (lambda: x.sum(), lambda: nx.sum(), lambda t, u: t.sum()),
        "x @ y": (lambda: x @ y, lambda: nx @ ny, lambda t, u: t @ u),
        "x.exp()": (lambda: x.exp(), lambda: np.exp(nx), lambda t, u: t.exp()),
        "x.view(16)": (lambda: x.view(16), lambda: nx.reshape(16), lambda t, u: t.view(16)),
        "x.t()": (lambda: x.t(), lambda: nx.T, lambda t, u: t.t()),
        "x[1]": (lambda: x[1], lambda: nx[1], lambda t, u: t[1]),
    }
    rows = []
    tx = ty = None
    if torch is not None:
        tx, ty = torch.ones(4, 4), torch.ones(4, 4)
    for name, (ours, numpy_fn, torch_fn) in cases.items():
        times = interleaved_best({
            "minitorch": ours,
            "numpy": numpy_fn,
            "torch": (lambda: torch_fn(tx, ty)) if torch is not None else None,
        }, **_MICROSECONDS)
        rows.append(Row(f"coste fijo 4×4: {name}", times["minitorch"], times["numpy"], times["torch"], target="≤ 1.5× PyTorch"))
    return rows


def _views() -> list[Row]:
    """Una vista solo crea metadatos: su coste no puede depender del número de elementos."""
    big, small = minitorch.zeros(1000, 10_000), minitorch.zeros(4, 4)  # 10 millones frente a 16
    nbig = big.numpy()
    ops = {
        "view(-1)": (lambda t: t.view(-1), lambda a: a.reshape(-1)),
        "t()": (lambda t: t.t(), lambda a: a.T),
        "[::2, 1:]": (lambda t: t[::2, 1:], lambda a: a[::2, 1:]),
        "unsqueeze + expand + transpose": (
            lambda t: t.unsqueeze(0).expand(3, -1, -1).transpose(1, 2),
            lambda a: np.broadcast_to(a[None], (3, *a.shape)).swapaxes(1, 2),
        ),
    }
    tbig = torch.zeros(1000, 10_000) if torch is not None else None
    rows = []
    for name, (op, numpy_op) in ops.items():
        tracemalloc.start()
        op(big)
        allocated = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        times = interleaved_best({
            "minitorch": lambda: op(big),
            "16 elementos": lambda: op(small),
            "numpy": lambda: numpy_op(nbig),
            "torch": (lambda: op(tbig)) if torch is not None else None,
        }, **_MICROSECONDS)
        rows.append(Row(
            f"vista de 10M elementos: {name}",
            times["minitorch"],
            times["numpy"],
            times["torch"],
            target="≤ 1.5× PyTorch; no depende del tamaño",
            note=f"10M ÷ 16 elementos: {times['minitorch'] / times['16 elementos']:.2f}×; memoria reservada: {allocated} B",
        ))
    return rows


def run() -> list[Row]:
    return _elementwise() + _matmul() + _per_op() + _views()


if __name__ == "__main__":
    print_table(run(), "minitorch frente a numpy y PyTorch (capa de tensores)")
