"""Lo más bajo de la diferenciación automática: dónde se registran las fórmulas y cómo se cuelga un nodo.

La capa ``autograd`` tiene tres pisos, y cada uno solo importa de los de debajo:

1. este módulo: ``OpNode`` (la base de los nodos de las operaciones), los registros que llenan las
   derivadas (``derivative``, ``inplace``, ``view_methods``, y ``RAW``, los métodos sin envolver) y el
   núcleo de la anotación: ``record`` calcula sin anotar y ``attach`` cuelga el nodo del resultado;
2. ``derivatives/``: la derivada de cada operación, un fichero por familia; al importarse, cada nodo se
   registra aquí;
3. ``wrap.py``: los envoltorios que sustituyen a los métodos de ``Tensor``; leen estos registros y, para
   las operaciones in situ y las vistas, usan nodos de ``derivatives/`` (``CopySlices``, ``AsStridedBackward0``).
"""

from __future__ import annotations

from . import grad_mode
from .node import Node, gradient_edge
from ..tensor import Tensor

RAW: dict = {}  # nombre -> método original de Tensor, para calcular sin anotar nada
_FORMULAS: dict = {}  # nombre del método -> clase del nodo (o función que la elige según los argumentos)
_INPLACE: dict = {}  # nombre del método in situ -> función que calcula su versión normal
_VIEWS: set = set()  # los métodos que pueden devolver una vista de su entrada (ver wrap._wrap_view)
_NO_EDGE = (None, 0)


class OpNode(Node):
    """Base de los nodos de las operaciones de minitorch.

    Cada subclase define ``setup(ctx, result, self, *args)`` (con la firma del método: guarda lo que
    hará falta y devuelve las entradas respecto de las que se deriva) y ``backward(ctx, grad)``
    (devuelve un gradiente por cada una de esas entradas).
    """

    _fresh_grads = True
    _is_view = False  # ¿el resultado comparte memoria con la entrada? (importa para las operaciones in situ)
    _multi_view = False  # ¿devuelve varias vistas (split, unbind)? Entonces ninguna admite operaciones in situ

    @property
    def needs_input_grad(ctx) -> tuple:
        """Qué entradas necesitan gradiente: las que tienen un nodo detrás."""
        return tuple(fn is not None for fn, _ in ctx.next_functions)

    def setup(ctx, result, self, *args, **kwargs):
        return (self,)


def derivative(*names: str):
    """Registra la fórmula de los métodos ``names``: una subclase de ``OpNode`` o una función que,
    con los mismos argumentos que ``setup``, devuelve la subclase que toca (``SumBackward0`` o
    ``SumBackward1`` según haya ``dim``) o ``None`` si la llamada no es diferenciable."""

    def register(entry):
        for name in names:
            _FORMULAS[name] = entry
        if getattr(entry, "_is_view", False):
            _VIEWS.update(names)
        return entry

    return register


def view_methods(*names: str) -> None:
    """Registra métodos cuya fórmula es una función (no una clase) y que pueden devolver una vista."""
    _VIEWS.update(names)


def inplace(name: str, compute):
    """Registra el método in situ ``name``; ``compute(old, *args)`` calcula su versión normal."""
    _INPLACE[name] = compute


def record(raw, entry, self, args, kwargs):
    """Calcula ``raw(self, *args)`` sin anotar nada dentro y cuelga del resultado el nodo de ``entry``."""
    grad_mode._enabled = False
    try:
        result = raw(self, *args, **kwargs)
        if result is self:  # contiguous() de un tensor contiguo, to() al mismo tipo…: no hay operación
            return result
        node_class = entry if isinstance(entry, type) else entry(result, self, *args, **kwargs)
        if node_class is None:
            return result
        node = node_class()
        inputs = node.setup(result, self, *args, **kwargs)
    finally:
        grad_mode._enabled = True
    return attach(node, inputs, result)


def attach(node: Node, inputs, result):
    """Une ``node`` a los nodos de sus entradas y lo cuelga de ``result`` (o de su primer elemento)."""
    edges, meta = [], []
    for t in inputs:
        if isinstance(t, Tensor) and t.requires_grad:
            edges.append(gradient_edge(t))
            meta.append((t._shape, t._storage.dtype))
        else:
            edges.append(_NO_EDGE)
            meta.append(None)
    if node._multi_view:  # split, chunk, unbind: cada trozo es una salida del mismo nodo
        outputs = result
        if not outputs:
            return result
        node._num_outputs = len(outputs)
    else:
        outputs = (result[0] if isinstance(result, tuple) else result,)
    out = outputs[0]
    if meta.count(None) == len(meta) or not out._storage.dtype.is_floating_point:
        return result  # ninguna entrada requiere gradiente (o el resultado no es derivable): no hay nodo
    node.next_functions, node._input_meta = tuple(edges), tuple(meta)
    for nr, out in enumerate(outputs):
        out._requires_grad = True
        if nr:
            out._output_nr = nr
        if node._is_view and out._storage is inputs[0]._storage:
            mark_view(inputs[0], out, node)
        else:
            out.grad_fn = node
    if node._saved:
        node._forget_outputs(outputs)
    return result


def mark_view(source: Tensor, view: Tensor, node=None) -> None:
    """Anota que ``view`` es una vista de ``source`` (y de su base), nacida con la historia ``node``."""
    fields = view.__dict__
    base = source._base
    fields["_base"] = source if base is None else base
    fields["_view_version"] = view._storage._version
    if node is not None:
        fields["_view_fn"] = node


def rebase_history(tensor: Tensor, node: Node) -> None:
    """``tensor`` pasa a ser la salida 0 de ``node`` (tras una operación in situ)."""
    tensor.grad_fn, tensor._requires_grad, tensor._output_nr = node, True, 0
    if tensor._retains_grad:
        node._retain(tensor)
