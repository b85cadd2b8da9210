"""Funciones que crean tensores: ``tensor``, ``zeros``, ``arange``, ``rand``…, con la firma de PyTorch."""

from __future__ import annotations

import math

import numpy as np

from . import dtypes, strides
from .dtypes import dtype as DType
from .random import Generator, default_generator
from .size import Size
from .storage import Storage
from .tensor import Tensor, _array_from_data, _shape_arg, device


def _finish(array: np.ndarray, requires_grad: bool, dev=None) -> Tensor:
    if dev is not None:
        device(dev)  # solo valida: minitorch vive en la CPU
    t = Tensor._from_array(array)
    return t.requires_grad_() if requires_grad else t


def _float_dtype(dtype: DType | None) -> DType:
    return dtype or dtypes.get_default_dtype()


def tensor(data, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Crea un tensor nuevo (con su propio almacenamiento) a partir de listas, números o arrays.

    El tipo se deduce como en PyTorch: bools dan ``bool``, enteros ``int64`` y reales el tipo real
    por defecto (``float32``). Un array de numpy conserva su tipo.
    """
    return _finish(_array_from_data(data, dtypes.get_default_dtype(), dtype), requires_grad, device)


def as_tensor(data, dtype: DType | None = None, device=None) -> Tensor:
    """Como ``tensor``, pero sin copiar cuando ``data`` ya es un tensor o un array del tipo pedido."""
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    if isinstance(data, np.ndarray) and (dtype is None or data.dtype == dtype.numpy):
        return from_numpy(data)
    return tensor(data, dtype=dtype, device=device)


def from_numpy(array: np.ndarray) -> Tensor:
    """Un tensor que comparte la memoria de ``array``: escribir en uno cambia el otro."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"se esperaba un np.ndarray, pero se recibió {type(array).__name__}")
    dtypes.from_numpy_dtype(array.dtype)  # falla con un TypeError si el tipo no se admite
    itemsize = array.itemsize
    if any(s < 0 for s in array.strides):
        raise ValueError(
            "al menos un stride del array de numpy es negativo, y los tensores no admiten strides negativos; "
            "haz una copia con array.copy()"
        )
    if any(s % itemsize for s in array.strides):
        raise ValueError("los strides del array de numpy no son múltiplos del tamaño de su tipo")
    stride = tuple(s // itemsize for s in array.strides)
    span = 0 if array.size == 0 else 1 + sum((n - 1) * s for n, s in zip(array.shape, stride))
    flat = np.lib.stride_tricks.as_strided(array, (span,), (itemsize,))
    t = Tensor._make(Storage(flat), array.shape, stride, 0)
    t._cached = array
    return t


def _filled(size, value, dtype: DType | None, requires_grad: bool, dev) -> Tensor:
    shape = _shape_arg(size)
    return _finish(np.full(shape, value, dtype=(dtype or dtypes.get_default_dtype()).numpy), requires_grad, dev)


def zeros(*size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    return _filled(size, 0, dtype, requires_grad, device)


def ones(*size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    return _filled(size, 1, dtype, requires_grad, device)


def empty(*size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Un tensor sin inicializar. (En minitorch sale a ceros, para que los cuadernos sean reproducibles.)"""
    return _filled(size, 0, dtype, requires_grad, device)


def full(size, fill_value, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Un tensor lleno de ``fill_value``; su tipo se deduce del valor, como en PyTorch."""
    return _filled(size, fill_value, dtype or dtypes.of_python_scalar(fill_value), requires_grad, device)


def _like(reference: Tensor, dtype: DType | None):
    return reference._shape, dtype or reference.dtype


def zeros_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    shape, d = _like(input, dtype)
    return zeros(shape, dtype=d, requires_grad=requires_grad)


def ones_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    shape, d = _like(input, dtype)
    return ones(shape, dtype=d, requires_grad=requires_grad)


def empty_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    shape, d = _like(input, dtype)
    return empty(shape, dtype=d, requires_grad=requires_grad)


def full_like(input: Tensor, fill_value, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    shape, d = _like(input, dtype)
    return full(shape, fill_value, dtype=d, requires_grad=requires_grad)


def arange(start, end=None, step=1, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Los números de ``start`` (incluido) a ``end`` (excluido) de ``step`` en ``step``."""
    if end is None:
        start, end = 0, start
    if step == 0:
        raise RuntimeError("arange: el paso debe ser distinto de cero")
    if (end - start) * step < 0:
        raise RuntimeError(f"arange: los límites no son coherentes con el signo del paso (start={start}, end={end}, step={step})")
    if dtype is None:
        integral = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end, step))
        dtype = dtypes.int64 if integral else dtypes.get_default_dtype()
    if not dtype.is_floating_point:
        # Como PyTorch: con un tipo entero, los límites y el paso se truncan antes de contar.
        start, end, step = math.trunc(start), math.trunc(end), math.trunc(step)
        if step == 0:
            raise ValueError(f"arange: el paso, truncado a entero para el tipo {dtype}, vale 0")
    count = max(0, math.ceil((end - start) / step))
    # Como PyTorch, se calcula en doble precisión (start + i * step) y luego se convierte.
    values = start + np.arange(count, dtype=np.float64 if dtype.is_floating_point else np.int64) * step
    return _finish(values.astype(dtype.numpy), requires_grad, device)


def linspace(start, end, steps: int, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """``steps`` números equiespaciados de ``start`` a ``end``, ambos incluidos."""
    if steps < 0:
        raise RuntimeError(f"linspace: el número de pasos debe ser no negativo, no {steps}")
    d = _float_dtype(dtype)
    values = np.linspace(start, end, steps, dtype=np.float64)
    return _finish(values.astype(d.numpy), requires_grad, device)


def eye(n: int, m: int | None = None, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """La matriz identidad ``n x m`` (``m = n`` si no se indica)."""
    if n < 0 or (m is not None and m < 0):
        raise RuntimeError(f"eye: las dimensiones deben ser no negativas (n={n}, m={m})")
    return _finish(np.eye(n, m, dtype=_float_dtype(dtype).numpy), requires_grad, device)


# --- aleatorias: los mismos números que PyTorch con la misma semilla --------------------------------
def rand(*size, generator: Generator | None = None, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Números uniformes en ``[0, 1)``."""
    t = empty(*size, dtype=_float_dtype(dtype), device=device).uniform_(generator=generator)
    return t.requires_grad_() if requires_grad else t


def randn(*size, generator: Generator | None = None, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Números de una normal de media 0 y desviación 1."""
    t = empty(*size, dtype=_float_dtype(dtype), device=device).normal_(generator=generator)
    return t.requires_grad_() if requires_grad else t


def normal(mean, std=1.0, size=None, *, generator: Generator | None = None, dtype: DType | None = None,
           device=None, requires_grad: bool = False) -> Tensor:
    """Números de una normal de media ``mean`` y desviación ``std``: dos números y una forma (``size``), o
    tensores (uno por elemento, con difusión entre ellos). Con tensores es ``randn · std + mean``."""
    if not isinstance(mean, Tensor) and not isinstance(std, Tensor):
        if size is None:
            raise TypeError("normal con una media y una desviación numéricas necesita la forma del resultado (size)")
        t = empty(size, dtype=_float_dtype(dtype), device=device).normal_(mean, std, generator=generator)
        return t.requires_grad_() if requires_grad else t
    like = mean if isinstance(mean, Tensor) else std
    if isinstance(std, Tensor) and std.numel() and bool((std < 0).any()):
        raise RuntimeError("normal espera que todos los elementos de std sean >= 0.0")
    shape = strides.broadcast_shapes(*(t._shape for t in (mean, std) if isinstance(t, Tensor)))
    noise = empty(shape, dtype=like.dtype).normal_(generator=generator)
    return noise * std + mean


def rand_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    return rand(input._shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    return randn(input._shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randint(low, high=None, size=None, *, generator: Generator | None = None, dtype: DType | None = None, device=None) -> Tensor:
    """Enteros en ``[low, high)``; como en PyTorch, ``randint(high, size)`` también vale."""
    if size is None:
        low, high, size = 0, low, high
    if size is None:
        raise TypeError("randint necesita el argumento size (una tupla con la forma)")
    t = empty(size, dtype=dtype or dtypes.int64, device=device)
    return t.random_(low, high, generator=generator)


def randperm(n: int, *, generator: Generator | None = None, dtype: DType | None = None) -> Tensor:
    """Una permutación aleatoria de ``0, 1, ..., n - 1``."""
    values = (generator or default_generator).permutation(n)
    return Tensor._from_array(values, dtype or dtypes.int64)


# --- los constructores antiguos: FloatTensor, LongTensor… -----------------------------------------------
class _LegacyTensorType(type):
    """``FloatTensor`` y compañía, los constructores de las primeras versiones de PyTorch, que aún aparecen en
    tutoriales: ``FloatTensor([1, 2])`` crea un tensor ``float32`` con esos datos, ``FloatTensor(2, 3)`` uno de
    esa forma (con ceros, como ``empty``) e ``isinstance(t, FloatTensor)`` dice si ``t`` es de ese tipo."""

    def __instancecheck__(cls, obj) -> bool:
        return isinstance(obj, Tensor) and obj.dtype is cls.dtype

    def __call__(cls, *args):
        if len(args) == 1 and isinstance(args[0], Tensor):
            if args[0].dtype is not cls.dtype:
                raise TypeError(f"{cls.__name__} espera un tensor {cls.dtype}, pero recibió uno {args[0].dtype}")
            return args[0]
        if len(args) == 1 and isinstance(args[0], (list, tuple, np.ndarray)) and not isinstance(args[0], Size):
            return tensor(args[0], dtype=cls.dtype)
        return zeros(_shape_arg(args) if args else (0,), dtype=cls.dtype)

    def __repr__(cls) -> str:
        return f"<class 'minitorch.{cls.__name__}'>"


FloatTensor = _LegacyTensorType("FloatTensor", (), {"dtype": dtypes.float32})
DoubleTensor = _LegacyTensorType("DoubleTensor", (), {"dtype": dtypes.float64})
LongTensor = _LegacyTensorType("LongTensor", (), {"dtype": dtypes.int64})
IntTensor = _LegacyTensorType("IntTensor", (), {"dtype": dtypes.int32})
BoolTensor = _LegacyTensorType("BoolTensor", (), {"dtype": dtypes.bool})
