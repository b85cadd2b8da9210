"""Utilidades de ``minitorch.nn``, como ``torch.nn.utils``: recortar gradientes."""

from .clip_grad import clip_grad_norm_, clip_grad_value_

__all__ = ["clip_grad_norm_", "clip_grad_value_"]
