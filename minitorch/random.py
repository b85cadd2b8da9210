"""Números aleatorios reproducibles: el mismo generador y las mismas fórmulas que PyTorch en CPU.

PyTorch usa en CPU un Mersenne Twister (MT19937) sembrado con ``manual_seed``. El ``RandomState``
clásico de numpy es ese mismo generador con la misma siembra, así que, leyendo sus enteros de 32 bits
en crudo y aplicando las mismas transformaciones que PyTorch, ``minitorch.manual_seed(0)`` seguido de
``minitorch.rand(3)`` da los mismos números que ``torch.manual_seed(0); torch.rand(3)``, en cualquier
plataforma. Las funciones devuelven arrays de numpy: las envuelve en tensores la capa de arriba.
"""

from __future__ import annotations

import math

import numpy as np

# La semilla con la que PyTorch arranca su generador por defecto.
DEFAULT_SEED = 67280421310721

_MASK_24 = (1 << 24) - 1
_MASK_53 = (1 << 53) - 1


class Generator:
    """Un generador de números aleatorios con estado propio (como ``torch.Generator``)."""

    def __init__(self, seed: int = DEFAULT_SEED):
        self.manual_seed(seed)

    def manual_seed(self, seed: int) -> "Generator":
        seed = int(seed)
        if not -(2**63) <= seed < 2**64:
            raise ValueError(f"la semilla debe caber en 64 bits (de -2**63 a 2**64 - 1), pero es {seed}")
        seed %= 2**64  # como PyTorch, que la guarda sin signo: manual_seed(-1) da initial_seed() == 2**64 - 1
        self._seed = seed
        # MT19937 se siembra con 32 bits: PyTorch descarta los bits altos, nosotros también.
        self._mt = np.random.RandomState(seed % 2**64 & 0xFFFFFFFF)
        self._cached_normal = None  # Box-Muller produce dos normales; PyTorch guarda la segunda
        return self

    def initial_seed(self) -> int:
        return self._seed

    def seed(self) -> int:
        """Siembra con un valor no determinista y lo devuelve."""
        new_seed = int(np.random.SeedSequence().entropy) % 2**63
        self.manual_seed(new_seed)
        return new_seed

    # --- bits en crudo -------------------------------------------------------------------------
    def _random32(self, n: int) -> np.ndarray:
        """``n`` enteros de 32 bits, tal como salen del Mersenne Twister (como ``uint64``)."""
        return self._mt.randint(0, 2**32, size=n, dtype=np.uint64)

    def _random64(self, n: int) -> np.ndarray:
        """``n`` enteros de 64 bits: cada uno junta dos salidas de 32 bits (la primera, arriba)."""
        raw = self._random32(2 * n)
        return (raw[0::2] << np.uint64(32)) | raw[1::2]

    # --- distribuciones -----------------------------------------------------------------------------
    def _unit(self, n: int, double: bool) -> np.ndarray:
        """Uniformes en [0, 1): 24 bits aleatorios para ``float32`` y 53 para ``float64``."""
        if double:
            return (self._random64(n) & np.uint64(_MASK_53)).astype(np.float64) * 2.0**-53
        return (self._random32(n) & np.uint64(_MASK_24)).astype(np.float64) * 2.0**-24

    def uniform(self, n: int, low: float, high: float, double: bool) -> np.ndarray:
        if double:
            return self._unit(n, double) * (high - low) + low
        # En float32, PyTorch convierte los límites a float32 y calcula x·(high - low) + low con una
        # multiplicación-suma fusionada (un solo redondeo): en float64 el producto es exacto y se imita.
        low32, high32 = np.float32(low), np.float32(high)
        return (self._unit(n, False) * np.float64(high32 - low32) + np.float64(low32)).astype(np.float32)

    def normal(self, n: int, mean: float, std: float, double: bool, contiguous: bool = True) -> np.ndarray:
        """``n`` normales. Como PyTorch: por bloques de 16 si el destino es contiguo y tiene al menos
        16 elementos; si no, de una en una, con la caché de Box-Muller."""
        if n >= 16 and contiguous:
            return self._normal_blocks(n, double) * std + mean
        return self._normal_serial(n) * std + mean

    def _normal_blocks(self, n: int, double: bool) -> np.ndarray:
        values = self._unit(n, double)
        if not double:
            values = values.astype(np.float32)
        full = n // 16 * 16
        values[:full] = _box_muller_16(values[:full])
        if n % 16:
            # PyTorch rehace los 16 últimos con uniformes nuevas (se solapan con el último bloque).
            tail = self._unit(16, double)
            values[n - 16 :] = _box_muller_16(tail if double else tail.astype(np.float32))
        return values.astype(np.float64)

    def _normal_serial(self, n: int) -> np.ndarray:
        out = np.empty(n)
        start = 0
        if n and self._cached_normal is not None:
            out[0] = self._cached_normal
            self._cached_normal = None
            start = 1
        pairs = (n - start + 1) // 2
        if pairs:
            u = self._unit(2 * pairs, double=True)
            radius = np.sqrt(-2.0 * np.log1p(-u[1::2]))
            theta = 2.0 * math.pi * u[0::2]
            both = np.empty(2 * pairs)
            both[0::2] = radius * np.cos(theta)
            both[1::2] = radius * np.sin(theta)
            out[start:] = both[: n - start]
            if (n - start) % 2:
                self._cached_normal = both[-1]
        return out

    def integers(self, n: int, low: int, high: int) -> np.ndarray:
        """Enteros en [low, high): el resto de dividir los bits aleatorios entre el rango."""
        span = high - low
        if span <= 0:
            raise RuntimeError(f"random_ espera 'from' < 'to', pero se recibió from={low} >= to={high}")
        raw = self._random64(n) if span >= 2**32 else self._random32(n)
        return (raw % np.uint64(span)).astype(np.int64) + low

    def permutation(self, n: int) -> np.ndarray:
        """Permutación aleatoria de ``0..n-1`` (Fisher-Yates, como ``torch.randperm``)."""
        result = np.arange(n, dtype=np.int64)
        if n < 2:
            return result
        # Los sorteos no dependen de los intercambios: se piden todos de una vez.
        draws = self._random32(n - 1) % np.arange(n, 1, -1, dtype=np.uint64)
        targets = (draws.astype(np.int64) + np.arange(n - 1)).tolist()
        for i, j in enumerate(targets):  # cada intercambio depende del anterior: es secuencial
            result[i], result[j] = result[j], result[i]
        return result

    def exponential(self, n: int, rate: float) -> np.ndarray:
        """``n`` exponenciales de parámetro ``rate``: −log(1 − u)/rate con un uniforme de 53 bits, como el
        núcleo de ``exponential_`` de PyTorch en CPU (en float64; para float32 se redondean después)."""
        return (-1.0 / rate) * np.log1p(-self._unit(n, double=True))

    def bernoulli(self, n: int, p: float) -> np.ndarray:
        """``n`` ceros o unos con probabilidad ``p`` de uno: un uniforme de 53 bits por elemento, menor que ``p``,
        como el núcleo de ``bernoulli_`` de PyTorch en CPU (y por eso con sus mismos números)."""
        return (self._unit(n, double=True) < p).astype(np.float64)


def _box_muller_16(values: np.ndarray) -> np.ndarray:
    """Transforma bloques de 16 uniformes en 16 normales: 8 con coseno y 8 con seno."""
    blocks = values.reshape(-1, 2, 8)
    radius = np.sqrt(-2 * np.log(1 - blocks[:, 0]))
    theta = 2 * np.pi * blocks[:, 1]
    return np.concatenate([radius * np.cos(theta), radius * np.sin(theta)], axis=1).reshape(-1)


default_generator = Generator()


def manual_seed(seed: int) -> Generator:
    """Fija la semilla del generador por defecto: mismo valor, mismos números."""
    return default_generator.manual_seed(seed)


def initial_seed() -> int:
    return default_generator.initial_seed()


def seed() -> int:
    return default_generator.seed()
