"""Muestreadores: deciden en qué orden se visitan los ejemplos de un conjunto de datos.

``SequentialSampler`` da ``0, 1, 2…``; ``RandomSampler``, una permutación al azar en cada época;
``SubsetRandomSampler``, los de una lista de índices, barajados; ``BatchSampler`` agrupa los índices de
otro muestreador en lotes (*batches*). Como en PyTorch, el orden aleatorio sale de ``minitorch.random``:
con la misma semilla, la misma permutación.
"""

from __future__ import annotations

from typing import Iterator, Sized

from ... import dtypes
from ...creation import as_tensor, empty, randint, randperm
from ...random import Generator


class Sampler:
    """Base de los muestreadores: un iterable de índices."""

    def __iter__(self) -> Iterator[int]:
        raise NotImplementedError


class SequentialSampler(Sampler):
    def __init__(self, data_source: Sized):
        self.data_source = data_source

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.data_source)))

    def __len__(self) -> int:
        return len(self.data_source)


def _draw_seed(generator: Generator | None = None) -> int:
    """Un entero aleatorio de 63 bits: la semilla que PyTorch saca del generador para cada época."""
    return empty((), dtype=dtypes.int64).random_(generator=generator).item()


class RandomSampler(Sampler):
    """Una permutación aleatoria de los índices en cada época; con ``replacement=True``, índices sorteados con repetición."""

    def __init__(self, data_source: Sized, replacement: bool = False, num_samples: int | None = None,
                 generator: Generator | None = None):
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(self.num_samples, int) or self.num_samples <= 0:
            raise ValueError(f"num_samples debe ser un entero positivo, pero es {self.num_samples}")

    @property
    def num_samples(self) -> int:
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self) -> Iterator[int]:
        n = len(self.data_source)
        generator = self.generator
        if generator is None:
            # Como PyTorch: un generador nuevo, sembrado desde el global, para no depender de quién más lo use.
            generator = Generator(_draw_seed())
        if self.replacement:  # de 32 en 32, como PyTorch, para sortear los mismos números
            for _ in range(self.num_samples // 32):
                yield from randint(n, (32,), generator=generator).tolist()
            yield from randint(n, (self.num_samples % 32,), generator=generator).tolist()
            return
        for _ in range(self.num_samples // n):
            yield from randperm(n, generator=generator).tolist()
        yield from randperm(n, generator=generator).tolist()[: self.num_samples % n]

    def __len__(self) -> int:
        return self.num_samples


class SubsetRandomSampler(Sampler):
    """Los índices de ``indices`` en orden aleatorio (uno nuevo en cada época): para sacar, por ejemplo, un
    conjunto de validación de los mismos datos sin copiarlos."""

    def __init__(self, indices, generator: Generator | None = None):
        self.indices = indices
        self.generator = generator

    def __iter__(self) -> Iterator:
        for position in randperm(len(self.indices), generator=self.generator).tolist():
            yield self.indices[position]

    def __len__(self) -> int:
        return len(self.indices)


class WeightedRandomSampler(Sampler):
    """``num_samples`` índices de ``0..len(weights)-1``, cada uno con probabilidad proporcional a su peso:
    para ver más a menudo los ejemplos de una clase poco frecuente (con reemplazo, por defecto)."""

    def __init__(self, weights, num_samples: int, replacement: bool = True, generator: Generator | None = None):
        if isinstance(num_samples, bool) or not isinstance(num_samples, int) or num_samples <= 0:
            raise ValueError(f"num_samples debe ser un entero positivo, pero es {num_samples}")
        if not isinstance(replacement, bool):
            raise ValueError(f"replacement debe ser un booleano, pero es {replacement}")
        self.weights = as_tensor(weights, dtype=dtypes.float64)
        if self.weights.dim() != 1:
            raise ValueError(f"weights debe ser una secuencia de una dimensión, pero tiene forma {tuple(self.weights.shape)}")
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def __iter__(self) -> Iterator:
        yield from self.weights.multinomial(self.num_samples, self.replacement, generator=self.generator).tolist()

    def __len__(self) -> int:
        return self.num_samples


class BatchSampler(Sampler):
    """Agrupa los índices de ``sampler`` en listas de ``batch_size``; ``drop_last`` descarta el último lote incompleto."""

    def __init__(self, sampler, batch_size: int, drop_last: bool):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size <= 0:
            raise ValueError(f"batch_size debe ser un entero positivo, pero es {batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last debe ser un booleano, pero es {drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self) -> Iterator[list[int]]:
        batch = []
        for index in self.sampler:
            batch.append(index)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch and not self.drop_last:
            yield batch

    def __len__(self) -> int:
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return -(-len(self.sampler) // self.batch_size)
