"""Diferenciación automática en modo inverso: el ``torch.autograd`` de minitorch.

Los ficheros, de la idea a los detalles:

- ``grad_mode.py``: ``no_grad``, ``enable_grad``, ``set_grad_enabled``: si se anota el grafo.
- ``node.py``: el nodo del grafo computacional (``grad_fn``) y ``AccumulateGrad``, el de las hojas.
- ``recording.py``: ``OpNode``, los registros de fórmulas y cómo se cuelga un nodo del resultado.
- ``derivatives/``: la derivada de cada operación (``MulBackward0``, ``SumBackward0``…), por familias.
- ``wrap.py``: cómo cada operación de ``Tensor`` deja su nodo al calcularse (el envoltorio).
- ``engine.py``: la retropropagación: orden topológico, regla de la cadena y acumulación.
- ``function.py``: ``Function``, para escribir operaciones nuevas con su derivada.
- ``gradcheck.py``: comprobar una derivada con diferencias finitas.

Importar este paquete (lo hace ``import minitorch``) envuelve los métodos de ``Tensor``.
"""

from . import grad_mode  # noqa: F401 (minitorch.autograd.grad_mode, como en PyTorch)
from .engine import backward, grad
from .function import Function, FunctionCtx, once_differentiable
from .grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from .gradcheck import GradcheckError, gradcheck, gradgradcheck
from .node import Node
from .wrap import install as _install  # wrap importa derivatives/, y así se registran las fórmulas

_install()

__all__ = [
    "Function", "FunctionCtx", "GradcheckError", "Node", "backward", "enable_grad", "grad", "gradcheck",
    "gradgradcheck", "inference_mode", "is_grad_enabled", "no_grad", "once_differentiable", "set_grad_enabled",
]
