"""Lo que comparten las familias de derivadas: un gradiente calculado con numpy como tensor, y los ceros
que son la derivada de algo plano.
"""

from __future__ import annotations

import numpy as np

from ...tensor import Tensor


def _numpy_result(values: np.ndarray, like: Tensor) -> Tensor:
    """Un gradiente calculado con numpy, como tensor del tipo de ``like``."""
    return Tensor._from_array(values, like._storage.dtype)


def _zeros(shape, like: Tensor) -> Tensor:
    return Tensor._from_array(np.zeros(shape, like._storage.dtype.numpy), like._storage.dtype)


def _zero_grad(grad: Tensor) -> Tensor:
    """La derivada de algo plano: ceros, no ``grad * 0`` (que da nan donde grad es inf o nan, y -0 donde es
    negativo). Como el ``zeros_like`` de PyTorch, no depende de nada: no deja nodo ni con create_graph."""
    return _zeros(grad._shape, grad)
