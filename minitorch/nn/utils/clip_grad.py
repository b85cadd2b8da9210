"""Recortar gradientes (``clip_grad_norm_`` y ``clip_grad_value_``), como ``torch.nn.utils``.

Un gradiente muy grande da un paso de optimización enorme que puede deshacer lo aprendido. Recortarlo
antes de ``optimizer.step()`` limita el tamaño del paso sin cambiar su dirección (``clip_grad_norm_``) o
limitando cada componente (``clip_grad_value_``).
"""

from __future__ import annotations

import math

from ...autograd import grad_mode
from ...creation import tensor
from ...functions import stack
from ...tensor import Tensor


def _grads(parameters) -> list[Tensor]:
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]


def clip_grad_norm_(parameters, max_norm: float, norm_type: float = 2.0, error_if_nonfinite: bool = False,
                    foreach=None) -> Tensor:
    """Escala todos los gradientes a la vez para que su norma conjunta no pase de ``max_norm``.

    La norma conjunta es la de todos los gradientes puestos en fila. Devuelve esa norma, la de antes
    de recortar (útil para vigilar el entrenamiento).
    """
    grads = _grads(parameters)
    norm_type = float(norm_type)  # también 'inf', como acepta PyTorch
    with grad_mode.no_grad():
        if not grads:
            return tensor(0.0)
        total = stack([g.norm(norm_type) for g in grads]).norm(norm_type)
        value = total.item()
        if error_if_nonfinite and not math.isfinite(value):
            raise RuntimeError(
                f"la norma conjunta de orden {norm_type} de los gradientes es {value}: no se pueden recortar; "
                f"pasa error_if_nonfinite=False para recortarlos igualmente"
            )
        scale = min(max_norm / (value + 1e-6), 1.0)
        for g in grads:
            g.mul_(scale)
    return total


def clip_grad_value_(parameters, clip_value: float, foreach=None) -> None:
    """Recorta cada componente de cada gradiente al intervalo ``[-clip_value, clip_value]``."""
    with grad_mode.no_grad():
        for g in _grads(parameters):
            g.clamp_(min=-clip_value, max=clip_value)
