"""``Adam``: descenso por gradiente con una tasa de aprendizaje adaptada a cada peso.

Adam sigue dos medias móviles por parámetro: la del gradiente, ``m`` (hacia dónde ir), y la de su
cuadrado, ``v`` (cuánto varía). Avanza ``lr · m̂ / (√v̂ + eps)``, donde ``m̂`` y ``v̂`` corrigen el sesgo
de empezar las medias en cero. Un peso con gradientes grandes y ruidosos da pasos pequeños; uno con
gradientes pequeños pero constantes, pasos más largos. Mismas fórmulas y orden que ``torch.optim.Adam``.
"""

from __future__ import annotations

import numpy as np

from ..creation import tensor, zeros_like
from .optimizer import Optimizer, _arrays, _mark_written, _no_grad_step, _reject_unsupported


class Adam(Optimizer):
    def __init__(
        self,
        params,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
        decoupled_weight_decay: bool = False,
    ):
        if not 0.0 <= lr:
            raise ValueError(f"tasa de aprendizaje no válida: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"valor de épsilon no válido: {eps}")
        for i, beta in enumerate(betas):
            if not 0.0 <= beta < 1.0:
                raise ValueError(f"parámetro beta no válido en la posición {i}: {beta}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"valor de weight_decay no válido: {weight_decay}")
        _reject_unsupported(differentiable)
        defaults = dict(
            lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad, maximize=maximize,
            foreach=foreach, capturable=capturable, differentiable=differentiable, fused=fused,
            decoupled_weight_decay=decoupled_weight_decay,
        )
        super().__init__(params, defaults)

    def _state_of(self, p, amsgrad: bool) -> dict:
        state = self.state[p]
        if not state:  # primer paso de este parámetro: las dos medias empiezan en cero
            state["step"] = tensor(0.0)
            state["exp_avg"] = zeros_like(p)
            state["exp_avg_sq"] = zeros_like(p)
            if amsgrad:
                state["max_exp_avg_sq"] = zeros_like(p)
        return state

    @_no_grad_step
    def step(self):
        """Un paso de Adam con los gradientes que ha dejado ``backward()`` en cada ``p.grad``."""
        for group in self.param_groups:
            lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
            for p in self._params_with_grad(group):
                state = self._state_of(p, group["amsgrad"])
                values, step, m, v = _arrays(p, state["step"], state["exp_avg"], state["exp_avg_sq"])
                weight_decay = group["weight_decay"]
                if group["decoupled_weight_decay"]:  # AdamW: el decaimiento actúa sobre los pesos, no en las medias
                    values *= 1 - lr * weight_decay
                    weight_decay = 0
                grad = self._grad_of(p, values, group["maximize"], weight_decay)
                step += 1
                m += (1 - beta1) * (grad - m)  # m ← lerp(m, g, 1 - β₁)
                v *= beta2
                v += (1 - beta2) * grad * grad
                bias_correction1 = 1 - beta1 ** float(step)
                bias_correction2_sqrt = (1 - beta2 ** float(step)) ** 0.5
                if group["amsgrad"]:
                    (v_max,) = _arrays(state["max_exp_avg_sq"])
                    np.maximum(v_max, v, out=v_max)
                    v = v_max
                denom = np.sqrt(v)
                denom /= bias_correction2_sqrt
                denom += eps
                values -= (lr / bias_correction1) * m / denom
                _mark_written(p)
