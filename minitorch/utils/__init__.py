"""Utilidades, como ``torch.utils``: de momento, la carga de datos por lotes (``minitorch.utils.data``)."""

from . import data

__all__ = ["data"]
