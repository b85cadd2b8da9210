"""Ayudas de los módulos, como ``torch/nn/modules/utils.py``: las opciones de tamaño en forma de tupla."""

from __future__ import annotations


def _ntuple(value, n: int) -> tuple:
    """``kernel_size=3`` en una capa de ``n`` dimensiones es ``(3,) * n``; una tupla o una lista se quedan como están."""
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,) * n
