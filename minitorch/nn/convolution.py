"""La convolución (``conv1d``, ``conv2d``) y sus piezas, ``unfold`` (*im2col*) y ``fold`` (*col2im*).

Una convolución desliza cada filtro por la imagen y, en cada posición, multiplica y suma. Escrita así
serían cuatro bucles anidados; aquí es un producto de matrices:

1. se rellena la entrada con ceros (``padding``), si hace falta;
2. ``as_strided`` ve la entrada rellenada como un tensor de parches ``(N, C, kH, kW, H_out, W_out)`` sin
   copiar nada: el parche de la posición ``(i, j)`` empieza ``stride`` elementos más allá que el de
   ``(i, j - 1)``, y dentro de un parche se avanza ``dilation`` elementos (los strides de
   ``strides.unfold_layout``, aplicados a dos dimensiones a la vez);
3. ese tensor, copiado una vez en forma de matriz ``(C·kH·kW, N·H_out·W_out)`` (*im2col*, con todo el lote
   en las columnas), se multiplica por los filtros, ``(C_out, C·kH·kW)``: un solo ``matmul`` grande (con
   ``groups``, uno por grupo en la misma llamada), y el resultado se copia al orden ``(N, C_out, …)``.

La derivada respecto de los filtros es otro producto por la misma matriz de parches (que se guarda); la
de la entrada reparte el gradiente de cada parche sobre los píxeles que leyó (*col2im*): una suma por
cada posición del núcleo, ``kH·kW`` sumas de numpy sobre cortes con paso, no un bucle por elemento.
``conv1d`` es ``conv2d`` con una altura de 1. Los nodos tienen los nombres de PyTorch:
``ConvolutionBackward0``, ``Im2ColBackward0`` (``unfold``) y ``Col2ImBackward0`` (``fold``).
"""

from __future__ import annotations

import math

import numpy as np

from ..autograd import grad_mode
from ..autograd.recording import OpNode, attach, record
from ..tensor import Tensor

_as_strided = np.lib.stride_tricks.as_strided


# --- los argumentos --------------------------------------------------------------------------------
def _tuple(value, n: int, name: str) -> tuple:
    """``stride=2`` o ``stride=(2, 2)`` → ``(2, 2)``; una lista de otra longitud es un error, como en PyTorch."""
    if isinstance(value, (tuple, list)):
        if len(value) == 1:
            return tuple(value) * n
        if len(value) != n:
            raise RuntimeError(
                f"se esperaba que {name} fuera un entero o una lista de {n} valores (uno por dimensión de la "
                f"convolución), pero es {name}={list(value)}"
            )
        return tuple(int(v) for v in value)
    return (int(value),) * n


def _output_size(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    """Cuántas posiciones caben: el núcleo dilatado ocupa ``dilation·(kernel − 1) + 1`` elementos."""
    return (size + padding - dilation * (kernel - 1) - 1) // stride + 1


# --- las cuentas, con numpy, en dos dimensiones espaciales -------------------------------------------
def _pad(x: np.ndarray, pads) -> np.ndarray:
    """``x`` (``N, C, H, W``) con ``pads = ((arriba, abajo), (izquierda, derecha))`` ceros alrededor."""
    (top, bottom), (left, right) = pads
    if not (top or bottom or left or right):
        return x
    n, c, h, w = x.shape
    out = np.zeros((n, c, h + top + bottom, w + left + right), x.dtype)
    out[:, :, top : top + h, left : left + w] = x
    return out


def _patches(xp: np.ndarray, kernel, stride, dilation, out_size, batch_inside: bool = False) -> np.ndarray:
    """La vista ``(N, C, kH, kW, H_out, W_out)`` de los parches de ``xp``, sin copiar nada; con
    ``batch_inside``, ``(C, kH, kW, N, H_out, W_out)``: las mismas posiciones en otro orden."""
    sn, sc, sh, sw = xp.strides
    (n, c), (kh, kw), (th, tw), (dh, dw), (ho, wo) = xp.shape[:2], kernel, stride, dilation, out_size
    kernel_steps, position_steps = (sh * dh, sw * dw), (sh * th, sw * tw)
    if batch_inside:
        return _as_strided(xp, (c, kh, kw, n, ho, wo), (sc, *kernel_steps, sn, *position_steps), writeable=False)
    return _as_strided(xp, (n, c, kh, kw, ho, wo), (sn, sc, *kernel_steps, *position_steps), writeable=False)


def _im2col(x: np.ndarray, kernel, stride, pads, dilation, out_size, batch_inside: bool = False) -> np.ndarray:
    """La matriz de parches ``(N, C·kH·kW, H_out·W_out)`` (la de ``F.unfold``) o, con ``batch_inside``,
    ``(C·kH·kW, N·H_out·W_out)``: todo el lote en una sola matriz, para que la convolución sea un único
    producto grande (BLAS lo reparte mejor entre hilos que 64 productos pequeños). Es la única copia de la
    entrada que hace la convolución."""
    patches = _patches(_pad(x, pads), kernel, stride, dilation, out_size, batch_inside)
    n, c = x.shape[:2]
    rows, columns = c * kernel[0] * kernel[1], out_size[0] * out_size[1]
    return patches.reshape(rows, n * columns) if batch_inside else patches.reshape(n, rows, columns)


def _col2im(cols: np.ndarray, shape, kernel, stride, pads, dilation, out_size, batch_inside: bool = False) -> np.ndarray:
    """La operación inversa de ``_im2col``: cada valor del parche vuelve al píxel del que se leyó, y los
    píxeles que leyeron varios parches suman todos sus valores. ``shape`` es la de la entrada sin rellenar."""
    n, c, h, w = shape
    (top, bottom), (left, right) = pads
    (kh, kw), (th, tw), (dh, dw), (ho, wo) = kernel, stride, dilation, out_size
    out = np.zeros((n, c, h + top + bottom, w + left + right), cols.dtype)
    blocks = cols.reshape(c, kh, kw, n, ho, wo).transpose(3, 0, 1, 2, 4, 5) if batch_inside else cols.reshape(n, c, kh, kw, ho, wo)
    if ho and wo:
        last_h, last_w = th * (ho - 1) + 1, tw * (wo - 1) + 1
        for i in range(kh):
            for j in range(kw):
                out[:, :, i * dh : i * dh + last_h : th, j * dw : j * dw + last_w : tw] += blocks[:, :, i, j]
    return out[:, :, top : top + h, left : left + w]


def _check_blocks(spatial, kernel, stride, pads, dilation) -> tuple:
    """El número de posiciones del núcleo en cada dimensión; si no cabe ninguna, el error de PyTorch."""
    out_size = tuple(_output_size(s, k, t, p[0] + p[1], d) for s, k, t, p, d in zip(spatial, kernel, stride, pads, dilation))
    if any(o <= 0 for o in out_size):
        padded = tuple(s + p[0] + p[1] for s, p in zip(spatial, pads))
        dilated = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation))
        raise RuntimeError(
            f"el tamaño de la entrada rellenada, por canal, es ({' x '.join(map(str, padded))}) y el del núcleo "
            f"(con su dilatación) es ({' x '.join(map(str, dilated))}): el núcleo no puede ser mayor que la entrada"
        )
    return out_size


# --- conv1d y conv2d ---------------------------------------------------------------------------------
class ConvolutionBackward0(OpNode):
    """y = W·parches(x) + b, por grupos. dL/db = Σ G; dL/dW = G·parchesᵀ; dL/dx = col2im(Wᵀ·G)."""

    _exclusive_grads = True  # tres resultados nuevos, ninguno es una vista de otro

    def setup(ctx, result, input, weight, bias, options, cols):  # noqa: A002 (nombre de PyTorch)
        ctx.save_for_backward(input, weight)
        ctx.options = options
        ctx.cols = cols if weight.requires_grad else None  # la matriz de parches: dL/dW la vuelve a usar
        ctx.input_shape = input._shape
        return input, weight, bias

    def _release(ctx) -> None:
        super()._release()
        ctx.cols = None

    def backward(ctx, grad):
        input, weight = ctx.saved_tensors  # noqa: A001
        need_input, need_weight, need_bias = ctx.needs_input_grad
        if grad_mode._enabled:  # create_graph=True: las mismas cuentas con operaciones anotadas
            return _convolution_backward_graph(grad, input, weight, ctx.options, need_input, need_weight, need_bias)
        stride, pads, dilation, groups = ctx.options
        w = weight._values()
        g = grad._values()
        n, out_channels = g.shape[:2]
        kernel = w.shape[2:]
        out_size = g.shape[2:]
        # G con el lote dentro, como la matriz de parches: (grupos, C_out/grupos, N·H_out·W_out)
        g = np.ascontiguousarray(g.swapaxes(0, 1)).reshape(groups, out_channels // groups, n * math.prod(out_size))
        grad_input = grad_weight = grad_bias = None
        if need_bias:
            grad_bias = _tensor_like(np.add.reduce(g, axis=2).reshape(out_channels), grad)
        if need_weight:
            cols = ctx.cols
            cols = cols.reshape(groups, cols.shape[0] // groups, cols.shape[1])
            grad_weight = np.matmul(g, cols.swapaxes(-1, -2))  # (grupos, C_out/grupos, C/grupos·kH·kW)
            grad_weight = _tensor_like(grad_weight.reshape(w.shape), grad)
        if need_input:
            w_groups = w.reshape(groups, out_channels // groups, w[0].size)
            grad_cols = np.matmul(w_groups.swapaxes(-1, -2), g)  # (grupos, C/grupos·kH·kW, N·H_out·W_out)
            shape = _as_2d_shape(ctx.input_shape)
            grad_x = _col2im(grad_cols, shape, _as_2d(kernel), _as_2d(stride, 1), _as_2d_pads(pads),
                             _as_2d(dilation, 1), _as_2d(out_size, 1), batch_inside=True)
            grad_input = _tensor_like(np.ascontiguousarray(grad_x).reshape(ctx.input_shape), grad)
        return grad_input, grad_weight, grad_bias


def _tensor_like(values: np.ndarray, like: Tensor) -> Tensor:
    return Tensor._from_array(values, like._storage.dtype)


# conv1d se calcula como conv2d con una altura de 1: estas funciones añaden esa dimensión donde falta.
def _as_2d(values, fill: int = 1) -> tuple:
    return tuple(values) if len(values) == 2 else (fill, *values)


def _as_2d_pads(pads) -> tuple:
    return tuple(pads) if len(pads) == 2 else ((0, 0), *pads)


def _as_2d_shape(shape) -> tuple:
    return tuple(shape) if len(shape) == 4 else (shape[0], shape[1], 1, shape[2])


def _cols(x: np.ndarray, kernel, options, out_size) -> np.ndarray:
    stride, pads, dilation, _ = options
    x = x.reshape(_as_2d_shape(x.shape))
    return _im2col(x, _as_2d(kernel), _as_2d(stride), _as_2d_pads(pads), _as_2d(dilation), _as_2d(out_size), batch_inside=True)


def _convolution(input: Tensor, weight: Tensor, bias: Tensor | None, stride, pads, dilation, groups: int) -> Tensor:  # noqa: A002
    """La convolución de una entrada con lote ``(N, C, *espacio)``, ya validada, con su nodo si hace falta."""
    w = weight._values()
    spatial = input._shape[2:]
    kernel = w.shape[2:]
    out_size = _check_blocks(spatial, kernel, stride, pads, dilation)
    options = (stride, pads, dilation, groups)
    n, out_channels = input._shape[0], w.shape[0]
    flat = _cols(input._values(), kernel, options, out_size)  # (C·kH·kW, N·H_out·W_out)
    cols = flat.reshape(groups, flat.shape[0] // groups, flat.shape[1])
    w_groups = w.reshape(groups, out_channels // groups, w[0].size)
    out = np.matmul(w_groups, cols)  # (grupos, C_out/grupos, N·H_out·W_out): un producto por grupo
    out = out.reshape((out_channels, n) + out_size).swapaxes(0, 1)
    values = np.empty(out.shape, out.dtype)  # el resultado, contiguo en el orden (N, C_out, …) de PyTorch
    if bias is None:
        np.copyto(values, out)
    else:  # la copia al orden de PyTorch y la suma del sesgo, en una sola pasada
        np.add(out, bias._values().reshape((out_channels,) + (1,) * len(out_size)), out=values)
    result = Tensor._from_array(values, input._storage.dtype)
    if grad_mode._enabled and (input.requires_grad or weight.requires_grad or (bias is not None and bias.requires_grad)):
        node = ConvolutionBackward0()
        return attach(node, node.setup(result, input, weight, bias, options, flat), result)
    return result


def _convolution_backward_graph(grad, input, weight, options, need_input, need_weight, need_bias):  # noqa: A002
    """Los gradientes de la convolución con operaciones anotadas (``unfold``, ``fold``, ``matmul``), para
    poder derivarlos otra vez (``create_graph=True``)."""
    stride, pads, dilation, groups = options
    one_d = input.dim() == 3
    if one_d:
        input, weight, grad = input.unsqueeze(2), weight.unsqueeze(2), grad.unsqueeze(2)  # noqa: A001
    stride, dilation, pads = _as_2d(stride), _as_2d(dilation), _as_2d_pads(pads)
    n, out_channels = grad.shape[0], grad.shape[1]
    kernel = tuple(weight.shape[2:])
    padded = _pad_graph(input, pads)
    g = grad.reshape(n, groups, out_channels // groups, grad.shape[2] * grad.shape[3])
    w_groups = weight.reshape(groups, out_channels // groups, math.prod(weight.shape[1:]))
    grad_input = grad_weight = grad_bias = None
    if need_bias:
        grad_bias = grad.sum((0, 2, 3))
    if need_weight:
        cols = unfold(padded, kernel, dilation, 0, stride)
        cols = cols.reshape(n, groups, cols.shape[1] // groups, g.shape[-1])
        grad_weight = (g @ cols.transpose(-1, -2)).sum(0).reshape(weight.shape)
        if one_d:
            grad_weight = grad_weight.squeeze(2)
    if need_input:
        grad_cols = (w_groups.transpose(-1, -2) @ g).reshape(n, groups * w_groups.shape[-1], g.shape[-1])
        grad_padded = fold(grad_cols, tuple(padded.shape[2:]), kernel, dilation, 0, stride)
        (top, bottom), (left, right) = pads
        grad_input = grad_padded
        if top or bottom or left or right:
            grad_input = grad_padded[:, :, top : padded.shape[2] - bottom, left : padded.shape[3] - right]
        if one_d:
            grad_input = grad_input.squeeze(2)
    return grad_input, grad_weight, grad_bias


def _pad_graph(input: Tensor, pads) -> Tensor:  # noqa: A002
    (top, bottom), (left, right) = pads
    if not (top or bottom or left or right):
        return input
    n, c, h, w = input.shape
    out = input.new_zeros((n, c, h + top + bottom, w + left + right))
    out[:, :, top : top + h, left : left + w] = input  # anotado (CopySlices): el gradiente vuelve a input
    return out


def _conv_padding(padding, kernel, dilation, stride, n: int) -> tuple:
    """``padding`` como pares ``(antes, después)`` por dimensión; ``'same'`` reparte el relleno necesario
    para que la salida mida lo mismo que la entrada (si es impar, el sobrante va después, como en PyTorch)."""
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0),) * n
        if padding != "same":
            raise RuntimeError(f"padding no admite la cadena {padding!r}: usa 'valid', 'same' o números")
        if any(s != 1 for s in stride):
            raise RuntimeError("padding='same' no está disponible para convoluciones con stride distinto de 1")
        totals = [d * (k - 1) for k, d in zip(kernel, dilation)]
        return tuple((t // 2, t - t // 2) for t in totals)
    padding = _tuple(padding, n, "padding")
    if any(p < 0 for p in padding):
        raise RuntimeError(f"no se admite un relleno (padding) negativo: {list(padding)}")
    return tuple((p, p) for p in padding)


def _conv(name: str, n: int, input: Tensor, weight: Tensor, bias, stride, padding, dilation, groups) -> Tensor:  # noqa: A002
    batched_ndim = n + 2
    if input.dim() not in (batched_ndim - 1, batched_ndim):
        raise RuntimeError(
            f"{name} espera una entrada de {batched_ndim - 1} dimensiones (sin lote) o {batched_ndim} (con lote), "
            f"pero la entrada tiene forma {list(input.shape)}"
        )
    stride, dilation = _tuple(stride, n, "stride"), _tuple(dilation, n, "dilation")
    if any(s <= 0 for s in stride):
        raise RuntimeError(f"{name}: el stride debe ser positivo, pero es {list(stride)}")
    if any(d <= 0 for d in dilation):
        raise RuntimeError(f"{name}: la dilatación (dilation) debe ser positiva, pero es {list(dilation)}")
    if groups <= 0:
        raise RuntimeError(f"{name}: el número de grupos debe ser positivo, pero es {groups}")
    if weight.dim() != batched_ndim:
        raise RuntimeError(
            f"{name} espera un peso de {batched_ndim} dimensiones (C_out, C_in/groups, núcleo…), pero el peso tiene "
            f"forma {list(weight.shape)}"
        )
    out_channels, channels_per_group = weight.shape[0], weight.shape[1]
    if out_channels == 0 or out_channels % groups:
        raise RuntimeError(
            f"{name}: con groups={groups}, el peso, de forma {list(weight.shape)}, debe tener un número de filtros "
            f"positivo y divisible por {groups}"
        )
    unbatched = input.dim() == batched_ndim - 1
    channels = input.shape[0 if unbatched else 1]
    if channels != channels_per_group * groups:
        raise RuntimeError(
            f"{name}: con groups={groups} y un peso de forma {list(weight.shape)}, se esperaba una entrada de "
            f"forma {list(input.shape)} con {channels_per_group * groups} canales, pero tiene {channels}"
        )
    if bias is not None and bias.shape != (out_channels,):
        raise RuntimeError(
            f"{name}: con un peso de forma {list(weight.shape)}, se esperaba un sesgo de una dimensión con "
            f"{out_channels} elementos, pero el sesgo tiene forma {list(bias.shape)}"
        )
    dtype = input.dtype
    if weight.dtype is not dtype or (bias is not None and bias.dtype is not dtype):
        found = ", ".join(str(t.dtype) for t in (input, weight, bias) if t is not None)
        raise RuntimeError(f"{name}: la entrada, el peso y el sesgo deben ser del mismo tipo, pero son {found}")
    pads = _conv_padding(padding, tuple(weight.shape[2:]), dilation, stride, n)
    if unbatched:  # como PyTorch: se añade el lote (UnsqueezeBackward0) y se quita después (SqueezeBackward1)
        return _convolution(input.unsqueeze(0), weight, bias, stride, pads, dilation, groups).squeeze(0)
    return _convolution(input, weight, bias, stride, pads, dilation, groups)


def conv1d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride=1, padding=0,  # noqa: A002
           dilation=1, groups: int = 1) -> Tensor:
    """Convolución 1-D (en rigor, correlación cruzada): entrada ``(N, C_in, L)`` o ``(C_in, L)``, peso
    ``(C_out, C_in/groups, k)``. ``padding`` admite un número, ``'valid'`` (sin relleno) o ``'same'``."""
    return _conv("conv1d", 1, input, weight, bias, stride, padding, dilation, groups)


def conv2d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride=1, padding=0,  # noqa: A002
           dilation=1, groups: int = 1) -> Tensor:
    """Convolución 2-D (en rigor, correlación cruzada): entrada ``(N, C_in, H, W)`` o ``(C_in, H, W)``, peso
    ``(C_out, C_in/groups, kH, kW)``. Con ``groups=g`` los canales se parten en ``g`` grupos independientes."""
    return _conv("conv2d", 2, input, weight, bias, stride, padding, dilation, groups)


# --- unfold (im2col) y fold (col2im) ------------------------------------------------------------------
def _block_options(kernel_size, dilation, padding, stride) -> tuple:
    kernel, dilation = _tuple(kernel_size, 2, "kernel_size"), _tuple(dilation, 2, "dilation")
    padding, stride = _tuple(padding, 2, "padding"), _tuple(stride, 2, "stride")
    for name, values, minimum in (("kernel_size", kernel, 1), ("dilation", dilation, 1), ("stride", stride, 1),
                                  ("padding", padding, 0)):
        if any(v < minimum for v in values):
            relation = "mayor que cero" if minimum else "no negativo"
            raise RuntimeError(f"{name} debe ser {relation}, pero es {list(values)}")
    return kernel, dilation, tuple((p, p) for p in padding), stride


class Im2ColBackward0(OpNode):
    """Cada valor de la matriz de parches es un píxel de la entrada: su gradiente vuelve a ese píxel (``fold``)."""

    def setup(ctx, result, input, kernel, dilation, pads, stride):  # noqa: A002
        ctx.spatial = tuple(input.shape[-2:])
        ctx.options = (kernel, dilation, pads, stride)
        return (input,)

    def backward(ctx, grad):
        kernel, dilation, pads, stride = ctx.options
        return (fold(grad, ctx.spatial, kernel, dilation, tuple(p for p, _ in pads), stride),)


def _one_input(compute, node_class, input: Tensor, *options) -> Tensor:  # noqa: A002
    """``compute(input, *options)``, con el nodo ``node_class`` si ``input`` requiere gradiente. (No se usa
    ``functional._differentiable`` porque ``functional`` importa este módulo: sería un ciclo.)"""
    if grad_mode._enabled and input.requires_grad:
        return record(compute, node_class, input, options, {})
    return compute(input, *options)


def _unfold(input: Tensor, kernel, dilation, pads, stride) -> Tensor:  # noqa: A002
    x = input._values()
    batched = x.reshape((1,) + x.shape) if x.ndim == 3 else x
    out_size = _check_blocks(batched.shape[2:], kernel, stride, pads, dilation)
    cols = _im2col(batched, kernel, stride, pads, dilation, out_size)
    return Tensor._from_array(cols.reshape(cols.shape[1:]) if x.ndim == 3 else cols, input._storage.dtype)


def unfold(input: Tensor, kernel_size, dilation=1, padding=0, stride=1) -> Tensor:  # noqa: A002
    """*im2col*: los parches de ``kernel_size`` de una imagen ``(N, C, H, W)`` como columnas de una matriz
    ``(N, C·kH·kW, L)``, con ``L`` el número de posiciones del núcleo. ``conv2d`` es un ``matmul`` con ella."""
    if input.dim() not in (3, 4):
        error = IndexError if input.dim() < 3 else RuntimeError
        raise error(f"unfold espera una entrada de 3 dimensiones (sin lote) o 4 (con lote), pero tiene forma {list(input.shape)}")
    kernel, dilation, pads, stride = _block_options(kernel_size, dilation, padding, stride)
    return _one_input(_unfold, Im2ColBackward0, input, kernel, dilation, pads, stride)


class Col2ImBackward0(OpNode):
    """Cada píxel del resultado es la suma de los valores de la matriz que caen en él: su gradiente vuelve a
    todos ellos (``unfold``)."""

    def setup(ctx, result, input, output_size, kernel, dilation, pads, stride):  # noqa: A002
        ctx.options = (kernel, dilation, tuple(p for p, _ in pads), stride)
        return (input,)

    def backward(ctx, grad):
        return (unfold(grad, *ctx.options),)


def _fold(input: Tensor, output_size, kernel, dilation, pads, stride) -> Tensor:  # noqa: A002
    cols = input._values()
    batched = cols.reshape((1,) + cols.shape) if cols.ndim == 2 else cols
    n, rows, blocks = batched.shape
    channels = rows // (kernel[0] * kernel[1])
    out_size = _check_blocks(output_size, kernel, stride, pads, dilation)
    image = _col2im(batched, (n, channels) + tuple(output_size), kernel, stride, pads, dilation, out_size)
    image = np.ascontiguousarray(image)
    return Tensor._from_array(image.reshape(image.shape[1:]) if cols.ndim == 2 else image, input._storage.dtype)


def fold(input: Tensor, output_size, kernel_size, dilation=1, padding=0, stride=1) -> Tensor:  # noqa: A002
    """*col2im*, la operación inversa de ``unfold``: las columnas ``(N, C·kH·kW, L)`` vuelven a una imagen
    ``(N, C, H, W)`` de tamaño ``output_size``; donde los parches se solapan, sus valores se suman."""
    if input.dim() not in (2, 3):
        raise RuntimeError(f"fold espera una entrada de 2 dimensiones (sin lote) o 3 (con lote), pero tiene forma {list(input.shape)}")
    output_size = _tuple(output_size, 2, "output_size")
    kernel, dilation, pads, stride = _block_options(kernel_size, dilation, padding, stride)
    rows, blocks = input.shape[-2:]
    if rows % (kernel[0] * kernel[1]):
        raise RuntimeError(
            f"fold: el tamaño de la dimensión {input.dim() - 2} de la entrada ({rows}) debe ser divisible por el "
            f"producto de kernel_size={list(kernel)}"
        )
    out_size = _check_blocks(output_size, kernel, stride, pads, dilation)
    if blocks != out_size[0] * out_size[1]:
        raise RuntimeError(
            f"fold: con output_size={list(output_size)}, kernel_size={list(kernel)}, dilation={list(dilation)}, "
            f"padding={[p for p, _ in pads]} y stride={list(stride)} caben {out_size[0]} * {out_size[1]} = "
            f"{out_size[0] * out_size[1]} parches, pero la dimensión {input.dim() - 1} de la entrada mide {blocks}"
        )
    return _one_input(_fold, Col2ImBackward0, input, output_size, kernel, dilation, pads, stride)
