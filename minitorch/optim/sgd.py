"""Descenso por gradiente estocástico (``SGD``), con momento, amortiguación, Nesterov y decaimiento de pesos.

La regla básica: ``p ← p - lr · g``. Con momento se sigue una velocidad ``b`` que acumula los
gradientes pasados (``b ← momentum · b + (1 - dampening) · g``) y se avanza en su dirección.
Las fórmulas y el orden de las operaciones son los de ``torch.optim.SGD``.
"""

from __future__ import annotations

from ..creation import tensor
from .optimizer import Optimizer, _arrays, _mark_written, _no_grad_step, _reject_unsupported


class SGD(Optimizer):
    def __init__(
        self,
        params,
        lr: float = 1e-3,
        momentum: float = 0,
        dampening: float = 0,
        weight_decay: float = 0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        differentiable: bool = False,
        fused: bool | None = None,
    ):
        if lr < 0.0:
            raise ValueError(f"tasa de aprendizaje no válida: {lr}")
        if momentum < 0.0:
            raise ValueError(f"valor de momentum no válido: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"valor de weight_decay no válido: {weight_decay}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("el momento de Nesterov necesita un momentum positivo y dampening igual a cero")
        _reject_unsupported(differentiable)
        defaults = dict(
            lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay, nesterov=nesterov,
            maximize=maximize, foreach=foreach, differentiable=differentiable, fused=fused,
        )
        super().__init__(params, defaults)

    @_no_grad_step
    def step(self):
        """Un paso de SGD con los gradientes que ha dejado ``backward()`` en cada ``p.grad``."""
        for group in self.param_groups:
            lr, momentum, dampening = group["lr"], group["momentum"], group["dampening"]
            for p in self._params_with_grad(group):
                (values,) = _arrays(p)
                grad = self._grad_of(p, values, group["maximize"], group["weight_decay"])
                if momentum != 0:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        state["momentum_buffer"] = tensor(grad)  # una copia: la primera velocidad es el gradiente
                        (buf,) = _arrays(state["momentum_buffer"])
                    else:
                        (buf,) = _arrays(state["momentum_buffer"])
                        buf *= momentum
                        buf += (1 - dampening) * grad
                    grad = grad + momentum * buf if group["nesterov"] else buf
                values -= lr * grad
                _mark_written(p)
