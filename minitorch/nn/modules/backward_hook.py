"""Los ganchos de retropropagación de un módulo (``register_full_backward_hook``).

El motor de autograd no sabe qué es un módulo: solo ve nodos. Para avisar cuando el gradiente atraviesa un
módulo, se pone una identidad (``BackwardHookFunction``) delante de sus entradas y otra detrás de sus
salidas, como hace PyTorch. La de las salidas recibe el gradiente respecto de ellas (``grad_output``); la de
las entradas, el gradiente respecto de las entradas (``grad_input``): ahí se llama a los ganchos con los dos.
"""

from __future__ import annotations

import warnings

from ...autograd.function import Function
from ...tensor import Tensor


class BackwardHookFunction(Function):
    """La identidad; su nodo (``BackwardHookFunctionBackward``, como en PyTorch) llama a ``on_backward``."""

    @staticmethod
    def forward(ctx, on_backward, *tensors):
        ctx.on_backward = on_backward
        ctx.mark_non_differentiable(*(t for t in tensors if not t.requires_grad))
        return tensors

    @staticmethod
    def backward(ctx, *grads):
        return (None, *ctx.on_backward(grads))


class BackwardHook:
    """Los ganchos de una llamada al módulo: el gradiente de las salidas se guarda hasta que llega el de las
    entradas (o, si ninguna entrada requiere gradiente, se llama a los ganchos en ese momento)."""

    def __init__(self, module, hooks: dict, pre_hooks: dict):
        self.module, self.hooks, self.pre_hooks = module, hooks, pre_hooks
        self.grad_outputs: tuple | None = None
        self.n_inputs = 0
        self.positions: list[int] = []  # qué argumentos posicionales requieren gradiente

    def wrap_inputs(self, args: tuple) -> tuple:
        self.n_inputs = len(args)
        self.positions = [i for i, a in enumerate(args) if isinstance(a, Tensor) and a.requires_grad]
        if not self.positions:
            return args
        wrapped = BackwardHookFunction.apply(self._on_inputs, *(args[i] for i in self.positions))
        args = list(args)
        for i, t in zip(self.positions, wrapped):
            args[i] = t
        return tuple(args)

    def wrap_outputs(self, output):
        outputs = (output,) if isinstance(output, Tensor) else output
        if not (isinstance(outputs, tuple) and outputs and all(isinstance(o, Tensor) for o in outputs)):
            return output  # otras estructuras (diccionarios…): sin ganchos, como en PyTorch
        if not any(o.requires_grad for o in outputs):
            return output
        wrapped = BackwardHookFunction.apply(self._on_outputs, *outputs)
        return wrapped[0] if isinstance(output, Tensor) else wrapped

    def _on_outputs(self, grads: tuple) -> tuple:
        for hook in list(self.pre_hooks.values()):
            result = hook(self.module, grads)
            if result is not None:
                grads = _as_grads(result, len(grads), "previo de retropropagación")
        self.grad_outputs = grads
        if not self.positions:
            warnings.warn(
                "el gancho de retropropagación del módulo se llama al calcular el gradiente de sus salidas, "
                "porque ninguna de sus entradas requiere gradiente (grad_input solo tiene None)",
                UserWarning,
                stacklevel=2,
            )
            self._call_hooks((None,) * self.n_inputs)
        return grads

    def _on_inputs(self, grads: tuple) -> tuple:
        grad_input = [None] * self.n_inputs
        for i, g in zip(self.positions, grads):
            grad_input[i] = g
        grad_input = self._call_hooks(tuple(grad_input))
        return tuple(grad_input[i] for i in self.positions)

    def _call_hooks(self, grad_input: tuple) -> tuple:
        for hook in list(self.hooks.values()):
            result = hook(self.module, grad_input, self.grad_outputs)
            if result is not None:
                grad_input = _as_grads(result, len(grad_input), "de retropropagación")
        return grad_input


def _as_grads(result, expected: int, kind: str) -> tuple:
    grads = tuple(result) if isinstance(result, (tuple, list)) else (result,)
    if len(grads) != expected:
        raise RuntimeError(f"el gancho {kind} devolvió {len(grads)} gradientes, pero se esperaban {expected}")
    return grads
