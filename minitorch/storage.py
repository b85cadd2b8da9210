"""El almacenamiento (*storage*): el bloque unidimensional de memoria que comparten todas las vistas.

Un tensor no guarda sus números: guarda una referencia a un ``Storage`` y la forma, los strides y el
desplazamiento con los que leerlo (ver ``strides.py``). Aquí el bloque es un ``numpy.ndarray`` de una
dimensión; numpy nos da la memoria contigua y tipada, igual que el ``c10::Storage`` de PyTorch.

``Storage`` ve el bloque como números de un tipo (``tensor.storage()``, el ``TypedStorage`` de PyTorch);
``UntypedStorage`` ve los mismos bytes sin tipo (``tensor.untyped_storage()``, como en PyTorch 2).
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

    __slots__ = ("_data", "dtype", "_version", "_untyped")

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

    def untyped(self) -> "UntypedStorage":
        """Los mismos bytes sin tipo. Como en PyTorch, cada vez el mismo objeto: ``is`` y ``==`` lo reconocen."""
        try:
            return self._untyped
        except AttributeError:  # se crea la primera vez que se pide
            self._untyped = UntypedStorage(self._data)
            return self._untyped

    def __getstate__(self):
        # pickle y deepcopy guardan los números; la vista en bytes se rehace cuando se pida.
        return None, {"_data": self._data, "dtype": self.dtype, "_version": self._version}

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Storage(self._data[index].copy())
        return self._data[_check_index(index, len(self))].item()

    def __setitem__(self, index, value) -> None:
        if isinstance(index, slice):
            self._data[index] = value
        else:
            self._data[_check_index(index, len(self))] = value
        self._version += 1

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


class UntypedStorage:
    """Los bytes de un almacenamiento, sin tipo: lo que devuelve ``tensor.untyped_storage()`` en PyTorch 2.

    Seis ``float32`` son 24 bytes: ``len`` y ``nbytes()`` cuentan bytes, ``element_size()`` es 1 y cada
    elemento es un entero entre 0 y 255. No copia nada: es una vista ``numpy.uint8`` del array del
    ``Storage``, con su mismo ``data_ptr()``, y escribir en un byte cambia los números del tensor. (Como en
    PyTorch, escribir aquí no cuenta como una escritura in situ para el contador de versiones.)
    """

    __slots__ = ("_bytes",)

    def __init__(self, data: np.ndarray):
        self._bytes = data.view(np.uint8)  # los mismos bytes, sin copiarlos

    def __len__(self) -> int:
        return self._bytes.shape[0]

    def size(self) -> int:
        return len(self)

    def nbytes(self) -> int:
        return len(self)

    def element_size(self) -> int:
        return 1

    def data_ptr(self) -> int:
        return self._bytes.ctypes.data

    def __getitem__(self, index):
        if isinstance(index, slice):
            return UntypedStorage(self._bytes[_contiguous_slice(index)])  # una vista, como en PyTorch
        if not isinstance(index, (int, np.integer)) or isinstance(index, bool):
            raise TypeError(f"un UntypedStorage no se puede indexar con {type(index).__name__}")
        return int(self._bytes[_check_index(index, len(self))])

    def __setitem__(self, index, value: int) -> None:
        if not isinstance(value, (int, np.integer)):
            raise RuntimeError(f"en un UntypedStorage solo se escriben enteros, y se recibió {type(value).__name__}")
        if isinstance(index, slice):
            self._bytes[_contiguous_slice(index)] = value & 0xFF
            return
        # PyTorch no admite aquí índices negativos (al leer, sí).
        if not 0 <= index < len(self):
            raise RuntimeError(f"índice {index} fuera de rango para un almacenamiento de {len(self)} bytes")
        self._bytes[index] = value & 0xFF  # un byte: el valor módulo 256, como en PyTorch

    def __iter__(self):
        return iter(self.tolist())

    def tolist(self) -> list:
        return self._bytes.tolist()

    def __repr__(self) -> str:
        footer = f"[minitorch.storage.UntypedStorage(device=cpu) of size {len(self)}]"
        if len(self) == 0:
            return " \n" + footer  # PyTorch deja una línea con un solo espacio
        return "\n".join([" " + str(b) for b in self.tolist()] + [footer])

    __str__ = __repr__


def _check_index(index: int, size: int) -> int:
    if not -size <= index < size:
        raise IndexError(f"índice {index} fuera de rango para un almacenamiento de tamaño {size}")
    return index


def _contiguous_slice(index: slice) -> slice:
    if index.step not in (None, 1):
        raise RuntimeError(f"un almacenamiento solo se corta con paso 1, y el corte pide paso {index.step}")
    return index
