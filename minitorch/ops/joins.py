"""Operaciones de varios tensores: ``cat`` y ``stack`` (como métodos estáticos que usan
``minitorch.cat`` y ``minitorch.stack``).
"""

from __future__ import annotations

import builtins
from typing import Sequence

import numpy as np

from .. import strides
from ..dtypes import result_type
from ..tensor import Tensor, _tensor_list


class JoinMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- operaciones de varios tensores ---------------------------------------------------------------
    @staticmethod
    def _cat(tensors: Sequence["Tensor"], dim: int = 0) -> "Tensor":
        """Concatena a lo largo de una dimensión existente (``minitorch.cat``)."""
        tensors = _tensor_list(tensors, "cat")
        if not tensors:
            raise ValueError("cat espera una lista no vacía de tensores")
        for i, t in enumerate(tensors):  # PyTorch lo comprueba antes que dim
            if not t._shape:
                raise RuntimeError(f"cat: el tensor {i} de la lista es 0-d y no se puede concatenar")
        # Como en PyTorch, los tensores 1-D vacíos se ignoran (compatibilidad histórica); si solo hay de
        # esos, el resultado es otro igual, sin mirar siquiera dim.
        shaped = [t for t in tensors if t._shape != (0,)]
        if not shaped:
            return Tensor._from_array(np.empty(0, dtype=result_type(*tensors).numpy))
        reference = shaped[0]
        d = strides.normalize_dim(dim, reference.dim())
        for i, t in enumerate(shaped):
            if t.dim() != reference.dim():
                raise RuntimeError(
                    f"cat: todos los tensores deben tener el mismo número de dimensiones; el tensor 0 tiene "
                    f"{reference.dim()} y el tensor {i} tiene {t.dim()}"
                )
            for k, (a, b) in enumerate(zip(reference._shape, t._shape)):
                if k != d and a != b:
                    raise RuntimeError(
                        f"cat: los tamaños deben coincidir salvo en la dimensión {d}; se esperaba tamaño {a} "
                        f"pero el tensor número {i} de la lista tiene tamaño {b} en la dimensión {k}"
                    )
        shape = list(reference._shape)
        shape[d] = builtins.sum(t._shape[d] for t in shaped)
        out = np.empty(shape, dtype=result_type(*shaped).numpy)  # contiguo, como el de PyTorch
        np.concatenate([t._values() for t in shaped], axis=d, out=out)
        return Tensor._from_array(out)

    @staticmethod
    def _stack(tensors: Sequence["Tensor"], dim: int = 0) -> "Tensor":
        """Apila tensores de la misma forma a lo largo de una dimensión nueva (``minitorch.stack``)."""
        tensors = _tensor_list(tensors, "stack")
        if not tensors:
            raise RuntimeError("stack espera una lista no vacía de tensores")
        d = strides.normalize_dim(dim, tensors[0].dim() + 1)  # PyTorch mira dim antes que las formas
        for i, t in enumerate(tensors):
            if t._shape != tensors[0]._shape:
                raise RuntimeError(
                    f"stack espera que todos los tensores tengan la misma forma, pero recibió {list(tensors[0]._shape)} "
                    f"en la posición 0 y {list(t._shape)} en la posición {i}"
                )
        shape = tensors[0]._shape[:d] + (len(tensors),) + tensors[0]._shape[d:]
        out = np.empty(shape, dtype=result_type(*tensors).numpy)  # contiguo, como el de PyTorch
        np.stack([t._values() for t in tensors], axis=d, out=out)
        return Tensor._from_array(out)
