"""Copias y conversiones: ``clone``, ``contiguous``, ``to``, ``float``…, y tensores nuevos del mismo tipo
(``x.new_zeros(2, 3)``…).
"""

from __future__ import annotations

import numpy as np

from .. import dtypes, strides
from .. import creation
from ..dtypes import dtype as DType
from ..tensor import Tensor, _check_cpu, _has_standard_strides, _legacy_name, _strided_copy, dtype_of_to_args


class CopyMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- tensores nuevos del mismo tipo (x.new_zeros(2, 3)…) ------------------------------------------
    # Las funciones de creation.py, con el tipo de este tensor si no se pide otro.
    def new_tensor(self, data, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        return creation.tensor(data, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_full(self, size, fill_value, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        return creation.full(size, fill_value, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_zeros(self, *size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        return creation.zeros(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_ones(self, *size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        return creation.ones(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_empty(self, *size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        return creation.empty(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    # --- copias ---------------------------------------------------------------------------------------
    def contiguous(self) -> "Tensor":
        """El propio tensor si ya es contiguo; si no, una copia con strides contiguos."""
        if self.is_contiguous():
            return self
        return Tensor._from_array(np.ascontiguousarray(self._values()))

    def clone(self) -> "Tensor":
        """Una copia con su propio almacenamiento; conserva la disposición del original (como PyTorch)."""
        return self._cast(self.dtype)

    def to(self, *args, **kwargs) -> "Tensor":
        """Convierte a otro ``dtype`` (``to(minitorch.float64)``); ``to('cpu')`` no hace nada."""
        flags = [arg for arg in args if isinstance(arg, bool)]  # to(dtype, non_blocking, copy)
        target = dtype_of_to_args([arg for arg in args if not isinstance(arg, bool)], kwargs)
        if kwargs.get("copy", len(flags) > 1 and flags[1]):  # una copia aunque no cambie el tipo, como en PyTorch
            return self._cast(target or self.dtype)
        if target is None or target is self.dtype:
            return self
        return self._cast(target)

    def _cast(self, target: DType) -> "Tensor":
        """Una copia de tipo ``target`` con la disposición que le daría PyTorch (``dense_strides_like``)."""
        if _has_standard_strides(self):
            return Tensor._from_array(self._values().astype(target.numpy), target)
        return _strided_copy(self._values(), strides.dense_strides_like(self._shape, self._stride), target)

    def type(self, dtype=None):
        """Sin argumento, el nombre de su tipo a la antigua (``'minitorch.FloatTensor'``); con uno (un dtype,
        ``minitorch.LongTensor`` o su nombre), una copia de ese tipo."""
        if dtype is None:
            return f"minitorch.{_legacy_name(self.dtype)}"
        if isinstance(dtype, str):
            wanted = dtype.rsplit(".", 1)[-1]
            matches = [d for d in dtypes.ALL if _legacy_name(d) == wanted]
            if not matches:
                raise ValueError(f"tipo de tensor desconocido: {dtype!r}")
            dtype = matches[0]
        return self.to(getattr(dtype, "dtype", dtype))  # minitorch.LongTensor lleva su dtype dentro

    def type_as(self, other: "Tensor") -> "Tensor":
        """El tensor con el tipo de ``other`` (el mismo tensor si ya lo tiene)."""
        return self.to(other.dtype)

    def float(self) -> "Tensor":
        return self.to(dtypes.float32)

    def double(self) -> "Tensor":
        return self.to(dtypes.float64)

    def long(self) -> "Tensor":
        return self.to(dtypes.int64)

    def int(self) -> "Tensor":
        return self.to(dtypes.int32)

    def bool(self) -> "Tensor":
        return self.to(dtypes.bool)

    def cpu(self) -> "Tensor":
        return self

    def cuda(self, device=None, non_blocking: bool = False) -> "Tensor":
        _check_cpu("cuda")
