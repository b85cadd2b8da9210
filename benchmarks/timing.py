"""Medición de tiempos común a todos los benchmarks: el mejor de muchas muestras, por turnos (``interleaved_best``).

Se toma el mínimo (no la media) porque el ruido de la máquina solo puede sumar tiempo: el mínimo
es la estimación más estable del coste real. Cada benchmark devuelve filas ``Row`` y
``benchmarks/run.py`` las reúne en una sola tabla con las razones frente a numpy y PyTorch.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

try:  # PyTorch es opcional: sin él, la columna de PyTorch queda vacía.
    import torch
except ImportError:  # pragma: no cover - depende de la instalación
    torch = None


@dataclass
class Row:
    """Una comparación: segundos por repetición de minitorch, numpy y PyTorch (o ``None``)."""

    name: str
    minitorch: float
    numpy: float | None = None
    torch: float | None = None
    target: str = ""
    note: str = ""

    def ratio_numpy(self) -> float | None:
        return self.minitorch / self.numpy if self.numpy else None

    def ratio_torch(self) -> float | None:
        return self.minitorch / self.torch if self.torch else None


def interleaved_best(candidates: dict, *, rounds: int = 12, block: float = 0.05, number: int = 1) -> dict:
    """El mejor tiempo de una llamada de cada función, midiéndolas por turnos y en bloques.

    - Por turnos: en una máquina compartida la carga va y viene; así todas tienen las mismas ocasiones
      de caer en un momento tranquilo.
    - En bloques de ``block`` segundos: al cambiar de biblioteca, los hilos de la anterior (OpenMP en
      PyTorch, OpenBLAS en numpy) siguen girando un rato antes de dormirse y frenan las primeras
      llamadas de la siguiente. Si se alternara llamada a llamada, el que va detrás de PyTorch
      pagaría siempre ese frenazo; dentro de un bloque, las llamadas siguientes ya no lo notan.
    - El mínimo: el ruido solo puede sumar tiempo. Cada muestra es el tiempo medio de ``number`` llamadas
      seguidas (una, para lo que dura milisegundos; cientos, para lo que dura microsegundos, que el
      reloj no mide bien de una en una).

    Los valores ``None`` (un contendiente que falta, como PyTorch sin instalar) se devuelven tal cual.
    """
    active = {name: fn for name, fn in candidates.items() if fn is not None}
    best = dict.fromkeys(active, float("inf"))
    for fn in active.values():
        fn()  # calentamiento: cachés, asignaciones perezosas, importaciones
    for _ in range(rounds):
        for name, fn in active.items():
            deadline = time.perf_counter() + block
            while True:
                start = time.perf_counter()
                for _ in range(number):
                    fn()
                end = time.perf_counter()
                best[name] = min(best[name], (end - start) / number)
                if end >= deadline:
                    break
    return {name: best.get(name) for name in candidates}


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def format_ratio(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}×"


def print_table(rows: list[Row], title: str = "") -> None:
    """Imprime las filas como una tabla de texto alineada."""
    header = ("caso", "minitorch", "numpy", "PyTorch", "÷ numpy", "÷ PyTorch", "objetivo", "nota")
    body = [
        (
            r.name,
            format_seconds(r.minitorch),
            format_seconds(r.numpy),
            format_seconds(r.torch),
            format_ratio(r.ratio_numpy()),
            format_ratio(r.ratio_torch()),
            r.target,
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    if title:
        print(f"\n{title}")
    for line in [header, tuple("-" * w for w in widths), *body]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths)))
