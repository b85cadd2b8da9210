"""Las derivadas del álgebra lineal: ``mm``, ``bmm``, ``mv``, ``dot`` y ``matmul`` (con el nodo que da
PyTorch según las dimensiones de cada operando).
"""

from __future__ import annotations

import numpy as np

from .. import grad_mode
from ..recording import OpNode, derivative
from ...ops.linalg import _blas_ready
from ...tensor import Tensor
from ._common import _numpy_result


# --- álgebra lineal ----------------------------------------------------------------------------------
class _MatmulBackward(OpNode):
    """d(A·B) = dA·B + A·dB, así que dL/dA = G·Bᵀ y dL/dB = Aᵀ·G.

    Los vectores (1-D) se tratan como matrices de una fila o columna; las dimensiones de lote
    difundidas las reduce el motor como en cualquier otra difusión.
    """

    def setup(ctx, result, self, other):
        ctx.save_for_backward(self if other.requires_grad else None, other if self.requires_grad else None)
        ctx.ndims = (self.dim(), other.dim())
        return self, other

    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        a_dim, b_dim = ctx.ndims
        if a_dim == 1 and b_dim == 1:
            return grad * b if need_a else None, grad * a if need_b else None
        if a_dim == 1:  # (k) @ (..., k, m)
            g = grad.unsqueeze(-2)
            return (g @ _transposed(b)).squeeze(-2) if need_a else None, a.unsqueeze(-1) @ g if need_b else None
        if b_dim == 1:  # (..., n, k) @ (k)
            g = grad.unsqueeze(-1)
            return g @ b.unsqueeze(-2) if need_a else None, (_transposed(a) @ g).squeeze(-1) if need_b else None
        if grad_mode._enabled or (a_dim, b_dim) != (2, 2):
            return grad @ _transposed(b) if need_a else None, _transposed(a) @ grad if need_b else None
        g = _blas_ready(grad._values())  # un gradiente expandido (stride 0) se copia antes
        return (
            _numpy_result(np.matmul(g, _blas_ready(b._values().T)), grad) if need_a else None,
            _numpy_result(np.matmul(_blas_ready(a._values().T), g), grad) if need_b else None,
        )


def _transposed(matrices: Tensor) -> Tensor:
    """Las matrices (las dos últimas dimensiones) traspuestas; ``t()`` es el camino corto para 2-D."""
    return matrices.t() if matrices.dim() == 2 else matrices.mT


@derivative("mm")
class MmBackward0(_MatmulBackward):
    pass


@derivative("bmm")
class BmmBackward0(_MatmulBackward):
    pass


@derivative("mv")
class MvBackward0(_MatmulBackward):
    pass


@derivative("dot")
class DotBackward0(_MatmulBackward):
    pass


# matmul de PyTorch se descompone en varias operaciones; su nodo final tiene estos nombres.
_VectorMatrixBackward = type("SqueezeBackward4", (_MatmulBackward,), {})
_BatchedMatmulBackward = type("UnsafeViewBackward0", (_MatmulBackward,), {})
_MatrixBatchBackward = type("CloneBackward0", (_MatmulBackward,), {})


_MATMUL_NODES = {  # (dimensiones de A, de B), con 3 por «3 o más» -> nodo
    (1, 1): DotBackward0, (2, 2): MmBackward0, (2, 1): MvBackward0, (1, 2): _VectorMatrixBackward,
    (2, 3): _MatrixBatchBackward,
}


@derivative("matmul")
def _matmul(result, self, other):
    return _MATMUL_NODES.get((min(len(self._shape), 3), min(len(other._shape), 3)), _BatchedMatmulBackward)
