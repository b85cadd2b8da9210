"""La derivada de cada operación: el ``derivatives.yaml`` de minitorch, un fichero por familia.

Cada operación tiene aquí su nodo, con el nombre que le da PyTorch (``y.grad_fn``), y dos métodos:

- ``setup(ctx, result, self, ...)``, con los argumentos de la operación, se ejecuta en la
  propagación hacia adelante (*forward pass*): guarda lo que hará falta para derivar
  (``ctx.save_for_backward`` para tensores, que se vigilan por si cambian; atributos para el
  resto) y devuelve las entradas respecto de las que se deriva;
- ``backward(ctx, grad)`` recibe el gradiente de la pérdida respecto del resultado y devuelve uno
  por entrada: la regla de la cadena, ``dL/dx = dL/dy · dy/dx``.

Las fórmulas se escriben con operaciones de tensores, así que con ``create_graph=True`` el propio
cálculo del gradiente queda anotado y se puede derivar otra vez. Las más frecuentes al entrenar
(producto, cuadrado, ReLU, producto de matrices) tienen además un camino con numpy directamente,
la misma fórmula sin crear un tensor por cada paso intermedio, para cuando no hace falta anotar
(``grad_mode._enabled`` es falso durante ``backward`` salvo con ``create_graph=True``). No se preocupan de la difusión
(*broadcasting*): si ``x`` de forma ``(3,)`` se sumó a algo de forma ``(2, 3)``, su gradiente sale
con forma ``(2, 3)`` y el motor lo reduce a ``(3,)`` en un único sitio (``engine.sum_to``).

Cada nodo se registra con ``@derivative("nombre")`` (de ``autograd/recording.py``) al importarse su
fichero; importar este paquete los importa todos:

======================  =======================================================================
``arithmetic.py``       ``+``, ``−``, ``×``, ``÷``, ``**``, ``remainder``, ``maximum``, ``where``, ``masked_fill``, ``lerp``
``unary.py``            ``exp``, ``log``, ``sqrt``, ``sin``…, ``tanh``, ``sigmoid``, ``relu``, ``erf``, ``clamp``
``softmax.py``          ``softmax`` y ``log_softmax``
``reductions.py``       ``sum``, ``mean``, ``prod``, ``var``, ``max``…, ``median``, ``cumsum``, ``cumprod``
``linalg.py``           ``mm``, ``bmm``, ``mv``, ``dot``, ``matmul``
``views.py``            ``view``, ``reshape``, ``transpose``…, ``x[...]``, ``as_strided``; ``clone``, ``flip``…
``indexing.py``         ``gather``, ``sort``, ``topk``, ``index_select``, ``masked_select``, ``repeat``
``joins.py``            ``cat``, ``stack``, ``split``, ``unbind``
``inplace.py``          ``add_``, ``copy_``, ``fill_``…, ``x[i] = v`` y ``CopySlices``
``double_backward.py``  las derivadas vistas como operaciones, para derivar dos veces
``numpy_keywords.py``   ``axis=`` y ``keepdims=`` también en los nodos (se importa el último)
``_common.py``          lo que comparten: ``_numpy_result``, ``_zeros``, ``_zero_grad``
======================  =======================================================================
"""

from __future__ import annotations

from . import arithmetic, double_backward, indexing, inplace, joins, linalg, reductions, softmax, unary, views
from . import numpy_keywords  # el último: tiene que ver todas las fórmulas registradas
from .arithmetic import DivBackward1, MulBackward1
from .double_backward import (
    _SQRT_2_OVER_PI, EluBackwardBackward0, GeluBackwardBackward0, HardtanhBackwardBackward0, LeakyReluBackwardBackward0,
    SoftplusBackwardBackward0, _as_operation, _elu_backward, _gelu_backward, _hardtanh_backward, _leaky_relu_backward,
    _plus_number, _softplus_backward,
)
from .inplace import copy, fill, index_put, rebase_view, region_of

FAMILIES = (arithmetic, unary, softmax, reductions, linalg, views, indexing, joins, inplace, double_backward)

# Lo que usan wrap.py (las escrituras in situ y las vistas) y nn/functional.py (las activaciones y sus derivadas).
__all__ = [
    "FAMILIES", "numpy_keywords", "copy", "fill", "index_put", "rebase_view", "region_of", "DivBackward1", "MulBackward1",
    "EluBackwardBackward0", "GeluBackwardBackward0", "HardtanhBackwardBackward0", "LeakyReluBackwardBackward0",
    "SoftplusBackwardBackward0", "_SQRT_2_OVER_PI", "_as_operation", "_elu_backward", "_gelu_backward",
    "_hardtanh_backward", "_leaky_relu_backward", "_plus_number", "_softplus_backward",
]
