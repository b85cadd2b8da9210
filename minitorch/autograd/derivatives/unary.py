"""Las derivadas de las funciones de una variable: ``exp``, ``log``, ``sqrt``, las trigonométricas,
``tanh``, ``sigmoid``, ``relu``, ``erf``, los redondeos (derivada 0) y ``clamp``.

Muchas se escriben con su resultado ``y`` (``exp``, ``tanh``…: ``_UnaryOnResult``) o con su entrada ``x``
(``log``, ``sin``…: ``_UnaryOnInput``), y así guardan solo lo que necesitan.
"""

from __future__ import annotations

import math

import numpy as np

from .. import grad_mode
from ..recording import OpNode, derivative
from ...tensor import Tensor
from ._common import _numpy_result, _zero_grad
from .double_backward import (
    SigmoidBackwardBackward0, TanhBackwardBackward0, ThresholdBackwardBackward0, _as_operation, _relu_backward,
    _sigmoid_backward, _tanh_backward,
)


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


# --- clamp: el gradiente pasa solo entre los límites ----------------------------------------------------
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


# --- erf (la usan los cursos: d2l) ----------------------------------------------------------------------
@derivative("erf")
class ErfBackward0(_UnaryOnInput):
    """d erf(x)/dx = 2/√π · e^(−x²)."""

    def backward(ctx, grad):
        (self,) = ctx.saved_tensors
        return (grad * (-self * self).exp() * (2 / math.sqrt(math.pi)),)
