"""El almacenamiento (*storage*): el bloque unidimensional de memoria que comparten todas las vistas.

Un tensor no guarda sus números: guarda una referencia a un ``Storage`` y la forma, los strides y el
desplazamiento con los que leerlo (ver ``strides.py``). Aquí el bloque es un ``numpy.ndarray`` de una
dimensión; numpy nos da la memoria contigua y tipada, igual que el ``c10::Storage`` de PyTorch.
"""

from __future__ import annotations

import numpy as np

from . import dtypes
from .printing import storage_repr


class Storage:
    """Bloque contiguo de ``len(storage)`` elementos de un mismo ``dtype``.

    Además de los datos guarda un *contador de versiones*: cada escritura in situ lo incrementa,
    y así la diferenciación automática detecta que un valor que guardó ha cambiado.
    """

    __slots__ = ("_data", "dtype", "_version")

    def __init__(self, data: np.ndarray):
        if data.ndim != 1:
            raise ValueError("un almacenamiento es siempre unidimensional")
        self._data = data
        self.dtype = dtypes.from_numpy_dtype(data.dtype)
        self._version = 0

    @classmethod
    def _wrap(cls, data: np.ndarray, dtype: dtypes.dtype) -> "Storage":
        """Como el constructor, pero sin comprobaciones: para quien ya sabe que ``data`` es válido."""
        storage = object.__new__(cls)
        storage._data, storage.dtype, storage._version = data, dtype, 0
        return storage

    @classmethod
    def empty(cls, size: int, dtype: dtypes.dtype) -> "Storage":
        return cls(np.empty(size, dtype=dtype.numpy))

    def __len__(self) -> int:
        return self._data.shape[0]

    def size(self) -> int:
        return len(self)

    def element_size(self) -> int:
        """Bytes que ocupa cada elemento (4 para ``float32``)."""
        return self.dtype.itemsize

    def nbytes(self) -> int:
        return len(self) * self.dtype.itemsize

    def data_ptr(self) -> int:
        """Dirección de memoria del primer elemento: dos vistas del mismo bloque dan la misma."""
        return self._data.ctypes.data

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Storage(self._data[index].copy())
        return self._data[self._check_index(index)].item()

    def __setitem__(self, index, value) -> None:
        if isinstance(index, slice):
            self._data[index] = value
        else:
            self._data[self._check_index(index)] = value
        self._version += 1

    def _check_index(self, index: int) -> int:
        if not -len(self) <= index < len(self):
            raise IndexError(f"índice {index} fuera de rango para un almacenamiento de tamaño {len(self)}")
        return index

    def __iter__(self):
        return iter(self.tolist())

    def tolist(self) -> list:
        return self._data.tolist()

    def fill_(self, value) -> "Storage":
        self._data[...] = value
        self._version += 1
        return self

    def __repr__(self) -> str:
        return storage_repr(self._data, dtype_name=self.dtype.name)

    __str__ = __repr__
