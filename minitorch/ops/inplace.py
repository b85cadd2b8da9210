"""Las operaciones in situ (``add_``, ``mul_``, ``copy_``, ``fill_``…): escriben en el almacenamiento del
tensor, que comparten todas sus vistas, y suben su contador de versiones.
"""

from __future__ import annotations

import numpy as np

from .. import dtypes, strides
from ..dtypes import result_type
from ..tensor import Tensor, _check_fits, _empty_unary_layout, _is_scalar, _operand
from .elementwise import _check_lerp, _check_no_bool_subtraction, _erf, _has_negative_integer, _power
from .indexing import _check_mask


class InplaceMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- escritura in situ ----------------------------------------------------------------------------
    def _check_writable(self) -> None:
        """Escribir en una vista con stride 0 cambiaría varios elementos a la vez: PyTorch lo prohíbe."""
        if any(stride == 0 and size > 1 for size, stride in zip(self._shape, self._stride)) and self.numel():
            raise RuntimeError(
                "operación no admitida: más de un elemento del tensor escrito apunta a la misma posición de "
                "memoria (es una vista expandida, con stride 0); haz .clone() antes de escribir"
            )

    def _check_no_partial_overlap(self, sources) -> None:
        """Leer de una vista que pisa en parte la memoria que se escribe: PyTorch lo prohíbe (ver ``strides``)."""
        for source in sources:
            if (
                isinstance(source, Tensor) and source._storage._data is self._storage._data
                and strides.partially_overlap(self._shape, self._stride, self._offset, source._shape, source._stride, source._offset)
            ):
                raise RuntimeError(
                    "operación no admitida: algunos elementos de la entrada y del tensor que se escribe ocupan la misma "
                    "posición de memoria; haz antes una copia de la entrada con .clone()"
                )

    def _write(self, values, *, overlapping: bool = False) -> "Tensor":
        """Escribe ``values`` (ya validados y del tamaño justo) en la memoria del tensor.

        ``overlapping=True`` admite vistas expandidas: solo para escribir un mismo valor en todas
        partes (``fill_``, ``zero_``), que PyTorch permite porque el resultado no es ambiguo.
        """
        if not overlapping:
            self._check_writable()
        self._values()[...] = values
        self._storage._version += 1
        return self

    def _inplace(self, ufunc, *operands) -> "Tensor":
        """``self = ufunc(self, *operands)`` escrito sobre la misma memoria."""
        compute = result_type(self, *operands)
        if compute is not self.dtype and not dtypes.can_cast(compute, self.dtype):
            raise RuntimeError(
                f"el tipo del resultado, {compute}, no se puede convertir al tipo del tensor que se modifica, {self.dtype}"
            )
        values = [self._values().astype(compute.numpy, copy=False)] + [_operand(o, compute) for o in operands]
        _check_broadcast_into(self._shape, [np.shape(v) for v in values[1:]])
        self._check_no_partial_overlap(operands)
        self._check_writable()
        out = self._values()
        if not isinstance(ufunc, np.ufunc) or (ufunc is np.negative and not out.flags.c_contiguous):
            # Las divisiones enteras (con sus casos de PyTorch) no son ufuncs: no tienen ``out``. Y numpy 2.4
            # se equivoca en np.negative(x, out=y) si y tiene pasos: su bucle vectorial lee algunos elementos
            # de x en posiciones que no son (tests/test_tensor.py lo comprueba). En los dos casos, el
            # resultado se calcula aparte y se copia.
            out[...] = ufunc(*values)
        else:
            ufunc(*values, out=out, casting="unsafe")
        self._storage._version += 1
        return self

    def copy_(self, src) -> "Tensor":
        """Copia ``src`` (difundido a la forma de ``self``) en la memoria de ``self``."""
        if (
            isinstance(src, Tensor) and src._storage._data is self._storage._data and src._storage.dtype is self._storage.dtype
            and (src._shape, src._stride, src._offset) == (self._shape, self._stride, self._offset)
        ):  # los mismos datos vistos igual: como PyTorch, no hace nada (ni mira si es una vista expandida), pero cuenta como escritura
            self._storage._version += 1
            return self
        source = _operand(src, self.dtype)
        _check_broadcast_into(self._shape, [np.shape(source)])
        self._check_no_partial_overlap((src,))
        return self._write(source)

    def fill_(self, value) -> "Tensor":
        if isinstance(value, Tensor) and value.dim() != 0:
            raise RuntimeError(f"fill_ solo acepta un valor de dimensión 0, pero recibió uno con {value.dim()} dimensiones")
        if not isinstance(value, Tensor):
            _check_fits(value, self.dtype)
        # Un número se escribe igual en todas partes; un tensor de dimensión 0, en cambio, PyTorch lo copia como
        # cualquier otra entrada, y no admite que el destino sea una vista expandida.
        return self._write(_operand(value, self.dtype), overlapping=not isinstance(value, Tensor))

    def zero_(self) -> "Tensor":
        return self._write(0, overlapping=True)

    def add_(self, other, *, alpha=1) -> "Tensor":
        return self._inplace(np.add, other if alpha == 1 else self._scaled(other, alpha))

    def sub_(self, other, *, alpha=1) -> "Tensor":
        _check_no_bool_subtraction(self, other)
        return self._inplace(np.subtract, other if alpha == 1 else self._scaled(other, alpha))

    def mul_(self, other) -> "Tensor":
        return self._inplace(np.multiply, other)

    def div_(self, other) -> "Tensor":
        if not self.dtype.is_floating_point:
            raise RuntimeError(f"div_ con división real no puede escribir el resultado en un tensor {self.dtype}")
        return self._inplace(np.true_divide, other)

    def pow_(self, exponent) -> "Tensor":
        if not self.dtype.is_floating_point and _has_negative_integer(exponent):
            raise RuntimeError(f"no se permite elevar enteros a potencias enteras negativas (exponente {exponent})")
        return self._inplace(_power, exponent)

    def neg_(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise RuntimeError("la negación con '-' de un tensor bool no está definida; usa logical_not() o '~'")
        return self._inplace(np.negative)

    def exp_(self) -> "Tensor":
        self._require_float_result("exp_")
        return self._inplace(np.exp)

    def abs_(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise NotImplementedError("abs_ no está implementado para tensores bool")
        return self._inplace(np.abs)

    def floor_(self) -> "Tensor":
        return self._rounded_(np.floor, "floor_")

    def round_(self, *, decimals: int = 0) -> "Tensor":
        return self._rounded_(lambda values: np.round(values, decimals), "round_")

    def _rounded_(self, rounding, name: str) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise NotImplementedError(f"{name} no está implementado para tensores bool")
        if not self.dtype.is_floating_point:  # un entero ya está redondeado (PyTorch tampoco lo cambia)
            self._check_writable()
            return self
        return self._inplace(rounding)

    def erf_(self) -> "Tensor":
        self._require_float_result("erf_")
        return self._inplace(_erf)

    def sqrt_(self) -> "Tensor":
        self._require_float_result("sqrt_")
        return self._inplace(np.sqrt)

    def clamp_(self, min=None, max=None) -> "Tensor":  # noqa: A002
        _check_broadcast_into(self._shape, [b._shape for b in (min, max) if isinstance(b, Tensor)])
        result = self.clamp(min, max)
        if not dtypes.can_cast(result.dtype, self.dtype):
            raise RuntimeError(f"clamp_: el resultado es de tipo {result.dtype} y no cabe en un tensor {self.dtype}")
        return self._write(result._values())

    def relu_(self) -> "Tensor":
        return self._write(self.relu()._values())

    def sigmoid_(self) -> "Tensor":
        self._require_float_result("sigmoid_")
        return self._write(self.sigmoid()._values())

    def tanh_(self) -> "Tensor":
        self._require_float_result("tanh_")
        return self._write(self.tanh()._values())

    def _require_float_result(self, name: str) -> None:
        """Una función real da un resultado real, que una operación in situ no puede guardar en un entero."""
        if not self.dtype.is_floating_point:
            raise RuntimeError(
                f"{name}: el resultado es de tipo {dtypes.get_default_dtype()} y no cabe en un tensor {self.dtype}"
            )

    def addcmul_(self, tensor1, tensor2, *, value=1) -> "Tensor":
        return self.add_(tensor1 * tensor2 * value)

    def addcdiv_(self, tensor1, tensor2, *, value=1) -> "Tensor":
        _check_addcdiv(tensor1, tensor2)
        return self.add_(tensor1 / tensor2 * value)

    def lerp_(self, end, weight) -> "Tensor":
        if isinstance(weight, Tensor) and not dtypes.can_cast(result_type(self, end, weight), self.dtype):
            raise RuntimeError(
                f"lerp_: el resultado es de tipo {result_type(self, end, weight)} y no cabe en un tensor {self.dtype}"
            )
        _check_lerp(self, end, weight)
        return self._inplace(_lerp_values, end, weight)

    def masked_fill_(self, mask: "Tensor", value) -> "Tensor":
        _check_mask(mask, "masked_fill")
        _check_fill_value(value)
        _check_broadcast_into(self._shape, [mask._shape])
        np.copyto(self._values(), _operand(value, self.dtype), where=mask._values())
        self._storage._version += 1
        return self

    def masked_fill(self, mask: "Tensor", value) -> "Tensor":
        """Una copia con ``value`` donde ``mask`` es verdadero; el valor se convierte al tipo de ``self``
        (en un tensor de enteros, 3.7 se escribe como 3), así que el resultado nunca cambia de tipo."""
        _check_mask(mask, "masked_fill")
        _check_fill_value(value)
        value = value.to(self.dtype) if isinstance(value, Tensor) else _operand(value, self.dtype).item()
        # PyTorch copia en contiguo y rellena (también si está vacío: entonces .contiguous() no cambia nada)
        return _empty_unary_layout(self.where(mask.logical_not(), value).contiguous())


def _check_broadcast_into(shape, other_shapes) -> None:
    """Una operación in situ no puede cambiar la forma del tensor que escribe."""
    for other in other_shapes:
        try:
            result = strides.broadcast_shapes(shape, other)
        except RuntimeError:
            result = None
        if result != tuple(shape):
            raise RuntimeError(
                f"el resultado tendría la forma {list(result) if result else '(no difundible)'}, distinta de la del "
                f"tensor que se modifica, {list(shape)} (el valor tiene forma {list(other)})"
            )


def _check_fill_value(value) -> None:
    if isinstance(value, Tensor) and value._shape:
        raise RuntimeError(
            f"masked_fill solo admite como valor un número o un tensor de dimensión 0, pero el valor tiene forma "
            f"{list(value._shape)}"
        )
    if not isinstance(value, Tensor) and not _is_scalar(value):
        raise TypeError(f"masked_fill: el valor debe ser un número o un tensor, no {type(value).__name__}")


def _lerp_values(start, end, weight, out=None, casting="unsafe"):
    """``lerp`` sobre arrays de numpy, con la firma de un ufunc (para ``Tensor._inplace``)."""
    return np.add(start, weight * (end - start), out=out, casting=casting)


def _check_addcdiv(tensor1, tensor2) -> None:
    if all(isinstance(t, Tensor) and not t.dtype.is_floating_point for t in (tensor1, tensor2)):
        raise RuntimeError(
            f"addcdiv ya no admite la división entera ({tensor1.dtype} entre {tensor2.dtype}): convierte antes "
            "tensor1 o tensor2 a un tipo real (por ejemplo, con .float())"
        )
