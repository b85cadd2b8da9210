"""Redes neuronales, como ``torch.nn``: módulos, capas, funciones de pérdida e inicialización.

Como en PyTorch, cada clase vive en su fichero de ``nn/modules/`` (``Module`` en
``nn/modules/module.py``, ``Linear`` en ``nn/modules/linear.py``…) y este paquete las reexporta: por eso
se escribe ``minitorch.nn.Linear`` aunque el código esté en ``minitorch/nn/modules/linear.py``.
"""

from . import functional, init, utils
from .modules import *  # noqa: F401,F403
from .modules import __all__ as _modules_all
from .parameter import Parameter

__all__ = ["Parameter", "functional", "init", "utils", *_modules_all]
