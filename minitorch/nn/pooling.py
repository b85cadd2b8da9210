"""Las capas de *pooling* como funciones: ``max_pool2d``, ``avg_pool2d``, ``adaptive_avg_pool2d`` y sus versiones 1-D.

Una ventana de ``kH × kW`` recorre cada imagen con un paso (``stride``), y de cada posición sale un número: el
máximo o la media de lo que cubre. Nada de bucles por elemento: la entrada (con su relleno) se mira con
``as_strided`` como un array ``(N, C, OH, OW, kH, kW)`` (una vista: cada ventana comparte memoria con la
imagen) y numpy reduce los dos últimos ejes, posición a posición de la ventana: ``kH·kW`` operaciones sobre
rebanadas ``(N, C, OH, OW)``. Hacia atrás se usa la misma vista sobre el gradiente: para cada
una de las ``kH·kW`` posiciones de la ventana, la rebanada ``(N, C, OH, OW)`` que le toca recibe su parte.
Dentro de una rebanada no hay dos salidas que caigan en el mismo elemento, así que basta un ``+=``.

Los nodos llevan los nombres de PyTorch (``MaxPool2DWithIndicesBackward0``, ``AvgPool2DBackward0``,
``AdaptiveAvgPool2DBackward0``) y, como la derivada es lineal en el gradiente, también se derivan otra vez
(``…BackwardBackward0``). Las versiones 1-D son las 2-D sobre una imagen de altura 1, como en PyTorch (por eso su
nodo es el ``SqueezeBackward1`` que devuelve la forma 1-D).
"""

from __future__ import annotations

import operator

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..autograd import grad_mode
from ..autograd.recording import OpNode, record
from ..tensor import Tensor


def _tensor(values: np.ndarray, dtype=None) -> Tensor:
    return Tensor._from_array(np.ascontiguousarray(values), dtype)


def _needs_grad(*tensors) -> bool:
    return grad_mode._enabled and any(t.requires_grad for t in tensors)


# --- los argumentos -----------------------------------------------------------------------------------
def _ints(value, name: str, function: str, what: str, count: int = 2) -> tuple:
    """``value`` (un entero, o una tupla o lista de 1 o ``count`` enteros) como tupla de ``count`` enteros."""
    items = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (int, np.integer)):
            raise TypeError(
                f"{function}(): el argumento '{name}' debe ser un entero o una tupla de enteros, pero es {value!r} "
                f"(con un elemento de tipo {type(item).__name__})"
            )
    if len(items) not in (1, count):
        raise RuntimeError(f"{function}: {name} debe ser {what}, pero es {value!r}")
    items = tuple(operator.index(i) for i in items)
    return items * count if len(items) == 1 else items


def _check_input_dims(input: Tensor, function: str, low: int) -> tuple:  # noqa: A002 (nombre de PyTorch)
    """La forma como ``(N, C, H, W)``: un tensor sin lote (``low`` dimensiones) se ve como un lote de uno.

    Como PyTorch, solo el lote puede estar vacío."""
    shape = input._shape
    if len(shape) not in (low, low + 1) or 0 in shape[len(shape) - low:]:
        raise RuntimeError(
            f"{function}: se esperaba un tensor {low}-D o {low + 1}-D (con el lote delante), sin dimensiones "
            f"vacías salvo la del lote, pero la entrada tiene forma {list(shape)}"
        )
    return shape if len(shape) == 4 else (1,) + shape


def _output_length(size: int, kernel: int, stride: int, pad: int, dilation: int, ceil_mode: bool) -> int:
    """Cuántas ventanas caben; con ``ceil_mode`` cuenta también la última, incompleta, si empieza dentro de la
    entrada o de su relleno izquierdo (nunca solo en el derecho)."""
    reach = size + 2 * pad - dilation * (kernel - 1) - 1
    out = (reach + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (out - 1) * stride >= size + pad:
        out -= 1
    return out


class _Geometry:
    """Dónde cae cada ventana: tamaños, pasos, relleno y dilatación en las dos dimensiones de la imagen."""

    def __init__(self, shape, kernel, stride, padding, dilation, ceil_mode, function: str):
        self.shape = shape  # (N, C, H, W)
        self.kernel, self.stride, self.padding, self.dilation = kernel, stride, padding, dilation
        if 0 in stride:
            raise RuntimeError(f"{function}: el paso (stride) no puede ser cero, pero es {stride}")
        for p, k, d in zip(padding, kernel, dilation):
            if p < 0:
                raise RuntimeError(f"{function}: el relleno (padding) no puede ser negativo, pero es {padding}")
            if k > 0 and d > 0 and p > ((k - 1) * d + 1) // 2:
                raise RuntimeError(
                    f"{function}: el relleno debe ser como mucho la mitad del tamaño efectivo de la ventana, pero "
                    f"el relleno es {p}, la ventana {k} y la dilatación {d}"
                )
        if min(kernel) <= 0:
            raise RuntimeError(f"{function}: el tamaño de la ventana debe ser mayor que cero, pero es {kernel}")
        if min(stride) <= 0:
            raise RuntimeError(f"{function}: el paso (stride) debe ser mayor que cero, pero es {stride}")
        if min(dilation) <= 0:
            raise RuntimeError(f"{function}: la dilatación debe ser mayor que cero, pero es {dilation}")
        if any(p > k // 2 for p, k in zip(padding, kernel)):
            raise RuntimeError(
                f"{function}: el relleno debe ser como mucho la mitad del tamaño de la ventana, pero el relleno es "
                f"{padding} y la ventana {kernel}"
            )
        n, c, h, w = shape
        self.out = tuple(
            _output_length(size, *args, ceil_mode) for size, *args in zip((h, w), kernel, stride, padding, dilation)
        )
        if min(self.out) < 1:
            raise RuntimeError(
                f"{function}: la entrada, de tamaño {c}x{h}x{w}, da una salida de tamaño "
                f"{c}x{self.out[0]}x{self.out[1]}: demasiado pequeña"
            )
        # Filas y columnas que tocan las ventanas (las de relleno incluidas; con ceil_mode, alguna más a la derecha).
        self.padded = tuple(
            max(size + p, (o - 1) * s + (k - 1) * d + 1 - p) + p
            for size, o, k, s, p, d in zip((h, w), self.out, kernel, stride, padding, dilation)
        )

    def starts(self, axis: int) -> np.ndarray:
        """Dónde empieza cada ventana en la dimensión ``axis`` (0, filas; 1, columnas), en la entrada sin relleno."""
        return np.arange(self.out[axis]) * self.stride[axis] - self.padding[axis]

    def padded_array(self, values: np.ndarray, fill) -> np.ndarray:
        """``values`` con el relleno (``fill``) alrededor; sin relleno, ``values`` mismo."""
        n, c, h, w = self.shape
        (ph, pw), (hp, wp) = self.padding, self.padded
        if (hp, wp) == (h + ph, w + pw) and ph == pw == 0:
            return values
        padded = np.full((n, c, hp, wp), fill, dtype=values.dtype)
        padded[:, :, ph : ph + h, pw : pw + w] = values
        return padded

    def windows(self, padded: np.ndarray, writeable: bool = False) -> np.ndarray:
        """La vista ``(N, C, OH, OW, kH, kW)`` de todas las ventanas sobre el array con relleno."""
        sn, sc, sh, sw = padded.strides
        return as_strided(
            padded,
            shape=padded.shape[:2] + self.out + self.kernel,
            strides=(sn, sc, sh * self.stride[0], sw * self.stride[1], sh * self.dilation[0], sw * self.dilation[1]),
            writeable=writeable,
        )

    def offsets(self):
        """Cada posición dentro de la ventana: (número de la posición, fila, columna)."""
        kh, kw = self.kernel
        return ((i * kw + j, i, j) for i in range(kh) for j in range(kw))

    def scatter(self, parts) -> np.ndarray:
        """La suma, en la forma de la entrada, de lo que cada posición de la ventana devuelve a su elemento:
        ``parts(número, fila, columna)`` da la rebanada ``(N, C, OH, OW)`` de esa posición (o ``None``)."""
        n, c, h, w = self.shape
        (ph, pw), (hp, wp) = self.padding, self.padded
        grad = None
        for k, i, j in self.offsets():
            part = parts(k, i, j)
            if part is None:
                continue
            if grad is None:
                grad = np.zeros((n, c, hp, wp), dtype=part.dtype)
                target = self.windows(grad, writeable=True)
            target[:, :, :, :, i, j] += part
        if grad is None:
            return np.zeros(self.shape, dtype=np.float64)
        return np.ascontiguousarray(grad[:, :, ph : ph + h, pw : pw + w])


def _reduce_windows(ufunc, geometry: _Geometry, padded: np.ndarray) -> np.ndarray:
    """``ufunc`` (``np.maximum``, ``np.add``) acumulado sobre las posiciones de la ventana, en orden de filas.

    Una llamada por posición sobre rebanadas ``(N, C, OH, OW)``: mucho más rápido que ``ufunc.reduce`` sobre los
    dos ejes cortos de la vista, donde numpy recorre bucles internos de ``kH·kW`` elementos. Lo acumulado va
    detrás: en un empate ``np.maximum`` devuelve su segundo argumento, y así se queda el primero de la ventana,
    como en PyTorch (se nota entre ``-0.0`` y ``0.0``)."""
    windows = geometry.windows(padded)
    result = None
    for _, i, j in geometry.offsets():
        if result is None:
            result = windows[:, :, :, :, i, j].copy()
        else:
            ufunc(windows[:, :, :, :, i, j], result, out=result)
    return result


def _batched(input: Tensor) -> np.ndarray:  # noqa: A002
    values = input._values()
    return values if values.ndim == 4 else values[None]


def _unbatched_like(values: np.ndarray, input: Tensor) -> np.ndarray:  # noqa: A002
    return values if len(input._shape) == 4 else values[0]


# --- max_pool2d ---------------------------------------------------------------------------------------
class _MaxSelection:
    """Qué posición de su ventana eligió cada salida (la geometría y un número de posición por salida)."""

    def __init__(self, geometry: _Geometry, chosen: np.ndarray):
        self.geometry, self.chosen = geometry, chosen

    def scatter(self, grad: np.ndarray) -> np.ndarray:
        """Cada gradiente, al elemento que eligió su ventana (la derivada del máximo)."""
        chosen = self.chosen

        def part(k, i, j):
            here = chosen == k
            return np.where(here, grad, 0).astype(grad.dtype, copy=False) if here.any() else None

        result = self.geometry.scatter(part)
        return result.astype(grad.dtype, copy=False)

    def gather(self, values: np.ndarray) -> np.ndarray:
        """El valor de ``values`` en el elemento elegido por cada ventana: la operación traspuesta de ``scatter``."""
        windows = self.geometry.windows(self.geometry.padded_array(values, 0))
        picked = np.zeros(values.shape[:2] + self.geometry.out, dtype=values.dtype)
        for k, i, j in self.geometry.offsets():
            np.copyto(picked, windows[:, :, :, :, i, j], where=self.chosen == k)
        return picked


def _lowest(dtype: np.dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _max_with_choice(values: np.ndarray, geometry: _Geometry):
    """El máximo de cada ventana y la posición elegida: la primera con el máximo (o el último nan), como PyTorch."""
    lowest = _lowest(values.dtype)
    windows = geometry.windows(geometry.padded_array(values, lowest))
    best = np.full(values.shape[:2] + geometry.out, lowest, dtype=values.dtype)
    # Si la ventana solo ve relleno, PyTorch se queda con su primer elemento dentro de la imagen (o tras ella).
    first = [(np.maximum(-geometry.starts(a), 0) + geometry.dilation[a] - 1) // geometry.dilation[a] for a in (0, 1)]
    chosen = np.empty(best.shape, dtype=np.int32)
    chosen[...] = first[0][:, None] * geometry.kernel[1] + first[1][None, :]
    check_nan = values.dtype.kind == "f" and np.isnan(values).any()
    for k, i, j in geometry.offsets():
        candidate = windows[:, :, :, :, i, j]
        better = candidate > best
        if check_nan:
            better |= np.isnan(candidate)
        chosen[better] = k
        np.maximum(candidate, best, out=best)  # en un empate se queda best (ver _reduce_windows); un nan pasa
    return best, chosen


def _flat_indices(geometry: _Geometry, chosen: np.ndarray) -> np.ndarray:
    """Las posiciones elegidas como índices de la imagen aplanada (``fila · W + columna``), como las da PyTorch."""
    kw = geometry.kernel[1]
    rows = geometry.starts(0)[:, None] + (chosen // kw) * geometry.dilation[0]
    cols = geometry.starts(1)[None, :] + (chosen % kw) * geometry.dilation[1]
    return (rows * geometry.shape[3] + cols).astype(np.int64)


class MaxPool2DWithIndicesBackward0(OpNode):
    """El gradiente de cada salida va, entero, al elemento que fue el máximo de su ventana; los demás reciben 0."""

    def setup(ctx, result, input, selection, *options):  # noqa: A002
        ctx.selection = selection
        ctx.save_for_backward(input)
        return (input,)

    def backward(ctx, grad):
        (input,) = ctx.saved_tensors  # noqa: A001
        if grad_mode._enabled:
            return (record(_max_scatter, MaxPool2DWithIndicesBackwardBackward0, grad, (input, ctx.selection), {}),)
        return (_max_scatter(grad, input, ctx.selection),)


def _max_scatter(grad: Tensor, input: Tensor, selection: _MaxSelection) -> Tensor:  # noqa: A002
    values = selection.scatter(_batched_grad(grad, input))
    return _tensor(_unbatched_like(values, input), grad.dtype)


def _batched_grad(grad: Tensor, input: Tensor) -> np.ndarray:  # noqa: A002
    values = grad._values()
    return values if len(input._shape) == 4 else values[None]


class MaxPool2DWithIndicesBackwardBackward0(OpNode):
    """La derivada es lineal en G: derivarla otra vez es recoger, de cada ventana, el valor del elemento elegido.
    Respecto de la entrada es 0 (la elección no cambia con cambios pequeños)."""

    def setup(ctx, result, grad, input, selection):  # noqa: A002
        ctx.selection = selection
        ctx.save_for_backward(input)
        return grad, input

    def backward(ctx, gg):
        (input,) = ctx.saved_tensors  # noqa: A001
        if grad_mode._enabled:  # G tiene la forma de la entrada: hace de entrada de un max_pool2d con esta elección
            picked = record(_max_gather, MaxPool2DWithIndicesBackward0, gg, (ctx.selection,), {})
        else:
            picked = _max_gather(gg, ctx.selection)
        return picked, _tensor(np.zeros(input._shape, dtype=input.dtype.numpy), input.dtype)


def _max_gather(values: Tensor, selection: _MaxSelection) -> Tensor:
    return _tensor(_unbatched_like(selection.gather(_batched_grad(values, values)), values), values.dtype)


def _max_pool2d_values(input: Tensor, selection: _MaxSelection, with_choice: bool) -> Tensor:  # noqa: A002
    geometry = selection.geometry
    values = _batched(input)
    if with_choice:
        best, selection.chosen = _max_with_choice(values, geometry)
    else:
        best = _reduce_windows(np.maximum, geometry, geometry.padded_array(values, _lowest(values.dtype)))
    return _tensor(_unbatched_like(best, input), input.dtype)


def _omitted(stride) -> bool:
    """¿Se dejó el paso por defecto (``None``, o una tupla vacía como la que pasa PyTorch)? Entonces es la ventana."""
    return stride is None or (isinstance(stride, (tuple, list)) and not stride)


def _pooling_geometry(input, kernel_size, stride, padding, dilation, ceil_mode, function: str):  # noqa: A002
    kernel = _ints(kernel_size, "kernel_size", function, "un entero o una tupla de dos enteros")
    if not _omitted(stride):
        stride = _ints(stride, "stride", function, "omitido, un entero o una tupla de dos enteros")
    padding = _ints(padding, "padding", function, "un entero o una tupla de dos enteros")
    dilation = _ints(dilation, "dilation", function, "un entero o una tupla de dos enteros")
    if not isinstance(input, Tensor):
        raise TypeError(f"{function}(): la entrada debe ser un Tensor, no {type(input).__name__}")
    shape = _check_input_dims(input, function, 3)
    return _Geometry(shape, kernel, kernel if _omitted(stride) else stride, padding, dilation, ceil_mode, function)


def max_pool2d(input: Tensor, kernel_size, stride=None, padding=0, dilation=1, ceil_mode: bool = False,  # noqa: A002
               return_indices: bool = False):
    """El máximo de cada ventana ``kernel_size`` de una imagen ``(N, C, H, W)`` o ``(C, H, W)``.

    ``stride`` (por defecto, el tamaño de la ventana) es el salto entre ventanas; ``padding`` añade −∞ alrededor;
    ``dilation`` separa los elementos de cada ventana; ``ceil_mode`` cuenta también la última ventana incompleta.
    Con ``return_indices=True`` devuelve además, por cada salida, el índice (en la imagen aplanada ``H·W``) del
    elemento elegido: el primero con el valor máximo.
    """
    geometry = _pooling_geometry(input, kernel_size, stride, padding, dilation, ceil_mode, "max_pool2d")
    if input.dtype.numpy.kind not in "fi":
        raise NotImplementedError(f"max_pool2d no está implementada para tensores {input.dtype}")
    selection = _MaxSelection(geometry, None)
    if _needs_grad(input):
        output = record(_max_pool2d_values, MaxPool2DWithIndicesBackward0, input, (selection, True), {})
    else:
        output = _max_pool2d_values(input, selection, return_indices)
    if not return_indices:
        return output
    indices = _flat_indices(geometry, selection.chosen)
    return output, _tensor(_unbatched_like(indices, input))


def max_pool2d_with_indices(input: Tensor, kernel_size, stride=None, padding=0, dilation=1,  # noqa: A002
                            ceil_mode: bool = False, return_indices: bool = True):
    """``max_pool2d(..., return_indices=True)``: el máximo de cada ventana y dónde estaba."""
    return max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


# --- avg_pool2d ---------------------------------------------------------------------------------------
class _Average:
    """La geometría y el divisor de cada salida (``OH × OW``)."""

    def __init__(self, geometry: _Geometry, count_include_pad: bool, divisor_override):
        self.geometry = geometry
        if divisor_override:
            self.divisor = np.full(geometry.out, divisor_override, dtype=np.int64)
            return
        sizes = []
        for axis, size in enumerate(geometry.shape[2:]):
            starts = geometry.starts(axis)
            # Una ventana que se sale del relleno (ceil_mode) no cuenta lo que sobra; sin count_include_pad,
            # tampoco el relleno.
            ends = np.minimum(starts + geometry.kernel[axis], size + geometry.padding[axis])
            if not count_include_pad:
                starts, ends = np.maximum(starts, 0), np.minimum(ends, size)
            sizes.append(ends - starts)
        self.divisor = sizes[0][:, None] * sizes[1][None, :]

    def forward(self, values: np.ndarray) -> np.ndarray:
        geometry = self.geometry
        sums = _reduce_windows(np.add, geometry, geometry.padded_array(values, 0))
        if values.dtype.kind == "f":
            return sums / self.divisor.astype(values.dtype)
        # Enteros: división truncada hacia cero, como en C++.
        return (np.abs(sums) // self.divisor * np.sign(sums)).astype(values.dtype)

    def scatter(self, grad: np.ndarray) -> np.ndarray:
        shared = grad / self.divisor.astype(grad.dtype)
        return self.geometry.scatter(lambda k, i, j: shared).astype(grad.dtype, copy=False)


class AvgPool2DBackward0(OpNode):
    """Cada salida es la media de su ventana: su gradiente se reparte, dividido por el divisor, entre los elementos
    de la ventana (los de relleno se pierden)."""

    def setup(ctx, result, input, average):  # noqa: A002
        ctx.average = average
        ctx.save_for_backward(input)
        return (input,)

    def backward(ctx, grad):
        (input,) = ctx.saved_tensors  # noqa: A001
        if grad_mode._enabled:
            return (record(_avg_scatter, AvgPool2DBackwardBackward0, grad, (input, ctx.average), {}),)
        return (_avg_scatter(grad, input, ctx.average),)


def _avg_scatter(grad: Tensor, input: Tensor, average) -> Tensor:  # noqa: A002
    return _tensor(_unbatched_like(average.scatter(_batched_grad(grad, input)), input), grad.dtype)


class AvgPool2DBackwardBackward0(OpNode):
    """Repartir el gradiente es lineal: su derivada respecto de G vuelve a ser la media por ventanas; respecto de la
    entrada, 0."""

    def setup(ctx, result, grad, input, average):  # noqa: A002
        ctx.average = average
        ctx.save_for_backward(input)
        return grad, input

    def backward(ctx, gg):
        (input,) = ctx.saved_tensors  # noqa: A001
        if grad_mode._enabled:  # G tiene la forma de la entrada: hace de entrada de la misma media por ventanas
            pooled = record(_avg_pool2d_values, type(ctx.average).node, gg, (ctx.average,), {})
        else:
            pooled = _avg_pool2d_values(gg, ctx.average)
        return pooled, _tensor(np.zeros(input._shape, dtype=input.dtype.numpy), input.dtype)


def _average_values(values: Tensor, average, like: Tensor) -> Tensor:
    """``average`` aplicado a ``values``, que tiene la forma de ``like`` (con lote o sin él)."""
    return _tensor(_unbatched_like(average.forward(_batched_grad(values, like)), like), values.dtype)


_Average.node = AvgPool2DBackward0


def _avg_pool2d_values(input: Tensor, average: _Average) -> Tensor:  # noqa: A002
    return _average_values(input, average, input)


def avg_pool2d(input: Tensor, kernel_size, stride=None, padding=0, ceil_mode: bool = False,  # noqa: A002
               count_include_pad: bool = True, divisor_override=None) -> Tensor:
    """La media de cada ventana ``kernel_size`` de una imagen ``(N, C, H, W)`` o ``(C, H, W)``.

    ``padding`` añade ceros alrededor; con ``count_include_pad=True`` (por defecto) esos ceros cuentan en la media,
    y con ``False`` se divide solo por los elementos de la imagen. ``divisor_override`` fija el divisor.
    """
    if isinstance(input, Tensor) and len(input._shape) < 3:  # PyTorch mira primero input.size(-3)
        raise IndexError(
            f"avg_pool2d: la entrada debe tener al menos 3 dimensiones (C, H, W), pero tiene forma {list(input._shape)}"
        )
    geometry = _pooling_geometry(input, kernel_size, stride, padding, 1, ceil_mode, "avg_pool2d")
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("avg_pool2d: el divisor (divisor_override) no puede ser cero")
    if input.dtype.numpy.kind != "f" and input.dtype.numpy != np.int64:
        raise NotImplementedError(f"avg_pool2d no está implementada para tensores {input.dtype}")
    average = _Average(geometry, count_include_pad, divisor_override)
    if _needs_grad(input):
        return record(_avg_pool2d_values, AvgPool2DBackward0, input, (average,), {})
    return _avg_pool2d_values(input, average)


# --- adaptive_avg_pool2d ------------------------------------------------------------------------------
class _AdaptiveAverage:
    """Las ventanas de ``adaptive_avg_pool2d``: la salida ``o`` de una dimensión de tamaño ``L`` (con ``O`` salidas)
    cubre ``[⌊o·L/O⌋, ⌈(o+1)·L/O⌉)``. Si ``O`` divide a ``L`` son las ventanas de ``avg_pool2d`` (paso = ventana =
    ``L/O``); si no, tienen tamaños distintos y se suman con matrices de ceros y unos, una por dimensión."""

    def __init__(self, shape, out):
        self.shape, self.out = shape, out
        sizes = shape[2:]
        if 0 not in out and all(size % o == 0 for size, o in zip(sizes, out)):
            kernel = tuple(size // o for size, o in zip(sizes, out))
            geometry = _Geometry(shape, kernel, kernel, (0, 0), (1, 1), False, "adaptive_avg_pool2d")
            self.uniform = _Average(geometry, True, None)
            return
        self.uniform = None
        self.members = []  # por dimensión: (O, L) con 1 donde el elemento está en la ventana
        for size, o in zip(sizes, out):
            outputs = np.arange(o)
            starts = outputs * size // o
            ends = -(-(outputs + 1) * size // o)
            positions = np.arange(size)
            self.members.append((positions >= starts[:, None]) & (positions < ends[:, None]))
        self.divisor = (self.members[0].sum(1)[:, None] * self.members[1].sum(1)[None, :])

    def forward(self, values: np.ndarray) -> np.ndarray:
        if self.uniform is not None:
            return self.uniform.forward(values)
        rows, cols = (m.astype(values.dtype) for m in self.members)
        return (rows @ values @ cols.T) / self.divisor.astype(values.dtype)

    def scatter(self, grad: np.ndarray) -> np.ndarray:
        if self.uniform is not None:
            return self.uniform.scatter(grad)
        rows, cols = (m.astype(grad.dtype) for m in self.members)
        return np.ascontiguousarray(rows.T @ (grad / self.divisor.astype(grad.dtype)) @ cols)


class AdaptiveAvgPool2DBackward0(AvgPool2DBackward0):
    """Como ``AvgPool2DBackward0``, con las ventanas de ``adaptive_avg_pool2d``."""

    def backward(ctx, grad):
        (input,) = ctx.saved_tensors  # noqa: A001
        if grad_mode._enabled:
            return (record(_avg_scatter, AdaptiveAvgPool2DBackwardBackward0, grad, (input, ctx.average), {}),)
        return (_avg_scatter(grad, input, ctx.average),)


class AdaptiveAvgPool2DBackwardBackward0(AvgPool2DBackwardBackward0):
    """Como ``AvgPool2DBackwardBackward0``, con las ventanas de ``adaptive_avg_pool2d``."""


_AdaptiveAverage.node = AdaptiveAvgPool2DBackward0


def _output_size(output_size, shape, function: str, count: int) -> tuple:
    """``output_size`` (un entero o una tupla, con ``None`` donde se conserva el tamaño de la entrada) como tupla."""
    if isinstance(output_size, (tuple, list)):
        items = tuple(output_size)
        if len(items) != count:
            raise RuntimeError(f"{function}: output_size debe tener {count} elementos, pero es {output_size!r}")
    elif isinstance(output_size, (int, np.integer)) and not isinstance(output_size, bool):
        items = (output_size,) * count
    else:
        raise TypeError(f"{function}(): output_size debe ser un entero o una tupla, no {type(output_size).__name__}")
    if count == 1 and None in items:
        raise TypeError(f"{function}(): output_size debe ser un entero, no None")
    items = tuple(shape[len(shape) - count + i] if item is None else item for i, item in enumerate(items))
    for position, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, (int, np.integer)):
            raise TypeError(
                f"{function}(): el elemento {position} de output_size es de tipo {type(item).__name__}, no un entero"
            )
    if min(items) < 0:
        raise RuntimeError(f"{function}: los tamaños de salida no pueden ser negativos, pero son {items}")
    return tuple(int(i) for i in items)


def adaptive_avg_pool2d(input: Tensor, output_size) -> Tensor:  # noqa: A002
    """La media por ventanas elegidas para que la salida tenga ``output_size`` (p. ej. ``(7, 7)``) sea cual sea
    la imagen de entrada; ``None`` en una dimensión conserva su tamaño. ``output_size=1`` es la media de cada canal,
    y se calcula así, como en PyTorch (su nodo es ``MeanBackward1``)."""
    shape = input._shape
    out = _output_size(output_size, shape, "adaptive_avg_pool2d", 2)
    if len(shape) not in (3, 4):
        raise RuntimeError(
            f"adaptive_avg_pool2d: se esperaba un tensor 3-D o 4-D, pero la entrada tiene forma {list(shape)}"
        )
    if 0 in shape[-2:]:
        empty = len(shape) - 2 + shape[-2:].index(0)
        raise RuntimeError(
            f"adaptive_avg_pool2d: la entrada, de forma {list(shape)}, no puede tener vacía la dimensión {empty} "
            "(solo pueden estarlo el lote y los canales)"
        )
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"adaptive_avg_pool2d no está implementada para tensores {input.dtype}")
    if out == (1, 1):
        return input.mean((-1, -2), keepdim=True)
    average = _AdaptiveAverage(shape if len(shape) == 4 else (1,) + shape, out)
    if _needs_grad(input):
        return record(_avg_pool2d_values, AdaptiveAvgPool2DBackward0, input, (average,), {})
    return _avg_pool2d_values(input, average)


# --- 1-D: las de 2-D sobre una imagen de altura 1 -----------------------------------------------------------
def _step(stride, kernel: int, function: str) -> int:
    """El paso de una función 1-D: por defecto (``None`` o una tupla vacía), el tamaño de la ventana."""
    return kernel if _omitted(stride) else _one(stride, "stride", function)


def _one(value, name: str, function: str) -> int:
    items = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    if len(items) != 1:
        raise RuntimeError(f"{function}: {name} debe ser un entero o una tupla de un entero, pero es {value!r}")
    return _ints(items[0], name, function, "un entero")[0]


def _check_1d(input: Tensor, function: str) -> None:  # noqa: A002
    if len(input._shape) not in (2, 3):
        raise RuntimeError(
            f"{function}: se esperaba un tensor 2-D (C, L) o 3-D (N, C, L), pero la entrada tiene forma "
            f"{list(input._shape)}"
        )


def max_pool1d(input: Tensor, kernel_size, stride=None, padding=0, dilation=1, ceil_mode: bool = False,  # noqa: A002
               return_indices: bool = False):
    """``max_pool2d`` sobre una señal ``(N, C, L)`` o ``(C, L)``."""
    _check_1d(input, "max_pool1d")
    kernel = _one(kernel_size, "kernel_size", "max_pool1d")
    step = _step(stride, kernel, "max_pool1d")
    result = max_pool2d(input.unsqueeze(-2), (1, kernel), (1, step), (0, _one(padding, "padding", "max_pool1d")),
                        (1, _one(dilation, "dilation", "max_pool1d")), ceil_mode, return_indices)
    if return_indices:
        return result[0].squeeze(-2), result[1].squeeze(-2)
    return result.squeeze(-2)


def max_pool1d_with_indices(input: Tensor, kernel_size, stride=None, padding=0, dilation=1,  # noqa: A002
                            ceil_mode: bool = False, return_indices: bool = True):
    return max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def avg_pool1d(input: Tensor, kernel_size, stride=None, padding=0, ceil_mode: bool = False,  # noqa: A002
               count_include_pad: bool = True) -> Tensor:
    """``avg_pool2d`` sobre una señal ``(N, C, L)`` o ``(C, L)``."""
    _check_1d(input, "avg_pool1d")
    kernel = _one(kernel_size, "kernel_size", "avg_pool1d")
    step = _step(stride, kernel, "avg_pool1d")
    result = avg_pool2d(input.unsqueeze(-2), (1, kernel), (1, step), (0, _one(padding, "padding", "avg_pool1d")),
                        ceil_mode, count_include_pad)
    return result.squeeze(-2)


def adaptive_avg_pool1d(input: Tensor, output_size) -> Tensor:  # noqa: A002
    """``adaptive_avg_pool2d`` sobre una señal ``(N, C, L)`` o ``(C, L)``."""
    (size,) = _output_size(output_size if isinstance(output_size, (tuple, list)) else (output_size,),
                           input._shape, "adaptive_avg_pool1d", 1)
    _check_1d(input, "adaptive_avg_pool1d")
    return adaptive_avg_pool2d(input.unsqueeze(-2), (1, size)).squeeze(-2)
