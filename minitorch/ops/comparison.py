"""Comparaciones y lógica: ``eq``, ``lt``, ``logical_and``, ``isnan``, ``where``…; dan tensores ``bool``.
"""

from __future__ import annotations

import builtins

import numpy as np

from .. import dtypes
from ..tensor import (
    Tensor, _broadcast_pair, _check_tensor_argument, _elementwise_like, _elementwise_result, _has_standard_strides,
)


class ComparisonMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- comparaciones y lógica -----------------------------------------------------------------------
    def eq(self, other) -> "Tensor":
        return self._binary(other, np.equal, dtypes.bool)

    def ne(self, other) -> "Tensor":
        return self._binary(other, np.not_equal, dtypes.bool)

    def lt(self, other) -> "Tensor":
        return self._binary(other, np.less, dtypes.bool)

    def le(self, other) -> "Tensor":
        return self._binary(other, np.less_equal, dtypes.bool)

    def gt(self, other) -> "Tensor":
        return self._binary(other, np.greater, dtypes.bool)

    def ge(self, other) -> "Tensor":
        return self._binary(other, np.greater_equal, dtypes.bool)

    def equal(self, other: "Tensor") -> bool:
        """¿Misma forma y mismos valores?"""
        _check_tensor_argument(other, "equal")
        return self._shape == other._shape and builtins.bool(np.array_equal(self._values(), other._values()))

    def allclose(self, other: "Tensor", rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> bool:
        """¿Cumplen todos los elementos ``|self − other| ≤ atol + rtol·|other|``? (ver ``isclose``)."""
        return builtins.bool(np.all(self.isclose(other, rtol, atol, equal_nan)._values()))

    def isclose(self, other: "Tensor", rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> "Tensor":
        """Elemento a elemento, ``|self − other| ≤ atol + rtol·|other|``; los dos tensores, del mismo tipo."""
        _check_tensor_argument(other, "isclose")
        if other._storage.dtype is not self._storage.dtype:
            raise RuntimeError(f"isclose: los dos tensores deben ser del mismo tipo, pero son {self.dtype} y {other.dtype}")
        for name, tolerance in (("rtol", rtol), ("atol", atol)):
            if tolerance < 0:
                raise RuntimeError(f"isclose: {name} no puede ser negativa, pero vale {tolerance}")
        _broadcast_pair(self._shape, other._shape)  # el error de PyTorch si las formas no se pueden difundir
        close = np.isclose(self._values(), other._values(), rtol=rtol, atol=atol, equal_nan=equal_nan)
        return Tensor._from_array(close)

    def logical_not(self) -> "Tensor":
        return _elementwise_like(np.logical_not(self._values()), self, dtypes.bool)

    def logical_and(self, other) -> "Tensor":
        return self._logical(other, np.logical_and)

    def logical_or(self, other) -> "Tensor":
        return self._logical(other, np.logical_or)

    def logical_xor(self, other) -> "Tensor":
        return self._logical(other, np.logical_xor)

    def _logical(self, other, ufunc) -> "Tensor":
        """Cada operando es verdadero si no es 0 en su propio tipo, sin promoverlo: ``0.5`` es verdadero
        aunque el otro operando sea entero (convertido a entero sería 0)."""
        if isinstance(other, Tensor):
            _broadcast_pair(self._shape, other._shape)  # RuntimeError, como en PyTorch, si no se pueden difundir
            result = ufunc(self._values(), other._values())
        else:
            result = ufunc(self._values(), np.asarray(other))
        if _has_standard_strides(self) and (not isinstance(other, Tensor) or _has_standard_strides(other)):
            return Tensor._from_array(result, dtypes.bool)
        return _elementwise_result(result, (self, other), dtypes.bool)

    def isnan(self) -> "Tensor":
        return _elementwise_like(np.isnan(self._values()), self, dtypes.bool)

    def isinf(self) -> "Tensor":
        return _elementwise_like(np.isinf(self._values()), self, dtypes.bool)

    def isfinite(self) -> "Tensor":
        return _elementwise_like(np.isfinite(self._values()), self, dtypes.bool)

    def any(self, dim=None, keepdim: bool = False) -> "Tensor":
        return self._reduce(np.any, dim, keepdim, dtypes.bool)

    def all(self, dim=None, keepdim: bool = False) -> "Tensor":
        return self._reduce(np.all, dim, keepdim, dtypes.bool)
