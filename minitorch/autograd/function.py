"""Funciones diferenciables escritas por el usuario: ``minitorch.autograd.Function``.

Como en PyTorch, se define una subclase con dos métodos estáticos::

    class Exp(minitorch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            y = x.exp()
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, grad_output):
            y, = ctx.saved_tensors
            return grad_output * y

    y = Exp.apply(x)          # y.grad_fn es un nodo ExpBackward

El ``ctx`` que reciben ``forward`` y ``backward`` es el propio nodo del grafo (``y.grad_fn``): lo
que ``forward`` guarda en él es lo que ``backward`` encontrará después. Las operaciones de
minitorch (``derivatives/``) siguen el mismo esquema.
"""

from __future__ import annotations

import functools

import numpy as np

from . import grad_mode
from .node import Node, gradient_edge
from ..tensor import Tensor


class FunctionCtx:
    """Lo que ``forward`` puede decirle al nodo además de ``save_for_backward``."""

    def mark_dirty(self, *tensors: Tensor) -> None:
        """Declara que ``forward`` modificó in situ estos tensores de entrada."""
        self._dirty = tensors

    def mark_non_differentiable(self, *tensors: Tensor) -> None:
        """Declara salidas que no tienen gradiente (índices, máscaras…)."""
        self._non_differentiable = tensors

    def set_materialize_grads(self, value: bool) -> None:
        """Con ``False``, ``backward`` recibe ``None`` (en vez de ceros) para salidas sin gradiente."""
        self._materialize_grads = value


class BackwardCFunction(Node, FunctionCtx):
    """El nodo de una ``Function`` del usuario: su clase se llama ``<Nombre>Backward``."""

    _forward_cls = None
    _arg_is_tensor: tuple = ()
    _output_meta: tuple = ()
    _materialize_grads = True
    _dirty: tuple = ()
    _non_differentiable: tuple = ()

    def apply(self, grad_outputs: list) -> tuple:
        if self._materialize_grads and any(g is None for g in grad_outputs):
            grad_outputs = [
                Tensor._from_array(np.zeros(shape, dtype.numpy), dtype) if g is None else g
                for g, (shape, dtype) in zip(grad_outputs, self._output_meta)
            ]
        grads = self._forward_cls.backward(self, *grad_outputs)
        if not isinstance(grads, tuple):
            grads = (grads,)
        expected = len(self._arg_is_tensor)
        if len(grads) > expected and all(g is None for g in grads[expected:]):
            grads = grads[:expected]
        if len(grads) != expected:
            raise RuntimeError(
                f"la función {self.name()} devolvió un número incorrecto de gradientes "
                f"(se esperaban {expected}, llegaron {len(grads)})"
            )
        for g, is_tensor in zip(grads, self._arg_is_tensor):
            if g is not None and not is_tensor:
                raise RuntimeError(
                    f"la función {self.name()} devolvió un gradiente para una entrada que no es un tensor; "
                    f"para esas entradas backward debe devolver None"
                )
        return tuple(g for g, is_tensor in zip(grads, self._arg_is_tensor) if is_tensor)


class FunctionMeta(type):
    """Al definir ``class Exp(Function)`` crea también la clase de su nodo, ``ExpBackward``."""

    def __init__(cls, name, bases, attrs):
        cls._backward_cls = type(f"{name}Backward", (BackwardCFunction,), {"_forward_cls": cls})
        super().__init__(name, bases, attrs)


class Function(FunctionCtx, metaclass=FunctionMeta):
    """Base de las funciones diferenciables del usuario; se usan con ``MiFuncion.apply(...)``."""

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("una Function debe definir el método estático forward")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("una Function debe definir el método estático backward para poder derivarse")

    vjp = backward

    @classmethod
    def apply(cls, *args, **kwargs):
        ctx = cls._backward_cls()
        ctx._arg_is_tensor = tuple(isinstance(a, Tensor) for a in args)
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        with grad_mode.no_grad():
            if _overrides(cls, "setup_context"):  # estilo nuevo: forward sin ctx
                output = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, output)
            else:
                output = cls.forward(ctx, *args, **kwargs)
        if not (grad_mode._enabled and any(ctx.needs_input_grad)):
            return output
        return _connect(ctx, args, output)


def _overrides(cls, name: str) -> bool:
    return getattr(cls, name) is not getattr(Function, name)


def _connect(ctx: BackwardCFunction, args, output):
    """Une el nodo a los de sus entradas tensoriales y lo cuelga de cada salida diferenciable."""
    edges, meta = [], []
    for arg in args:
        if not isinstance(arg, Tensor):
            continue
        edges.append(gradient_edge(arg))
        meta.append((arg._shape, arg._storage.dtype) if arg.requires_grad else None)
    ctx.next_functions, ctx._input_meta = tuple(edges), tuple(meta)

    is_tuple = isinstance(output, tuple)
    outputs = list(output) if is_tuple else [output]
    for t in ctx._dirty:
        if t.requires_grad and t.grad_fn is None:
            raise RuntimeError(
                f"{ctx.name()}: una hoja (leaf) que requiere gradiente se ha modificado in situ en forward"
            )
    for nr, out in enumerate(outputs):
        if not isinstance(out, Tensor):
            continue
        if any(out is a for a in args) and not any(out is d for d in ctx._dirty):
            # Devolver una entrada tal cual: la salida es otro tensor (un alias) con su propia historia.
            out = outputs[nr] = out._view_of(out._shape, out._stride)
        if any(out is n for n in ctx._non_differentiable) or not out.dtype.is_floating_point:
            continue
        out.grad_fn, out._requires_grad, out._output_nr = ctx, True, nr
    ctx._num_outputs = len(outputs)
    ctx._output_meta = tuple(
        (o._shape, o._storage.dtype) if isinstance(o, Tensor) else ((), None) for o in outputs
    )
    if ctx._saved:
        ctx._forget_outputs(outputs)
    return tuple(outputs) if is_tuple else outputs[0]


def once_differentiable(backward):
    """Decorador para ``backward``: su cálculo no se anota (no se podrá derivar dos veces)."""

    @functools.wraps(backward)
    def wrapper(ctx, *grad_outputs):
        with grad_mode.no_grad():
            return backward(ctx, *grad_outputs)

    return wrapper
