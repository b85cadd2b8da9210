"""``F.embedding`` y ``nn.Embedding``: paridad con PyTorch (valores, gradiente del peso con ``padding_idx`` y
``scale_grad_by_freq``, ``max_norm``, inicialización con la misma semilla, textos y errores) y ``gradcheck``."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minitorch
from minitorch.autograd import gradcheck, gradgradcheck

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.paridad

LIBS = (torch, minitorch)


def error_of(fn):
    try:
        fn()
    except Exception as error:  # noqa: BLE001
        return type(error)
    return None


def run_embedding(lib, indices, table, grad_output, index_dtype, **options):
    weight = lib.tensor(table, requires_grad=True)
    out = lib.nn.functional.embedding(lib.tensor(indices, dtype=getattr(lib, index_dtype)), weight, **options)
    out.backward(lib.tensor(grad_output))
    return out.detach().numpy(), weight.grad.numpy(), type(out.grad_fn).__name__, tuple(out.stride())


@pytest.mark.parametrize("index_shape", [(), (5,), (2, 3), (2, 0), (3, 2, 4)])
@pytest.mark.parametrize("options", [{}, {"padding_idx": 2}, {"padding_idx": -1}, {"scale_grad_by_freq": True},
                                     {"padding_idx": 0, "scale_grad_by_freq": True}])
@pytest.mark.parametrize("index_dtype", ["int64", "int32"])
def test_embedding_matches_torch(index_shape, options, index_dtype):
    rng = np.random.default_rng(len(index_shape) + len(options))
    table = rng.standard_normal((6, 3)).astype("float32")
    indices = rng.integers(0, 6, size=index_shape)
    grad_output = rng.standard_normal(index_shape + (3,)).astype("float32")
    expected, got = (run_embedding(lib, indices, table, grad_output, index_dtype, **options) for lib in LIBS)
    np.testing.assert_allclose(got[0], expected[0])
    np.testing.assert_allclose(got[1], expected[1], rtol=1e-6, atol=1e-6)
    assert got[2:] == expected[2:]


@given(st.lists(st.integers(0, 9), min_size=1, max_size=30), st.one_of(st.none(), st.integers(-10, 9)))
@settings(max_examples=40, deadline=None)
def test_embedding_gradient_counts_rows(indices, padding_idx):
    """El gradiente de cada fila con G = 1 es el número de veces que aparece (cero la de relleno)."""
    weight = minitorch.randn(10, 2, requires_grad=True)
    minitorch.nn.functional.embedding(minitorch.tensor(indices), weight, padding_idx).sum().backward()
    counts = np.bincount(indices, minlength=10).astype("float32")
    if padding_idx is not None:
        counts[padding_idx] = 0
    np.testing.assert_array_equal(weight.grad.numpy(), np.repeat(counts[:, None], 2, axis=1))


def test_embedding_max_norm_renormalizes_the_used_rows_in_place():
    table = np.random.default_rng(5).standard_normal((6, 4)).astype("float32") * 3
    results = []
    for lib in LIBS:
        weight = lib.tensor(table)
        out = lib.nn.functional.embedding(lib.tensor([[0, 2], [2, 5]]), weight, max_norm=1.5, norm_type=3.0)
        results.append((out.numpy(), weight.numpy()))
    for a, b in zip(*results):
        np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("case", [
    lambda lib: (lib.tensor([6]), lib.randn(6, 3), {}),
    lambda lib: (lib.tensor([-1]), lib.randn(6, 3), {}),
    lambda lib: (lib.tensor([1.0]), lib.randn(6, 3), {}),
    lambda lib: (lib.tensor([1]), lib.randn(6), {}),
    lambda lib: (lib.tensor([1]), lib.randn(6, 3, 2), {}),
    lambda lib: (lib.tensor([1]), lib.randn(6, 3), {"padding_idx": 6}),
    lambda lib: (lib.tensor([1]), lib.randn(6, 3), {"padding_idx": -7}),
    lambda lib: (lib.tensor([1]), lib.randn(6, 3), {"padding_idx": -6}),
])
def test_embedding_errors_match_torch(case):
    errors = []
    for lib in LIBS:
        indices, weight, options = case(lib)
        errors.append(error_of(lambda: lib.nn.functional.embedding(indices, weight, **options)))
    assert errors[1] is errors[0]


def test_embedding_gradcheck():
    weight = minitorch.randn(5, 3, dtype=minitorch.float64, requires_grad=True)
    indices = minitorch.tensor([[0, 4, 4], [1, 0, 2]])
    assert gradcheck(lambda w: minitorch.nn.functional.embedding(indices, w), (weight,))
    # padding_idx y scale_grad_by_freq cambian a propósito el gradiente (no es la derivada): solo se comprueba
    # un padding_idx que no aparece en los índices, que entonces no cambia nada.
    assert gradcheck(lambda w: minitorch.nn.functional.embedding(indices, w, padding_idx=3), (weight,))
    assert gradgradcheck(lambda w: minitorch.nn.functional.embedding(indices, w), (weight,))
    # Aquí minitorch se aparta de PyTorch 2.13, cuya segunda derivada olvida dividir entre la frecuencia:
    # la de minitorch es la derivada de su primer gradiente, y gradgradcheck lo confirma.
    assert gradgradcheck(lambda w: minitorch.nn.functional.embedding(indices, w, scale_grad_by_freq=True), (weight,))


def test_embedding_create_graph_matches_torch():
    table = np.random.default_rng(6).standard_normal((5, 2))
    results = []
    for lib in LIBS:
        weight = lib.tensor(table, requires_grad=True)
        out = lib.nn.functional.embedding(lib.tensor([1, 1, 4, 0]), weight, padding_idx=0)
        (grad,) = lib.autograd.grad((out ** 2).sum(), weight, create_graph=True)
        results.append([grad.detach().numpy(), lib.autograd.grad((grad ** 2).sum(), weight)[0].numpy()])
    for a, b in zip(*results):
        np.testing.assert_allclose(b, a, rtol=1e-10, atol=1e-12)


# --- el módulo ------------------------------------------------------------------------------------
@pytest.mark.parametrize("args, kwargs", [
    ((10, 3), {}), ((10, 3), {"padding_idx": 1}), ((10, 3), {"padding_idx": -1}), ((7, 5), {"max_norm": 1.0}),
    ((7, 5), {"norm_type": 1.0, "scale_grad_by_freq": True}),
])
def test_module_init_repr_and_training_match_torch(args, kwargs):
    results = []
    for lib in LIBS:
        lib.manual_seed(0)
        layer = lib.nn.Embedding(*args, **kwargs)
        initial = layer.weight.detach().numpy().copy()
        out = layer(lib.tensor([[1, 2, 2], [0, 6, 1]]))
        (out * lib.arange(out.numel(), dtype=lib.float32).reshape(out.shape)).sum().backward()
        results.append((repr(layer), layer.padding_idx, initial, out.detach().numpy(), layer.weight.grad.numpy(),
                        list(layer.state_dict())))
    expected, got = results
    assert got[0] == expected[0] and got[1] == expected[1] and got[5] == expected[5]
    for a, b in zip(expected[2:5], got[2:5]):
        np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-6)


def test_from_pretrained_shares_memory_and_freezes():
    for lib in LIBS:
        table = lib.randn(4, 2)
        layer = lib.nn.Embedding.from_pretrained(table)
        assert repr(layer) == "Embedding(4, 2)" and not layer.weight.requires_grad
        assert layer.weight.data_ptr() == table.data_ptr()
        assert lib.nn.Embedding.from_pretrained(table, freeze=False, padding_idx=0).weight.requires_grad


@pytest.mark.parametrize("make", [
    lambda lib: lib.nn.Embedding(10, 3, padding_idx=10),
    lambda lib: lib.nn.Embedding(10, 3, padding_idx=-11),
    lambda lib: lib.nn.Embedding.from_pretrained(lib.randn(4)),
    lambda lib: lib.nn.Embedding(4, 3, _weight=lib.randn(4, 2)),
])
def test_module_errors_match_torch(make):
    errors = [error_of(lambda: make(lib)) for lib in LIBS]
    assert errors[1] is errors[0]
