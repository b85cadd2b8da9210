"""``Flatten``: aplana las dimensiones de ``start_dim`` a ``end_dim`` en una sola (una vista si se puede)."""

from __future__ import annotations

from ...tensor import Tensor
from .module import Module


class Flatten(Module):
    """Por defecto conserva la dimensión del lote: ``(N, 1, 28, 28)`` → ``(N, 784)``."""

    def __init__(self, start_dim: int = 1, end_dim: int = -1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 (nombre de PyTorch)
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    """Lo contrario de ``Flatten``: parte la dimensión ``dim`` en ``unflattened_size``."""

    def __init__(self, dim: int, unflattened_size):
        super().__init__()
        self.dim = dim
        self.unflattened_size = unflattened_size  # tal cual (lista o tupla): así lo muestra repr, como PyTorch

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return input.unflatten(self.dim, self.unflattened_size)

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
