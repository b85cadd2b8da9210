"""Las derivadas de elegir con índices: ``gather``, ``sort``, ``topk``, ``index_select``,
``masked_select`` y ``repeat``. El gradiente vuelve a las posiciones elegidas, sumado donde una posición se
eligió más de una vez.
"""

from __future__ import annotations

import numpy as np

from ..function import Function
from ..recording import OpNode, derivative
from ... import dtypes, strides
from ...tensor import Tensor, _shape_arg
from ._common import _zeros
from .views import _KeepsIndices


# --- elegir con índices: gather, index_select, sort, topk, masked_select, repeat --------------------------
class _ScatterAlong(Function):
    """El gradiente de elegir con ``gather``: cada valor vuelve a la posición de la que salió (sumando si
    una posición se eligió varias veces). Es una ``Function`` para que su derivada (``gather``) también se anote."""

    @staticmethod
    def forward(ctx, grad, shape, axis, positions):
        ctx.axis, ctx.positions = axis, positions
        out = np.zeros(shape, grad._storage.dtype.numpy)
        if positions.size:
            # un tensor 0-d (la entrada o el índice) cuenta como uno de un elemento, como en gather
            chosen = positions.reshape(positions.shape or (1,))
            region = out.reshape(out.shape or (1,))[
                tuple(slice(None) if d == axis else slice(0, n) for d, n in enumerate(chosen.shape))
            ]
            np.add.at(region, _along_axis_index(chosen, axis), grad._values().reshape(chosen.shape))
        return Tensor._from_array(out, grad._storage.dtype)

    @staticmethod
    def backward(ctx, grad):
        positions = Tensor._from_array(ctx.positions, dtypes.int64)
        return grad.gather(ctx.axis, positions), None, None, None


def _along_axis_index(positions: np.ndarray, axis: int) -> tuple:
    """El índice avanzado de numpy que elige ``positions`` a lo largo de ``axis`` (lo que hace take_along_axis)."""
    grids = np.ogrid[tuple(slice(0, n) for n in positions.shape)]
    return tuple(positions if d == axis else grid for d, grid in enumerate(grids))


class _Choosing(OpNode):
    """Base de gather, sort y topk: el gradiente de cada valor elegido va a la posición de la que salió."""

    def scatter(ctx, grad, positions: np.ndarray) -> Tensor:
        return _ScatterAlong.apply(grad, ctx._input_meta[0][0], ctx.axis, positions)


@derivative("gather")
class GatherBackward0(_Choosing):
    def setup(ctx, result, self, dim, index):
        ctx.axis = strides.normalize_dim(dim, max(self.dim(), 1))
        ctx.positions = index._values()  # ya validadas por gather
        ctx.save_for_backward(self)  # como PyTorch: cambiar la entrada in situ antes de backward es un error
        return (self,)

    def backward(ctx, grad):
        ctx.saved_tensors  # noqa: B018 (comprueba la versión, o que no se haya liberado ya)
        return (ctx.scatter(grad, ctx.positions),)


@derivative("sort")
class SortBackward0(_Choosing, _KeepsIndices):
    def setup(ctx, result, self, dim=-1, descending=False, stable=False):
        ctx.axis = strides.normalize_dim(dim, max(self.dim(), 1))
        ctx.positions = result.indices._values()
        return (self,)

    def backward(ctx, grad):
        ctx.check_not_released()
        return (ctx.scatter(grad, ctx.positions),)


@derivative("topk")
class TopkBackward0(SortBackward0):
    def setup(ctx, result, self, k, dim=-1, largest=True, sorted=True):  # noqa: A002
        return SortBackward0.setup(ctx, result, self, dim)


class _IndexAdd(Function):
    """El gradiente de ``index_select``: cada rebanada elegida se suma en la rebanada de la que salió."""

    @staticmethod
    def forward(ctx, grad, shape, axis, positions):
        ctx.axis, ctx.positions = axis, positions
        out = np.zeros(shape, grad._storage.dtype.numpy)
        if len(shape):
            np.add.at(out, (slice(None),) * axis + (positions,), grad._values())
        else:
            out[...] = np.add.reduce(grad._values().reshape(-1))
        return Tensor._from_array(out, grad._storage.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad.index_select(ctx.axis, Tensor._from_array(ctx.positions, dtypes.int64)), None, None, None


@derivative("index_select")
class IndexSelectBackward0(_KeepsIndices):
    def setup(ctx, result, self, dim, index):
        ctx.axis = strides.normalize_dim(dim, max(self.dim(), 1))
        ctx.positions = index._values().reshape(-1).astype(np.int64)
        return (self,)

    def backward(ctx, grad):
        ctx.check_not_released()
        return (_IndexAdd.apply(grad, ctx._input_meta[0][0], ctx.axis, ctx.positions),)


@derivative("masked_select")
class MaskedSelectBackward0(OpNode):
    """Cada elemento elegido vuelve a su sitio (de la forma difundida; el motor la reduce a la de la entrada)."""

    def setup(ctx, result, self, mask):
        ctx.mask = mask._values()
        ctx.save_for_backward(self)  # como PyTorch: cambiar la entrada in situ antes de backward es un error
        return (self,)

    def backward(ctx, grad):
        ctx.saved_tensors  # noqa: B018 (comprueba la versión, o que no se haya liberado ya)
        shape = strides.broadcast_shapes(ctx._input_meta[0][0], ctx.mask.shape)
        if not shape:  # un escalar: se eligió (un valor) o no (ninguno)
            return (grad.sum(),)
        mask = Tensor._from_array(np.ascontiguousarray(np.broadcast_to(ctx.mask, shape)))
        out = _zeros(shape, grad)
        out[mask] = grad  # una asignación con máscara: con create_graph también se anota
        return (out,)


@derivative("repeat")
class RepeatBackward0(OpNode):
    """Cada elemento aparece en varias copias: su gradiente es la suma de los de todas ellas."""

    def setup(ctx, result, self, *sizes):
        ctx.sizes = _shape_arg(sizes)
        return (self,)

    def backward(ctx, grad):
        shape = ctx._input_meta[0][0]
        sizes = ctx.sizes
        original = (1,) * (len(sizes) - len(shape)) + tuple(shape)
        # (r0·s0, r1·s1, …) → (r0, s0, r1, s1, …): las copias quedan en las dimensiones pares.
        split = tuple(n for pair in zip(sizes, original) for n in pair)
        summed = grad.reshape(split).sum(tuple(range(0, 2 * len(sizes), 2))) if sizes else grad
        return (summed.reshape(shape),)
