"""Las derivadas de las reducciones: ``sum``, ``mean``, ``prod``, ``norm``, ``var``, ``std``, ``max`` y
``min`` (con y sin ``dim``), ``amax``, ``amin``, ``logsumexp``, ``nansum`` y ``median``; y las de las sumas y
productos acumulados (``cumsum``, ``cumprod``).

El gradiente de una reducción se «desreduce»: se devuelven las dimensiones reducidas y se difunde a la
forma de la entrada (``_unreduce``).
"""

from __future__ import annotations

import math

import numpy as np

from .. import grad_mode
from ..recording import OpNode, RAW, derivative, record
from ... import strides
from ...creation import arange
from ...ops.reductions import _norm_order
from ...tensor import Tensor
from ._common import _zeros
from .arithmetic import DivBackward1, MaximumBackward0, MinimumBackward0
from .indexing import _ScatterAlong


# --- reducciones -------------------------------------------------------------------------------------
def _reduced_dims(dim, ndim: int) -> tuple[int, ...]:
    """Las dimensiones que quita una reducción (todas si ``dim`` es ``None`` o vacío)."""
    if dim is None or (isinstance(dim, (tuple, list)) and not dim):
        return tuple(range(ndim))
    dims = dim if isinstance(dim, (tuple, list)) else (dim,)
    return tuple(sorted(strides.normalize_dim(d, ndim) for d in dims)) if ndim else ()


def _unreduce(grad: Tensor, shape: tuple, dims: tuple, keepdim: bool) -> Tensor:
    """Devuelve a ``grad`` las dimensiones que la reducción quitó y lo difunde a la forma de la entrada
    (una vista con stride 0: no copia nada)."""
    if not keepdim and grad.dim():  # un escalar (reducción total) se difunde tal cual
        for d in dims:
            grad = grad.unsqueeze(d)
    return grad.expand(shape)


class _Reduction(OpNode):
    """Base de las reducciones con ``dim`` y ``keepdim``: recuerda qué dimensiones desaparecieron."""

    def setup(ctx, result, self, dim=None, keepdim=False, **kwargs):
        ctx.dims = _reduced_dims(dim, self.dim())
        ctx.keepdim = keepdim
        return (self,)

    def unreduce(ctx, grad):
        return _unreduce(grad, ctx._input_meta[0][0], ctx.dims, ctx.keepdim)


class SumBackward0(_Reduction):
    """La suma reparte el gradiente tal cual: cada sumando influye con peso 1."""

    def backward(ctx, grad):
        return (ctx.unreduce(grad),)


class SumBackward1(SumBackward0):
    pass


@derivative("sum")
def _sum(result, self, dim=None, keepdim=False, *, dtype=None):
    return SumBackward0 if dim is None else SumBackward1


class MeanBackward0(_Reduction):
    """La media es la suma entre ``n``: cada elemento recibe ``grad / n``."""

    def backward(ctx, grad):
        shape = ctx._input_meta[0][0]
        count = strides.numel(shape) // max(1, strides.numel(grad._shape))
        # Como PyTorch, se difunde y luego se divide: el gradiente sale contiguo, no una vista con stride 0
        # (que una escritura in situ posterior, como ``x.grad.add_(1)``, no admitiría).
        expanded = ctx.unreduce(grad)
        if grad_mode._enabled and expanded.requires_grad:  # create_graph: la división de PyTorch en C++
            return (record(RAW["div"], DivBackward1, expanded, (count,), {}),)
        return (expanded / count,)


class MeanBackward1(MeanBackward0):
    pass


@derivative("mean")
def _mean(result, self, dim=None, keepdim=False, *, dtype=None):
    return MeanBackward0 if dim is None else MeanBackward1


class ProdBackward0(_Reduction):
    """d(∏ xⱼ)/dxᵢ = el producto de todos los demás (calculado sin dividir, por si hay ceros)."""

    def setup(ctx, result, self, dim=None, keepdim=False, *, dtype=None):
        ctx.save_for_backward(self, result)  # PyTorch guarda también el resultado: cambiarlo in situ es un error
        return _Reduction.setup(ctx, result, self, dim, keepdim)

    def backward(ctx, grad):
        self, _ = ctx.saved_tensors
        others = Tensor._from_array(_product_of_others(self._values(), None if len(ctx.dims) != 1 else ctx.dims[0]))
        return (ctx.unreduce(grad) * others,)


class ProdBackward1(ProdBackward0):
    pass


def _product_of_others(values: np.ndarray, axis) -> np.ndarray:
    """Para cada elemento, el producto de los demás de su fila: productos acumulados por la izquierda
    y por la derecha, sin el propio elemento."""
    if axis is None:
        return _product_of_others(values.reshape(-1), 0).reshape(values.shape)
    if values.ndim == 0 or values.size == 0:  # sin elementos, los productos acumulados no tienen la forma
        return np.ones_like(values)
    moved = np.moveaxis(values, axis, -1)
    ones = np.ones(moved.shape[:-1] + (1,), values.dtype)
    left = np.cumprod(np.concatenate([ones, moved[..., :-1]], axis=-1), axis=-1)
    right = np.cumprod(np.concatenate([ones, moved[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    return np.moveaxis(left * right, -1, axis)


@derivative("prod")
def _prod(result, self, dim=None, keepdim=False, *, dtype=None):
    return ProdBackward0 if dim is None else ProdBackward1


@derivative("norm")
class LinalgVectorNormBackward0(_Reduction):
    """La derivada de ``‖x‖ₚ = (Σ |xᵢ|ᵖ)^(1/p)``: ``sign(xᵢ)·|xᵢ|ᵖ⁻¹ / ‖x‖ₚᵖ⁻¹`` por el gradiente.

    Los casos con nombre propio: p = 2 da ``x / ‖x‖``; p = 1, ``sign(x)``; p = ∞ reparte el gradiente a
    partes iguales entre los elementos de mayor valor absoluto, y p = 0 (contar) tiene derivada 0.
    Donde la norma es 0 el gradiente es 0 (y no 0/0), como en PyTorch.
    """

    def setup(ctx, result, self, p="fro", dim=None, keepdim=False, dtype=None):
        ctx.save_for_backward(self, result)
        ctx.order = _norm_order(p)
        return _Reduction.setup(ctx, result, self, dim, keepdim)

    def backward(ctx, grad):
        self, norm = ctx.saved_tensors
        order = ctx.order
        grad, norm = ctx.unreduce(grad), ctx.unreduce(norm)
        if order == 0:
            return (_zeros(self._shape, grad),)
        if order == 1:
            return (grad * self.sign(),)
        if abs(order) == math.inf:
            extreme = self.abs() == norm
            count = ctx.unreduce(extreme.sum(ctx.dims, keepdim=ctx.keepdim))
            return (grad * self.sign() * extreme / count,)
        if order == 2:
            return ((grad / norm).masked_fill(norm == 0, 0) * self,)
        scale = (grad / norm.pow(order - 1)).masked_fill(norm == 0, 0)
        return (scale * self.sign() * self.abs().pow(order - 1),)


@derivative("var")
class VarBackward0(_Reduction):
    """d var = 2·(x − media)·dx / (n − corrección)"""

    def setup(ctx, result, self, dim=None, unbiased=None, keepdim=False, *, correction=None):
        ctx.save_for_backward(self)
        ctx.correction = correction if correction is not None else (0 if unbiased is False else 1)
        return _Reduction.setup(ctx, result, self, dim, keepdim)

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (ctx.unreduce(grad) * ctx.centered(self) * (2 * ctx.inverse_divisor()),)

    def centered(ctx, x: Tensor) -> Tensor:
        return x - x.mean(ctx.dims, keepdim=True) if ctx.dims else x - x

    def divisor(ctx) -> float:
        shape = ctx._input_meta[0][0]
        n = strides.numel(tuple(shape[d] for d in ctx.dims))
        # Sin grados de libertad (n ≤ corrección) el divisor es 0: 1/0 = inf, y el gradiente, inf o nan, como en PyTorch.
        return max(0, n - ctx.correction)

    def inverse_divisor(ctx) -> float:
        divisor = ctx.divisor()
        return 1 / divisor if divisor else math.inf


@derivative("std")
class StdBackward0(VarBackward0):
    """std = √var, así que d std = d var / (2·std)."""

    def setup(ctx, result, self, dim=None, unbiased=None, keepdim=False, *, correction=None):
        inputs = VarBackward0.setup(ctx, result, self, dim, unbiased, keepdim, correction=correction)
        ctx.save_for_backward(self, result)
        return inputs

    def backward(ctx, grad):
        self, result = ctx.saved_tensors
        scaled = (grad / result).where(result != 0, 0.0)
        return (ctx.unreduce(scaled) * ctx.centered(self) * ctx.inverse_divisor(),)


class _EvenlyDistributed(OpNode):
    """``max()``/``amax``: el gradiente va a los elementos que alcanzan el extremo, repartido a partes iguales."""

    def setup(ctx, result, self, dim=(), keepdim=False):
        ctx.save_for_backward(self, result)
        ctx.dims = _reduced_dims(dim, self.dim())
        ctx.keepdim = keepdim
        return (self,)

    def backward(ctx, grad):
        self, result = ctx.saved_tensors
        shape = self._shape
        keepdim = ctx.keepdim and result.dim() == len(shape)
        extreme = _unreduce(result, shape, ctx.dims, keepdim)
        winners = self.isnan() if extreme.isnan().any().item() else self == extreme
        count = winners.sum(ctx.dims, keepdim=True) if ctx.dims else winners.sum()
        share = _unreduce(grad, shape, ctx.dims, keepdim) / count
        return (share * winners,)


class MaxBackward1(_EvenlyDistributed):
    pass


class MinBackward1(_EvenlyDistributed):
    pass


@derivative("amax")
class AmaxBackward0(_EvenlyDistributed):
    pass


@derivative("amin")
class AminBackward0(_EvenlyDistributed):
    pass


class MaxBackward0(OpNode):
    """``max(dim)``: el gradiente de cada fila va solo al elemento elegido (su índice)."""

    def setup(ctx, result, self, dim=None, keepdim=False):
        ctx.save_for_backward(result.indices)
        ctx.dim = strides.normalize_dim(dim, self.dim()) if self.dim() else None
        ctx.keepdim = keepdim
        return (self,)

    def backward(ctx, grad):
        (indices,) = ctx.saved_tensors
        shape = ctx._input_meta[0][0]
        if ctx.dim is None:  # tensor de dimensión 0: max(0) lo devuelve tal cual
            return (grad,)
        if not ctx.keepdim:
            grad, indices = grad.unsqueeze(ctx.dim), indices.unsqueeze(ctx.dim)
        # A la posición elegida y a ninguna más: grad · (posición == índice) daría nan en las demás si grad es nan.
        return (_ScatterAlong.apply(grad, shape, ctx.dim, indices._values()),)


class MinBackward0(MaxBackward0):
    pass


def _extreme(max_class, min_class, tensor_class):
    def choose(result, self, dim=None, keepdim=False):
        if isinstance(dim, Tensor):
            return tensor_class
        return max_class if dim is not None else min_class

    return choose


derivative("max")(_extreme(MaxBackward0, MaxBackward1, MaximumBackward0))
derivative("min")(_extreme(MinBackward0, MinBackward1, MinimumBackward0))


@derivative("logsumexp")
class LogsumexpBackward0(_Reduction):
    """y = log Σ eˣ: dy/dxᵢ = eˣⁱ / Σ eˣ = e^(xᵢ − y), la softmax de x."""

    def setup(ctx, result, self, dim, keepdim=False):
        ctx.save_for_backward(self, result)
        return _Reduction.setup(ctx, result, self, dim, keepdim)

    def backward(ctx, grad):
        self, result = ctx.saved_tensors
        return (ctx.unreduce(grad) * (self - ctx.unreduce(result)).exp(),)


@derivative("cumsum")
class CumsumBackward0(OpNode):
    """yᵢ = x₀ + … + xᵢ: cada xⱼ influye en todas las sumas desde la suya en adelante, así que su
    gradiente es la suma acumulada de G empezando por el final."""

    def setup(ctx, result, self, dim, *, dtype=None):
        ctx.dim = strides.normalize_dim(dim, max(self.dim(), 1))
        return (self,)

    def backward(ctx, grad):
        return (grad.flip(ctx.dim).cumsum(ctx.dim).flip(ctx.dim),)


# --- las que usan los cursos (d2l, makemore): cumprod, nansum, median -----------------------------------
@derivative("cumprod")
class CumprodBackward0(OpNode):
    """yⱼ = x₀·…·xⱼ, así que dL/dxₖ = Σ_{j≥k} Gⱼ · Π_{i≤j, i≠k} xᵢ.

    Sin ceros, ese producto es yⱼ/xₖ y basta una suma acumulada desde el final. Con algún cero no se
    puede dividir: se forma, para cada k, la fila x con un 1 en la posición k; sus productos acumulados
    son los Π_{i≤j, i≠k} xᵢ (cuesta n² por fila, solo en ese caso)."""

    def setup(ctx, result, self, dim, *, dtype=None):
        ctx.dim = strides.normalize_dim(dim, max(self.dim(), 1))
        ctx.save_for_backward(self, result)
        return (self,)

    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        dtype = ctx._input_meta[0][1]
        if not x.dim():
            return (grad.to(dtype),)
        d = ctx.dim
        if not (x == 0).any().item():
            return (((grad * y).flip(d).cumsum(d).flip(d) / x).to(dtype),)
        rows = x.movedim(d, -1)
        n = rows._shape[-1]
        positions = arange(n)
        diagonal = positions.unsqueeze(-1) == positions
        products = rows.unsqueeze(-2).expand(*rows._shape[:-1], n, n).masked_fill(diagonal, 1).cumprod(-1)
        from_k_on = positions.unsqueeze(-1) <= positions  # [k, j]: j ≥ k
        spread = (grad.movedim(d, -1).unsqueeze(-2) * products * from_k_on).sum(-1)
        return (spread.movedim(-1, d).to(dtype),)


class NansumBackward0(_Reduction):
    """Como la suma, pero los NaN no cuentan: su gradiente es 0."""

    def setup(ctx, result, self, dim=None, keepdim=False, **kwargs):
        ctx.save_for_backward(self)
        return _Reduction.setup(ctx, result, self, dim, keepdim)

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (ctx.unreduce(grad) * self.isnan().logical_not(),)


derivative("nansum")(NansumBackward0)


class MedianBackward0(_EvenlyDistributed):
    """``median()`` de todo el tensor: como ``max()``, el gradiente se reparte entre los elementos iguales a la mediana."""

    def setup(ctx, result, self):
        return _EvenlyDistributed.setup(ctx, result, self)


class MedianBackward1(MaxBackward0):
    """``median(dim)``: el gradiente de cada fila va al elemento elegido (su índice)."""


@derivative("median")
def _median(result, self, dim=None, keepdim=False):
    return MedianBackward0 if dim is None else MedianBackward1
