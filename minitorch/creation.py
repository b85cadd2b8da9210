"""Funciones que crean tensores: ``tensor``, ``zeros``, ``arange``, ``rand``…, con la firma de PyTorch."""

from __future__ import annotations

import math

import numpy as np

from . import dtypes, strides
from .dtypes import dtype as DType
from .random import Generator, default_generator
from .size import Size
from .storage import Storage
from .tensor import Tensor, _array_from_data, _check_cpu, _check_fits, _shape_arg, device


def _finish(array: np.ndarray, requires_grad: bool, dev=None) -> Tensor:
    if dev is not None:
        _check_cpu(dev)  # solo valida: minitorch vive en la CPU
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


def _size(args: tuple, size, name: str) -> tuple:
    """La forma pedida como ``f(2, 3)``, ``f((2, 3))`` o ``f(size=(2, 3))`` (las tres valen en PyTorch)."""
    if size is None:
        return args
    if args:
        raise TypeError(f"{name}() recibió la forma dos veces: como argumento posicional y como size=")
    if not isinstance(size, (tuple, list)):
        raise TypeError(f"{name}(): el argumento 'size' debe ser una tupla de enteros, no {type(size).__name__}")
    return (size,)


def _filled(size, value, dtype: DType | None, requires_grad: bool, dev) -> Tensor:
    shape = _shape_arg(size)
    dtype = dtype or dtypes.get_default_dtype()
    _check_fits(value, dtype)
    return _finish(np.full(shape, value, dtype=dtype.numpy), requires_grad, dev)


def zeros(*args, size=None, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    return _filled(_size(args, size, "zeros"), 0, dtype, requires_grad, device)


def ones(*args, size=None, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    return _filled(_size(args, size, "ones"), 1, dtype, requires_grad, device)


def empty(*args, size=None, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Un tensor sin inicializar. (En minitorch sale a ceros, para que los cuadernos sean reproducibles.)"""
    return _filled(_size(args, size, "empty"), 0, dtype, requires_grad, device)


def full(size, fill_value, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Un tensor lleno de ``fill_value``; su tipo se deduce del valor, como en PyTorch."""
    return _filled(size, fill_value, dtype or dtypes.of_python_scalar(fill_value), requires_grad, device)


def _like(input: Tensor, fill, dtype: DType | None, requires_grad: bool) -> Tensor:  # noqa: A002
    """Un tensor nuevo con la forma de ``input`` y, como en PyTorch, su disposición en memoria: una traspuesta
    da una traspuesta (los strides de ``clone``, ver ``strides.dense_strides_like``)."""
    d = dtype or input.dtype
    stride = strides.dense_strides_like(input._shape, input._stride)
    block = np.full(strides.numel(input._shape), fill, dtype=d.numpy)
    t = Tensor._make(Storage._wrap(block, d), input._shape, stride, 0)
    return t.requires_grad_() if requires_grad else t


def zeros_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    return _like(input, 0, dtype, requires_grad)


def ones_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    return _like(input, 1, dtype, requires_grad)


def empty_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    return _like(input, 0, dtype, requires_grad)  # con ceros, como empty: los cuadernos han de ser reproducibles


def full_like(input: Tensor, fill_value, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    d = dtype or input.dtype
    _check_fits(fill_value, d)
    return _like(input, fill_value, d, requires_grad)


# --- arange y linspace: los mismos bits que PyTorch --------------------------------------------------
# PyTorch calcula cada elemento con una FMA (``a * b + c`` redondeado una sola vez, no dos). numpy no la
# tiene, así que se emula: el producto y la suma en float64 con sus errores exactos (Dekker y Knuth), y un
# redondeo «a impar» antes del último, que evita el error del doble redondeo (Boldo y Melquiond, 2008).
# Un solo bit importa: con un único redondeo, 0.2 · 5 - 1 vale 5.55e-17 y no 0, y el tensor se imprime distinto.


def _two_sum(a, b):
    """``a + b`` redondeado y el error exacto de ese redondeo."""
    total = a + b
    b_part = total - a
    return total, (a - (total - b_part)) + (b - b_part)


def _split(a):
    """Parte ``a`` en dos mitades de 26 bits: el producto de dos mitades cabe en un float64 sin redondeo."""
    scaled = 134217729.0 * a  # 2**27 + 1
    high = scaled - (scaled - a)
    return high, a - high


def _two_prod(a, b):
    """``a * b`` redondeado y el error exacto de ese redondeo."""
    product = a * b
    (a_high, a_low), (b_high, b_low) = _split(a), _split(b)
    return product, ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low


def _add_round_to_odd(a, b):
    """``a + b`` en float64 redondeado «a impar»: truncado hacia cero y, si no es exacto, con el último
    bit a 1. Redondear después ese valor a menos bits da lo mismo que redondear la suma exacta."""
    total, error = _two_sum(a, b)
    inexact = error != 0
    # ``total`` es el redondeo al más cercano: si se pasó del valor exacto, se retrocede un paso.
    overshoot = inexact & (np.signbit(error) != np.signbit(total))
    return ((total.view(np.int64) - overshoot) | inexact).view(np.float64)


def _fma(a, b: np.ndarray, c, dtype) -> np.ndarray:
    """``a * b + c`` con un solo redondeo al tipo ``dtype`` (float32 o float64), para un número ``a``, un
    vector ``b`` y ``c`` número o vector. Los operandos se convierten antes a ``dtype``, como en C++."""
    a = float(np.asarray(a, dtype))
    c = np.broadcast_to(c, b.shape)
    result = np.empty(b.shape, dtype)
    # Por bloques: con temporales que caben en la caché, numpy va dos o tres veces más rápido.
    block = 1 << 15
    for begin in range(0, len(b), block):
        part = slice(begin, begin + block)
        x, y = (np.asarray(np.asarray(v[part], dtype), np.float64) for v in (b, c))
        if dtype == np.float32:
            # El producto de dos float32 es exacto en float64: basta con no redondear dos veces la suma.
            result[part] = _add_round_to_odd(a * x, y)
        else:
            product, product_error = _two_prod(a, x)
            total, total_error = _two_sum(product, y)
            exact = total + _add_round_to_odd(total_error, product_error)
            # Si da 0, a·b + c es exacta y ``total`` trae el signo correcto (-0.0 solo si a·b y c son -0.0).
            result[part] = np.where(exact == 0, total, exact)
    return result


def _arange_values(start: float, step: float, count: int, dtype: np.dtype) -> np.ndarray:
    """Los valores de ``arange`` en float32 o float64, como los calcula PyTorch en una CPU x86 (AVX2 o AVX-512).

    Cada elemento es ``start + i·step`` en float64, salvo en la parte que PyTorch rellena con vectores de
    32 bytes (8 float32 o 4 float64), dos por vuelta: allí solo el primer elemento de cada vector se
    calcula así (y se convierte al tipo de salida); los demás son ese primero más ``k·step``. Con más de
    32768 elementos, PyTorch reparte el trabajo entre hilos y los vectores empiezan donde empieza cada
    trozo; aquí se reproduce lo que hace un solo hilo.
    """
    exact_below = 2.0 ** (np.finfo(dtype).nmant + 1)  # hasta aquí, el tipo representa todos los enteros
    if start.is_integer() and step.is_integer() and max(abs(start), abs(start + step * count)) < exact_below:
        # Enteros exactos (arange(10.), arange(0., 10., 2.)): no hay redondeos que imitar, y es lo más frecuente.
        return (start + np.arange(count, dtype=np.float64) * step).astype(dtype)
    lanes = 32 // dtype.itemsize
    vectorized = count - count % (2 * lanes)
    first = _fma(step, np.arange(0, vectorized, lanes), start, np.float64).astype(dtype)
    body = _fma(step, np.tile(np.arange(lanes), len(first)), np.repeat(first, lanes), np.float64)
    body[::lanes] = first  # el primero va tal cual: sumarle 0·step convertiría -0.0 en 0.0
    rest = _fma(step, np.arange(vectorized, count), start, np.float64)
    return np.concatenate([body, rest]).astype(dtype, copy=False)


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
    if dtype.is_floating_point:
        values = _arange_values(float(start), float(step), count, dtype.numpy)
    else:
        values = (start + np.arange(count, dtype=np.int64) * step).astype(dtype.numpy)
    return _finish(values, requires_grad, device)


def linspace(start, end, steps: int, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """``steps`` números equiespaciados de ``start`` a ``end``, ambos incluidos."""
    if steps < 0:
        raise RuntimeError(f"linspace: el número de pasos debe ser no negativo, no {steps}")
    d = _float_dtype(dtype)
    if steps == 1:
        return _finish(np.full(1, start, dtype=d.numpy), requires_grad, device)
    if d.is_floating_point:
        # Como PyTorch, el paso y cada elemento se calculan en el tipo de salida, no en float64.
        work = d.numpy
        first, last = work.type(start), work.type(end)
        step = (last - first) / work.type(steps - 1)
    else:
        # Con un tipo entero, los extremos se truncan, el paso se calcula en float64 y cada valor se trunca.
        work = np.dtype(np.float64)
        first, last = int(start), int(end)
        step = (float(last) - float(first)) / (steps - 1)
    # La primera mitad se cuenta desde start y la segunda desde end: así los dos extremos salen exactos.
    half = steps // 2
    from_start = _fma(step, np.arange(half), first, work)
    from_end = _fma(-step, np.arange(steps - half - 1, -1, -1), last, work)
    return _finish(np.concatenate([from_start, from_end]).astype(d.numpy, copy=False), requires_grad, device)


def eye(n: int, m: int | None = None, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """La matriz identidad ``n x m`` (``m = n`` si no se indica)."""
    if n < 0 or (m is not None and m < 0):
        raise RuntimeError(f"eye: las dimensiones deben ser no negativas (n={n}, m={m})")
    return _finish(np.eye(n, m, dtype=_float_dtype(dtype).numpy), requires_grad, device)


# --- aleatorias: los mismos números que PyTorch con la misma semilla --------------------------------
def rand(*args, size=None, generator: Generator | None = None, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Números uniformes en ``[0, 1)``."""
    t = empty(*_size(args, size, "rand"), dtype=_float_dtype(dtype), device=device).uniform_(generator=generator)
    return t.requires_grad_() if requires_grad else t


def randn(*args, size=None, generator: Generator | None = None, dtype: DType | None = None, device=None, requires_grad: bool = False) -> Tensor:
    """Números de una normal de media 0 y desviación 1."""
    t = empty(*_size(args, size, "randn"), dtype=_float_dtype(dtype), device=device).normal_(generator=generator)
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
    """Como ``rand``, con la disposición de ``input``: los números se reparten en el orden de su memoria."""
    t = _like(input, 0, dtype, False).uniform_()
    return t.requires_grad_() if requires_grad else t


def randn_like(input: Tensor, *, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    t = _like(input, 0, dtype, False).normal_()
    return t.requires_grad_() if requires_grad else t


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
