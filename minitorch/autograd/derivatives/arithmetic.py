"""Las derivadas de la aritmética elemento a elemento: ``+``, ``−``, ``×``, ``÷``, ``**`` y el resto de la
división; también las de elegir entre dos entradas elemento a elemento (``maximum``, ``minimum``, ``where``,
``masked_fill``, ``lerp``) y ``unique``, que como en PyTorch no tiene derivada.
"""

from __future__ import annotations

import math

from .. import grad_mode
from ..recording import OpNode, derivative
from ...tensor import Tensor
from ._common import _numpy_result, _zero_grad


# --- aritmética ----------------------------------------------------------------------------------------
@derivative("add")
class AddBackward0(OpNode):
    """d(a + α·b) = da + α·db"""

    def setup(ctx, result, self, other, *, alpha=1):
        ctx.alpha = alpha
        return self, other

    def backward(ctx, grad):
        if not ctx.needs_input_grad[1]:
            return grad, None
        return grad, grad if ctx.alpha == 1 else grad * ctx.alpha


@derivative("sub")
class SubBackward0(OpNode):
    """d(a − α·b) = da − α·db"""

    def setup(ctx, result, self, other, *, alpha=1):
        ctx.alpha = alpha
        return self, other

    def backward(ctx, grad):
        if not ctx.needs_input_grad[1]:
            return grad, None
        return grad, -grad if ctx.alpha == 1 else grad * -ctx.alpha


class RsubBackward0(OpNode):
    """``other − self`` con dos tensores."""

    def setup(ctx, result, self, other, *, alpha=1):
        return self, other

    def backward(ctx, grad):
        return -grad, grad


class RsubBackward1(OpNode):
    """``2 − x``: solo ``x`` es un tensor."""

    def backward(ctx, grad):
        return (-grad,)


@derivative("rsub")
def _rsub(result, self, other, *, alpha=1):
    return RsubBackward0 if isinstance(other, Tensor) else RsubBackward1


@derivative("mul")
class MulBackward0(OpNode):
    """d(a·b) = b·da + a·db. Cada factor se guarda solo si hace falta para derivar respecto del otro."""

    scalar = None  # el factor, si es un número (no hace falta guardarlo como tensor)
    # PyTorch convierte el número de Python en un tensor y lo guarda: tras backward() se libera, y un segundo
    # backward() falla como con cualquier otro tensor guardado. (Dentro de sus funciones en C++, no: …Backward1.)
    _number_is_saved = True

    def setup(ctx, result, self, other):
        if isinstance(other, Tensor):
            ctx.save_for_backward(self if other.requires_grad else None, other if self.requires_grad else None)
        else:
            ctx.scalar = other
            if ctx._number_is_saved:
                ctx.save_for_backward(None)
        return self, other

    def backward(ctx, grad):
        if ctx.scalar is not None:
            if ctx._number_is_saved:
                ctx.saved_tensors  # noqa: B018 (solo para que falle si el grafo ya se liberó)
            if grad_mode._enabled or not grad._storage.dtype.is_floating_point:
                return grad * ctx.scalar, None
            values = grad._values()
            return _numpy_result(values * values.dtype.type(ctx.scalar), grad), None
        self, other = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return grad * other if needs[0] else None, grad * self if needs[1] else None


class MulBackward1(MulBackward0):
    """``tensor · número`` dentro de una función que PyTorch escribe en C++ (la entropía cruzada con suavizado):
    allí el número no se convierte en tensor y el nodo lleva otro nombre. La derivada es la misma."""

    _number_is_saved = False

    def setup(ctx, result, self, other):  # el número no es una entrada: una sola arista, como en PyTorch
        return MulBackward0.setup(ctx, result, self, other)[:1]

    def backward(ctx, grad):
        return MulBackward0.backward(ctx, grad)[:1]


class DivBackward0(OpNode):
    """d(a / b) = da / b − a·db / b²"""

    scalar = None
    _number_is_saved = True  # como en MulBackward0

    def setup(ctx, result, self, other, *, rounding_mode=None):
        if isinstance(other, Tensor):
            ctx.save_for_backward(self if other.requires_grad else None, other)
        else:
            ctx.scalar = other
            if ctx._number_is_saved:
                ctx.save_for_backward(None)
        return self, other

    def backward(ctx, grad):
        if ctx.scalar is not None:
            if ctx._number_is_saved:
                ctx.saved_tensors  # noqa: B018 (solo para que falle si el grafo ya se liberó)
            return grad / ctx.scalar, None
        self, other = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return grad / other if needs[0] else None, -grad * self / (other * other) if needs[1] else None


class DivBackward1(DivBackward0):
    """``tensor / número`` dentro de una función de PyTorch escrita en C++ (como ``MulBackward1``)."""

    _number_is_saved = False

    def setup(ctx, result, self, other, *, rounding_mode=None):
        return DivBackward0.setup(ctx, result, self, other)[:1]

    def backward(ctx, grad):
        return DivBackward0.backward(ctx, grad)[:1]


class DivBackward2(OpNode):
    """División redondeada (``rounding_mode``): escalonada, su derivada es 0 (donde existe)."""

    def setup(ctx, result, self, other, *, rounding_mode=None):
        return self, other

    def backward(ctx, grad):
        zero = _zero_grad(grad)
        return zero, zero


@derivative("div")
def _div(result, self, other, *, rounding_mode=None):
    return DivBackward0 if rounding_mode is None else DivBackward2


class PowBackward0(OpNode):
    """d(xⁿ) = n·xⁿ⁻¹·dx, con ``n`` un número."""

    def setup(ctx, result, self, exponent):
        ctx.save_for_backward(self)
        ctx.exponent = exponent
        return (self,)

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        n = ctx.exponent
        # n·xⁿ⁻¹ daría 0·∞ = nan en x = 0; PyTorch solo se lo salta con un 0 numérico: con False usa la fórmula
        # (y da -0. donde x < 0 y nan en x = 0)
        if n == 0 and n is not False:
            return (_zero_grad(grad),)
        if n == 2 and not grad_mode._enabled and self.dtype is grad.dtype and self.dtype.is_floating_point:
            g = grad._values()
            return (_numpy_result(g * g.dtype.type(2) * self._values(), grad),)  # el error cuadrático
        return (grad * n * (self if n == 2 else self.pow(n - 1)),)


class PowBackward1(OpNode):
    """d(xʸ) = y·xʸ⁻¹·dx + xʸ·ln(x)·dy, con ``y`` un tensor."""

    def setup(ctx, result, self, exponent):
        ctx.save_for_backward(self, exponent, result)
        return self, exponent

    def backward(ctx, grad):
        self, exponent, result = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_self = grad_exponent = None
        if needs[0]:
            grad_self = (grad * exponent * self.pow(exponent - 1)).where(exponent != 0, 0.0)
        if needs[1]:
            # En x = 0 con y ≥ 0 el término ln(0) no cuenta (PyTorch lo trata igual).
            grad_exponent = (grad * result * self.log()).where((self != 0) | (exponent < 0), 0.0)
        return grad_self, grad_exponent


@derivative("pow")
def _pow(result, self, exponent):
    return PowBackward1 if isinstance(exponent, Tensor) else PowBackward0


@derivative("_rpow")
class PowBackward2(OpNode):
    """d(bˣ) = bˣ·ln(b)·dx, con la base ``b`` un número."""

    def setup(ctx, result, self, base):
        ctx.save_for_backward(self, result)
        ctx.base = base
        return (self,)

    def backward(ctx, grad):
        self, result = ctx.saved_tensors
        if ctx.base == 0:
            return ((grad * result * -math.inf).where(self < 0, 0.0),)
        return (grad * result * math.log(ctx.base),)


class RemainderBackward0(OpNode):
    """a mod b = a − b·⌊a/b⌋, con ``b`` un número: respecto de ``a`` la derivada es 1."""

    def setup(ctx, result, self, other):
        return (self,)

    def backward(ctx, grad):
        return (grad,)


class RemainderBackward1(OpNode):
    """a mod b = a − b·⌊a/b⌋ con dos tensores: dL/da = G y dL/db = −G·⌊a/b⌋."""

    def setup(ctx, result, self, other):
        if other.requires_grad:  # como PyTorch, solo se guarda lo que hará falta: sin ello, nada que liberar ni vigilar
            ctx.save_for_backward(self, other)
        return self, other

    def backward(ctx, grad):
        if not ctx.needs_input_grad[1]:
            return grad, None
        self, other = ctx.saved_tensors
        return grad, -grad * self.div(other, rounding_mode="floor")


@derivative("remainder")
def _remainder_node(result, self, other):
    return RemainderBackward1 if isinstance(other, Tensor) else RemainderBackward0


class _NotImplemented(OpNode):
    """Lo que anota PyTorch para una operación sin derivada (``x // 2``, ``2 % x``): el resultado sigue
    en el grafo, pero ``backward()`` falla al llegar a este nodo. Se llama ``NotImplemented``, como en PyTorch."""

    operation = ""
    error = RuntimeError

    def name(ctx) -> str:
        return "minitorch::autograd::NotImplemented"

    def setup(ctx, result, self, other=None, *args, **kwargs):
        return (self, other) if isinstance(other, Tensor) else (self,)

    def backward(ctx, grad):
        raise ctx.error(f"la derivada de {ctx.operation} no está implementada")


derivative("floor_divide", "_rfloor_divide")(type("NotImplemented", (_NotImplemented,), {"operation": "floor_divide"}))
derivative("_rremainder")(type("NotImplemented", (_NotImplemented,), {"operation": "remainder"}))


class Unique2Backward0(_NotImplemented):
    """``unique`` no tiene derivada en PyTorch: este nodo solo falla si ``backward()`` llega a él."""

    operation, error = "_unique2", NotImplementedError

    def name(ctx) -> str:
        return type(ctx).__name__


class UniqueDimBackward0(Unique2Backward0):
    operation = "unique_dim"


@derivative("unique")
def _unique(result, self, sorted=True, return_inverse=False, return_counts=False, dim=None):  # noqa: A002
    return Unique2Backward0 if dim is None else UniqueDimBackward0


# --- elegir entre dos entradas, elemento a elemento: maximum, minimum, where, masked_fill, lerp ---------
class _Extremum(OpNode):
    """``maximum``/``minimum``: el gradiente va a la entrada elegida; en un empate, mitad y mitad."""

    def setup(ctx, result, self, other):
        ctx.save_for_backward(self, other)
        return self, other

    def backward(ctx, grad):
        self, other = ctx.saved_tensors
        shared = (grad / 2).where(self == other, grad)
        chosen = self >= other if ctx.keeps_larger else self <= other
        rejected = other >= self if ctx.keeps_larger else other <= self
        return shared.where(chosen, 0.0), shared.where(rejected, 0.0)


@derivative("maximum")
class MaximumBackward0(_Extremum):
    keeps_larger = True


@derivative("minimum")
class MinimumBackward0(_Extremum):
    keeps_larger = False


@derivative("where")
class WhereBackward0(OpNode):
    """``where(c, a, b)``: el gradiente va a ``a`` donde ``c`` es cierta y a ``b`` donde no."""

    def setup(ctx, result, self, condition, other):
        ctx.save_for_backward(condition)
        return self, other

    def backward(ctx, grad):
        (condition,) = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return (
            grad.where(condition, 0.0) if needs[0] else None,
            grad.where(condition.logical_not(), 0.0) if needs[1] else None,
        )


class MaskedFillBackward0(OpNode):
    """Las posiciones rellenadas ya no dependen de la entrada: allí su gradiente es 0."""

    def setup(ctx, result, self, mask, value):
        ctx.save_for_backward(mask)
        return (self, value) if isinstance(value, Tensor) else (self,)

    def backward(ctx, grad):
        (mask,) = ctx.saved_tensors
        grad_self = grad.where(mask.logical_not(), 0.0)
        if len(ctx.next_functions) == 1:
            return (grad_self,)
        return grad_self, grad.where(mask, 0.0).sum()


class MaskedFillBackward1(MaskedFillBackward0):
    """``masked_fill`` con un tensor (de dimensión 0) como valor: recibe la suma del gradiente rellenado."""


@derivative("masked_fill")
def _masked_fill(result, self, mask, value):
    return MaskedFillBackward1 if isinstance(value, Tensor) else MaskedFillBackward0


class LerpBackward0(OpNode):
    """``lerp(a, b, w) = a + w·(b − a)``, con ``w`` un número: da = (1 − w)·G y db = w·G."""

    def setup(ctx, result, self, end, weight):
        ctx.weight = weight
        return self, end

    def backward(ctx, grad):
        need_self, need_end = ctx.needs_input_grad
        return (grad * (1 - ctx.weight) if need_self else None, grad * ctx.weight if need_end else None)


class LerpBackward1(OpNode):
    """Con ``w`` un tensor, además dL/dw = (b − a)·G."""

    def setup(ctx, result, self, end, weight):
        ctx.save_for_backward(self, end, weight)
        return self, end, weight

    def backward(ctx, grad):
        self, end, weight = ctx.saved_tensors
        need_self, need_end, need_weight = ctx.needs_input_grad
        return (
            grad * (1 - weight) if need_self else None,
            grad * weight if need_end else None,
            grad * (end - self) if need_weight else None,
        )


@derivative("lerp")
def _lerp(result, self, end, weight):
    return LerpBackward1 if isinstance(weight, Tensor) else LerpBackward0
