"""``Dropout``: durante el entrenamiento, apaga cada elemento con probabilidad ``p``.

Los elementos que quedan se multiplican por ``1 / (1 - p)``, para que el valor esperado no cambie; en
modo evaluación (``model.eval()``) no hace nada. Es el ejemplo típico de por qué existe ``training``.
"""

from __future__ import annotations

from ...tensor import Tensor
from .. import functional as F
from .module import Module


class Dropout(Module):
    def __init__(self, p: float = 0.5, inplace: bool = False):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"la probabilidad de dropout debe estar entre 0 y 1, pero es {p}")
        self.p = p
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 (nombre de PyTorch)
        return F.dropout(input, self.p, self.training, self.inplace)

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"
