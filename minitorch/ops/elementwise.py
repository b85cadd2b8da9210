"""Aritmética elemento a elemento, con difusión (*broadcasting*): ``add``, ``mul``, ``exp``, ``relu``…

Cada operación pide a numpy que calcule sobre vistas con los strides del tensor (``Tensor._values``):
nunca se recorren elementos en Python.
"""

from __future__ import annotations

import builtins
import math

import numpy as np

from .. import dtypes, strides
from ..dtypes import dtype as DType
from ..dtypes import result_type
from ..tensor import (
    Tensor, _broadcast_pair, _check_tensor_argument, _elementwise_result, _empty_unary_layout,
    _has_standard_strides, _like_layout, _numpy_operand, _operand,
)


# Para el atajo de _binary: un int no cambia un tensor numérico; un float no cambia un tensor real.
_PY_FLOAT, _PY_INT = object(), object()


_SCALAR_KIND = {builtins.float: _PY_FLOAT, builtins.int: _PY_INT}


class ElementwiseMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- aritmética elemento a elemento (con difusión) ------------------------------------------------
    def _binary(self, other, ufunc, out_dtype: DType | None = None, compute: DType | None = None, into=None) -> "Tensor":
        """``ufunc(self, other)`` en el tipo promovido; el resultado es de tipo ``out_dtype`` si se indica.

        ``into``: el ``ndarray`` de un operando temporal sobre el que escribir el resultado si tiene su
        forma y su tipo (ver ``temporaries.py``)."""
        own = self._storage.dtype
        if type(other) is Tensor and compute is None and into is None:
            # Atajo del caso más común, ``x + y`` con dos tensores contiguos del mismo tipo y la misma forma:
            # numpy los combina tal cual y su resultado ya tiene la disposición de PyTorch.
            a, b = self._cached, other._cached
            if (
                a is not None and b is not None and other._storage.dtype is own and other._shape == self._shape
                and a.flags.c_contiguous and b.flags.c_contiguous
            ):
                return Tensor._from_array(ufunc(a, b), out_dtype or own)
        is_tensor = isinstance(other, Tensor)
        if not is_tensor and isinstance(other, (np.generic, np.ndarray)):
            other, is_tensor = _numpy_operand(other), isinstance(other, np.ndarray)
        if compute is None:
            # Atajo del caso más común (mismo tipo, o un número que no cambia de categoría).
            kind = other._storage.dtype if is_tensor else _SCALAR_KIND.get(type(other))
            if (
                kind is own
                or (kind is _PY_FLOAT and own.is_floating_point)
                or (kind is _PY_INT and own is not dtypes.bool)
            ):
                compute = own
            else:
                compute = result_type(self, other)
        a = self._cached
        if a is None:
            a = self._values()
        if compute is not own:
            a = a.astype(compute.numpy)
        if is_tensor:
            b = other._cached
            if b is None:
                b = other._values()
            # Un bool se combina con cualquier tipo sin cambiarlo (también en numpy): no hace falta convertirlo.
            if other._storage.dtype is not compute and other._storage.dtype is not dtypes.bool:
                b = b.astype(compute.numpy)
        else:
            b = _operand(other, compute)
        if is_tensor and other._shape == self._shape:
            shape = self._shape
            standard = a.flags.c_contiguous and b.flags.c_contiguous
        else:
            shape = _broadcast_pair(self._shape, other._shape) if is_tensor else self._shape
            standard = _has_standard_strides(self) and (not is_tensor or _has_standard_strides(other))
        if into is not None and standard and out_dtype is None and into.shape == shape and into.dtype == compute.numpy:
            return Tensor._from_array(ufunc(a, b, out=into), compute)
        result = ufunc(a, b)
        if not standard:
            return _elementwise_result(result, (self, other), out_dtype or compute)
        return Tensor._from_array(result, out_dtype or compute)

    def _unary(self, ufunc, floating: bool = False) -> "Tensor":
        """``floating``: como en PyTorch, las funciones reales de un tensor entero dan ``float32``."""
        values = self._cached
        if values is None:
            values = self._values()
        target = self._storage.dtype
        standard = values.flags.c_contiguous
        if floating and not target.is_floating_point:
            target = dtypes.get_default_dtype()
            values = values.astype(target.numpy)
        result = ufunc(values)
        if not standard:
            return _elementwise_result(result, (self,), target)
        return Tensor._from_array(result, target)

    def _scaled(self, other, alpha):
        """``other * alpha`` para ``add`` y ``sub``: como PyTorch, un alpha real no vale entre enteros, y alpha no
        interviene en el tipo del resultado: se multiplica en el tipo común de ``self`` y ``other``."""
        compute = result_type(self, other)
        if isinstance(alpha, builtins.float) and not compute.is_floating_point:
            raise RuntimeError(f"con tensores enteros, alpha no puede ser un número real (se recibió alpha={alpha})")
        if compute is dtypes.bool:
            return other & builtins.bool(alpha)  # entre bools, alpha solo dice si other se suma o no
        if isinstance(other, Tensor) and other.dtype is not compute:
            other = other.to(compute)
        return other * alpha

    def add(self, other, *, alpha=1) -> "Tensor":
        return self._binary(other if alpha == 1 else self._scaled(other, alpha), np.add)

    def sub(self, other, *, alpha=1) -> "Tensor":
        _check_no_bool_subtraction(self, other)
        return self._binary(other if alpha == 1 else self._scaled(other, alpha), np.subtract)

    def rsub(self, other, *, alpha=1) -> "Tensor":
        """``other - self`` (lo que calcula ``2 - x``)."""
        _check_no_bool_subtraction(self, other)
        return self._binary(other, lambda a, b: np.subtract(b, a))

    def mul(self, other) -> "Tensor":
        return self._binary(other, np.multiply)

    def div(self, other, *, rounding_mode: str | None = None) -> "Tensor":
        """División real; con ``rounding_mode='floor'`` o ``'trunc'``, redondeada."""
        if rounding_mode is None:
            return self._binary(other, np.true_divide, compute=_true_division_dtype(self, other))
        if rounding_mode == "floor":
            return self._binary(other, _floor_divide)
        if rounding_mode == "trunc":
            return self._binary(other, _trunc_divide)
        raise ValueError(f"div: rounding_mode debe ser None, 'trunc' o 'floor', no '{rounding_mode}'")

    true_divide = divide = div

    multiply = mul

    subtract = sub

    def floor_divide(self, other) -> "Tensor":
        """``self // other``, redondeada hacia abajo. Como en PyTorch, sin derivada: ``backward()`` falla."""
        return self._binary(other, _floor_divide)

    def _rfloor_divide(self, base) -> "Tensor":
        """``base // self`` con ``base`` un número."""
        return self._binary(base, lambda a, b: _floor_divide(b, a))

    def remainder(self, other) -> "Tensor":
        """El resto de ``self / other`` con el signo de ``other``, como el ``%`` de Python."""
        return self._binary(other, _remainder)

    def _rremainder(self, base) -> "Tensor":
        """``base % self`` con ``base`` un número."""
        return self._binary(base, lambda a, b: _remainder(b, a))

    def floor_divide_(self, other) -> "Tensor":
        return self._inplace(_floor_divide, other)

    def remainder_(self, other) -> "Tensor":
        return self._inplace(_remainder, other)

    def reciprocal(self) -> "Tensor":
        return self._unary(np.reciprocal, floating=True)

    def pow(self, exponent) -> "Tensor":
        if not self.dtype.is_floating_point and _has_negative_integer(exponent):
            raise RuntimeError(f"no se permite elevar enteros a potencias enteras negativas (exponente {exponent})")
        if self.dtype is dtypes.bool and getattr(exponent, "dtype", None) is dtypes.bool:
            strides.broadcast_shapes(self._shape, exponent._shape)  # PyTorch mira antes las formas
            raise NotImplementedError("pow no está implementada entre tensores bool")
        result = self._binary(exponent, _power)
        return result if isinstance(exponent, Tensor) else _empty_unary_layout(result)

    def _rpow(self, base) -> "Tensor":
        """``base ** self`` con ``base`` un número."""
        if self.dtype is dtypes.bool and isinstance(base, builtins.bool):
            raise NotImplementedError("pow no está implementada entre valores bool")
        return _empty_unary_layout(self._binary(base, lambda a, b: _power(b, a)))

    def neg(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise RuntimeError("la negación con '-' de un tensor bool no está definida; usa logical_not() o '~'")
        return self._unary(np.negative)

    negative = neg

    def abs(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise NotImplementedError("abs no está implementada para tensores bool")
        return self._unary(np.abs)

    def sign(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            return Tensor._from_array(self._values().copy())  # el signo de True es True
        return self._unary(_sign)

    # Redondeos: un entero ya está redondeado (se copia); un bool no se redondea, como en PyTorch.
    def floor(self) -> "Tensor":
        return self._rounded(np.floor, "floor")

    def ceil(self) -> "Tensor":
        return self._rounded(np.ceil, "ceil")

    def trunc(self) -> "Tensor":
        return self._rounded(np.trunc, "trunc")

    def round(self, *, decimals: int = 0) -> "Tensor":
        """Al entero más cercano; en el empate, al par (``2.5 → 2``, ``3.5 → 4``), como PyTorch y numpy."""
        if decimals and not self.dtype.is_floating_point:
            raise NotImplementedError(f"round con decimals no está implementado para tensores {self.dtype}")
        return self._rounded(lambda values: np.round(values, decimals), "round")

    def _rounded(self, rounding, name: str) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise NotImplementedError(f"{name} no está implementado para tensores bool")
        if not self.dtype.is_floating_point:
            return _empty_unary_layout(self.clone())
        return self._unary(rounding)

    def exp(self) -> "Tensor":
        return self._unary(np.exp, floating=True)

    def log(self) -> "Tensor":
        return self._unary(np.log, floating=True)

    def log1p(self) -> "Tensor":
        return self._unary(np.log1p, floating=True)

    def sqrt(self) -> "Tensor":
        return self._unary(np.sqrt, floating=True)

    def rsqrt(self) -> "Tensor":
        return self._unary(lambda v: 1 / np.sqrt(v), floating=True)

    def log2(self) -> "Tensor":
        return self._unary(np.log2, floating=True)

    def log10(self) -> "Tensor":
        return self._unary(np.log10, floating=True)

    def expm1(self) -> "Tensor":
        """``eˣ − 1``, exacto también para ``x`` muy pequeños (donde ``exp(x) - 1`` pierde las cifras)."""
        return self._unary(np.expm1, floating=True)

    def sin(self) -> "Tensor":
        return self._unary(np.sin, floating=True)

    def tan(self) -> "Tensor":
        return self._unary(np.tan, floating=True)

    def asin(self) -> "Tensor":
        return self._unary(np.arcsin, floating=True)

    def acos(self) -> "Tensor":
        return self._unary(np.arccos, floating=True)

    def atan(self) -> "Tensor":
        return self._unary(np.arctan, floating=True)

    def sinh(self) -> "Tensor":
        return self._unary(np.sinh, floating=True)

    def cosh(self) -> "Tensor":
        return self._unary(np.cosh, floating=True)

    def atan2(self, other: "Tensor") -> "Tensor":
        """El ángulo de ``(other, self)`` (x = ``other``, y = ``self``), entre −π y π: sabe en qué cuadrante está."""
        return self._binary(other, np.arctan2, compute=_true_division_dtype(self, other))

    arcsin, arccos, arctan, arctan2 = asin, acos, atan, atan2

    def cos(self) -> "Tensor":
        return self._unary(np.cos, floating=True)

    def tanh(self) -> "Tensor":
        return self._unary(np.tanh, floating=True)

    def sigmoid(self) -> "Tensor":
        return self._unary(_sigmoid, floating=True)

    def erf(self) -> "Tensor":
        """La función de error, ``erf(x) = 2/√π ∫₀ˣ e^(−t²) dt`` (numpy no la tiene: ver ``_erf``)."""
        return self._unary(_erf, floating=True)

    def relu(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise RuntimeError("relu no está definida para tensores bool")
        return self._unary(_relu)

    def square(self) -> "Tensor":
        return self.pow(2)

    def clamp(self, min=None, max=None) -> "Tensor":  # noqa: A002 (nombres de PyTorch)
        if min is None and max is None:
            raise RuntimeError("clamp: al menos uno de 'min' o 'max' no puede ser None")
        compute = result_type(self, *(b for b in (min, max) if b is not None))
        strides.broadcast_shapes(self._shape, *(b._shape for b in (min, max) if isinstance(b, Tensor)))
        values = self._values().astype(compute.numpy, copy=False)
        # como PyTorch, un valor igual al límite se queda tal cual (clamp(-0., min=0) da -0.); nan se propaga
        if min is not None:
            bound = _operand(min, compute)
            values = np.where(values == bound, values, np.maximum(values, bound))
        if max is not None:
            bound = _operand(max, compute)
            values = np.where(values == bound, values, np.minimum(values, bound))
        if values is self._values():
            values = values.copy()
        bounds = tuple(b for b in (min, max) if isinstance(b, Tensor))  # los números no cuentan en PyTorch
        if not _has_standard_strides(self) or any(not _has_standard_strides(b) for b in bounds):
            return _elementwise_result(values, (self,) + bounds, compute)
        return Tensor._from_array(values, compute)

    clip = clamp

    def maximum(self, other: "Tensor") -> "Tensor":
        _check_tensor_argument(other, "maximum")  # PyTorch no admite aquí un número
        return self._binary(other, np.maximum)

    def minimum(self, other: "Tensor") -> "Tensor":
        _check_tensor_argument(other, "minimum")  # PyTorch no admite aquí un número
        return self._binary(other, np.minimum)

    def where(self, condition: "Tensor", other) -> "Tensor":
        """``condition ? self : other`` elemento a elemento (``minitorch.where(condition, self, other)``)."""
        if not isinstance(condition, Tensor) or condition.dtype is not dtypes.bool:
            found = condition.dtype if isinstance(condition, Tensor) else type(condition).__name__
            raise RuntimeError(f"where espera una condición de tipo bool, pero recibió {found}")
        compute = result_type(self, other)
        strides.broadcast_shapes(condition._shape, self._shape, getattr(other, "_shape", ()))
        chosen = np.where(condition._values(), self._values().astype(compute.numpy, copy=False), _operand(other, compute))
        inputs = (condition, self, other)
        if not all(_has_standard_strides(t) for t in inputs if isinstance(t, Tensor)):
            return _elementwise_result(chosen, inputs, compute)
        return Tensor._from_array(chosen, compute)

    def lerp(self, end, weight) -> "Tensor":
        """``self + weight · (end − self)``: el punto a una fracción ``weight`` del camino de ``self`` a ``end``."""
        _check_lerp(self, end, weight)
        return self + (end - self) * weight

    def nan_to_num(self, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None) -> "Tensor":
        """Cambia cada ``nan`` por ``nan`` (0 si no se indica) y los infinitos por ``posinf`` y ``neginf`` (si no
        se indican, el mayor y el menor número que caben en el tipo)."""
        values = self._values()
        if not self.dtype.is_floating_point:
            return _like_layout(values, self, self._storage.dtype, copy=True)  # como clone()
        # PyTorch escribe en un empty_like de la entrada: la disposición de clone(), no la de exp().
        return _like_layout(np.nan_to_num(values, nan=nan, posinf=posinf, neginf=neginf), self, self._storage.dtype)


def _true_division_dtype(a: Tensor, b) -> DType:
    compute = result_type(a, b)
    return compute if compute.is_floating_point else dtypes.get_default_dtype()  # 7 / 2 es 3.5 también entre enteros


def _check_no_bool_subtraction(a: Tensor, b) -> None:
    if a.dtype is dtypes.bool or getattr(b, "dtype", None) is dtypes.bool or isinstance(b, (builtins.bool, np.bool_)):
        raise RuntimeError(
            "la resta ('-') con un tensor bool no está definida; para invertir una máscara usa '~' o logical_not()"
        )


def _check_not_bool_division(a, b, name: str) -> None:
    if np.result_type(a, b).kind == "b":
        raise NotImplementedError(f"{name} no está implementada para tensores bool")


def _remainder(a, b):
    """Resto con el signo del divisor (el ``%`` de Python), con los casos límite de PyTorch."""
    _check_not_bool_division(a, b, "remainder")
    if np.issubdtype(np.result_type(a, b), np.integer):
        if _divides_by_zero(a, b):
            raise RuntimeError("ZeroDivisionError: resto de una división entera entre cero")
        return np.mod(a, b)
    rest = np.fmod(a, b)  # con el signo del dividendo; si no es el del divisor, se pasa al otro lado
    return np.where((rest != 0) & ((rest < 0) != (b < 0)), rest + b, rest)


_ZERO_ROWS: dict = {}  # (longitud, dtype) -> fila de ceros de solo lectura


def _relu(values: np.ndarray) -> np.ndarray:
    """max(x, 0). numpy compara mucho más deprisa con una fila de ceros que con el número 0 (que
    difunde con stride 0 y se queda sin instrucciones vectoriales): se usa una fila guardada."""
    length = values.shape[-1] if values.ndim else 0
    if length < 16:
        return np.maximum(values, 0).astype(values.dtype, copy=False)
    zeros = _ZERO_ROWS.get((length, values.dtype))
    if zeros is None:
        if len(_ZERO_ROWS) > 64:
            _ZERO_ROWS.clear()
        zeros = _ZERO_ROWS[length, values.dtype] = np.zeros(length, values.dtype)
        zeros.flags.writeable = False
    return np.maximum(values, zeros)


def _power(a, b, **ufunc_kwargs):
    """``a ** b``. Entre enteros, como PyTorch, un exponente negativo da 0 (salvo las bases 1 y -1)."""
    if np.result_type(a, b).kind not in "iu" or not np.any(np.less(b, 0)):
        return np.power(a, b, **ufunc_kwargs)
    b = np.asarray(b)
    result = np.power(a, np.maximum(b, 0))
    inverse = np.where(a == 1, 1, np.where(a == -1, np.where(b % 2 == 0, 1, -1), 0))
    result = np.where(b < 0, inverse, result).astype(result.dtype, copy=False)
    out = ufunc_kwargs.get("out")
    if out is None:
        return result
    out[...] = result
    return out


def _sign(x: np.ndarray) -> np.ndarray:
    """1, 0 o -1; el de ``nan`` es 0, como en PyTorch (numpy da ``nan``)."""
    result = np.sign(x)
    return np.where(np.isnan(result), 0, result).astype(result.dtype) if result.dtype.kind == "f" else result


def _divides_by_zero(a, b) -> bool:
    """¿Hay algún divisor entero 0 que llegue a usarse? Con un resultado vacío (``a`` vacío), PyTorch no falla."""
    return builtins.bool(np.size(a)) and builtins.bool(np.any(np.asarray(b) == 0))


def _floor_divide(a, b):
    _check_not_bool_division(a, b, "floor_divide")
    if np.issubdtype(np.result_type(a, b), np.integer) and _divides_by_zero(a, b):
        raise RuntimeError("ZeroDivisionError: división entera entre cero")
    return np.floor_divide(a, b)


def _trunc_divide(a, b):
    _check_not_bool_division(a, b, "div(rounding_mode='trunc')")
    if np.issubdtype(np.result_type(a, b), np.integer):
        if _divides_by_zero(a, b):
            raise RuntimeError("ZeroDivisionError: división entera entre cero")
        quotient = np.abs(a) // np.abs(b)
        return np.where((np.sign(a) * np.sign(b)) < 0, -quotient, quotient)
    return np.trunc(np.true_divide(a, b))


def _has_negative_integer(exponent) -> bool:
    """¿Es el exponente un entero de Python negativo? (Con un tensor de exponentes, PyTorch da 0.)"""
    return isinstance(exponent, builtins.int) and not isinstance(exponent, builtins.bool) and exponent < 0


def _sigmoid(values: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x) sin desbordar: para x negativos se usa la forma equivalente e^x / (1 + e^x)."""
    e = np.exp(-np.abs(values))
    return np.where(values >= 0, 1 / (1 + e), e / (1 + e)).astype(values.dtype, copy=False)


# erf(x) = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n!·(2n+1)): los coeficientes de la serie de Taylor, en potencias de x².
# Con 40 términos, para |x| < 2.5 el último es < 1e-17 y la cancelación entre términos cuesta menos de tres
# cifras: el error relativo queda por debajo de 1e-13 en float64.
_ERF_SERIES_LIMIT = 2.5
_ERF_SERIES = np.array([(-1) ** n / (math.factorial(n) * (2 * n + 1)) for n in range(40)]) * (2 / math.sqrt(math.pi))
_ERFC_FRACTION_DEPTH = 60


def _erf(values: np.ndarray) -> np.ndarray:
    """La función de error, vectorizada (numpy no la trae). Cerca de 0, la serie de Taylor; lejos, erf = 1 − erfc
    con la fracción continua de Laplace, erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
    que converge deprisa para x ≥ 2.5 (allí erfc < 1e-3, así que su error apenas toca a erf)."""
    x = np.asarray(values, dtype=np.float64)
    result = np.empty_like(x)
    near = np.abs(x) < _ERF_SERIES_LIMIT
    z = x[near] ** 2
    series = np.full_like(z, _ERF_SERIES[-1])
    for c in _ERF_SERIES[-2::-1]:  # Horner: un recorrido por coeficiente, no por elemento
        series = series * z + c
    result[near] = x[near] * series
    far = ~near
    a = np.abs(x[far])
    with np.errstate(invalid="ignore", over="ignore"):
        tail = a.copy()
        for n in range(_ERFC_FRACTION_DEPTH, 0, -1):
            tail = a + (n / 2) / tail
        erfc = np.exp(-a * a) / (math.sqrt(math.pi) * tail)
    result[far] = np.copysign(1 - erfc, x[far])
    return result.astype(values.dtype, copy=False) if values.dtype.kind == "f" else result


def _check_lerp(start: Tensor, end, weight) -> None:
    """``end`` ha de ser un tensor del tipo de ``start``, como ``weight`` si es un tensor con dimensiones (uno de
    dimensión 0 se convierte); y PyTorch solo interpola tensores reales."""
    if not isinstance(end, Tensor):
        raise TypeError(f"lerp: end debe ser un tensor, no {type(end).__name__}")
    for name, other in (("end", end), ("weight", weight)):
        if isinstance(other, Tensor) and (name == "end" or other.dim()) and other.dtype is not start.dtype:
            raise RuntimeError(f"lerp: se esperaba {name} de tipo {start.dtype}, pero es {other.dtype}")
    if not start.dtype.is_floating_point:
        raise NotImplementedError(f"lerp no está implementado para tensores {start.dtype} (solo para reales)")
