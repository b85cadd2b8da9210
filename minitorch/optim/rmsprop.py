"""``RMSprop``: divide cada paso por la raíz de una media móvil del cuadrado del gradiente.

``v ← alpha · v + (1 - alpha) · g²`` y ``p ← p - lr · g / (√v + eps)``. Con ``centered=True`` se resta
además el cuadrado de la media del gradiente (se normaliza por una estimación de la varianza) y con
``momentum`` se acumula una velocidad, como en SGD. Mismas fórmulas y orden que ``torch.optim.RMSprop``.
"""

from __future__ import annotations

import numpy as np

from ..creation import tensor, zeros_like
from .optimizer import Optimizer, _arrays, _mark_written, _no_grad_step, _reject_unsupported


class RMSprop(Optimizer):
    def __init__(
        self,
        params,
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ):
        for name, value in (("tasa de aprendizaje", lr), ("épsilon", eps), ("momentum", momentum),
                            ("weight_decay", weight_decay), ("alpha", alpha)):
            if not 0.0 <= value:
                raise ValueError(f"valor de {name} no válido: {value}")
        _reject_unsupported(differentiable)
        defaults = dict(
            lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered, weight_decay=weight_decay,
            capturable=capturable, foreach=foreach, maximize=maximize, differentiable=differentiable,
        )
        super().__init__(params, defaults)

    def _state_of(self, p, group: dict) -> dict:
        state = self.state[p]
        if not state:
            state["step"] = tensor(0.0)
            state["square_avg"] = zeros_like(p)
            if group["momentum"] > 0:
                state["momentum_buffer"] = zeros_like(p)
            if group["centered"]:
                state["grad_avg"] = zeros_like(p)
        return state

    @_no_grad_step
    def step(self):
        """Un paso de RMSprop con los gradientes que ha dejado ``backward()`` en cada ``p.grad``."""
        for group in self.param_groups:
            lr, alpha, eps, momentum = group["lr"], group["alpha"], group["eps"], group["momentum"]
            for p in self._params_with_grad(group):
                state = self._state_of(p, group)
                values, step, square_avg = _arrays(p, state["step"], state["square_avg"])
                grad = self._grad_of(p, values, group["maximize"], group["weight_decay"])
                step += 1
                square_avg *= alpha
                square_avg += (1 - alpha) * grad * grad
                if group["centered"]:
                    (grad_avg,) = _arrays(state["grad_avg"])
                    grad_avg += (1 - alpha) * (grad - grad_avg)  # lerp(grad_avg, g, 1 - alpha)
                    avg = np.sqrt(square_avg - grad_avg * grad_avg)
                else:
                    avg = np.sqrt(square_avg)
                avg += eps
                if momentum > 0:
                    (buf,) = _arrays(state["momentum_buffer"])
                    buf *= momentum
                    buf += grad / avg
                    values -= lr * buf
                else:
                    values -= lr * grad / avg
                _mark_written(p)
