"""Conjuntos de datos: cualquier objeto con ``__getitem__`` (el ejemplo ``i``) y ``__len__``.

``TensorDataset`` es el más sencillo: el ejemplo ``i`` es la fila ``i`` de cada tensor (por ejemplo,
las entradas ``X[i]`` y su etiqueta ``y[i]``). ``Subset`` y ``random_split`` eligen una parte de otro
conjunto sin copiar nada: solo guardan índices.
"""

from __future__ import annotations

import itertools
import math
import warnings
from typing import Sequence

from ...creation import randperm
from ...random import Generator, default_generator
from ...tensor import Tensor


class Dataset:
    """Base de los conjuntos de datos: una subclase define ``__getitem__`` y, casi siempre, ``__len__``."""

    def __getitem__(self, index):
        raise NotImplementedError(f"la subclase {type(self).__name__} de Dataset debe implementar __getitem__")

    def __add__(self, other: "Dataset") -> "ConcatDataset":
        return ConcatDataset([self, other])


class TensorDataset(Dataset):
    """El ejemplo ``i`` es la tupla ``(t[i] for t in tensors)``: todos deben tener el mismo tamaño en la dimensión 0."""

    def __init__(self, *tensors: Tensor):
        sizes = [t.size(0) for t in tensors]
        if any(size != sizes[0] for size in sizes):
            raise AssertionError(
                f"los tensores de un TensorDataset deben tener el mismo tamaño en la dimensión 0, pero tienen {sizes}"
            )
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(t[index] for t in self.tensors)

    def __len__(self) -> int:
        return self.tensors[0].size(0)


class ConcatDataset(Dataset):
    """Varios conjuntos, uno detrás de otro."""

    def __init__(self, datasets):
        self.datasets = list(datasets)
        if not self.datasets:
            raise AssertionError("ConcatDataset necesita al menos un conjunto de datos")
        self.cumulative_sizes = list(itertools.accumulate(len(d) for d in self.datasets))

    def __len__(self) -> int:
        return self.cumulative_sizes[-1]

    def __getitem__(self, index: int):
        if index < 0:
            if -index > len(self):
                raise ValueError("el índice negativo supera la longitud del conjunto de datos")
            index += len(self)
        for start, dataset, end in zip([0] + self.cumulative_sizes, self.datasets, self.cumulative_sizes):
            if index < end:
                return dataset[index - start]
        raise IndexError(f"el índice {index} está fuera de rango para un conjunto de {len(self)} ejemplos")


class Subset(Dataset):
    """Los ejemplos de ``dataset`` cuyos índices están en ``indices`` (en ese orden)."""

    def __init__(self, dataset: Dataset, indices: Sequence[int]):
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, index):
        return self.dataset[self.indices[index]]

    def __len__(self) -> int:
        return len(self.indices)


def random_split(dataset: Dataset, lengths: Sequence[float], generator: Generator = default_generator) -> list[Subset]:
    """Reparte ``dataset`` al azar en trozos de las longitudes (o fracciones) dadas, sin solaparse."""
    if math.isclose(sum(lengths), 1) and sum(lengths) <= 1:
        counts = []
        for i, fraction in enumerate(lengths):
            if not 0 <= fraction <= 1:
                raise ValueError(f"la fracción de la posición {i} no está entre 0 y 1")
            counts.append(math.floor(len(dataset) * fraction))
        for i in range(len(dataset) - sum(counts)):  # lo que sobra, de uno en uno y por turnos
            counts[i % len(counts)] += 1
        lengths = counts
        for i, length in enumerate(lengths):
            if length == 0:
                warnings.warn(f"el trozo de la posición {i} tiene longitud 0: será un conjunto vacío", stacklevel=2)
    if sum(lengths) != len(dataset):
        raise ValueError("la suma de las longitudes no es igual a la longitud del conjunto de datos")
    indices = randperm(sum(lengths), generator=generator).tolist()
    pieces, offset = [], 0
    for length in lengths:
        pieces.append(Subset(dataset, indices[offset : offset + length]))
        offset += length
    return pieces
