"""Cada operación diferenciable de minitorch, comprobada con diferencias finitas en float64.

Para cada operación, hypothesis elige formas al azar (con difusión en las operaciones de dos
entradas), valores y la disposición en memoria de cada entrada (contigua, traspuesta o con huecos),
y ``gradcheck`` compara la jacobiana de la retropropagación con la de las diferencias finitas.
Los valores se eligen lejos de los puntos donde la función no es derivable (el 0 de ``abs`` y
``relu``, los empates de ``max``...), donde las diferencias finitas no significan nada.
"""

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minitorch
from minitorch.autograd import gradcheck

SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- valores de entrada ----------------------------------------------------------------------------
def any_values(rng, shape):
    return rng.uniform(-2, 2, shape)


def positive(rng, shape):
    return rng.uniform(0.5, 2, shape)


def away_from_zero(rng, shape):
    return rng.choice([-1.0, 1.0], shape) * rng.uniform(0.3, 2, shape)


def distinct(rng, shape):
    """Valores separados al menos 0.3 entre sí: sin empates en max, min, amax…"""
    n = int(np.prod(shape, dtype=np.int64))
    return ((rng.permutation(n) - n / 2) * 0.3 + rng.uniform(0, 0.05, n)).reshape(shape)


def away_from_half(rng, shape):
    """Lejos de ±0.5, los límites del clamp de las pruebas."""
    return rng.choice([-1.0, 1.0], shape) * rng.choice([0.2, 0.8, 1.5], shape) + rng.uniform(-0.1, 0.1, shape)


def inside_unit(rng, shape):
    """Lejos de ±1, donde arcsen y arccos tienen derivada infinita."""
    return rng.uniform(-0.8, 0.8, shape)


def between_integers(rng, shape):
    """Entre k + 0.3 y k + 0.7 (k entero): su cociente entre ``near_one`` no cruza ningún entero."""
    return rng.integers(-3, 3, shape) + rng.uniform(0.3, 0.7, shape)


def near_one(rng, shape):
    return rng.uniform(1.0, 1.05, shape)


# --- formas --------------------------------------------------------------------------------------
def shape(min_dims=0, max_dims=3, min_size=1):
    return st.lists(st.integers(min_size, 3), min_size=min_dims, max_size=max_dims).map(tuple)


@st.composite
def broadcast_pair(draw):
    """Dos formas que se difunden: a una se le quitan dimensiones por la izquierda o se le ponen a 1."""
    big = draw(shape())
    small = list(big[draw(st.integers(0, len(big))):])
    small = tuple(1 if draw(st.booleans()) else n for n in small)
    return (big, small) if draw(st.booleans()) else (small, big)


def same(n=1, **kwargs):
    return shape(**kwargs).map(lambda s: (s,) * n)


# --- las operaciones -----------------------------------------------------------------------------
@dataclass
class Op:
    name: str
    fn: Callable
    shapes: st.SearchStrategy = field(default_factory=lambda: same(1))
    values: tuple = (any_values,)


UNARY = [
    Op("neg", lambda x: x.neg()),
    Op("-x", lambda x: -x),
    Op("exp", lambda x: x.exp()),
    Op("log", lambda x: x.log(), values=(positive,)),
    Op("log1p", lambda x: x.log1p(), values=(positive,)),
    Op("sqrt", lambda x: x.sqrt(), values=(positive,)),
    Op("rsqrt", lambda x: x.rsqrt(), values=(positive,)),
    Op("reciprocal", lambda x: x.reciprocal(), values=(away_from_zero,)),
    Op("abs", lambda x: x.abs(), values=(away_from_zero,)),
    Op("sign", lambda x: x.sign(), values=(away_from_zero,)),
    Op("log2", lambda x: x.log2(), values=(positive,)),
    Op("log10", lambda x: minitorch.log10(x), values=(positive,)),
    Op("expm1", lambda x: x.expm1()),
    Op("tan", lambda x: x.tan(), values=(inside_unit,)),
    Op("asin", lambda x: x.asin(), values=(inside_unit,)),
    Op("acos", lambda x: minitorch.acos(x), values=(inside_unit,)),
    Op("atan", lambda x: x.atan()),
    Op("sinh", lambda x: x.sinh()),
    Op("cosh", lambda x: x.cosh()),
    Op("sin", lambda x: x.sin()),
    Op("cos", lambda x: x.cos()),
    Op("tanh", lambda x: x.tanh()),
    Op("sigmoid", lambda x: x.sigmoid()),
    Op("relu", lambda x: x.relu(), values=(away_from_zero,)),
    Op("clamp", lambda x: x.clamp(-0.5, 0.5), values=(away_from_half,)),
    Op("clamp(min)", lambda x: x.clamp(min=0.5), values=(away_from_half,)),
    Op("clamp(max)", lambda x: minitorch.clamp(x, max=-0.5), values=(away_from_half,)),
    Op("square", lambda x: x.square()),
    Op("pow entero", lambda x: x ** 3),
    Op("pow real", lambda x: x ** 2.5, values=(positive,)),
    Op("pow negativo", lambda x: x.pow(-2), values=(away_from_zero,)),
    Op("pow 0", lambda x: x ** 0),
    Op("número ** x", lambda x: 2.5 ** x),
    Op("número - x", lambda x: 1 - x),
    Op("número / x", lambda x: 3 / x, values=(away_from_zero,)),
    Op("x / número", lambda x: x / 4),
    Op("x * número", lambda x: 2.5 * x),
    Op("x + número", lambda x: x + 1),
    Op("x - número", lambda x: x - 1),
    Op("masked_fill", lambda x: x.masked_fill(x.detach() > 0, 7.0)),
    Op("where con un número", lambda x: minitorch.where(x.detach() > 0, x, 0.0)),
    Op("norm", lambda x: x.norm(), values=(away_from_zero,)),
    Op("floor, ceil, trunc y round (derivada 0)", lambda x: x.floor() + x.ceil() * 2 + x.trunc() * 3 + x.round() * 4 + x * 5),
    Op("round con decimales", lambda x: minitorch.round(x, decimals=1) + x),
    Op("cumsum", lambda x: x.cumsum(-1) * minitorch.arange(1.0, x.shape[-1] + 1), same(1, min_dims=1)),
    Op("cumsum de un escalar", lambda x: minitorch.cumsum(x, 0), same(1, max_dims=0)),
    Op("logsumexp", lambda x: x.logsumexp(-1), same(1, min_dims=1)),
    Op("logsumexp de varias dimensiones, keepdim", lambda x: minitorch.logsumexp(x * 3, (0, -1), keepdim=True), same(1, min_dims=2)),
    Op("flip", lambda x: x.flip(0) * minitorch.arange(1.0, x.shape[-1] + 1), same(1, min_dims=1)),
    Op("flip de varias dimensiones", lambda x: minitorch.flip(x, (-1, 0)).cumsum(0), same(1, min_dims=2)),
    Op("diagonal", lambda x: x.diagonal(1) * 3, same(1, min_dims=2)),
    Op("diagonal de otras dimensiones", lambda x: minitorch.diagonal(x, -1, -1, 0).cumsum(-1), same(1, min_dims=3)),
    Op("trace", lambda x: x.trace(), same(1, min_dims=2, max_dims=2)),
    Op("diag de una matriz", lambda x: minitorch.diag(x, -1) * 2, same(1, min_dims=2, max_dims=2)),
    Op("diag de un vector", lambda x: x.diag(1).cumsum(0), same(1, min_dims=1, max_dims=1)),
    Op("roll", lambda x: x.roll(1, -1).cumsum(-1), same(1, min_dims=1)),
    Op("roll aplanado", lambda x: minitorch.roll(x, -2).cumsum(0) if x.dim() else x, same(1, min_dims=1, max_dims=1)),
    Op("nan_to_num (con valores finitos: la identidad)", lambda x: x.nan_to_num(posinf=1.0) * 2),
    Op("ravel, tile y outer", lambda x: minitorch.outer(x.ravel(), x.tile(2).ravel()).cumsum(0)),
    Op("hstack y vstack", lambda x: minitorch.hstack([x, x * 2]).cumsum(0).sum() + minitorch.vstack([x, x]).prod(), same(1, min_dims=1)),
    Op("tril", lambda x: x.tril() * 2, same(1, min_dims=2)),
    Op("triu con diagonal", lambda x: minitorch.triu(x, -1) + x.triu(1), same(1, min_dims=2)),
    Op("gather, con posiciones repetidas", lambda x: x.gather(-1, _positions(x, 0, -1, 0)), same(1, min_dims=1)),
    Op("index_select, con repetidas", lambda x: minitorch.index_select(x, 0, minitorch.tensor([0, x.shape[0] - 1, 0])), same(1, min_dims=1)),
    Op("repeat", lambda x: x.repeat(2, *([1] * x.dim())) * 3),
    Op("sort", lambda x: x.sort(-1, descending=True).values * minitorch.arange(1.0, x.shape[-1] + 1), same(1, min_dims=1), values=(distinct,)),
    Op("topk", lambda x: minitorch.topk(x.reshape(-1), 1, largest=False)[0]),
    Op("masked_select", lambda x: x.masked_select(x.detach() > 0) * 2),
    Op("softmax", lambda x: x.softmax(-1) * minitorch.arange(1.0, x.shape[-1] + 1 if x.dim() else 2), same(1, min_dims=1)),
    Op("log_softmax", lambda x: minitorch.log_softmax(x, 0) * 3, same(1, min_dims=1)),
    Op("norm p=1", lambda x: x.norm(p=1), values=(away_from_zero,)),
    Op("norm p=3 por filas", lambda x: x.norm(3, dim=-1), same(1, min_dims=1), values=(away_from_zero,)),
    Op("norm p=inf, keepdim", lambda x: x.norm(float("inf"), dim=0, keepdim=True), same(1, min_dims=1), values=(distinct,)),
    Op("norm p=-inf", lambda x: minitorch.norm(x, float("-inf")), values=(distinct,)),
    Op("norm p=0", lambda x: x.norm(0) + x.sum(), values=(away_from_zero,)),
    Op("remainder", lambda x: x.remainder(10.0), values=(positive,)),
    Op("erf", lambda x: x.erf() * 3),
    Op("erf (función)", lambda x: minitorch.erf(x * 2)),
    Op("gelu", lambda x: minitorch.nn.functional.gelu(x)),
    Op("gelu tanh", lambda x: minitorch.nn.functional.gelu(x, approximate="tanh")),
    Op("hardtanh", lambda x: minitorch.nn.functional.hardtanh(x, -0.5, 0.5), values=(away_from_half,)),
    Op("smooth_l1_loss", lambda x: minitorch.nn.functional.smooth_l1_loss(x, x.detach() * 0 + 0.25, beta=0.5), values=(away_from_half,)),
    Op("cumprod", lambda x: x.cumprod(-1) * minitorch.arange(1.0, x.shape[-1] + 1), same(1, min_dims=1)),
    Op("cumprod con ceros", lambda x: (x * (x.detach() > 0)).cumprod(0).sum(0) + x, same(1, min_dims=1)),
    Op("cumprod de un escalar", lambda x: minitorch.cumprod(x, 0), same(1, max_dims=0)),
    Op("movedim y take_along_dim", lambda x: minitorch.take_along_dim(x.movedim(0, -1), _positions(x.movedim(0, -1), 0, -1, 0), -1), same(1, min_dims=1)),
    Op("take_along_dim aplanado", lambda x: x.take_along_dim(minitorch.tensor([0, x.numel() - 1, 0]))),
    Op("abs_, floor_ y round_ en un intermedio", lambda x: (x * 1).abs_() + (x * 1).floor_() + (x * 1).round_() + (x * 1).erf_(), values=(away_from_zero,)),
]

BINARY = [
    Op("add", lambda a, b: a + b, broadcast_pair()),
    Op("add alpha", lambda a, b: a.add(b, alpha=3), broadcast_pair()),
    Op("sub", lambda a, b: a - b, broadcast_pair()),
    Op("sub alpha", lambda a, b: minitorch.sub(a, b, alpha=2), broadcast_pair()),
    Op("mul", lambda a, b: a * b, broadcast_pair()),
    Op("div", lambda a, b: a / b, broadcast_pair(), (any_values, away_from_zero)),
    Op("remainder de dos tensores", lambda a, b: a % b, broadcast_pair(), (between_integers, near_one)),
    Op("atan2", lambda a, b: minitorch.atan2(a, b), broadcast_pair(), (away_from_zero, away_from_zero)),
    Op("pow tensor", lambda a, b: a ** b, broadcast_pair(), (positive, any_values)),
    Op("maximum", lambda a, b: minitorch.maximum(a, b), broadcast_pair(), (distinct, distinct)),
    Op("minimum", lambda a, b: a.minimum(b), broadcast_pair(), (distinct, distinct)),
    Op("where", lambda a, b: minitorch.where(a.detach() > b.detach(), a, b), broadcast_pair(), (distinct, distinct)),
    Op("clamp tensor", lambda x, lo: x.clamp(lo, lo + 1), same(2), (away_from_half, lambda r, s: np.full(s, -0.5))),
    Op("lerp", lambda a, b: a.lerp(b, 0.3), broadcast_pair()),
    Op("lerp con peso tensor", lambda a, b, w: minitorch.lerp(a, b, w), same(3)),
]

REDUCTIONS = [
    Op("sum", lambda x: x.sum()),
    Op("sum(dim)", lambda x: x.sum(-1), same(1, min_dims=1)),
    Op("sum(dims, keepdim)", lambda x: x.sum((0, -1), keepdim=True), same(1, min_dims=2)),
    Op("mean", lambda x: x.mean()),
    Op("mean(dim, keepdim)", lambda x: x.mean(0, keepdim=True), same(1, min_dims=1)),
    Op("prod", lambda x: x.prod()),
    Op("prod(dim)", lambda x: x.prod(-1), same(1, min_dims=1)),
    Op("prod con un cero", lambda x: (x * (x.detach() > 0)).prod(0), same(1, min_dims=1)),
    Op("nansum", lambda x: minitorch.nansum(x) + x.nansum(axis=-1, keepdims=True).sum() if x.dim() else x.nansum()),
    Op("median", lambda x: x.median(), values=(distinct,)),
    Op("median(dim)", lambda x: x.median(-1).values * 2, same(1, min_dims=1), values=(distinct,)),
    Op("median con empates (reparte)", lambda x: minitorch.cat([x.reshape(-1), x.reshape(-1)]).median(), values=(distinct,)),
    Op("sum y mean con axis= y keepdims=", lambda x: x.sum(axis=-1, keepdims=True) + minitorch.mean(x, axis=0), same(1, min_dims=1)),
    Op("std", lambda x: x.std(), same(1, min_dims=1, min_size=2)),
    Op("std(dim)", lambda x: x.std(0), same(1, min_dims=1, min_size=2)),
    Op("var(dim, keepdim)", lambda x: x.var(-1, keepdim=True), same(1, min_dims=1, min_size=2)),
    Op("var(correction=0)", lambda x: x.var(correction=0)),
    Op("max", lambda x: x.max(), values=(distinct,)),
    Op("min", lambda x: x.min(), values=(distinct,)),
    Op("max(dim)", lambda x: x.max(0).values, same(1, min_dims=1), (distinct,)),
    Op("min(dim, keepdim)", lambda x: x.min(-1, keepdim=True)[0], same(1, min_dims=1), (distinct,)),
    Op("amax(dims)", lambda x: x.amax((0, -1)), same(1, min_dims=2), (distinct,)),
    Op("amin", lambda x: x.amin(), values=(distinct,)),
]


@st.composite
def matmul_shapes(draw, left, right, batch=False):
    n, k, m = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    b = draw(st.integers(1, 3))
    shapes = {"v": (k,), "M": (n, k), "B": (b, n, k), "1B": (1, n, k)}
    right_shapes = {"v": (k,), "M": (k, m), "B": (b, k, m), "2B": (2, b, k, m)}
    return shapes[left], right_shapes[right]


LINEAR = [
    Op("matmul 1-D · 1-D", lambda a, b: a @ b, matmul_shapes("v", "v")),
    Op("matmul 2-D · 2-D", lambda a, b: a @ b, matmul_shapes("M", "M")),
    Op("matmul 2-D · 1-D", lambda a, b: a @ b, matmul_shapes("M", "v")),
    Op("matmul 1-D · 2-D", lambda a, b: a @ b, matmul_shapes("v", "M")),
    Op("matmul por lotes", lambda a, b: a @ b, matmul_shapes("B", "B")),
    Op("matmul lotes · 2-D", lambda a, b: a.matmul(b), matmul_shapes("B", "M")),
    Op("matmul 2-D · lotes", lambda a, b: a.matmul(b), matmul_shapes("M", "B")),
    Op("matmul lotes difundidos", lambda a, b: a @ b, matmul_shapes("1B", "2B")),
    Op("matmul 1-D · lotes", lambda a, b: a @ b, matmul_shapes("v", "B")),
    Op("mm", lambda a, b: a.mm(b), matmul_shapes("M", "M")),
    Op("bmm", lambda a, b: minitorch.bmm(a, b), matmul_shapes("B", "B")),
    Op("mv", lambda a, b: a.mv(b), matmul_shapes("M", "v")),
    Op("dot", lambda a, b: minitorch.dot(a, b), matmul_shapes("v", "v")),
]


@st.composite
def cat_shapes(draw):
    base = list(draw(shape(min_dims=1)))
    dim = draw(st.integers(0, len(base) - 1))
    shapes = []
    for _ in range(draw(st.integers(1, 3))):
        base[dim] = draw(st.integers(1, 3))
        shapes.append(tuple(base))
    return tuple(shapes), dim


def join(fn):
    return lambda *tensors: fn(list(tensors))


JOINS = []
for _dim in range(3):
    JOINS.append(Op(f"cat dim={_dim}", join(lambda ts, d=_dim: minitorch.cat(ts, d)),
                    cat_shapes().filter(lambda sd, d=_dim: sd[1] == d).map(lambda sd: sd[0])))
JOINS += [
    Op("cat dim=-1", join(lambda ts: minitorch.cat(ts, -1)), cat_shapes().filter(lambda sd: sd[1] == len(sd[0][0]) - 1).map(lambda sd: sd[0])),
    Op("stack", join(lambda ts: minitorch.stack(ts, 0)), same(3)),
    Op("stack dim=-1", join(lambda ts: minitorch.stack(ts, -1)), same(2)),
    # PyTorch (y minitorch) se saltan los tensores 1-D vacíos al concatenar: su gradiente sale vacío.
    Op("cat con un tensor vacío", lambda a, b: minitorch.cat([a, b.reshape(-1)[:0], b]), same(2, min_dims=2, max_dims=2)),
]

VIEWS = [
    Op("view", lambda x: x.contiguous().view(-1)),
    Op("reshape", lambda x: x.reshape(-1, 1)),
    Op("flatten", lambda x: x.flatten()),
    Op("view_as", lambda x: x.reshape(-1).view_as(x)),
    Op("unflatten", lambda x: x.reshape(-1).unflatten(0, (1, -1))),
    Op("t", lambda x: x.t(), same(1, min_dims=2, max_dims=2)),
    Op("T", lambda x: x.T),
    Op("mT", lambda x: x.mT, same(1, min_dims=2)),
    Op("transpose", lambda x: x.transpose(0, -1), same(1, min_dims=1)),
    Op("permute", lambda x: x.permute(*reversed(range(x.dim())))),
    Op("expand", lambda x: x.unsqueeze(0).expand(2, *x.shape)),
    Op("expand de tamaño 1", lambda x: x[..., :1].expand(*x.shape[:-1], 3), same(1, min_dims=1)),
    Op("expand_as", lambda x: x.sum(0, keepdim=True).expand_as(x), same(1, min_dims=1)),
    Op("squeeze", lambda x: x.unsqueeze(1).squeeze(), same(1, min_dims=1)),
    Op("squeeze(dim)", lambda x: x.unsqueeze(-1).squeeze(-1)),
    Op("unsqueeze", lambda x: x.unsqueeze(-1) * 1),
    Op("slice", lambda x: x[1:], same(1, min_dims=1)),
    Op("slice con paso", lambda x: x[..., ::2], same(1, min_dims=1)),
    Op("índices básicos mezclados", lambda x: x[0, None, ..., 1:], same(1, min_dims=2)),
    Op("select", lambda x: x.select(-1, 0), same(1, min_dims=1)),
    Op("select negativo", lambda x: x[-1], same(1, min_dims=1)),
    Op("narrow", lambda x: x.narrow(0, 0, 1), same(1, min_dims=1)),
    Op("unfold", lambda x: x.unfold(-1, 2, 1) * 2, same(1, min_dims=1).filter(lambda s: s[0][-1] >= 2)),
    Op("unfold sin solapes", lambda x: x.unfold(0, 1, 2), same(1, min_dims=1)),
    Op("unbind", lambda x: minitorch.stack(x.unbind(0)[::-1]), same(1, min_dims=1)),
    Op("split", lambda x: x.split(2, dim=-1)[0], same(1, min_dims=1)),
    Op("split con tamaños, dos trozos", lambda x: x.split([1, x.shape[0] - 1])[1] * 2 + x.split([1, x.shape[0] - 1])[0].sum(),
       same(1, min_dims=1)),
    Op("chunk", lambda x: x.chunk(2)[-1], same(1, min_dims=1)),
    Op("unbind, solo un trozo", lambda x: x.unbind(-1)[0], same(1, min_dims=1)),
    Op("as_strided", lambda x: x.contiguous().as_strided((2, 2), (1, 1)), same(1, min_dims=1).filter(lambda s: np.prod(s[0]) >= 3)),
    Op("as_strided con stride 0", lambda x: x.contiguous().as_strided((3,), (0,), 1), same(1, min_dims=1).filter(lambda s: np.prod(s[0]) >= 2)),
    Op("contiguous", lambda x: x.t().contiguous(), same(1, min_dims=2, max_dims=2)),
    Op("clone", lambda x: x.clone()),
    Op("índice con lista repetida", lambda x: x[[0, 0, -1]], same(1, min_dims=1)),
    Op("índice con tensor", lambda x: x[:, minitorch.tensor([1, 0, 1])], same(1, min_dims=2).filter(lambda s: s[0][1] >= 2)),
    Op("índice con máscara", lambda x: x[x.detach() > 0]),
]

INPLACE = [
    Op("add_ en un intermedio", lambda x, y: (x * 1).add_(y), same(2)),
    Op("mul_ en un intermedio", lambda x, y: (x * 1).mul_(y), same(2)),
    # (sigmoid_ guarda su resultado: modificarlo después in situ daría error, como en PyTorch)
    Op("sigmoid_ y relu_", lambda x: ((x * 2).sigmoid_() * 1).sub_(0.5).relu_(), values=(away_from_zero,)),
    Op("asignación en un intermedio", lambda x, y: _assign(x, y), same(2, min_dims=1)),
    Op("mul_ en una vista", lambda x, y: _view_mul(x, y), same(2, min_dims=1)),
    Op("asignación con índice avanzado", lambda x, y: _assign_advanced(x, y), same(1, min_dims=1).map(lambda s: (s[0], s[0][1:]))),
    # x[0, [0]] = v escribe en la vista x[0] (CopySlices); x[...] = v con v 0-d rellena (FillBackward3)
    Op("asignación avanzada en una vista", lambda x, y: _assign_advanced_in_view(x, y), same(1, min_dims=2).map(lambda s: (s[0], s[0][2:]))),
    Op("relleno con x[...] = v", lambda x, y: _fill_all(x, y), same(1, min_dims=1).map(lambda s: (s[0], ()))),
    # fill_ y masked_fill_ con un tensor 0-d: el valor recibe la suma del gradiente (FillBackward3, MaskedFillBackward1)
    Op("fill_ con un tensor 0-d", lambda x, y: (x * 1).fill_(y * 5) * x, same(1, min_dims=1).map(lambda s: (s[0], ()))),
    Op("masked_fill_ con un tensor 0-d", lambda x, y: (x * 1).masked_fill_(x.detach() > 0, y * 5) * x,
       same(1).map(lambda s: (s[0], ()))),
    Op("masked_fill con un tensor 0-d", lambda x, y: x.masked_fill(x.detach() > 0, y * 5) * x, same(1).map(lambda s: (s[0], ()))),
    Op("copy_", lambda x, y: (x * 1).copy_(y * 2) + x, same(2)),
    Op("lerp_", lambda x, y: (x * 1).lerp_(y, 0.25), same(2)),
]


def _positions(x, *columns):
    """Un índice para gather de la forma de ``x`` salvo la última dimensión, que tiene ``len(columns)``."""
    size = x.shape[-1]
    chosen = [c % size for c in columns]
    return minitorch.tensor(chosen, dtype=minitorch.int64).expand(*x.shape[:-1], len(chosen)).contiguous()


def _assign(x, y):
    out = x * 2
    out[0] = y[0] * 3
    return out


def _view_mul(x, y):
    out = x + 0
    out[1:].mul_(y[1:])
    return out


def _assign_advanced(x, y):
    out = x * 1
    out[[0]] = y * 5
    return out


def _assign_advanced_in_view(x, y):
    out = x * 1
    out[0, [0]] = y * 5
    return out


def _fill_all(x, y):
    out = x * 1
    out[...] = y * 5
    return out * x


ALL = UNARY + BINARY + REDUCTIONS + LINEAR + JOINS + VIEWS + INPLACE


def make_leaf(array: np.ndarray, layout: str):
    """Una hoja float64 con esos valores, contigua, traspuesta o con huecos en memoria."""
    if layout == "traspuesta" and array.ndim >= 2:
        t = minitorch.tensor(np.ascontiguousarray(array.T)).permute(*reversed(range(array.ndim)))
    elif layout == "con huecos" and array.ndim >= 1:
        wide = np.zeros(array.shape[:-1] + (2 * array.shape[-1],))
        wide[..., ::2] = array
        t = minitorch.tensor(wide)[..., ::2]
    else:
        t = minitorch.tensor(array)
    assert t.dtype is minitorch.float64 and t.tolist() == array.tolist()
    return t.requires_grad_()


@pytest.mark.parametrize("op", ALL, ids=[op.name for op in ALL])
@SETTINGS
@given(data=st.data())
def test_gradcheck(op, data):
    shapes = data.draw(op.shapes, label="formas")
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="semilla"))
    values_of = op.values if len(op.values) == len(shapes) else op.values[:1] * len(shapes)
    inputs = [
        make_leaf(np.asarray(values(rng, s), dtype=np.float64), data.draw(st.sampled_from(["contigua", "traspuesta", "con huecos"]), label="disposición"))
        for values, s in zip(values_of, shapes)
    ]
    assert gradcheck(op.fn, inputs)


# Operaciones con fórmula que no se comprueban aquí, y dónde se comprueban.
ELSEWHERE = {
    "_cast": "cambia a float32 y pierde precisión: test_autograd_parity.py",
    **{name: "su derivada es 0: test_autograd.py" for name in ("fill_", "zero_", "normal_", "uniform_", "bernoulli_", "random_")},
    **{name: "test_autograd.py::test_in_situ_de_funciones_de_una_variable" for name in (
        "exp_", "sqrt_", "neg_", "pow_", "div_", "clamp_", "tanh_", "relu_", "sigmoid_", "masked_fill_", "sub_")},
    **{name: "no tienen derivada, como en PyTorch: test_autograd_parity.py::test_operaciones_sin_derivada_como_pytorch"
       for name in ("floor_divide", "_rfloor_divide", "_rremainder", "floor_divide_", "remainder_", "unique")},
}
# Cómo aparecen en este fichero los métodos cuyo nombre no se escribe tal cual.
SPELLED = {"__getitem__": "x[", "_cat": "cat(", "_stack": "stack(", "_rpow": "** x", "rsub": "número - x", "div": " / "}


def test_la_lista_cubre_todas_las_operaciones_con_formula():
    import inspect
    import pathlib

    from minitorch.autograd.wrap import _FORMULAS, _INPLACE

    source = pathlib.Path(inspect.getfile(test_gradcheck)).read_text(encoding="utf-8")
    source = source[: source.index("# Operaciones con fórmula que no se comprueban")]
    missing = [
        name for name in list(_FORMULAS) + list(_INPLACE)
        if name not in ELSEWHERE and SPELLED.get(name, f"{name}(") not in source
    ]
    assert not missing, f"operaciones con fórmula sin gradcheck: {missing}"
