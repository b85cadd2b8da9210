"""Las funciones de nivel superior (``minitorch.add``, ``minitorch.cat``…): delegan en los métodos de ``Tensor``.

Así cada operación se implementa (y se deriva) en un único sitio, el método del tensor.
"""

from __future__ import annotations

import functools as _functools
import warnings as _warnings
from typing import Sequence

import numpy as _np

from . import dtypes as _dtypes

from .creation import tensor as _tensor
from . import strides as _strides
from .size import Size
from .tensor import Tensor, _accepting_numpy_keywords, _tensor_list


def add(input: Tensor, other, *, alpha=1) -> Tensor:  # noqa: A002 (nombres de PyTorch)
    return input.add(other, alpha=alpha)


def sub(input: Tensor, other, *, alpha=1) -> Tensor:  # noqa: A002
    return input.sub(other, alpha=alpha)


def mul(input: Tensor, other) -> Tensor:  # noqa: A002
    return input.mul(other)


def div(input: Tensor, other, *, rounding_mode=None) -> Tensor:  # noqa: A002
    return input.div(other, rounding_mode=rounding_mode)


def floor_divide(input, other) -> Tensor:  # noqa: A002
    if not isinstance(input, Tensor):
        return other._rfloor_divide(input)
    return input.floor_divide(other)


def remainder(input, other) -> Tensor:  # noqa: A002
    if not isinstance(input, Tensor):
        return other._rremainder(input)
    return input.remainder(other)


def pow(input, exponent) -> Tensor:  # noqa: A001,A002
    if not isinstance(input, Tensor):
        return exponent._rpow(input)
    return input.pow(exponent)


def neg(input: Tensor) -> Tensor:  # noqa: A002
    return input.neg()


def abs(input: Tensor) -> Tensor:  # noqa: A001,A002
    return input.abs()


def exp(input: Tensor) -> Tensor:  # noqa: A002
    return input.exp()


def log(input: Tensor) -> Tensor:  # noqa: A002
    return input.log()


def sqrt(input: Tensor) -> Tensor:  # noqa: A002
    return input.sqrt()


def sin(input: Tensor) -> Tensor:  # noqa: A002
    return input.sin()


def cos(input: Tensor) -> Tensor:  # noqa: A002
    return input.cos()


def tanh(input: Tensor) -> Tensor:  # noqa: A002
    return input.tanh()


def sigmoid(input: Tensor) -> Tensor:  # noqa: A002
    return input.sigmoid()


def relu(input: Tensor) -> Tensor:  # noqa: A002
    return input.relu()


def clamp(input: Tensor, min=None, max=None) -> Tensor:  # noqa: A001,A002
    return input.clamp(min, max)


clip = clamp


def maximum(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    return input.maximum(other)


def minimum(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    return input.minimum(other)


def where(condition: Tensor, input=None, other=None):  # noqa: A002
    """``input`` donde ``condition`` es cierta y ``other`` donde no. Sin ellos, dónde es cierta:
    ``condition.nonzero(as_tuple=True)``."""
    if input is None and other is None:
        return condition.nonzero(as_tuple=True)
    if input is None or other is None:
        raise TypeError("where() necesita los dos valores, input y other, o ninguno")
    if not isinstance(input, Tensor):
        input = _tensor(input)  # un número pasa a tensor de dimensión 0: pesa menos en la promoción
    return input.where(condition, other)


def sum(input: Tensor, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: A001,A002
    return input.sum(dim, keepdim, dtype=dtype)


def mean(input: Tensor, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: A002
    return input.mean(dim, keepdim, dtype=dtype)


def gather(input: Tensor, dim: int, index: Tensor) -> Tensor:  # noqa: A002
    return input.gather(dim, index)


def index_select(input: Tensor, dim: int, index: Tensor) -> Tensor:  # noqa: A002
    return input.index_select(dim, index)


def masked_select(input: Tensor, mask: Tensor) -> Tensor:  # noqa: A002
    return input.masked_select(mask)


def sort(input: Tensor, dim: int = -1, descending: bool = False, stable: bool = False):  # noqa: A002
    return input.sort(dim, descending, stable)


def argsort(input: Tensor, dim: int = -1, descending: bool = False, stable: bool = False) -> Tensor:  # noqa: A002
    return input.argsort(dim, descending, stable)


def topk(input: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True):  # noqa: A002
    return input.topk(k, dim, largest, sorted)


def nonzero(input: Tensor, *, as_tuple: bool = False):  # noqa: A002
    return input.nonzero(as_tuple=as_tuple)


def isinf(input: Tensor) -> Tensor:  # noqa: A002
    return input.isinf()


def isfinite(input: Tensor) -> Tensor:  # noqa: A002
    return input.isfinite()


def floor(input: Tensor) -> Tensor:  # noqa: A002
    return input.floor()


def ceil(input: Tensor) -> Tensor:  # noqa: A002
    return input.ceil()


def trunc(input: Tensor) -> Tensor:  # noqa: A002
    return input.trunc()


def round(input: Tensor, *, decimals: int = 0) -> Tensor:  # noqa: A001,A002
    return input.round(decimals=decimals)


def cumsum(input: Tensor, dim: int, *, dtype=None) -> Tensor:  # noqa: A002
    return input.cumsum(dim, dtype=dtype)


def logsumexp(input: Tensor, dim, keepdim: bool = False) -> Tensor:  # noqa: A002
    return input.logsumexp(dim, keepdim)


def flip(input: Tensor, dims) -> Tensor:  # noqa: A002
    return input.flip(dims)


def tril(input: Tensor, diagonal: int = 0) -> Tensor:  # noqa: A002
    return input.tril(diagonal)


def triu(input: Tensor, diagonal: int = 0) -> Tensor:  # noqa: A002
    return input.triu(diagonal)


def softmax(input: Tensor, dim: int, dtype=None) -> Tensor:  # noqa: A002
    return input.softmax(dim, dtype)


def log_softmax(input: Tensor, dim: int, dtype=None) -> Tensor:  # noqa: A002
    return input.log_softmax(dim, dtype)


def norm(input: Tensor, p="fro", dim=None, keepdim: bool = False, out=None, dtype=None) -> Tensor:  # noqa: A002
    if out is not None:
        raise NotImplementedError("minitorch no implementa el argumento out=")
    return input.norm(p, dim, keepdim, dtype=dtype)


def lerp(input: Tensor, end, weight) -> Tensor:  # noqa: A002
    return input.lerp(end, weight)


def split(tensor: Tensor, split_size_or_sections, dim: int = 0) -> tuple:
    return tensor.split(split_size_or_sections, dim)


def chunk(input: Tensor, chunks: int, dim: int = 0) -> tuple:  # noqa: A002
    return input.chunk(chunks, dim)


def unbind(input: Tensor, dim: int = 0) -> tuple:  # noqa: A002
    return input.unbind(dim)


def prod(input: Tensor, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: A002
    return input.prod(dim, keepdim, dtype=dtype)


def std(input: Tensor, dim=None, unbiased=None, keepdim: bool = False, *, correction=None) -> Tensor:  # noqa: A002
    return input.std(dim, unbiased, keepdim, correction=correction)


def var(input: Tensor, dim=None, unbiased=None, keepdim: bool = False, *, correction=None) -> Tensor:  # noqa: A002
    return input.var(dim, unbiased, keepdim, correction=correction)


def max(input: Tensor, dim=None, keepdim: bool = False):  # noqa: A001,A002
    return input.max(dim, keepdim)


def min(input: Tensor, dim=None, keepdim: bool = False):  # noqa: A001,A002
    return input.min(dim, keepdim)


def argmax(input: Tensor, dim=None, keepdim: bool = False) -> Tensor:  # noqa: A002
    return input.argmax(dim, keepdim)


def argmin(input: Tensor, dim=None, keepdim: bool = False) -> Tensor:  # noqa: A002
    return input.argmin(dim, keepdim)


def matmul(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    return input.matmul(other)


def mm(input: Tensor, mat2: Tensor) -> Tensor:  # noqa: A002
    return input.mm(mat2)


def bmm(input: Tensor, mat2: Tensor) -> Tensor:  # noqa: A002
    return input.bmm(mat2)


def mv(input: Tensor, vec: Tensor) -> Tensor:  # noqa: A002
    return input.mv(vec)


def dot(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    return input.dot(other)


def cat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    return Tensor._cat(tensors, dim)


concat = concatenate = cat


def stack(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    return Tensor._stack(tensors, dim)


def hstack(tensors: Sequence[Tensor]) -> Tensor:
    """Concatena «en horizontal»: los vectores, uno tras otro; las matrices, columna junto a columna."""
    tensors = [t.reshape(1) if t.dim() == 0 else t for t in _tensor_list(tensors, "hstack")]
    return Tensor._cat(tensors, 0 if tensors and tensors[0].dim() == 1 else 1)


def vstack(tensors: Sequence[Tensor]) -> Tensor:
    """Apila «en vertical», fila bajo fila: un vector cuenta como una matriz de una fila."""
    tensors = [t.reshape(1, 1) if t.dim() == 0 else t.unsqueeze(0) if t.dim() == 1 else t for t in _tensor_list(tensors, "vstack")]
    return Tensor._cat(tensors, 0)


def tile(input: Tensor, dims) -> Tensor:  # noqa: A002
    return input.tile(dims)


def reshape(input: Tensor, shape) -> Tensor:  # noqa: A002
    return input.reshape(shape)


def flatten(input: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:  # noqa: A002
    return input.flatten(start_dim, end_dim)


def transpose(input: Tensor, dim0: int, dim1: int) -> Tensor:  # noqa: A002
    return input.transpose(dim0, dim1)


def t(input: Tensor) -> Tensor:  # noqa: A002
    return input.t()


def permute(input: Tensor, dims) -> Tensor:  # noqa: A002
    return input.permute(dims)


def squeeze(input: Tensor, dim=None) -> Tensor:  # noqa: A002
    return input.squeeze(dim)


def unsqueeze(input: Tensor, dim: int) -> Tensor:  # noqa: A002
    return input.unsqueeze(dim)


def narrow(input: Tensor, dim: int, start: int, length: int) -> Tensor:  # noqa: A002
    return input.narrow(dim, start, length)


def select(input: Tensor, dim: int, index: int) -> Tensor:  # noqa: A002
    return input.select(dim, index)


def as_strided(input: Tensor, size, stride, storage_offset=None) -> Tensor:  # noqa: A002
    return input.as_strided(size, stride, storage_offset)


def clone(input: Tensor) -> Tensor:  # noqa: A002
    return input.clone()


def numel(input: Tensor) -> int:  # noqa: A002
    return input.numel()


def equal(input: Tensor, other: Tensor) -> bool:  # noqa: A002
    return input.equal(other)


def allclose(input: Tensor, other: Tensor, rtol=1e-5, atol=1e-8, equal_nan=False) -> bool:  # noqa: A002
    return input.allclose(other, rtol, atol, equal_nan)


def isclose(input: Tensor, other, rtol=1e-5, atol=1e-8, equal_nan=False) -> Tensor:  # noqa: A002
    return input.isclose(other, rtol, atol, equal_nan)


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def broadcast_shapes(*shapes) -> Size:
    """La forma que resulta de difundir ``shapes``, como ``Size`` igual que PyTorch (la cuenta, en ``strides.py``)."""
    return Size(_strides.broadcast_shapes(*shapes))


def broadcast_tensors(*tensors: Tensor) -> tuple[Tensor, ...]:
    shape = broadcast_shapes(*(t.shape for t in tensors))
    return tuple(t.expand(shape) for t in tensors)


_meshgrid_warned = False  # True tras el primer aviso de meshgrid sin indexing


def meshgrid(*tensors, indexing: str | None = None) -> tuple[Tensor, ...]:
    """Rejillas a partir de vectores: con ``indexing='ij'``, el resultado ``k`` repite el vector ``k`` a lo largo de
    las demás dimensiones; con ``'xy'`` (el de numpy y matplotlib), las dos primeras van al revés. Cada rejilla es
    una vista expandida del vector (stride 0 en las dimensiones repetidas): no copia nada."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    global _meshgrid_warned
    if indexing is None:
        if not _meshgrid_warned:  # una sola vez por sesión, como PyTorch
            _meshgrid_warned = True
            _warnings.warn(
                "meshgrid: pasa el argumento indexing ('ij' o 'xy'); sin él se usa 'ij', pero PyTorch lo exigirá en "
                "una versión futura",
                UserWarning,
                stacklevel=2,
            )
        indexing = "ij"
    if indexing not in ("ij", "xy"):
        raise RuntimeError(f"meshgrid: indexing debe ser 'ij' o 'xy', pero es {indexing!r}")
    for t in tensors:
        if t.dim() > 1:
            raise RuntimeError(f"meshgrid espera tensores de dimensión 0 o 1, pero uno tiene forma {list(t.shape)}")
    swap = indexing == "xy" and len(tensors) >= 2
    if swap:
        tensors = (tensors[1], tensors[0], *tensors[2:])
    shape = [t.numel() for t in tensors]
    grids = [t.reshape([-1 if i == k else 1 for k in range(len(tensors))]).expand(shape) for i, t in enumerate(tensors)]
    if swap:
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)


# Funciones que solo llaman al método del mismo nombre: ``minitorch.isnan(x)`` es ``x.isnan()``. Se crean
# en un bucle porque no tienen nada propio; la operación (y su documentación) está en ``Tensor``.
def _method_as_function(name: str):
    def function(input: Tensor, *args, **kwargs):  # noqa: A002
        return getattr(input, name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"``minitorch.{name}(x, ...)`` es ``x.{name}(...)``."
    return function


for _name in (
    "all", "any", "amax", "amin", "broadcast_to", "eq", "ne", "lt", "le", "gt", "ge", "isnan", "log1p", "logical_and",
    "logical_not", "logical_or", "masked_fill", "reciprocal", "rsqrt", "sign", "square", "swapaxes", "true_divide",
    "unflatten", "is_floating_point", "unique", "log2", "log10", "expm1", "tan", "asin", "acos", "atan", "sinh",
    "cosh", "atan2", "arcsin", "arccos", "arctan", "arctan2", "multinomial", "ravel", "outer", "roll", "nan_to_num",
    "diagonal", "trace", "diag", "erf", "cumprod", "nansum", "count_nonzero", "median", "movedim", "moveaxis",
    "take_along_dim", "logical_xor", "bitwise_xor",
):
    globals()[_name] = _method_as_function(_name)

# axis= y keepdims= también en las funciones que no se limitan a pasar sus argumentos al método (las de
# arriba ya los reciben traducidos en el método).
for _name in (
    "sum", "mean", "cumsum", "logsumexp", "prod", "std", "var", "max", "min", "argmax", "argmin", "softmax",
    "log_softmax", "gather", "index_select", "sort", "argsort", "topk", "chunk", "unbind", "narrow", "select",
    "squeeze", "unsqueeze", "cat", "stack",
):
    globals()[_name] = _accepting_numpy_keywords(globals()[_name])


# --- out= ---------------------------------------------------------------------------------------------
def _resize_for_out(out: Tensor, shape: tuple) -> None:
    """Como el ``resize_`` de PyTorch: forma nueva y contigua; la memoria se conserva si cabe y si no se cambia."""
    strides = _strides.contiguous_strides(shape)
    needed = out._offset + _strides.numel(shape)
    if needed > len(out._storage):
        fresh = Tensor._from_array(_np.zeros(_strides.numel(shape), out._storage.dtype.numpy), out._storage.dtype)
        out._storage, out._offset = fresh._storage, 0
    out._shape, out._stride, out._cached = tuple(shape), strides, None


def _write_into(name: str, out, compute, inputs) -> Tensor:
    """``out=``: el resultado se escribe en ``out`` (cambiándole la forma si hace falta) y se devuelve ``out``.

    Esta capa no sabe si el modo de gradiente está activo: lo dice el resultado (requiere gradiente si lo está y
    alguna entrada lo requiere), y escribir en una hoja que requiere gradiente ya lo impide ``copy_``."""
    if not isinstance(out, Tensor):
        raise TypeError(f"{name}(): el argumento 'out' debe ser un tensor, no {type(out).__name__}")
    flat = [t for v in inputs for t in (v if isinstance(v, (list, tuple)) else (v,))]  # cat y stack: una lista
    out._check_no_partial_overlap([t for t in flat if isinstance(t, Tensor)])
    result = compute()
    if result.requires_grad or (out.requires_grad and out.grad_fn is not None):
        raise RuntimeError(
            f"{name}(): las funciones con out=... no admiten la diferenciación automática, pero uno de los "
            f"argumentos requiere gradiente (usa la versión sin out=, o calcula dentro de «with minitorch.no_grad():»)"
        )
    if not _dtypes.can_cast(result.dtype, out.dtype):
        error = TypeError if name in ("cat", "stack") else RuntimeError
        raise error(f"{name}(): el resultado es de tipo {result.dtype} y no se puede convertir al tipo de out, {out.dtype}")
    if out._shape != result._shape:
        if out.numel():
            _warnings.warn(
                f"{name}(): se ha cambiado la forma de out, {list(out._shape)}, por la del resultado, "
                f"{list(result._shape)}. PyTorch dejará de hacerlo con un out que tenga elementos: pasa uno vacío "
                f"(de 0 elementos) o de la forma justa",
                UserWarning,
                stacklevel=3,
            )
        if out.requires_grad:
            raise RuntimeError(f"{name}(): no se puede cambiar la forma de out, {list(out._shape)}, porque requiere gradiente")
        out._check_writable()
        _resize_for_out(out, result._shape)
    out.copy_(result)
    return out


def _accepting_out(function):
    """Envuelve una función de ``minitorch`` para que acepte ``out=``, como en PyTorch."""
    name = function.__name__
    needs_dim = name in ("sum", "prod")  # en PyTorch, sum(x, out=...) sin dim no existe
    # Las sumas y productos (también los acumulados) se calculan directamente en el tipo de out, como con dtype=.
    accumulates_in_out = name in ("sum", "prod", "cumsum", "cumprod")

    @_functools.wraps(function)
    def with_out(*args, out=None, **kwargs):
        if out is None:
            return function(*args, **kwargs)
        if needs_dim and len(args) < 2 and "dim" not in kwargs and "axis" not in kwargs:
            raise TypeError(f"{name}(): out= solo se admite junto con dim")
        if accumulates_in_out and isinstance(out, Tensor):
            if kwargs.get("dtype") not in (None, out.dtype):
                raise RuntimeError(f"{name}(): out debe ser del tipo pedido con dtype=, {kwargs['dtype']}, pero es {out.dtype}")
            kwargs["dtype"] = out.dtype
        return _write_into(name, out, lambda: function(*args, **kwargs), (*args, *kwargs.values()))

    return with_out


for _name in (
    "add", "sub", "mul", "div", "matmul", "mm", "bmm", "cat", "stack", "sum", "mean", "prod", "exp", "log", "sqrt",
    "abs", "neg", "pow", "clamp", "maximum", "minimum", "cumsum", "cumprod", "erf", "sin", "cos", "tanh", "sigmoid",
    "log2", "log10", "log1p", "expm1", "floor", "ceil", "round", "reciprocal", "square", "true_divide", "remainder",
    "floor_divide",
):
    globals()[_name] = _accepting_out(globals()[_name])
clip = clamp
concat = concatenate = cat


# Lo que exporta «from .functions import *» (en minitorch/__init__.py): las funciones de este módulo, no
# los nombres que él importa (Sequence, annotations…).
__all__ = [name for name, value in list(globals().items()) if not name.startswith("_") and getattr(value, "__module__", None) == __name__]
