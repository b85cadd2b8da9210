"""``minitorch.cuda``: minitorch solo calcula en la CPU, así que aquí no hay ninguna GPU.

Existe para que el código habitual de PyTorch funcione sin cambios, por ejemplo
``dispositivo = "cuda" if torch.cuda.is_available() else "cpu"`` o ``torch.cuda.manual_seed_all(0)``.
"""

from __future__ import annotations


def is_available() -> bool:
    """Siempre ``False``: minitorch no usa la GPU."""
    return False


def device_count() -> int:
    return 0


def manual_seed(seed: int) -> None:
    """No hace nada (no hay GPU que sembrar); la semilla de la CPU se fija con ``minitorch.manual_seed``."""


def manual_seed_all(seed: int) -> None:
    """No hace nada, como ``manual_seed``."""
