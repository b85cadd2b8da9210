"""Las vistas: otra forma de leer el mismo almacenamiento (``view``, ``reshape``, ``t``, ``expand``…).

Ninguna copia datos: solo calculan una forma, unos strides y un desplazamiento nuevos con las
cuentas de ``strides.py`` y crean otro ``Tensor`` sobre el mismo ``Storage`` (``Tensor._view_of``).
"""

from __future__ import annotations

import builtins
import functools
import warnings

from .. import strides
from ..dtypes import dtype as DType
from ..storage import Storage
from ..tensor import Tensor, _contiguous_strides, _new_object, _shape_arg


# Los avisos de .T obsoleto que ya se han dado ("0-D", "N-D"): PyTorch da cada uno una sola vez.
_T_WARNED: set = set()


# Las cuentas de strides.py para las vistas más usadas, memorizadas. Solo dependen de formas, strides y
# tamaños (tuplas de enteros, ya normalizadas por _shape_arg), y un bucle de entrenamiento pide una y otra
# vez las mismas: recordarlas ahorra casi todo el coste fijo de view, reshape, expand y permute. Los
# errores no se memorizan: una petición no válida vuelve a calcularse y a fallar.
_view_layout = functools.lru_cache(maxsize=4096)(strides.view_layout)
_expand_layout = functools.lru_cache(maxsize=4096)(strides.expand_layout)
_permute_layout = functools.lru_cache(maxsize=4096)(strides.permute_layout)


class ViewMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- vistas: mismos datos, otra forma de leerlos --------------------------------------------------
    def _view_of(self, shape: tuple, stride: tuple, offset=None) -> "Tensor":
        """Un tensor nuevo sobre el mismo almacenamiento; ``shape`` y ``stride`` son tuplas (no se copian)."""
        view = _new_object(Tensor)
        view._storage, view._shape, view._stride = self._storage, shape, stride
        view._offset = self._offset if offset is None else offset
        view._cached = None
        return view

    def as_strided(self, size, stride, storage_offset: int | None = None) -> "Tensor":
        """La vista más general: forma, strides y desplazamiento elegidos a mano."""
        size, stride = tuple(size), tuple(stride)
        offset = self._offset if storage_offset is None else storage_offset
        if len(size) != len(stride):
            raise RuntimeError(f"as_strided: la forma {list(size)} y los strides {list(stride)} tienen longitudes distintas")
        if any(s < 0 for s in size) or any(s < 0 for s in stride) or offset < 0:
            raise RuntimeError("as_strided: la forma, los strides y el desplazamiento no pueden ser negativos")
        needed = 0 if strides.numel(size) == 0 else offset + 1 + sum((n - 1) * s for n, s in zip(size, stride))
        if needed > len(self._storage):
            raise RuntimeError(
                f"as_strided: la forma {list(size)}, los strides {list(stride)} y el desplazamiento {offset} "
                f"necesitan un almacenamiento de {needed} elementos, pero el almacenamiento tiene {len(self._storage)}"
            )
        return self._view_of(size, stride, offset)

    def view(self, *shape) -> "Tensor":
        """La misma memoria con otra forma. Falla si los strides no lo permiten sin copiar."""
        if len(shape) == 1 and isinstance(shape[0], DType):
            raise NotImplementedError("minitorch no reinterpreta los bytes con view(dtype)")
        shape, new_stride = _view_layout(self._shape, self._stride, _shape_arg(shape))
        if new_stride is None:
            raise RuntimeError(
                f"view: la forma {list(shape)} no es compatible con la forma {list(self._shape)} y los strides "
                f"{list(self._stride)} del tensor (al menos una dimensión abarca dos bloques contiguos distintos); "
                f"usa .reshape(...), que copia cuando hace falta"
            )
        return self._view_of(shape, new_stride)

    def view_as(self, other: "Tensor") -> "Tensor":
        return self.view(other._shape)

    def reshape(self, *shape) -> "Tensor":
        """Como ``view`` cuando los strides lo permiten; si no, copia a un bloque contiguo."""
        shape, new_stride = _view_layout(self._shape, self._stride, _shape_arg(shape))
        if new_stride is not None:
            return self._view_of(shape, new_stride)
        return self.contiguous()._view_of(shape, _contiguous_strides(shape))  # una copia: no es vista de nadie

    def reshape_as(self, other: "Tensor") -> "Tensor":
        return self.reshape(other._shape)

    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> "Tensor":
        if not self._shape:
            strides.normalize_dim(start_dim, 0)  # un escalar solo admite 0 y -1
            strides.normalize_dim(end_dim, 0)
            return self.reshape(1)
        start = strides.normalize_dim(start_dim, self.dim())
        end = strides.normalize_dim(end_dim, self.dim())
        if start > end:
            raise RuntimeError("flatten: start_dim no puede ir después de end_dim")
        if start == end:
            return self  # como PyTorch: nada que juntar, ni siquiera una vista nueva
        merged = strides.numel(self._shape[start : end + 1])
        return self.reshape(self._shape[:start] + (merged,) + self._shape[end + 1 :])

    def unflatten(self, dim: int, sizes) -> "Tensor":
        dim = strides.normalize_dim(dim, self.dim())
        sizes = strides.infer_shape(tuple(sizes), self._shape[dim])
        return self.view(self._shape[:dim] + sizes + self._shape[dim + 1 :])

    def permute(self, *dims) -> "Tensor":
        return self._view_of(*_permute_layout(self._shape, self._stride, _shape_arg(dims)))

    def movedim(self, source, destination) -> "Tensor":
        """Lleva las dimensiones ``source`` a las posiciones ``destination``; las demás conservan su orden.
        Es un ``permute`` (una vista, con el mismo ``grad_fn`` que en PyTorch)."""
        source = (source,) if isinstance(source, builtins.int) else tuple(source)
        destination = (destination,) if isinstance(destination, builtins.int) else tuple(destination)
        if len(source) != len(destination):
            raise RuntimeError(
                f"movedim: source y destination deben tener el mismo número de dimensiones, pero tienen "
                f"{len(source)} ({list(source)}) y {len(destination)} ({list(destination)})"
            )
        ndim = self.dim()
        moved = [strides.normalize_dim(d, ndim) for d in source]
        places = [strides.normalize_dim(d, ndim) for d in destination]
        for name, dims, given in (("source", moved, source), ("destination", places, destination)):
            if len(set(dims)) != len(dims):
                raise RuntimeError(f"movedim: hay una dimensión repetida en {name} ({list(given)})")
        rest = iter(d for d in range(ndim) if d not in moved)
        where = dict(zip(places, moved))
        return self.permute([where[k] if k in where else next(rest) for k in range(ndim)])

    moveaxis = movedim

    def transpose(self, dim0: int, dim1: int) -> "Tensor":
        """Intercambia dos dimensiones intercambiando sus strides: no se mueve ningún dato."""
        return self._view_of(*strides.transpose_layout(self._shape, self._stride, dim0, dim1))

    swapaxes = swapdims = transpose

    def unfold(self, dimension: int, size: int, step: int) -> "Tensor":
        """Todas las ventanas de ``size`` elementos, una cada ``step``, a lo largo de ``dimension``, en una
        dimensión nueva al final. Es una vista: las ventanas que se solapan comparten memoria."""
        return self._view_of(*strides.unfold_layout(self._shape, self._stride, dimension, size, step))

    def t(self) -> "Tensor":
        if self.dim() > 2:
            raise RuntimeError(f"t() espera un tensor de como mucho 2 dimensiones, pero este tiene {self.dim()}")
        if len(self._shape) == 2:
            return self._view_of(self._shape[::-1], self._stride[::-1])
        return self._view_of(self._shape, self._stride)

    @property
    def T(self) -> "Tensor":
        """La traspuesta de una matriz. En PyTorch, ``.T`` de otras dimensiones está obsoleto y avisa
        (una vez): para lotes de matrices, ``mT``; para invertir el orden de todas, ``permute``."""
        if self.dim() > 2 or self.dim() == 0:
            kind = "0-D" if self.dim() == 0 else "N-D"
            if kind not in _T_WARNED:
                _T_WARNED.add(kind)
                warnings.warn(
                    "Tensor.T está obsoleto en los tensores de dimensión 0: ahí no hace nada" if self.dim() == 0 else
                    "usar x.T para invertir las dimensiones de un tensor que no es 2-D está obsoleto y dará un error "
                    "en una versión futura; para trasponer lotes de matrices usa x.mT, y para invertir el orden de "
                    "todas las dimensiones, x.permute(*reversed(range(x.ndim)))",
                    UserWarning,
                    stacklevel=2,
                )
        return self.permute(list(reversed(range(self.dim()))))

    @property
    def mT(self) -> "Tensor":
        if self.dim() == 0:  # PyTorch, por compatibilidad, devuelve el mismo objeto y avisa
            warnings.warn("mT de un tensor 0-d está obsoleto: es la identidad", UserWarning, stacklevel=2)
            return self
        if self.dim() < 2:
            raise RuntimeError(f"mT necesita un tensor de al menos 2 dimensiones, pero este tiene {self.dim()}")
        return self.transpose(-2, -1)

    def expand(self, *sizes) -> "Tensor":
        """Repite los datos a lo largo de las dimensiones de tamaño 1 poniendo su stride a 0."""
        return self._view_of(*_expand_layout(self._shape, self._stride, _shape_arg(sizes)))

    def expand_as(self, other: "Tensor") -> "Tensor":
        return self.expand(other._shape)

    def broadcast_to(self, shape) -> "Tensor":
        return self.expand(shape)

    def squeeze(self, dim=None) -> "Tensor":
        if dim is None:
            keep = [i for i, n in enumerate(self._shape) if n != 1]
        else:
            dims = {strides.normalize_dim(d, self.dim()) for d in (dim if isinstance(dim, (tuple, list)) else [dim])}
            keep = [i for i, n in enumerate(self._shape) if not (i in dims and n == 1)]
        return self._view_of(tuple([self._shape[i] for i in keep]), tuple([self._stride[i] for i in keep]))

    def unsqueeze(self, dim: int) -> "Tensor":
        return self._view_of(*strides.unsqueeze_layout(self._shape, self._stride, dim))

    def narrow(self, dim: int, start: int, length: int) -> "Tensor":
        if not self._shape:
            raise RuntimeError("narrow() no se puede aplicar a un tensor de dimensión 0")
        dim = strides.normalize_dim(dim, self.dim())
        size = self._shape[dim]
        if not -size <= start <= size:
            raise IndexError(f"narrow: el inicio {start} está fuera de rango para la dimensión {dim}, de tamaño {size}")
        start = start + size if start < 0 else start
        if length < 0 or start + length > size:
            raise RuntimeError(f"narrow: inicio ({start}) + longitud ({length}) supera el tamaño de la dimensión ({size})")
        return self[(slice(None),) * dim + (slice(start, start + length),)]

    def select(self, dim: int, index: int) -> "Tensor":
        if not self._shape:
            raise IndexError("select() no se puede aplicar a un tensor de dimensión 0")
        dim = strides.normalize_dim(dim, self.dim())
        if not -self._shape[dim] <= index < self._shape[dim]:
            raise IndexError(
                f"select(): el índice {index} está fuera de rango para un tensor de forma {list(self._shape)} en la dimensión {dim}"
            )
        return self[(slice(None),) * dim + (index,)]

    def unbind(self, dim: int = 0) -> tuple["Tensor", ...]:
        dim = strides.normalize_dim(dim, self.dim())
        return tuple(self.select(dim, i) for i in range(self._shape[dim]))

    def split(self, split_size, dim: int = 0) -> tuple["Tensor", ...]:
        if not self._shape:
            raise RuntimeError("split necesita un tensor de al menos una dimensión, y este es 0-d")
        dim = strides.normalize_dim(dim, self.dim())
        size = self._shape[dim]
        if isinstance(split_size, builtins.int):
            if split_size <= 0 and size:
                raise RuntimeError(f"split: el tamaño de cada trozo debe ser positivo, no {split_size}")
            lengths = [min(split_size, size - i) for i in range(0, size, split_size)] or [0]
        else:
            lengths = list(split_size)
            if sum(lengths) != size:
                raise RuntimeError(f"split: los tamaños {lengths} no suman el tamaño de la dimensión {dim} ({size})")
        pieces, start = [], 0
        for length in lengths:
            pieces.append(self.narrow(dim, start, length))
            start += length
        return tuple(pieces)

    def chunk(self, chunks: int, dim: int = 0) -> tuple["Tensor", ...]:
        if not self._shape:
            raise RuntimeError("chunk necesita un tensor de al menos una dimensión, y este tiene dimensión 0")
        if chunks <= 0:
            raise RuntimeError(f"chunk espera un número de trozos mayor que 0, pero recibió {chunks}")
        size = self._shape[strides.normalize_dim(dim, self.dim())]
        if size == 0:  # PyTorch: tantos trozos vacíos como se piden (partir en trozos de tamaño 0)
            return self.split([0] * chunks, dim)
        return self.split(max(1, -(-size // chunks)), dim)

    def detach(self) -> "Tensor":
        """El mismo tensor (la misma memoria) desligado del grafo computacional."""
        return self._view_of(self._shape, self._stride)

    def detach_(self) -> "Tensor":
        self.grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self) -> "Tensor":
        """Los mismos datos fuera del grafo, como ``detach()``, pero con un contador de versiones nuevo.

        Por eso es peligroso: lo que se escriba a través de ``.data`` no lo ve la diferenciación automática,
        que no podrá avisar si cambia un valor que guardó para ``backward()``. ``detach()`` sí comparte
        el contador, y lo avisa.
        """
        # Otro Storage sobre el mismo array de numpy: misma memoria, su propio contador de versiones.
        storage = Storage._wrap(self._storage._data, self._storage.dtype)
        return Tensor._make(storage, self._shape, self._stride, self._offset)

    @data.setter
    def data(self, other: "Tensor") -> None:
        self._storage, self._shape, self._stride = other._storage, other._shape, other._stride
        self._offset, self._cached = other._offset, other._cached
