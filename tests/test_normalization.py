"""``F.batch_norm`` y ``nn.BatchNorm1d/2d/3d``: paridad con PyTorch (valores, gradientes de cada entrada,
estadísticas acumuladas tras varios pasos, modo evaluación, ``state_dict``, textos y errores) y ``gradcheck``."""

import numpy as np
import pytest

import minitorch
from minitorch.autograd import gradcheck, gradgradcheck

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.paridad

LIBS = (torch, minitorch)
SHAPES = [(4, 3), (5, 3, 7), (2, 4, 3, 5), (3, 2, 2, 2, 2), (2, 1, 1, 3)]


def tolerance(dtype: str) -> dict:
    return {"rtol": 1e-4, "atol": 1e-5} if dtype == "float32" else {"rtol": 1e-10, "atol": 1e-12}


def run_batch_norm(lib, arrays, training, momentum, eps, grad_output, use_weight=True, use_bias=True, use_stats=True):
    x, w, b, rm, rv = arrays
    X = lib.tensor(x, requires_grad=True)
    W = lib.tensor(w, requires_grad=True) if use_weight else None
    B = lib.tensor(b, requires_grad=True) if use_bias else None
    RM, RV = (lib.tensor(rm), lib.tensor(rv)) if use_stats else (None, None)
    y = lib.nn.functional.batch_norm(X, RM, RV, W, B, training, momentum, eps)
    y.backward(lib.tensor(grad_output))
    found = [y, X.grad, None if W is None else W.grad, None if B is None else B.grad, RM, RV]
    return [None if t is None else t.detach().numpy() for t in found], type(y.grad_fn).__name__, tuple(y.stride())


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("affine", [(True, True), (True, False), (False, False)])
def test_batch_norm_matches_torch(shape, training, dtype, affine):
    rng = np.random.default_rng(hash((shape, training, dtype, affine)) % 2**32)
    c = shape[1]
    arrays = (
        (rng.standard_normal(shape) * 3 + 1).astype(dtype),
        rng.standard_normal(c).astype(dtype),
        rng.standard_normal(c).astype(dtype),
        rng.standard_normal(c).astype(dtype),
        (rng.random(c) + 0.5).astype(dtype),
    )
    grad_output = rng.standard_normal(shape).astype(dtype)
    use_stats = not training or bool(rng.integers(2))
    expected, got = (run_batch_norm(lib, arrays, training, 0.3, 1e-3, grad_output, *affine, use_stats) for lib in LIBS)
    for a, b in zip(expected[0], got[0]):
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_allclose(b, a, **tolerance(dtype))
    assert got[1:] == expected[1:]  # grad_fn y strides


def test_batch_norm_non_contiguous_input_gives_contiguous_result():
    x = np.random.default_rng(0).standard_normal((4, 3, 2)).astype("float32")
    results = [lib.nn.functional.batch_norm(lib.tensor(x).transpose(0, 2), None, None, training=True) for lib in LIBS]
    assert results[1].stride() == results[0].stride()
    np.testing.assert_allclose(results[1].numpy(), results[0].numpy(), rtol=1e-5, atol=1e-6)


def test_running_stats_not_versioned_nor_recorded():
    for lib in LIBS:
        rm, rv = lib.zeros(3), lib.ones(3)
        lib.nn.functional.batch_norm(lib.randn(4, 3, requires_grad=True), rm, rv, training=True)
        assert (rm._version, rv._version, rm.requires_grad, rm.grad_fn) == (0, 0, False, None)


def error_of(fn):
    try:
        fn()
    except Exception as error:  # noqa: BLE001
        return type(error)
    return None


@pytest.mark.parametrize("case", [
    lambda lib: ((4, 3), lib.zeros(4), lib.ones(3), None, None, True),
    lambda lib: ((4, 3), lib.zeros(3), lib.ones(2), None, None, True),
    lambda lib: ((4, 3), lib.zeros(3), lib.ones(3), lib.ones(4), None, True),
    lambda lib: ((4, 3), lib.zeros(3), lib.ones(3), lib.ones(3), lib.ones(5), False),
    lambda lib: ((1, 3), lib.zeros(3), lib.ones(3), None, None, True),
    lambda lib: ((1, 3, 1), None, None, None, None, True),
    lambda lib: ((1, 3), lib.zeros(3), lib.ones(3), None, None, False),
    lambda lib: ((4, 3), None, None, None, None, False),
    lambda lib: ((4, 3), lib.zeros(3), None, None, None, True),
    lambda lib: ((3,), None, None, None, None, True),
    lambda lib: ((3,), None, None, lib.ones(3), None, True),
    lambda lib: ((4, 3), lib.zeros(3, dtype=lib.float64), lib.ones(3, dtype=lib.float64), None, None, True),
    lambda lib: ((4, 3), lib.zeros(3, requires_grad=True), lib.ones(3), None, None, True),
])
def test_batch_norm_errors_match_torch(case):
    errors = []
    for lib in LIBS:
        shape, *args, training = case(lib)
        errors.append(error_of(lambda: lib.nn.functional.batch_norm(lib.randn(*shape), *args, training=training)))
    assert errors[1] is errors[0]


def test_integer_input_is_rejected_as_in_torch():
    errors = [error_of(lambda: lib.nn.functional.batch_norm(lib.arange(6).reshape(2, 3), None, None, training=True))
              for lib in LIBS]
    assert errors == [NotImplementedError, NotImplementedError]


def test_batch_norm_failure_leaves_running_stats_unchanged():
    rm, rv = minitorch.zeros(3), minitorch.ones(3)
    with pytest.raises(RuntimeError):
        minitorch.nn.functional.batch_norm(minitorch.randn(4, 3), rm, rv, minitorch.ones(4), training=True)
    assert rm.tolist() == [0, 0, 0] and rv.tolist() == [1, 1, 1]


# --- gradcheck en float64 ---------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(4, 3), (3, 2, 4), (2, 2, 3, 2)])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_gradcheck(shape, training):
    minitorch.manual_seed(0)
    c = shape[1]
    x = minitorch.randn(*shape, dtype=minitorch.float64, requires_grad=True)
    w = minitorch.randn(c, dtype=minitorch.float64, requires_grad=True)
    b = minitorch.randn(c, dtype=minitorch.float64, requires_grad=True)
    rm, rv = minitorch.randn(c, dtype=minitorch.float64), minitorch.rand(c, dtype=minitorch.float64) + 0.5

    def f(x, w, b):  # copias de las estadísticas: cada evaluación parte de las mismas
        return minitorch.nn.functional.batch_norm(x, rm.clone(), rv.clone(), w, b, training, 0.1, 1e-3)

    assert gradcheck(f, (x, w, b))
    assert gradgradcheck(f, (x, w, b))


def test_double_backward_matches_torch():
    x = np.random.default_rng(1).standard_normal((5, 3, 2))
    w = np.random.default_rng(2).standard_normal(3)
    results = []
    for lib in LIBS:
        X, W = lib.tensor(x, requires_grad=True), lib.tensor(w, requires_grad=True)
        y = lib.nn.functional.batch_norm(X, None, None, W, None, training=True)
        (gx,) = lib.autograd.grad((y ** 3).sum(), X, create_graph=True)
        results.append([t.detach().numpy() for t in lib.autograd.grad((gx ** 2).sum(), (X, W))])
    for a, b in zip(*results):
        np.testing.assert_allclose(b, a, rtol=1e-8, atol=1e-10)


# --- los módulos ----------------------------------------------------------------------------------
MODULES = [
    ("BatchNorm1d", (8, 4), {}),
    ("BatchNorm1d", (6, 4, 5), {"momentum": None}),
    ("BatchNorm2d", (3, 4, 5, 2), {}),
    ("BatchNorm2d", (3, 4, 5, 2), {"affine": False}),
    ("BatchNorm2d", (3, 4, 5, 2), {"track_running_stats": False}),
    ("BatchNorm2d", (3, 4, 2, 2), {"bias": False, "eps": 1e-3, "momentum": 0.5}),
    ("BatchNorm3d", (2, 4, 2, 3, 2), {"momentum": None, "affine": False}),
]


def train_and_eval(lib, name, shape, kwargs, batches, probe):
    lib.manual_seed(0)
    layer = getattr(lib.nn, name)(shape[1], **kwargs).double()
    steps = []
    params = [p for p in layer.parameters()]
    optimizer = lib.optim.SGD(params, lr=0.1) if params else None
    for batch in batches:
        out = layer(lib.tensor(batch))
        loss = (out ** 2 * lib.arange(out.numel(), dtype=lib.float64).reshape(out.shape)).mean()
        if optimizer:
            optimizer.zero_grad()
            loss.backward()
            steps.append([p.grad.numpy().copy() for p in params])
            optimizer.step()
        steps.append(out.detach().numpy())
    layer.eval()
    evaluated = layer(lib.tensor(probe)).detach().numpy()
    state = {k: v.numpy().copy() for k, v in layer.state_dict().items()}
    return repr(layer), steps, evaluated, state, [k for k, _ in layer.named_buffers()]


@pytest.mark.parametrize("name, shape, kwargs", MODULES)
def test_module_training_running_stats_and_eval_match_torch(name, shape, kwargs):
    rng = np.random.default_rng(len(shape) + len(kwargs))
    batches = [rng.standard_normal(shape) * (i + 1) + i for i in range(4)]
    probe = rng.standard_normal(shape)
    expected, got = (train_and_eval(lib, name, shape, kwargs, batches, probe) for lib in LIBS)
    assert got[0] == expected[0]
    for a, b in zip(expected[1], got[1]):
        np.testing.assert_allclose(b, a, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(got[2], expected[2], rtol=1e-9, atol=1e-10)
    assert list(got[3]) == list(expected[3])
    for key in expected[3]:
        np.testing.assert_allclose(got[3][key], expected[3][key], rtol=1e-9, atol=1e-12)
    assert got[4] == expected[4]


def test_module_defaults_buffers_and_repr():
    for lib in LIBS:
        layer = lib.nn.BatchNorm2d(16)
        assert repr(layer).replace("minitorch", "torch") == (
            "BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"
        )
        assert layer.num_batches_tracked.dtype == lib.int64 and layer.num_batches_tracked.item() == 0
        assert list(layer.state_dict()) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
        assert layer.weight.tolist() == [1.0] * 16 and layer.bias.tolist() == [0.0] * 16
        assert layer.running_mean.tolist() == [0.0] * 16 and layer.running_var.tolist() == [1.0] * 16
        assert list(lib.nn.BatchNorm1d(3, affine=False, track_running_stats=False).state_dict()) == []
    assert minitorch.nn.BatchNorm2d(3).state_dict()._metadata[""]["version"] == torch.nn.BatchNorm2d(3).state_dict()._metadata[""]["version"]


def test_state_dict_round_trip_between_libraries():
    source = torch.nn.BatchNorm1d(3)
    source(torch.randn(5, 3) * 2 + 1)
    target = minitorch.nn.BatchNorm1d(3)
    target.load_state_dict({k: minitorch.tensor(v.numpy()) for k, v in source.state_dict().items()})
    source.eval(), target.eval()
    x = np.random.default_rng(3).standard_normal((4, 3)).astype("float32")
    np.testing.assert_allclose(target(minitorch.tensor(x)).detach().numpy(), source(torch.tensor(x)).detach().numpy(),
                               rtol=1e-5, atol=1e-6)
    assert target.num_batches_tracked.item() == 1


@pytest.mark.parametrize("name, shape", [
    ("BatchNorm2d", (2, 3, 4)), ("BatchNorm1d", (2, 3, 4, 5)), ("BatchNorm1d", (3,)), ("BatchNorm3d", (2, 3, 4, 5)),
    ("BatchNorm2d", (2, 4, 4, 4)), ("BatchNorm1d", (1, 3)),
])
def test_module_input_errors_match_torch(name, shape):
    errors = [error_of(lambda: getattr(lib.nn, name)(3)(lib.randn(*shape))) for lib in LIBS]
    assert errors[1] is errors[0]


def test_wrong_dimension_message_names_the_dimensions():
    with pytest.raises(ValueError, match="4-D.*3 dimensiones"):
        minitorch.nn.BatchNorm2d(3)(minitorch.randn(2, 3, 4))


def test_eval_without_tracking_uses_batch_statistics():
    x = np.random.default_rng(4).standard_normal((6, 2)).astype("float32")
    outs = []
    for lib in LIBS:
        layer = lib.nn.BatchNorm1d(2, track_running_stats=False).eval()
        outs.append(layer(lib.tensor(x)).detach().numpy())
    np.testing.assert_allclose(outs[1], outs[0], rtol=1e-5, atol=1e-6)
