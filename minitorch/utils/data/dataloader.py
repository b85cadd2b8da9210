"""``DataLoader``: recorre un conjunto de datos por lotes (*batches*), en orden o barajado.

En cada época pide al muestreador una lista de índices por lote, lee esos ejemplos del conjunto de
datos y los junta (``collate``) en tensores con una dimensión nueva delante, la del lote: 64 ejemplos
``(x, y)`` con ``x`` de forma ``(2,)`` dan un lote ``[X, Y]`` con ``X`` de forma ``(64, 2)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ...creation import from_numpy, tensor
from ...functions import stack
from ...random import Generator
from ...tensor import Tensor
from ... import dtypes
from .sampler import BatchSampler, RandomSampler, SequentialSampler, _draw_seed


def default_collate(batch: list):
    """Junta una lista de ejemplos en un lote, respetando su estructura (tuplas, diccionarios…).

    Tensores → ``stack``; arrays de numpy → tensores apilados; números de numpy (``y[i]`` de un array) →
    un tensor de su tipo; ``float`` → tensor ``float64``; ``int`` → tensor ``int64``; cadenas → la lista
    tal cual; tuplas y listas → una lista con cada campo juntado por separado (así ``for x, y in loader``
    funciona).
    """
    first = batch[0]
    if isinstance(first, Tensor):
        return stack(batch, 0)
    if isinstance(first, np.ndarray):
        return stack([from_numpy(b) for b in batch], 0)
    if isinstance(first, np.generic) and not isinstance(first, (str, bytes)):  # y[i] de un array: np.int64, np.float32…
        return from_numpy(np.array(batch))
    if isinstance(first, bool):
        return tensor(batch, dtype=dtypes.bool)
    if isinstance(first, float):
        return tensor(batch, dtype=dtypes.float64)
    if isinstance(first, int):
        return tensor(batch, dtype=dtypes.int64)
    if isinstance(first, (str, bytes)):
        return batch
    if isinstance(first, Mapping):
        return {key: default_collate([sample[key] for sample in batch]) for key in first}
    if isinstance(first, tuple) and hasattr(first, "_fields"):  # namedtuple
        return type(first)(*(default_collate(list(field)) for field in zip(*batch)))
    if isinstance(first, Sequence):
        if any(len(sample) != len(first) for sample in batch):
            raise RuntimeError("todos los ejemplos de un lote deben tener el mismo número de elementos")
        return [default_collate(list(field)) for field in zip(*batch)]
    raise TypeError(
        f"default_collate: el lote debe contener tensores, arrays de numpy, números, diccionarios o listas; "
        f"se encontró {type(first).__name__}"
    )


class DataLoader:
    """Itera sobre ``dataset`` en lotes de ``batch_size``.

    ``shuffle=True`` baraja los índices en cada época (con ``generator`` o con el generador global, así
    que ``minitorch.manual_seed`` lo hace reproducible); ``drop_last=True`` descarta el último lote si
    queda incompleto; ``collate_fn`` cambia la forma de juntar los ejemplos.

    minitorch carga siempre los datos en el propio proceso: con ``num_workers > 0`` (que se acepta para que
    el código de PyTorch funcione igual) salen los mismos lotes, en el mismo orden, sin procesos auxiliares
    (y sin llamar a ``worker_init_fn``, que en PyTorch se ejecuta dentro de cada uno).
    """

    def __init__(
        self,
        dataset,
        batch_size: int | None = 1,
        shuffle: bool | None = None,
        sampler=None,
        batch_sampler=None,
        num_workers: int = 0,
        collate_fn=None,
        pin_memory: bool = False,
        drop_last: bool = False,
        timeout: float = 0,
        worker_init_fn=None,
        multiprocessing_context=None,
        generator: Generator | None = None,
        *,
        prefetch_factor: int | None = None,
        persistent_workers: bool = False,
        pin_memory_device: str = "",
        in_order: bool = True,
    ):
        _check_workers(num_workers, prefetch_factor, persistent_workers)
        if sampler is not None and shuffle:
            raise ValueError("sampler y shuffle=True son incompatibles: el muestreador ya decide el orden")
        if batch_sampler is not None and (batch_size != 1 or shuffle or sampler is not None or drop_last):
            raise ValueError("batch_sampler es incompatible con batch_size, shuffle, sampler y drop_last")
        if batch_sampler is not None:
            batch_size, drop_last = None, False
        if sampler is None:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.dataset = dataset
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.persistent_workers = persistent_workers
        self.generator = generator
        self.collate_fn = collate_fn if collate_fn is not None else default_collate if batch_sampler else default_convert

    def __iter__(self):
        # PyTorch saca aquí una semilla (para los procesos auxiliares) aunque no la use: se imita para
        # que, con la misma semilla, el generador global siga dando los mismos números que en PyTorch.
        _draw_seed(self.generator)
        return self._batches()

    def _batches(self):
        if self.batch_sampler is None:
            for index in self.sampler:
                yield self.collate_fn(self.dataset[index])
            return
        for indices in self.batch_sampler:
            yield self.collate_fn([self.dataset[i] for i in indices])

    def __len__(self) -> int:
        return len(self.batch_sampler if self.batch_sampler is not None else self.sampler)


def _check_workers(num_workers: int, prefetch_factor: int | None, persistent_workers: bool) -> None:
    """Las combinaciones de opciones de los procesos auxiliares que PyTorch rechaza (con su ValueError)."""
    if num_workers < 0:
        raise ValueError(f"num_workers no puede ser negativo ({num_workers}); usa num_workers=0 para no usar procesos auxiliares")
    if num_workers == 0 and prefetch_factor is not None:
        raise ValueError("prefetch_factor solo tiene sentido con procesos auxiliares: usa num_workers > 0 o prefetch_factor=None")
    if num_workers == 0 and persistent_workers:
        raise ValueError("persistent_workers=True necesita procesos auxiliares (num_workers > 0)")


def default_convert(sample):
    """Sin lotes (``batch_size=None``): cada ejemplo sale tal cual, salvo los arrays de numpy, que pasan a
    tensores (sin copiarlos), y las tuplas, que pasan a listas (como en PyTorch)."""
    if isinstance(sample, np.ndarray):
        return sample if sample.dtype.kind in "SUO" else from_numpy(sample)
    if isinstance(sample, np.generic) and not isinstance(sample, (str, bytes)):
        return from_numpy(np.array(sample))
    if isinstance(sample, Mapping):
        return {key: default_convert(value) for key, value in sample.items()}
    if isinstance(sample, tuple) and hasattr(sample, "_fields"):  # namedtuple
        return type(sample)(*(default_convert(field) for field in sample))
    if isinstance(sample, Sequence) and not isinstance(sample, (str, bytes)):
        return [default_convert(field) for field in sample]
    return sample
