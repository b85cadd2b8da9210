"""Conjuntos de datos reales, como ``torchvision.datasets``, que funcionan sin conexión.

Cada conjunto viaja dentro del paquete (un ``.npz`` pequeño, con su procedencia y su licencia en
``minitorch/datasets/README.md``) y se lee solo de ese fichero: nada se descarga.
"""

from .digits import Digits

__all__ = ["Digits"]
