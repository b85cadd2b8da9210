"""Las derivadas vistas a su vez como operaciones, para derivar dos veces (``create_graph=True``).

PyTorch anota la derivada de ``tanh``, ``sigmoid``, ``relu`` y de las activaciones de ``nn.functional``
(``leaky_relu``, ``elu``, ``softplus``, ``hardtanh``, ``gelu``) como una sola operación de dos entradas, G (el
gradiente que llega) e ``y`` o ``x`` (lo guardado): ``TanhBackwardBackward0``… Aquí están esas operaciones y
sus nodos.
"""

from __future__ import annotations

import math

from .. import grad_mode
from ..recording import OpNode, RAW, record
from ...tensor import Tensor
from ._common import _zero_grad, _zeros
from .arithmetic import MulBackward1


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
