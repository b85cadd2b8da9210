"""Comprobar gradientes con diferencias finitas: ¿coincide lo que calcula ``backward`` con la derivada?

La derivada es un límite: ``f'(x) ≈ (f(x + ε) − f(x − ε)) / 2ε`` para ``ε`` pequeño. Moviendo cada
elemento de cada entrada un poco en los dos sentidos se obtiene, columna a columna, la matriz
jacobiana *numérica*; la *analítica* sale de la retropropagación, pidiendo con ``autograd.grad``
el gradiente de cada elemento de la salida. Si las dos coinciden, la fórmula de la derivada está
bien. Hace falta doble precisión (``float64``): con ``float32`` el error de redondeo de la resta
``f(x + ε) − f(x − ε)`` es comparable a lo que se quiere medir.
"""

from __future__ import annotations

import warnings

import numpy as np

from . import grad_mode
from .engine import grad as _grad
from ..tensor import Tensor


class GradcheckError(RuntimeError):
    """Las jacobianas numérica y analítica no coinciden."""


def gradcheck(func, inputs, *, eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3,
              raise_exception: bool = True, **_ignored) -> bool:
    """Compara las jacobianas numérica y analítica de ``func`` en ``inputs``.

    Devuelve ``True`` si coinciden (``|numérica − analítica| ≤ atol + rtol·|numérica|``). Si no,
    lanza ``GradcheckError`` (una ``RuntimeError``) con las dos matrices, o devuelve ``False`` con
    ``raise_exception=False``.
    """
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    differentiable = [(i, t) for i, t in enumerate(inputs) if isinstance(t, Tensor) and t.requires_grad]
    if not differentiable:
        raise ValueError("gradcheck: ninguna entrada requiere gradiente (usa requires_grad=True)")
    for i, t in differentiable:
        if t.dtype.name != "float64":
            warnings.warn(
                f"gradcheck: la entrada {i} requiere gradiente pero es {t.dtype}, no float64; las diferencias "
                f"finitas en precisión simple no son fiables",
                UserWarning,
                stacklevel=2,
            )
    outputs = _outputs(func, inputs)
    for out_index, out in enumerate(outputs):
        if not out.dtype.is_floating_point:
            continue
        for in_index, t in differentiable:
            numerical = _numerical_jacobian(func, inputs, t, out_index, eps)
            analytical = _analytical_jacobian(out, t)
            if not np.allclose(analytical, numerical, rtol=rtol, atol=atol):
                if not raise_exception:
                    return False
                raise GradcheckError(
                    f"la jacobiana de la salida {out_index} respecto de la entrada {in_index} no coincide;\n"
                    f"numérica (diferencias finitas):\n{_show(numerical)}\n"
                    f"analítica (retropropagación):\n{_show(analytical)}"
                )
    return True


def gradgradcheck(func, inputs, grad_outputs=None, **kwargs) -> bool:
    """Comprueba las segundas derivadas: ``gradcheck`` de la función que calcula el gradiente."""
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    differentiable = [t for t in inputs if isinstance(t, Tensor) and t.requires_grad]
    outputs = _outputs(func, inputs)
    if grad_outputs is None:
        rng = np.random.default_rng(0)
        grad_outputs = tuple(
            Tensor._from_array(rng.standard_normal(o._shape), o.dtype).requires_grad_() for o in outputs
        )
    grad_outputs = tuple(grad_outputs)

    def first_derivative(*args):
        values, vectors = args[: len(inputs)], args[len(inputs):]
        with grad_mode.enable_grad():  # las diferencias finitas evalúan sin anotar, pero aquí hay que derivar
            outs = _outputs(func, values)
            wrt = [v for v in values if isinstance(v, Tensor) and v.requires_grad]
            return _grad(outs, wrt, vectors, create_graph=True, allow_unused=True, materialize_grads=True)

    if not differentiable:
        raise ValueError("gradgradcheck: ninguna entrada requiere gradiente (usa requires_grad=True)")
    return gradcheck(first_derivative, inputs + grad_outputs, **kwargs)


def _outputs(func, inputs) -> tuple:
    out = func(*inputs)
    return (out,) if isinstance(out, Tensor) else tuple(out)


def _numerical_jacobian(func, inputs, tensor: Tensor, out_index: int, eps: float) -> np.ndarray:
    """Una fila por elemento de ``tensor``: cómo cambia cada elemento de la salida al moverlo ±ε."""
    values = tensor._values()  # misma memoria que el tensor: moverlo aquí mueve la entrada
    rows = []
    with grad_mode.no_grad():
        for index in np.ndindex(values.shape):
            original = values[index].item()
            values[index] = original + eps
            plus = _outputs(func, inputs)[out_index]._values().astype(np.float64).ravel()
            values[index] = original - eps
            minus = _outputs(func, inputs)[out_index]._values().astype(np.float64).ravel()
            values[index] = original
            rows.append((plus - minus) / (2 * eps))
    if not rows:
        return np.zeros((0, _outputs(func, inputs)[out_index].numel()))
    return np.array(rows)


def _analytical_jacobian(out: Tensor, tensor: Tensor) -> np.ndarray:
    """Una columna por elemento de la salida: el gradiente (vector-jacobiano) con un 1 en ese elemento."""
    if not out.requires_grad:  # la salida no depende de ninguna entrada: jacobiana nula
        return np.zeros((tensor.numel(), out.numel()))
    columns = []
    for k in range(out.numel()):
        onehot = np.zeros(out.numel(), out.dtype.numpy)
        onehot[k] = 1
        seed = Tensor._from_array(onehot.reshape(out._shape), out.dtype)
        (g,) = _grad(out, tensor, seed, retain_graph=True, allow_unused=True)
        columns.append(np.zeros(tensor.numel()) if g is None else g._values().astype(np.float64).ravel())
    if not columns:
        return np.zeros((tensor.numel(), 0))
    return np.array(columns).T


def _show(matrix: np.ndarray) -> str:
    return np.array2string(matrix, precision=4, suppress_small=True)
