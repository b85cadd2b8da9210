"""Operaciones que usan los cursos (d2l, makemore de Karpathy): mismos valores, tipos, formas, strides, ``grad_fn``,
gradientes y tipos de excepción que PyTorch. Los gradientes con diferencias finitas están en ``test_gradcheck.py``."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import minitorch
from minitorch.ops.elementwise import _erf

torch = pytest.importorskip("torch")

from test_tensor_parity import run  # noqa: E402

pytestmark = [pytest.mark.paridad, pytest.mark.filterwarnings("ignore")]

X = "x = torch.tensor([[1.5, 0.0, -3.0], [2.0, 5.0, -1.0]], requires_grad=True); "
I = "i = torch.tensor([[1, 2], [3, 0]]); "
# Sin la cola negativa: allí el núcleo vectorizado de PyTorch pierde cifras (gelu(-3) = -4.0499e-03 en un tensor
# de varios elementos y -4.0497e-03, el valor correcto, en uno de un elemento); se compara con tolerancia abajo.
G = "x = torch.tensor([[1.5, 0.0, -0.5], [2.0, 5.0, -1.0]], requires_grad=True); "

PROGRAMS = [
    # in situ: abs_, floor_, round_, erf_
    X + "r = x.abs().abs_()",
    X + "y = x * 1; y.floor_(); y.sum().backward(); r = (y, x.grad)",
    X + "y = x * 1; r = y.round_()",
    X + "y = x * 2; r = y.round_(decimals=1)",
    X + "y = x * 1; r = y.erf_()",
    X + "r = x.erf_()",
    "r = torch.tensor([1, -2]).abs_()",
    "r = torch.tensor([1, -2]).floor_()",
    "r = torch.tensor([True]).floor_()",
    "r = torch.tensor([True, False]).abs_()",
    "x = torch.arange(4.); r = (x[:3].abs_(), x)",
    "r = torch.tensor([1.5]).expand(3).abs_()",
    "r = torch.tensor([1, 2]).erf_()",
    # ^ y logical_xor
    I + "r = i ^ 1",
    I + "r = (i ^ i, 2 ^ i, i ^ torch.tensor([3, 1]))",
    "b = torch.tensor([True, False]); r = (b ^ b, b ^ True, b ^ torch.tensor([1, 1]))",
    X + "r = x ^ 1",
    I + "r = i ^ 1.5",
    I + "r = i.float() ^ i",
    I + "i ^= 3; r = i",
    I + "i.t().bitwise_xor_(torch.tensor([1, 1])); r = i",
    I + "f = i.float(); f ^= 1; r = f",
    I + "r = torch.bitwise_xor(i, 5)",
    X + I + "r = torch.logical_xor(x, i[:, :1])",
    "r = torch.tensor([0.0, 2.0]).logical_xor(torch.tensor([True, True]))",
    # type_as
    X + I + "r = (x.type_as(i), i.type_as(x), i.type_as(i))",
    # movedim / moveaxis
    X + "r = (x.movedim(0, 1), x.moveaxis(0, 1).grad_fn.name())",
    "x = torch.zeros(2, 3, 4, 5); r = (x.movedim((0, 1), (2, 0)).shape, x.movedim((0, 1), (2, 0)).stride())",
    "x = torch.zeros(2, 3, 4, 5); r = (torch.movedim(x, -1, 0).stride(), torch.moveaxis(x, [3, 0], [0, 3]).stride())",
    X + "r = x.movedim(0, 5)",
    X + "r = x.movedim((0, 0), (1, 0))",
    X + "r = x.movedim((0, 1), (1,))",
    "r = torch.tensor(3.0).movedim(0, 0)",
    # take_along_dim
    X + "r = x.take_along_dim(torch.tensor([[0], [2]]), dim=1)",
    X + "r = torch.take_along_dim(x, torch.tensor([0, 5]))",
    X + "r = x.take_along_dim(torch.tensor([[0, 1, 1]]), 0)",
    X + "r = x.take_along_dim(torch.tensor([[2], [0]]), 1).stride()",
    X + "r = x.take_along_dim(torch.tensor([0]), 1)",
    X + "r = x.take_along_dim(torch.tensor([[0.0]]), 1)",
    "r = (torch.tensor(2.0).take_along_dim(torch.tensor(0)), torch.tensor([[1.0, 2.0], [3.0, 4.0]]).take_along_dim(torch.tensor([[0, 1]]), 1))",
    "r = torch.tensor(2.0).take_along_dim(torch.tensor(0), 0)",
    "r = torch.zeros(2, 3).take_along_dim(torch.tensor([[0], [1]], dtype=torch.int32), 1)",
    X + "y = x.take_along_dim(torch.tensor([[0], [0]]), 1); y.sum().backward(); r = (y, x.grad)",
    # cumprod
    X + "r = (x.cumprod(1), x.cumprod(0), x.cumprod(-1, dtype=torch.float64))",
    I + "r = (i.cumprod(0), torch.cumprod(i, 1, dtype=torch.float32))",
    "r = torch.tensor([True, False, True]).cumprod(0)",
    "r = torch.tensor(3.0).cumprod(0)",
    "r = torch.zeros(0, 3).cumprod(1)",
    X + "r = x.cumprod(2)",
    X + "r = x.t().cumprod(1)",
    "y = torch.tensor([2.0, 0.0, 3.0, 0.0, 4.0], requires_grad=True); y.cumprod(0).sum().backward(); r = y.grad",
    "y = torch.tensor([2.0, 0.0, 3.0, 5.0], requires_grad=True); (y.cumprod(0) * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward(); r = y.grad",
    "y = torch.tensor([[0.0, 2.0], [3.0, 0.0], [1.0, 1.0]], requires_grad=True); y.cumprod(0).sum().backward(); r = y.grad",
    "y = torch.tensor([0.0, 0.0, 3.0], requires_grad=True); y.cumprod(0).sum().backward(); r = y.grad",
    "y = torch.tensor([[1.5, 2.0, -1.0]], requires_grad=True); y.cumprod(1, dtype=torch.float64).sum().backward(); r = y.grad",
    # nansum
    "x = torch.tensor([[1.0, float('nan')], [2.0, 3.0]], requires_grad=True); r = (x.nansum(), x.nansum(0), torch.nansum(x, 1, keepdim=True))",
    "x = torch.tensor([[1.0, float('nan')], [2.0, 3.0]], requires_grad=True); x.nansum(1).sum().backward(); r = x.grad",
    I + "r = (i.nansum(), i.nansum(dtype=torch.float32), torch.tensor([True, True]).nansum())",
    # count_nonzero
    X + "r = (x.count_nonzero(), x.count_nonzero(1), torch.count_nonzero(x, dim=(0, 1)), x.count_nonzero(dim=-2))",
    I + "r = torch.tensor([True, False]).count_nonzero()",
    X + "r = x.count_nonzero(3)",
    # median
    X + "r = (x.median(), x.median(1), x.median(0, keepdim=True), torch.median(x, dim=-1))",
    "r = torch.tensor([[3.0, 1.0, 2.0, 2.0, 1.0]]).median(1)",
    "r = torch.tensor([4.0, 1.0, 3.0, 2.0]).median()",
    "r = (torch.tensor([1.0, float('nan'), 0.0]).median(), torch.tensor([[1.0, float('nan'), 0.0]]).median(1))",
    "r = (torch.tensor([]).median(), torch.tensor(3.0).median(0), torch.tensor(3.0).median())",
    "r = torch.zeros(0, 3).median(0)",
    "r = torch.zeros(0, 3).median(1)",
    I + "r = (i.median(), i.median(0))",
    "r = torch.tensor([True, False]).median()",
    X + "r = x.median((0, 1))",
    "y = torch.tensor([1.0, 2.0, 2.0, 3.0], requires_grad=True); y.median().backward(); r = y.grad",
    "y = torch.tensor([[1.0, 2.0, 2.0, 3.0]], requires_grad=True); y.median(1).values.sum().backward(); r = y.grad",
    X + "r = (x.median().grad_fn.name(), x.median(0).values.grad_fn.name())",
    # erf
    X + "r = (torch.erf(x), x.erf(), torch.special.erf(x) if hasattr(torch, 'special') else torch.erf(x))",
    I + "r = i.erf()",
    "r = torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1e-30, 5.0], dtype=torch.float64).erf()",
    X + "y = x.erf(); y.sum().backward(); r = x.grad",
    # gelu, hardtanh, smooth_l1_loss
    G + "r = (torch.nn.functional.gelu(x), torch.nn.functional.gelu(x, approximate='tanh'))",
    X + "r = torch.nn.functional.gelu(x, approximate='foo')",
    I + "r = torch.nn.functional.gelu(i)",
    X + "torch.nn.functional.gelu(x).sum().backward(); r = x.grad",
    X + "torch.nn.functional.gelu(x, approximate='tanh').sum().backward(); r = x.grad",
    G + "r = (torch.nn.GELU()(x), repr(torch.nn.GELU()), repr(torch.nn.GELU('tanh')))",
    X + "r = (torch.nn.functional.hardtanh(x), torch.nn.functional.hardtanh(x, -0.5, 2.0))",
    X + "r = torch.nn.functional.hardtanh(x, 2.0, 1.0)",
    I + "r = torch.nn.functional.hardtanh(i)",
    X + "y = x * 1; r = torch.nn.functional.hardtanh(y, inplace=True)",
    X + "torch.nn.functional.hardtanh(x, -1.0, 1.5).sum().backward(); r = x.grad",
    X + "r = (torch.nn.Hardtanh()(x), repr(torch.nn.Hardtanh()), repr(torch.nn.Hardtanh(-2.0, 2.0, True)))",
    X + "r = torch.nn.Hardtanh(3.0, 2.0)",
    X + "t = x.detach() * 0.5; r = [torch.nn.functional.smooth_l1_loss(x, t, reduction=m) for m in ('mean', 'sum', 'none')]",
    X + "t = x.detach() * 0.5; r = (torch.nn.functional.smooth_l1_loss(x, t, beta=0.0), torch.nn.functional.smooth_l1_loss(x, t, beta=3.0))",
    X + "r = torch.nn.functional.smooth_l1_loss(x, x.detach(), beta=-1.0)",
    X + "r = torch.nn.functional.smooth_l1_loss(x, x.detach(), reduction='media')",
    X + "r = torch.nn.functional.smooth_l1_loss(x, torch.zeros(3))",
    X + "t = torch.tensor([[1.0, 2.0, 0.0], [0.0, 5.5, 3.0]], requires_grad=True); torch.nn.functional.smooth_l1_loss(x, t, beta=0.5).backward(); r = (x.grad, t.grad)",
    X + "r = (torch.nn.SmoothL1Loss(beta=0.5)(x, x.detach() * 0), repr(torch.nn.SmoothL1Loss(reduction='sum')))",
    # chunk de una dimensión vacía y roll de un tensor de dimensión 0
    "r = (torch.zeros(0, 3).chunk(2), torch.zeros(3, 0).chunk(3, 1), torch.zeros(0).chunk(1))",
    "r = torch.zeros(0, 3).chunk(0)",
    "r = torch.zeros(4, 3).chunk(0)",
    "r = torch.tensor(5.0).chunk(2)",
    "r = torch.tensor(5.0).roll([1, 2], [0, 0])",
    "r = (torch.tensor(5.0).roll(1), torch.tensor(5.0).roll(1).stride(), torch.tensor(5.0).roll((3,)))",
    "r = torch.tensor(5.0).roll(1, 0)",
]


@pytest.mark.parametrize("program", PROGRAMS)
def test_como_pytorch(program):
    assert run(program, minitorch) == run(program, torch), program


def test_erf_con_la_precision_de_math_erf():
    """``_erf`` en float64 frente a ``math.erf``: una rejilla densa, el cambio de método en 2.5, números diminutos y colas."""
    xs = np.concatenate([
        np.linspace(-7, 7, 200_001), np.linspace(2.45, 2.55, 2001), -np.geomspace(1e-300, 1.0, 500),
        np.geomspace(1e-300, 1.0, 500), np.linspace(5, 30, 101),
    ])
    expected = np.array([math.erf(v) for v in xs])
    got = _erf(xs)
    assert np.all(np.abs(got - expected) <= 1e-13 * np.abs(expected)), np.max(np.abs(got - expected) / np.abs(expected))
    assert np.all(np.abs(got) <= 1)  # nunca se sale de [-1, 1]
    assert np.array_equal(_erf(np.array([0.0, np.inf, -np.inf])), [0.0, 1.0, -1.0]) and np.isnan(_erf(np.array([np.nan])))[0]


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(np.float32, hnp.array_shapes(min_dims=1, max_dims=3, max_side=5),
                  elements=st.floats(-5, 5, width=32)))
def test_erf_gelu_y_median_como_pytorch(values):
    x, t = minitorch.tensor(values), torch.tensor(values)
    np.testing.assert_allclose(x.erf().numpy(), t.erf().numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(minitorch.nn.functional.gelu(x).numpy(), torch.nn.functional.gelu(t).numpy(), rtol=1e-5, atol=1e-6)
    ours, theirs = x.median(-1), t.median(-1)
    np.testing.assert_array_equal(ours.values.numpy(), theirs.values.numpy())
    # Con empates, el índice elegido puede ser otro; el valor en ese índice es la mediana.
    np.testing.assert_array_equal(np.take_along_axis(values, ours.indices.numpy()[..., None], -1)[..., 0], theirs.values.numpy())
    assert x.median().item() == t.median().item()


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                  elements=st.sampled_from([0.0, 1.0, -2.0, 0.5, 3.0])), st.data())
def test_gradiente_de_cumprod_con_ceros_como_pytorch(values, data):
    dim = data.draw(st.integers(-values.ndim, values.ndim - 1))
    weights = np.arange(1.0, values.size + 1).reshape(values.shape)
    x = minitorch.tensor(values, requires_grad=True)
    t = torch.tensor(values, requires_grad=True)
    (x.cumprod(dim) * minitorch.tensor(weights)).sum().backward()
    (t.cumprod(dim) * torch.tensor(weights)).sum().backward()
    np.testing.assert_allclose(x.cumprod(dim).detach().numpy(), np.cumprod(values, axis=dim))
    np.testing.assert_allclose(x.grad.numpy(), t.grad.numpy(), rtol=1e-12, atol=1e-12)
