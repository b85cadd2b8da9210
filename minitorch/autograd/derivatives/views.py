"""Las derivadas de las vistas y las copias: ``view``, ``reshape``, ``t``, ``transpose``, ``permute``,
``expand``, ``squeeze``, ``unsqueeze``, ``unfold``, ``x[...]``, ``as_strided``, ``diagonal``; y las de ``clone``, ``to``,
``roll``, ``nan_to_num``, ``diag``, ``trace``, ``flip``, ``tril`` y ``triu``.

El gradiente de una vista es el de la entrada colocado en la región que la vista ocupaba
(``_put_into_zeros``); ``AsStridedBackward0`` es también la historia rehecha de una vista cuya base cambió.
"""

from __future__ import annotations

import numpy as np

from .. import grad_mode
from ..engine import sum_to
from ..function import Function
from ..recording import OpNode, derivative, record, view_methods
from ... import strides
from ...ops.indexing import _index_items, _is_basic_index, _numpy_index
from ...tensor import Tensor, _shape_arg
from .unary import _UnaryOnInput


# --- vistas y copias ---------------------------------------------------------------------------------
class _ViewNode(OpNode):
    _is_view = True


class ViewBackward0(_ViewNode):
    """Cambiar la forma no cambia los valores: el gradiente vuelve a la forma de la entrada."""

    def backward(ctx, grad):
        return (grad.reshape(ctx._input_meta[0][0]),)


derivative("view")(ViewBackward0)


class UnsafeViewBackward0(OpNode):
    """``reshape`` que tuvo que copiar (la entrada no admitía una vista con la forma nueva)."""

    def backward(ctx, grad):
        return (grad.reshape(ctx._input_meta[0][0]),)


# ``reshape`` sin copia de un tensor no contiguo: el mismo cálculo, con el nombre que le da PyTorch.
ReshapeAliasBackward0 = type("ReshapeAliasBackward0", (ViewBackward0,), {})


@derivative("reshape")
def _reshape(result, self, *shape):
    if result._storage is not self._storage:
        return UnsafeViewBackward0
    return ViewBackward0 if self.is_contiguous() else ReshapeAliasBackward0


view_methods("reshape")  # puede devolver una vista: wrap le anota su base aunque no haya gradiente


@derivative("t")
class TBackward0(_ViewNode):
    def backward(ctx, grad):
        return (grad.t(),)


@derivative("transpose")
class TransposeBackward0(_ViewNode):
    """Trasponer dos veces deja todo como estaba: el gradiente se traspone igual."""

    def setup(ctx, result, self, dim0, dim1):
        ctx.dims = (dim0, dim1)
        return (self,)

    def backward(ctx, grad):
        return (grad.transpose(*ctx.dims),)


@derivative("permute")
class PermuteBackward0(_ViewNode):
    """El gradiente se permuta con la permutación inversa."""

    def setup(ctx, result, self, *dims):
        order = [strides.normalize_dim(d, self.dim()) for d in _shape_arg(dims)]
        ctx.inverse = tuple(int(i) for i in np.argsort(order))
        return (self,)

    def backward(ctx, grad):
        return (grad.permute(ctx.inverse),)


@derivative("expand")
class ExpandBackward0(_ViewNode):
    """Expandir es difundir a mano: el gradiente se suma sobre las copias (``sum_to``)."""

    def backward(ctx, grad):
        return (sum_to(grad, ctx._input_meta[0][0]),)


class SqueezeBackward0(_ViewNode):
    """Quitar dimensiones de tamaño 1 no mueve datos: el gradiente recupera la forma de la entrada."""

    def backward(ctx, grad):
        return (grad.reshape(ctx._input_meta[0][0]),)


class SqueezeBackward1(SqueezeBackward0):
    pass


class SqueezeBackward2(SqueezeBackward0):
    pass


@derivative("squeeze")
def _squeeze(result, self, dim=None):
    if dim is None:
        return SqueezeBackward0
    return SqueezeBackward2 if isinstance(dim, (tuple, list)) else SqueezeBackward1


view_methods("squeeze")


@derivative("unsqueeze")
class UnsqueezeBackward0(_ViewNode):
    def setup(ctx, result, self, dim):
        ctx.dim = strides.normalize_dim(dim, result.dim())
        return (self,)

    def backward(ctx, grad):
        return (grad.squeeze(ctx.dim),)


def _fold_windows(grad: Tensor, shape, dim: int, size: int, step: int) -> Tensor:
    """La operación inversa de ``unfold``: cada elemento de cada ventana devuelve su valor a su sitio, y
    donde las ventanas se solapan los valores se suman. Un bucle sobre las ``size`` posiciones de la
    ventana, no sobre los elementos: cada vuelta suma de golpe esa posición de todas las ventanas."""
    g = grad._values()
    out = np.zeros(shape, g.dtype)
    flat = out.reshape(1) if not shape else out  # un escalar se desdobló como un vector de un elemento
    along = np.moveaxis(flat, dim, -1)
    windows = np.moveaxis(g, dim, -2) if shape else g[None]
    count = windows.shape[-2]
    if count and size:
        last = step * (count - 1) + 1
        for k in range(size):
            along[..., k : k + last : step] += windows[..., k]
    return Tensor._from_array(out, grad._storage.dtype)


class UnfoldBackwardBackward0(OpNode):
    """La derivada de ``unfold`` vista como operación: su derivada es otra vez ``unfold``."""

    def setup(ctx, result, grad, shape, dim, size, step):
        ctx.options = (dim, size, step)
        return (grad,)

    def backward(ctx, gg):
        return (gg.unfold(*ctx.options),)


@derivative("unfold")
class UnfoldBackward0(_ViewNode):
    """Cada elemento de la entrada aparece en varias ventanas: su gradiente es la suma de los de todas."""

    def setup(ctx, result, self, dimension, size, step):
        ctx.options = (strides.normalize_dim(dimension, self.dim()) if self._shape else 0, size, step)
        return (self,)

    def backward(ctx, grad):
        shape = ctx._input_meta[0][0]
        if grad_mode._enabled:
            return (record(_fold_windows, UnfoldBackwardBackward0, grad, (shape, *ctx.options), {}),)
        return (_fold_windows(grad, shape, *ctx.options),)


class _PutIntoZeros(Function):
    """Un tensor de ceros de forma ``shape`` con ``grad`` escrito (sumado) en las posiciones ``index``.

    Es la derivada de leer ``x[index]``: cada elemento leído devuelve su gradiente a su sitio, y el
    resto de la entrada recibe 0. Con índices repetidos (``x[[0, 0]]``) las contribuciones se suman.
    Su derivada, a su vez, es volver a leer ``[index]``.
    """

    @staticmethod
    def forward(ctx, grad, shape, index, repeated):
        ctx.index = index
        out = np.zeros(shape, grad._storage.dtype.numpy)
        if grad._values().size == 0:
            pass  # nada que escribir (y un índice de una lectura vacía puede estar fuera de rango)
        elif repeated:
            basic, advanced = _numpy_index(index, shape)
            np.add.at(out[basic], advanced, grad._values())
        else:
            out[index] = grad._values()
        return Tensor._from_array(out, grad._storage.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad[ctx.index], None, None, None


def _put_into_zeros(grad: Tensor, shape, index: tuple, repeated: bool = False) -> Tensor:
    return _PutIntoZeros.apply(grad, tuple(shape), index, repeated)


class _IndexedView(_ViewNode):
    """Base de ``x[i]``, ``x[a:b]``, ``select`` y ``narrow``: la salida es una región de la entrada."""

    def setup(ctx, result, self, index):
        ctx.index = _index_items(index, warn=False)
        return (self,)

    def backward(ctx, grad):
        return (_put_into_zeros(grad, ctx._input_meta[0][0], ctx.index),)


class SelectBackward0(_IndexedView):
    def setup(ctx, result, self, dim, index):
        return _IndexedView.setup(ctx, result, self, (slice(None),) * strides.normalize_dim(dim, self.dim()) + (index,))


class SliceBackward0(_IndexedView):
    def setup(ctx, result, self, dim, start, length):
        dim = strides.normalize_dim(dim, self.dim())
        start = start + self._shape[dim] if start < 0 else start
        return _IndexedView.setup(ctx, result, self, (slice(None),) * dim + (slice(start, start + length),))


derivative("select")(SelectBackward0)
derivative("narrow")(SliceBackward0)

# Los nombres de x[...] en PyTorch dependen del último índice aplicado.
_BasicIndexSelect = type("SelectBackward0", (_IndexedView,), {})
_BasicIndexSlice = type("SliceBackward0", (_IndexedView,), {})
_BasicIndexUnsqueeze = type("UnsqueezeBackward0", (_IndexedView,), {})
_BasicIndexAlias = type("AliasBackward0", (_IndexedView,), {})


class _KeepsIndices(OpNode):
    """Nodos cuyos índices guarda PyTorch como tensores guardados: tras un ``backward`` sin ``retain_graph``
    se liberan con el resto, y recorrer otra vez el grafo falla con el error de siempre."""

    def _release(ctx) -> None:
        ctx._saved = None

    def check_not_released(ctx) -> None:
        ctx.saved_tensors  # noqa: B018 (leerlos lanza el error si ya se liberaron)


class IndexBackward0(_KeepsIndices):
    """Indexación avanzada (con listas, tensores o máscaras): el resultado es una copia."""

    def setup(ctx, result, self, index):
        ctx.index = _index_items(index, warn=False)
        return (self,)

    def backward(ctx, grad):
        ctx.check_not_released()
        return (_put_into_zeros(grad, ctx._input_meta[0][0], ctx.index, repeated=True),)


@derivative("__getitem__")
def _getitem(result, self, index):
    items = _index_items(index, warn=False)
    if not all(_is_basic_index(item) for item in items):
        return IndexBackward0
    if len(items) == 1:
        item = items[0]
    else:
        whole = strides.whole_dimension_items(self._shape, items)
        applied = [i for i, skipped in zip(items, whole) if not skipped]
        item = applied[-1] if applied else Ellipsis
    if item is None:
        return _BasicIndexUnsqueeze
    if item is Ellipsis:
        return _BasicIndexAlias
    return _BasicIndexSlice if isinstance(item, slice) else _BasicIndexSelect


view_methods("__getitem__")


@derivative("as_strided")
class AsStridedBackward0(_ViewNode):
    """La vista más general: el gradiente de cada posición de memoria leída vuelve a esa posición."""

    def setup(ctx, result, self, size, stride, storage_offset=None):
        ctx.input_layout = (self._shape, self._stride, self._offset)
        ctx.output_layout = (result._shape, result._stride, result._offset)
        ctx.storage_size = len(self._storage)
        return (self,)

    def backward(ctx, grad):
        memory = np.zeros(ctx.storage_size, grad._storage.dtype.numpy)
        np.add.at(memory, _positions(*ctx.output_layout), grad._values())
        shape, stride, offset = ctx.input_layout
        return (Tensor._from_array(memory[_positions(shape, stride, offset)], grad._storage.dtype),)


def _positions(shape, stride, offset) -> np.ndarray:
    """La posición en memoria de cada elemento de una vista: ``offset + Σ índice·stride``."""
    positions = np.full((), offset, np.int64)
    for size, step in zip(shape, stride):
        positions = positions[..., None] + np.arange(size, dtype=np.int64) * step
    return positions


@derivative("clone")
class CloneBackward0(OpNode):
    def backward(ctx, grad):
        return (grad,)


derivative("contiguous")(CloneBackward0)


@derivative("_cast")
class ToCopyBackward0(OpNode):
    """Cambiar de tipo: el motor devuelve el gradiente al tipo de la entrada."""

    def backward(ctx, grad):
        return (grad,)


@derivative("roll")
class RollBackward0(OpNode):
    """Desplazar solo cambia las posiciones: el gradiente vuelve desplazándolo al revés."""

    def setup(ctx, result, self, shifts, dims=None):
        ctx.shifts = (shifts,) if isinstance(shifts, int) else tuple(shifts)
        ctx.dims = dims
        return (self,)

    def backward(ctx, grad):
        return (grad.roll(tuple(-s for s in ctx.shifts), ctx.dims),)


@derivative("nan_to_num")
class NanToNumBackward0(_UnaryOnInput):
    """Donde había un ``nan`` o un infinito, el resultado es una constante: gradiente 0."""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * self.isfinite(),)


class _OnDiagonal(OpNode):
    """Lo que lee una diagonal devuelve su gradiente a esa diagonal, y ceros al resto."""

    def setup(ctx, result, self, offset=0, dim1=0, dim2=1):
        ctx.offset, ctx.dim1, ctx.dim2 = offset, dim1, dim2
        return (self,)

    def backward(ctx, grad):
        out = grad.new_zeros(ctx._input_meta[0][0])
        out.diagonal(ctx.offset, ctx.dim1, ctx.dim2).copy_(grad)  # con create_graph, esta copia también se anota
        return (out,)


@derivative("diagonal")
class DiagonalBackward0(_OnDiagonal):
    _is_view = True


class DiagonalBackward0_copy(_OnDiagonal):  # noqa: N801 (el nombre de PyTorch para diag de una matriz)
    pass


@derivative("trace")
class TraceBackward0(_OnDiagonal):
    def backward(ctx, grad):
        shape = ctx._input_meta[0][0]
        return super().backward(grad.expand(min(shape)))


class DiagEmbedBackward0(OpNode):
    """``diag`` de un vector: cada elemento está en un sitio de la diagonal; su gradiente, el de ese sitio."""

    def setup(ctx, result, self, diagonal=0):
        ctx.diagonal = diagonal
        return (self,)

    def backward(ctx, grad):
        return (grad.diagonal(ctx.diagonal),)


@derivative("diag")
def _diag(result, self, diagonal=0):
    return DiagEmbedBackward0 if self.dim() == 1 else DiagonalBackward0_copy


@derivative("flip")
class FlipBackward0(OpNode):
    """Dar la vuelta solo cambia el orden: el gradiente vuelve dándole la vuelta otra vez."""

    def setup(ctx, result, self, *dims):
        ctx.dims = _shape_arg(dims)
        return (self,)

    def backward(ctx, grad):
        return (grad.flip(ctx.dims),)


class _Triangle(OpNode):
    """``tril`` y ``triu``: los elementos que se quedan pasan el gradiente; los puestos a cero, no."""

    def setup(ctx, result, self, diagonal=0):
        ctx.diagonal = diagonal
        return (self,)


@derivative("tril")
class TrilBackward0(_Triangle):
    def backward(ctx, grad):
        return (grad.tril(ctx.diagonal),)


@derivative("triu")
class TriuBackward0(_Triangle):
    def backward(ctx, grad):
        return (grad.triu(ctx.diagonal),)
