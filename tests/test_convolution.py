"""La convolución y sus piezas: ``Tensor.unfold`` (una vista), ``F.unfold``/``F.fold`` (im2col y col2im),
``F.conv1d``/``F.conv2d`` y las capas ``nn.Conv1d``/``nn.Conv2d``.

- contra numpy, con hypothesis: ``unfold`` frente a ``sliding_window_view`` y la convolución frente a una
  suma directa sobre ventanas (otra forma de calcularla, sin ``as_strided`` ni im2col);
- derivadas con diferencias finitas (``gradcheck`` y ``gradgradcheck``, en float64);
- paridad con PyTorch (marca ``paridad``): valores, gradientes de cada entrada, strides, nombres de los
  nodos, tipos de los errores, textos de las capas y pesos iniciales con la misma semilla.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minitorch
import minitorch.nn.functional as F
from minitorch.autograd import gradcheck, gradgradcheck

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


def values(t) -> np.ndarray:
    return t.detach().numpy()


# --- Tensor.unfold contra numpy ---------------------------------------------------------------------
@st.composite
def unfold_cases(draw):
    shape = tuple(draw(st.lists(st.integers(0, 5), min_size=1, max_size=3)))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    size = draw(st.integers(0, shape[dim]))
    step = draw(st.integers(1, 4))
    return shape, dim, size, step


@SETTINGS
@given(unfold_cases())
def test_unfold_es_una_vista_con_las_ventanas_de_numpy(case):
    shape, dim, size, step = case
    a = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    x = minitorch.tensor(a)
    u = x.unfold(dim, size, step)
    expected = np.lib.stride_tricks.sliding_window_view(a, size, axis=dim)
    expected = expected[(slice(None),) * (dim % len(shape)) + (slice(None, None, step),)]
    np.testing.assert_array_equal(u.numpy(), expected)
    assert u._base is x and u.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()


def test_unfold_de_un_escalar():
    x = minitorch.tensor(5.0)
    assert x.unfold(0, 1, 1).tolist() == [5.0] and x.unfold(0, 1, 1).stride() == (1,)
    assert x.unfold(-1, 0, 2).shape == (0,)


def test_unfold_backward_suma_las_ventanas_que_se_solapan():
    x = minitorch.ones(5, requires_grad=True)
    x.unfold(0, 3, 1).sum().backward()
    assert x.grad.tolist() == [1.0, 2.0, 3.0, 2.0, 1.0]


# --- la convolución contra una suma directa ------------------------------------------------------------
def direct_conv2d(x, w, b, stride, padding, dilation, groups):
    """Cada salida como la suma, ventana a ventana, de la entrada por el filtro (con ``sliding_window_view``)."""
    (ph, pw), (sh, sw), (dh, dw) = padding, stride, dilation
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    out_channels, per_group, kh, kw = w.shape
    windows = np.lib.stride_tricks.sliding_window_view(xp, ((kh - 1) * dh + 1, (kw - 1) * dw + 1), axis=(2, 3))
    windows = windows[:, :, ::sh, ::sw, ::dh, ::dw]  # (N, C, H_out, W_out, kH, kW)
    outs = []
    for o in range(out_channels):
        group = o // (out_channels // groups)
        chosen = windows[:, group * per_group : (group + 1) * per_group]
        outs.append(np.einsum("nchwij,cij->nhw", chosen, w[o]) + (b[o] if b is not None else 0))
    return np.stack(outs, axis=1)


@st.composite
def conv_cases(draw):
    groups = draw(st.integers(1, 3))
    channels = groups * draw(st.integers(1, 2))
    out_channels = groups * draw(st.integers(1, 2))
    kernel = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    padding = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    size = tuple(
        draw(st.integers(max(1, (k - 1) * d + 1 - 2 * p), 7)) for k, d, p in zip(kernel, dilation, padding)
    )
    batch = draw(st.integers(0, 2))
    bias = draw(st.booleans())
    return groups, channels, out_channels, kernel, stride, dilation, padding, size, batch, bias


@SETTINGS
@given(conv_cases())
def test_conv2d_como_la_suma_directa(case):
    groups, channels, out_channels, kernel, stride, dilation, padding, size, batch, bias = case
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, channels, *size))
    w = rng.standard_normal((out_channels, channels // groups, *kernel))
    b = rng.standard_normal(out_channels) if bias else None
    got = F.conv2d(minitorch.tensor(x), minitorch.tensor(w), None if b is None else minitorch.tensor(b),
                   stride, padding, dilation, groups)
    np.testing.assert_allclose(got.numpy(), direct_conv2d(x, w, b, stride, padding, dilation, groups), atol=1e-10)


def test_conv1d_es_conv2d_de_altura_uno():
    rng = np.random.default_rng(1)
    x, w, b = rng.standard_normal((2, 4, 9)), rng.standard_normal((6, 2, 3)), rng.standard_normal(6)
    got = F.conv1d(minitorch.tensor(x), minitorch.tensor(w), minitorch.tensor(b), 2, 1, 2, 2)
    expected = direct_conv2d(x[:, :, None], w[:, :, None], b, (1, 2), (0, 1), (1, 2), 2)[:, :, 0]
    np.testing.assert_allclose(got.numpy(), expected, atol=1e-10)


def test_fold_deshace_unfold_salvo_por_los_solapes():
    x = minitorch.randn(2, 3, 6, 7, dtype=minitorch.float64)
    cols = F.unfold(x, (2, 3), stride=(2, 3))  # sin solapes: fold(unfold(x)) = x
    assert cols.shape == (2, 3 * 2 * 3, 3 * 2)
    np.testing.assert_array_equal(F.fold(cols, (6, 7), (2, 3), stride=(2, 3)).numpy()[..., :6], x.numpy()[..., :6])
    ones = F.fold(F.unfold(minitorch.ones(1, 1, 4, 4), 3), (4, 4), 3)  # cuántos parches leen cada píxel
    assert ones[0, 0].tolist() == [[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]]


# --- derivadas, con diferencias finitas -----------------------------------------------------------
def f64(*shape, requires_grad=True):
    return minitorch.randn(*shape, dtype=minitorch.float64).requires_grad_(requires_grad)


GRADCHECK_CASES = [
    ("unfold de una dimensión", lambda x: x.unfold(1, 3, 2), lambda: (f64(2, 7, 3),)),
    ("unfold con solapes", lambda x: x.unfold(-1, 3, 1), lambda: (f64(3, 5),)),
    ("conv2d", lambda x, w, b: F.conv2d(x, w, b), lambda: (f64(2, 3, 5, 4), f64(4, 3, 2, 3), f64(4))),
    ("conv2d con stride, relleno y dilatación", lambda x, w, b: F.conv2d(x, w, b, (2, 1), (1, 2), (2, 1)),
     lambda: (f64(2, 2, 6, 5), f64(3, 2, 3, 2), f64(3))),
    ("conv2d por grupos", lambda x, w: F.conv2d(x, w, groups=2), lambda: (f64(1, 4, 5, 5), f64(6, 2, 3, 3))),
    ("conv2d 'same' con núcleo par", lambda x, w: F.conv2d(x, w, padding="same"), lambda: (f64(1, 2, 5, 4), f64(2, 2, 2, 3))),
    ("conv2d sin lote", lambda x, w, b: F.conv2d(x, w, b, padding=1), lambda: (f64(2, 4, 4), f64(3, 2, 3, 3), f64(3))),
    ("conv1d", lambda x, w, b: F.conv1d(x, w, b, 2, 1, 1, 2), lambda: (f64(2, 4, 7), f64(4, 2, 3), f64(4))),
    ("F.unfold", lambda x: F.unfold(x, (2, 3), 1, 1, (2, 1)), lambda: (f64(2, 2, 5, 4),)),
    ("F.fold", lambda c: F.fold(c, (5, 4), 2, stride=1), lambda: (f64(2, 12, 12),)),
]


@pytest.mark.parametrize("name, func, make", GRADCHECK_CASES, ids=[c[0] for c in GRADCHECK_CASES])
def test_gradcheck(name, func, make):
    minitorch.manual_seed(0)
    inputs = make()
    assert gradcheck(func, inputs)
    assert gradgradcheck(func, inputs)


def test_retain_graph_y_liberar_lo_guardado():
    x, w = f64(1, 2, 4, 4), f64(3, 2, 3, 3)
    y = F.conv2d(x, w).sum()
    y.backward(retain_graph=True)
    first = w.grad.clone()
    y.backward()
    np.testing.assert_allclose(w.grad.numpy(), 2 * first.numpy())
    with pytest.raises(RuntimeError):
        y.backward()


def test_modificar_la_entrada_despues_es_un_error():
    x, w = f64(1, 2, 4, 4, requires_grad=False), f64(3, 2, 3, 3)
    y = F.conv2d(x, w).sum()
    x.add_(1)
    with pytest.raises(RuntimeError):
        y.backward()


# --- capas --------------------------------------------------------------------------------------------
def test_padding_mode_distinto_de_zeros_no_esta_implementado():
    with pytest.raises(NotImplementedError, match="padding_mode"):
        minitorch.nn.Conv2d(1, 2, 3, padding_mode="reflect")
    with pytest.raises(ValueError):
        minitorch.nn.Conv2d(1, 2, 3, padding_mode="espejo")


def test_una_red_convolucional_aprende():
    minitorch.manual_seed(0)
    nn = minitorch.nn
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 2, 3, stride=2), nn.Flatten(), nn.Linear(2 * 3 * 3, 2))
    x = minitorch.randn(16, 1, 8, 8)
    target = (x[:, 0, :4].sum((1, 2)) > x[:, 0, 4:].sum((1, 2))).long()
    optimizer = minitorch.optim.Adam(model.parameters(), lr=0.02)
    losses = []
    for _ in range(60):
        loss = F.cross_entropy(model(x), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]


# --- paridad con PyTorch -------------------------------------------------------------------------------
def both(torch, arrays, grads=True):
    """Los mismos arrays como tensores de las dos bibliotecas (con gradiente si ``grads``)."""
    return [
        [None if a is None else lib.tensor(a, requires_grad=grads) for a in arrays]
        for lib in (torch, minitorch)
    ]


def assert_same(ours, theirs, tol=1e-5):
    assert tuple(ours.shape) == tuple(theirs.shape)
    np.testing.assert_allclose(values(ours), values(theirs), rtol=tol, atol=tol)


@pytest.mark.paridad
@pytest.mark.parametrize("seed", range(12))
def test_tensor_unfold_como_pytorch(torch, seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(n) for n in rng.integers(1, 6, rng.integers(1, 4)))
    dim = int(rng.integers(-len(shape), len(shape)))
    size, step = int(rng.integers(0, shape[dim] + 1)), int(rng.integers(1, 4))
    a = rng.standard_normal(shape).astype(np.float32)
    (tx,), (mx,) = both(torch, [a])
    tview, mview = tx.transpose(0, -1), mx.transpose(0, -1)  # también sobre strides que no son los contiguos
    tu, mu = tview.unfold(dim, size, step), mview.unfold(dim, size, step)
    assert mu.shape == tuple(tu.shape) and mu.stride() == tu.stride() and mu.storage_offset() == tu.storage_offset()
    assert type(mu.grad_fn).__name__ == type(tu.grad_fn).__name__ == "UnfoldBackward0"
    assert mu._base is mx and tu._base is tx
    g = rng.standard_normal(tuple(tu.shape)).astype(np.float32)
    tu.backward(torch.tensor(g))
    mu.backward(minitorch.tensor(g))
    assert_same(mx.grad, tx.grad)


@pytest.mark.paridad
@pytest.mark.parametrize("args", [(0, 5, 1), (0, 2, 0), (3, 1, 1), (0, -1, 1), (0, 3, 0), (-4, 1, 1)])
def test_errores_de_tensor_unfold_como_pytorch(torch, args):
    errors = []
    for lib in (torch, minitorch):
        with pytest.raises(Exception) as info:
            lib.zeros(2, 3, 4).unfold(*args)
        errors.append(info.type)
    assert errors[0] is errors[1]


def random_conv(rng, dims):
    groups = int(rng.choice([1, 1, 2, 3]))
    channels, out_channels = groups * int(rng.integers(1, 3)), groups * int(rng.integers(1, 3))
    kernel = tuple(int(k) for k in rng.integers(1, 4, dims))
    stride = tuple(int(s) for s in rng.integers(1, 3, dims))
    dilation = tuple(int(d) for d in rng.integers(1, 3, dims))
    padding = tuple(int(p) for p in rng.integers(0, 3, dims))
    if rng.random() < 0.25:
        padding = "valid"
    elif rng.random() < 0.25:
        padding, stride = "same", (1,) * dims
    size = tuple(int(rng.integers((k - 1) * d + 1, (k - 1) * d + 6)) for k, d in zip(kernel, dilation))
    batched = rng.random() < 0.8
    x = rng.standard_normal(((int(rng.integers(1, 4)),) if batched else ()) + (channels, *size)).astype(np.float32)
    w = rng.standard_normal((out_channels, channels // groups, *kernel)).astype(np.float32)
    b = rng.standard_normal(out_channels).astype(np.float32) if rng.random() < 0.7 else None
    return x, w, b, dict(stride=stride, padding=padding, dilation=dilation, groups=groups)


def grad_fn_chain(t):
    """Los nombres de ``grad_fn`` y de sus entradas, hasta dos niveles."""
    node = t.grad_fn
    return type(node).__name__, [type(fn).__name__ if fn is not None else None for fn, _ in node.next_functions]


@pytest.mark.paridad
@pytest.mark.parametrize("dims", [1, 2])
@pytest.mark.parametrize("seed", range(15))
def test_conv_como_pytorch(torch, dims, seed):
    rng = np.random.default_rng(100 * dims + seed)
    x, w, b, options = random_conv(rng, dims)
    name = f"conv{dims}d"
    (tx, tw, tb), (mx, mw, mb) = both(torch, [x, w, b])
    ty = getattr(torch.nn.functional, name)(tx, tw, tb, **options)
    my = getattr(F, name)(mx, mw, mb, **options)
    assert_same(my, ty, 1e-4)
    assert my.stride() == ty.stride()
    assert grad_fn_chain(my) == grad_fn_chain(ty)
    g = rng.standard_normal(tuple(ty.shape)).astype(np.float32)
    ty.backward(torch.tensor(g))
    my.backward(minitorch.tensor(g))
    for ours, theirs in ((mx, tx), (mw, tw), (mb, tb)):
        if theirs is not None:
            assert_same(ours.grad, theirs.grad, 1e-4)


@pytest.mark.paridad
@pytest.mark.parametrize("seed", range(10))
def test_unfold_y_fold_como_pytorch(torch, seed):
    rng = np.random.default_rng(seed)
    kernel = tuple(int(k) for k in rng.integers(1, 4, 2))
    options = dict(
        dilation=tuple(int(d) for d in rng.integers(1, 3, 2)),
        padding=tuple(int(p) for p in rng.integers(0, 2, 2)),
        stride=tuple(int(s) for s in rng.integers(1, 3, 2)),
    )
    size = (int(rng.integers(6, 9)), int(rng.integers(6, 9)))
    shape = ((2,) if seed % 3 else ()) + (3, *size)
    a = rng.standard_normal(shape).astype(np.float32)
    (tx,), (mx,) = both(torch, [a])
    results = []
    for lib, x in ((torch, tx), (minitorch, mx)):
        cols = lib.nn.functional.unfold(x, kernel, **options)
        image = lib.nn.functional.fold(cols * 2, size, kernel, **options)
        image.backward(lib.ones(shape))
        results.append((cols, image, x.grad, type(cols.grad_fn).__name__, type(image.grad_fn).__name__,
                        cols.stride(), image.stride()))
    (tc, ti, tg, *tmeta), (mc, mi, mg, *mmeta) = results
    assert_same(mc, tc)
    assert_same(mi, ti)
    assert_same(mg, tg)
    assert mmeta == tmeta


BAD_CONV_CALLS = [
    ("canales que no casan con groups", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 2, 3, 3), groups=3)),
    ("canales distintos", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), groups=2)),
    ("núcleo mayor que la entrada", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 7, 7))),
    ("peso de otra dimensión", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3))),
    ("entrada 2-D en conv2d", lambda lib: lib.nn.functional.conv2d(lib.zeros(5, 5), lib.zeros(6, 4, 3, 3))),
    ("entrada 4-D en conv1d", lambda lib: lib.nn.functional.conv1d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3))),
    ("sesgo de otro tamaño", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), lib.zeros(5))),
    ("stride 0", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), stride=0)),
    ("relleno negativo", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), padding=-1)),
    ("dilatación 0", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), dilation=0)),
    ("'same' con stride", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), padding="same", stride=2)),
    ("cadena de relleno desconocida", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), padding="foo")),
    ("stride de otra longitud", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), stride=(1, 2, 3))),
    ("groups 0", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(6, 4, 3, 3), groups=0)),
    ("tipos distintos", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5).double(), lib.zeros(6, 4, 3, 3))),
    ("sin filtros", lambda lib: lib.nn.functional.conv2d(lib.zeros(2, 4, 5, 5), lib.zeros(0, 4, 3, 3))),
    ("unfold de 2-D", lambda lib: lib.nn.functional.unfold(lib.zeros(5, 5), 2)),
    ("unfold de 5-D", lambda lib: lib.nn.functional.unfold(lib.zeros(1, 1, 1, 5, 5), 2)),
    ("unfold con núcleo grande", lambda lib: lib.nn.functional.unfold(lib.zeros(1, 1, 5, 5), 6)),
    ("unfold con núcleo 0", lambda lib: lib.nn.functional.unfold(lib.zeros(1, 1, 5, 5), 0)),
    ("fold de 4-D", lambda lib: lib.nn.functional.fold(lib.zeros(1, 4, 4, 4), (5, 5), 2)),
    ("fold con filas no divisibles", lambda lib: lib.nn.functional.fold(lib.zeros(1, 11, 16), (5, 5), 2)),
    ("fold con bloques que no casan", lambda lib: lib.nn.functional.fold(lib.zeros(1, 12, 16), (6, 5), 2)),
    ("capa con groups que no divide", lambda lib: lib.nn.Conv2d(3, 4, 3, groups=2)),
    ("capa con groups 0", lambda lib: lib.nn.Conv2d(3, 4, 3, groups=0)),
    ("capa 'same' con stride", lambda lib: lib.nn.Conv2d(3, 4, 3, padding="same", stride=2)),
    ("capa con cadena de relleno desconocida", lambda lib: lib.nn.Conv2d(3, 4, 3, padding="bad")),
    ("capa con padding_mode desconocido", lambda lib: lib.nn.Conv2d(3, 4, 3, padding_mode="foo")),
]


@pytest.mark.paridad
@pytest.mark.parametrize("name, call", BAD_CONV_CALLS, ids=[c[0] for c in BAD_CONV_CALLS])
def test_errores_como_pytorch(torch, name, call):
    kinds = []
    for lib in (torch, minitorch):
        with pytest.raises(Exception) as info:
            call(lib)
        kinds.append(info.type)
    assert kinds[1] is kinds[0]


LAYERS = [
    lambda nn: nn.Conv2d(1, 16, 3),
    lambda nn: nn.Conv2d(4, 8, (3, 2), stride=2, padding=1, dilation=2, groups=2, bias=False),
    lambda nn: nn.Conv2d(2, 6, 3, padding="valid"),
    lambda nn: nn.Conv2d(3, 3, (1, 3), padding=(0, 1), groups=3),
    lambda nn: nn.Conv1d(3, 5, 3, padding="same"),
    lambda nn: nn.Conv1d(2, 4, 4, stride=2, padding=1, dilation=3),
]


@pytest.mark.paridad
@pytest.mark.parametrize("k", range(len(LAYERS)))
def test_capas_como_pytorch(torch, k):
    """Mismo texto, mismos pesos iniciales con la misma semilla, misma salida y mismos gradientes."""
    results = []
    for lib in (torch, minitorch):
        lib.manual_seed(7)
        layer = LAYERS[k](lib.nn)
        x = lib.randn(2, layer.in_channels, *([9] * len(layer.kernel_size)))
        y = layer(x)
        y.sum().backward()
        results.append((layer, y))
    (tl, ty), (ml, my) = results
    assert repr(ml) == repr(tl)
    assert list(ml.state_dict()) == list(tl.state_dict())
    for attr in ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
                 "padding_mode", "transposed", "output_padding"):
        assert getattr(ml, attr) == getattr(tl, attr), attr
    for (name, mp), (_, tp) in zip(ml.named_parameters(), tl.named_parameters()):
        assert_same(mp, tp)
        assert_same(mp.grad, tp.grad, 1e-4)
    assert_same(my, ty, 1e-4)


@pytest.mark.paridad
def test_estadisticas_de_la_inicializacion_como_pytorch(torch):
    """Kaiming uniforme con a=√5: uniforme en ±1/√fan_in (fan_in = 16·3·3), el sesgo en el mismo intervalo."""
    for lib in (torch, minitorch):
        lib.manual_seed(0)
    tl, ml = torch.nn.Conv2d(16, 32, 3), minitorch.nn.Conv2d(16, 32, 3)
    bound = 1 / np.sqrt(16 * 9)
    for mp, tp in ((ml.weight, tl.weight), (ml.bias, tl.bias)):
        np.testing.assert_array_equal(values(mp), values(tp))
        assert np.abs(values(mp)).max() <= bound
    assert abs(values(ml.weight).std() - bound / np.sqrt(3)) < 0.1 * bound
