"""``Linear`` (``y = x Wᵀ + b``) e ``Identity`` (``y = x``)."""

from __future__ import annotations

import math

from ...creation import empty
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .module import Module


class Identity(Module):
    """Devuelve la entrada sin tocarla; acepta (e ignora) cualquier argumento. Útil para «quitar» una capa."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 (nombre de PyTorch)
        return input


class Linear(Module):
    """Capa lineal (densa): ``y = x Wᵀ + b``, con ``W`` de forma ``(out_features, in_features)``.

    Se inicializa como en PyTorch: ``W`` con Kaiming uniforme (``a=√5``, que equivale a una uniforme en
    ``±1/√in_features``) y ``b`` uniforme en ``±1/√in_features``. Como ``minitorch.random`` reproduce el
    generador de PyTorch, con la misma semilla los pesos son los mismos que los de ``torch.nn.Linear``.
    """

    def __init__(self, in_features: int, out_features: int, bias: bool = True, device=None, dtype=None):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(empty((out_features, in_features), device=device, dtype=dtype))
        if bias:
            self.bias = Parameter(empty(out_features, device=device, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"
