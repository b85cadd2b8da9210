"""Álgebra lineal: ``matmul`` (``@``), ``mm``, ``bmm``, ``mv`` y ``dot``, con las reglas de ``torch.matmul``.
"""

from __future__ import annotations

import numpy as np

from .. import dtypes, strides
from ..tensor import Tensor


class LinalgMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- álgebra lineal -------------------------------------------------------------------------------
    def matmul(self, other: "Tensor") -> "Tensor":
        """Producto matricial con las reglas de ``torch.matmul`` (1-D, 2-D y por lotes con difusión)."""
        _check_matmul(self, other)
        a, b = _blas_ready(self._values()), _blas_ready(other._values())
        if a.ndim <= 2 and b.ndim <= 2:
            # Sin lotes, ndarray.dot hace el mismo producto que np.matmul (la misma llamada a BLAS) con la mitad
            # de coste fijo: se nota en matrices pequeñas.
            return Tensor._from_array(a.dot(b), self._storage.dtype)
        return Tensor._from_array(np.matmul(a, b), self._storage.dtype)

    __matmul__ = matmul  # el mismo método (y, con autograd, el mismo envoltorio): una llamada menos por cada x @ y

    def mm(self, other: "Tensor") -> "Tensor":
        if self.dim() != 2 or other.dim() != 2:
            raise RuntimeError(f"mm espera dos matrices (2-D), pero recibió tensores de {self.dim()} y {other.dim()} dimensiones")
        return self.matmul(other)

    def bmm(self, other: "Tensor") -> "Tensor":
        if self.dim() != 3 or other.dim() != 3:
            raise RuntimeError(f"bmm espera dos tensores 3-D, pero recibió tensores de {self.dim()} y {other.dim()} dimensiones")
        if self._shape[0] != other._shape[0]:
            raise RuntimeError(f"bmm: los lotes deben tener el mismo tamaño ({self._shape[0]} frente a {other._shape[0]})")
        return self.matmul(other)

    def mv(self, vec: "Tensor") -> "Tensor":
        if not self._shape:  # PyTorch mira antes el tamaño de la primera dimensión de la matriz
            raise IndexError("mv: se pidió la dimensión 0 de la matriz, pero es un tensor 0-d")
        if self.dim() != 2 or vec.dim() != 1:
            raise RuntimeError(f"mv espera una matriz y un vector, pero recibió {self.dim()} y {vec.dim()} dimensiones")
        return self.matmul(vec)

    def dot(self, other: "Tensor") -> "Tensor":
        if self.dim() != 1 or other.dim() != 1:
            raise RuntimeError(f"dot espera dos vectores 1-D, pero recibió {self.dim()} y {other.dim()} dimensiones")
        return self.matmul(other)

    def outer(self, vec2: "Tensor") -> "Tensor":
        """El producto exterior de dos vectores: la matriz ``self[i] · vec2[j]``."""
        for name, t in (("self", self), ("vec2", vec2)):
            if t.dim() != 1:
                raise RuntimeError(f"outer: el argumento {name} debe ser un vector (1-D), pero tiene {t.dim()} dimensiones")
        return self.reshape(self.numel(), 1) * vec2

    def trace(self) -> "Tensor":
        """La suma de la diagonal de una matriz."""
        if self.dtype is dtypes.bool:  # PyTorch rechaza el tipo antes de mirar la forma
            raise NotImplementedError("trace no está implementado para tensores de tipo bool")
        if self.dim() != 2:
            raise RuntimeError(f"trace: se esperaba una matriz, pero el tensor tiene {self.dim()} dimensiones")
        return self.diagonal().sum()


def _check_matmul(a: Tensor, b: Tensor) -> None:
    if not isinstance(b, Tensor):
        raise TypeError(f"matmul espera un tensor como segundo argumento, no {type(b).__name__}")
    dtype = a._storage.dtype
    if dtype is not b._storage.dtype:
        raise RuntimeError(f"matmul espera dos tensores del mismo tipo, pero recibió {a.dtype} y {b.dtype}")
    a_dim, b_dim = len(a._shape), len(b._shape)
    if a_dim == 0 or b_dim == 0:
        raise RuntimeError("matmul: ambos argumentos necesitan al menos una dimensión")
    inner_a = a._shape[-1]
    inner_b = b._shape[-2] if b_dim > 1 else b._shape[0]
    if inner_a != inner_b:
        rows = "x".join(str(n) for n in (a._shape if a_dim <= 2 else (strides.numel(a._shape[:-1]), a._shape[-1])))
        cols = "x".join(str(n) for n in b._shape)
        raise RuntimeError(f"no se pueden multiplicar las formas de mat1 y mat2 ({rows} y {cols})")
    if a_dim > 2 and b_dim > 2:
        strides.broadcast_shapes(a._shape[:-2], b._shape[:-2])
    # PyTorch mira antes las formas, y con un operando vacío no llega a multiplicar (salvo el producto escalar)
    if dtype is dtypes.bool and (a_dim == b_dim == 1 or (a.numel() and b.numel())):
        raise NotImplementedError("matmul no está implementado para tensores bool")


def _blas_ready(array: np.ndarray) -> np.ndarray:
    """Una matriz que BLAS sabe multiplicar: filas o columnas contiguas.

    numpy solo llama a BLAS cuando cada matriz tiene una de sus dos últimas dimensiones con paso de
    un elemento; con cualquier otra disposición (un stride 0 de ``expand``, un slice con paso) usa
    un bucle genérico decenas de veces más lento. Copiar antes cuesta O(n²) y ahorra O(n³).
    """
    if array.ndim < 2 or array.flags.c_contiguous or array.size == 0:  # lo habitual: filas contiguas
        return array
    itemsize = array.itemsize
    row, col = array.strides[-2:]
    rows, cols = array.shape[-2:]
    if (col == itemsize and row >= cols * itemsize) or (row == itemsize and col >= rows * itemsize):
        return array
    return np.ascontiguousarray(array)
