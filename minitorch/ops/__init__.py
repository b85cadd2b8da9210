"""Las operaciones de ``Tensor``, por familias, y el único sitio donde se unen a la clase.

``minitorch/tensor.py`` define el núcleo del tensor: el almacenamiento, la forma, los strides, el
desplazamiento, el puente con numpy y la impresión. Las operaciones viven aquí, un fichero por familia,
cada una en una clase que solo sirve de lista de métodos:

======================  =======================================================================
``views.py``            vistas: ``view``, ``reshape``, ``t``, ``permute``, ``expand``, ``unsqueeze``…
``indexing.py``         ``x[i]``, ``x[i] = v``, ``gather``, ``index_select``, ``sort``, ``topk``…
``copies.py``           ``clone``, ``contiguous``, ``to``, ``float``…, ``new_zeros``…
``inplace.py``          ``add_``, ``mul_``, ``copy_``, ``fill_``, ``masked_fill_``…
``sampling.py``         ``uniform_``, ``normal_``, ``bernoulli_``, ``multinomial``…
``elementwise.py``      ``add``, ``mul``, ``exp``, ``relu``, ``clamp``…, con difusión
``comparison.py``       ``eq``, ``lt``, ``logical_and``, ``isnan``, ``where``…
``reductions.py``       ``sum``, ``mean``, ``max``, ``argmax``, ``cumsum``, ``softmax``…
``linalg.py``           ``matmul`` (``@``), ``mm``, ``bmm``, ``mv``, ``dot``, ``outer``
``operators.py``        ``+``, ``-``, ``*``, ``/``, ``==``, ``&``… (llaman a los métodos con nombre)
``joins.py``            ``cat`` y ``stack``
======================  =======================================================================

PyTorch hace algo parecido a mayor escala: declara sus operaciones en una tabla
(``native_functions.yaml``) y un generador de código las une a ``torch.Tensor``. Aquí la tabla es
``FAMILIES`` y la unión, ``_attach``: después de importar este paquete, ``Tensor.sum`` es
``ReductionMethods.sum``. La capa ``autograd``, por encima, envuelve luego esos mismos métodos.
"""

from __future__ import annotations

from ..tensor import Tensor, _accepting_numpy_keywords
from .comparison import ComparisonMethods
from .copies import CopyMethods
from .elementwise import ElementwiseMethods
from .indexing import IndexingMethods
from .inplace import InplaceMethods
from .joins import JoinMethods
from .linalg import LinalgMethods
from .operators import OperatorMethods
from .reductions import ReductionMethods
from .sampling import SamplingMethods
from .views import ViewMethods

FAMILIES = (
    ViewMethods,
    IndexingMethods,
    CopyMethods,
    InplaceMethods,
    SamplingMethods,
    ElementwiseMethods,
    ComparisonMethods,
    ReductionMethods,
    LinalgMethods,
    OperatorMethods,
    JoinMethods,
)

# Lo que Python pone en toda clase y no es un método de la familia.
_CLASS_BOOKKEEPING = {"__module__", "__qualname__", "__doc__", "__dict__", "__weakref__", "__firstlineno__", "__static_attributes__"}


def _attach(family: type) -> None:
    """Pone en ``Tensor`` los métodos de ``family``; un nombre que ya tenga ``Tensor`` es un error."""
    for name, member in vars(family).items():
        if name in _CLASS_BOOKKEEPING or (name == "__hash__" and member is None):
            continue  # definir __eq__ borra __hash__ de la clase de la familia, no el de Tensor
        if name in vars(Tensor):
            raise RuntimeError(f"Tensor.{name} está definido dos veces (la segunda, en {family.__name__})")
        setattr(Tensor, name, member)


for _family in FAMILIES:
    _attach(_family)

# Las operaciones con ``dim`` que PyTorch también acepta con ``axis=`` (y ``keepdims=`` las que tienen ``keepdim``).
_WITH_NUMPY_KEYWORDS = (
    "sum", "mean", "max", "min", "cumsum", "std", "var", "any", "all", "prod", "argmax", "argmin", "amax", "amin",
    "logsumexp", "softmax", "log_softmax", "squeeze", "unsqueeze", "sort", "argsort", "topk", "gather",
    "index_select", "unbind", "chunk", "narrow", "select", "cumprod", "nansum", "count_nonzero", "median",
    "take_along_dim",
)
for _name in _WITH_NUMPY_KEYWORDS:
    setattr(Tensor, _name, _accepting_numpy_keywords(Tensor.__dict__[_name]))
for _name in ("_cat", "_stack"):
    setattr(Tensor, _name, staticmethod(_accepting_numpy_keywords(Tensor.__dict__[_name].__func__)))
