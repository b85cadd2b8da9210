#!/usr/bin/env python3
"""Escribe minitorch/datasets/digitos.npz a partir del CSV de dígitos manuscritos que trae scikit-learn.

El CSV (sklearn/datasets/data/digits.csv.gz) es el conjunto de prueba de «Optical Recognition of
Handwritten Digits» de UCI (E. Alpaydin y C. Kaynak, 1998; CC BY 4.0): 1797 filas de 65 enteros, los 64
píxeles de una imagen 8×8 por filas (cada uno de 0 a 16) y, al final, el dígito (de 0 a 9).

El resultado guarda dos arrays ``uint8`` con ``np.savez_compressed``: ``images`` (1797×8×8) y ``labels``
(1797), en el mismo orden que el CSV. Solo hace falta volver a ejecutarlo si cambia el formato.

Uso: python tools/make_digits.py RUTA/digits.csv.gz [--destino minitorch/datasets/digitos.npz]
"""

import argparse
import gzip
from pathlib import Path

import numpy as np

RAIZ = Path(__file__).resolve().parents[1]


def leer_csv(ruta: Path) -> tuple[np.ndarray, np.ndarray]:
    """Las imágenes (N×8×8) y las etiquetas (N) del CSV, comprobadas antes de reducirlas a ``uint8``."""
    abrir = gzip.open if ruta.suffix == ".gz" else open
    with abrir(ruta, "rt", encoding="ascii") as fichero:
        tabla = np.loadtxt(fichero, delimiter=",", dtype=np.int64, ndmin=2)
    if tabla.shape[1] != 65:
        raise ValueError(f"{ruta}: se esperaban 65 columnas (64 píxeles y la etiqueta), hay {tabla.shape[1]}")
    pixeles, etiquetas = tabla[:, :64], tabla[:, 64]
    if pixeles.min() < 0 or pixeles.max() > 16:
        raise ValueError(f"{ruta}: los píxeles deben estar entre 0 y 16, están entre {pixeles.min()} y {pixeles.max()}")
    if etiquetas.min() < 0 or etiquetas.max() > 9:
        raise ValueError(f"{ruta}: las etiquetas deben estar entre 0 y 9, están entre {etiquetas.min()} y {etiquetas.max()}")
    return pixeles.reshape(-1, 8, 8).astype(np.uint8), etiquetas.astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="digits.csv.gz de scikit-learn (sklearn/datasets/data/)")
    parser.add_argument("--destino", type=Path, default=RAIZ / "minitorch" / "datasets" / "digitos.npz")
    args = parser.parse_args()
    imagenes, etiquetas = leer_csv(args.csv)
    np.savez_compressed(args.destino, images=imagenes, labels=etiquetas)
    print(f"{args.destino}: {len(etiquetas)} imágenes, {args.destino.stat().st_size} bytes")


if __name__ == "__main__":
    main()
