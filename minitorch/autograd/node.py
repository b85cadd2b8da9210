"""Los nodos del grafo computacional: lo que PyTorch llama ``grad_fn``.

Cada operación anotada deja un ``Node`` colgado de su resultado (``y.grad_fn``). El nodo sabe:

- de dónde vienen sus entradas: ``next_functions``, una tupla de pares ``(nodo, número de salida)``
  con el nodo que produjo cada entrada (``None`` si esa entrada no requiere gradiente);
- qué necesita para derivar: los tensores guardados con ``save_for_backward`` y otros datos;
- cómo derivar: ``backward(grad)`` recibe el gradiente de la pérdida respecto de la salida y
  devuelve uno por entrada (la regla de la cadena, un eslabón cada vez).

Las hojas que requieren gradiente (los parámetros) acaban en un nodo ``AccumulateGrad``, que suma
lo que le llega en ``hoja.grad``.
"""

from __future__ import annotations

import functools
import math
import weakref

import numpy as np

from . import grad_mode
from .. import strides
from ..tensor import Tensor, _strided_copy


class Node:
    """Un nodo del grafo. Las subclases (``MulBackward0``…) definen ``backward``."""

    next_functions: tuple = ()
    needs_input_grad: tuple = ()
    _input_meta: tuple = ()  # (forma, dtype) de cada entrada: para reducir y convertir su gradiente
    _saved: tuple | None = ()
    _num_outputs = 1
    _fresh_grads = False  # ¿devuelve backward siempre tensores nuevos? (las fórmulas de minitorch, sí)
    # ¿Y además distintos entre sí y de los gradientes que recibe? Entonces el motor no lo comprueba.
    _exclusive_grads = False
    _pre_hooks = None  # {número de salida: [ganchos]} de los tensores resultado (register_hook)
    _retained = None  # {número de salida: referencia débil al tensor} (retain_grad)

    def name(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        return f"<{self.name()} object at {hex(id(self))}>"

    # --- la regla de la cadena ----------------------------------------------------------------------
    def backward(self, *grad_outputs):
        raise NotImplementedError(f"{self.name()} no sabe derivar: le falta el método backward")

    def apply(self, grad_outputs: list) -> tuple:
        """Lo que llama el motor: un gradiente por salida, y devuelve uno por entrada."""
        grads = self.backward(*grad_outputs)
        return grads if isinstance(grads, tuple) else (grads,)

    # --- tensores guardados -------------------------------------------------------------------------
    def save_for_backward(self, *tensors) -> None:
        """Guarda tensores para ``backward`` junto con su versión, para detectar si cambian."""
        self._saved = tuple(None if t is None else (t, t._storage._version, None) for t in tensors)

    @property
    def saved_tensors(self) -> tuple:
        saved = self._saved
        if saved is None:
            raise RuntimeError(
                "se intenta recorrer el grafo hacia atrás por segunda vez (o leer los tensores guardados "
                "después de liberarlos). Los valores intermedios guardados se liberan al llamar a .backward() "
                "o a autograd.grad(); usa retain_graph=True si necesitas recorrer el grafo otra vez"
            )
        return tuple(None if entry is None else self._unpack(*entry) for entry in saved)

    def _unpack(self, tensor: Tensor, version: int, output_nr):
        if tensor._storage._version != version:
            producer = f", que es la salida {tensor._output_nr} de {tensor.grad_fn.name()}," if tensor.grad_fn else ""
            raise RuntimeError(
                f"uno de los tensores que hacen falta para calcular el gradiente se ha modificado con una "
                f"operación in situ: [{tensor.type()} {list(tensor._shape)}]{producer} está en la versión "
                f"{tensor._storage._version} y se esperaba la versión {version}. Pista: la operación que lo "
                f"guardó es {self.name()}; haz .clone() antes de modificarlo"
            )
        if output_nr is not None and grad_mode._enabled:
            # Derivar dos veces (create_graph=True) necesita el resultado unido a su historia: este nodo.
            tensor = tensor._view_of(tensor._shape, tensor._stride)
            tensor.grad_fn, tensor._requires_grad, tensor._output_nr = self, True, output_nr
        return tensor

    def _forget_outputs(self, outputs) -> None:
        """Un resultado guardado se guarda sin su ``grad_fn``: así el nodo y el tensor no forman un ciclo."""
        saved = list(self._saved)
        for k, entry in enumerate(saved):
            for nr, out in enumerate(outputs):
                if entry is not None and entry[0] is out:
                    saved[k] = (out.detach(), entry[1], nr)
        self._saved = tuple(saved)

    def _rebind_output(self, result: Tensor, tensor: Tensor) -> None:
        """Tras una operación in situ, el resultado guardado es ``tensor`` (que ahora tiene sus valores)."""
        if not self._saved:
            return
        self._saved = tuple(
            (tensor.detach(), tensor._storage._version, entry[2])
            if entry is not None and entry[2] is not None and entry[0]._storage is result._storage
            else entry
            for entry in self._saved
        )

    def _release(self) -> None:
        """Libera los tensores guardados (tras ``backward`` sin ``retain_graph``)."""
        if self._saved:
            self._saved = None

    # --- ganchos ------------------------------------------------------------------------------------
    def _add_pre_hook(self, output_nr: int, hook) -> "RemovableHandle":
        if self._pre_hooks is None:
            self._pre_hooks = {}
        hooks = self._pre_hooks.setdefault(output_nr, [])
        hooks.append(hook)
        return RemovableHandle(hooks, hook)

    def _retain(self, tensor: Tensor) -> None:
        if self._retained is None:
            self._retained = {}
        self._retained[tensor._output_nr] = weakref.ref(tensor)


class AccumulateGrad(Node):
    """El nodo final de una hoja que requiere gradiente: suma lo que llega en ``variable.grad``."""

    def __init__(self, variable: Tensor):
        self.variable = variable

    def apply(self, grad_outputs: list, owned: bool = False) -> tuple:
        accumulate_grad(self.variable, grad_outputs[0], owned)
        return ()


def gradient_edge(tensor: Tensor) -> tuple:
    """La arista del grafo que lleva al origen de ``tensor``: su ``grad_fn`` (con el número de salida)
    o, si es una hoja que requiere gradiente, su ``AccumulateGrad``; ``(None, 0)`` si no requiere."""
    if not tensor.requires_grad:
        return (None, 0)
    if tensor.grad_fn is not None:
        return tensor.grad_fn, tensor._output_nr
    return grad_accumulator(tensor), 0


# id(hoja) -> referencia débil a su AccumulateGrad, mientras el grafo lo mantenga vivo. Fuera del tensor
# (que así se puede copiar y serializar) y sin riesgo de confundir hojas: mientras el nodo vive, su hoja
# también, y su id no puede reutilizarse. (Un dict de referencias débiles, y no un WeakValueDictionary,
# porque se consulta en cada operación anotada y así cuesta la mitad.)
_ACCUMULATORS: dict = {}


def grad_accumulator(leaf: Tensor) -> AccumulateGrad:
    """El nodo ``AccumulateGrad`` de una hoja: uno solo por hoja mientras alguien lo use."""
    key = id(leaf)
    ref = _ACCUMULATORS.get(key)
    node = None if ref is None else ref()
    if node is None or node.variable is not leaf:
        node = AccumulateGrad(leaf)
        _ACCUMULATORS[key] = weakref.ref(node, functools.partial(_forget_accumulator, key))
    return node


def _forget_accumulator(key: int, ref: weakref.ref) -> None:
    if _ACCUMULATORS.get(key) is ref:  # si no, la entrada ya es de otro nodo más nuevo
        del _ACCUMULATORS[key]


def accumulate_grad(tensor: Tensor, grad: Tensor, owned: bool) -> None:
    """``tensor.grad += grad``; la primera vez, ``grad`` pasa a ser ``tensor.grad``.

    ``owned`` dice que nadie más tiene ``grad``: entonces se adopta sin copiarlo. Si no, se copia,
    porque más tarde se le sumará in situ el gradiente de otra llamada a ``backward``.
    """
    if tensor.grad is None:
        if grad_mode._enabled:  # create_graph=True: el gradiente conserva su propio grafo
            tensor.grad = grad if owned else grad.clone()
        else:
            if owned and _same_layout(grad, tensor):
                tensor.grad = grad if grad.grad_fn is None else grad.detach()
            else:
                tensor.grad = _copy_like(grad, tensor)
    elif grad_mode._enabled:
        tensor.grad = tensor.grad + grad
    else:
        tensor.grad.add_(grad)


def _same_layout(grad: Tensor, like: Tensor) -> bool:
    """¿Puede ``grad`` ser ``like.grad`` tal cual? Ha de ocupar su almacenamiento entero y seguir la regla
    de PyTorch: los strides de ``like`` si es un bloque denso (salvo en las dimensiones de tamaño 1, que
    no se recorren) y, si no, ser contiguo."""
    if grad._offset or grad._storage._data.size != math.prod(like._shape):
        return False
    if strides.is_non_overlapping_and_dense(like._shape, like._stride):
        return all(g == s for g, s, n in zip(grad._stride, like._stride, like._shape) if n != 1)
    return strides.is_contiguous(grad._shape, grad._stride)


def _copy_like(grad: Tensor, like: Tensor) -> Tensor:
    """Copia de ``grad`` con los strides de ``like`` si es un bloque denso, y contigua si no (como PyTorch)."""
    if strides.is_non_overlapping_and_dense(like._shape, like._stride):
        return _strided_copy(grad._values(), like._stride, like._storage.dtype)
    return Tensor._from_array(np.array(grad._values(), dtype=like._storage.dtype.numpy, order="C"), like._storage.dtype)


class RemovableHandle:
    """Lo que devuelve ``register_hook``: ``handle.remove()`` quita el gancho."""

    def __init__(self, hooks: list, hook):
        self._hooks, self._hook = hooks, hook

    def remove(self) -> None:
        if self._hook in self._hooks:
            self._hooks.remove(self._hook)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.remove()
