"""Funciones de activación como módulos: ``ReLU``, ``Sigmoid``, ``Tanh``, ``Softmax`` y ``LogSoftmax``.

No tienen parámetros; existen como módulos para poder ponerlas en un ``Sequential``. Cada una llama
a su versión de ``nn.functional``.
"""

from __future__ import annotations

from ...tensor import Tensor
from .. import functional as F
from .module import Module


class ReLU(Module):
    """``max(0, x)`` elemento a elemento. Con ``inplace=True`` escribe sobre la propia entrada."""

    def __init__(self, inplace: bool = False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 (nombre de PyTorch)
        return F.relu(input, inplace=self.inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class Sigmoid(Module):
    """``1 / (1 + e^-x)``: lleva cualquier número al intervalo (0, 1)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.sigmoid(input)


class Tanh(Module):
    """Tangente hiperbólica: lleva cualquier número al intervalo (-1, 1)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.tanh(input)


class Softmax(Module):
    """``e^x / Σ e^x`` a lo largo de ``dim``: convierte puntuaciones en probabilidades que suman 1."""

    def __init__(self, dim: int | None = None):
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.softmax(input, self.dim, _stacklevel=5)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class LogSoftmax(Module):
    """El logaritmo de ``Softmax``, calculado de forma estable (sin pasar por la exponencial de números grandes)."""

    def __init__(self, dim: int | None = None):
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.log_softmax(input, self.dim, _stacklevel=5)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"
