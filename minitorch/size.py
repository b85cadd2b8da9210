"""``minitorch.Size``: la forma de un tensor, una tupla que se imprime como la de PyTorch."""

from __future__ import annotations

from . import strides


class Size(tuple):
    """Tupla de enteros con la forma de un tensor: ``minitorch.Size([2, 3])``."""

    def __repr__(self) -> str:
        return f"minitorch.Size({list(self)})"

    __str__ = __repr__

    def numel(self) -> int:
        """Número de elementos de un tensor con esta forma."""
        return strides.numel(self)

    def __getitem__(self, item):
        result = tuple.__getitem__(self, item)
        return Size(result) if isinstance(item, slice) else result

    def __add__(self, other):
        return Size(tuple(self) + tuple(other))

    def __radd__(self, other):
        return Size(tuple(other) + tuple(self))
