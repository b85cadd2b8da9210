"""Ejecuta todos los benchmarks de minitorch en una sola pasada y los imprime como una tabla.

    make bench          # o bien: python benchmarks/run.py

Cada fila compara minitorch con numpy y con PyTorch (si está instalado) y da las razones
(«÷ numpy» = tiempo de minitorch / tiempo de numpy). Cuanto más cerca de 1, mejor.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
from timing import print_table, torch  # noqa: E402

SUITES = {
    "bench_tensor": "Capa de tensores",
    "bench_autograd": "Diferenciación automática",
    "bench_training": "Entrenamiento (nn + optim)",
    "bench_conv": "Convolución (conv2d adelante y atrás)",
}


def main() -> None:
    versions = f"numpy {np.__version__}" + (f", PyTorch {torch.__version__}" if torch else ", sin PyTorch")
    print(f"Python {platform.python_version()}, {versions}, {os.cpu_count()} núcleos")
    for module_name, title in SUITES.items():
        module = importlib.import_module(module_name)
        print_table(module.run(), title)


if __name__ == "__main__":
    main()
