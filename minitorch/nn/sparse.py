"""``embedding``: buscar filas de una tabla, la función que usa ``nn.Embedding``.

``embedding(indices, peso)`` es ``peso[indices]``: cada índice (un entero) se sustituye por la fila de
``peso`` (de forma ``(num_embeddings, embedding_dim)``) que le corresponde, y el resultado tiene forma
``indices.shape + (embedding_dim,)``. Es como multiplicar un vector *one-hot* por la tabla, pero sin
construir el vector.

La derivada (nodo ``EmbeddingBackward0``) solo es respecto del peso: el gradiente de cada fila es la suma
de los gradientes de las posiciones que la usaron (una fila que se usa dos veces acumula dos veces). La fila
``padding_idx`` (la del «relleno» de las secuencias cortas) no recibe gradiente nunca.
"""

from __future__ import annotations

import numpy as np

from .. import dtypes
from ..autograd import grad_mode
from ..autograd.recording import OpNode, attach
from ..tensor import Tensor


def _check_embedding(input: Tensor, weight: Tensor, padding_idx: int | None) -> int | None:  # noqa: A002
    """Valida los argumentos y devuelve ``padding_idx`` como índice no negativo (o ``None``)."""
    if padding_idx is not None:
        rows = weight.shape[0] if weight.dim() else 0
        if not -rows <= padding_idx < rows:
            raise AssertionError(
                f"padding_idx ({padding_idx}) debe ser un índice válido de la tabla, que tiene {rows} filas"
            )
        if padding_idx < 0:
            padding_idx += rows
    if weight.dim() != 2:
        raise RuntimeError(f"el peso de embedding debe ser 2-D, pero tiene forma {list(weight.shape)}")
    if input.dtype not in (dtypes.int64, dtypes.int32):
        raise RuntimeError(f"los índices de embedding deben ser de tipo int64 o int32, pero son {input.dtype}")
    return padding_idx


def _renorm_rows(weight: Tensor, indices: np.ndarray, max_norm: float, norm_type: float) -> None:
    """``max_norm``: las filas usadas cuya norma pasa de ``max_norm`` se reescalan in situ hasta tenerla."""
    rows = np.unique(indices)
    table = weight._values()
    norms = np.linalg.norm(table[rows].astype(np.float64), ord=norm_type, axis=1)
    too_long = norms > max_norm
    if too_long.any():
        rows = rows[too_long]
        # el 1e-7 evita dividir entre cero y deja la norma un poco por debajo del máximo, como en PyTorch
        table[rows] *= (max_norm / (norms[too_long] + 1e-7)).astype(table.dtype)[:, None]
    weight._storage._version += 1


class EmbeddingBackward0(OpNode):
    """dL/dpeso: los gradientes de las filas del resultado, sumados en las filas de la tabla que indican los índices."""

    def setup(ctx, result, weight, indices, padding_idx, scale_grad_by_freq):
        ctx.indices, ctx.padding_idx, ctx.scale_grad_by_freq = indices, padding_idx, scale_grad_by_freq
        ctx.rows = weight.shape[0]
        return (weight,)

    def backward(ctx, grad):
        indices = ctx.indices.reshape(-1)
        if grad_mode._enabled:  # create_graph=True: el mismo reparto como producto por una matriz de ceros y unos
            return (_differentiable_backward(ctx, grad, indices),)
        g = grad._values()
        g = g.reshape(indices.size, g.shape[-1])
        if ctx.scale_grad_by_freq:  # cada fila se divide entre las veces que aparece en el lote
            counts = np.bincount(indices, minlength=ctx.rows)
            g = g / counts[indices, None].astype(g.dtype)
        if ctx.padding_idx is not None:
            keep = indices != ctx.padding_idx
            indices, g = indices[keep], g[keep]
        table = np.zeros((ctx.rows, g.shape[1]), dtype=g.dtype)
        np.add.at(table, indices, g)
        return (Tensor._from_array(table),)


def _differentiable_backward(ctx, grad: Tensor, indices: np.ndarray) -> Tensor:
    """``dL/dpeso = M·G``, con ``M[fila, posición] = 1`` si la posición usa esa fila: una cuenta anotada
    (derivable respecto de ``G``) a cambio de construir ``M``, de tamaño filas × posiciones."""
    dtype = grad._values().dtype
    weights = np.ones(indices.size, dtype=dtype)
    if ctx.scale_grad_by_freq:
        weights /= np.bincount(indices, minlength=ctx.rows)[indices]
    if ctx.padding_idx is not None:
        weights[indices == ctx.padding_idx] = 0
    spread = np.zeros((ctx.rows, indices.size), dtype=dtype)
    spread[indices, np.arange(indices.size)] = weights
    return Tensor._from_array(spread) @ grad.reshape(indices.size, grad.shape[-1])


def embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None, max_norm: float | None = None,  # noqa: A002
              norm_type: float = 2.0, scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor:
    """Las filas de ``weight`` que indica ``input``: un resultado de forma ``input.shape + (embedding_dim,)``."""
    padding_idx = _check_embedding(input, weight, padding_idx)
    if sparse:
        raise NotImplementedError("minitorch no tiene tensores dispersos: embedding no admite sparse=True")
    indices = input._values().astype(np.int64, copy=False)
    rows = weight.shape[0]
    if indices.size and (indices.min() < 0 or indices.max() >= rows):
        wrong = indices[(indices < 0) | (indices >= rows)].reshape(-1)[0]
        raise IndexError(f"el índice {wrong} está fuera de la tabla de embedding, que tiene {rows} filas")
    if max_norm is not None:
        _renorm_rows(weight, indices, max_norm, norm_type)
    result = Tensor._from_array(np.take(weight._values(), indices, axis=0), weight.dtype)
    if grad_mode._enabled and weight.requires_grad:
        node = EmbeddingBackward0()
        # Una copia de los índices: si el tensor de entrada cambiara antes de backward, no afectaría.
        inputs = node.setup(result, weight, indices.copy(), padding_idx, scale_grad_by_freq)
        return attach(node, inputs, result)
    return result
