"""El *pooling*: ``F.max_pool2d``, ``F.avg_pool2d``, ``F.adaptive_avg_pool2d``, sus versiones 1-D y sus capas.

- contra una referencia directa en numpy (un bucle por salida, sin ``as_strided``), con hypothesis;
- derivadas con diferencias finitas (``gradcheck`` y ``gradgradcheck``, en float64; para el máximo, sin empates);
- paridad con PyTorch (marca ``paridad``): valores, índices, gradientes, strides, nombres de los nodos, empates y
  nan, tipos enteros, ``ceil_mode`` y relleno en los bordes, tipos de los errores y textos de las capas.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minitorch
import minitorch.nn.functional as F
from minitorch.autograd import gradcheck, gradgradcheck

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


def values(t) -> np.ndarray:
    return t.detach().numpy()


def out_length(size, kernel, stride, pad, dilation, ceil_mode):
    reach = size + 2 * pad - dilation * (kernel - 1) - 1
    out = (reach + (stride - 1 if ceil_mode else 0)) // stride + 1
    return out - 1 if ceil_mode and (out - 1) * stride >= size + pad else out


def only_padding(size, kernel, stride, pad, dilation, ceil_mode) -> bool:
    """¿Alguna ventana cae entera en el relleno? (Solo pasa con dilatación; PyTorch da entonces un índice fuera
    de la imagen y su derivada escribe fuera del tensor: esos casos no se comparan.)"""
    starts = (o * stride - pad for o in range(out_length(size, kernel, stride, pad, dilation, ceil_mode)))
    return any(not any(0 <= s + j * dilation < size for j in range(kernel)) for s in starts)


def reference_pool(x, kind, kernel, stride, padding, dilation=(1, 1), ceil_mode=False, count_include_pad=True):
    """Cada salida calculada por separado, recorriendo su ventana: la definición, sin vistas ni trucos."""
    n, c, h, w = x.shape
    oh, ow = (out_length(*a, ceil_mode) for a in zip((h, w), kernel, stride, padding, dilation))
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            rows = [i * stride[0] - padding[0] + a * dilation[0] for a in range(kernel[0])]
            cols = [j * stride[1] - padding[1] + b * dilation[1] for b in range(kernel[1])]
            inside_r = [r for r in rows if 0 <= r < h]
            inside_c = [q for q in cols if 0 <= q < w]
            block = x[:, :, inside_r][:, :, :, inside_c]
            if kind == "max":
                out[:, :, i, j] = block.max(axis=(2, 3))
            else:
                if count_include_pad:  # el relleno cuenta, pero no lo que sobresale de él con ceil_mode
                    count_r = min(rows[-1] + 1, h + padding[0]) - rows[0]
                    count_c = min(cols[-1] + 1, w + padding[1]) - cols[0]
                    divisor = count_r * count_c
                else:
                    divisor = len(inside_r) * len(inside_c)
                out[:, :, i, j] = block.sum(axis=(2, 3)) / divisor
    return out


@st.composite
def pool_cases(draw, dilated=True):
    kernel = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding = (draw(st.integers(0, kernel[0] // 2)), draw(st.integers(0, kernel[1] // 2)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2))) if dilated else (1, 1)
    ceil_mode = draw(st.booleans())
    low = [(k - 1) * d + 1 - 2 * p for k, d, p in zip(kernel, dilation, padding)]
    shape = (draw(st.integers(0, 2)), draw(st.integers(1, 3)), draw(st.integers(max(low[0], 1), 8)),
             draw(st.integers(max(low[1], 1), 8)))
    return shape, kernel, stride, padding, dilation, ceil_mode


def distinct_values(shape, seed=0) -> np.ndarray:
    """Valores sin empates (para que el máximo de cada ventana sea único y su derivada exista)."""
    size = int(np.prod(shape))
    return np.random.default_rng(seed).permutation(size).reshape(shape) / max(size, 1) + 0.1


# --- contra la referencia en numpy --------------------------------------------------------------------
@SETTINGS
@given(pool_cases())
def test_max_pool2d_como_la_definicion(case):
    shape, kernel, stride, padding, dilation, ceil_mode = case
    if any(only_padding(*a, ceil_mode) for a in zip(shape[2:], kernel, stride, padding, dilation)):
        return
    x = np.random.default_rng(1).standard_normal(shape)
    out = F.max_pool2d(minitorch.tensor(x), kernel, stride, padding, dilation, ceil_mode)
    np.testing.assert_array_equal(values(out), reference_pool(x, "max", kernel, stride, padding, dilation, ceil_mode))
    assert out.is_contiguous()


@SETTINGS
@given(pool_cases(dilated=False), st.booleans())
def test_avg_pool2d_como_la_definicion(case, count_include_pad):
    shape, kernel, stride, padding, _, ceil_mode = case
    x = np.random.default_rng(2).standard_normal(shape)
    out = F.avg_pool2d(minitorch.tensor(x), kernel, stride, padding, ceil_mode, count_include_pad)
    expected = reference_pool(x, "avg", kernel, stride, padding, ceil_mode=ceil_mode, count_include_pad=count_include_pad)
    np.testing.assert_allclose(values(out), expected, rtol=1e-12, atol=1e-12)


@SETTINGS
@given(st.integers(1, 9), st.integers(1, 9), st.integers(0, 10), st.integers(0, 10))
def test_adaptive_avg_pool2d_como_la_definicion(h, w, oh, ow):
    x = np.random.default_rng(3).standard_normal((2, 3, h, w))
    out = values(F.adaptive_avg_pool2d(minitorch.tensor(x), (oh, ow)))
    expected = np.zeros((2, 3, oh, ow))
    for i in range(oh):
        for j in range(ow):
            rows = slice(i * h // oh, -(-(i + 1) * h // oh))
            cols = slice(j * w // ow, -(-(j + 1) * w // ow))
            expected[:, :, i, j] = x[:, :, rows, cols].mean(axis=(2, 3))
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)


def test_sin_lote_es_un_lote_de_uno():
    x = minitorch.randn(3, 7, 6)
    for pool in (lambda t: F.max_pool2d(t, 3, 2, 1), lambda t: F.avg_pool2d(t, 2, ceil_mode=True),
                 lambda t: F.adaptive_avg_pool2d(t, (4, None))):
        np.testing.assert_array_equal(values(pool(x)), values(pool(x.unsqueeze(0)))[0])


def test_entrada_no_contigua():
    x = minitorch.randn(2, 7, 6, 3).permute(0, 3, 1, 2)
    contiguous = x.contiguous()
    for pool in (lambda t: F.max_pool2d(t, 2), lambda t: F.avg_pool2d(t, 3, 2, 1), lambda t: F.adaptive_avg_pool2d(t, 4)):
        assert np.array_equal(values(pool(x)), values(pool(contiguous)))


# --- derivadas con diferencias finitas ---------------------------------------------------------------
def leaf(array):
    return minitorch.tensor(array, dtype=minitorch.float64, requires_grad=True)


GRADCHECK_CASES = [
    ("max_pool2d", lambda t: F.max_pool2d(t, 2)),
    ("max_pool2d solapadas", lambda t: F.max_pool2d(t, 3, 1, 1)),
    ("max_pool2d dilatada ceil", lambda t: F.max_pool2d(t, (2, 3), (2, 1), (1, 1), (2, 1), ceil_mode=True)),
    ("avg_pool2d", lambda t: F.avg_pool2d(t, 2)),
    ("avg_pool2d relleno ceil", lambda t: F.avg_pool2d(t, 3, 2, 1, ceil_mode=True)),
    ("avg_pool2d sin contar relleno", lambda t: F.avg_pool2d(t, 3, 2, 1, True, False)),
    ("avg_pool2d divisor", lambda t: F.avg_pool2d(t, (2, 3), 1, divisor_override=5)),
    ("adaptive exacta", lambda t: F.adaptive_avg_pool2d(t, (3, 2))),
    ("adaptive irregular", lambda t: F.adaptive_avg_pool2d(t, (4, 5))),
    ("adaptive mayor", lambda t: F.adaptive_avg_pool2d(t, (8, None))),
    ("max_pool1d", lambda t: F.max_pool1d(t.flatten(2), 3, 2, 1)),
    ("avg_pool1d", lambda t: F.avg_pool1d(t.flatten(2), 4, 3, 2, True, False)),
    ("adaptive 1d", lambda t: F.adaptive_avg_pool1d(t.flatten(2), 7)),
]


@pytest.mark.parametrize("name, fn", GRADCHECK_CASES, ids=[c[0] for c in GRADCHECK_CASES])
@pytest.mark.parametrize("batched", [True, False])
def test_gradcheck(name, fn, batched):
    x = distinct_values((2, 3, 6, 4) if batched else (3, 6, 4))
    if not batched and "1d" in name:
        x = x[None]
    assert gradcheck(fn, (leaf(x),))
    assert gradgradcheck(fn, (leaf(x),))


def test_la_segunda_derivada_respecto_de_la_entrada_es_cero():
    x = leaf(distinct_values((1, 2, 4, 4)))
    for pool in (lambda t: F.max_pool2d(t, 2), lambda t: F.avg_pool2d(t, 2), lambda t: F.adaptive_avg_pool2d(t, 3)):
        (g,) = minitorch.autograd.grad(pool(x).pow(2).sum(), x, create_graph=True)
        (gg,) = minitorch.autograd.grad(g.sum(), x)
        assert gg.shape == x.shape


# --- paridad con PyTorch -------------------------------------------------------------------------------
def random_configurations(count, seed):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        kernel = tuple(int(k) for k in rng.integers(1, 5, 2))
        yield dict(
            shape=(int(rng.integers(0, 3)), int(rng.integers(1, 3)), int(rng.integers(1, 9)), int(rng.integers(1, 9)))
            if rng.integers(0, 2) else (int(rng.integers(1, 3)), int(rng.integers(1, 9)), int(rng.integers(1, 9))),
            kernel=kernel,
            stride=tuple(int(s) for s in rng.integers(1, 4, 2)),
            padding=tuple(int(rng.integers(0, k // 2 + 1)) for k in kernel),
            dilation=tuple(int(d) for d in rng.integers(1, 3, 2)),
            ceil_mode=bool(rng.integers(0, 2)),
            count_include_pad=bool(rng.integers(0, 2)),
            output_size=(int(rng.integers(1, 6)), None if rng.integers(0, 3) == 0 else int(rng.integers(0, 6))),
        )


def run_both(torch, fn_name, array, **kwargs):
    """La misma llamada en las dos bibliotecas: (resultado o excepción) de cada una y las entradas."""
    outcomes = []
    for lib in (torch, minitorch):
        x = lib.tensor(array, requires_grad=array.dtype.kind == "f")
        try:
            outcomes.append((x, getattr(lib.nn.functional, fn_name)(x, **kwargs)))
        except Exception as error:  # noqa: BLE001 (se compara el tipo)
            outcomes.append((x, error))
    return outcomes


def compare(torch, fn_name, array, seed=0, **kwargs):
    (xt, rt), (xm, rm) = run_both(torch, fn_name, array, **kwargs)
    if isinstance(rt, Exception) or isinstance(rm, Exception):
        assert type(rt) is type(rm), (fn_name, array.shape, kwargs, rt, rm)
        return
    if kwargs.get("return_indices"):
        (rt, it), (rm, im) = rt, rm
        np.testing.assert_array_equal(values(it), values(im))
        assert im.dtype is minitorch.int64 and it.stride() == im.stride()
    assert tuple(rt.shape) == tuple(rm.shape) and rt.stride() == rm.stride(), (fn_name, kwargs)
    assert str(rt.dtype).replace("torch.", "") == str(rm.dtype).replace("minitorch.", "")
    np.testing.assert_allclose(values(rm), values(rt), rtol=1e-6, atol=1e-6)
    if not xt.requires_grad or rt.numel() == 0:
        return
    assert type(rm.grad_fn).__name__ == type(rt.grad_fn).__name__
    g = np.random.default_rng(seed).standard_normal(tuple(rt.shape)).astype(array.dtype)
    rt.backward(torch.tensor(g))
    rm.backward(minitorch.tensor(g))
    np.testing.assert_allclose(values(xm.grad), values(xt.grad), rtol=1e-5, atol=1e-6)


@pytest.mark.paridad
@pytest.mark.parametrize("seed", range(4))
def test_paridad_configuraciones_al_azar(torch, seed):
    for k, conf in enumerate(random_configurations(60, seed)):
        shape = conf["shape"]
        array = distinct_values(shape, seed=k).astype(np.float32) if np.prod(shape) else np.zeros(shape, np.float32)
        window = dict(kernel_size=conf["kernel"], stride=conf["stride"], padding=conf["padding"], ceil_mode=conf["ceil_mode"])
        if not any(only_padding(*a, conf["ceil_mode"]) for a in zip(shape[-2:], conf["kernel"], conf["stride"],
                                                                   conf["padding"], conf["dilation"])):
            compare(torch, "max_pool2d", array, k, dilation=conf["dilation"], return_indices=True, **window)
        compare(torch, "avg_pool2d", array, k, count_include_pad=conf["count_include_pad"], **window)
        compare(torch, "avg_pool2d", array, k, divisor_override=3, **window)
        compare(torch, "adaptive_avg_pool2d", array, k, output_size=conf["output_size"])


@pytest.mark.paridad
@pytest.mark.parametrize("ceil_mode", [False, True])
@pytest.mark.parametrize("count_include_pad", [False, True])
@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 6, 7])
def test_paridad_bordes_de_ceil_mode_y_relleno(torch, size, count_include_pad, ceil_mode):
    array = distinct_values((2, 2, size, size + 1)).astype(np.float32)
    for kernel, stride, padding in [(2, 2, 1), (3, 2, 1), (3, 3, 1), (2, 3, 0), (4, 3, 2), (3, 1, 0), ((1, 3), (2, 2), (0, 1))]:
        window = dict(kernel_size=kernel, stride=stride, padding=padding, ceil_mode=ceil_mode)
        compare(torch, "max_pool2d", array, return_indices=True, **window)
        compare(torch, "avg_pool2d", array, count_include_pad=count_include_pad, **window)


@pytest.mark.paridad
def test_paridad_empates_y_nan(torch):
    ties = np.array([[[1.0, 3.0, 3.0, 0.0], [3.0, 2.0, 1.0, 3.0], [0.0, 3.0, 3.0, 3.0]]], dtype=np.float32)
    compare(torch, "max_pool2d", ties, kernel_size=2, stride=1, return_indices=True)
    compare(torch, "max_pool2d", ties, kernel_size=(2, 3), stride=1, padding=(1, 1), return_indices=True)
    nan, inf = float("nan"), float("inf")
    special = np.array([[[1.0, nan, 2.0, -inf], [nan, 2.0, inf, nan], [-inf, -inf, 0.0, 5.0]]], dtype=np.float32)
    for kernel, stride in [(2, 1), (2, 2), ((3, 2), 1)]:
        (_, rt), (_, rm) = run_both(torch, "max_pool2d", special, kernel_size=kernel, stride=stride, return_indices=True)
        np.testing.assert_array_equal(values(rm[0]), values(rt[0]))  # los nan, en su sitio
        np.testing.assert_array_equal(values(rm[1]), values(rt[1]))
        without_grad = F.max_pool2d(minitorch.tensor(special), kernel, stride)  # el otro camino: sin elegir posición
        np.testing.assert_array_equal(values(without_grad), values(rt[0]))
    zeros = np.array([[[-0.0, 0.0, -0.0], [0.0, -0.0, 0.0]]], dtype=np.float32)  # empates entre -0.0 y 0.0
    for requires_grad in (False, True):
        got = F.max_pool2d(minitorch.tensor(zeros, requires_grad=requires_grad), (1, 2), 1)
        expected = torch.nn.functional.max_pool2d(torch.tensor(zeros, requires_grad=requires_grad), (1, 2), 1)
        np.testing.assert_array_equal(np.signbit(values(got)), np.signbit(values(expected)))


@pytest.mark.paridad
def test_paridad_tipos_enteros(torch):
    rng = np.random.default_rng(5)
    for dtype in (np.int64, np.int32):
        array = rng.integers(-9, 9, (2, 3, 5, 5)).astype(dtype)
        compare(torch, "max_pool2d", array, kernel_size=3, stride=2, padding=1, return_indices=True)
        compare(torch, "avg_pool2d", array, kernel_size=2, ceil_mode=True)  # int32: NotImplementedError en los dos
        compare(torch, "avg_pool2d", array, kernel_size=3, padding=1, stride=2, count_include_pad=False)
        compare(torch, "adaptive_avg_pool2d", array, output_size=2)
    compare(torch, "max_pool2d", np.ones((1, 2, 2), bool), kernel_size=2)


@pytest.mark.paridad
def test_paridad_1d(torch):
    array = distinct_values((2, 3, 9)).astype(np.float32)
    for kernel, stride, padding in [(2, None, 0), (3, 2, 1), (4, 1, 2), ((3,), (2,), (1,)), (2, [], 1)]:
        for ceil_mode in (False, True):
            compare(torch, "max_pool1d", array, kernel_size=kernel, stride=stride, padding=padding, ceil_mode=ceil_mode)
            compare(torch, "max_pool1d", array[0], kernel_size=kernel, stride=stride, padding=padding, dilation=2,
                    ceil_mode=ceil_mode, return_indices=True)
            if stride != []:
                compare(torch, "avg_pool1d", array, kernel_size=kernel, stride=stride, padding=padding, ceil_mode=ceil_mode,
                        count_include_pad=False)
    for output_size in (1, 2, 4, 5, 9, 12, (3,)):
        compare(torch, "adaptive_avg_pool1d", array, output_size=output_size)
        compare(torch, "adaptive_avg_pool1d", array[0], output_size=output_size)


@pytest.mark.paridad
def test_paridad_media_global_y_nombres_de_las_segundas_derivadas(torch):
    array = distinct_values((2, 3, 4, 5))
    for output_size in (1, (1, 1), (1, None), (None, 1)):
        compare(torch, "adaptive_avg_pool2d", array, output_size=output_size)
        compare(torch, "adaptive_avg_pool2d", array[0], output_size=output_size)
    pools = [("max_pool2d", dict(kernel_size=2)), ("avg_pool2d", dict(kernel_size=3, padding=1, stride=2)),
             ("adaptive_avg_pool2d", dict(output_size=3)), ("adaptive_avg_pool2d", dict(output_size=(2, 5)))]
    for name, kwargs in pools:
        names, second = [], []
        for lib in (torch, minitorch):
            x = lib.tensor(array, requires_grad=True)
            y = getattr(lib.nn.functional, name)(x, **kwargs)
            (g,) = lib.autograd.grad((y * y).sum(), x, create_graph=True)
            names.append(type(g.grad_fn).__name__)
            weights = lib.tensor(np.linspace(-1, 1, array.size).reshape(array.shape))
            second.append(values(lib.autograd.grad((g * weights).sum(), x)[0]))
        assert names[0] == names[1]
        np.testing.assert_allclose(second[1], second[0], rtol=1e-10, atol=1e-12)


ERROR_CASES = [
    ("max_pool2d", (5, 5), dict(kernel_size=2)),
    ("max_pool2d", (1, 1, 1, 5, 5), dict(kernel_size=2)),
    ("max_pool2d", (), dict(kernel_size=2)),
    ("avg_pool2d", (5, 5), dict(kernel_size=2)),
    ("avg_pool2d", (5,), dict(kernel_size=2)),
    ("avg_pool2d", (1, 1, 1, 5, 5), dict(kernel_size=2)),
    ("adaptive_avg_pool2d", (5, 5), dict(output_size=2)),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=6)),
    ("avg_pool2d", (2, 3, 5, 5), dict(kernel_size=6)),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=3, dilation=3)),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=2, padding=2)),
    ("avg_pool2d", (2, 3, 5, 5), dict(kernel_size=2, padding=2)),
    ("max_pool2d", (2, 3, 9, 9), dict(kernel_size=2, stride=1, padding=2, dilation=3)),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=2, padding=-1)),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=0)),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=-1, stride=1)),
    ("avg_pool2d", (2, 3, 5, 5), dict(kernel_size=2, stride=0)),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=2, dilation=0)),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=(2, 2, 2))),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=2, stride=(1, 1, 1))),
    ("avg_pool2d", (2, 3, 5, 5), dict(kernel_size=2, padding=(1, 1, 1))),
    ("max_pool2d", (2, 3, 5, 5), dict(kernel_size=2.0)),
    ("avg_pool2d", (2, 3, 5, 5), dict(kernel_size=(2.0, 2))),
    ("avg_pool2d", (2, 3, 5, 5), dict(kernel_size=2, divisor_override=0)),
    ("max_pool2d", (2, 0, 5, 5), dict(kernel_size=2)),
    ("max_pool2d", (0, 3, 5, 5), dict(kernel_size=2)),
    ("avg_pool2d", (2, 3, 0, 5), dict(kernel_size=2)),
    ("adaptive_avg_pool2d", (2, 3, 5, 5), dict(output_size=-1)),
    ("adaptive_avg_pool2d", (2, 3, 5, 5), dict(output_size=(1, 2, 3))),
    ("adaptive_avg_pool2d", (2, 3, 5, 5), dict(output_size=None)),
    ("adaptive_avg_pool2d", (2, 3, 5, 5), dict(output_size=2.0)),
    ("adaptive_avg_pool2d", (2, 3, 5, 5), dict(output_size=(2.0, 3))),
    ("adaptive_avg_pool2d", (2, 3, 0, 5), dict(output_size=2)),
    ("adaptive_avg_pool2d", (3, 0, 5), dict(output_size=2)),
    ("adaptive_avg_pool2d", (2, 0, 4, 5), dict(output_size=2)),
    ("adaptive_avg_pool2d", (0, 4, 5), dict(output_size=(0, 3))),
    ("max_pool1d", (5,), dict(kernel_size=2)),
    ("max_pool1d", (1, 1, 1, 5), dict(kernel_size=2)),
    ("max_pool1d", (1, 3), dict(kernel_size=4)),
    ("max_pool1d", (1, 3), dict(kernel_size=2, padding=2)),
    ("max_pool1d", (1, 3), dict(kernel_size=(2, 2))),
    ("max_pool1d", (2, 0, 7), dict(kernel_size=2)),
    ("avg_pool1d", (5,), dict(kernel_size=2)),
    ("avg_pool1d", (1, 3), dict(kernel_size=4)),
    ("avg_pool1d", (2, 3, 7), dict(kernel_size=(2, 2))),
    ("avg_pool1d", (2, 0, 7), dict(kernel_size=2)),
    ("adaptive_avg_pool1d", (5,), dict(output_size=2)),
    ("adaptive_avg_pool1d", (2, 3, 5), dict(output_size=(2, 3))),
    ("adaptive_avg_pool1d", (2, 3, 5), dict(output_size=None)),
]


@pytest.mark.paridad
@pytest.mark.parametrize("name, shape, kwargs", ERROR_CASES)
def test_paridad_errores(torch, name, shape, kwargs):
    compare(torch, name, np.ones(shape, np.float32), **kwargs)


@pytest.mark.paridad
def test_paridad_capas(torch):
    def layers(lib):
        nn = lib.nn
        return nn.Sequential(
            nn.MaxPool2d(2), nn.MaxPool2d((2, 3), stride=1, padding=(1, 1), dilation=(2, 1), ceil_mode=True),
            nn.MaxPool2d(3, return_indices=True), nn.AvgPool2d(2), nn.AvgPool2d((3, 2), 2, 1, True, False, 4),
            nn.AdaptiveAvgPool2d((2, None)), nn.AdaptiveAvgPool2d(7), nn.MaxPool1d(3), nn.MaxPool1d(4, 2, 1, 2, True, True),
            nn.AvgPool1d(3), nn.AvgPool1d((4,), 2, 1), nn.AdaptiveAvgPool1d(3),
        )

    expected, got = layers(torch), layers(minitorch)
    assert repr(got) == repr(expected)
    x = distinct_values((2, 3, 9, 8)).astype(np.float32)
    for i in (0, 1, 3, 4, 5, 6):
        np.testing.assert_allclose(values(got[i](minitorch.tensor(x))), values(expected[i](torch.tensor(x))), rtol=1e-6)
    out, indices = got[2](minitorch.tensor(x))
    out_t, indices_t = expected[2](torch.tensor(x))
    np.testing.assert_array_equal(values(indices), values(indices_t))
    signal = x.reshape(2, 3, -1)
    for i in (7, 8, 9, 10, 11):
        a, b = got[i](minitorch.tensor(signal)), expected[i](torch.tensor(signal))
        a, b = (a[0], b[0]) if isinstance(b, tuple) else (a, b)
        np.testing.assert_allclose(values(a), values(b), rtol=1e-6)


@pytest.mark.paridad
def test_paridad_en_una_red(torch):
    """Conv → ReLU → MaxPool → AvgPool → AdaptiveAvgPool → Linear: pérdida y gradientes de cada parámetro."""
    def net(lib):
        lib.manual_seed(0)
        nn = lib.nn
        return nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.AvgPool2d(3, 1, 1),
                             nn.AdaptiveAvgPool2d((3, 2)), nn.Flatten(), nn.Linear(24, 5))

    x = np.random.default_rng(7).standard_normal((4, 3, 10, 9)).astype(np.float32)
    results = []
    for lib in (torch, minitorch):
        model = net(lib)
        loss = model(lib.tensor(x)).pow(2).mean()
        loss.backward()
        results.append([loss.item()] + [values(p.grad) for p in model.parameters()])
    np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-5)
    for a, b in zip(results[1][1:], results[0][1:]):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)
