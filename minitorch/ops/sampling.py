"""Números aleatorios in situ (``uniform_``, ``normal_``, ``bernoulli_``…) y ``multinomial``, con el
generador de PyTorch: con la misma semilla, los mismos números.
"""

from __future__ import annotations

import numpy as np

from .. import dtypes, strides
from ..random import Generator, default_generator
from ..tensor import Tensor


class SamplingMethods:
    """Los métodos de esta familia; ``minitorch/ops/__init__.py`` los pone en ``Tensor``."""

    # --- números aleatorios in situ: el generador de PyTorch, los mismos números ----------------------
    def _fill_random(self, draw) -> "Tensor":
        """Escribe ``draw(numel)`` números en el orden en que los reparte PyTorch: el de la memoria.

        Su TensorIterator recorre las dimensiones de mayor a menor stride, así que una traspuesta
        recibe los números «por columnas». Se comprueba antes de sortear: un fallo no gasta números.
        """
        self._check_writable()
        order = sorted(range(len(self._shape)), key=lambda d: -self._stride[d])
        shape, stride = strides.permute_layout(self._shape, self._stride, order)
        self._view_of(shape, stride)._write(draw(self.numel()).reshape(shape))
        return self

    def uniform_(self, a: float = 0.0, b: float = 1.0, *, generator: Generator | None = None) -> "Tensor":
        """Rellena con números uniformes en ``[a, b)``."""
        self._require_float("uniform_")
        gen = generator or default_generator
        return self._fill_random(lambda n: gen.uniform(n, a, b, double=self.dtype is dtypes.float64))

    def normal_(self, mean: float = 0.0, std: float = 1.0, *, generator: Generator | None = None) -> "Tensor":
        """Rellena con números de una normal de media ``mean`` y desviación ``std``."""
        if self.numel():  # PyTorch no mira el tipo de un tensor vacío
            self._require_float("normal_")
        if std < 0:
            raise RuntimeError(f"normal_ espera std >= 0.0, pero se recibió std={std}")
        gen = generator or default_generator
        double, contiguous = self.dtype is dtypes.float64, self.is_contiguous()
        return self._fill_random(lambda n: gen.normal(n, mean, std, double=double, contiguous=contiguous))

    def random_(self, from_: int = 0, to: int | None = None, *, generator: Generator | None = None) -> "Tensor":
        if to is None:
            # Sin límites, PyTorch usa todo el rango del tipo: [0, 2^mantisa] en los reales, [0, máximo] en los enteros.
            full_range = {"float32": 2**24 + 1, "float64": 2**53 + 1, "int64": 2**63, "int32": 2**31, "bool": 2}
            from_, to = 0, from_ if from_ else full_range[self.dtype.name]
        gen = generator or default_generator
        return self._fill_random(lambda n: gen.integers(n, from_, to))

    def bernoulli_(self, p: float = 0.5, *, generator: Generator | None = None) -> "Tensor":
        return self._fill_random(lambda n: (generator or default_generator).bernoulli(n, p))

    def exponential_(self, lambd: float = 1.0, *, generator: Generator | None = None) -> "Tensor":
        """Rellena con números de una exponencial de parámetro ``lambd`` (de media ``1 / lambd``)."""
        if not self.dtype.is_floating_point:
            raise RuntimeError(f"la distribución exponencial es continua: el tensor debe ser real, no {self.dtype}")
        if not lambd > 0:
            raise RuntimeError(f"exponential_ espera lambd > 0, pero recibió lambd={lambd}")
        return self._fill_random(lambda n: (generator or default_generator).exponential(n, lambd))

    def multinomial(self, num_samples: int, replacement: bool = False, *, generator: Generator | None = None) -> "Tensor":
        """Sortea ``num_samples`` índices de la última dimensión, cada uno con probabilidad proporcional a su
        valor (no hace falta que sumen 1): una fila de muestras por distribución. Mismos números que PyTorch."""
        if not 1 <= self.dim() <= 2:
            raise RuntimeError(f"multinomial: las probabilidades deben tener 1 o 2 dimensiones, no {self.dim()}")
        if not self.dtype.is_floating_point:
            raise RuntimeError(f"multinomial solo admite probabilidades de tipo real, no {self.dtype}")
        if num_samples <= 0:
            raise RuntimeError(f"multinomial: no se pueden sortear {num_samples} muestras")
        categories = self._shape[-1]
        if not replacement and num_samples > categories:
            raise RuntimeError(
                f"multinomial: sin reemplazo no se pueden sortear {num_samples} muestras entre {categories} categorías"
            )
        rows = self._values().reshape(strides.numel(self._shape[:-1]), categories)
        gen = generator or default_generator
        if num_samples == 1 or not replacement:
            # El truco de Gumbel: con q exponencial, argmax(p / q) sale con probabilidad proporcional a p, y
            # los k mayores son k muestras sin reemplazo. PyTorch lo usa también para una sola muestra.
            if not (np.all(rows >= 0) and np.all(rows < np.inf)):
                raise RuntimeError("multinomial: las probabilidades contienen inf, nan o algún valor negativo")
            if np.any(rows.sum(axis=1) == 0):
                raise RuntimeError("multinomial: distribución no válida (la suma de las probabilidades es 0)")
            q = Tensor._from_array(np.empty_like(self._values())).exponential_(generator=gen)._values()
            ratio = (self._values() / q).reshape(rows.shape)
            chosen = np.argsort(-ratio, axis=-1, kind="stable")[:, :num_samples]
        else:
            chosen = np.stack([_sample_with_replacement(row, num_samples, gen) for row in rows]) if rows.size else rows
        return Tensor._from_array(chosen.astype(np.int64).reshape(self._shape[:-1] + (num_samples,)))

    def _require_float(self, name: str) -> None:
        if not self.dtype.is_floating_point:
            raise NotImplementedError(f"{name} solo está implementado para tensores reales, no para {self.dtype}")

    def requires_grad_(self, requires_grad: bool = True) -> "Tensor":
        """Pide (o deja de pedir) el gradiente de esta hoja; en un resultado intermedio, True no cambia nada."""
        if type(requires_grad) is not bool:
            raise TypeError(f"requires_grad_(): requires_grad debe ser un booleano, no {type(requires_grad).__name__}")
        if not (requires_grad and self.grad_fn is not None):
            self.requires_grad = requires_grad
        return self


def _sample_with_replacement(probabilities: np.ndarray, count: int, gen: Generator) -> np.ndarray:
    """``count`` muestras de una distribución, como PyTorch con reemplazo: la distribución acumulada (en el
    tipo de las probabilidades), normalizada para acabar en 1, y una búsqueda binaria por cada uniforme."""
    if np.any(probabilities < 0):
        raise RuntimeError("multinomial: distribución no válida (hay una probabilidad negativa)")
    if not np.all(np.isfinite(probabilities)):
        raise RuntimeError("multinomial: distribución no válida (hay una probabilidad infinita o nan)")
    cumulative = np.cumsum(probabilities, dtype=probabilities.dtype)  # suma a suma, en orden, como PyTorch
    if not cumulative[-1] > 0:
        raise RuntimeError("multinomial: distribución no válida (la suma de las probabilidades es 0)")
    cumulative /= cumulative[-1]
    cumulative[-1] = 1
    return np.searchsorted(cumulative.astype(np.float64), gen.uniform(count, 0.0, 1.0, double=True), side="left")
