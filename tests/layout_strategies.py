"""Estrategias de hypothesis que construyen tensores con disposiciones NO contiguas.

Un tensor recién creado siempre es contiguo, y casi todos los errores de una biblioteca de tensores
aparecen con las otras disposiciones: permutadas, con pasos, desplazadas, expandidas (stride 0).
Este módulo las genera como *recetas* (``Layout`` y ``ViewChain``) que se pueden reproducir igual en
minitorch, en PyTorch y en numpy, para comparar los tres. Lo usan ``test_tensor_properties.py``,
``test_tensor_parity.py`` y ``test_strides.py``.

Los valores no los sortea hypothesis elemento a elemento (sería lento con tensores de miles de
elementos): sortea una semilla y los genera numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

DTYPES = ("float32", "float64", "int64", "int32", "bool")


# --- valores ----------------------------------------------------------------------------------------
def random_values(seed: int, shape, dtype: str) -> np.ndarray:
    """Un array contiguo de ``shape`` con valores pequeños (enteros exactos o reales con decimales)."""
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return rng.integers(0, 2, size=shape).astype(np.bool_)
    if dtype.startswith("int"):
        return rng.integers(-9, 10, size=shape).astype(dtype)
    # Reales con pocos decimales: las sumas en distinto orden difieren poco y se ven bien al fallar.
    return (rng.integers(-400, 401, size=shape) / 8).astype(dtype)


def shapes(min_dims: int = 0, max_dims: int = 4, min_side: int = 0, max_side: int = 4):
    return st.lists(st.integers(min_side, max_side), min_size=min_dims, max_size=max_dims).map(tuple)


# --- disposiciones: una receta que se reproduce en minitorch, PyTorch y numpy ----------------------------
@dataclass(frozen=True)
class Layout:
    """``tensor(base).permute(perm)[slices].expand(expand)``: una disposición sobre un bloque contiguo."""

    base: np.ndarray
    perm: tuple
    slices: tuple
    expand: tuple | None

    def build(self, lib):
        """El tensor, en ``lib`` (``minitorch`` o ``torch``), como vista del bloque ``base``."""
        # Desde una lista plana: torch.tensor(ndarray) copiaría los strides de numpy de un array vacío.
        flat = lib.tensor(self.base.ravel().tolist(), dtype=getattr(lib, str(self.base.dtype)))
        t = flat.view(self.base.shape).permute(self.perm)[self.slices]
        return t if self.expand is None else t.expand(self.expand)

    def numpy(self) -> np.ndarray:
        a = numpy_index(self.base.transpose(self.perm), self.slices)
        return a if self.expand is None else np.broadcast_to(a, self.expand)

    @property
    def shape(self) -> tuple:
        return self.numpy().shape

    def __repr__(self) -> str:
        return (
            f"Layout(base.shape={self.base.shape}, dtype={self.base.dtype}, perm={self.perm}, "
            f"slices={self.slices}, expand={self.expand})"
        )


@st.composite
def layouts(draw, shape=None, dtype: str | None = None, kinds=("contiguous", "permuted", "strided", "expanded")):
    """Una ``Layout`` de forma ``shape`` (al azar si no se da) con una mezcla al azar de ``kinds``.

    - *permuted*: el bloque se guarda en otro orden de dimensiones y se permuta de vuelta;
    - *strided*: se toman elementos salteados (paso 1 a 3) a partir de un desplazamiento;
    - *expanded*: algunas dimensiones se estiran desde tamaño 1 (stride 0).
    """
    if shape is None:
        shape = draw(shapes())
    shape = tuple(shape)
    dtype = dtype or draw(st.sampled_from(DTYPES))
    chosen = set(draw(st.lists(st.sampled_from(kinds), max_size=3)))
    ndim = len(shape)

    core = list(shape)  # la forma antes de expandir
    expand = None
    if "expanded" in chosen and ndim:
        stretched = draw(st.lists(st.booleans(), min_size=ndim, max_size=ndim))
        if any(s and n != 1 for s, n in zip(stretched, shape)):
            core = [1 if s else n for s, n in zip(stretched, shape)]
            expand = shape

    slices, sliced_shape = [], []
    for n in core:
        if "strided" in chosen:
            start, step, tail = draw(st.integers(0, 2)), draw(st.integers(1, 3)), draw(st.integers(0, 2))
        else:
            start, step, tail = 0, 1, 0
        stop = start + step * (n - 1) + 1 if n else start
        slices.append(slice(start, stop, step) if (start, step, tail) != (0, 1, 0) else slice(None))
        sliced_shape.append(stop + tail)

    perm = tuple(range(ndim))
    if "permuted" in chosen and ndim > 1:
        perm = tuple(draw(st.permutations(range(ndim))))
    # base.permute(perm) debe tener la forma sliced_shape: base.shape[perm[i]] = sliced_shape[i].
    base_shape = [0] * ndim
    for i, p in enumerate(perm):
        base_shape[p] = sliced_shape[i]
    base = random_values(draw(st.integers(0, 2**32 - 1)), tuple(base_shape), dtype)
    layout = Layout(base, perm, tuple(slices), expand)
    assert layout.shape == shape, (layout, shape)
    return layout


@st.composite
def broadcastable_shapes(draw, max_dims: int = 4):
    """Dos formas que se pueden difundir entre sí (alineadas por la derecha, con unos y dimensiones de menos)."""
    result = draw(shapes(max_dims=max_dims, min_side=0, max_side=4))

    def operand():
        lead = draw(st.integers(0, len(result)))
        return tuple(1 if draw(st.booleans()) else n for n in result[lead:])

    return operand(), operand()


def numpy_index(array: np.ndarray, items: tuple) -> np.ndarray:
    """``array[items]``, pero siempre un array (numpy da un escalar si no queda ninguna dimensión)."""
    return array[items] if any(i is Ellipsis for i in items) else array[items + (Ellipsis,)]


# --- cadenas de vistas ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ViewChain:
    """Una sucesión de operaciones de vista, cada una ``(nombre, argumentos)``."""

    ops: tuple

    def apply(self, t):
        """Aplica la cadena a un tensor de minitorch o de PyTorch (comparten la API)."""
        for name, args in self.ops:
            t = _TENSOR_OPS[name](t, *args)
        return t

    def numpy(self, a: np.ndarray) -> np.ndarray:
        """La misma cadena con numpy (los valores deben coincidir; los strides no siempre)."""
        for name, args in self.ops:
            a = _NUMPY_OPS[name](a, *args)
        return a


def _numpy_flatten(a, start, end):
    if a.ndim == 0:
        return a.reshape(1)
    start, end = start % a.ndim, end % a.ndim
    return a.reshape(a.shape[:start] + (int(np.prod(a.shape[start : end + 1])),) + a.shape[end + 1 :])


def _numpy_squeeze(a, dim):
    if dim is None:
        return np.squeeze(a)
    return np.squeeze(a, dim) if a.ndim and a.shape[dim] == 1 else a


_TENSOR_OPS = {
    "permute": lambda t, dims: t.permute(*dims),
    "transpose": lambda t, d0, d1: t.transpose(d0, d1),
    "t": lambda t: t.t(),
    "mT": lambda t: t.mT,
    "index": lambda t, items: t[items],
    "narrow": lambda t, dim, start, length: t.narrow(dim, start, length),
    "select": lambda t, dim, index: t.select(dim, index),
    "unsqueeze": lambda t, dim: t.unsqueeze(dim),
    "squeeze": lambda t, dim: t.squeeze() if dim is None else t.squeeze(dim),
    "expand": lambda t, sizes: t.expand(*sizes),
    "reshape": lambda t, shape: t.reshape(*shape),
    "flatten": lambda t, start, end: t.flatten(start, end),
}

_NUMPY_OPS = {
    "permute": lambda a, dims: a.transpose(dims),
    "transpose": lambda a, d0, d1: np.swapaxes(a, d0, d1),
    "t": lambda a: a.T,
    "mT": lambda a: np.swapaxes(a, -1, -2),
    "index": lambda a, items: numpy_index(a, items),
    "narrow": lambda a, dim, start, length: a[(slice(None),) * (dim % a.ndim) + (slice(start, start + length),)],
    "select": lambda a, dim, index: numpy_index(a, (slice(None),) * (dim % a.ndim) + (index,)),
    "unsqueeze": lambda a, dim: np.expand_dims(a, dim),
    "squeeze": _numpy_squeeze,
    "expand": lambda a, sizes: np.broadcast_to(
        a, tuple(a.shape[i - (len(sizes) - a.ndim)] if s == -1 else s for i, s in enumerate(sizes))
    ),
    "reshape": lambda a, shape: a.reshape(shape),
    "flatten": _numpy_flatten,
}


def _dim(draw, ndim: int) -> int:
    """Una dimensión válida, a veces escrita en negativo."""
    d = draw(st.integers(0, ndim - 1))
    return d - ndim if draw(st.booleans()) else d


@st.composite
def basic_indices(draw, shape):
    """Un índice básico al azar: enteros (también negativos), slices con paso, ``None`` y ``...``."""
    items, dim = [], 0
    ellipsis_used = False
    while dim < len(shape) and draw(st.booleans()):
        kind = draw(st.sampled_from(["int", "slice", "slice", "none", "ellipsis"]))
        n = shape[dim]
        if kind == "int" and n:
            items.append(draw(st.integers(-n, n - 1)))
            dim += 1
        elif kind == "none":
            items.append(None)
        elif kind == "ellipsis" and not ellipsis_used:
            items.append(Ellipsis)
            ellipsis_used = True
            dim = len(shape)  # tras '...', los siguientes índices hablan de las últimas dimensiones
        else:
            bound = st.none() | st.integers(-n - 2, n + 2)
            items.append(slice(draw(bound), draw(bound), draw(st.none() | st.integers(1, 3))))
            dim += 1
    if ellipsis_used:
        # Lo que va tras '...' se refiere a las últimas dimensiones: se vuelve a empezar por la cola.
        after = draw(st.integers(0, max(0, len(shape) - sum(1 for i in items if i is not None and i is not Ellipsis))))
        for n in shape[len(shape) - after :]:
            items.append(slice(None, None, draw(st.integers(1, 2))))
    return tuple(items)


@st.composite
def advanced_indices(draw, shape):
    """Un índice que mezcla lo básico con listas de enteros, máscaras y tensores de índices traspuestos.

    Es una receta: ``build_index(receta, lib)`` la convierte en el índice de ``lib``. Cubre los casos
    en que PyTorch y numpy no coinciden (enteros separados de una lista por un slice) y la
    disposición del resultado (con índices vecinos o separados, y con índices no contiguos).
    """
    items, dim, advanced = [], 0, 0
    while dim < len(shape) and (draw(st.booleans()) or not advanced):
        n = shape[dim]
        kind = draw(st.sampled_from(["int", "slice", "none", "list", "list", "mask", "transposed"]))
        if kind == "int" and n:
            items.append(("int", draw(st.integers(-n, n - 1))))
        elif kind == "none":
            items.append(("none", None))
            continue
        elif kind == "slice":
            items.append(("slice", slice(draw(st.none() | st.integers(0, n)), None, draw(st.integers(1, 2)))))
        elif kind == "mask" and n:
            items.append(("mask", draw(st.lists(st.booleans(), min_size=n, max_size=n))))
            advanced += 1
        elif kind == "transposed" and n:
            values = st.lists(st.lists(st.integers(-n, n - 1), min_size=2, max_size=2), min_size=1, max_size=2)
            items.append(("transposed", draw(values)))
            advanced += 1
        elif n:
            items.append(("list", draw(st.lists(st.integers(-n, n - 1), min_size=1, max_size=3))))
            advanced += 1
        else:
            items.append(("slice", slice(None)))
        dim += 1
    return tuple(items)


def build_index(recipe, lib):
    """El índice de ``lib`` que describe una receta de ``advanced_indices``."""
    def build(kind, value):
        if kind == "transposed":
            return lib.tensor(value).t()  # un tensor de índices no contiguo
        if kind == "mask":
            return lib.tensor(value, dtype=lib.bool)
        return value

    return tuple(build(kind, value) for kind, value in recipe)


@st.composite
def view_ops(draw, shape):
    """Una operación de vista aplicable a un tensor de forma ``shape``: ``(nombre, argumentos)``."""
    ndim = len(shape)
    names = ["index", "unsqueeze", "squeeze", "reshape", "flatten"]
    if ndim:
        names += ["permute", "transpose", "narrow", "select", "expand"]
    if ndim <= 2:
        names.append("t")
    if ndim >= 2:
        names.append("mT")
    name = draw(st.sampled_from(names))
    if name == "permute":
        return name, (tuple(draw(st.permutations(range(ndim)))),)
    if name == "transpose":
        return name, (_dim(draw, ndim), _dim(draw, ndim))
    if name in ("t", "mT"):
        return name, ()
    if name == "index":
        return name, (draw(basic_indices(shape)),)
    if name == "narrow":
        dim = _dim(draw, ndim)
        n = shape[dim]
        start = draw(st.integers(0, n))
        return name, (dim, start, draw(st.integers(0, n - start)))
    if name == "select":
        dim = _dim(draw, ndim)
        if shape[dim] == 0:
            return "unsqueeze", (0,)
        return name, (dim, draw(st.integers(-shape[dim], shape[dim] - 1)))
    if name == "unsqueeze":
        return name, (draw(st.integers(-ndim - 1, ndim)),)
    if name == "squeeze":
        return name, (None if not ndim or draw(st.booleans()) else _dim(draw, ndim),)
    if name == "expand":
        sizes = [draw(st.integers(0, 3)) if n == 1 else draw(st.sampled_from([n, -1])) for n in shape]
        lead = draw(st.lists(st.integers(1, 2), max_size=1))
        return name, (tuple(lead + sizes),)
    if name == "reshape":
        return name, (draw(_factorizations(int(np.prod(shape)))),)
    start = draw(st.integers(-max(ndim, 1), max(ndim, 1) - 1))
    end = draw(st.integers(-max(ndim, 1), max(ndim, 1) - 1))
    s, e = start % max(ndim, 1), end % max(ndim, 1)
    return name, ((start, end) if s <= e else (end, start))


@st.composite
def _factorizations(draw, count: int):
    """Una forma nueva con ``count`` elementos, partiendo el total en factores; a veces con un -1."""
    if count == 0:  # cualquier forma con un 0 sirve (y un -1 sería ambiguo)
        sizes = draw(st.lists(st.integers(0, 3), min_size=1, max_size=3))
        sizes[draw(st.integers(0, len(sizes) - 1))] = 0
        return tuple(sizes)
    sizes, left = [], count
    for _ in range(draw(st.integers(0, 3))):
        d = draw(st.sampled_from([d for d in range(1, left + 1) if left % d == 0]))
        sizes.append(d)
        left //= d
    sizes = list(draw(st.permutations(sizes + [left])))
    if draw(st.booleans()):
        sizes[draw(st.integers(0, len(sizes) - 1))] = -1
    return tuple(sizes)


@st.composite
def view_chains(draw, shape, max_ops: int = 4):
    """Una ``ViewChain`` de hasta ``max_ops`` operaciones, cada una elegida según la forma del momento."""
    ops = []
    current = np.empty(shape, dtype=np.bool_)
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(view_ops(current.shape))
        ops.append(op)
        current = _NUMPY_OPS[op[0]](current, *op[1])
    return ViewChain(tuple(ops))
