"""Los nombres de numpy, ``axis=`` y ``keepdims=``, también en los nodos.

Los métodos que admiten esos nombres (``tensor._accepting_numpy_keywords``) los traducen antes de calcular,
pero el envoltorio de autograd pasa a los nodos los argumentos tal como llegaron: cada nodo de esas
operaciones recibe también la traducción. Este módulo se importa el último: tiene que ver todas las
fórmulas registradas.
"""

from __future__ import annotations

from ..recording import _FORMULAS
from ...tensor import Tensor, _numpy_keywords


_NODES_WITH_NUMPY_KEYWORDS: dict = {}


def _node_accepting_numpy_keywords(node_class):
    translated = _NODES_WITH_NUMPY_KEYWORDS.get(node_class)
    if translated is None:

        def setup(ctx, result, self, *args, **kwargs):
            return node_class.setup(ctx, result, self, *args, **_numpy_keywords(node_class.__name__, kwargs))

        translated = type(node_class.__name__, (node_class,), {
            "setup": setup, "__qualname__": node_class.__qualname__, "__module__": node_class.__module__,
            "__doc__": node_class.__doc__,
        })
        _NODES_WITH_NUMPY_KEYWORDS[node_class] = translated
    return translated


def _entry_accepting_numpy_keywords(name: str, entry):
    def choose(result, self, *args, **kwargs):
        translated = _numpy_keywords(name, kwargs) if kwargs else kwargs
        node_class = entry if isinstance(entry, type) else entry(result, self, *args, **translated)
        if node_class is None or translated is kwargs:
            return node_class
        return _node_accepting_numpy_keywords(node_class)

    return choose


for _name, _entry in list(_FORMULAS.items()):
    if getattr(getattr(Tensor, _name, None), "_numpy_keywords", False):
        _FORMULAS[_name] = _entry_accepting_numpy_keywords(_name, _entry)
