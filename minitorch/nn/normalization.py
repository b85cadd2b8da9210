"""Normalización por lotes (``batch_norm``), la función que usan ``nn.BatchNorm1d``, ``BatchNorm2d``…

Cada canal ``c`` (la dimensión 1 de la entrada) se normaliza con la media ``μ`` y la varianza ``σ²`` de
todos sus valores (los de todos los ejemplos y todas las posiciones) y luego se escala y desplaza:
``y = (x − μ) / √(σ² + eps) · peso + sesgo``.

* Al entrenar, ``μ`` y ``σ²`` son las del lote (``σ²`` sesgada: se divide entre ``n``), y las estadísticas
  acumuladas se actualizan in situ, sin anotar nada en el grafo:
  ``running = (1 − momentum)·running + momentum·estadística``, donde para ``running_var`` se usa la
  varianza **insesgada** (se divide entre ``n − 1``), como en PyTorch.
* Al evaluar se usan las estadísticas acumuladas, y la capa se reduce a ``y = x·a + b`` por canal.

La derivada (nodo ``NativeBatchNormBackward0``) tiene forma cerrada. Con ``x̂ = (x − μ)·s``, ``s = 1/√(σ² + eps)``,
``G`` el gradiente del resultado y las medias tomadas sobre los ``n`` valores de cada canal:

* ``dL/dsesgo = Σ G`` y ``dL/dpeso = Σ G·x̂``;
* al evaluar, ``μ`` y ``s`` son constantes: ``dL/dx = G·peso·s``;
* al entrenar, ``μ`` y ``s`` dependen de ``x``, y al derivarlas queda
  ``dL/dx = peso·s·(G − media(G) − x̂·media(G·x̂))``: se quita a ``G`` su componente constante y su
  componente a lo largo de ``x̂``, las dos direcciones en las que la normalización «no deja moverse» a la salida.
"""

from __future__ import annotations

import math

import numpy as np

from ..autograd import grad_mode
from ..autograd.recording import OpNode, attach
from ..tensor import Tensor


def _channels(shape: tuple) -> int:
    # PyTorch toma la dimensión 1 como la de los canales; con menos de dos dimensiones no hay ninguno.
    return shape[1] if len(shape) > 1 else 0


def _reduced_axes(ndim: int) -> tuple:
    return (0, *range(2, ndim))


def _per_channel(values: np.ndarray, ndim: int) -> np.ndarray:
    """Un vector de un valor por canal, con la forma ``(1, C, 1, …)`` que se difunde sobre la entrada."""
    return values.reshape((1, -1) + (1,) * (ndim - 2))


def _check_batch_norm(input, running_mean, running_var, weight, bias, training) -> None:  # noqa: A002
    shape = input._shape
    if training and len(shape) > 0:
        values_per_channel = shape[0] * math.prod(shape[2:])
        if values_per_channel == 1:
            raise ValueError(
                f"se esperaba más de un valor por canal al entrenar, pero la entrada tiene forma {input.shape}"
            )
    if (running_mean is None) != (running_var is None):
        raise ValueError("running_mean y running_var deben ser los dos None o ninguno de los dos")
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"batch_norm no está implementada para tensores {input.dtype}")
    if not training and running_mean is None:
        raise RuntimeError("en modo evaluación (training=False) hace falta running_mean")
    channels = _channels(shape)
    given = [(name, t) for name, t in (("running_mean", running_mean), ("running_var", running_var),
                                        ("weight", weight), ("bias", bias)) if t is not None]
    if len(shape) < 2 and not given:
        raise IndexError(f"batch_norm: la entrada, de forma {list(shape)}, no tiene dimensión 1 (la de los canales)")
    for name, t in given:
        if t.numel() != channels:
            raise RuntimeError(
                f"{name} debería tener {channels} elementos (uno por canal de la entrada, de forma "
                f"{list(shape)}), pero tiene {t.numel()}"
            )
    for name, t in given:
        if t.dtype is not input.dtype:
            raise RuntimeError(
                f"batch_norm: {name} es de tipo {t.dtype}, pero la entrada es de tipo {input.dtype}; "
                "todos deben ser del mismo tipo"
            )
    for name, t in (("running_mean", running_mean), ("running_var", running_var)):
        if t is not None and t.requires_grad:
            raise RuntimeError(
                f"batch_norm no es derivable respecto de {name}: ese tensor no puede tener requires_grad=True"
            )


def _flat(t: Tensor | None) -> np.ndarray | None:
    return None if t is None else t._values().reshape(-1)


def _batch_statistics(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Media y varianza sesgada de cada canal, acumuladas en float64 (numpy solo suma por pares a lo largo
    del último eje; en float32 y con muchos valores por canal, el error de una suma directa se notaría)."""
    axes = _reduced_axes(x.ndim)
    mean = x.mean(axis=axes, dtype=np.float64)
    centered = x - _per_channel(mean, x.ndim)
    var = np.square(centered, out=centered).sum(axis=axes) / (x.size // x.shape[1])
    return mean, var


def _update_running(running: Tensor, statistic: np.ndarray, momentum: float) -> None:
    # Como el núcleo de PyTorch, escribe sin pasar por autograd y sin cambiar la versión del tensor.
    values = running._values()
    updated = (1 - momentum) * values.reshape(-1) + momentum * statistic
    values[...] = updated.reshape(values.shape).astype(values.dtype, copy=False)


def _batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps):  # noqa: A002
    x = input._values()
    dtype = x.dtype
    count = x.size // x.shape[1] if x.shape[1] else 0
    if training:
        if count:
            mean, var = _batch_statistics(x)
        else:  # lote vacío: no hay estadísticas (y las acumuladas no cambian)
            mean = var = np.zeros(x.shape[1])
        invstd = 1 / np.sqrt(var + eps)
        if running_mean is not None and count:
            _update_running(running_mean, mean, momentum)
            _update_running(running_var, var * (count / max(count - 1, 1)), momentum)
    else:
        mean = _flat(running_mean).astype(np.float64)
        invstd = 1 / np.sqrt(_flat(running_var).astype(np.float64) + eps)
    # y = x·a + b con a = peso·s y b = sesgo − μ·a: una pasada por la entrada en lugar de cuatro.
    scale = invstd if weight is None else invstd * _flat(weight)
    shift = -mean * scale if bias is None else _flat(bias) - mean * scale
    output = np.multiply(x, _per_channel(scale.astype(dtype), x.ndim), order="C")
    output += _per_channel(shift.astype(dtype), x.ndim)
    return Tensor._from_array(output, input.dtype), mean, invstd


class NativeBatchNormBackward0(OpNode):
    """La derivada de ``batch_norm`` respecto de la entrada, el peso y el sesgo (ver el docstring del módulo).

    Guarda la entrada y el peso, y la media ``μ`` y el inverso de la desviación ``s`` de cada canal que se
    usaron al normalizar (del lote o las acumuladas), en float64.
    """

    def setup(ctx, result, input, weight, bias, mean, invstd, training, eps):  # noqa: A002
        ctx.mean, ctx.invstd, ctx.training, ctx.eps = mean, invstd, training, eps
        ctx.save_for_backward(input, weight)
        return input, weight, bias

    def backward(ctx, grad):
        input, weight = ctx.saved_tensors  # noqa: A001
        need_input, need_weight, need_bias = ctx.needs_input_grad
        if grad_mode._enabled:  # create_graph=True: la misma fórmula con operaciones de tensores
            return _differentiable_backward(ctx, grad, input, weight)
        x, g = input._values(), grad._values()
        ndim, dtype = x.ndim, x.dtype
        axes = _reduced_axes(ndim)
        count = max(x.size // x.shape[1], 1) if x.shape[1] else 1
        mean, invstd = ctx.mean, ctx.invstd
        xhat = (x - _per_channel(mean.astype(dtype), ndim)) * _per_channel(invstd.astype(dtype), ndim)
        grad_bias = g.sum(axis=axes, dtype=np.float64)
        grad_weight = np.multiply(g, xhat, out=xhat if not need_input else None).sum(axis=axes, dtype=np.float64)
        grad_input = None
        if need_input:
            scale = invstd if weight is None else invstd * _flat(weight)
            if ctx.training:
                grad_input = g - _per_channel((grad_bias / count).astype(dtype), ndim)
                grad_input -= xhat * _per_channel((grad_weight / count).astype(dtype), ndim)
                grad_input *= _per_channel(scale.astype(dtype), ndim)
            else:
                grad_input = g * _per_channel(scale.astype(dtype), ndim)
            grad_input = Tensor._from_array(np.ascontiguousarray(grad_input), input.dtype)
        return (
            grad_input,
            Tensor._from_array(grad_weight.astype(dtype)) if need_weight else None,
            Tensor._from_array(grad_bias.astype(dtype)) if need_bias else None,
        )


def _differentiable_backward(ctx, grad: Tensor, input: Tensor, weight: Tensor | None):  # noqa: A002
    """La derivada escrita con operaciones de tensores, para poder derivarla otra vez.

    Al entrenar, ``μ`` y ``s`` se recalculan a partir de ``input`` con operaciones anotadas: la segunda
    derivada necesita saber cómo dependen de la entrada.
    """
    need_input, need_weight, need_bias = ctx.needs_input_grad
    ndim = input.dim()
    dims = list(_reduced_axes(ndim))
    count = max(input.numel() // input.shape[1], 1)
    view_shape = (1, -1) + (1,) * (ndim - 2)
    if ctx.training:
        mean = input.mean(dims, keepdim=True)
        centered = input - mean
        invstd = ((centered * centered).mean(dims, keepdim=True) + ctx.eps).rsqrt()
    else:
        mean = Tensor._from_array(_per_channel(ctx.mean, ndim), input.dtype)
        invstd = Tensor._from_array(_per_channel(ctx.invstd, ndim), input.dtype)
    xhat = (input - mean) * invstd
    grad_bias = grad.sum(dims, keepdim=True)
    grad_weight = (grad * xhat).sum(dims, keepdim=True)
    grad_input = None
    if need_input:
        scale = invstd if weight is None else invstd * weight.reshape(view_shape)
        if ctx.training:
            grad_input = (grad - grad_bias / count - xhat * (grad_weight / count)) * scale
        else:
            grad_input = grad * scale
    return (
        grad_input,
        grad_weight.reshape(weight.shape) if need_weight else None,
        grad_bias.reshape(-1) if need_bias else None,
    )


def batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None,  # noqa: A002
               weight: Tensor | None = None, bias: Tensor | None = None, training: bool = False,
               momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Normaliza cada canal (dimensión 1) de ``input``; ver el docstring del módulo.

    Con ``training=True`` usa las estadísticas del lote y, si se pasan ``running_mean`` y ``running_var``,
    las actualiza in situ; con ``training=False`` usa esas estadísticas acumuladas.
    """
    _check_batch_norm(input, running_mean, running_var, weight, bias, training)
    training = bool(training)
    result, mean, invstd = _batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps)
    if grad_mode._enabled and any(t is not None and t.requires_grad for t in (input, weight, bias)):
        node = NativeBatchNormBackward0()
        with grad_mode.no_grad():
            inputs = node.setup(result, input, weight, bias, mean, invstd, training, eps)
        return attach(node, inputs, result)
    return result
