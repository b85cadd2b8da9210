"""Triaje: ejecuta muchos programas, agrupa las discrepancias por categoría y reduce cada una.

    .venv/bin/python tests/diferencial/triaje.py 5000 [semilla] [salida.md]

Escribe el porcentaje de programas que coinciden del todo y, por categoría (familia de la sentencia y
propiedad que difiere), cuántos programas la muestran y el programa más corto que la reproduce, reducido
quitando sentencias mientras la misma discrepancia siga apareciendo.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

import minitorch  # noqa: E402
from diferencial.comparar import comparar, informe  # noqa: E402
from diferencial.programas import programas  # noqa: E402


def clave(d):
    if d.variable == "excepción":
        tipos = tuple(None if x is None else x.split(":")[0] for x in (d.en_torch, d.en_minitorch))
        return f"{d.categoria} {tipos[0]}≠{tipos[1]}"
    return d.categoria


def reducir(sentencias, k):
    """Quita sentencias una a una mientras la discrepancia de la misma categoría siga apareciendo."""
    actual = list(sentencias)
    cambiado = True
    while cambiado:
        cambiado = False
        for i in range(len(actual) - 1, -1, -1):
            prueba = actual[:i] + actual[i + 1 :]
            d = comparar(prueba, torch, minitorch)
            if d is not None and clave(d) == k:
                actual = prueba
                cambiado = True
    d = comparar(actual, torch, minitorch)
    if d is None:  # no es determinista: se queda el programa entero
        return list(sentencias), comparar(sentencias, torch, minitorch)
    return actual[: d.indice + 1], d


def main(total: int, semilla: int = 0, salida: str | None = None, bloque: int = 500):
    grupos: dict[str, list] = {}
    vistos = [0, 0]  # programas, programas que coinciden

    for inicio in range(0, total, bloque):
        n = min(bloque, total - inicio)

        @seed(semilla * 1_000_003 + inicio)
        @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(programas(torch))
        def recorrer(sentencias):
            vistos[0] += 1
            d = comparar(sentencias, torch, minitorch)
            if d is None:
                vistos[1] += 1
            else:
                grupos.setdefault(clave(d), []).append(sentencias)

        t0 = time.time()
        recorrer()
        print(f"{vistos[0]} programas, {vistos[1]} coinciden ({100 * vistos[1] / vistos[0]:.1f} %), "
              f"{len(grupos)} categorías, {time.time() - t0:.0f} s", flush=True)

    lineas = [f"# {vistos[1]} de {vistos[0]} programas coinciden ({100 * vistos[1] / vistos[0]:.1f} %)\n"]
    for k, lista in sorted(grupos.items(), key=lambda kv: -len(kv[1])):
        corto = min(lista, key=len)
        reducido, d = reducir(corto, k)
        if d is None:
            lineas.append(f"## {k}: {len(lista)} programas (no se reproduce)\n")
            continue
        lineas.append(f"## {k}: {len(lista)} programas\n\n```python\n{informe(reducido, d)}\n```\n")
    texto = "\n".join(lineas)
    if salida:
        Path(salida).write_text(texto)
    print(texto)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]), int(args[1]) if len(args) > 1 else 0, args[2] if len(args) > 2 else None)
