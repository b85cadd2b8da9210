"""Cómo se anota el grafo: cada método diferenciable de ``Tensor`` se envuelve en otro que, además
de calcular, deja un nodo colgado del resultado.

La capa de tensores no sabe nada de derivadas. Al importar ``minitorch``, esta capa sustituye cada
método que tiene fórmula en ``derivatives/`` (``Tensor.mul``, ``Tensor.exp``…) por un envoltorio:

1. si el modo de gradiente está desactivado o ninguna entrada requiere gradiente, llama al método
   original y nada más (el caso rápido: cuesta una comprobación);
2. si no, llama al método original *sin anotar* (sus operaciones internas no dejan nodos), crea el
   nodo de la operación (``MulBackward0``…), le deja guardar lo que necesite (``setup``) y lo cuelga
   del resultado como ``grad_fn``.

PyTorch hace lo mismo con su capa ``VariableType``, generada a partir de ``derivatives.yaml``.
Las operaciones in situ (``add_``, ``x[i] = v``…) se anotan como su versión normal más una
reescritura de la historia del tensor modificado (ver ``_record_inplace``).
"""

from __future__ import annotations

import inspect
import warnings

import numpy as np

from . import grad_mode
from .derivatives import copy, fill, index_put, rebase_view, region_of
from .recording import RAW, _FORMULAS, _INPLACE, _VIEWS, mark_view, rebase_history, record
from .. import strides
from ..tensor import Tensor, _tensor_list
from ..ops.indexing import _assignable, _index_items, _is_basic_index, _numpy_index

# --- el envoltorio ---------------------------------------------------------------------------------
def _requires_grad(args, kwargs) -> bool:
    """¿Alguno de los argumentos (o un tensor dentro de una lista de argumentos) requiere gradiente?"""
    for value in args:
        kind = type(value)
        if kind is int or kind is float:  # lo más común después de un tensor: una dimensión, un número
            continue
        if isinstance(value, Tensor):
            if value._requires_grad:
                return True
        elif isinstance(value, (list, tuple)):  # x[i, j], cat([a, b])…
            for v in value:
                if isinstance(v, Tensor) and v._requires_grad:
                    return True
    return bool(kwargs) and _requires_grad(tuple(kwargs.values()), None)


def _positional(raw):
    """El método que se puede llamar sin argumentos con nombre: si ``raw`` solo está envuelto para admitir
    ``axis=`` y ``keepdims=`` (ver ``_accepting_numpy_keywords``), el de debajo; así no se pagan dos envoltorios."""
    return raw.__wrapped__ if getattr(raw, "_numpy_keywords", False) else raw


def _wrap(raw, entry):
    plain = _positional(raw)

    def method(self, *args, **kwargs):
        # El caso rápido (nada que anotar) cuesta esta comprobación y una llamada más. Reenviar un
        # *args o un **kwargs vacíos cuesta casi tanto como la comprobación: por eso las llamadas sin ellos.
        if grad_mode._enabled and (self._requires_grad or ((args or kwargs) and _requires_grad(args, kwargs))):
            return record(raw, entry, self, args, kwargs)
        if kwargs:
            return raw(self, *args, **kwargs)
        return plain(self, *args) if args else plain(self)

    method.__name__, method.__qualname__, method.__doc__ = raw.__name__, raw.__qualname__, raw.__doc__
    method.__wrapped__ = raw
    return method


def _wrap_binary(raw, entry):
    """Como ``_wrap``, para los métodos con un segundo operando ``other`` (``add``, ``mul``, ``matmul``…): lo
    nombra en la firma para mirarlo sin recorrer ``args``, lo más frecuente en un bucle de entrenamiento."""
    plain = _positional(raw)

    def method(self, other, *args, **kwargs):
        if grad_mode._enabled and (
            self._requires_grad
            or (isinstance(other, Tensor) and other._requires_grad)
            or ((args or kwargs) and _requires_grad(args, kwargs))
        ):
            return record(raw, entry, self, (other, *args), kwargs)
        if kwargs:
            return raw(self, other, *args, **kwargs)
        return plain(self, other, *args) if args else plain(self, other)

    method.__name__, method.__qualname__, method.__doc__ = raw.__name__, raw.__qualname__, raw.__doc__
    method.__wrapped__ = raw
    return method


def _wrap_static(raw, entry):
    """Para ``Tensor._cat`` y ``Tensor._stack``: la primera entrada es una lista de tensores."""

    def function(tensors, *args, **kwargs):
        if grad_mode._enabled:
            tensors = _tensor_list(tensors, raw.__name__.lstrip("_"))
            if any(t.requires_grad for t in tensors):
                return record(raw, entry, tensors, args, kwargs)
        return raw(tensors, *args, **kwargs)

    function.__name__, function.__qualname__, function.__doc__ = raw.__name__, raw.__qualname__, raw.__doc__
    function.__wrapped__ = raw
    return function


# --- vistas -----------------------------------------------------------------------------------------
# Una vista recuerda su base (la raíz: nunca otra vista), la historia con la que nació (``_view_fn``) y la
# versión del almacenamiento en ese momento (``_view_version``). Si después cambia la base u otra vista
# suya (la versión, compartida, avanza), esa historia ya no describe sus valores: al leer ``grad_fn`` se
# rehace como una región de la base actual (``AsStridedBackward0``), igual que hace PyTorch. Lo anota
# ``recording.mark_view``, al colgar el nodo de una vista o, sin gradiente, desde ``_wrap_view``.
class _GradFnSlot:
    """``tensor.grad_fn``. Un descriptor sin ``__set__``: los resultados corrientes guardan su nodo en su
    ``__dict__`` y lo leen sin pasar por aquí; solo las vistas (y los tensores sin historia) llegan a
    ``__get__``, que rehace la historia de una vista si su base ha cambiado desde que se anotó."""

    def __get__(self, tensor, owner=None):
        if tensor is None:
            return None
        fields = tensor.__dict__
        base = fields.get("_base")
        if base is None:
            return None
        node = fields.get("_view_fn")
        version = tensor._storage._version
        if fields.get("_view_version") == version or (node is None and not base._requires_grad):
            return node
        if node is not None and node._multi_view:
            raise RuntimeError(
                f"la salida {tensor._output_nr} de {node.name().removesuffix('Backward0')} es una vista, y su base "
                f"(u otra vista de la misma base) se ha modificado in situ. Es una de las vistas que devuelve una "
                f"función con varias salidas, y esas funciones no admiten que sus vistas cambien in situ: usa la "
                f"operación normal (sin «_» al final) en su lugar"
            )
        node = fields["_view_fn"] = region_of(base, tensor)
        fields["_view_version"] = version
        tensor._requires_grad, tensor._output_nr = True, 0
        if tensor._retains_grad:
            node._retain(tensor)
        return node


def _wrap_view(raw, entry):
    """Como ``_wrap``, pero el resultado sin anotar también recuerda su base (como en PyTorch, ``x[0]._base``
    es ``x`` aunque nada requiera gradiente): si más tarde se escribe en la vista un valor con gradiente,
    la base pasa a requerirlo."""

    plain = _positional(raw)

    def method(self, *args, **kwargs):
        # Una vista solo se deriva respecto de su entrada: los demás argumentos (formas, dimensiones, índices
        # enteros) nunca requieren gradiente, así que no hace falta mirarlos.
        if grad_mode._enabled and self._requires_grad:
            return record(raw, entry, self, args, kwargs)
        result = raw(self, *args, **kwargs) if kwargs else plain(self, *args) if args else plain(self)
        storage = self._storage
        if type(result) is Tensor:  # el caso de casi siempre, escrito sin llamadas: es el coste fijo de una vista
            if result is not self and result._storage is storage:
                base, fields = self._base, result.__dict__
                fields["_base"] = self if base is None else base
                fields["_view_version"] = storage._version
        elif type(result) in (tuple, list):
            for piece in result:
                if piece._storage is storage:
                    mark_view(self, piece)
        elif result is not self and result._storage is storage:
            mark_view(self, result)
        return result

    method.__name__, method.__qualname__, method.__doc__ = raw.__name__, raw.__qualname__, raw.__doc__
    method.__wrapped__ = raw
    return method


# --- operaciones in situ ---------------------------------------------------------------------------
def _wrap_inplace(raw, compute):
    def method(self, *args, **kwargs):
        if grad_mode._enabled and (self._requires_grad or _requires_grad(args, kwargs) or _base_requires_grad(self)):
            return _record_inplace(self, lambda old: compute(old, *args, **kwargs), lambda: raw(self, *args, **kwargs))
        return raw(self, *args, **kwargs) if kwargs else raw(self, *args)

    method.__name__, method.__qualname__, method.__doc__ = raw.__name__, raw.__qualname__, raw.__doc__
    method.__wrapped__ = raw
    return method


def _base_requires_grad(tensor: Tensor) -> bool:
    """Una vista cuya base ha pasado a requerir gradiente (al escribir en otra vista un valor que lo requiere)
    también lo requiere, aunque aún no se haya leído su ``grad_fn`` (que es lo que actualiza su ``requires_grad``)."""
    base = tensor._base
    return base is not None and base._requires_grad and tensor.grad_fn is not None


def check_inplace(tensor: Tensor) -> None:
    """PyTorch no deja escribir in situ en una hoja que requiere gradiente (ni en una vista suya), ni en
    uno de los trozos de ``split``, ``chunk`` o ``unbind``, ni en una vista que devuelve una ``Function``."""
    node = tensor.grad_fn
    if node is not None and getattr(node, "_multi_view", False):
        operation = node.name().removesuffix("Backward0")
        raise RuntimeError(
            f"la salida {tensor._output_nr} de {operation} es una vista y se está modificando in situ. Es una de "
            f"las vistas que devuelve una función con varias salidas, y esas vistas no se pueden modificar in "
            f"situ: usa la operación normal (sin «_» al final) en su lugar"
        )
    if node is not None and tensor._base is not None and tensor.__dict__.get("grad_fn") is node:
        # Una vista con su grad_fn puesto a mano: la salida de una Function (ver _GradFnSlot). Rehacer su
        # historia saltaría el backward de la Function, y los gradientes serían incorrectos.
        raise RuntimeError(
            f"la salida {tensor._output_nr} de {node.name().removesuffix('Backward')} es una vista y se está "
            f"modificando in situ. La vista se creó dentro de una Function, y rehacer su historia pasaría por "
            f"alto el backward de la Function: haz un .clone() de la salida dentro de forward, o usa la operación "
            f"normal (sin «_» al final)"
        )
    if tensor.requires_grad and tensor.grad_fn is None:
        raise RuntimeError(
            "una hoja (leaf) que requiere gradiente se está usando en una operación in situ; si quieres "
            "cambiar sus valores (por ejemplo, al actualizar parámetros), hazlo dentro de «with minitorch.no_grad():»"
        )
    base = tensor._base
    if base is not None and base.requires_grad and base.grad_fn is None:
        raise RuntimeError(
            "una vista de una hoja (leaf) que requiere gradiente se está usando en una operación in situ; "
            "hazlo dentro de «with minitorch.no_grad():» o trabaja sobre una copia (.clone())"
        )


def _record_inplace(self: Tensor, compute, apply):
    """Anota ``self.op_(...)``: la operación normal sobre el valor viejo, y ``self`` pasa a ser su resultado.

    1. Una copia del valor viejo, con la historia de ``self``, entra en la operación normal
       (``compute``): así el nodo guarda el valor viejo aunque ``self`` cambie después.
    2. ``apply`` hace la escritura in situ de verdad (y valida los argumentos).
    3. La historia de ``self`` se reescribe: su ``grad_fn`` pasa a ser el nuevo nodo. Si ``self`` es
       una vista, la reescrita es la de su base (nodo ``CopySlices``).
    """
    check_inplace(self)
    base = self._base
    old = snapshot(self)
    if base is not None and base.requires_grad:
        old._requires_grad = True  # así siempre hay nodo: la base necesita saber qué región cambió
    result = compute(old)
    apply()
    node = result.grad_fn if isinstance(result, Tensor) else None
    if node is None:
        return self
    node._rebind_output(result, self)
    if base is None:
        rebase_history(self, node)
    else:
        rebase_view(self, base, node)
        self.grad_fn  # noqa: B018 (como PyTorch, rehace ya la historia de la vista: también su requires_grad)
    return self


def snapshot(tensor: Tensor) -> Tensor:
    """Una copia de ``tensor`` con su misma historia (``grad_fn``): su valor antes de cambiarlo."""
    old = Tensor._from_array(np.copy(tensor._values()), tensor._storage.dtype)
    old.grad_fn, old._requires_grad, old._output_nr = tensor.grad_fn, tensor._requires_grad, tensor._output_nr
    return old


def _setitem(self: Tensor, index, value) -> None:
    """``self[index] = value``. Anotado: una escritura in situ en la vista ``self[index]``."""
    raw = RAW["__setitem__"]
    needs = self.requires_grad or (isinstance(value, Tensor) and value.requires_grad) or _base_requires_grad(self)
    if index is False or not (grad_mode._enabled and needs):  # x[False] = v no hace nada, ni comprueba nada
        return raw(self, index, value)
    items = _index_items(index, warn=False)
    basic = all(_is_basic_index(item) for item in items)
    if not basic and all(_is_basic_index(item) or item is True for item in items):
        # un True de Python es un índice básico (añade una dimensión), como None: no un tensor bool
        index = items = tuple(None if item is True else item for item in items)
        basic = True
    # PyTorch prepara la vista self[index] (y así valida el índice) antes de ver que escribe en una hoja.
    if basic:
        strides.index_layout(self._shape, self._stride, self._offset, items)
    else:
        _numpy_index(items, self._shape, validate=False)
    if self.requires_grad and self.grad_fn is None:
        raise RuntimeError(
            "una vista de una hoja (leaf) que requiere gradiente se está usando en una operación in situ "
            "(una asignación x[...] = ...); hazlo dentro de «with minitorch.no_grad():»"
        )
    check_inplace(self)
    # un número, o un tensor de dimensión 0, en un x de más dimensiones: PyTorch rellena (fill_) en vez de copiar
    fills = bool(self._shape) and not (isinstance(value, Tensor) and value._shape)
    original, value = value, _assignable(value, self)  # con gradiente: quitar las dimensiones de tamaño 1 es una vista anotada
    if basic and all(strides.whole_dimension_items(self._shape, items)):
        # x[...] = v, x[:] = v: PyTorch no crea una vista, copia en x entero (su nodo es CopyBackwards,
        # o FillBackward3 si rellena)
        _record_inplace(self, lambda old: (fill if fills else copy)(old, value), lambda: _write(self, index, original))
        return None
    if basic:
        view = _recorded_view(self, index)
        _record_inplace(view, lambda old: copy(old, value), lambda: _write(self, index, original))
        if self._base is not None:
            self.grad_fn  # noqa: B018 (la vista en la que se asigna también cambia: se rehace su historia)
        return None
    # Antes de anotar nada, todo lo que puede fallar, en el orden de PyTorch (solape, forma, tipo, límites).
    first, second = self._check_assignment(items, value)
    if all(item is Ellipsis or item == slice(None) for item in first):
        _record_inplace(self, lambda old: index_put(old, index, value), lambda: _write(self, index, value))
        return None
    # Con un primer paso que da otra vista (x[0, [1]], o x[máscara] con x de dimensión 0, que añade una
    # dimensión), PyTorch escribe con índices avanzados en esa vista: la historia de x es un CopySlices.
    view = _recorded_view(self, first)
    _record_inplace(view, lambda old: index_put(old, second, value), lambda: _write(view, second, value))
    if self._base is not None:
        self.grad_fn  # noqa: B018 (la vista en la que se asigna también cambia: se rehace su historia)
    return None


def _write(target: Tensor, index, value) -> None:
    """La escritura de ``target[index] = value``, sin anotar nada: la anota quien llama (``_record_inplace``)."""
    grad_mode._enabled = False
    try:
        RAW["__setitem__"](target, index, value)
    finally:
        grad_mode._enabled = True


def _recorded_view(self: Tensor, index) -> Tensor:
    """La vista ``self[index]`` (solo índices básicos) anotada como vista de ``self``, pero sin nodo
    propio: la escritura en ella quedará en la historia de la base como un ``CopySlices``."""
    grad_mode._enabled = False
    try:
        view = RAW["__getitem__"](self, index)
    finally:
        grad_mode._enabled = True
    mark_view(self, view)
    return view


# --- instalación -----------------------------------------------------------------------------------
def _install_tensor_api() -> None:
    """Lo que la diferenciación automática añade a ``Tensor``: backward, retain_grad, register_hook…"""
    from . import engine  # noqa: PLC0415
    from .node import RemovableHandle  # noqa: PLC0415

    Tensor._output_nr = 0  # qué salida de su grad_fn es el tensor (las operaciones con varias salidas)
    Tensor._base = None  # el tensor del que es vista (la raíz), o None si no es una vista
    Tensor.grad_fn = _GradFnSlot()

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Calcula el gradiente de este tensor respecto de las hojas y lo suma en su ``.grad``."""
        engine.backward(self, gradient, retain_graph, create_graph, inputs)

    def retain_grad(self):
        """Pide que ``.grad`` se rellene también en este tensor intermedio (no hoja)."""
        if not self.requires_grad:
            raise RuntimeError("no se puede usar retain_grad en un tensor con requires_grad=False")
        if self.grad_fn is None or self._retains_grad:
            return
        self.grad_fn._retain(self)
        self._retains_grad = True

    def register_hook(self, hook):
        """``hook(grad)`` se llamará con el gradiente de este tensor; si devuelve un tensor, lo sustituye."""
        if not self.requires_grad:
            raise RuntimeError("no se puede registrar un gancho en un tensor que no requiere gradiente")
        if self.grad_fn is not None:
            return self.grad_fn._add_pre_hook(self._output_nr, hook)
        hooks = self.__dict__.setdefault("_hooks", [])
        hooks.append(hook)
        return RemovableHandle(hooks, hook)

    def get_grad(self):
        grad = self.__dict__.get("grad")
        if grad is None and self.grad_fn is not None and not self._retains_grad:
            # El despiste más común al empezar: leer el gradiente de un resultado intermedio en vez del de la hoja.
            warnings.warn(
                "se está leyendo .grad de un tensor que no es una hoja: backward() no lo rellena (solo guarda el "
                "gradiente de las hojas). Si quieres el de este tensor intermedio, llama antes a .retain_grad(); "
                "si buscabas el de la hoja, lee .grad en la hoja",
                UserWarning,
                stacklevel=2,
            )
        return grad

    def set_grad(self, value) -> None:
        if value is not None:  # las comprobaciones de PyTorch, en su orden: tipo, identidad, dtype, forma
            if not isinstance(value, Tensor):
                raise TypeError(f"el gradiente asignado debe ser un tensor o None, no {type(value).__name__}")
            if value is self:
                raise RuntimeError("no se puede asignar un tensor como su propio gradiente")
            if value._storage.dtype is not self._storage.dtype:
                raise RuntimeError(
                    f"se intenta asignar un gradiente de tipo {value.dtype} a un tensor de tipo {self.dtype}: "
                    f"el gradiente debe ser del mismo tipo que el tensor"
                )
            if value._shape != self._shape:
                raise RuntimeError(
                    f"se intenta asignar un gradiente de forma {list(value._shape)} a un tensor de forma "
                    f"{list(self._shape)}: el gradiente debe tener la misma forma que el tensor"
                )
        self.__dict__["grad"] = value

    def del_grad(self) -> None:  # del x.grad lo deja en None, como en PyTorch
        self.__dict__.pop("grad", None)

    Tensor.grad = property(get_grad, set_grad, del_grad, doc="El gradiente que deja ``backward()`` en una hoja (o ``None``).")
    Tensor.backward = backward
    Tensor.retain_grad = retain_grad
    Tensor.register_hook = register_hook
    Tensor.retains_grad = property(lambda self: self._retains_grad)
    Tensor.output_nr = property(lambda self: self._output_nr)


def install() -> None:
    """Sustituye los métodos de ``Tensor`` que tienen fórmula por sus envoltorios (una sola vez)."""
    if RAW:
        return
    _install_tensor_api()
    for name, entry in _FORMULAS.items():
        raw = getattr(Tensor, name)
        RAW[name] = raw
        is_static = isinstance(Tensor.__dict__.get(name), staticmethod)
        if is_static:
            wrapper = staticmethod(_wrap_static(raw, entry))
        else:
            wrapper = (_wrap_view if name in _VIEWS else _wrap_binary if _takes_other(raw) else _wrap)(raw, entry)
        _replace(name, raw, wrapper)
    for name, compute in _INPLACE.items():
        raw = getattr(Tensor, name)
        RAW[name] = raw
        _replace(name, raw, _wrap_inplace(raw, compute))
    RAW["__setitem__"] = Tensor.__setitem__
    RAW.setdefault("__getitem__", Tensor.__getitem__)
    Tensor.__setitem__ = _setitem


def _takes_other(raw) -> bool:
    """¿Es ``other`` el segundo parámetro, posicional, de ``raw``? (ver ``_wrap_binary``)"""
    parameters = list(inspect.signature(_positional(raw)).parameters.values())
    return len(parameters) > 1 and parameters[1].name == "other" and parameters[1].kind is parameters[1].POSITIONAL_OR_KEYWORD


def _replace(name: str, raw, wrapper) -> None:
    """Pone ``wrapper`` en ``name`` y en sus alias (``multiply = mul``…), que apuntan a la misma función."""
    for attr, value in list(vars(Tensor).items()):
        target = value.__func__ if isinstance(value, staticmethod) else value
        if attr == name or target is raw:
            setattr(Tensor, attr, wrapper)
