"""Indexar y elegir con índices: ``x[i]``, ``x[i] = v``, ``gather``, ``index_select``, ``sort``, ``topk``…

Los índices básicos (enteros, slices, ``None``, ``...``) dan una vista (``strides.index_layout``); los
avanzados (tensores o listas de posiciones, máscaras) copian, como en PyTorch.
"""

from __future__ import annotations

import builtins
import warnings
from collections.abc import Sequence

import numpy as np

from .. import dtypes, strides
from ..storage import Storage
from ..tensor import (
    Tensor, _array_from_data, _broadcast_pair, _check_fits, _is_scalar, _like_layout, _operand,
    _shape_arg, _SORT, _TOPK, _with_layout,
)


class IndexingMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- indexación -----------------------------------------------------------------------------------
    def __getitem__(self, index) -> "Tensor":
        """Enteros, slices, ``None`` y ``...`` dan una vista; tensores o listas de índices, una copia."""
        if type(index) is builtins.int and self._shape and -self._shape[0] <= index < self._shape[0]:
            # Atajo del caso más frecuente, x[i]: solo se mueve el desplazamiento.
            position = self._offset + (index % self._shape[0]) * self._stride[0]
            return self._view_of(self._shape[1:], self._stride[1:], position)
        items = _index_items(index)
        for item in items:
            if type(item) is not slice and not _is_basic_index(item):
                break
        else:  # solo índices básicos: una vista
            shape, stride, offset = strides.index_layout(self._shape, self._stride, self._offset, items)
            return self._view_of(shape, stride, offset)
        basic, advanced = _numpy_index(items, self._shape, empty_ok=True)
        view = self[basic]
        try:
            result = view._values()[advanced]
        except IndexError:  # una selección vacía con posiciones que no existen: no hay nada que leer
            result = np.empty(_index_result_shape(view._shape, advanced), dtype=self._storage.dtype.numpy)
        stride = strides.advanced_index_strides(view._shape, view._stride, self.dtype.itemsize, _index_operands(view._shape, advanced))
        return _with_layout(result, stride, self._storage.dtype)

    def __setitem__(self, index, value) -> None:
        """Escribe a través de la vista ``self[index]``: cambia el almacenamiento compartido."""
        original, value = value, _assignable(value, self)
        if index is False:  # PyTorch no escribe nada, y ni siquiera mira el valor
            return
        items = _index_items(index)
        if all(_is_basic_index(item) for item in items):
            view = self[items]
        elif all(_is_basic_index(item) or item is True for item in items):
            # Un True de Python (no un tensor bool) es para PyTorch un índice básico: añade una dimensión.
            view = self[tuple(None if item is True else item for item in items)]
        else:
            view = None
        if view is not None:
            if not isinstance(original, Tensor) or original._shape == view._shape:
                view.copy_(original)
            elif not original._shape:
                view.fill_(original)  # un valor de dimensión 0 se lee como un número: puede estar en la vista
            else:
                # PyTorch expande el valor antes de copiar: el solape se juzga con los strides expandidos.
                view.copy_(value.expand(view._shape))
            return
        basic, advanced = self._check_assignment(items, value)
        target = self._values()[basic]
        source = _operand(value, self.dtype)
        if any(stride == 0 and size > 1 for size, stride in zip(self._shape, self._stride)):
            # PyTorch no lo prohíbe aquí (como en copy_ o add_): solo avisa de que dejará de admitirlo.
            warnings.warn(
                "escribir con índices avanzados en una vista expandida (con stride 0) está desaconsejado y PyTorch "
                "dejará de admitirlo: haz antes .clone()",
                UserWarning,
                stacklevel=2,
            )
        try:
            target[advanced] = source
        except IndexError:  # posiciones que no existen en una selección vacía: no hay nada que escribir
            pass
        self._storage._version += 1

    def _check_assignment(self, items: tuple, value) -> tuple[tuple, tuple]:
        """Todo lo que puede hacer fallar ``self[items] = value`` con índices avanzados, en el orden de
        PyTorch y antes de escribir nada. Devuelve los dos pasos del índice (ver ``_numpy_index``).

        PyTorch escribe en la vista del primer paso: la memoria de esa vista no puede compartir nada con
        la del valor, ni siquiera toda (con índices básicos, eso sí vale), porque los índices pueden
        repetir o desordenar las posiciones. Solo después mira los índices, la forma, el tipo y los límites.
        """
        basic, advanced = _numpy_index(items, self._shape, validate=False)
        masked = isinstance(value, Tensor) and _fills_a_mask(items, value)  # el valor se lee como un número
        if isinstance(value, Tensor) and not masked and value._storage._data is self._storage._data:
            shape, stride, offset = strides.index_layout(self._shape, self._stride, self._offset, basic)
            itself = value is self and (tuple(shape), tuple(stride), offset) == (tuple(self._shape), tuple(self._stride), self._offset)
            if itself or strides.memory_overlap(shape, stride, offset, value._shape, value._stride, value._offset):
                raise RuntimeError(
                    f"operación no admitida: el valor (forma {list(value._shape)}) comparte memoria con el tensor en "
                    f"el que se escribe (forma {list(self._shape)}), y con índices avanzados una posición podría "
                    f"leerse después de escribirla; asigna una copia: x[...] = valor.clone()"
                )
        if any(isinstance(item, Tensor) and item.dtype.is_floating_point for item in items):
            raise IndexError("los tensores usados como índices deben ser de tipo long, int o bool")
        view = _shape_probe(self._shape)[basic]
        try:  # lo normal: todo encaja, y de paso se sabe la forma de la selección
            result, out_of_range = view[advanced].shape, None
            if _has_empty_mask(advanced):
                _index_result_shape(view.shape, advanced)
        except IndexError as error:  # si falla por los límites, antes se mira lo demás
            out_of_range = error
            try:
                result = _index_result_shape(view.shape, advanced)
            except IndexError as error:
                raise IndexError(f"índice no válido para un tensor de forma {list(self._shape)}: {error}") from None
        value_shape = tuple(value._shape) if isinstance(value, Tensor) else ()
        try:
            fits = strides.broadcast_shapes(result, value_shape) == tuple(result)
        except RuntimeError:
            fits = False
        if not fits:
            raise RuntimeError(
                f"no cuadran las formas: un valor de forma {list(value_shape)} no se puede difundir a la "
                f"selección, de forma {list(result)}"
            )
        if isinstance(value, Tensor) and value.dtype is not self.dtype and not masked:
            raise RuntimeError(
                f"una asignación con índices avanzados necesita un valor del tipo del tensor: el destino es "
                f"{self.dtype} y el valor, {value.dtype} (conviértelo antes con .to({self.dtype}))"
            )
        if out_of_range is not None and 0 not in result:  # por último, que cada posición exista (si se escribe alguna)
            raise IndexError(f"índice no válido para un tensor de forma {list(self._shape)}: {out_of_range}")
        return basic, advanced

    # --- ordenar, elegir con índices y reordenar -----------------------------------------------------
    def sort(self, dim: int = -1, descending: bool = False, stable: bool = False):
        """Los valores ordenados a lo largo de ``dim`` y de qué posición venía cada uno: ``(values, indices)``.

        Siempre es estable (los empates conservan su orden), como PyTorch con ``stable=True``; los NaN van
        al final (al principio si ``descending``).
        """
        indices = self._sorting_indices(dim, descending)
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        values = self._values()
        chosen = np.take_along_axis(values, indices, axis) if values.ndim else values.copy()
        return _SORT(_like_layout(chosen, self, self._storage.dtype), _like_layout(indices, self, dtypes.int64))

    def argsort(self, dim: int = -1, descending: bool = False, stable: bool = False) -> "Tensor":
        return _like_layout(self._sorting_indices(dim, descending), self, dtypes.int64)

    def unique(self, sorted: bool = True, return_inverse: bool = False, return_counts: bool = False,  # noqa: A002
               dim: int | None = None):
        """Los valores distintos, ordenados. Con ``return_inverse``, además, la posición de cada elemento en
        esa lista; con ``return_counts``, cuántas veces aparece cada valor; con ``dim``, los cortes distintos
        a lo largo de esa dimensión (las filas distintas, con ``dim=0``). Cada ``nan`` cuenta aparte."""
        values = self._values()
        if dim is None:
            distinct, inverse, counts = np.unique(values.reshape(-1), return_inverse=True, return_counts=True, equal_nan=False)
            inverse = inverse.reshape(self._shape)
        else:
            axis = strides.normalize_dim(dim, self.dim())
            distinct, inverse, counts = np.unique(values, return_inverse=True, return_counts=True, axis=axis, equal_nan=False)
            inverse = inverse.reshape(-1)
        result = [Tensor._from_array(distinct, self._storage.dtype)]
        if return_inverse:
            result.append(Tensor._from_array(inverse.astype(np.int64)))
        if return_counts:
            result.append(Tensor._from_array(counts.astype(np.int64)))
        return result[0] if len(result) == 1 else tuple(result)

    def topk(self, k: int, dim: int = -1, largest: bool = True, sorted: bool = True):  # noqa: A002 (nombre de PyTorch)
        """Los ``k`` mayores (o menores, con ``largest=False``) a lo largo de ``dim``: ``(values, indices)``."""
        if self.dtype is dtypes.bool:
            raise RuntimeError("topk no admite tensores bool (conviértelo antes, por ejemplo con .int())")
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        size = self._shape[axis] if self._shape else 1
        if not 0 <= k <= size:
            raise RuntimeError(f"topk: k ({k}) debe estar entre 0 y el tamaño de la dimensión {axis} ({size})")
        values, indices = self.sort(dim, descending=largest)
        if self._shape:
            values, indices = values.narrow(axis, 0, k), indices.narrow(axis, 0, k)
        # Contiguos del todo, también en las dimensiones de tamaño 1 (que ``contiguous()`` no retoca).
        return _TOPK(*(Tensor._from_array(np.asarray(t._values(), order="C"), t.dtype) for t in (values, indices)))

    def _sorting_indices(self, dim: int, descending: bool) -> np.ndarray:
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        values = self._values()
        if not values.ndim:
            return np.zeros((), np.int64)
        if not descending:
            return np.argsort(values, axis=axis, kind="stable")
        # De mayor a menor sin perder la estabilidad: se ordena de menor a mayor la fila al revés y se da
        # la vuelta al resultado. Los empates quedan en su orden original y los NaN, al principio.
        last = values.shape[axis] - 1
        reversed_order = np.argsort(np.flip(values, axis), axis=axis, kind="stable")
        return np.ascontiguousarray(np.flip(last - reversed_order, axis))

    def gather(self, dim: int, index: "Tensor") -> "Tensor":
        """``out[i][j] = self[i][index[i][j]]`` (con ``dim=1``): elige en cada fila las posiciones de ``index``."""
        axis, positions = _check_gather_index(self, dim, index)
        if not positions.size:  # PyTorch no comprueba nada más: un resultado vacío con la forma del índice
            return Tensor._from_array(np.empty(positions.shape, self._storage.dtype.numpy), self._storage.dtype)
        # Un tensor 0-d cuenta como uno de un elemento (en la entrada y en el índice).
        values, chosen_shape = self._values().reshape(self._shape or (1,)), positions.shape
        positions = positions.reshape(chosen_shape or (1,))
        # Solo cuenta la parte de la entrada que cubre el índice (en las dimensiones que no son ``dim``).
        region = values[tuple(slice(None) if d == axis else slice(0, n) for d, n in enumerate(positions.shape))]
        return Tensor._from_array(np.take_along_axis(region, positions, axis).reshape(chosen_shape), self._storage.dtype)

    def take_along_dim(self, indices: "Tensor", dim: int | None = None) -> "Tensor":
        """Como ``numpy.take_along_axis``: ``gather`` tras difundir la entrada y los índices en las demás
        dimensiones; sin ``dim``, sobre los dos tensores aplanados."""
        if not isinstance(indices, Tensor):
            raise TypeError(f"take_along_dim(): el argumento 'indices' debe ser un tensor, no {type(indices).__name__}")
        if indices.dtype is not dtypes.int64:
            raise RuntimeError(f"torch.take_along_dim(): los índices deben ser de tipo int64, pero son {indices.dtype}")
        if dim is None:
            return self.reshape(-1).gather(0, indices.reshape(-1))
        if self.dim() != indices.dim():
            raise RuntimeError(
                f"torch.take_along_dim(): la entrada y los índices deben tener el mismo número de dimensiones, pero la "
                f"entrada tiene {self.dim()} (forma {list(self._shape)}) y los índices {indices.dim()} (forma {list(indices._shape)})"
            )
        if not self._shape:
            raise IndexError(f"take_along_dim: se pidió la dimensión {dim}, pero el tensor tiene dimensión 0 (no tiene dimensiones)")
        axis = strides.normalize_dim(dim, self.dim())
        common = list(strides.broadcast_shapes(
            tuple(1 if d == axis else n for d, n in enumerate(self._shape)),
            tuple(1 if d == axis else n for d, n in enumerate(indices._shape)),
        ))
        common[axis] = self._shape[axis]
        source = self if tuple(common) == self._shape else self.expand(common)
        common[axis] = indices._shape[axis]
        index = indices if tuple(common) == indices._shape else indices.expand(common)
        return source.gather(axis, index)

    def index_select(self, dim: int, index: "Tensor") -> "Tensor":
        """Las rebanadas de ``dim`` en las posiciones de ``index`` (un vector de enteros), en ese orden."""
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        if not isinstance(index, Tensor):
            raise TypeError(f"index_select: index debe ser un tensor, no {type(index).__name__}")
        if index.dtype not in (dtypes.int64, dtypes.int32):
            raise RuntimeError(f"index_select: index debe ser un tensor de enteros (int64 o int32), no {index.dtype}")
        if index.dim() > 1:
            raise IndexError(f"index_select: index debe ser un vector, pero tiene {index.dim()} dimensiones")
        positions = index._values().reshape(-1).astype(np.int64)
        if not self._shape and positions.size != 1:
            raise RuntimeError(f"index_select: el índice de un escalar solo puede tener 1 valor, y tiene {positions.size}")
        size = self._shape[axis] if self._shape else 1
        # Con una entrada vacía de más de una dimensión, PyTorch falla por otro camino: RuntimeError.
        empty_matrix = self.numel() == 0 and self.dim() > 1
        if positions.size and not size and empty_matrix:
            raise RuntimeError(f"index_select: la dimensión {axis} tiene tamaño 0 y no hay nada que elegir")
        if positions.size and not 0 <= positions.min() <= positions.max() < size:  # sin índices negativos
            wrong = positions.min() if positions.min() < 0 else positions.max()
            raise (RuntimeError if empty_matrix else IndexError)(
                f"index_select: el índice {wrong} está fuera de rango para la dimensión {axis}, de tamaño {size} "
                "(no admite índices negativos)"
            )
        values = self._values()
        chosen = np.take(values, positions, axis=axis) if values.ndim else values.reshape(1)[positions].reshape(())
        return Tensor._from_array(chosen, self._storage.dtype)

    def tile(self, *dims) -> "Tensor":
        """Como ``repeat``, pero con menos repeticiones que dimensiones se repite solo en las últimas."""
        dims = _shape_arg(dims)
        return self.repeat((1,) * (len(self._shape) - len(dims)) + dims)

    def ravel(self) -> "Tensor":
        """Los elementos en un vector, en el orden de las filas: una vista si el tensor es contiguo."""
        return self.contiguous().view(-1)

    def roll(self, shifts, dims=None) -> "Tensor":
        """Desplaza los elementos ``shifts`` posiciones a lo largo de ``dims``; los que salen por un extremo
        entran por el otro. Sin ``dims``, sobre el tensor aplanado."""
        shifts = (shifts,) if isinstance(shifts, builtins.int) else tuple(shifts)
        if dims is None:
            if len(shifts) != 1:
                raise RuntimeError(f"roll: sin dims, shifts debe ser un solo número, no {list(shifts)}")
            rolled = np.roll(self._values().reshape(-1), shifts[0]).reshape(self._shape)
        else:
            dims = (dims,) if isinstance(dims, builtins.int) else tuple(dims)
            if len(shifts) != len(dims):
                raise RuntimeError(f"roll: shifts y dims deben tener la misma longitud, pero son {list(shifts)} y {list(dims)}")
            if not self._shape:
                raise IndexError(f"roll: se pidió la dimensión {dims[0]}, pero el tensor tiene dimensión 0 (no tiene dimensiones)")
            if self.numel() == 0:  # nada que mover: PyTorch ni siquiera comprueba dims, y copia como clone()
                return self._cast(self._storage.dtype)
            else:
                axes = tuple(strides.normalize_dim(d, self.dim()) for d in dims)
                rolled = np.roll(self._values(), shifts, axes)
        # ascontiguousarray convierte un array de dimensión 0 en uno de dimensión 1: se le devuelve su forma.
        return Tensor._from_array(np.ascontiguousarray(rolled).reshape(rolled.shape), self._storage.dtype)

    def diagonal(self, offset: int = 0, dim1: int = 0, dim2: int = 1) -> "Tensor":
        """La diagonal ``offset`` de las dimensiones ``dim1`` y ``dim2``: una vista, sin copiar nada."""
        d1, d2 = strides.normalize_dim(dim1, self.dim()), strides.normalize_dim(dim2, self.dim())
        return self._view_of(*strides.diagonal_layout(self._shape, self._stride, self._offset, offset, d1, d2))

    def diag(self, diagonal: int = 0) -> "Tensor":
        """De un vector, la matriz cuadrada con él en la diagonal ``diagonal``; de una matriz, esa diagonal (copiada)."""
        if self.dim() == 2:
            return Tensor._from_array(np.array(self.diagonal(diagonal)._values()), self._storage.dtype)
        if self.dim() != 1:
            raise RuntimeError(f"diag: admite tensores de 1 o 2 dimensiones, pero este tiene {self.dim()}")
        size = self._shape[0] + builtins.abs(diagonal)
        matrix = Tensor._from_array(np.zeros((size, size), dtype=self.dtype.numpy), self._storage.dtype)
        matrix.diagonal(diagonal)._values()[...] = self._values()  # se escribe a través de la vista de la diagonal
        return matrix

    def repeat(self, *sizes) -> "Tensor":
        """Repite el tensor ``sizes[d]`` veces a lo largo de cada dimensión (una copia, como ``np.tile``)."""
        sizes = _shape_arg(sizes)
        if len(sizes) < len(self._shape):
            raise RuntimeError(
                f"repeat: hacen falta al menos tantas repeticiones ({len(sizes)}) como dimensiones tiene el "
                f"tensor ({len(self._shape)})"
            )
        if any(n < 0 for n in sizes):
            raise RuntimeError(f"repeat: las repeticiones no pueden ser negativas: {list(sizes)}")
        return Tensor._from_array(np.asarray(np.tile(self._values(), sizes), order="C"), self._storage.dtype)  # contiguo, como PyTorch

    def masked_select(self, mask: "Tensor") -> "Tensor":
        """Los elementos donde ``mask`` es ``True`` (las dos formas se difunden), en un vector."""
        _check_mask(mask, "masked_select")
        shape = _broadcast_pair(self._shape, mask._shape)
        chosen = np.broadcast_to(self._values(), shape)[np.broadcast_to(mask._values(), shape)]
        return Tensor._from_array(chosen, self._storage.dtype)

    def nonzero(self, *, as_tuple: bool = False):
        """Los índices de los elementos que no son cero: una fila por elemento (o una tupla de vectores)."""
        values = self._values()
        if as_tuple:
            found = np.nonzero(values) if values.ndim else np.nonzero(values.reshape(1))
            return tuple(Tensor._from_array(np.ascontiguousarray(i, dtype=np.int64), dtypes.int64) for i in found)
        # PyTorch lo guarda por columnas: la columna de cada dimensión es contigua (strides (1, n)).
        rows = np.argwhere(values).astype(np.int64)
        count, ndim = rows.shape
        storage = Storage._wrap(np.ascontiguousarray(rows.T).reshape(-1), dtypes.int64)
        return Tensor._make(storage, (count, ndim), (1, count), 0)

    def flip(self, *dims) -> "Tensor":
        """Invierte el orden a lo largo de ``dims``. Como en PyTorch, es una copia, no una vista."""
        dims = _shape_arg(dims)
        axes = tuple(strides.normalize_dim(d, max(len(self._shape), 1)) for d in dims)
        if len(set(axes)) != len(axes):
            raise RuntimeError(f"flip: la dimensión {axes[0]} aparece más de una vez en {list(dims)}")
        values = self._values()
        return _like_layout(np.flip(values, axes) if values.ndim else values, self, self._storage.dtype, copy=True)

    def tril(self, diagonal: int = 0) -> "Tensor":
        """El triángulo inferior de las matrices (las dos últimas dimensiones); el resto, a cero."""
        return self._triangle(np.tril, "tril", diagonal)

    def triu(self, diagonal: int = 0) -> "Tensor":
        """El triángulo superior de las matrices (las dos últimas dimensiones); el resto, a cero."""
        return self._triangle(np.triu, "triu", diagonal)

    def _triangle(self, keep, name: str, diagonal: int) -> "Tensor":
        if len(self._shape) < 2:
            raise RuntimeError(f"{name}: el tensor necesita al menos 2 dimensiones, pero tiene {len(self._shape)}")
        return Tensor._from_array(np.asarray(keep(self._values(), diagonal), order="C"), self._storage.dtype)  # contiguo, como PyTorch


def _assignable(value, target: Tensor):
    """El valor de ``target[...] = value`` tal como lo acepta PyTorch: un número, o un tensor sin sus
    dimensiones iniciales de tamaño 1 (así ``x[0] = t`` con ``t`` de forma ``[1, n]`` escribe una fila)."""
    if isinstance(value, Tensor):
        shape, leading = value._shape, 0
        while leading < len(shape) and shape[leading] == 1:
            leading += 1
        return value.view(shape[leading:]) if leading else value
    if _is_scalar(value):
        return value
    raise TypeError(
        f"no se puede asignar un objeto de tipo {type(value).__name__} a un {target.type()}: "
        f"conviértelo antes en un tensor (minitorch.tensor(...))"
    )


def _index_items(index, warn: bool = True) -> tuple:
    """Los índices de ``x[index]``, uno por dimensión.

    Como la numpy antigua, PyTorch lee una lista de menos de 32 elementos como una tupla si alguno es
    una secuencia, un tensor, un slice, ``None`` o ``...``: ``x[[[1, 0], [1, 2]]]`` es ``x[[1, 0], [1, 2]]``
    (y avisa de que dejará de hacerlo). Cualquier otra lista es un único índice: ``x[[1, 0]]``. Con
    ``warn=False`` no avisa (para quien vuelve a mirar un índice del que ya se avisó). Cada array de numpy
    pasa a ser un tensor de índices, como en PyTorch: uno de dimensión 0 es un entero (o un bool).
    """
    if isinstance(index, tuple):
        return _without_arrays(index) if np.ndarray in builtins.map(type, index) else index
    if type(index) is np.ndarray:
        return _without_arrays((index,))
    if type(index) is list and len(index) < 32 and builtins.any(_opens_a_dimension(item) for item in index):
        if warn:
            warnings.warn(
                "indexar con una lista que no es una tupla (x[seq]) para varias dimensiones está desaconsejado: "
                "PyTorch dejará de leerla como x[tuple(seq)] y la leerá como x[torch.tensor(seq)]; escribe x[tuple(seq)]",
                UserWarning,
                stacklevel=3,
            )
        return _index_items(tuple(index))
    return (index,)


def _without_arrays(items: tuple) -> tuple:
    return tuple(Tensor._from_array(_sequence_index(item)) if type(item) is np.ndarray else item for item in items)


def _opens_a_dimension(item) -> bool:
    return item is None or item is Ellipsis or isinstance(item, (slice, Tensor, np.ndarray, Sequence))


def _sequence_index(item) -> np.ndarray:
    """Una lista (o tupla, ``range`` o array de numpy) usada como índice, convertida como en PyTorch: si
    todo son bools, una máscara; si no, posiciones ``int64``, y los reales se truncan hacia el cero
    (``1.7`` es ``1``; ``-1.7``, ``-1``, la última). Un real que no cabe en ``int64`` da ``RuntimeError``."""
    if isinstance(item, np.ndarray) and item.dtype == np.uint8:  # para PyTorch, una máscara (desaconsejada)
        return item != 0
    try:
        array = np.asarray(item)
    except ValueError:  # secuencias de longitudes distintas: el error, en español, lo da _array_from_data
        array = np.zeros(0, dtype=np.float64)
    if array.dtype.kind in "bi":  # lo corriente, enteros o bools: sin más conversiones
        return array if array.dtype == np.int64 or array.dtype == np.bool_ else array.astype(np.int64)
    array = _array_from_data(item, dtypes.float64)  # en float64, para truncar el número tal cual se escribió
    if array.dtype == np.bool_:
        return array
    _check_fits(array, dtypes.int64)
    return array.astype(np.int64)


def _is_basic_index(item) -> bool:
    """¿Da una vista? Enteros (también un tensor entero de dimensión 0, como en PyTorch), slices, None y ``...``."""
    if isinstance(item, Tensor):
        return not item._shape and not item.dtype.is_floating_point and item.dtype is not dtypes.bool
    return item is None or item is Ellipsis or isinstance(item, (slice, builtins.int, np.integer)) and not isinstance(
        item, (builtins.bool, np.bool_)
    )


_PROBE_BUFFER = np.zeros(1, dtype=np.bool_)


_PROBE_BUFFER.flags.writeable = False


def _shape_probe(shape) -> np.ndarray:
    """Un array de forma ``shape`` sin memoria (todos sus strides son 0, y es de solo lectura): indexarlo
    da los mismos errores y formas que indexar los datos, sin tocarlos ni copiarlos. Construirlo así es
    varias veces más barato que con ``np.broadcast_to``."""
    return np.ndarray(shape, np.bool_, _PROBE_BUFFER, 0, (0,) * len(shape))


def _numpy_index(items: tuple, shape, *, validate: bool = True, empty_ok: bool = False) -> tuple[tuple, tuple]:
    """Un índice de PyTorch con tensores o listas, como dos índices de numpy que se aplican uno tras otro.

    PyTorch indexa en dos pasos: primero lo básico (enteros, slices, ``None``, ``...``), que da una vista,
    y después los tensores de índices sobre esa vista. numpy lo hace todo de una vez y, si se mezclan
    enteros y listas, los trata a todos como índices avanzados: ``x[1, :, [0, 2]]`` saldría con otra
    forma. Devuelve ``(básico, avanzado)``: el primer paso (cada índice avanzado, sustituido por ``:``)
    y el segundo, sobre la vista que deja el primero.

    Con ``validate=False`` solo se comprueba lo que PyTorch mira al preparar la vista (el número de
    índices, sus tipos de Python): una asignación mira lo demás (tensores reales como índices,
    máscaras, límites) después de otras cosas (ver ``Tensor._check_assignment``). Con ``empty_ok=True``
    (una lectura) valen posiciones fuera de rango si la selección queda vacía: PyTorch no las comprueba.
    """
    basic, advanced = [], []
    for item in items:
        if _is_basic_index(item):
            basic.append(builtins.int(item) if isinstance(item, Tensor) else item)
            if item is None or item is Ellipsis or isinstance(item, slice):
                advanced.append(Ellipsis if item is Ellipsis else slice(None))  # ya aplicado en el primer paso
            continue  # un entero quita su dimensión: en el segundo paso ya no está
        if isinstance(item, (builtins.bool, np.bool_)) or (isinstance(item, Tensor) and item.dtype is dtypes.bool and not item._shape):
            # x[True] añade una dimensión de tamaño 1 y se queda con ella; x[False], con ninguna.
            basic.append(None)
            advanced.append(np.zeros(1 if item else 0, dtype=np.int64))
            continue
        if isinstance(item, Tensor):
            if validate and item.dtype.is_floating_point:
                raise IndexError("los tensores usados como índices deben ser de tipo long, int o bool")
            array = item._values()
        elif isinstance(item, (str, bytes)):
            raise TypeError(f"un tensor no se puede indexar con un texto ({item!r})")
        elif isinstance(item, (list, tuple, range, np.ndarray)):
            array = _sequence_index(item)
        else:
            array = np.asarray(item)
        basic.extend([slice(None)] * (array.ndim if array.dtype == np.bool_ else 1))
        advanced.append(array)
    basic, advanced = tuple(basic), tuple(advanced)
    view = None  # la vista del primer paso (None si ya falla ese paso: entonces no hay nada que perdonar)
    try:  # se valida sobre un array sin memoria (stride 0): los mismos errores, sin tocar los datos
        view = _shape_probe(shape)[basic]
        if validate:
            view[advanced]
            if _has_empty_mask(advanced):
                _index_result_shape(view.shape, advanced)
    except IndexError as error:
        empty = view is not None and "out of bounds" in str(error) and _empty_selection(view.shape, advanced)
        if not (empty_ok and empty):
            raise IndexError(f"índice no válido para un tensor de forma {list(shape)}: {error}") from None
    return basic, advanced


def _has_empty_mask(advanced: tuple) -> bool:
    """¿Hay una máscara sin elementos? numpy no comprueba su forma: lo hace ``_index_result_shape``."""
    return builtins.any(isinstance(a, np.ndarray) and a.dtype == np.bool_ and not a.size for a in advanced)


def _empty_selection(view_shape, advanced: tuple) -> bool:
    """¿Deja ``vista[avanzado]`` un resultado sin elementos? (Falso si además no encaja una máscara.)"""
    try:
        return 0 in _index_result_shape(view_shape, advanced)
    except IndexError:
        return False


def _index_result_shape(view_shape, advanced: tuple) -> tuple:
    """La forma de ``vista[avanzado]`` sin mirar si los enteros caben en su dimensión: una asignación
    comprueba antes la forma del valor que los límites. Las máscaras sí deben encajar (``IndexError``)."""
    consumed = builtins.sum(
        1 if isinstance(a, slice) else a.ndim if a.dtype == np.bool_ else 1 for a in advanced if a is not Ellipsis
    )
    shape, safe, dim = list(view_shape), [], 0
    for a in advanced:
        if a is Ellipsis:
            dim += len(view_shape) - consumed
        elif isinstance(a, slice):
            dim += 1
        elif a.dtype == np.bool_:
            covered = tuple(shape[dim:dim + a.ndim])
            if len(covered) == a.ndim and covered != a.shape:  # numpy deja pasar una máscara vacía; PyTorch no
                raise IndexError(
                    f"la máscara, de forma {list(a.shape)}, no encaja con las dimensiones {dim} a {dim + a.ndim - 1} "
                    f"de la vista indexada, de forma {list(view_shape)}"
                )
            dim += a.ndim
        else:  # la forma del resultado no depende de los valores: vale cualquier posición válida…
            if dim < len(shape) and not shape[dim] and a.size:  # … salvo donde no hay ninguna
                raise IndexError(f"un índice está fuera de rango en la dimensión {dim}, de tamaño 0")
            a = np.zeros(a.shape, dtype=np.intp)
            dim += 1
        safe.append(a)
    return _shape_probe(shape)[tuple(safe)].shape


def _index_operands(view_shape, advanced: tuple) -> list[tuple]:
    """Los índices del segundo paso como los ve PyTorch: ``(dimensión, forma, strides, bytes)`` de cada
    uno; una máscara de k dimensiones son k índices (las columnas de sus posiciones ``nonzero``)."""
    consumed = builtins.sum(
        1 if isinstance(a, slice) else a.ndim if a.dtype == np.bool_ else 1 for a in advanced if a is not Ellipsis
    )
    operands, dim = [], 0
    for a in advanced:
        if a is Ellipsis:
            dim += len(view_shape) - consumed
        elif isinstance(a, slice):
            dim += 1
        elif a.dtype == np.bool_:
            count = builtins.int(np.count_nonzero(a))
            operands.extend((dim + j, (count,), (a.ndim,), 8) for j in range(a.ndim))
            dim += a.ndim
        else:
            operands.append((dim, a.shape, tuple(s // a.itemsize for s in a.strides), a.itemsize))
            dim += 1
    return operands


def _check_mask(mask, name: str) -> None:
    if not isinstance(mask, Tensor) or mask.dtype is not dtypes.bool:
        found = mask.dtype if isinstance(mask, Tensor) else type(mask).__name__
        raise RuntimeError(f"{name} solo admite máscaras de tipo bool, pero la máscara es {found}")


def _check_gather_index(source: Tensor, dim: int, index: Tensor):
    """El eje y las posiciones (un array ``int64``) de ``gather``, con los errores de PyTorch."""
    ndim = len(source._shape)
    axis = strides.normalize_dim(dim, max(ndim, 1))
    if isinstance(index, Tensor) and index.numel() == 0:  # ni su tipo ni su forma: PyTorch no mira más
        return axis, np.empty(index._shape, np.int64)
    if not isinstance(index, Tensor) or index.dtype is not dtypes.int64:
        raise RuntimeError("gather(): se esperaba un índice de tipo int64")
    # Un tensor 0-d cuenta como uno de un elemento.
    if max(index.dim(), 1) != max(ndim, 1):
        raise RuntimeError(f"gather(): el índice tiene {index.dim()} dimensiones y la entrada {ndim}; deben ser las mismas")
    for d, (n, m) in enumerate(zip(index._shape or (1,), source._shape or (1,))):
        if d != axis and n > m:
            raise RuntimeError(
                f"gather(): el índice, de forma {list(index._shape)}, no cabe en la entrada, de forma "
                f"{list(source._shape)}, en la dimensión {d}"
            )
    positions = index._values()
    size = source._shape[axis] if source._shape else 1
    if positions.size and (positions.min() < 0 or positions.max() >= size):  # sin índices negativos
        bad = positions[(positions < 0) | (positions >= size)].flat[0]
        raise RuntimeError(f"gather(): el índice {bad} está fuera de rango para la dimensión {axis}, de tamaño {size}")
    return axis, positions


def _fills_a_mask(items: tuple, value: Tensor) -> bool:
    """¿Es ``x[máscara] = valor`` con una sola máscara bool y un valor de un elemento? PyTorch lo resuelve
    como ``masked_fill_``, que convierte el valor; con otros índices avanzados exige el mismo tipo."""
    advanced = [item for item in items if not _is_basic_index(item)]
    if value.numel() != 1 or len(advanced) != 1:
        return False
    mask = advanced[0]
    if isinstance(mask, (Tensor, np.ndarray)):  # una máscara de dimensión 0 es otro caso: x[True]
        return mask.dtype in (dtypes.bool, np.bool_) and len(mask.shape) > 0
    return isinstance(mask, list) and builtins.bool(mask) and all(type(m) is builtins.bool for m in mask)
