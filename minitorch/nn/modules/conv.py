"""Las capas convolucionales ``Conv1d`` y ``Conv2d``: guardan los filtros y llaman a ``F.conv1d`` y ``F.conv2d``."""

from __future__ import annotations

import math

from ...creation import empty
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .module import Module
from .utils import _ntuple

_PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


class _ConvNd(Module):
    """Lo común a ``Conv1d`` y ``Conv2d``: los argumentos, los parámetros, su inicialización y su texto.

    ``weight`` tiene forma ``(out_channels, in_channels / groups, *kernel_size)``: cada filtro solo ve los
    canales de su grupo. Se inicializa como en PyTorch (Kaiming uniforme con ``a=√5``, es decir, uniforme en
    ``±1/√fan_in`` con ``fan_in = in_channels / groups · kH · kW``; el sesgo, en el mismo intervalo): con la
    misma semilla, los mismos números que ``torch.nn.Conv2d``.
    """

    _dims = 0

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0, dilation=1,
                 groups: int = 1, bias: bool = True, padding_mode: str = "zeros", device=None, dtype=None):
        super().__init__()
        n = self._dims
        if groups <= 0:
            raise ValueError(f"groups debe ser un entero positivo, pero es {groups}")
        if in_channels % groups:
            raise ValueError(f"in_channels ({in_channels}) debe ser divisible por groups ({groups})")
        if out_channels % groups:
            raise ValueError(f"out_channels ({out_channels}) debe ser divisible por groups ({groups})")
        if isinstance(padding, str):
            if padding not in ("valid", "same"):
                raise ValueError(f"la cadena de padding {padding!r} no es válida: debe ser 'valid' o 'same'")
            if padding == "same" and any(s != 1 for s in _ntuple(stride, n)):
                raise ValueError("padding='same' no está disponible para convoluciones con stride distinto de 1")
        if padding_mode not in _PADDING_MODES:
            raise ValueError(f"padding_mode debe ser uno de {set(_PADDING_MODES)}, pero es padding_mode={padding_mode!r}")
        if padding_mode != "zeros":
            raise NotImplementedError(
                f"minitorch solo rellena con ceros (padding_mode='zeros'); padding_mode={padding_mode!r} no está implementado"
            )
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = _ntuple(kernel_size, n)
        self.stride = _ntuple(stride, n)
        self.padding = padding if isinstance(padding, str) else _ntuple(padding, n)
        self.dilation = _ntuple(dilation, n)
        self.transposed = False
        self.output_padding = (0,) * n
        self.groups = groups
        self.padding_mode = padding_mode
        shape = (out_channels, in_channels // groups, *self.kernel_size)
        self.weight = Parameter(empty(shape, device=device, dtype=dtype))
        if bias:
            self.bias = Parameter(empty(out_channels, device=device, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def extra_repr(self) -> str:
        text = f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}"
        if self.padding != (0,) * len(self.padding):
            text += f", padding={self.padding}"
        if self.dilation != (1,) * len(self.dilation):
            text += f", dilation={self.dilation}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        return text

    def _conv_forward(self, input: Tensor, weight: Tensor, bias: Tensor | None) -> Tensor:  # noqa: A002
        conv = F.conv1d if self._dims == 1 else F.conv2d
        return conv(input, weight, bias, self.stride, self.padding, self.dilation, self.groups)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 (nombre de PyTorch)
        return self._conv_forward(input, self.weight, self.bias)


class Conv1d(_ConvNd):
    """Convolución sobre señales ``(N, C_in, L)`` (o ``(C_in, L)``): filtros ``(C_out, C_in/groups, k)``."""

    _dims = 1


class Conv2d(_ConvNd):
    """Convolución sobre imágenes ``(N, C_in, H, W)`` (o ``(C_in, H, W)``): filtros ``(C_out, C_in/groups, kH, kW)``."""

    _dims = 2
