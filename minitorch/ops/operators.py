"""Los operadores de Python (``+``, ``*``, ``==``, ``&``…): llaman a los métodos con nombre.

Los aritméticos escriben encima de un operando temporal grande si pueden (ver ``temporaries.py``).
"""

from __future__ import annotations

import sys

import numpy as np

from .. import dtypes, strides, temporaries
from ..dtypes import result_type
from ..tensor import Tensor
from .elementwise import _check_no_bool_subtraction, _true_division_dtype
from .inplace import _check_broadcast_into


_refcount = sys.getrefcount


# Cuántas referencias tiene un operando temporal dentro de un operador (None: no se reutiliza).
_TEMPORARY_SELF, _TEMPORARY_OTHER = temporaries.TEMPORARY_REFS or (None, None)


class OperatorMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- operadores de Python -------------------------------------------------------------------------
    # Los operadores aritméticos escriben encima de un operando temporal grande si pueden (ver
    # temporaries.py). El contador de referencias se lee aquí mismo, a la profundidad calibrada.
    def __add__(self, other):
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        return self.add(other) if into is None else self._binary(other, np.add, into=into)

    def __radd__(self, other):
        _reject_array_on_the_left(other, "__radd__")
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        return self.add(other) if into is None else self._binary(other, np.add, into=into)

    def __sub__(self, other):
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        if into is None:
            return self.sub(other)
        _check_no_bool_subtraction(self, other)
        return self._binary(other, np.subtract, into=into)

    def __rsub__(self, other):
        _reject_array_on_the_left(other, "__rsub__")
        return self.rsub(other)

    def __mul__(self, other):
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        return self.mul(other) if into is None else self._binary(other, np.multiply, into=into)

    def __rmul__(self, other):
        _reject_array_on_the_left(other, "__rmul__")
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        return self.mul(other) if into is None else self._binary(other, np.multiply, into=into)

    def __truediv__(self, other):
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        if into is None:
            return self.div(other)
        return self._binary(other, np.true_divide, compute=_true_division_dtype(self, other), into=into)

    def __rtruediv__(self, other):
        _reject_array_on_the_left(other, "__rtruediv__")
        return self.reciprocal().mul(other)

    def __floordiv__(self, other):
        return self.floor_divide(other)

    def __rfloordiv__(self, other):
        _reject_array_on_the_left(other, "__rfloordiv__")
        return self._rfloor_divide(other)

    def __mod__(self, other):
        return self.remainder(other)

    def __rmod__(self, other):
        _reject_array_on_the_left(other, "__rmod__")
        return self._rremainder(other)

    def __pow__(self, exponent):
        return self.pow(exponent)

    def __rpow__(self, base):
        _reject_array_on_the_left(base, "__rpow__")
        return self._rpow(base)

    def __rmatmul__(self, other):
        _reject_array_on_the_left(other, "__rmatmul__")
        return other.matmul(self)

    def __neg__(self):
        return self.neg()

    def __pos__(self):
        return self

    def __abs__(self):
        return self.abs()

    def __invert__(self):
        if self.dtype.is_floating_point:
            raise TypeError(f"~ (operator.invert) solo está definido para tensores enteros y bool, no para {self.dtype}")
        if self.dtype is not dtypes.bool:
            return Tensor._from_array(np.invert(self._values()))
        return self.logical_not()

    def __and__(self, other):
        _check_bitwise("bitwise_and", self, other)  # entre bools, el «y» bit a bit es el lógico
        return self._binary(other, np.bitwise_and)

    def __or__(self, other):
        _check_bitwise("bitwise_or", self, other)
        return self._binary(other, np.bitwise_or)

    __rand__ = __and__  # las dos son conmutativas: ``1 & x`` es ``x & 1``

    __ror__ = __or__

    def bitwise_xor(self, other) -> "Tensor":
        """«O exclusivo» bit a bit (``^``): solo para enteros y bools, como en PyTorch."""
        _check_bitwise("bitwise_xor", self, other)
        return self._binary(other, np.bitwise_xor)

    def bitwise_xor_(self, other) -> "Tensor":
        _check_bitwise("bitwise_xor_", self, other)
        return self._inplace(np.bitwise_xor, other)

    def __xor__(self, other):
        return self.bitwise_xor(other)

    __rxor__ = __xor__  # es conmutativa

    def __ixor__(self, other):
        return self.bitwise_xor_(other)

    def __eq__(self, other):
        return self.eq(other)

    def __ne__(self, other):
        return self.ne(other)

    def __lt__(self, other):
        return self.lt(other)

    def __le__(self, other):
        return self.le(other)

    def __gt__(self, other):
        return self.gt(other)

    def __ge__(self, other):
        return self.ge(other)

    def __iadd__(self, other):
        return self.add_(other)

    def __isub__(self, other):
        return self.sub_(other)

    def __imul__(self, other):
        return self.mul_(other)

    def __itruediv__(self, other):
        return self.div_(other)

    def __ifloordiv__(self, other):
        return self.floor_divide_(other)

    def __imod__(self, other):
        return self.remainder_(other)


def _reject_array_on_the_left(other, name: str) -> None:
    if isinstance(other, np.ndarray):
        raise TypeError(
            f"no se puede operar un array de numpy (a la izquierda) con un tensor ({name}); convierte antes el array "
            "con minitorch.from_numpy(...) o minitorch.tensor(...)"
        )


def _reusable_operand(a: Tensor, b, a_is_temporary: bool, b_is_temporary: bool):
    """El ``ndarray`` de ``a`` o de ``b`` sobre el que puede escribir ``a ⊕ b``, o ``None``.

    Los operadores llaman aquí si el contador de referencias de alguno de los dos es el de un
    temporal (medido en el propio operador: la misma expresión que calibra ``temporaries.py``)."""
    if isinstance(b, Tensor):
        if b.requires_grad or a.requires_grad:
            return None  # en un grafo, los operandos pueden hacer falta para derivar
        if b_is_temporary:
            into = temporaries.reusable(b)
            if into is not None:
                return into
    return temporaries.reusable(a) if a_is_temporary else None


def _check_bitwise(name: str, a, b) -> None:
    """Las operaciones bit a bit solo existen para enteros y bools (PyTorch: NotImplementedError con reales).
    Como en PyTorch, unas formas que no encajan se notan antes que un tipo real."""
    if isinstance(b, Tensor):
        if name.endswith("_"):
            _check_broadcast_into(a._shape, [b._shape])
        else:
            strides.broadcast_shapes(a._shape, b._shape)
    compute = result_type(a, b)
    if compute.is_floating_point:
        raise NotImplementedError(f"{name} no está implementado para tensores {compute} (solo para enteros y bools)")
