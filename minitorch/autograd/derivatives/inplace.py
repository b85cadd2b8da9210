"""Las operaciones in situ (``add_``, ``copy_``, ``fill_``, ``x[i] = v``…) vistas como su versión normal.

Cada método in situ se registra con ``inplace(nombre, versión_normal)``; ``wrap`` calcula esa versión normal
sobre una copia del valor viejo y reescribe la historia del tensor modificado. Si el tensor es una vista, la
historia que cambia es la de su base: ``CopySlices`` (``rebase_view``), y las vistas se rehacen como regiones
de la base (``region_of``).
"""

from __future__ import annotations

import numpy as np

from ..engine import sum_to
from ..node import Node, gradient_edge
from ..recording import OpNode, RAW, inplace, rebase_history, record
from ...ops.inplace import _check_broadcast_into
from ...tensor import Tensor
from ._common import _zero_grad
from .views import AsStridedBackward0


# --- operaciones in situ -------------------------------------------------------------------------------
def _outplace(name: str):
    """La versión normal de ``name_`` (ya envuelta, para que anote su nodo)."""

    def compute(old, *args, **kwargs):
        return getattr(old, name)(*args, **kwargs)

    return compute


for _name in ("add", "sub", "mul", "div", "pow", "neg", "exp", "sqrt", "clamp", "relu", "sigmoid", "tanh", "masked_fill", "lerp",
              "floor_divide", "remainder"):
    inplace(_name + "_", _outplace(_name))


class CopyBackwards(OpNode):
    """``self.copy_(src)``: el valor viejo se pierde (gradiente 0) y ``src`` recibe el gradiente."""

    def setup(ctx, result, self, src):
        return self, src

    def backward(ctx, grad):
        return _zero_grad(grad), grad


class _Overwritten(OpNode):
    """Rellenar (``fill_``, ``zero_``, ``normal_``…): el resultado ya no depende del valor viejo."""

    def backward(ctx, grad):
        return tuple(_zero_grad(grad) if i == 0 else grad.sum() for i in range(len(ctx.next_functions)))


def _overwrite(name: str):
    """Anota un relleno in situ con un nodo ``name``; los valores nuevos los escribe el propio método."""
    node_class = type(name, (_Overwritten,), {})

    def compute(old, *args, **kwargs):
        def same_shape(old, *args, **kwargs):
            return Tensor._from_array(np.copy(old._values()), old._storage.dtype)

        return record(same_shape, node_class, old, args, kwargs)

    return compute


def _broadcast_copy(old: Tensor, src) -> Tensor:
    source = src._values() if isinstance(src, Tensor) else np.asarray(src)
    _check_broadcast_into(old._shape, [source.shape])
    return Tensor._from_array(np.broadcast_to(source, old._shape).astype(old._storage.dtype.numpy), old._storage.dtype)


def copy(old: Tensor, src, *args, **kwargs) -> Tensor:
    """La versión normal (no in situ) de ``old.copy_(src)``: ``src`` difundido a la forma de ``old``."""
    return record(_broadcast_copy, CopyBackwards, old, (src,), {})


class FillBackward3(CopyBackwards):
    """``x[...] = v`` con un número o un tensor ``v`` de dimensión 0 y ``x`` de más: PyTorch lo resuelve
    con ``fill_``. El gradiente, el de una copia (``v`` recibe la suma)."""


def fill(old: Tensor, value) -> Tensor:
    """La versión normal de ``old[...] = value`` cuando PyTorch rellena en vez de copiar (ver ``FillBackward3``)."""
    return record(_broadcast_copy, FillBackward3, old, (value,), {})


def _fill_(old: Tensor, value) -> Tensor:
    """``fill_``: con un tensor (de dimensión 0) ``value`` recibe el gradiente (``FillBackward3``); con un
    número, nada depende de nada (``FillBackward2``)."""
    return fill(old, value) if isinstance(value, Tensor) else _fill_with_number(old, value)


_fill_with_number = _overwrite("FillBackward2")
inplace("copy_", copy)
inplace("fill_", _fill_)
inplace("zero_", _overwrite("ZeroBackward0"))
inplace("normal_", _overwrite("NormalBackward0"))
inplace("uniform_", _overwrite("UniformBackward0"))
inplace("bernoulli_", _overwrite("BernoulliBackward1"))
inplace("random_", _overwrite("RandomBackward2"))


class IndexPutBackward0(OpNode):
    """``x[índices] = v``: las posiciones escritas ya no dependen de ``x``; ``v`` recibe su gradiente."""

    def setup(ctx, result, self, index, value):
        ctx.index = index
        return self, value

    def backward(ctx, grad):
        grad_self = RAW["clone"](grad)
        RAW["__setitem__"](grad_self, ctx.index, 0)
        return grad_self, grad[ctx.index] if ctx.needs_input_grad[1] else None


def index_put(old: Tensor, index, value) -> Tensor:
    """La versión normal (no in situ) de ``x[index] = value`` con un índice avanzado."""

    def put(old, index, value):
        out = RAW["clone"](old)
        RAW["__setitem__"](out, index, value)
        return out

    return record(put, IndexPutBackward0, old, (index, value), {})


class CopySlices(OpNode):
    """Una operación in situ sobre una vista (``y[0].mul_(2)``, ``y[1:] = v``) cambia su base.

    El gradiente de la base pasa tal cual fuera de la región escrita; dentro de ella, lo transforma
    el nodo de la operación (``fn``), que reparte también su parte a las otras entradas (``v``).
    """

    def backward(ctx, grad):
        result = _with_layout(grad, *ctx.base_layout)
        region = result._view_of(*ctx.view_layout)
        grads = ctx.fn.apply([Tensor._from_array(np.copy(region._values()))])
        first = grads[0]
        region._values()[...] = 0 if first is None else sum_to(first, region._shape)._values()
        return (result,) + tuple(grads[1:])

    def _release(self) -> None:
        self.fn._release()


def _with_layout(grad: Tensor, shape, stride, offset, storage_size) -> Tensor:
    """Una copia de ``grad`` en un almacenamiento nuevo con la forma, strides y desplazamiento dados."""
    memory = np.zeros(storage_size, grad._storage.dtype.numpy)
    out = Tensor._from_array(memory, grad._storage.dtype)._view_of(shape, stride, offset)
    out._values()[...] = grad._values()
    return out


def rebase_view(view: Tensor, base: Tensor, fn: Node) -> None:
    """Tras ``view.op_(...)``, la base cambia en la región de ``view``: su nueva historia es ``CopySlices``."""
    node = CopySlices()
    node.fn = fn
    node.base_layout = (base._shape, base._stride, base._offset, len(base._storage))
    node.view_layout = (view._shape, view._stride, view._offset)
    node.next_functions = (gradient_edge(base),) + fn.next_functions[1:]
    node._input_meta = ((base._shape, base._storage.dtype),) + fn._input_meta[1:]
    rebase_history(base, node)
    # La vista (y cualquier otra de la misma base) es ahora una región de la nueva base: su historia se
    # rehará al leer su grad_fn (ver wrap._GradFnSlot), aunque la escritura no haya cambiado la versión.
    view.__dict__.pop("_view_version", None)


def region_of(base: Tensor, view: Tensor) -> AsStridedBackward0:
    """La historia de una vista rehecha desde la de su base: ``view`` es la región de ``base`` que marcan
    su forma, sus strides y su desplazamiento."""
    region = AsStridedBackward0()
    region.input_layout = (base._shape, base._stride, base._offset)
    region.output_layout = (view._shape, view._stride, view._offset)
    region.storage_size = len(base._storage)
    region.next_functions, region._input_meta = (gradient_edge(base),), ((base._shape, base._storage.dtype),)
    return region


# Las versiones in situ de las funciones que usan los cursos (d2l, makemore).
for _name, _normal in (("abs_", "abs"), ("floor_", "floor"), ("round_", "round"), ("erf_", "erf")):
    inplace(_name, _outplace(_normal))
