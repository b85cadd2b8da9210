"""Reducciones: ``sum``, ``mean``, ``max``, ``var``, ``softmax``… sobre todo el tensor o a lo largo de
una o varias dimensiones (``dim``, o ``axis`` como en numpy).
"""

from __future__ import annotations

import builtins
import math
import warnings

import numpy as np

from .. import dtypes, strides
from ..dtypes import dtype as DType
from ..tensor import Tensor, _check_single_dim, _MAX, _MEDIAN, _MIN, _reduction_result


# numpy calcula estas en Python: sus avisos no pasan por el filtro de arriba (no vienen de minitorch).
_REDUCTIONS_IN_PYTHON = (np.ndarray.var, np.ndarray.std)


class ReductionMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- softmax --------------------------------------------------------------------------------------
    def softmax(self, dim: int, dtype: DType | None = None) -> "Tensor":
        """``e^x / Σ e^x`` a lo largo de ``dim``: números positivos que suman 1 (probabilidades)."""
        x, axis, out = self._along_dim(dim, dtype, "softmax")
        # e^x desborda con x grandes (e^100 no cabe en float32), pero restar una constante no cambia el
        # resultado: con el máximo, todos los exponentes son ≤ 0.
        exps = np.exp(x - np.maximum.reduce(x, axis=axis, keepdims=True, initial=-np.inf))  # initial: por si dim mide 0
        exps /= np.add.reduce(exps, axis=axis, keepdims=True)
        # PyTorch calcula softmax sobre una copia contigua de la entrada: el resultado es siempre contiguo.
        return Tensor._from_array(np.asarray(exps.reshape(out), order="C"), self._storage.dtype if dtype is None else dtype)

    def log_softmax(self, dim: int, dtype: DType | None = None) -> "Tensor":
        """``x − log Σ e^x`` a lo largo de ``dim``: el logaritmo de ``softmax``, sin pasar por números enormes."""
        x, axis, out = self._along_dim(dim, dtype, "log_softmax")
        shifted = x - np.maximum.reduce(x, axis=axis, keepdims=True, initial=-np.inf)  # initial: por si dim mide 0
        shifted -= np.log(np.add.reduce(np.exp(shifted), axis=axis, keepdims=True))
        return Tensor._from_array(np.asarray(shifted.reshape(out), order="C"), self._storage.dtype if dtype is None else dtype)

    def _along_dim(self, dim: int, dtype: DType | None, name: str):
        """Los valores (en ``dtype``), el eje de ``dim`` y la forma del resultado; un escalar cuenta como 1-D."""
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))  # PyTorch mira dim antes que el tipo
        source = self if dtype is None else self.to(dtype)
        # PyTorch no tiene este cálculo para enteros; con un tensor vacío no llega a buscarlo (y el resultado
        # vacío conserva el tipo entero)
        if not source.dtype.is_floating_point and 0 not in source._shape:
            raise NotImplementedError(f"{name} necesita un tensor real, pero la entrada es {source.dtype}")
        values = source._values()
        if not source.dtype.is_floating_point:
            values = values.astype(np.float64)  # vacío: el cálculo no hace nada, pero numpy lo necesita real
        return (values if values.ndim else values.reshape(1)), axis, values.shape

    # --- reducciones ----------------------------------------------------------------------------------
    def _reduce_axes(self, dim) -> tuple[int, ...] | None:
        if dim is None:
            return None
        if type(dim) is builtins.int and self._shape:  # lo más común: una sola dimensión
            return (strides.normalize_dim(dim, len(self._shape)),)
        dims = dim if isinstance(dim, (tuple, list)) else (dim,)
        if not dims:
            return None
        axes = tuple(strides.normalize_dim(d, self.dim()) for d in dims)
        if len(set(axes)) != len(axes):
            raise RuntimeError(f"la dimensión {axes[0]} aparece más de una vez en la lista de dimensiones {list(dims)}")
        return axes if self._shape else ()

    def _reduce(self, npfunc, dim, keepdim: bool, out_dtype: DType, **kwargs) -> "Tensor":
        """Reduce con ``npfunc``: un ufunc (``np.add`` para sumar: se usa su ``reduce``, sin la capa de Python
        de ``np.sum``, y acumula en ``out_dtype``) o una función con los argumentos ``axis`` y ``keepdims``."""
        axes = self._reduce_axes(dim)
        values = self._cached
        if values is None:
            values = self._values()
        if values.dtype is not out_dtype.numpy and out_dtype.is_floating_point and values.dtype != out_dtype.numpy:
            values = values.astype(out_dtype.numpy)
        if type(npfunc) is np.ufunc:  # sum y prod: su reduce, con argumentos posicionales (lo más barato)
            if axes is None and not keepdim:
                # Al reducir todo, un out= de dimensión 0 hace que reduce dé un array (ya contiguo) y no un
                # escalar de numpy, que habría que volver a convertir.
                total = npfunc.reduce(values, None, out_dtype.numpy, np.empty((), out_dtype.numpy), False)
                return Tensor._from_array(total, out_dtype)
            result = npfunc.reduce(values, axes, out_dtype.numpy, None, keepdim)
        elif npfunc in _REDUCTIONS_IN_PYTHON:
            with warnings.catch_warnings():  # PyTorch da inf o nan sin avisar (también con 0 elementos)
                warnings.simplefilter("ignore", RuntimeWarning)
                result = npfunc(values, axis=axes, keepdims=keepdim, **kwargs)
        else:
            result = npfunc(values, axis=axes, keepdims=keepdim, **kwargs)
        return Tensor._from_array(_reduction_result(result), out_dtype)

    def _accumulating_dtype(self, requested: DType | None) -> DType:
        """Sumas y productos de enteros o bools se acumulan en ``int64`` (como en PyTorch)."""
        if requested is not None:
            return requested
        dtype = self._storage.dtype
        return dtype if dtype.is_floating_point else dtypes.int64

    def sum(self, dim=None, keepdim: bool = False, *, dtype: DType | None = None) -> "Tensor":
        return self._reduce(np.add, dim, keepdim, self._accumulating_dtype(dtype))

    def nansum(self, dim=None, keepdim: bool = False, *, dtype: DType | None = None) -> "Tensor":
        """La suma sin contar los NaN (como si valieran 0)."""
        out = self._accumulating_dtype(dtype)
        return self._reduce(np.nansum, dim, keepdim, out, dtype=out.numpy)

    def count_nonzero(self, dim=None) -> "Tensor":
        """Cuántos elementos no son cero (en todo el tensor o a lo largo de ``dim``, que puede ser una lista)."""
        return (self != 0).sum(dim)

    def median(self, dim=None, keepdim: bool = False):
        """La mediana; con un número par de datos, el menor de los dos centrales (como PyTorch, no su media).
        Sin ``dim``, de todo el tensor; con ``dim``, la tupla ``(values, indices)``. Un NaN es la mediana de su fila."""
        if self.dtype is dtypes.bool:
            raise NotImplementedError("median no está implementado para tensores bool")
        if dim is None:
            values = self._values().reshape(-1)
            if values.size == 0:
                return Tensor._from_array(np.array(np.nan, self._storage.dtype.numpy), self.dtype)
            return Tensor._from_array(self._median_along(values, 0)[0], self.dtype)
        _check_single_dim("median", dim)
        self._check_reducible("median", dim, IndexError)
        axis = strides.normalize_dim(dim, self.dim())
        values = self._values() if self._shape else self._values().reshape(1)
        chosen, indices = self._median_along(values, 0 if not self._shape else axis)
        if not self._shape:
            chosen, indices = chosen.reshape(()), indices.reshape(())
        elif keepdim:
            chosen, indices = np.expand_dims(chosen, axis), np.expand_dims(indices, axis)
        return _MEDIAN(Tensor._from_array(chosen, self.dtype), Tensor._from_array(indices, dtypes.int64))

    @staticmethod
    def _median_along(values: np.ndarray, axis: int):
        """Los valores y posiciones de la mediana a lo largo de ``axis`` (sin esa dimensión)."""
        order = np.argsort(values, axis=axis, kind="stable")  # numpy deja los NaN al final
        middle = np.take(order, [(values.shape[axis] - 1) // 2], axis=axis)
        if values.dtype.kind == "f":
            nan = np.isnan(values)
            first_nan = np.expand_dims(np.argmax(nan, axis=axis), axis)
            middle = np.where(np.expand_dims(nan.any(axis=axis), axis), first_nan, middle)
        chosen = np.take_along_axis(values, middle, axis)
        return chosen.squeeze(axis), middle.squeeze(axis).astype(np.int64)

    def prod(self, dim=None, keepdim: bool = False, *, dtype: DType | None = None) -> "Tensor":
        if isinstance(dim, (tuple, list)):
            raise TypeError("prod() solo acepta una dimensión (un entero), no una lista")
        out = self._accumulating_dtype(dtype)
        with np.errstate(over="ignore"):  # un producto grande da inf sin avisar, como en PyTorch
            return self._reduce(np.multiply, dim, keepdim, out)

    def _require_float_reduction(self, name: str, dtype: DType | None) -> DType:
        out = dtype or self.dtype
        if not out.is_floating_point:
            raise RuntimeError(
                f"{name}(): no se puede deducir el tipo del resultado: la entrada debe ser real, pero es {self.dtype}"
            )
        return out

    def mean(self, dim=None, keepdim: bool = False, *, dtype: DType | None = None) -> "Tensor":
        out = self._require_float_reduction("mean", dtype)
        return self._reduce(_mean, dim, keepdim, out, dtype=out.numpy)

    def var(self, dim=None, unbiased: bool | None = None, keepdim: bool = False, *, correction=None) -> "Tensor":
        out = self._require_float_reduction("var", None)
        ddof = _correction(unbiased, correction)
        return self._warn_no_freedom("var", self._reduce(np.ndarray.var, dim, keepdim, out, ddof=ddof), ddof)

    def std(self, dim=None, unbiased: bool | None = None, keepdim: bool = False, *, correction=None) -> "Tensor":
        out = self._require_float_reduction("std", None)
        ddof = _correction(unbiased, correction)
        return self._warn_no_freedom("std", self._reduce(np.ndarray.std, dim, keepdim, out, ddof=ddof), ddof)

    def _warn_no_freedom(self, name: str, result: "Tensor", ddof) -> "Tensor":
        """La varianza de un solo dato (con la corrección de Bessel) es 0/0: sale nan y, como PyTorch, se avisa."""
        if result.numel() and self.numel() // result.numel() - ddof <= 0:
            warnings.warn(
                f"{name}(): no quedan grados de libertad (datos por resultado: {self.numel() // result.numel()}; "
                f"corrección: {ddof}): el resultado es nan o infinito",
                UserWarning,
                stacklevel=3,
            )
        return result

    def _extreme(self, name: str, npfunc, argfunc, dim, keepdim: bool, result_type_):
        if isinstance(dim, Tensor):
            return self.maximum(dim) if name == "max" else self.minimum(dim)
        _check_single_dim(name, dim)
        self._check_reducible(name, dim)
        if dim is None:
            return Tensor._from_array(npfunc(self._values()), self.dtype)
        axis = strides.normalize_dim(dim, self.dim())
        values = self._values() if self._shape else self._values().reshape(1)
        if not self._shape:
            axis = 0
        indices = argfunc(values, axis=axis, keepdims=keepdim)
        chosen = np.take_along_axis(values, indices if keepdim else np.expand_dims(indices, axis), axis)
        if not keepdim:
            chosen = chosen.squeeze(axis)
        if not self._shape:
            chosen, indices = chosen.reshape(()), indices.reshape(())
        return result_type_(Tensor._from_array(chosen, self.dtype), Tensor._from_array(indices, dtypes.int64))

    def max(self, dim=None, keepdim: bool = False):
        """Sin ``dim``, el máximo; con ``dim``, la tupla ``(values, indices)``; con un tensor, ``maximum``."""
        # numpy y PyTorch coinciden: un NaN es a la vez el máximo y el mínimo, y gana el primero.
        return self._extreme("max", np.max, np.argmax, dim, keepdim, _MAX)

    def min(self, dim=None, keepdim: bool = False):
        return self._extreme("min", np.min, np.argmin, dim, keepdim, _MIN)

    def _check_reducible(self, name: str, dim, no_dim_error=RuntimeError) -> None:
        """max, min, argmax... no tienen valor neutro: no pueden reducir una dimensión vacía."""
        if self.numel() != 0:
            return
        dims = () if dim is None else dim if isinstance(dim, (tuple, list)) else (dim,)
        if not dims:
            raise no_dim_error(
                f"{name}(): el tensor de forma {list(self._shape)} está vacío; indica con 'dim' qué dimensión reducir"
            )
        for d in dims:
            d = strides.normalize_dim(d, self.dim())
            if self._shape[d] == 0:
                raise IndexError(f"{name}(): la dimensión {d} que se reduce tiene tamaño 0 (forma {list(self._shape)})")

    def _check_not_bool(self, name: str) -> None:
        if self.dtype is dtypes.bool:
            raise RuntimeError(f"{name}() no admite tensores bool")

    def cumsum(self, dim: int, *, dtype: DType | None = None) -> "Tensor":
        """Sumas acumuladas a lo largo de ``dim``: ``[a, a + b, a + b + c, …]`` (enteros y bools, en ``int64``)."""
        out = self._accumulating_dtype(dtype)
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        values = self._values()
        if out is dtypes.bool and values.ndim and values.size:  # PyTorch no acumula en bool (salvo sin nada que sumar)
            raise NotImplementedError("cumsum no está implementado con dtype=minitorch.bool")
        if not values.ndim:
            return Tensor._from_array(values.astype(out.numpy), out)
        return Tensor._from_array(np.ascontiguousarray(np.cumsum(values, axis=axis, dtype=out.numpy)), out)  # como PyTorch

    def cumprod(self, dim: int, *, dtype: DType | None = None) -> "Tensor":
        """Productos acumulados a lo largo de ``dim``: ``[a, a·b, a·b·c, …]`` (enteros y bools, en ``int64``)."""
        out = self._accumulating_dtype(dtype)
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        values = self._values()
        if out is dtypes.bool and values.ndim and values.size:  # como cumsum: PyTorch no acumula en bool
            raise NotImplementedError("cumprod no está implementado con dtype=minitorch.bool")
        if not values.ndim:
            return Tensor._from_array(values.astype(out.numpy), out)
        with np.errstate(over="ignore", invalid="ignore"):  # inf y nan sin avisar, como en PyTorch
            return Tensor._from_array(np.ascontiguousarray(np.cumprod(values, axis=axis, dtype=out.numpy)), out)

    def logsumexp(self, dim, keepdim: bool = False) -> "Tensor":
        """``log Σ e^x`` a lo largo de ``dim``, sin desbordar: se resta el máximo antes de calcular las exponenciales."""
        source = self if self.dtype.is_floating_point else self.to(dtypes.get_default_dtype())
        axes = source._reduce_axes(dim)
        values = source._values()
        if values.size == 0:
            largest = np.full(np.add.reduce(values, axis=axes, keepdims=True).shape, -np.inf, values.dtype)
        else:
            largest = np.maximum.reduce(values, axis=axes, keepdims=True)
        finite = np.where(np.isfinite(largest), largest, 0)  # -inf - (-inf) sería nan: con todo -inf sale -inf
        with np.errstate(divide="ignore"):
            result = np.log(np.add.reduce(np.exp(values - finite), axis=axes, keepdims=True)) + finite
        if not keepdim:
            result = result.reshape(np.add.reduce(values, axis=axes).shape)
        return Tensor._from_array(_reduction_result(result), source.dtype)

    def amax(self, dim=(), keepdim: bool = False) -> "Tensor":
        self._check_reducible("amax", dim)
        return self._reduce(np.max, dim, keepdim, self.dtype)

    def amin(self, dim=(), keepdim: bool = False) -> "Tensor":
        self._check_reducible("amin", dim)
        return self._reduce(np.min, dim, keepdim, self.dtype)

    def argmax(self, dim: int | None = None, keepdim: bool = False) -> "Tensor":
        _check_single_dim("argmax", dim)
        self._check_not_bool("argmax")
        self._check_reducible("argmax", dim, IndexError)
        if dim is None:
            return Tensor._from_array(np.argmax(self._values().reshape(-1), axis=0), dtypes.int64)
        return self.max(dim, keepdim).indices

    def argmin(self, dim: int | None = None, keepdim: bool = False) -> "Tensor":
        _check_single_dim("argmin", dim)
        self._check_not_bool("argmin")
        self._check_reducible("argmin", dim, IndexError)
        if dim is None:
            return Tensor._from_array(np.argmin(self._values().reshape(-1), axis=0), dtypes.int64)
        return self.min(dim, keepdim).indices

    def norm(self, p="fro", dim=None, keepdim: bool = False, dtype: DType | None = None) -> "Tensor":
        """La norma ``p`` de los elementos (de todos, o a lo largo de ``dim``): ``(Σ |x|^p)^(1/p)``.

        ``p=2`` (o ``'fro'``) es la longitud euclídea; ``p=1``, la suma de los valores absolutos;
        ``p=inf``, el mayor valor absoluto, y ``p=0``, cuántos elementos no son cero.
        """
        source = self if dtype is None else self.to(dtype)
        if not source.dtype.is_floating_point:
            raise RuntimeError(f"norm: se esperaba un tensor real (de coma flotante), pero es de tipo {source.dtype}")
        order = _norm_order(p)
        axes = source._reduce_axes(dim)
        magnitude = np.abs(source._values())
        if magnitude.size == 0 and order == math.inf:
            raise RuntimeError("norm: la norma infinito de un tensor vacío no está definida (el máximo de nada)")
        if order == math.inf:
            result = np.maximum.reduce(magnitude, axis=axes, keepdims=keepdim)
        elif order == -math.inf:
            result = np.minimum.reduce(magnitude, axis=axes, keepdims=keepdim, initial=math.inf)
        elif order == 0:
            result = np.add.reduce(magnitude != 0, axis=axes, keepdims=keepdim, dtype=magnitude.dtype)
        elif order == 1:
            result = np.add.reduce(magnitude, axis=axes, keepdims=keepdim)
        elif order == 2:
            result = np.sqrt(np.add.reduce(magnitude * magnitude, axis=axes, keepdims=keepdim))
        else:
            result = np.add.reduce(magnitude**order, axis=axes, keepdims=keepdim) ** (1 / order)
        return Tensor._from_array(_reduction_result(result), source.dtype)


def _mean(values: np.ndarray, axis, keepdims: bool, dtype) -> np.ndarray:
    """La suma entre el número de elementos sumados (sin pasar por la capa de Python de ``np.mean``)."""
    total = np.add.reduce(values, axis=axis, keepdims=keepdims, dtype=dtype)
    count = values.size if axis is None else strides.numel(tuple(values.shape[a] for a in axis))
    if count == 0:
        with np.errstate(invalid="ignore"):  # sin elementos: 0 / 0 = nan, como PyTorch (sin aviso)
            return np.true_divide(total, count, dtype=dtype)
    return np.true_divide(total, count, dtype=dtype)


def _correction(unbiased, correction) -> int:
    if correction is not None:
        return correction
    return 0 if unbiased is False else 1


def _norm_order(p) -> float:
    """El orden de ``norm`` como número: ``'fro'`` es la norma 2 (la de Frobenius, para matrices)."""
    if p == "fro":
        return 2.0
    if isinstance(p, builtins.bool) or not isinstance(p, (builtins.int, builtins.float)):
        raise RuntimeError(f"norm: el orden p debe ser un número o 'fro', no {p!r}")
    return builtins.float(p)
