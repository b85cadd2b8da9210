"""``BatchNorm1d``, ``BatchNorm2d`` y ``BatchNorm3d``: normalización por lotes de cada canal.

Guardan el peso y el sesgo de cada canal (parámetros, que empiezan en 1 y 0) y tres *buffers*:
``running_mean`` y ``running_var`` (las estadísticas acumuladas, que se usan en modo evaluación) y
``num_batches_tracked`` (cuántos lotes de entrenamiento se han visto). Con ``momentum=None`` las
estadísticas acumuladas son la media de todas las de los lotes vistos, en lugar de una media móvil.
Solo cambia la dimensión que se espera en la entrada: la cuenta es ``F.batch_norm``.
"""

from __future__ import annotations

from ... import dtypes
from ...creation import empty, ones, tensor, zeros
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .module import Module


class _BatchNorm(Module):
    _version = 2  # el formato de state_dict de PyTorch desde que existe num_batches_tracked
    _expected = ""  # las dimensiones que admite la subclase, para el mensaje de error

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1, affine: bool = True,
                 track_running_stats: bool = True, device=None, dtype=None, *, bias: bool = True):
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        if affine:
            self.weight = Parameter(empty(num_features, device=device, dtype=dtype))
            if bias:
                self.bias = Parameter(empty(num_features, device=device, dtype=dtype))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", zeros(num_features, device=device, dtype=dtype))
            self.register_buffer("running_var", ones(num_features, device=device, dtype=dtype))
            self.register_buffer("num_batches_tracked", tensor(0, dtype=dtypes.int64, device=device))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)
        self.reset_parameters()

    def reset_running_stats(self) -> None:
        if self.track_running_stats:
            self.running_mean.zero_()
            self.running_var.fill_(1)
            self.num_batches_tracked.zero_()

    def reset_parameters(self) -> None:
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def _check_input_dim(self, input: Tensor) -> None:  # noqa: A002
        if input.dim() not in self._dims:
            raise ValueError(f"se esperaba una entrada {self._expected}, pero tiene {input.dim()} dimensiones "
                             f"(forma {list(input.shape)})")

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        self._check_input_dim(input)
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats and self.num_batches_tracked is not None:
            self.num_batches_tracked.add_(1)
            if self.momentum is None:  # media acumulada: el lote k pesa 1/k
                factor = 1.0 / float(self.num_batches_tracked.item())
        # En evaluación se normaliza con las estadísticas acumuladas, salvo que no se guarden.
        use_batch = self.training or (self.running_mean is None and self.running_var is None)
        # Las estadísticas acumuladas solo se pasan si hay que usarlas o actualizarlas.
        keep = not self.training or self.track_running_stats
        return F.batch_norm(
            input,
            self.running_mean if keep else None,
            self.running_var if keep else None,
            self.weight, self.bias, use_batch, factor, self.eps,
        )

    def extra_repr(self) -> str:
        return (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
            f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}"
        )


class BatchNorm1d(_BatchNorm):
    """Normalización por lotes de entradas ``(N, C)`` o ``(N, C, L)``."""

    _dims = (2, 3)
    _expected = "2-D o 3-D"


class BatchNorm2d(_BatchNorm):
    """Normalización por lotes de imágenes ``(N, C, H, W)``."""

    _dims = (4,)
    _expected = "4-D"


class BatchNorm3d(_BatchNorm):
    """Normalización por lotes de volúmenes ``(N, C, D, H, W)``."""

    _dims = (5,)
    _expected = "5-D"
