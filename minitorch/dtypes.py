"""Tipos de dato (*dtypes*) de minitorch y sus reglas de promoción, las mismas de PyTorch."""

from __future__ import annotations

import builtins

import numpy as np


class dtype:
    """Un tipo de dato de los elementos de un tensor: ``minitorch.float32``, ``minitorch.int64``…"""

    __slots__ = ("name", "numpy", "itemsize", "is_floating_point", "storage_name", "_category")

    def __init__(self, name: str, numpy_type, storage_name: str, category: int):
        self.name = name
        self.numpy = np.dtype(numpy_type)
        self.itemsize = self.numpy.itemsize
        self.is_floating_point = category == FLOATING
        self.storage_name = storage_name
        self._category = category

    def __repr__(self) -> str:
        return f"minitorch.{self.name}"

    def __reduce__(self):
        return (_by_name, (self.name,))


# Categorías de la promoción de tipos: un valor de una categoría mayor siempre «gana».
BOOLEAN, INTEGRAL, FLOATING = 0, 1, 2

bool = dtype("bool", np.bool_, "BoolStorage", BOOLEAN)  # noqa: A001 (PyTorch usa este nombre)
int32 = dtype("int32", np.int32, "IntStorage", INTEGRAL)
int64 = dtype("int64", np.int64, "LongStorage", INTEGRAL)
float32 = dtype("float32", np.float32, "FloatStorage", FLOATING)
float64 = dtype("float64", np.float64, "DoubleStorage", FLOATING)

# Los alias de PyTorch: son el mismo objeto, no una copia.
int = int32  # noqa: A001
long = int64
float = float32  # noqa: A001
double = float64

ALL = (bool, int32, int64, float32, float64)
_BY_NUMPY = {d.numpy: d for d in ALL}


def _by_name(name: str) -> dtype:
    return {d.name: d for d in ALL}[name]


_default_float = float32


def get_default_dtype() -> dtype:
    """El tipo que reciben los números reales cuando nadie pide otro (``float32``, como en PyTorch)."""
    return _default_float


def set_default_dtype(d: dtype) -> None:
    """Cambia el tipo real por defecto (solo ``float32`` o ``float64``)."""
    global _default_float
    if d not in (float32, float64):
        raise TypeError(f"solo se admiten tipos reales como tipo por defecto, no {d}")
    _default_float = d


def from_numpy_dtype(np_dtype) -> dtype:
    """El dtype de minitorch que corresponde a un dtype de numpy."""
    try:
        return _BY_NUMPY[np.dtype(np_dtype)]
    except KeyError:
        raise TypeError(
            f"minitorch no admite el tipo de numpy {np.dtype(np_dtype)}; admite "
            f"{', '.join(str(d.numpy) for d in ALL)}"
        ) from None


def of_python_scalar(value) -> dtype:
    """El dtype que PyTorch da a un número de Python: bool, int64 o el real por defecto."""
    if isinstance(value, (builtins.bool, np.bool_)):
        return bool
    if isinstance(value, (builtins.int, np.integer)):
        return int64
    if isinstance(value, (builtins.float, np.floating)):
        return _default_float
    raise TypeError(f"no se puede operar un tensor con un objeto de tipo {type(value).__name__}")


def promote_types(a: dtype, b: dtype) -> dtype:
    """El menor tipo que representa los valores de ambos, como ``torch.promote_types``."""
    if a is b:
        return a
    if a._category != b._category:
        return a if a._category > b._category else b
    return a if a.itemsize >= b.itemsize else b


def can_cast(from_: dtype, to: dtype) -> bool:
    """¿Puede una operación in situ guardar un resultado ``from_`` en un tensor ``to``? (``torch.can_cast``)

    Solo se prohíbe bajar de categoría: un real no cabe en un entero ni un entero en un bool.
    Dentro de una misma categoría sí se admite (``float64`` en ``float32``, con redondeo).
    """
    return from_._category <= to._category


def _combine(higher: dtype | None, lower: dtype | None) -> dtype | None:
    """Un operando de prioridad menor solo cuenta si es real y el de prioridad mayor no lo es."""
    if higher is None or lower is None:
        return higher or lower
    if higher.is_floating_point:
        return higher
    if higher is bool or lower.is_floating_point:
        return promote_types(higher, lower)
    return higher


def result_type(*operands) -> dtype:
    """Tipo del resultado de una operación entre tensores y números de Python.

    PyTorch clasifica los operandos en tres prioridades: tensores con dimensiones, tensores de
    dimensión cero y números de Python. Un operando de prioridad menor solo cambia el tipo si
    sube de *categoría* (bool < entero < real). Así, ``tensor_float32 + 2.5`` sigue en ``float32``,
    ``tensor_int64 + 2.5`` pasa a ``float32`` y ``tensor_int32 + 7`` sigue en ``int32``.
    """
    ranked: list[dtype | None] = [None, None, None]  # tensores con dimensiones, 0-d, números
    for operand in operands:
        shape = getattr(operand, "_shape", None)  # un Tensor (sin construir su Size)
        if shape is None:
            shape = getattr(operand, "shape", None)  # un ndarray
        if shape is None:
            kind, d = 2, of_python_scalar(operand)
        else:
            kind, d = (0 if len(shape) else 1), operand.dtype
        ranked[kind] = d if ranked[kind] is None else promote_types(ranked[kind], d)
    return _combine(ranked[0], _combine(ranked[1], ranked[2]))
