"""Las operaciones de las capas como funciones (``torch.nn.functional``, que se importa como ``F``).

Los módulos (``nn.Linear``, ``nn.CrossEntropyLoss``…) guardan parámetros y opciones y llaman a estas
funciones. Las más sencillas son composiciones de operaciones del tensor (``l1_loss`` es
``(x - y).abs().mean()``) y la diferenciación automática las deriva sola. Las que más se usan al
entrenar tienen su propio nodo del grafo computacional, con el nombre que le da PyTorch
(``AddmmBackward0``, ``LogSoftmaxBackward0``, ``NllLossBackward0``…) y su derivada escrita a mano:

* es más rápido: un nodo en lugar de cinco o seis;
* es más exacto: ``binary_cross_entropy`` en ``p = 0`` o ``p = 1`` tiene una derivada finita, pero
  la composición de ``log`` y ``clamp`` daría ``0 / 0 = nan``.

Cada nodo sigue el esquema de ``minitorch/autograd/derivatives/``: ``setup`` guarda lo necesario al
calcular hacia adelante y ``backward`` recibe el gradiente del resultado y devuelve uno por entrada.
Los nodos de cada paso de entrenamiento (``AddmmBackward0`` y ``NllLossBackward0`` aquí, y
``LogSoftmaxBackward0``, que es el de ``Tensor.log_softmax``) calculan su derivada directamente con numpy,
sin crear un tensor por cada paso intermedio; solo con ``create_graph=True``, cuando el propio gradiente
debe poder derivarse otra vez, usan la misma fórmula escrita con operaciones de tensores.
Las pérdidas aceptan ``reduction``: ``'none'`` (una pérdida por ejemplo), ``'mean'`` o ``'sum'``.
"""

from __future__ import annotations

import functools
import math
import warnings

import numpy as np

from .. import dtypes, strides
from ..autograd import grad_mode
from ..autograd.derivatives import (
    DivBackward1, EluBackwardBackward0, GeluBackwardBackward0, HardtanhBackwardBackward0, LeakyReluBackwardBackward0,
    MulBackward1, SoftplusBackwardBackward0, _as_operation, _elu_backward, _gelu_backward, _hardtanh_backward,
    _leaky_relu_backward, _plus_number, _softplus_backward, _SQRT_2_OVER_PI,
)
from ..autograd.recording import OpNode, record
from ..autograd.wrap import _record_inplace
from ..creation import arange, empty_like
from ..tensor import Tensor, _elementwise_like
from ..ops.elementwise import _erf
from .convolution import conv1d, conv2d, fold, unfold  # noqa: F401 (F.conv2d…; el código, en convolution.py)
from .normalization import batch_norm  # noqa: F401 (el código, en normalization.py)
from .pooling import (  # noqa: F401 (F.max_pool2d…; el código, en pooling.py)
    adaptive_avg_pool1d, adaptive_avg_pool2d, avg_pool1d, avg_pool2d, max_pool1d, max_pool1d_with_indices, max_pool2d,
    max_pool2d_with_indices,
)
from .sparse import embedding  # noqa: F401 (el código, en sparse.py)

_REDUCTIONS = ("none", "mean", "sum")


def _differentiable(node_class):
    """Decorador: ``compute(*tensores, *opciones)`` calcula sin anotar nada y, si alguna entrada requiere
    gradiente (y el modo de gradiente está activo), ``node_class`` queda colgado del resultado.

    Es lo mismo que hace la capa ``autograd`` con cada método de ``Tensor`` (ver ``autograd/wrap.py``).
    """

    def decorate(compute):
        @functools.wraps(compute)
        def op(*args):
            if grad_mode._enabled:
                for a in args:
                    if isinstance(a, Tensor) and a.requires_grad:
                        return record(compute, node_class, args[0], args[1:], {})
            return compute(*args)

        return op

    return decorate


def _by_number(tensor: Tensor, operation: str, number: float, node_class) -> Tensor:
    """``tensor * número`` o ``tensor / número`` con el nodo que anota PyTorch cuando la cuenta ocurre dentro
    de una de sus funciones escritas en C++ (``MulBackward1``, ``DivBackward1``) y no en Python (``…Backward0``)."""
    raw = getattr(Tensor, operation).__wrapped__
    if grad_mode._enabled and tensor.requires_grad:
        return record(raw, node_class, tensor, (number,), {})
    return raw(tensor, number)


def _tensor(values: np.ndarray) -> Tensor:
    """Un resultado de numpy como tensor (sin copiarlo)."""
    return Tensor._from_array(values)


# --- capas -----------------------------------------------------------------------------------------
class AddmmBackward0(OpNode):
    """``b + X·Wᵀ``: dL/db = Σ filas de G, dL/dX = G·W y dL/dW = Gᵀ·X.

    PyTorch anota además un nodo ``TBackward0`` para ``Wᵀ``; aquí se deriva respecto de ``W`` directamente:
    un nodo menos, y el gradiente de ``W`` sale ya con su forma y se guarda en ``W.grad`` sin copiarlo.
    """

    _exclusive_grads = True  # tres resultados nuevos (una suma y dos productos), ninguno es una vista de otro

    def setup(ctx, result, bias, input, weight):  # noqa: A002 (nombre de PyTorch)
        ctx.save_for_backward(input if weight.requires_grad else None, weight if input.requires_grad else None)
        return bias, input, weight

    def backward(ctx, grad):
        input, weight = ctx.saved_tensors  # noqa: A001
        need_bias, need_input, need_weight = ctx.needs_input_grad
        if grad_mode._enabled:  # create_graph=True: el gradiente se anota para poder derivarlo
            return (
                grad.sum(0) if need_bias else None,
                grad @ weight if need_input else None,
                grad.t() @ input if need_weight else None,
            )
        g = grad._values()
        return (
            _tensor(np.add.reduce(g, axis=0)) if need_bias else None,
            _tensor(g @ weight._values()) if need_input else None,
            _tensor(g.T @ input._values()) if need_weight else None,
        )


@_differentiable(AddmmBackward0)
def _addmm(bias: Tensor, input: Tensor, weight: Tensor) -> Tensor:  # noqa: A002
    output = np.matmul(input._values(), weight._values().T)
    output += bias._values()
    return Tensor._from_array(output, input.dtype)


def _check_linear(input: Tensor, weight: Tensor, bias: Tensor | None) -> None:  # noqa: A002
    """Los errores de ``linear``, con los mensajes de PyTorch (``mat1`` es la entrada y ``mat2``, ``Wᵀ``)."""
    shape, weight_shape = input._shape, weight._shape
    if not shape or not weight_shape:
        raise RuntimeError(
            f"linear: los dos argumentos necesitan al menos una dimensión, pero tienen {len(shape)} y {len(weight_shape)}"
        )
    dtype = weight._storage.dtype
    if input._storage.dtype is not dtype or (bias is not None and bias._storage.dtype is not dtype):
        found = ", ".join(str(t.dtype) for t in (input, weight, bias) if t is not None)
        raise RuntimeError(f"linear: la entrada, el peso y el sesgo deben ser del mismo tipo, pero son {found}")
    if len(weight_shape) != 2 or shape[-1] != weight_shape[1]:
        raise RuntimeError(
            f"no se pueden multiplicar las formas de mat1 y mat2 ({math.prod(shape[:-1])}x{shape[-1]} y "
            f"{'x'.join(map(str, reversed(weight_shape)))})"
        )
    if bias is None or bias._shape == weight_shape[:1]:
        return  # el caso habitual: un sesgo por neurona de salida
    output_shape = shape[:-1] + weight_shape[:1]
    if strides.broadcast_shapes(bias._shape, output_shape) != output_shape:
        raise RuntimeError(f"linear: el sesgo, de forma {list(bias._shape)}, no encaja con la salida, de forma {list(output_shape)}")


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:  # noqa: A002
    """``input @ weight.T + bias``: cada fila de ``weight`` es una neurona de salida.

    Con sesgo es una sola operación, ``addmm``, como en PyTorch: las entradas que no son un lote de
    vectores (1-D, o 3-D y más) se ven como una matriz ``(filas, in_features)`` y el resultado recupera
    después su forma (si no son contiguas, se multiplican con ``matmul`` y el sesgo se suma después).
    """
    _check_linear(input, weight, bias)
    if bias is None:
        return input.matmul(weight.t())
    if input.dim() == 2:
        return _addmm(bias, input, weight)
    if not input.is_contiguous():  # PyTorch solo junta las filas sin copiar; si no puede, multiplica y suma aparte
        return input.matmul(weight.t()) + bias
    rows = input.reshape(-1, input.shape[-1])
    return _addmm(bias, rows, weight).view(*input.shape[:-1], weight.shape[0])


def relu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    return input.relu_() if inplace else input.relu()


def sigmoid(input: Tensor) -> Tensor:  # noqa: A002
    return input.sigmoid()


# --- más activaciones: cada una con su nodo y su derivada escrita a mano ------------------------------------
class _OnInput(OpNode):
    """Base de las activaciones cuya derivada se escribe con la entrada ``x`` y sus opciones."""

    def setup(ctx, result, input, *options):  # noqa: A002
        ctx.save_for_backward(input)
        ctx.options = options
        return (input,)


class LeakyReluBackward0(_OnInput):
    """La derivada es 1 donde x > 0 y la pendiente negativa en el resto (también en x = 0)."""

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        (slope,) = ctx.options
        return (_as_operation(_leaky_relu_backward, LeakyReluBackwardBackward0, grad, x, slope),)


@_differentiable(LeakyReluBackward0)
def _leaky_relu(input: Tensor, negative_slope: float) -> Tensor:  # noqa: A002
    x = input._values()
    return _elementwise_like(np.where(x > 0, x, x * negative_slope).astype(x.dtype, copy=False), input, input.dtype)


LeakyReluBackward1 = type("LeakyReluBackward1", (LeakyReluBackward0,), {})  # el de inplace=True


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x`` si es positivo y ``pendiente · x`` si no: como ReLU, pero los negativos no pierden del todo el gradiente."""
    _check_floating_input(input, "leaky_relu")
    if inplace:
        return _in_place(input, _leaky_relu, (negative_slope,), LeakyReluBackward1)
    return _leaky_relu(input, negative_slope)


class EluBackward0(_OnInput):
    """Para x > 0 la derivada es 1; para x ≤ 0, α·eˣ."""

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        (alpha,) = ctx.options
        return (_as_operation(_elu_backward, EluBackwardBackward0, grad, x, alpha),)


@_differentiable(EluBackward0)
def _elu(input: Tensor, alpha: float) -> Tensor:  # noqa: A002
    x = input._values()
    return _elementwise_like(np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0))).astype(x.dtype, copy=False), input, input.dtype)


EluBackward1 = type("EluBackward1", (EluBackward0,), {})  # el de inplace=True


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x`` si es positivo y ``α·(eˣ − 1)`` si no: una ReLU suave que baja hasta −α."""
    _check_floating_input(input, "elu")
    if inplace:
        return _in_place(input, _elu, (alpha,), EluBackward1)
    return _elu(input, alpha)


class SiluBackward0(_OnInput):
    """y = x·σ(x): dy/dx = σ(x)·(1 + x·(1 − σ(x)))."""

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        s = x.sigmoid()
        if not grad_mode._enabled:
            return (grad * s * (x * (1 - s) + 1),)
        # create_graph: los mismos nodos que la fórmula de PyTorch en C++, donde «1 − s» resta un tensor
        # constante (SubBackward0) y «1 + …» suma un número (AddBackward1).
        one = Tensor._from_array(np.ones((), s.dtype.numpy), s.dtype)
        return (grad * s * _plus_number(x * (one - s), 1),)


@_differentiable(SiluBackward0)
def _silu(input: Tensor) -> Tensor:  # noqa: A002
    return input * input.sigmoid()


def silu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x · σ(x)`` (también llamada *swish*): casi ReLU para x grandes, suave cerca de 0."""
    _check_floating_input(input, "silu")
    return _in_place(input, _silu, (), SiluBackward0) if inplace else _silu(input)


class SoftplusBackward0(_OnInput):
    """y = log(1 + e^(βx))/β: dy/dx = σ(βx), o 1 donde βx supera el umbral (allí y = x)."""

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return (_as_operation(_softplus_backward, SoftplusBackwardBackward0, grad, x, *ctx.options),)


@_differentiable(SoftplusBackward0)
def _softplus_above_threshold(input: Tensor, beta: float, threshold: float) -> Tensor:  # noqa: A002
    x = input._values()
    scaled = x * beta
    # log(1 + e^z) = max(z, 0) + log(1 + e^-|z|): sin desbordar con z grandes.
    smooth = (np.maximum(scaled, 0) + np.log1p(np.exp(-np.abs(scaled)))) / beta
    return _elementwise_like(np.where(scaled > threshold, x, smooth).astype(x.dtype, copy=False), input, input.dtype)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:  # noqa: A002
    """``log(1 + e^(βx)) / β``: una ReLU suave y siempre positiva; por encima del umbral, ``x`` tal cual."""
    _check_floating_input(input, "softplus")
    return _softplus_above_threshold(input, beta, threshold)


def _gelu_tanh_inner(x):
    return _SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)


class GeluBackward0(_OnInput):
    """Exacta, y = x·Φ(x): dy/dx = Φ(x) + x·φ(x), con Φ la distribución normal y φ su densidad.
    Con ``'tanh'``, y = x/2·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³): dy/dx = (1 + tanh u)/2 + x/2·(1 − tanh² u)·du/dx."""

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return (_as_operation(_gelu_backward, GeluBackwardBackward0, grad, x, *ctx.options),)


@_differentiable(GeluBackward0)
def _gelu(input: Tensor, approximate: str) -> Tensor:  # noqa: A002
    x = input._values()
    if approximate == "tanh":
        y = 0.5 * x * (1 + np.tanh(_gelu_tanh_inner(x.astype(np.float64))))
    else:
        # erf, en float64 y redondeada al tipo de x; 1 + erf, en ese tipo, como PyTorch (así en la cola negativa,
        # donde 1 + erf pierde cifras, salen sus mismos números).
        y = 0.5 * x * (1 + _erf(x.astype(np.float64) / math.sqrt(2)).astype(x.dtype))
    return _elementwise_like(y.astype(x.dtype, copy=False), input, input.dtype)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:  # noqa: A002
    """``x · Φ(x)``, con Φ la función de distribución de la normal: la activación de los *transformers* (GPT, BERT).
    ``approximate='tanh'`` usa la aproximación con tanh de GPT-2."""
    if approximate not in ("none", "tanh"):
        raise RuntimeError(f"el argumento approximate debe ser 'none' o 'tanh', no {approximate!r}")
    _check_floating_input(input, "gelu")
    return _gelu(input, approximate)


class HardtanhBackward0(_OnInput):
    """Pendiente 1 dentro de (min_val, max_val) y 0 fuera (también en los extremos, como en PyTorch)."""

    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return (_as_operation(_hardtanh_backward, HardtanhBackwardBackward0, grad, x, *ctx.options),)


@_differentiable(HardtanhBackward0)
def _hardtanh(input: Tensor, min_val: float, max_val: float) -> Tensor:  # noqa: A002
    if not input.dtype.is_floating_point:  # un tensor entero sigue siendo entero (los límites se truncan)
        min_val, max_val = int(min_val), int(max_val)
    with grad_mode.no_grad():
        return input.clamp(min_val, max_val)


def hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x`` recortado a ``[min_val, max_val]``: una tanh «a trozos», con pendiente 1 en medio y 0 fuera."""
    if min_val > max_val:
        raise ValueError(f"hardtanh: min_val ({min_val}) no puede ser mayor que max_val ({max_val})")
    if inplace:
        return _in_place(input, _hardtanh, (min_val, max_val), HardtanhBackward0)
    return _hardtanh(input, min_val, max_val)


def _in_place(input: Tensor, op, options: tuple, node_class) -> Tensor:  # noqa: A002
    """``inplace=True``: el resultado de ``op`` se escribe en la propia entrada, que pasa a tener por
    historia el nodo ``node_class`` (lo mismo que hacen los métodos in situ del tensor, como ``relu_``)."""
    compute = op.__wrapped__  # la cuenta, sin anotar nada

    def write():
        with grad_mode.no_grad():
            input._write(compute(input, *options)._values())

    if grad_mode._enabled and input.requires_grad:
        _record_inplace(input, lambda old: record(compute, node_class, old, options, {}), write)
    else:
        write()
    return input


def tanh(input: Tensor) -> Tensor:  # noqa: A002
    return input.tanh()


def _softmax_dim(input: Tensor, dim: int | None, name: str, stacklevel: int) -> int:  # noqa: A002
    """Sin ``dim``, PyTorch elige una por compatibilidad con versiones antiguas (y avisa)."""
    ndim = input.dim()
    if dim is None:
        warnings.warn(
            f"la elección implícita de la dimensión de {name} está obsoleta; indica dim=X en la llamada",
            UserWarning,
            stacklevel=stacklevel,
        )
        dim = 0 if ndim in (0, 1, 3) else 1
    return strides.normalize_dim(dim, max(ndim, 1))


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None) -> Tensor:  # noqa: A002
    """``x - log Σ e^x`` a lo largo de ``dim``: el logaritmo de ``softmax``, sin pasar por números enormes.

    La cuenta y su derivada (``LogSoftmaxBackward0``) son las de ``Tensor.log_softmax``.
    """
    if dtype is not None:
        input = input.to(dtype)
    return input.log_softmax(_softmax_dim(input, dim, "log_softmax", _stacklevel))


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None) -> Tensor:  # noqa: A002
    """``e^x / Σ e^x`` a lo largo de ``dim``: probabilidades que suman 1 (ver ``Tensor.softmax``)."""
    if dtype is not None:
        input = input.to(dtype)
    return input.softmax(_softmax_dim(input, dim, "softmax", _stacklevel))


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:  # noqa: A002
    """Pone a cero cada elemento con probabilidad ``p`` y escala el resto por ``1 / (1 - p)``."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"la probabilidad de dropout debe estar entre 0 y 1, pero es {p}")
    if not training or p == 0.0:
        return input
    keep = empty_like(input).bernoulli_(1 - p)
    if p < 1.0:
        keep.div_(1 - p)
    return input.mul_(keep) if inplace else input * keep


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    """Índices de clase → vectores con un 1 en la posición de la clase (``int64``)."""
    if tensor.dtype is not dtypes.int64:
        raise RuntimeError("one_hot solo se aplica a tensores de índices (int64)")
    if num_classes == -1:
        num_classes = int(tensor.max().item()) + 1 if tensor.numel() else 0
    if tensor.numel() and (int(tensor.min().item()) < 0 or int(tensor.max().item()) >= num_classes):
        raise RuntimeError(f"one_hot: los índices deben estar entre 0 y num_classes - 1 = {num_classes - 1}")
    return (tensor.unsqueeze(-1) == arange(num_classes)).long()


# --- reducción de las pérdidas ---------------------------------------------------------------------
def _legacy_reduction(size_average, reduce) -> str:
    """Traduce los argumentos antiguos ``size_average`` y ``reduce`` a ``reduction`` (y avisa)."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = "none" if not reduce else "mean" if size_average else "sum"
    warnings.warn(
        f"los argumentos size_average y reduce están obsoletos; usa reduction='{reduction}'", UserWarning, stacklevel=3
    )
    return reduction


def _check_floating_input(input: Tensor, name: str) -> None:  # noqa: A002
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"{name} no está implementada para tensores {input.dtype}: la entrada debe ser real")


def _same_dtype(tensor: Tensor | None, like: Tensor) -> Tensor | None:
    """``tensor`` (un peso opcional, o la entrada) convertido al tipo de ``like``, en el que se calcula la pérdida."""
    return tensor if tensor is None or tensor.dtype is like.dtype else tensor.to(like.dtype)


def _check_reduction(reduction: str, size_average=None, reduce=None) -> str:
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} no es un valor válido de reduction (usa 'none', 'mean' o 'sum')")
    return reduction


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def _reduction_scale(grad: Tensor, reduction: str, count: int) -> Tensor:
    """El gradiente que llega a cada término de la pérdida: con ``'mean'``, repartido entre ``count``."""
    return grad / count if reduction == "mean" else grad


def _warn_if_broadcasting(input: Tensor, target: Tensor) -> None:  # noqa: A002
    if target.shape != input.shape:
        warnings.warn(
            f"se usa un objetivo de forma {target.shape} distinta de la de la entrada, {input.shape}: la difusión "
            "(broadcasting) probablemente dará resultados incorrectos. Asegúrate de que tengan la misma forma",
            UserWarning,
            stacklevel=3,
        )


# --- pérdidas de regresión -------------------------------------------------------------------------
class MseLossBackward0(OpNode):
    """L = (x − y)²: dL/dx = 2·(x − y)·G y dL/dy = −dL/dx."""

    def setup(ctx, result, input, target, reduction):  # noqa: A002
        ctx.save_for_backward(input, target)
        ctx.reduction = reduction
        return input, target

    def backward(ctx, grad):
        input, target = ctx.saved_tensors  # noqa: A001
        diff = input - target
        grad_input = diff * _reduction_scale(grad * 2, ctx.reduction, diff.numel())
        return grad_input, -grad_input if ctx.needs_input_grad[1] else None


@_differentiable(MseLossBackward0)
def _mse_loss(input: Tensor, target: Tensor, reduction: str) -> Tensor:  # noqa: A002
    diff = input - target
    return _reduce(diff.mul_(diff), reduction)


def mse_loss(input: Tensor, target: Tensor, size_average=None, reduce=None, reduction: str = "mean") -> Tensor:  # noqa: A002
    """Error cuadrático ``(input - target)²``."""
    reduction = _check_reduction(reduction, size_average, reduce)
    _warn_if_broadcasting(input, target)
    if target.dtype is dtypes.bool and input.dtype.is_floating_point:  # etiquetas True/False: valen 1 y 0
        target = target.to(input.dtype)
    if not (input.dtype.is_floating_point or target.dtype.is_floating_point):
        raise NotImplementedError(f"mse_loss no está implementada para tensores {input.dtype} y {target.dtype}: alguno debe ser real")
    return _mse_loss(input, target, reduction)


def l1_loss(input: Tensor, target: Tensor, size_average=None, reduce=None, reduction: str = "mean") -> Tensor:  # noqa: A002
    """Error absoluto ``|input - target|`` (una composición: PyTorch tampoco le da un nodo propio)."""
    reduction = _check_reduction(reduction, size_average, reduce)
    _warn_if_broadcasting(input, target)
    return _reduce((input - target).abs(), reduction)


class SmoothL1LossBackward0(OpNode):
    """L = ½·d²/β si |d| < β y |d| − ½·β si no (d = x − y): dL/dx = d/β dentro, sign(d) fuera; dL/dy = −dL/dx."""

    def setup(ctx, result, input, target, reduction, beta):  # noqa: A002
        ctx.save_for_backward(input, target)
        ctx.reduction, ctx.beta = reduction, beta
        return input, target

    def backward(ctx, grad):
        input, target = ctx.saved_tensors  # noqa: A001
        diff = input - target
        slope = (diff / ctx.beta).clamp(-1, 1)
        grad_input = slope * _reduction_scale(grad, ctx.reduction, diff.numel())
        return grad_input, -grad_input if ctx.needs_input_grad[1] else None


@_differentiable(SmoothL1LossBackward0)
def _smooth_l1_loss(input: Tensor, target: Tensor, reduction: str, beta: float) -> Tensor:  # noqa: A002
    diff = (input - target).abs()
    return _reduce((diff * diff * (0.5 / beta)).where(diff < beta, diff - 0.5 * beta), reduction)


def smooth_l1_loss(input: Tensor, target: Tensor, size_average=None, reduce=None, reduction: str = "mean",  # noqa: A002
                   beta: float = 1.0) -> Tensor:
    """Cuadrática cerca de 0 (``½·d²/β`` si ``|d| < β``) y lineal lejos (``|d| − ½·β``): menos sensible a los
    valores atípicos que ``mse_loss``. Con ``beta=0`` es ``l1_loss``."""
    reduction = _check_reduction(reduction, size_average, reduce)
    if beta < 0:
        raise RuntimeError(f"smooth_l1_loss no admite valores negativos de beta (beta={beta})")
    if beta == 0:
        return l1_loss(input, target, reduction=reduction)
    _warn_if_broadcasting(input, target)
    return _smooth_l1_loss(input, target, reduction, beta)


# --- pérdidas de clasificación ---------------------------------------------------------------------
def _check_class_targets(input: Tensor, target: Tensor, weight: Tensor | None, ignore_index: int) -> None:  # noqa: A002
    """Valida unos índices de clase para ``input`` de forma ``(C,)`` o ``(N, C, d1, ...)``."""
    if target.dtype is not dtypes.int64:
        raise RuntimeError(f"se esperaba un objetivo de tipo int64 (índices de clase), pero es {target.dtype}")
    shape, target_shape = input._shape, target._shape
    if not shape:
        raise ValueError("la entrada debe tener al menos una dimensión (la de las clases)")
    class_dim = 0 if len(shape) == 1 else 1
    if len(shape) == 1 and len(target_shape) == 1 and target_shape[0] != 1:
        raise ValueError(f"con una entrada 1-D, un objetivo 1-D debe tener un solo elemento, pero tiene {target_shape[0]}")
    if len(shape) >= 2 and (not target_shape or target_shape[0] != shape[0]):
        found = target_shape[0] if target_shape else 1
        raise ValueError(f"el tamaño del lote de la entrada ({shape[0]}) no coincide con el del objetivo ({found})")
    expected = shape[:class_dim] + shape[class_dim + 1 :]
    if target_shape != expected and not (len(shape) == 1 and target_shape == (1,)):
        raise RuntimeError(f"se esperaba un objetivo de forma {list(expected)}, pero tiene forma {list(target_shape)}")
    classes = shape[class_dim]
    _check_floating_input(input, "nll_loss")
    if weight is not None and weight.dtype is not input.dtype:
        raise RuntimeError(f"el peso de las clases es de tipo {weight.dtype}, pero debe ser del tipo de la entrada, {input.dtype}")
    if weight is not None and weight._shape != (classes,):
        raise RuntimeError(
            f"el peso debe tener un valor por clase ({classes}) o no existir, pero tiene forma {list(weight._shape)}"
        )
    labels = target._values()
    # Lo habitual: todo en rango, dos pasadas (con los reduce de los ufunc, sin la capa Python de min y max).
    if labels.size and (np.minimum.reduce(labels, axis=None) < 0 or np.maximum.reduce(labels, axis=None) >= classes):
        bad = ((labels < 0) | (labels >= classes)) & (labels != ignore_index)
        if bad.any():
            raise IndexError(f"el objetivo {labels[bad].flat[0]} está fuera de rango (hay {classes} clases)")


def _nll_terms(input: Tensor, target: Tensor, weight: Tensor | None, ignore_index: int):  # noqa: A002
    """Una máscara con la forma de ``input`` (``True`` en la clase de cada ejemplo) y el peso de cada
    ejemplo (el de su clase, o 1; 0 si se ignora), como arrays de numpy."""
    labels = target._values()
    ndim = len(input._shape)
    class_dim = 0 if ndim == 1 else 1
    with_class_axis = labels.shape[:class_dim] + (1,) + labels.shape[class_dim:]
    positions = np.arange(input._shape[class_dim])
    if ndim > 2:  # (N, C, d1, ...): las clases van en la dimensión 1 y se difunden por las demás
        positions = positions.reshape((-1,) + (1,) * (ndim - 2))
    mask = labels.reshape(with_class_axis) == positions
    counted = labels != ignore_index
    if 0 <= ignore_index < len(positions):
        # Un ejemplo ignorado no recibe gradiente, ni siquiera 0 · (1 / 0) = nan si se ignoran todos.
        mask &= counted.reshape(with_class_axis)
    weights = counted.astype(input.dtype.numpy)
    if weight is not None:
        weights *= weight._values()[np.where(counted, labels, 0)]
    return mask, weights


class NllLossBackward0(OpNode):
    """L = −w·x[clase]: el gradiente es −w·G en la posición de la clase de cada ejemplo y 0 en el resto."""

    def setup(ctx, result, input, mask, weights, reduction):  # noqa: A002
        if reduction == "mean":
            weights = weights / np.add.reduce(weights, axis=None)
        ctx.mask, ctx.weights = mask, -weights  # arrays de numpy: solo create_graph los quiere como tensores
        ctx.class_dim = 0 if len(input._shape) == 1 else 1
        return (input,)

    def backward(ctx, grad):
        if grad_mode._enabled:
            weights, mask = Tensor._from_array(ctx.weights, grad.dtype), Tensor._from_array(ctx.mask)
            return ((weights * grad).unsqueeze(ctx.class_dim) * mask,)
        scaled = ctx.weights * grad._values()
        scaled = scaled.reshape(scaled.shape[: ctx.class_dim] + (1,) + scaled.shape[ctx.class_dim :])
        return (_tensor(np.where(ctx.mask, scaled, 0)),)


class NllLoss2DBackward0(NllLossBackward0):
    """El mismo nodo para entradas ``(N, C, H, W)``, con el nombre que le da PyTorch."""


def _nll_loss_values(input: Tensor, mask: np.ndarray, weights: np.ndarray, reduction: str) -> Tensor:  # noqa: A002
    picked = np.add.reduce(np.where(mask, input._values(), 0), axis=0 if len(input._shape) == 1 else 1)
    losses = -picked * weights
    if reduction == "sum":
        losses = np.add.reduce(losses, axis=None)
    elif reduction == "mean":
        total_weight = np.add.reduce(weights, axis=None)
        losses = np.add.reduce(losses, axis=None) / total_weight if total_weight else np.nan  # todos ignorados: 0 / 0, como PyTorch
    return Tensor._from_array(np.asarray(losses, dtype=input.dtype.numpy), input.dtype)


_nll_loss = _differentiable(NllLossBackward0)(_nll_loss_values)
_nll_loss2d = _differentiable(NllLoss2DBackward0)(_nll_loss_values)


def nll_loss(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average=None,  # noqa: A002
             ignore_index: int = -100, reduce=None, reduction: str = "mean") -> Tensor:
    """``-input[i, target[i]]`` (por el peso de su clase); con ``'mean'``, dividido por la suma de los pesos.

    ``input`` son logaritmos de probabilidades (la salida de ``log_softmax``), de forma ``(N, C)``,
    ``(C,)`` o ``(N, C, d1, ...)``. Los ejemplos cuyo objetivo es ``ignore_index`` no cuentan.
    """
    reduction = _check_reduction(reduction, size_average, reduce)
    _check_class_targets(input, target, weight, ignore_index)
    ndim = len(input._shape)
    if ndim == 1 and target._shape == (1,):  # un solo ejemplo, con su clase en una lista de un elemento
        target = target.reshape(())
    if ndim == 3 or ndim > 4:
        # Como PyTorch: (N, C, d1, d2…) se calcula como una imagen (N, C, 1, d1·d2·…) y se vuelve a la forma de partida.
        n, classes, rest = input._shape[0], input._shape[1], math.prod(input._shape[2:])
        loss = nll_loss(input.reshape(n, classes, 1, rest), target.reshape(n, 1, rest), weight,
                        ignore_index=ignore_index, reduction=reduction)
        return loss.view(target.shape) if reduction == "none" else loss
    mask, weights = _nll_terms(input, target, weight, ignore_index)
    return (_nll_loss2d if ndim == 4 else _nll_loss)(input, mask, weights, reduction)


def cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average=None,  # noqa: A002
                  ignore_index: int = -100, reduce=None, reduction: str = "mean", label_smoothing: float = 0.0) -> Tensor:
    """Entropía cruzada entre *logits* y clases: ``nll_loss(log_softmax(input), target)``.

    ``target`` puede ser índices de clase o, si tiene la forma de ``input``, probabilidades por clase.
    ``label_smoothing`` reparte esa fracción de la probabilidad entre todas las clases.
    """
    reduction = _check_reduction(reduction, size_average, reduce)
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing debe estar entre 0.0 y 1.0, pero es {label_smoothing}")
    if not input._shape:
        raise RuntimeError("cross_entropy necesita una entrada con al menos una dimensión (la de las clases)")
    class_dim = 0 if input.dim() == 1 else 1
    log_probs = log_softmax(input, class_dim)
    if target.shape == input.shape and target.dtype.is_floating_point:
        return _cross_entropy_with_probabilities(log_probs, target, weight, reduction, label_smoothing, class_dim)
    loss = nll_loss(log_probs, target, weight, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing == 0.0:
        return loss
    # La parte suavizada: -Σ log p de todas las clases (con sus pesos), y 0 en los ejemplos ignorados.
    classes = input.shape[class_dim]
    terms = log_probs if weight is None else log_probs * weight.view([classes] + [1] * (input.dim() - class_dim - 1))
    smooth = (-terms.sum(class_dim)).masked_fill(target == ignore_index, 0.0)
    if reduction == "sum":
        smooth = smooth.sum()
    elif reduction == "mean":
        _, weights = _nll_terms(input, target, weight, ignore_index)
        smooth = smooth.sum() / float(weights.sum())
    return _by_number(loss, "mul", 1 - label_smoothing, MulBackward1) + _by_number(
        smooth, "mul", label_smoothing / classes, MulBackward1
    )


def _cross_entropy_with_probabilities(log_probs: Tensor, target: Tensor, weight, reduction: str,
                                      label_smoothing: float, class_dim: int) -> Tensor:
    classes = log_probs.shape[class_dim]
    if label_smoothing > 0:
        target = target * (1 - label_smoothing) + label_smoothing / classes
    terms = log_probs * target
    if weight is not None:
        terms = terms * weight.view([classes] + [1] * (log_probs.dim() - class_dim - 1))
    if reduction == "none":
        return -terms.sum(class_dim)
    total = -terms.sum()
    if reduction == "sum":
        return total
    return _by_number(total, "div", log_probs.numel() // classes, DivBackward1)  # la media por ejemplo, no por peso


class BinaryCrossEntropyBackward0(OpNode):
    """L = −w·(y·log p + (1 − y)·log(1 − p)).

    dL/dp = w·(p − y) / (p·(1 − p)), con el denominador acotado por abajo (1e-12) como en PyTorch:
    así en p = 0 o p = 1 el gradiente es grande pero finito. dL/dy = w·(log(1 − p) − log p).
    """

    def setup(ctx, result, input, target, weight, reduction):  # noqa: A002
        ctx.save_for_backward(input, target, weight)
        ctx.reduction = reduction
        return input, target

    def backward(ctx, grad):
        p, y, weight = ctx.saved_tensors
        scale = _reduction_scale(grad, ctx.reduction, p.numel())
        if weight is not None:
            scale = scale * weight
        need_input, need_target = ctx.needs_input_grad
        grad_input = (p - y) / ((1 - p) * p).clamp(min=1e-12) * scale if need_input else None
        grad_target = ((1 - p).log() - p.log()) * scale if need_target else None
        return grad_input, grad_target


@_differentiable(BinaryCrossEntropyBackward0)
def _binary_cross_entropy(input: Tensor, target: Tensor, weight, reduction: str) -> Tensor:  # noqa: A002
    # Cada logaritmo se recorta a ≥ -100 (como PyTorch): p = 0 o p = 1 no dan -inf.
    losses = -(target * input.log().clamp(min=-100) + (1 - target) * (1 - input).log().clamp(min=-100))
    return _reduce(losses if weight is None else losses * weight, reduction)


def binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average=None,  # noqa: A002
                         reduce=None, reduction: str = "mean") -> Tensor:
    """``-(y log p + (1 - y) log(1 - p))`` con ``p`` probabilidades (la salida de una sigmoide)."""
    reduction = _check_reduction(reduction, size_average, reduce)
    if target.shape != input.shape:
        raise ValueError(
            f"usar un objetivo de forma {target.shape} distinta de la de la entrada, {input.shape}, no está "
            "permitido: asegúrate de que tengan la misma forma"
        )
    _check_floating_input(input, "binary_cross_entropy")
    if target.dtype is not input.dtype:
        raise RuntimeError(f"el objetivo es de tipo {target.dtype}, pero debe ser del tipo de la entrada, {input.dtype}")
    values = input._values()
    if not ((values >= 0) & (values <= 1)).all():  # así también un nan (que no cumple ninguna comparación)
        raise RuntimeError("todos los elementos de la entrada deben estar entre 0 y 1")
    return _binary_cross_entropy(input, target, _same_dtype(weight, input), reduction)


def _softplus(x: Tensor) -> Tensor:
    """``log(1 + e^x)`` sin desbordar: ``max(x, 0) + log(1 + e^-|x|)``, donde ningún exponente es positivo."""
    return x.clamp(min=0) + (-x.abs()).exp().log1p()


class BinaryCrossEntropyWithLogitsBackward0(OpNode):
    """L = (1 − y)·x + (1 + (pw − 1)·y)·log(1 + e⁻ˣ), con pw = ``pos_weight`` (1 si no hay).

    dL/dx = σ(x) − y sin ``pos_weight``; con él, (pw·y + 1 − y)·σ(x) − pw·y.
    dL/dy = −x sin ``pos_weight``; con él, pw·log(1 + e⁻ˣ) − log(1 + eˣ).
    """

    def setup(ctx, result, input, target, weight, pos_weight, reduction):  # noqa: A002
        ctx.save_for_backward(input, target, weight, pos_weight)
        ctx.reduction = reduction
        return input, target

    def backward(ctx, grad):
        x, y, weight, pos_weight = ctx.saved_tensors
        scale = _reduction_scale(grad, ctx.reduction, x.numel())
        if weight is not None:
            scale = scale * weight
        need_input, need_target = ctx.needs_input_grad
        grad_input = grad_target = None
        if pos_weight is None:
            if need_input:
                grad_input = (x.sigmoid() - y) * scale
            if need_target:
                grad_target = -x * scale
        else:
            weighted = pos_weight * y
            if need_input:
                grad_input = ((weighted + 1 - y) * x.sigmoid() - weighted) * scale
            if need_target:
                grad_target = (pos_weight * _softplus(-x) - _softplus(x)) * scale
        return grad_input, grad_target


@_differentiable(BinaryCrossEntropyWithLogitsBackward0)
def _binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight, pos_weight, reduction: str) -> Tensor:  # noqa: A002
    softplus_neg = _softplus(-input)  # -log σ(x) = log(1 + e^-x)
    if pos_weight is not None:
        softplus_neg = softplus_neg * ((pos_weight - 1) * target + 1)
    losses = (1 - target) * input + softplus_neg
    return _reduce(losses if weight is None else losses * weight, reduction)


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Tensor | None = None,  # noqa: A002
                                     size_average=None, reduce=None, reduction: str = "mean",
                                     pos_weight: Tensor | None = None) -> Tensor:
    """``binary_cross_entropy(sigmoid(x), y)`` en un solo paso, estable aunque los *logits* sean enormes.

    ``pos_weight`` multiplica la pérdida de los ejemplos positivos (útil si hay pocos).
    """
    reduction = _check_reduction(reduction, size_average, reduce)
    if target.shape != input.shape:
        raise ValueError(f"el objetivo, de forma {target.shape}, debe tener la misma forma que la entrada, {input.shape}")
    _check_floating_input(input, "binary_cross_entropy_with_logits")
    if not target.dtype.is_floating_point:
        raise RuntimeError(f"el objetivo debe ser de un tipo real (como la entrada, {input.dtype}), pero es {target.dtype}")
    # Como en PyTorch, la pérdida se calcula en el tipo del objetivo (y la entrada se convierte a él).
    input = _same_dtype(input, target)  # noqa: A001
    return _binary_cross_entropy_with_logits(input, target, _same_dtype(weight, target), _same_dtype(pos_weight, target), reduction)
