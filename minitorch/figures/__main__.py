"""``python -m minitorch.figures [--salida DIR]``: vuelve a dibujar las figuras fijas de la serie.

Por defecto las escribe en ``img/``, en la raíz del repositorio, y dice en una línea cada fichero que escribe.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import matplotlib

from . import save_all

REPOSITORY = Path(__file__).resolve().parents[2]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m minitorch.figures", description="Vuelve a dibujar las figuras fijas de la serie.",
    )
    parser.add_argument(
        "--salida", type=Path, default=REPOSITORY / "img", metavar="DIR",
        help="carpeta donde escribirlas (por defecto, img/ en la raíz del repositorio)",
    )
    args = parser.parse_args(argv)
    matplotlib.use("Agg")  # sin ventanas: solo ficheros
    for path in save_all(args.salida):
        what = "Versiones anotadas en" if path.suffix != ".png" else "Figura escrita:"
        print(f"{what} {_shown(path)}")


def _shown(path: Path) -> str:
    """La ruta relativa al directorio actual si cae dentro de él («img/x.png»); si no, la completa."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


if __name__ == "__main__":
    main()
