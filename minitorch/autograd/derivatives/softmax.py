"""Las derivadas de ``softmax`` y ``log_softmax`` a lo largo de una dimensión, y las de sus derivadas
(para derivar dos veces).
"""

from __future__ import annotations

import numpy as np

from .. import grad_mode
from ..recording import OpNode, derivative
from ... import strides
from ...tensor import Tensor
from ._common import _numpy_result, _zero_grad
from .double_backward import _BackwardOfBackward, _as_operation


# --- softmax -----------------------------------------------------------------------------------------
class _AlongDimOnResult(OpNode):
    """Base de softmax y log_softmax: las dos derivadas se escriben con el resultado y la dimensión."""

    def setup(ctx, result, self, dim, dtype=None):
        ctx.save_for_backward(result)
        ctx.dim = strides.normalize_dim(dim, max(self.dim(), 1)) if self.dim() else None  # None: un escalar
        return (self,)

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        if ctx.dim is None:  # de un escalar, softmax es siempre 1 y log_softmax siempre 0: derivada 0
            return (_zero_grad(grad),)
        return (ctx.formula(grad, result),)


@derivative("log_softmax")
class LogSoftmaxBackward0(_AlongDimOnResult):
    """y = x − log Σ eˣ: dL/dx = G − softmax(x)·ΣG, y softmax(x) = eʸ."""

    def formula(ctx, grad, result):
        if grad_mode._enabled:
            return _as_operation(_log_softmax_backward, LogSoftmaxBackwardDataBackward0, grad, result, ctx.dim)
        g = grad._values()
        return _numpy_result(g - np.exp(result._values()) * np.add.reduce(g, axis=ctx.dim, keepdims=True), grad)


@derivative("softmax")
class SoftmaxBackward0(_AlongDimOnResult):
    """y = eˣ / Σ eˣ: dL/dx = y·(G − Σ G·y)."""

    def formula(ctx, grad, result):
        return _as_operation(_softmax_backward, SoftmaxBackwardDataBackward0, grad, result, ctx.dim)


def _log_softmax_backward(grad: Tensor, y: Tensor, dim: int) -> Tensor:
    return grad - y.exp() * grad.sum(dim, keepdim=True)


def _softmax_backward(grad: Tensor, y: Tensor, dim: int) -> Tensor:
    return y * (grad - (grad * y).sum(dim, keepdim=True))


class LogSoftmaxBackwardDataBackward0(_BackwardOfBackward):
    """G − eʸ·ΣG: respecto de G, gg − Σ gg·eʸ; respecto de y, −gg·eʸ·ΣG."""

    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        soft = y.exp()
        return gg - (gg * soft).sum(ctx.dim, keepdim=True), -gg * soft * grad.sum(ctx.dim, keepdim=True)


class SoftmaxBackwardDataBackward0(_BackwardOfBackward):
    """y·(G − Σ G·y): respecto de G, y·(gg − Σ gg·y); respecto de y, gg·(G − Σ G·y) − G·Σ gg·y."""

    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        return (
            _as_operation(_softmax_backward, SoftmaxBackwardDataBackward0, gg, y, ctx.dim),
            gg * (grad - (grad * y).sum(ctx.dim, keepdim=True)) - grad * (gg * y).sum(ctx.dim, keepdim=True),
        )
