"""Las figuras de la serie, dibujadas con matplotlib a partir de tensores de minitorch de verdad.

Cada ``draw_*`` recibe tensores (o usa el ejemplo de los cuadernos) y devuelve una ``Figure``; en un
cuaderno, termina la celda con ``;`` o con ``plt.show()`` para que salga una sola vez. Las figuras
fijas de ``img/`` se regeneran con ``python -m minitorch.figures`` (o ``make imagenes``).

Esta es la capa de arriba de minitorch: importa lo que necesita del resto, y nada de minitorch la importa.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import ft2font

from . import memory
from .memory import (
    draw_broadcast, draw_list_vs_tensor, draw_storage, draw_strides, draw_transpose, draw_view_vs_reshape,
)
from .graph import draw_graph  # cuaderno 05
from .style import save_figure
from .training import draw_module_tree, plot_decision_boundary, plot_losses  # cuadernos 06 y 07

# Cada fichero de img/ y la función (sin argumentos) que lo dibuja.
STATIC_FIGURES = {**memory.STATIC_FIGURES}

VERSION_FILE = "VERSION"


def renderer_versions() -> dict[str, str]:
    """Las versiones de las que dependen los píxeles: matplotlib (Agg, fuentes) y FreeType (letras)."""
    return {"matplotlib": matplotlib.__version__, "freetype": ft2font.__freetype_version__}


def save_all(directory) -> list[Path]:
    """Dibuja cada figura fija en ``directory`` y anota en ``VERSION`` con qué versiones se dibujó.

    Devuelve las rutas escritas, en orden. Con las mismas versiones, el resultado es el mismo píxel a píxel.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, draw in STATIC_FIGURES.items():
        figure = draw()
        try:
            written.append(save_figure(figure, directory / filename))
        finally:
            plt.close(figure)
    version_lines = [
        "# Versiones con las que «python -m minitorch.figures» dibujó las figuras de esta carpeta.",
        "# tests/test_figures.py solo las compara píxel a píxel cuando se dibujan con estas mismas versiones.",
        *(f"{name} {version}" for name, version in renderer_versions().items()),
    ]
    version_path = directory / VERSION_FILE
    version_path.write_text("\n".join(version_lines) + "\n", encoding="utf-8")
    written.append(version_path)
    return written


__all__ = [
    "STATIC_FIGURES", "draw_broadcast", "draw_graph", "draw_list_vs_tensor", "draw_storage", "draw_strides", "draw_transpose",
    "draw_module_tree", "draw_view_vs_reshape", "plot_decision_boundary", "plot_losses", "renderer_versions",
    "save_all", "save_figure",
]
