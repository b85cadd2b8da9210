"""``AdamW``: Adam con el decaimiento de pesos desacoplado (``p ← p · (1 - lr · weight_decay)``).

En Adam, ``weight_decay`` se suma al gradiente y acaba dividido por ``√v̂`` como todo lo demás; AdamW
lo aplica aparte, directamente sobre los pesos, que es lo que se pretendía. Como en PyTorch, es un
``Adam`` con ``decoupled_weight_decay=True`` y ``weight_decay=0.01`` por defecto.
"""

from __future__ import annotations

from .adam import Adam


class AdamW(Adam):
    def __init__(
        self,
        params,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ):
        super().__init__(
            params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach, maximize=maximize,
            capturable=capturable, differentiable=differentiable, fused=fused, decoupled_weight_decay=True,
        )
