"""La derivada de cada operación: el ``derivatives.yaml`` de minitorch.

Cada operación tiene aquí su nodo, con el nombre que le da PyTorch (``y.grad_fn``), y dos métodos:

- ``setup(ctx, result, self, ...)``, con los argumentos de la operación, se ejecuta en la
  propagación hacia adelante (*forward pass*): guarda lo que hará falta para derivar
  (``ctx.save_for_backward`` para tensores, que se vigilan por si cambian; atributos para el
  resto) y devuelve las entradas respecto de las que se deriva;
- ``backward(ctx, grad)`` recibe el gradiente de la pérdida respecto del resultado y devuelve uno
  por entrada: la regla de la cadena, ``dL/dx = dL/dy · dy/dx``.

Las fórmulas se escriben con operaciones de tensores, así que con ``create_graph=True`` el propio
cálculo del gradiente queda anotado y se puede derivar otra vez. Las más frecuentes al entrenar
(producto, cuadrado, ReLU, producto de matrices) tienen además un camino con numpy directamente,
la misma fórmula sin crear un tensor por cada paso intermedio, para cuando no hace falta anotar
(``grad_mode._enabled`` es falso durante ``backward`` salvo con ``create_graph=True``). No se preocupan de la difusión
(*broadcasting*): si ``x`` de forma ``(3,)`` se sumó a algo de forma ``(2, 3)``, su gradiente sale
con forma ``(2, 3)`` y el motor lo reduce a ``(3,)`` en un único sitio (``engine.sum_to``).
"""

from __future__ import annotations

import math

import numpy as np

from . import grad_mode
from .engine import sum_to
from .function import Function
from .node import Node, gradient_edge
from .wrap import OpNode, RAW, derivative, inplace, rebase_history, record, view_methods
from .. import dtypes, strides
from ..creation import arange
from ..tensor import (
    Tensor, _blas_ready, _check_broadcast_into, _is_basic_index, _norm_order, _numpy_index, _shape_arg,
)


def _numpy_result(values: np.ndarray, like: Tensor) -> Tensor:
    """Un gradiente calculado con numpy, como tensor del tipo de ``like``."""
    return Tensor._from_array(values, like._storage.dtype)


def _zeros(shape, like: Tensor) -> Tensor:
    return Tensor._from_array(np.zeros(shape, like._storage.dtype.numpy), like._storage.dtype)


def _zero_grad(grad: Tensor) -> Tensor:
    """La derivada de algo plano: ceros, no ``grad * 0`` (que da nan donde grad es inf o nan, y -0 donde es
    negativo). Como el ``zeros_like`` de PyTorch, no depende de nada: no deja nodo ni con create_graph."""
    return _zeros(grad._shape, grad)


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


# --- funciones de una variable -------------------------------------------------------------------------
class _UnaryOnResult(OpNode):
    """Una función cuya derivada se escribe con su resultado ``y`` (exp, sqrt, tanh, sigmoid…)."""

    def setup(ctx, result, self, *args, **kwargs):
        ctx.save_for_backward(result)
        return (self,)


class _UnaryOnInput(OpNode):
    """Una función cuya derivada se escribe con su entrada ``x`` (log, sin, abs…)."""

    def setup(ctx, result, self, *args, **kwargs):
        ctx.save_for_backward(self)
        return (self,)


@derivative("neg")
class NegBackward0(OpNode):
    def backward(ctx, grad):
        return (-grad,)


@derivative("exp")
class ExpBackward0(_UnaryOnResult):
    """d(eˣ) = eˣ·dx"""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return (grad * result,)


@derivative("log")
class LogBackward0(_UnaryOnInput):
    """d(ln x) = dx / x"""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad / self,)


@derivative("log1p")
class Log1PBackward0(_UnaryOnInput):
    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad / (self + 1),)


@derivative("sqrt")
class SqrtBackward0(_UnaryOnResult):
    """d(√x) = dx / (2√x)"""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return (grad / (result * 2),)


@derivative("rsqrt")
class RsqrtBackward0(_UnaryOnResult):
    """d(x^(-1/2)) = −½·x^(-3/2)·dx"""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return (grad * result.pow(3) * -0.5,)


@derivative("reciprocal")
class ReciprocalBackward0(_UnaryOnResult):
    """d(1/x) = −dx / x²"""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return (-grad * result * result,)


@derivative("abs")
class AbsBackward0(_UnaryOnInput):
    """d|x| = signo(x)·dx (PyTorch toma 0 en x = 0)."""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * self.sign(),)


@derivative("sign")
class SignBackward0(OpNode):
    def backward(ctx, grad):
        return (_zero_grad(grad),)


class _Piecewise(OpNode):
    """Redondeos: escalones planos, derivada 0 en todas partes (salvo en los saltos, donde no existe)."""

    def backward(ctx, grad):
        return (_zero_grad(grad),)


for _name in ("floor", "ceil", "trunc"):
    derivative(_name)(type(_name.capitalize() + "Backward0", (_Piecewise,), {}))
RoundBackward0 = type("RoundBackward0", (_Piecewise,), {})
RoundBackward1 = type("RoundBackward1", (_Piecewise,), {})  # el de round(decimals=...)


@derivative("round")
def _round(result, self, *, decimals=0):
    return RoundBackward1 if decimals else RoundBackward0


@derivative("log2")
class Log2Backward0(_UnaryOnInput):
    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad / (self * math.log(2.0)),)


@derivative("log10")
class Log10Backward0(_UnaryOnInput):
    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad / (self * math.log(10.0)),)


@derivative("expm1")
class Expm1Backward0(_UnaryOnResult):
    """d(eˣ − 1) = eˣ·dx = (y + 1)·dx"""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return (grad * (result + 1),)


@derivative("tan")
class TanBackward0(_UnaryOnResult):
    """d(tan x) = (1 + tan²x)·dx"""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return (grad * (result * result + 1),)


@derivative("asin")
class AsinBackward0(_UnaryOnInput):
    """d(arcsen x) = dx / √(1 − x²)"""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * (1 - self * self).rsqrt(),)


@derivative("acos")
class AcosBackward0(_UnaryOnInput):
    """d(arccos x) = −dx / √(1 − x²)"""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * -(1 - self * self).rsqrt(),)


@derivative("atan")
class AtanBackward0(_UnaryOnInput):
    """d(arctan x) = dx / (1 + x²)"""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad / (self * self + 1),)


@derivative("sinh")
class SinhBackward0(_UnaryOnInput):
    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * self.cosh(),)


@derivative("cosh")
class CoshBackward0(_UnaryOnInput):
    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * self.sinh(),)


@derivative("atan2")
class Atan2Backward0(OpNode):
    """θ = atan2(y, x): dθ/dy = x / (x² + y²) y dθ/dx = −y / (x² + y²)."""

    def setup(ctx, result, self, other):
        ctx.save_for_backward(self, other)
        return self, other

    def backward(ctx, grad):
        y, x = ctx.saved_tensors
        scaled = grad / (x * x + y * y)
        return scaled * x, scaled * -y


@derivative("sin")
class SinBackward0(_UnaryOnInput):
    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * self.cos(),)


@derivative("cos")
class CosBackward0(_UnaryOnInput):
    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * -self.sin(),)


@derivative("tanh")
class TanhBackward0(_UnaryOnResult):
    """d(tanh x) = (1 − tanh²x)·dx"""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return (_as_operation(_tanh_backward, TanhBackwardBackward0, grad, result),)


@derivative("sigmoid")
class SigmoidBackward0(_UnaryOnResult):
    """dσ(x) = σ(x)·(1 − σ(x))·dx"""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return (_as_operation(_sigmoid_backward, SigmoidBackwardBackward0, grad, result),)


@derivative("relu")
class ReluBackward0(_UnaryOnResult):
    """La derivada de max(x, 0) es 1 donde x > 0 y 0 en el resto (también en x = 0)."""

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        if grad_mode._enabled:
            return (_as_operation(_relu_backward, ThresholdBackwardBackward0, grad, result),)
        return (_numpy_result(np.where(result._values() <= 0, 0, grad._values()).astype(grad._values().dtype), grad),)


# --- las derivadas, vistas a su vez como operaciones (para derivar dos veces) ---------------------------
# Con create_graph=True, PyTorch anota la derivada de tanh, sigmoid y relu como una sola operación de dos
# entradas, G (el gradiente que llega) e y (el resultado guardado): TanhBackwardBackward0… Así el gradiente
# depende también de y, aunque la derivada respecto de y sea 0 (en relu).
def _tanh_backward(grad: Tensor, y: Tensor) -> Tensor:
    return grad * (1 - y * y)


def _sigmoid_backward(grad: Tensor, y: Tensor) -> Tensor:
    return grad * y * (1 - y)


def _relu_backward(grad: Tensor, y: Tensor) -> Tensor:
    # Ceros donde y <= 0 (no grad · máscara, que daría nan si grad lo es); donde y es nan, pasa grad, como en PyTorch.
    return grad.masked_fill(y <= 0, 0)


def _as_operation(compute, node_class, grad: Tensor, y: Tensor, *options) -> Tensor:
    """``compute(grad, y, *options)``; si se está construyendo el grafo, anotada con el nodo ``node_class``."""
    if grad_mode._enabled:
        return record(compute, node_class, grad, (y, *options), {})
    return compute(grad, y, *options)


class _BackwardOfBackward(OpNode):
    """Una derivada vista como operación, para derivar dos veces: guarda G y la entrada o el resultado (y), y
    las opciones de la función (la dim de softmax y log_softmax, la pendiente de leaky_relu…)."""

    def setup(ctx, result, grad, y, *options):
        ctx.save_for_backward(grad, y)
        ctx.options = options
        ctx.dim = options[0] if options else None
        return grad, y


class TanhBackwardBackward0(_BackwardOfBackward):
    """G·(1 − y²): respecto de G, la misma derivada; respecto de y, −2·G·y."""

    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        return _as_operation(_tanh_backward, TanhBackwardBackward0, gg, y), gg * grad * y * -2


class SigmoidBackwardBackward0(_BackwardOfBackward):
    """G·y·(1 − y): respecto de G, la misma derivada; respecto de y, G·(1 − 2y)."""

    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        return _as_operation(_sigmoid_backward, SigmoidBackwardBackward0, gg, y), gg * grad * (1 - 2 * y)


class ThresholdBackwardBackward0(_BackwardOfBackward):
    """G·(y > 0): respecto de G, la misma máscara; respecto de y, 0 (la máscara es escalonada)."""

    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        return _as_operation(_relu_backward, ThresholdBackwardBackward0, gg, y), _zero_grad(gg)


class ClampBackward1(OpNode):
    """``clamp`` con límites numéricos: el gradiente pasa solo donde ``min ≤ x ≤ max``."""

    def setup(ctx, result, self, min=None, max=None):  # noqa: A002
        ctx.save_for_backward(self)
        ctx.min, ctx.max = min, max
        return (self,)

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * _inside(self, ctx.min, ctx.max),)


class ClampBackward0(OpNode):
    """``clamp`` con algún límite tensor: donde se recorta, el gradiente va al límite."""

    def setup(ctx, result, self, min=None, max=None):  # noqa: A002
        ctx.save_for_backward(self, min if isinstance(min, Tensor) else None, max if isinstance(max, Tensor) else None)
        ctx.min, ctx.max = min, max
        return self, min, max

    def backward(ctx, grad):
        self, low, high = ctx.saved_tensors
        low = ctx.min if low is None else low
        high = ctx.max if high is None else high
        grad_low = grad * (self < low) if ctx.needs_input_grad[1] else None
        grad_high = grad * (self > high) if ctx.needs_input_grad[2] else None
        return grad * _inside(self, low, high), grad_low, grad_high


def _inside(x: Tensor, low, high) -> Tensor:
    mask = None
    if low is not None:
        mask = x >= low
    if high is not None:
        mask = x <= high if mask is None else mask & (x <= high)
    return mask


@derivative("clamp")
def _clamp(result, self, min=None, max=None):  # noqa: A002
    return ClampBackward0 if isinstance(min, Tensor) or isinstance(max, Tensor) else ClampBackward1


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


@derivative("masked_fill")
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


# --- softmax -----------------------------------------------------------------------------------------
class _AlongDimOnResult(OpNode):
    """Base de softmax y log_softmax: las dos derivadas se escriben con el resultado y la dimensión."""

    def setup(ctx, result, self, dim, dtype=None):
        ctx.save_for_backward(result)
        ctx.dim = strides.normalize_dim(dim, max(self.dim(), 1)) if self.dim() else None  # None: un escalar
        return (self,)

    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        if ctx.dim is None:  # de un escalar, softmax es siempre 1 y log_softmax siempre 0: derivada 0
            return (_zero_grad(grad),)
        return (ctx.formula(grad, result),)


@derivative("log_softmax")
class LogSoftmaxBackward0(_AlongDimOnResult):
    """y = x − log Σ eˣ: dL/dx = G − softmax(x)·ΣG, y softmax(x) = eʸ."""

    def formula(ctx, grad, result):
        if grad_mode._enabled:
            return _as_operation(_log_softmax_backward, LogSoftmaxBackwardDataBackward0, grad, result, ctx.dim)
        g = grad._values()
        return _numpy_result(g - np.exp(result._values()) * np.add.reduce(g, axis=ctx.dim, keepdims=True), grad)


@derivative("softmax")
class SoftmaxBackward0(_AlongDimOnResult):
    """y = eˣ / Σ eˣ: dL/dx = y·(G − Σ G·y)."""

    def formula(ctx, grad, result):
        return _as_operation(_softmax_backward, SoftmaxBackwardDataBackward0, grad, result, ctx.dim)


def _log_softmax_backward(grad: Tensor, y: Tensor, dim: int) -> Tensor:
    return grad - y.exp() * grad.sum(dim, keepdim=True)


def _softmax_backward(grad: Tensor, y: Tensor, dim: int) -> Tensor:
    return y * (grad - (grad * y).sum(dim, keepdim=True))


class LogSoftmaxBackwardDataBackward0(_BackwardOfBackward):
    """G − eʸ·ΣG: respecto de G, gg − Σ gg·eʸ; respecto de y, −gg·eʸ·ΣG."""

    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        soft = y.exp()
        return gg - (gg * soft).sum(ctx.dim, keepdim=True), -gg * soft * grad.sum(ctx.dim, keepdim=True)


class SoftmaxBackwardDataBackward0(_BackwardOfBackward):
    """y·(G − Σ G·y): respecto de G, y·(gg − Σ gg·y); respecto de y, gg·(G − Σ G·y) − G·Σ gg·y."""

    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        return (
            _as_operation(_softmax_backward, SoftmaxBackwardDataBackward0, gg, y, ctx.dim),
            gg * (grad - (grad * y).sum(ctx.dim, keepdim=True)) - grad * (gg * y).sum(ctx.dim, keepdim=True),
        )


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


# --- álgebra lineal ----------------------------------------------------------------------------------
class _MatmulBackward(OpNode):
    """d(A·B) = dA·B + A·dB, así que dL/dA = G·Bᵀ y dL/dB = Aᵀ·G.

    Los vectores (1-D) se tratan como matrices de una fila o columna; las dimensiones de lote
    difundidas las reduce el motor como en cualquier otra difusión.
    """

    def setup(ctx, result, self, other):
        ctx.save_for_backward(self if other.requires_grad else None, other if self.requires_grad else None)
        ctx.ndims = (self.dim(), other.dim())
        return self, other

    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        a_dim, b_dim = ctx.ndims
        if a_dim == 1 and b_dim == 1:
            return grad * b if need_a else None, grad * a if need_b else None
        if a_dim == 1:  # (k) @ (..., k, m)
            g = grad.unsqueeze(-2)
            return (g @ _transposed(b)).squeeze(-2) if need_a else None, a.unsqueeze(-1) @ g if need_b else None
        if b_dim == 1:  # (..., n, k) @ (k)
            g = grad.unsqueeze(-1)
            return g @ b.unsqueeze(-2) if need_a else None, (_transposed(a) @ g).squeeze(-1) if need_b else None
        if grad_mode._enabled or (a_dim, b_dim) != (2, 2):
            return grad @ _transposed(b) if need_a else None, _transposed(a) @ grad if need_b else None
        g = _blas_ready(grad._values())  # un gradiente expandido (stride 0) se copia antes
        return (
            _numpy_result(np.matmul(g, _blas_ready(b._values().T)), grad) if need_a else None,
            _numpy_result(np.matmul(_blas_ready(a._values().T), g), grad) if need_b else None,
        )


def _transposed(matrices: Tensor) -> Tensor:
    """Las matrices (las dos últimas dimensiones) traspuestas; ``t()`` es el camino corto para 2-D."""
    return matrices.t() if matrices.dim() == 2 else matrices.mT


@derivative("mm")
class MmBackward0(_MatmulBackward):
    pass


@derivative("bmm")
class BmmBackward0(_MatmulBackward):
    pass


@derivative("mv")
class MvBackward0(_MatmulBackward):
    pass


@derivative("dot")
class DotBackward0(_MatmulBackward):
    pass


# matmul de PyTorch se descompone en varias operaciones; su nodo final tiene estos nombres.
_VectorMatrixBackward = type("SqueezeBackward4", (_MatmulBackward,), {})
_BatchedMatmulBackward = type("UnsafeViewBackward0", (_MatmulBackward,), {})
_MatrixBatchBackward = type("CloneBackward0", (_MatmulBackward,), {})


_MATMUL_NODES = {  # (dimensiones de A, de B), con 3 por «3 o más» -> nodo
    (1, 1): DotBackward0, (2, 2): MmBackward0, (2, 1): MvBackward0, (1, 2): _VectorMatrixBackward,
    (2, 3): _MatrixBatchBackward,
}


@derivative("matmul")
def _matmul(result, self, other):
    return _MATMUL_NODES.get((min(len(self._shape), 3), min(len(other._shape), 3)), _BatchedMatmulBackward)


# --- vistas y copias ---------------------------------------------------------------------------------
class _ViewNode(OpNode):
    _is_view = True


class ViewBackward0(_ViewNode):
    """Cambiar la forma no cambia los valores: el gradiente vuelve a la forma de la entrada."""

    def backward(ctx, grad):
        return (grad.reshape(ctx._input_meta[0][0]),)


derivative("view")(ViewBackward0)


class UnsafeViewBackward0(OpNode):
    """``reshape`` que tuvo que copiar (la entrada no admitía una vista con la forma nueva)."""

    def backward(ctx, grad):
        return (grad.reshape(ctx._input_meta[0][0]),)


# ``reshape`` sin copia de un tensor no contiguo: el mismo cálculo, con el nombre que le da PyTorch.
ReshapeAliasBackward0 = type("ReshapeAliasBackward0", (ViewBackward0,), {})


@derivative("reshape")
def _reshape(result, self, *shape):
    if result._storage is not self._storage:
        return UnsafeViewBackward0
    return ViewBackward0 if self.is_contiguous() else ReshapeAliasBackward0


view_methods("reshape")  # puede devolver una vista: wrap le anota su base aunque no haya gradiente


@derivative("t")
class TBackward0(_ViewNode):
    def backward(ctx, grad):
        return (grad.t(),)


@derivative("transpose")
class TransposeBackward0(_ViewNode):
    """Trasponer dos veces deja todo como estaba: el gradiente se traspone igual."""

    def setup(ctx, result, self, dim0, dim1):
        ctx.dims = (dim0, dim1)
        return (self,)

    def backward(ctx, grad):
        return (grad.transpose(*ctx.dims),)


@derivative("permute")
class PermuteBackward0(_ViewNode):
    """El gradiente se permuta con la permutación inversa."""

    def setup(ctx, result, self, *dims):
        order = [strides.normalize_dim(d, self.dim()) for d in _shape_arg(dims)]
        ctx.inverse = tuple(int(i) for i in np.argsort(order))
        return (self,)

    def backward(ctx, grad):
        return (grad.permute(ctx.inverse),)


@derivative("expand")
class ExpandBackward0(_ViewNode):
    """Expandir es difundir a mano: el gradiente se suma sobre las copias (``sum_to``)."""

    def backward(ctx, grad):
        return (sum_to(grad, ctx._input_meta[0][0]),)


class SqueezeBackward0(_ViewNode):
    """Quitar dimensiones de tamaño 1 no mueve datos: el gradiente recupera la forma de la entrada."""

    def backward(ctx, grad):
        return (grad.reshape(ctx._input_meta[0][0]),)


class SqueezeBackward1(SqueezeBackward0):
    pass


class SqueezeBackward2(SqueezeBackward0):
    pass


@derivative("squeeze")
def _squeeze(result, self, dim=None):
    if dim is None:
        return SqueezeBackward0
    return SqueezeBackward2 if isinstance(dim, (tuple, list)) else SqueezeBackward1


view_methods("squeeze")


@derivative("unsqueeze")
class UnsqueezeBackward0(_ViewNode):
    def setup(ctx, result, self, dim):
        ctx.dim = strides.normalize_dim(dim, result.dim())
        return (self,)

    def backward(ctx, grad):
        return (grad.squeeze(ctx.dim),)


class _PutIntoZeros(Function):
    """Un tensor de ceros de forma ``shape`` con ``grad`` escrito (sumado) en las posiciones ``index``.

    Es la derivada de leer ``x[index]``: cada elemento leído devuelve su gradiente a su sitio, y el
    resto de la entrada recibe 0. Con índices repetidos (``x[[0, 0]]``) las contribuciones se suman.
    Su derivada, a su vez, es volver a leer ``[index]``.
    """

    @staticmethod
    def forward(ctx, grad, shape, index, repeated):
        ctx.index = index
        out = np.zeros(shape, grad._storage.dtype.numpy)
        if grad._values().size == 0:
            pass  # nada que escribir (y un índice de una lectura vacía puede estar fuera de rango)
        elif repeated:
            basic, advanced = _numpy_index(index, shape)
            np.add.at(out[basic], advanced, grad._values())
        else:
            out[index] = grad._values()
        return Tensor._from_array(out, grad._storage.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad[ctx.index], None, None, None


def _put_into_zeros(grad: Tensor, shape, index: tuple, repeated: bool = False) -> Tensor:
    return _PutIntoZeros.apply(grad, tuple(shape), index, repeated)


class _IndexedView(_ViewNode):
    """Base de ``x[i]``, ``x[a:b]``, ``select`` y ``narrow``: la salida es una región de la entrada."""

    def setup(ctx, result, self, index):
        ctx.index = index if isinstance(index, tuple) else (index,)
        return (self,)

    def backward(ctx, grad):
        return (_put_into_zeros(grad, ctx._input_meta[0][0], ctx.index),)


class SelectBackward0(_IndexedView):
    def setup(ctx, result, self, dim, index):
        return _IndexedView.setup(ctx, result, self, (slice(None),) * strides.normalize_dim(dim, self.dim()) + (index,))


class SliceBackward0(_IndexedView):
    def setup(ctx, result, self, dim, start, length):
        dim = strides.normalize_dim(dim, self.dim())
        start = start + self._shape[dim] if start < 0 else start
        return _IndexedView.setup(ctx, result, self, (slice(None),) * dim + (slice(start, start + length),))


derivative("select")(SelectBackward0)
derivative("narrow")(SliceBackward0)

# Los nombres de x[...] en PyTorch dependen del último índice aplicado.
_BasicIndexSelect = type("SelectBackward0", (_IndexedView,), {})
_BasicIndexSlice = type("SliceBackward0", (_IndexedView,), {})
_BasicIndexUnsqueeze = type("UnsqueezeBackward0", (_IndexedView,), {})
_BasicIndexAlias = type("AliasBackward0", (_IndexedView,), {})


class _KeepsIndices(OpNode):
    """Nodos cuyos índices guarda PyTorch como tensores guardados: tras un ``backward`` sin ``retain_graph``
    se liberan con el resto, y recorrer otra vez el grafo falla con el error de siempre."""

    def _release(ctx) -> None:
        ctx._saved = None

    def check_not_released(ctx) -> None:
        ctx.saved_tensors  # noqa: B018 (leerlos lanza el error si ya se liberaron)


class IndexBackward0(_KeepsIndices):
    """Indexación avanzada (con listas, tensores o máscaras): el resultado es una copia."""

    def setup(ctx, result, self, index):
        ctx.index = index if isinstance(index, tuple) else (index,)
        return (self,)

    def backward(ctx, grad):
        ctx.check_not_released()
        return (_put_into_zeros(grad, ctx._input_meta[0][0], ctx.index, repeated=True),)


@derivative("__getitem__")
def _getitem(result, self, index):
    items = index if isinstance(index, tuple) else (index,)
    if not all(_is_basic_index(item) for item in items):
        return IndexBackward0
    if len(items) == 1:
        item = items[0]
    else:
        whole = strides.whole_dimension_items(self._shape, items)
        applied = [i for i, skipped in zip(items, whole) if not skipped]
        item = applied[-1] if applied else Ellipsis
    if item is None:
        return _BasicIndexUnsqueeze
    if item is Ellipsis:
        return _BasicIndexAlias
    return _BasicIndexSlice if isinstance(item, slice) else _BasicIndexSelect


view_methods("__getitem__")


@derivative("as_strided")
class AsStridedBackward0(_ViewNode):
    """La vista más general: el gradiente de cada posición de memoria leída vuelve a esa posición."""

    def setup(ctx, result, self, size, stride, storage_offset=None):
        ctx.input_layout = (self._shape, self._stride, self._offset)
        ctx.output_layout = (result._shape, result._stride, result._offset)
        ctx.storage_size = len(self._storage)
        return (self,)

    def backward(ctx, grad):
        memory = np.zeros(ctx.storage_size, grad._storage.dtype.numpy)
        np.add.at(memory, _positions(*ctx.output_layout), grad._values())
        shape, stride, offset = ctx.input_layout
        return (Tensor._from_array(memory[_positions(shape, stride, offset)], grad._storage.dtype),)


def _positions(shape, stride, offset) -> np.ndarray:
    """La posición en memoria de cada elemento de una vista: ``offset + Σ índice·stride``."""
    positions = np.full((), offset, np.int64)
    for size, step in zip(shape, stride):
        positions = positions[..., None] + np.arange(size, dtype=np.int64) * step
    return positions


@derivative("clone")
class CloneBackward0(OpNode):
    def backward(ctx, grad):
        return (grad,)


derivative("contiguous")(CloneBackward0)


@derivative("_cast")
class ToCopyBackward0(OpNode):
    """Cambiar de tipo: el motor devuelve el gradiente al tipo de la entrada."""

    def backward(ctx, grad):
        return (grad,)


@derivative("roll")
class RollBackward0(OpNode):
    """Desplazar solo cambia las posiciones: el gradiente vuelve desplazándolo al revés."""

    def setup(ctx, result, self, shifts, dims=None):
        ctx.shifts = (shifts,) if isinstance(shifts, int) else tuple(shifts)
        ctx.dims = dims
        return (self,)

    def backward(ctx, grad):
        return (grad.roll(tuple(-s for s in ctx.shifts), ctx.dims),)


@derivative("nan_to_num")
class NanToNumBackward0(_UnaryOnInput):
    """Donde había un ``nan`` o un infinito, el resultado es una constante: gradiente 0."""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * self.isfinite(),)


class _OnDiagonal(OpNode):
    """Lo que lee una diagonal devuelve su gradiente a esa diagonal, y ceros al resto."""

    def setup(ctx, result, self, offset=0, dim1=0, dim2=1):
        ctx.offset, ctx.dim1, ctx.dim2 = offset, dim1, dim2
        return (self,)

    def backward(ctx, grad):
        out = grad.new_zeros(ctx._input_meta[0][0])
        out.diagonal(ctx.offset, ctx.dim1, ctx.dim2).copy_(grad)  # con create_graph, esta copia también se anota
        return (out,)


@derivative("diagonal")
class DiagonalBackward0(_OnDiagonal):
    _is_view = True


class DiagonalBackward0_copy(_OnDiagonal):  # noqa: N801 (el nombre de PyTorch para diag de una matriz)
    pass


@derivative("trace")
class TraceBackward0(_OnDiagonal):
    def backward(ctx, grad):
        shape = ctx._input_meta[0][0]
        return super().backward(grad.expand(min(shape)))


class DiagEmbedBackward0(OpNode):
    """``diag`` de un vector: cada elemento está en un sitio de la diagonal; su gradiente, el de ese sitio."""

    def setup(ctx, result, self, diagonal=0):
        ctx.diagonal = diagonal
        return (self,)

    def backward(ctx, grad):
        return (grad.diagonal(ctx.diagonal),)


@derivative("diag")
def _diag(result, self, diagonal=0):
    return DiagEmbedBackward0 if self.dim() == 1 else DiagonalBackward0_copy


@derivative("flip")
class FlipBackward0(OpNode):
    """Dar la vuelta solo cambia el orden: el gradiente vuelve dándole la vuelta otra vez."""

    def setup(ctx, result, self, *dims):
        ctx.dims = _shape_arg(dims)
        return (self,)

    def backward(ctx, grad):
        return (grad.flip(ctx.dims),)


class _Triangle(OpNode):
    """``tril`` y ``triu``: los elementos que se quedan pasan el gradiente; los puestos a cero, no."""

    def setup(ctx, result, self, diagonal=0):
        ctx.diagonal = diagonal
        return (self,)


@derivative("tril")
class TrilBackward0(_Triangle):
    def backward(ctx, grad):
        return (grad.tril(ctx.diagonal),)


@derivative("triu")
class TriuBackward0(_Triangle):
    def backward(ctx, grad):
        return (grad.triu(ctx.diagonal),)


# --- elegir con índices: gather, index_select, sort, topk, masked_select, repeat --------------------------
class _ScatterAlong(Function):
    """El gradiente de elegir con ``gather``: cada valor vuelve a la posición de la que salió (sumando si
    una posición se eligió varias veces). Es una ``Function`` para que su derivada (``gather``) también se anote."""

    @staticmethod
    def forward(ctx, grad, shape, axis, positions):
        ctx.axis, ctx.positions = axis, positions
        out = np.zeros(shape, grad._storage.dtype.numpy)
        if positions.size:
            # un tensor 0-d (la entrada o el índice) cuenta como uno de un elemento, como en gather
            chosen = positions.reshape(positions.shape or (1,))
            region = out.reshape(out.shape or (1,))[
                tuple(slice(None) if d == axis else slice(0, n) for d, n in enumerate(chosen.shape))
            ]
            np.add.at(region, _along_axis_index(chosen, axis), grad._values().reshape(chosen.shape))
        return Tensor._from_array(out, grad._storage.dtype)

    @staticmethod
    def backward(ctx, grad):
        positions = Tensor._from_array(ctx.positions, dtypes.int64)
        return grad.gather(ctx.axis, positions), None, None, None


def _along_axis_index(positions: np.ndarray, axis: int) -> tuple:
    """El índice avanzado de numpy que elige ``positions`` a lo largo de ``axis`` (lo que hace take_along_axis)."""
    grids = np.ogrid[tuple(slice(0, n) for n in positions.shape)]
    return tuple(positions if d == axis else grid for d, grid in enumerate(grids))


class _Choosing(OpNode):
    """Base de gather, sort y topk: el gradiente de cada valor elegido va a la posición de la que salió."""

    def scatter(ctx, grad, positions: np.ndarray) -> Tensor:
        return _ScatterAlong.apply(grad, ctx._input_meta[0][0], ctx.axis, positions)


@derivative("gather")
class GatherBackward0(_Choosing):
    def setup(ctx, result, self, dim, index):
        ctx.axis = strides.normalize_dim(dim, max(self.dim(), 1))
        ctx.positions = index._values()  # ya validadas por gather
        ctx.save_for_backward(self)  # como PyTorch: cambiar la entrada in situ antes de backward es un error
        return (self,)

    def backward(ctx, grad):
        ctx.saved_tensors  # noqa: B018 (comprueba la versión, o que no se haya liberado ya)
        return (ctx.scatter(grad, ctx.positions),)


@derivative("sort")
class SortBackward0(_Choosing, _KeepsIndices):
    def setup(ctx, result, self, dim=-1, descending=False, stable=False):
        ctx.axis = strides.normalize_dim(dim, max(self.dim(), 1))
        ctx.positions = result.indices._values()
        return (self,)

    def backward(ctx, grad):
        ctx.check_not_released()
        return (ctx.scatter(grad, ctx.positions),)


@derivative("topk")
class TopkBackward0(SortBackward0):
    def setup(ctx, result, self, k, dim=-1, largest=True, sorted=True):  # noqa: A002
        return SortBackward0.setup(ctx, result, self, dim)


class _IndexAdd(Function):
    """El gradiente de ``index_select``: cada rebanada elegida se suma en la rebanada de la que salió."""

    @staticmethod
    def forward(ctx, grad, shape, axis, positions):
        ctx.axis, ctx.positions = axis, positions
        out = np.zeros(shape, grad._storage.dtype.numpy)
        if len(shape):
            np.add.at(out, (slice(None),) * axis + (positions,), grad._values())
        else:
            out[...] = np.add.reduce(grad._values().reshape(-1))
        return Tensor._from_array(out, grad._storage.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad.index_select(ctx.axis, Tensor._from_array(ctx.positions, dtypes.int64)), None, None, None


@derivative("index_select")
class IndexSelectBackward0(_KeepsIndices):
    def setup(ctx, result, self, dim, index):
        ctx.axis = strides.normalize_dim(dim, max(self.dim(), 1))
        ctx.positions = index._values().reshape(-1).astype(np.int64)
        return (self,)

    def backward(ctx, grad):
        ctx.check_not_released()
        return (_IndexAdd.apply(grad, ctx._input_meta[0][0], ctx.axis, ctx.positions),)


@derivative("masked_select")
class MaskedSelectBackward0(OpNode):
    """Cada elemento elegido vuelve a su sitio (de la forma difundida; el motor la reduce a la de la entrada)."""

    def setup(ctx, result, self, mask):
        ctx.mask = mask._values()
        ctx.save_for_backward(self)  # como PyTorch: cambiar la entrada in situ antes de backward es un error
        return (self,)

    def backward(ctx, grad):
        ctx.saved_tensors  # noqa: B018 (comprueba la versión, o que no se haya liberado ya)
        shape = strides.broadcast_shapes(ctx._input_meta[0][0], ctx.mask.shape)
        if not shape:  # un escalar: se eligió (un valor) o no (ninguno)
            return (grad.sum(),)
        mask = Tensor._from_array(np.ascontiguousarray(np.broadcast_to(ctx.mask, shape)))
        out = _zeros(shape, grad)
        out[mask] = grad  # una asignación con máscara: con create_graph también se anota
        return (out,)


@derivative("repeat")
class RepeatBackward0(OpNode):
    """Cada elemento aparece en varias copias: su gradiente es la suma de los de todas ellas."""

    def setup(ctx, result, self, *sizes):
        ctx.sizes = _shape_arg(sizes)
        return (self,)

    def backward(ctx, grad):
        shape = ctx._input_meta[0][0]
        sizes = ctx.sizes
        original = (1,) * (len(sizes) - len(shape)) + tuple(shape)
        # (r0·s0, r1·s1, …) → (r0, s0, r1, s1, …): las copias quedan en las dimensiones pares.
        split = tuple(n for pair in zip(sizes, original) for n in pair)
        summed = grad.reshape(split).sum(tuple(range(0, 2 * len(sizes), 2))) if sizes else grad
        return (summed.reshape(shape),)


# --- varios tensores -----------------------------------------------------------------------------------
@derivative("_cat")
class CatBackward0(OpNode):
    """Cada tensor recibe su trozo del gradiente, en el mismo orden en que se concatenaron."""

    def setup(ctx, result, tensors, dim=0):
        skipped = [t._shape == (0,) for t in tensors]
        # si cat los ignoró todos, no miró dim (puede estar fuera de rango) y no hay trozos que cortar
        ctx.dim = 0 if all(skipped) else strides.normalize_dim(dim, result.dim())
        ctx.sizes = [None if s else t._shape[ctx.dim] for s, t in zip(skipped, tensors)]
        return tuple(tensors)

    def backward(ctx, grad):
        grads, start = [], 0
        for size in ctx.sizes:
            if size is None:  # un tensor 1-D vacío (cat lo ignora)
                grads.append(_zeros((0,), grad))
                continue
            grads.append(grad.narrow(ctx.dim, start, size))
            start += size
        return tuple(grads)


@derivative("_stack")
class StackBackward0(OpNode):
    def setup(ctx, result, tensors, dim=0):
        ctx.dim = strides.normalize_dim(dim, tensors[0].dim() + 1)
        return tuple(tensors)

    def backward(ctx, grad):
        return tuple(grad.select(ctx.dim, i) for i in range(grad._shape[ctx.dim]))


class _SplitBackward(_ViewNode):
    """Base de ``split``, ``chunk`` y ``unbind``: varias salidas, cada una una vista de un trozo de la entrada.

    Es un solo nodo con una salida por trozo. Al retropropagar, los gradientes de los trozos se juntan
    en el orden en que se cortaron, con ceros en los trozos que no se usaron.
    """

    _multi_view = True  # sus salidas son vistas que no admiten operaciones in situ (ver check_inplace)

    def setup(ctx, result, self, split_size, dim=0):
        return ctx.remember_pieces(result, self, dim)

    def remember_pieces(ctx, result, self, dim):
        ctx.dim = strides.normalize_dim(dim, self.dim())
        ctx.shapes = [piece._shape for piece in result]
        return (self,)

    def backward(ctx, *grads):
        like = next(g for g in grads if g is not None)
        pieces = [_zeros(shape, like) if g is None else g for g, shape in zip(grads, ctx.shapes)]
        return (ctx.join(pieces),)

    def join(ctx, pieces):
        return Tensor._cat(pieces, ctx.dim)


class SplitBackward0(_SplitBackward):
    pass


class SplitWithSizesBackward0(_SplitBackward):
    pass


@derivative("split")
def _split(result, self, split_size, dim=0):
    return SplitBackward0 if isinstance(split_size, int) else SplitWithSizesBackward0


view_methods("split")


@derivative("unbind")
class UnbindBackward0(_SplitBackward):
    def setup(ctx, result, self, dim=0):
        return ctx.remember_pieces(result, self, dim)

    def join(ctx, pieces):
        return Tensor._stack(pieces, ctx.dim)


# --- operaciones in situ -------------------------------------------------------------------------------
def _outplace(name: str):
    """La versión normal de ``name_`` (ya envuelta, para que anote su nodo)."""

    def compute(old, *args, **kwargs):
        return getattr(old, name)(*args, **kwargs)

    return compute


for _name in ("add", "sub", "mul", "div", "pow", "neg", "exp", "sqrt", "clamp", "relu", "sigmoid", "tanh", "masked_fill", "lerp",
              "floor_divide", "remainder"):
    inplace(_name + "_", _outplace(_name))


class CopyBackwards(OpNode):
    """``self.copy_(src)``: el valor viejo se pierde (gradiente 0) y ``src`` recibe el gradiente."""

    def setup(ctx, result, self, src):
        return self, src

    def backward(ctx, grad):
        return _zero_grad(grad), grad


class _Overwritten(OpNode):
    """Rellenar (``fill_``, ``zero_``, ``normal_``…): el resultado ya no depende del valor viejo."""

    def backward(ctx, grad):
        return tuple(_zero_grad(grad) if i == 0 else grad.sum() for i in range(len(ctx.next_functions)))


def _overwrite(name: str):
    """Anota un relleno in situ con un nodo ``name``; los valores nuevos los escribe el propio método."""
    node_class = type(name, (_Overwritten,), {})

    def compute(old, *args, **kwargs):
        def same_shape(old, *args, **kwargs):
            return Tensor._from_array(np.copy(old._values()), old._storage.dtype)

        return record(same_shape, node_class, old, args, kwargs)

    return compute


def _broadcast_copy(old: Tensor, src) -> Tensor:
    source = src._values() if isinstance(src, Tensor) else np.asarray(src)
    _check_broadcast_into(old._shape, [source.shape])
    return Tensor._from_array(np.broadcast_to(source, old._shape).astype(old._storage.dtype.numpy), old._storage.dtype)


def copy(old: Tensor, src, *args, **kwargs) -> Tensor:
    """La versión normal (no in situ) de ``old.copy_(src)``: ``src`` difundido a la forma de ``old``."""
    return record(_broadcast_copy, CopyBackwards, old, (src,), {})


class FillBackward3(CopyBackwards):
    """``x[...] = v`` con un número o un tensor ``v`` de dimensión 0 y ``x`` de más: PyTorch lo resuelve
    con ``fill_``. El gradiente, el de una copia (``v`` recibe la suma)."""


def fill(old: Tensor, value) -> Tensor:
    """La versión normal de ``old[...] = value`` cuando PyTorch rellena en vez de copiar (ver ``FillBackward3``)."""
    return record(_broadcast_copy, FillBackward3, old, (value,), {})


inplace("copy_", copy)
inplace("fill_", _overwrite("FillBackward2"))
inplace("zero_", _overwrite("ZeroBackward0"))
inplace("normal_", _overwrite("NormalBackward0"))
inplace("uniform_", _overwrite("UniformBackward0"))
inplace("bernoulli_", _overwrite("BernoulliBackward1"))
inplace("random_", _overwrite("RandomBackward2"))


class IndexPutBackward0(OpNode):
    """``x[índices] = v``: las posiciones escritas ya no dependen de ``x``; ``v`` recibe su gradiente."""

    def setup(ctx, result, self, index, value):
        ctx.index = index
        return self, value

    def backward(ctx, grad):
        grad_self = RAW["clone"](grad)
        RAW["__setitem__"](grad_self, ctx.index, 0)
        return grad_self, grad[ctx.index] if ctx.needs_input_grad[1] else None


def index_put(old: Tensor, index, value) -> Tensor:
    """La versión normal (no in situ) de ``x[index] = value`` con un índice avanzado."""

    def put(old, index, value):
        out = RAW["clone"](old)
        RAW["__setitem__"](out, index, value)
        return out

    return record(put, IndexPutBackward0, old, (index, value), {})


class CopySlices(OpNode):
    """Una operación in situ sobre una vista (``y[0].mul_(2)``, ``y[1:] = v``) cambia su base.

    El gradiente de la base pasa tal cual fuera de la región escrita; dentro de ella, lo transforma
    el nodo de la operación (``fn``), que reparte también su parte a las otras entradas (``v``).
    """

    def backward(ctx, grad):
        result = _with_layout(grad, *ctx.base_layout)
        region = result._view_of(*ctx.view_layout)
        grads = ctx.fn.apply([Tensor._from_array(np.copy(region._values()))])
        first = grads[0]
        region._values()[...] = 0 if first is None else sum_to(first, region._shape)._values()
        return (result,) + tuple(grads[1:])

    def _release(self) -> None:
        self.fn._release()


def _with_layout(grad: Tensor, shape, stride, offset, storage_size) -> Tensor:
    """Una copia de ``grad`` en un almacenamiento nuevo con la forma, strides y desplazamiento dados."""
    memory = np.zeros(storage_size, grad._storage.dtype.numpy)
    out = Tensor._from_array(memory, grad._storage.dtype)._view_of(shape, stride, offset)
    out._values()[...] = grad._values()
    return out


def rebase_view(view: Tensor, base: Tensor, fn: Node) -> None:
    """Tras ``view.op_(...)``, la base cambia en la región de ``view``: su nueva historia es ``CopySlices``."""
    node = CopySlices()
    node.fn = fn
    node.base_layout = (base._shape, base._stride, base._offset, len(base._storage))
    node.view_layout = (view._shape, view._stride, view._offset)
    node.next_functions = (gradient_edge(base),) + fn.next_functions[1:]
    node._input_meta = ((base._shape, base._storage.dtype),) + fn._input_meta[1:]
    rebase_history(base, node)
    # La vista (y cualquier otra de la misma base) es ahora una región de la nueva base: su historia se
    # rehará al leer su grad_fn (ver wrap._GradFnSlot), aunque la escritura no haya cambiado la versión.
    view.__dict__.pop("_view_version", None)


def region_of(base: Tensor, view: Tensor) -> AsStridedBackward0:
    """La historia de una vista rehecha desde la de su base: ``view`` es la región de ``base`` que marcan
    su forma, sus strides y su desplazamiento."""
    region = AsStridedBackward0()
    region.input_layout = (base._shape, base._stride, base._offset)
    region.output_layout = (view._shape, view._stride, view._offset)
    region.storage_size = len(base._storage)
    region.next_functions, region._input_meta = (gradient_edge(base),), ((base._shape, base._storage.dtype),)
    return region



# --- operaciones que usan los cursos (d2l, makemore): erf, cumprod, nansum, median ---------------------
@derivative("erf")
class ErfBackward0(_UnaryOnInput):
    """d erf(x)/dx = 2/√π · e^(−x²)."""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * (-self * self).exp() * (2 / math.sqrt(math.pi)),)


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


for _name, _normal in (("abs_", "abs"), ("floor_", "floor"), ("round_", "round"), ("erf_", "erf")):
    inplace(_name, _outplace(_normal))


# --- axis= y keepdims= ----------------------------------------------------------------------------------
# Los métodos que admiten los nombres de numpy (tensor._accepting_numpy_keywords) los traducen antes de
# calcular, pero el envoltorio de autograd pasa a los nodos los argumentos tal como llegaron: cada nodo de
# esas operaciones recibe también la traducción. Va al final: tiene que ver todas las fórmulas registradas.
from .wrap import _FORMULAS  # noqa: E402 (solo lo usa esta sección)
from ..tensor import _numpy_keywords  # noqa: E402

_NODES_WITH_NUMPY_KEYWORDS: dict = {}


def _node_accepting_numpy_keywords(node_class):
    translated = _NODES_WITH_NUMPY_KEYWORDS.get(node_class)
    if translated is None:

        def setup(ctx, result, self, *args, **kwargs):
            return node_class.setup(ctx, result, self, *args, **_numpy_keywords(node_class.__name__, kwargs))

        translated = type(node_class.__name__, (node_class,), {
            "setup": setup, "__qualname__": node_class.__qualname__, "__module__": node_class.__module__,
            "__doc__": node_class.__doc__,
        })
        _NODES_WITH_NUMPY_KEYWORDS[node_class] = translated
    return translated


def _entry_accepting_numpy_keywords(name: str, entry):
    def choose(result, self, *args, **kwargs):
        translated = _numpy_keywords(name, kwargs) if kwargs else kwargs
        node_class = entry if isinstance(entry, type) else entry(result, self, *args, **translated)
        if node_class is None or translated is kwargs:
            return node_class
        return _node_accepting_numpy_keywords(node_class)

    return choose


for _name, _entry in list(_FORMULAS.items()):
    if getattr(getattr(Tensor, _name, None), "_numpy_keywords", False):
        _FORMULAS[_name] = _entry_accepting_numpy_keywords(_name, _entry)


# --- la derivada de leaky_relu, elu y softplus, vista como operación (para derivar dos veces) -------------
# Como tanh o relu (más arriba), con create_graph=True PyTorch anota cada una de estas derivadas como una
# sola operación de dos entradas, G (el gradiente que llega) y x (la entrada guardada), con sus opciones.
# Así el gradiente depende de x aunque la derivada respecto de x sea 0 (en leaky_relu, escalonada).
def _leaky_relu_backward(grad: Tensor, x: Tensor, slope: float) -> Tensor:
    return grad * ((x > 0).to(grad.dtype) * (1 - slope) + slope)


def _elu_backward(grad: Tensor, x: Tensor, alpha: float) -> Tensor:
    negative = (x <= 0).to(grad.dtype)
    # e^min(x, 0): donde x > 0 no cuenta, y así e^500 no da inf (ni 0·inf = nan).
    return grad * (negative * (x.clamp(max=0).exp() * alpha - 1) + 1)


def _softplus_backward(grad: Tensor, x: Tensor, beta: float, threshold: float) -> Tensor:
    scaled = x * beta
    linear = (scaled > threshold).to(grad.dtype)
    return grad * (linear + (1 - linear) * scaled.sigmoid())


class LeakyReluBackwardBackward0(_BackwardOfBackward):
    """G·(1 si x > 0; la pendiente si no): respecto de G, la misma derivada; respecto de x, 0."""

    def backward(ctx, gg):
        _, x = ctx.saved_tensors
        # Respecto de x, unos ceros constantes (como zeros_like en PyTorch): no dependen de nada.
        return _as_operation(_leaky_relu_backward, LeakyReluBackwardBackward0, gg, x, *ctx.options), _zeros(x._shape, gg)


class EluBackwardBackward0(_BackwardOfBackward):
    """G·(1 si x > 0; α·eˣ si no): respecto de G, la misma derivada; respecto de x, G·α·eˣ donde x < 0.

    En x = 0 la primera derivada usa la rama de los negativos y la segunda, 0: las dos como PyTorch."""

    def backward(ctx, gg):
        grad, x = ctx.saved_tensors
        (alpha,) = ctx.options
        # La derivada de la rama negativa es la propia derivada de elu (α·eˣ), solo donde x < 0; así la
        # escribe PyTorch, y con create_graph quedan los mismos nodos.
        curvature = _as_operation(_elu_backward, EluBackwardBackward0, _times_number(gg * grad, 1.0), x, alpha)
        return _as_operation(_elu_backward, EluBackwardBackward0, gg, x, alpha), curvature * (x < 0).to(grad.dtype)


class SoftplusBackwardBackward0(_BackwardOfBackward):
    """G·σ(βx): respecto de G, la misma derivada; respecto de x, G·β·σ(βx)·(1 − σ(βx)) donde βx < umbral."""

    def backward(ctx, gg):
        grad, x = ctx.saved_tensors
        beta, threshold = ctx.options
        scaled = _times_number(x, beta)
        curvature = _as_operation(_sigmoid_backward, SigmoidBackwardBackward0, gg * grad, scaled.sigmoid())
        return (
            _as_operation(_softplus_backward, SoftplusBackwardBackward0, gg, x, beta, threshold),
            _times_number(curvature * (scaled < threshold).to(grad.dtype), beta),
        )


def _times_number(t: Tensor, number: float) -> Tensor:
    """``t * número`` anotado como ``MulBackward1``, el nodo de PyTorch para ese producto dentro de su C++."""
    if grad_mode._enabled and t.requires_grad:
        return record(RAW["mul"], MulBackward1, t, (number,), {})
    return t * number


class AddBackward1(OpNode):
    """``tensor + número`` dentro de una función de PyTorch escrita en C++: el número no es una entrada."""

    def setup(ctx, result, self, other, *, alpha=1):
        return (self,)

    def backward(ctx, grad):
        return (grad,)


def _plus_number(t: Tensor, number: float) -> Tensor:
    """``t + número`` anotado como ``AddBackward1`` (como ``_times_number`` con ``MulBackward1``)."""
    if grad_mode._enabled and t.requires_grad:
        return record(RAW["add"], AddBackward1, t, (number,), {})
    return t + number


# --- hardtanh y gelu: lo mismo (HardtanhBackwardBackward0, GeluBackwardBackward0) --------------------------
def _hardtanh_backward(grad: Tensor, x: Tensor, low: float, high: float) -> Tensor:
    return grad * ((x > low) & (x < high))


_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


def _gelu_tanh_parts(x: Tensor):
    """tanh(u) y du/dx, con u = √(2/π)·(x + 0.044715·x³): la aproximación de gelu con tanh."""
    t = (_SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)).tanh()
    return t, _SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x)


def _gelu_backward(grad: Tensor, x: Tensor, approximate: str) -> Tensor:
    """Exacta, y = x·Φ(x): dy/dx = Φ(x) + x·φ(x), con Φ la distribución normal y φ su densidad.
    Con ``'tanh'``, y = x/2·(1 + tanh u): dy/dx = (1 + tanh u)/2 + x/2·(1 − tanh² u)·du/dx."""
    if approximate == "tanh":
        t, du = _gelu_tanh_parts(x)
        return grad * ((t + 1) * 0.5 + x * 0.5 * (1 - t * t) * du)
    cdf = ((x * (1 / math.sqrt(2))).erf() + 1) * 0.5
    pdf = (x * x * -0.5).exp() * (1 / math.sqrt(2 * math.pi))
    return grad * (cdf + x * pdf)


class HardtanhBackwardBackward0(_BackwardOfBackward):
    """G·(1 dentro de (min, max); 0 fuera): respecto de G, la misma máscara; respecto de x, 0."""

    def backward(ctx, gg):
        _, x = ctx.saved_tensors
        return _as_operation(_hardtanh_backward, HardtanhBackwardBackward0, gg, x, *ctx.options), _zeros(x._shape, gg)


class GeluBackwardBackward0(_BackwardOfBackward):
    """G·gelu'(x): respecto de G, la misma derivada; respecto de x, G·gelu''(x).

    Exacta, gelu'' = φ(x)·(2 − x²); con tanh, (1 − t²)·(u' + x/2·(u'' − 2·t·u'²)), con t = tanh u."""

    def backward(ctx, gg):
        grad, x = ctx.saved_tensors
        (approximate,) = ctx.options
        if approximate == "tanh":
            t, du = _gelu_tanh_parts(x)
            ddu = _SQRT_2_OVER_PI * 6 * 0.044715 * x
            curvature = (1 - t * t) * (du + x * 0.5 * (ddu - 2 * t * du * du))
        else:
            curvature = (x * x * -0.5).exp() * (1 / math.sqrt(2 * math.pi)) * (2 - x * x)
        return _as_operation(_gelu_backward, GeluBackwardBackward0, gg, x, approximate), gg * grad * curvature
