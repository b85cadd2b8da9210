"""minitorch: un PyTorch pequeño, escrito en Python y numpy para entender cómo funciona por dentro.

Las capas, de abajo arriba (cada una solo importa las de debajo):

1. ``strides.py``: aritmética de índices (Python puro).
2. ``dtypes.py``, ``printing.py`` y ``random.py``; después ``storage.py``: tipos de dato, impresión,
   números aleatorios y almacenamiento.
3. ``tensor.py``: el tensor (vistas, cálculo masivo con numpy), ``creation.py``, ``functions.py`` y
   ``serialization.py`` (``save`` y ``load``).

Con ``import minitorch as torch``, los programas pequeños de PyTorch funcionan sin cambios.
"""

from . import cuda, dtypes
from . import ops  # las operaciones de Tensor, por familias: se unen a la clase al importarse (ver ops/__init__.py)
from .creation import (
    BoolTensor, DoubleTensor, FloatTensor, IntTensor, LongTensor, arange, as_tensor, empty, empty_like, eye, from_numpy, full, full_like, linspace, ones, ones_like,
    normal, rand, rand_like, randint, randn, randn_like, randperm, tensor, zeros, zeros_like,
)
from .dtypes import (
    bool, can_cast, double, dtype, float, float32, float64, get_default_dtype, int, int32, int64, long,
    promote_types, result_type, set_default_dtype,
)
from .functions import *  # noqa: F401,F403
from .functions import abs, all, any, max, min, pow, round, sum  # noqa: F401 (nombres que ocultan los de Python a propósito)
from .printing import get_printoptions, set_printoptions
from .random import Generator, default_generator, initial_seed, manual_seed, seed
from .serialization import load, save
from .size import Size
from .storage import Storage, UntypedStorage
from .tensor import Tensor, device

# La diferenciación automática: al importarse envuelve los métodos de Tensor (ver autograd/wrap.py).
from . import autograd
from .autograd import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled

FloatStorage = DoubleStorage = LongStorage = IntStorage = BoolStorage = Storage

__version__ = "0.1.0"

# Las capas de arriba, como torch.nn, torch.optim y torch.utils.data: módulos, optimizadores y lotes.
from . import nn, optim, utils  # noqa: E402
from . import datasets  # noqa: E402  (como torchvision.datasets: datos reales que viajan con el paquete)

# En un cuaderno, los errores se muestran como en PyTorch: la traza acaba en la línea del usuario
# (minitorch/tracebacks.py explica por qué y cómo volver a ver los marcos de minitorch).
from . import tracebacks  # noqa: E402

tracebacks.instalar_en_ipython()
