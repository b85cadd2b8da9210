"""Las derivadas de las operaciones con varios tensores: ``cat`` y ``stack`` (el gradiente se reparte en
trozos), y ``split`` y ``unbind`` (sus trozos son salidas de un mismo nodo).
"""

from __future__ import annotations

from ..recording import OpNode, derivative, view_methods
from ... import strides
from ...tensor import Tensor
from ._common import _zeros
from .views import _ViewNode


# --- varios tensores -----------------------------------------------------------------------------------
@derivative("_cat")
class CatBackward0(OpNode):
    """Cada tensor recibe su trozo del gradiente, en el mismo orden en que se concatenaron."""

    def setup(ctx, result, tensors, dim=0):
        skipped = [t._shape == (0,) for t in tensors]
        # si cat los ignoró todos, no miró dim (puede estar fuera de rango) y no hay trozos que cortar
        ctx.dim = 0 if all(skipped) else strides.normalize_dim(dim, result.dim())
        ctx.sizes = [None if s else t._shape[ctx.dim] for s, t in zip(skipped, tensors)]
        return tuple(tensors)

    def backward(ctx, grad):
        grads, start = [], 0
        for size in ctx.sizes:
            if size is None:  # un tensor 1-D vacío (cat lo ignora)
                grads.append(_zeros((0,), grad))
                continue
            grads.append(grad.narrow(ctx.dim, start, size))
            start += size
        return tuple(grads)


@derivative("_stack")
class StackBackward0(OpNode):
    def setup(ctx, result, tensors, dim=0):
        ctx.dim = strides.normalize_dim(dim, tensors[0].dim() + 1)
        return tuple(tensors)

    def backward(ctx, grad):
        return tuple(grad.select(ctx.dim, i) for i in range(grad._shape[ctx.dim]))


class _SplitBackward(_ViewNode):
    """Base de ``split``, ``chunk`` y ``unbind``: varias salidas, cada una una vista de un trozo de la entrada.

    Es un solo nodo con una salida por trozo. Al retropropagar, los gradientes de los trozos se juntan
    en el orden en que se cortaron, con ceros en los trozos que no se usaron.
    """

    _multi_view = True  # sus salidas son vistas que no admiten operaciones in situ (ver check_inplace)

    def setup(ctx, result, self, split_size, dim=0):
        return ctx.remember_pieces(result, self, dim)

    def remember_pieces(ctx, result, self, dim):
        ctx.dim = strides.normalize_dim(dim, self.dim())
        ctx.shapes = [piece._shape for piece in result]
        return (self,)

    def backward(ctx, *grads):
        like = next(g for g in grads if g is not None)
        pieces = [_zeros(shape, like) if g is None else g for g, shape in zip(grads, ctx.shapes)]
        return (ctx.join(pieces),)

    def join(ctx, pieces):
        return Tensor._cat(pieces, ctx.dim)


class SplitBackward0(_SplitBackward):
    pass


class SplitWithSizesBackward0(_SplitBackward):
    pass


@derivative("split")
def _split(result, self, split_size, dim=0):
    return SplitBackward0 if isinstance(split_size, int) else SplitWithSizesBackward0


view_methods("split")


@derivative("unbind")
class UnbindBackward0(_SplitBackward):
    def setup(ctx, result, self, dim=0):
        return ctx.remember_pieces(result, self, dim)

    def join(ctx, pieces):
        return Tensor._stack(pieces, ctx.dim)
