"""``Digits``: los 1797 dígitos manuscritos de 8×8 píxeles de UCI, con las convenciones de ``torchvision.datasets.MNIST``.

Los datos vienen en ``digitos.npz``, junto a este módulo (``README.md`` cuenta de dónde salen y con qué
licencia). Como en ``MNIST``, ``data`` y ``targets`` guardan todo el conjunto en dos tensores, y
``__getitem__`` construye cada ejemplo al pedirlo y le aplica las transformaciones.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..creation import from_numpy
from ..dtypes import float32
from ..utils.data import Dataset

FILE_NAME = "digitos.npz"


class Digits(Dataset):
    """Los 1797 dígitos manuscritos (de 0 a 9) del conjunto de prueba «Optical Recognition of Handwritten Digits».

    Cada imagen tiene 8×8 píxeles enteros entre 0 y 16: cuántos de los 16 píxeles de un bloque 4×4 de la
    imagen original de 32×32 estaban encendidos.

    Args:
        root: la carpeta donde está ``digitos.npz``; con ``None`` (por omisión), la del propio paquete.
            No se descarga nada: si el fichero no está, ``RuntimeError``.
        transform: una función que recibe la imagen (un tensor ``float32`` de forma ``1×8×8``) y devuelve
            la imagen transformada; por ejemplo, ``lambda x: x / 16`` la lleva al intervalo [0, 1].
        target_transform: una función que recibe la etiqueta (un ``int``) y devuelve la etiqueta transformada.

    ``dataset[i]`` devuelve ``(imagen, etiqueta)``: sin ``transform``, la imagen es un tensor ``float32`` de
    forma ``1×8×8`` (un canal, como las de ``MNIST`` tras ``ToTensor``) con los valores de 0 a 16 tal cual,
    sin normalizar; la etiqueta es un ``int`` de Python. Con ``DataLoader`` salen lotes de imágenes
    ``N×1×8×8`` y de etiquetas ``int64``.

    Atributos, como en ``MNIST``: ``data`` (tensor ``N×8×8`` con los píxeles), ``targets`` (tensor ``int64``
    de longitud ``N``), ``classes`` (los nombres de las clases, en orden) y ``class_to_idx``. Diferencia
    deliberada: minitorch no tiene ``uint8``, así que ``data`` es ``int64`` (en ``MNIST``, ``uint8``).
    Se pueden recortar o cambiar ``data`` y ``targets``: ``__getitem__`` y ``len`` los leen en cada llamada.
    """

    classes = ["0 - cero", "1 - uno", "2 - dos", "3 - tres", "4 - cuatro", "5 - cinco", "6 - seis", "7 - siete",
               "8 - ocho", "9 - nueve"]

    def __init__(self, root: str | os.PathLike | None = None, transform=None, target_transform=None):
        folder = Path(__file__).resolve().parent if root is None else Path(root).expanduser()
        self.root = str(folder)
        self.transform = transform
        self.target_transform = target_transform
        path = folder / FILE_NAME
        if not path.is_file():
            raise RuntimeError(
                f"no se encuentra el conjunto de datos Digits: falta {path}. minitorch no descarga nada; "
                f"con root=None se usa el fichero que trae el paquete"
            )
        with np.load(path) as arrays:
            images, labels = arrays["images"], arrays["labels"]
        if images.ndim != 3 or images.shape[1:] != (8, 8) or labels.shape != images.shape[:1]:
            raise RuntimeError(
                f"{path} no tiene el formato esperado: imágenes de forma {images.shape} (se esperaba N×8×8) "
                f"y etiquetas de forma {labels.shape} (se esperaba ({images.shape[0]},))"
            )
        self.data = from_numpy(images.astype(np.int64))
        self.targets = from_numpy(labels.astype(np.int64))

    @property
    def class_to_idx(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.classes)}

    def __getitem__(self, index: int):
        image = self.data[index].to(float32).unsqueeze(0)
        target = int(self.targets[index])
        if self.transform is not None:
            image = self.transform(image)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return image, target

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        lines = [f"Conjunto de datos {type(self).__name__}", f"    Número de ejemplos: {len(self)}",
                 f"    Carpeta: {self.root}"]
        if self.transform is not None:
            lines.append(f"    Transformación: {self.transform!r}")
        if self.target_transform is not None:
            lines.append(f"    Transformación de las etiquetas: {self.target_transform!r}")
        return "\n".join(lines)
