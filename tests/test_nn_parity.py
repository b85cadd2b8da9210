"""Paridad de ``minitorch.nn`` con ``torch.nn``: el mismo programa, escrito una vez para las dos bibliotecas
(``lib`` es ``torch`` o ``minitorch``), debe dar los mismos árboles, nombres, textos, pesos iniciales,
pérdidas y gradientes, y el mismo entrenamiento.
"""

import warnings
from collections import OrderedDict

import numpy as np
import pytest

import minitorch

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.paridad

LIBS = (torch, minitorch)


def as_numpy(t):
    return t.detach().numpy()


def same_text(a: str, b: str) -> None:
    """Los textos de PyTorch nombran ``torch.float64``, ``torch.Size``…: se comparan con ``minitorch.``."""
    assert b == a.replace("torch.", "minitorch.")


# --- modelos escritos una vez para las dos bibliotecas --------------------------------------------
def mlp(lib):
    nn = lib.nn
    return nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def zoo(lib):
    nn = lib.nn
    return nn.Sequential(
        nn.Linear(3, 4),
        nn.Sequential(nn.Linear(4, 4, bias=False), nn.Tanh(), nn.Dropout(0.1)),
        nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 4)]),
        nn.ModuleDict({"z": nn.Sigmoid(), "a": nn.Identity()}),
        nn.Flatten(0),
        nn.Softmax(dim=-1),
        nn.LogSoftmax(dim=1),
        nn.CrossEntropyLoss(weight=lib.ones(3), label_smoothing=0.1),
        nn.BCEWithLogitsLoss(pos_weight=lib.ones(1)),
        nn.MSELoss(reduction="sum"),
    )


def custom(lib):
    nn = lib.nn

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("running", lib.zeros(2))
            self.register_buffer("temp", lib.ones(1), persistent=False)
            self.scale = nn.Parameter(lib.ones(2))
            self.inner = nn.Linear(2, 2)

        def forward(self, x):
            return self.inner(x) * self.scale + self.running

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.first = Block()
            self.shared = nn.Linear(2, 2)
            self.again = self.shared
            self.layers = nn.ModuleList([Block() for _ in range(2)])

        def forward(self, x):
            x = self.again(self.shared(self.first(x)))
            for layer in self.layers:
                x = layer(x)
            return x

    return Net()


MODELS = [mlp, zoo, custom]


def build(factory, lib, seed=0):
    lib.manual_seed(seed)
    return factory(lib)


@pytest.mark.parametrize("factory", MODELS)
def test_repr_identico(factory):
    same_text(repr(build(factory, torch)), repr(build(factory, minitorch)))


@pytest.mark.parametrize("factory", MODELS)
def test_mismos_nombres_en_el_mismo_orden(factory):
    t, m = build(factory, torch), build(factory, minitorch)
    for method in ("named_modules", "named_parameters", "named_buffers", "named_children"):
        assert [n for n, _ in getattr(m, method)()] == [n for n, _ in getattr(t, method)()], method
    assert [n for n, _ in m.named_parameters(remove_duplicate=False)] == [n for n, _ in t.named_parameters(remove_duplicate=False)]
    assert [n for n, _ in m.named_modules(remove_duplicate=False)] == [n for n, _ in t.named_modules(remove_duplicate=False)]
    assert list(m.state_dict()) == list(t.state_dict())
    assert dict(m.state_dict()._metadata) == dict(t.state_dict()._metadata)
    public = lambda module: {name for name in dir(module) if not name.startswith("_")}  # noqa: E731
    assert public(m) <= public(t)  # nada que PyTorch no tenga


@pytest.mark.parametrize("factory", MODELS)
def test_misma_semilla_mismos_pesos(factory):
    t, m = build(factory, torch, seed=3), build(factory, minitorch, seed=3)
    for (name, a), (_, b) in zip(t.state_dict().items(), m.state_dict().items()):
        assert np.array_equal(a.numpy(), b.numpy()), name
    assert np.array_equal(torch.rand(5).numpy(), minitorch.rand(5).numpy())  # el generador avanzó lo mismo


@pytest.mark.parametrize("shape", [(1, 1), (3, 2), (17, 64), (256, 256), (10, 256)])
def test_linear_por_defecto_bit_a_bit(shape):
    t, m = (build(lambda lib: lib.nn.Linear(*shape), lib, seed=sum(shape)) for lib in LIBS)
    assert np.array_equal(as_numpy(t.weight), as_numpy(m.weight))
    assert np.array_equal(as_numpy(t.bias), as_numpy(m.bias))


@pytest.mark.parametrize(
    "name, args",
    [
        ("uniform_", (-0.3, 0.7)),
        ("normal_", (0.5, 2.0)),
        ("xavier_uniform_", (1.5,)),
        ("xavier_normal_", ()),
        ("kaiming_uniform_", ()),
        ("kaiming_normal_", (0, "fan_out", "relu")),
        ("constant_", (0.25,)),
    ],
)
def test_init_con_los_mismos_numeros(name, args):
    results = []
    for lib in LIBS:
        lib.manual_seed(11)
        t = lib.empty(32, 48)
        getattr(lib.nn.init, name)(t, *args)
        results.append(t.numpy())
    np.testing.assert_allclose(results[1], results[0], rtol=1e-6, atol=1e-7)


def test_load_state_dict_mismas_claves_y_errores():
    t, m = build(custom, torch), build(custom, minitorch)
    state = {k: v.numpy() for k, v in t.state_dict().items()}
    state["extra.weight"] = np.ones(1, np.float32)
    del state["first.scale"]
    results = []
    for lib, model in ((torch, t), (minitorch, m)):
        results.append(model.load_state_dict({k: lib.tensor(v) for k, v in state.items()}, strict=False))
        with pytest.raises(RuntimeError):
            model.load_state_dict({k: lib.tensor(v) for k, v in state.items()})
    assert results[1].missing_keys == results[0].missing_keys
    assert results[1].unexpected_keys == results[0].unexpected_keys
    for (name, a), (_, b) in zip(t.state_dict().items(), m.state_dict().items()):
        assert np.array_equal(a.numpy(), b.numpy()), name


def test_hooks_en_el_mismo_orden():
    logs = []
    for lib in LIBS:
        log = []
        model = lib.nn.Sequential(lib.nn.Identity(), lib.nn.ReLU())
        for name, module in model.named_modules():
            module.register_forward_pre_hook(lambda mod, args, name=name: log.append(("pre", name)))
            module.register_forward_hook(lambda mod, args, out, name=name: log.append(("post", name)))
        model.register_forward_hook(lambda mod, args, out: log.append("primero"), prepend=True)
        model(lib.ones(2))
        logs.append(log)
    assert logs[0] == logs[1]


# --- pérdidas y sus gradientes ---------------------------------------------------------------------
def run_both(fn, *arrays, grad_of=(0,)):
    """Ejecuta ``fn(lib, *tensores)`` en las dos bibliotecas; devuelve resultados y gradientes de ``grad_of``.

    El gradiente que llega desde arriba es aleatorio (no unos), para que cada elemento cuente distinto.
    """
    outputs, upstream = [], None
    for lib in LIBS:
        tensors = [lib.tensor(a) for a in arrays]
        for i in grad_of:
            tensors[i].requires_grad_()
        out = fn(lib, *tensors)
        if upstream is None:
            upstream = np.random.default_rng(1).uniform(0.5, 1.5, tuple(out.shape)).astype(np.float32)
        grads = []
        if grad_of:
            out.backward(lib.tensor(upstream))
            grads = [as_numpy(tensors[i].grad) for i in grad_of]
        outputs.append((as_numpy(out), grads))
    return outputs


def assert_same(outputs, rtol=1e-5, atol=1e-6):
    (t_out, t_grads), (m_out, m_grads) = outputs
    np.testing.assert_allclose(m_out, t_out, rtol=rtol, atol=atol)
    for a, b in zip(t_grads, m_grads):
        np.testing.assert_allclose(b, a, rtol=rtol, atol=atol)


rng = np.random.default_rng(0)
X = rng.standard_normal((8, 5)).astype(np.float32) * 3
X[0] = [500.0, -500.0, 0.0, 1.0, 2.0]  # logits enormes: log-sum-exp estable
CLASSES = np.array([0, 1, 2, 3, 4, 0, 1, -100])
REDUCTIONS = ["mean", "sum", "none"]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(
    "options",
    [{}, {"weight": "w"}, {"ignore_index": 1}, {"label_smoothing": 0.2}, {"weight": "w", "label_smoothing": 0.3}],
)
def test_cross_entropy_valor_y_gradiente(reduction, options):
    target = np.where(CLASSES == -100, options.get("ignore_index", -100), CLASSES)
    w = np.array([1.0, 2.0, 0.5, 1.5, 3.0], np.float32)

    def fn(lib, x, t, weight):
        kwargs = {k: (weight if v == "w" else v) for k, v in options.items()}
        return lib.nn.functional.cross_entropy(x, t, reduction=reduction, **kwargs)

    assert_same(run_both(fn, X, target, w))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_con_probabilidades_y_dimensiones_extra(reduction):
    probs = rng.dirichlet(np.ones(5), size=8).astype(np.float32)
    assert_same(run_both(lambda lib, x, p: lib.nn.functional.cross_entropy(x, p, reduction=reduction, label_smoothing=0.1), X, probs))
    volume = rng.standard_normal((2, 5, 3, 4)).astype(np.float32)
    labels = rng.integers(0, 5, (2, 3, 4))
    assert_same(run_both(lambda lib, x, t: lib.nn.CrossEntropyLoss(reduction=reduction)(x, t), volume, labels))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nll_log_softmax_y_softmax(reduction):
    target = np.where(CLASSES == -100, 2, CLASSES)
    assert_same(run_both(lambda lib, x, t: lib.nn.NLLLoss(reduction=reduction)(lib.nn.LogSoftmax(dim=1)(x), t), X, target))
    assert_same(run_both(lambda lib, x: lib.nn.functional.softmax(x, dim=0) * lib.arange(5.0), X))
    assert_same(run_both(lambda lib, x: lib.nn.functional.log_softmax(x, dim=-1) * lib.arange(5.0), X))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_mse_y_l1(reduction):
    target = rng.standard_normal((8, 5)).astype(np.float32)
    target[1, 1] = X[1, 1]  # diferencia exactamente cero: el gradiente de |x| ahí es 0
    for loss in ("MSELoss", "L1Loss"):
        assert_same(run_both(lambda lib, x, y: getattr(lib.nn, loss)(reduction=reduction)(x, y), X, target, grad_of=(0, 1)))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy(reduction):
    p = rng.uniform(0.01, 0.99, (6, 3)).astype(np.float32)
    p[0] = [0.0, 1.0, 0.5]  # probabilidades en los extremos: log recortado a -100
    y = rng.uniform(0, 1, (6, 3)).astype(np.float32)
    y[0] = [0.0, 1.0, 1.0]
    w = rng.uniform(0.5, 2, (6, 3)).astype(np.float32)
    assert_same(run_both(lambda lib, a, b: lib.nn.BCELoss(reduction=reduction)(a, b), p, y))
    assert_same(run_both(lambda lib, a, b, c: lib.nn.functional.binary_cross_entropy(a, b, c, reduction=reduction), p, y, w))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_with_logits(reduction):
    z = (rng.standard_normal((6, 3)) * 4).astype(np.float32)
    z[0] = [0.0, 300.0, -300.0]
    y = rng.uniform(0, 1, (6, 3)).astype(np.float32)
    pos = np.array([0.5, 1.0, 3.0], np.float32)
    assert_same(run_both(lambda lib, a, b: lib.nn.BCEWithLogitsLoss(reduction=reduction)(a, b), z, y, grad_of=(0, 1)))
    assert_same(run_both(lambda lib, a, b, c: lib.nn.BCEWithLogitsLoss(reduction=reduction, pos_weight=c)(a, b), z, y, pos))


def outcome(fn):
    """Lo que hace ``fn()``: el tipo de la excepción que lanza, o el valor y el tipo de lo que devuelve."""
    try:
        result = fn()
    except Exception as error:  # noqa: BLE001 - se compara el tipo con el de PyTorch
        return type(error)
    return result.item(), str(result.dtype).split(".")[-1]


BCE_CASES = {
    "objetivo int64": lambda lib, p: lib.nn.BCELoss()(p, lib.tensor([1, 0])),
    "objetivo bool": lambda lib, p: lib.nn.BCELoss()(p, lib.tensor([True, False])),
    "objetivo float64": lambda lib, p: lib.nn.BCELoss()(p, lib.tensor([1.0, 0.0], dtype=lib.float64)),
    "entrada float64": lambda lib, p: lib.nn.BCELoss()(p.double(), lib.tensor([1.0, 0.0])),
    "entrada int64": lambda lib, p: lib.nn.functional.binary_cross_entropy(lib.tensor([1, 0]), lib.tensor([1, 0])),
    "entrada nan": lambda lib, p: lib.nn.BCELoss()(lib.tensor([0.5, float("nan")]), lib.tensor([1.0, 0.0])),
    "peso float64": lambda lib, p: lib.nn.BCELoss(weight=lib.tensor([1.0, 2.0], dtype=lib.float64))(p, lib.tensor([1.0, 0.0])),
    "logits, objetivo int64": lambda lib, p: lib.nn.BCEWithLogitsLoss()(p, lib.tensor([1, 0])),
    "logits, objetivo bool": lambda lib, p: lib.nn.BCEWithLogitsLoss()(p, lib.tensor([True, False])),
    "logits, objetivo float64": lambda lib, p: lib.nn.BCEWithLogitsLoss()(p, lib.tensor([1.0, 0.0], dtype=lib.float64)),
    "logits float64, objetivo float32": lambda lib, p: lib.nn.BCEWithLogitsLoss()(p.double(), lib.tensor([1.0, 0.0])),
    "logits int64": lambda lib, p: lib.nn.BCEWithLogitsLoss()(lib.tensor([1, 0]), lib.tensor([1.0, 0.0])),
    "logits, pos_weight float64": lambda lib, p: lib.nn.BCEWithLogitsLoss(pos_weight=lib.tensor([2.0], dtype=lib.float64))(
        p, lib.tensor([1.0, 0.0])
    ),
}


@pytest.mark.parametrize("case", list(BCE_CASES))
def test_binary_cross_entropy_tipos_y_errores_como_pytorch(case):
    """Los tipos que PyTorch rechaza (objetivo entero en BCE, entrada entera, nan) y el tipo del resultado."""
    results = [outcome(lambda: BCE_CASES[case](lib, lib.tensor([0.7, 0.2]))) for lib in LIBS]
    if isinstance(results[0], tuple):
        assert results[1][1] == results[0][1]
        np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-6)
    else:
        assert results[1] is results[0]


@pytest.mark.parametrize(
    "options, target",
    [
        ({"ignore_index": 1}, [1, 1]),  # todos ignorados: pérdida nan, gradiente 0
        ({"ignore_index": 1}, [1, 0, 2]),
        ({"ignore_index": 0, "reduction": "sum"}, [0, 1]),
        ({"weight": [0.0, 1.0, 1.0]}, [0, 0, 2]),  # peso 0: gradiente -0
        ({"weight": [0.0, 1.0, 1.0]}, [0, 0]),  # pesos que suman 0: 0 / 0 = nan también en el gradiente
    ],
)
def test_cross_entropy_con_ejemplos_ignorados_o_de_peso_cero(options, target):
    results = []
    for lib in LIBS:
        kwargs = {k: lib.tensor(v) if k == "weight" else v for k, v in options.items()}
        x = lib.zeros(len(target), 3, requires_grad=True)
        loss = lib.nn.CrossEntropyLoss(**kwargs)(x, lib.tensor(target))
        loss.backward()
        results.append((str(loss), str(x.grad)))
    assert results[1][0].replace("minitorch", "torch") == results[0][0]
    assert results[1][1] == results[0][1]


@pytest.mark.parametrize("target", [[1], 1, [1, 2], [[1]], []])
def test_cross_entropy_de_un_solo_ejemplo_1d(target):
    """Logits 1-D (un ejemplo) con su clase como número o como lista de un elemento."""
    results = []
    for lib in LIBS:
        x = lib.tensor([0.1, 0.5, 0.2])
        results.append(outcome(lambda: lib.nn.functional.cross_entropy(x, lib.tensor(target, dtype=lib.int64))))
    assert results[1] == pytest.approx(results[0]) if isinstance(results[0], tuple) else results[1] is results[0]


@pytest.mark.parametrize("shape", [(2, 3, 4), (2, 3, 2, 2), (2, 3, 2, 1, 2), (3,)])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nll_loss_en_varias_dimensiones_mismos_nodos(shape, reduction):
    """PyTorch calcula (N, C, d…) como una imagen (N, C, 1, resto): NllLoss2DBackward0 y vistas alrededor."""
    chains = []
    for lib in LIBS:
        x = lib.linspace(-1, 1, int(np.prod(shape))).reshape(shape).requires_grad_()
        labels = np.arange(int(np.prod(shape[:1] + shape[2:]))).reshape(shape[:1] + shape[2:]) % 3 if len(shape) > 1 else 1
        loss = lib.nn.functional.nll_loss(x, lib.tensor(labels), reduction=reduction)
        chain, node = [], loss.grad_fn
        while node is not None:
            chain.append(type(node).__name__)
            node = node.next_functions[0][0] if node.next_functions else None
        loss.sum().backward()
        chains.append((chain, as_numpy(loss), as_numpy(x.grad)))
    assert chains[1][0] == chains[0][0]
    np.testing.assert_allclose(chains[1][1], chains[0][1], rtol=1e-6)
    np.testing.assert_allclose(chains[1][2], chains[0][2], rtol=1e-6)


def test_linear_y_activaciones_con_gradiente():
    def fn(lib, x):
        lib.manual_seed(5)
        model = lib.nn.Sequential(lib.nn.Linear(5, 7), lib.nn.Tanh(), lib.nn.Linear(7, 3), lib.nn.Sigmoid())
        return model(x)

    assert_same(run_both(fn, X))


@pytest.mark.parametrize("loss_name", ["cross_entropy", "mse_loss", "binary_cross_entropy_with_logits", "softmax"])
def test_segunda_derivada(loss_name):
    """``create_graph=True``: el gradiente respecto de la entrada se puede derivar otra vez (como al
    penalizar la norma del gradiente)."""
    target_classes = np.array([0, 1, 2, 3, 4, 0, 1, 2])
    target_values = rng.uniform(0, 1, (8, 3)).astype(np.float32)
    results = []
    for lib in LIBS:
        F = lib.nn.functional
        lib.manual_seed(0)
        layer = lib.nn.Linear(5, 5 if loss_name in ("cross_entropy", "softmax") else 3)
        x = lib.tensor(X, requires_grad=True)
        out = layer(x)
        if loss_name == "cross_entropy":
            loss = F.cross_entropy(out, lib.tensor(target_classes))
        elif loss_name == "softmax":
            loss = (F.softmax(out, dim=1) * lib.arange(5.0)).sum()
        else:
            loss = getattr(F, loss_name)(out, lib.tensor(target_values))
        (grad_x,) = lib.autograd.grad(loss, x, create_graph=True)
        (grad_x * grad_x).sum().backward()
        results.append([as_numpy(t) for t in (grad_x, x.grad, layer.weight.grad, layer.bias.grad)])
    for a, b in zip(*results):
        np.testing.assert_allclose(b, a, rtol=1e-4, atol=1e-6)


# --- un entrenamiento completo ----------------------------------------------------------------------
def spirals(n=200, seed=0):
    """Dos espirales entrelazadas (el conjunto de datos del cuaderno de entrenamiento)."""
    gen = np.random.default_rng(seed)
    t = np.sqrt(gen.uniform(0, 1, n)) * 3 * np.pi
    labels = gen.integers(0, 2, n)
    radius = t / (3 * np.pi)
    angle = t + labels * np.pi
    points = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1) + gen.normal(0, 0.02, (n, 2))
    return points.astype(np.float32), labels


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_dropout_apaga_los_mismos_elementos(p):
    """Con la misma semilla, Dropout apaga los mismos elementos que en PyTorch, también al derivar."""
    outputs, grads = [], []
    for lib in LIBS:
        lib.manual_seed(3)
        x = lib.ones(64, 33, requires_grad=True)
        layer = lib.nn.Dropout(p)
        y = layer(x)
        (y * lib.arange(33.0)).sum().backward()
        outputs.append(y.detach().numpy())
        grads.append(x.grad.numpy())
    np.testing.assert_array_equal(outputs[1], outputs[0])
    np.testing.assert_array_equal(grads[1], grads[0])
    assert 0 < (outputs[0] == 0).mean() < 1


@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
def test_entrenamiento_pequeno_igual_que_pytorch(optimizer):
    """Misma semilla ⇒ mismos pesos iniciales, mismos lotes y la misma curva de pérdida."""
    points, labels = spirals()
    curves, finals = [], []
    for lib in LIBS:
        lib.manual_seed(0)
        model = lib.nn.Sequential(lib.nn.Linear(2, 32), lib.nn.ReLU(), lib.nn.Linear(32, 32), lib.nn.Tanh(), lib.nn.Linear(32, 2))
        kwargs = {"lr": 0.1, "momentum": 0.9} if optimizer == "SGD" else {"lr": 0.01}
        opt = getattr(lib.optim, optimizer)(model.parameters(), **kwargs)
        data = lib.utils.data.TensorDataset(lib.tensor(points), lib.tensor(labels))
        loader = lib.utils.data.DataLoader(data, batch_size=32, shuffle=True)
        loss_fn = lib.nn.CrossEntropyLoss()
        curve = []
        for _ in range(6):
            for x, y in loader:
                opt.zero_grad()
                loss = loss_fn(model(x), y)
                loss.backward()
                opt.step()
                curve.append(loss.item())
        curves.append(curve)
        finals.append(OrderedDict((k, v.numpy().copy()) for k, v in model.state_dict().items()))
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-4, atol=1e-5)
    for name in finals[0]:
        np.testing.assert_allclose(finals[1][name], finals[0][name], rtol=1e-4, atol=1e-5, err_msg=name)
    per_epoch = np.reshape(curves[1], (6, -1)).mean(1)
    assert per_epoch[-1] < per_epoch[0]  # y además aprende


# --- más activaciones y recorte de gradientes ----------------------------------------------------------------
ACTIVATIONS = {
    "leaky_relu": lambda F, x: F.leaky_relu(x, 0.2), "elu": lambda F, x: F.elu(x, alpha=0.7),
    "silu": lambda F, x: F.silu(x), "softplus": lambda F, x: F.softplus(x, beta=2.0, threshold=5.0),
    "leaky_relu in situ": lambda F, x: F.leaky_relu(x * 1, inplace=True), "elu in situ": lambda F, x: F.elu(x * 1, inplace=True),
    "silu in situ": lambda F, x: F.silu(x * 1, inplace=True),
}


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activaciones_valores_gradientes_y_nombres(name):
    """X incluye ±500 y 0: las activaciones no desbordan y la derivada en 0 es la de PyTorch."""
    assert_same(run_both(lambda lib, x: ACTIVATIONS[name](lib.nn.functional, x), X))
    names = [type(ACTIVATIONS[name](lib.nn.functional, lib.tensor(X, requires_grad=True)).grad_fn).__name__ for lib in LIBS]
    assert names[0] == names[1]


@pytest.mark.parametrize("module", [
    "LeakyReLU()", "LeakyReLU(0.2, inplace=True)", "ELU()", "ELU(alpha=0.5, inplace=True)", "SiLU()", "SiLU(inplace=True)",
    "Softplus()", "Softplus(beta=2, threshold=10)",
])
def test_modulos_de_activacion_repr_y_salida(module):
    outputs = []
    for lib in LIBS:
        layer = eval(f"lib.nn.{module}")
        outputs.append((repr(layer), layer(lib.tensor(X) * 1).numpy()))
    assert outputs[0][0] == outputs[1][0]
    np.testing.assert_allclose(outputs[1][1], outputs[0][1], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("norm_type", [2.0, 1, float("inf")])
@pytest.mark.parametrize("max_norm", [0.5, 1e6])
def test_clip_grad_norm_como_pytorch(norm_type, max_norm):
    results = []
    for lib in LIBS:
        lib.manual_seed(0)
        model = lib.nn.Sequential(lib.nn.Linear(5, 4), lib.nn.ReLU(), lib.nn.Linear(4, 2))
        model(lib.tensor(X)).pow(2).sum().backward()
        total = lib.nn.utils.clip_grad_norm_(model.parameters(), max_norm, norm_type=norm_type)
        results.append((total.item(), [p.grad.numpy().copy() for p in model.parameters()]))
    np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-5)
    for ours, theirs in zip(results[1][1], results[0][1]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-7)


def test_clip_grad_value_y_casos_limite_como_pytorch():
    outcomes = []
    for lib in LIBS:
        p = lib.nn.Parameter(lib.ones(3))
        p.grad = lib.tensor([3.0, -4.0, 0.1])
        lib.nn.utils.clip_grad_value_([p], 0.5)
        empty = lib.nn.utils.clip_grad_norm_([lib.nn.Parameter(lib.ones(2))], 1.0)  # sin gradientes: 0
        q = lib.nn.Parameter(lib.ones(1))
        q.grad = lib.tensor([float("nan")])
        with pytest.raises(RuntimeError):
            lib.nn.utils.clip_grad_norm_(q, 1.0, error_if_nonfinite=True)
        outcomes.append((p.grad.tolist(), empty.item(), str(empty.dtype).split(".")[-1]))
    assert outcomes[0] == outcomes[1]


SEQUENTIAL_OPERATIONS = {
    "a + b": lambda a, b: a + b,
    "a * 2": lambda a, b: a * 2,
    "3 * b": lambda a, b: 3 * b,
    "a += b": lambda a, b: a.__iadd__(b),
    "a *= 2": lambda a, b: a.__imul__(2),
    "a * 0": lambda a, b: a * 0,
    "a * 1.5": lambda a, b: a * 1.5,
    "a + módulo": lambda a, b: a + b[0],
}


@pytest.mark.parametrize("operation", list(SEQUENTIAL_OPERATIONS))
def test_operadores_de_sequential_como_pytorch(operation):
    """Sumar y repetir Sequential: el mismo árbol (con los mismos objetos) o el mismo tipo de error."""
    results = []
    for lib in LIBS:
        a, b = lib.nn.Sequential(lib.nn.ReLU(), lib.nn.Tanh()), lib.nn.Sequential(lib.nn.Sigmoid())
        try:
            result = SEQUENTIAL_OPERATIONS[operation](a, b)
        except (TypeError, ValueError) as error:
            results.append(type(error))
            continue
        reused = [any(m is original for original in [*a, *b]) for m in result]
        results.append((repr(result), reused, result is a))
    assert results[1] == results[0]


@pytest.mark.parametrize("size", [[2, 5], (2, 5)])
def test_unflatten_muestra_el_tamano_como_se_dio(size):
    texts = [repr(lib.nn.Unflatten(1, size)) for lib in LIBS]
    assert texts[1] == texts[0]


def test_clip_grad_norm_con_la_cadena_inf():
    norms = []
    for lib in LIBS:
        w = lib.tensor([3.0, -4.0], requires_grad=True)
        (w * w).sum().backward()
        norms.append(lib.nn.utils.clip_grad_norm_([w], 1.0, norm_type="inf").item())
    assert norms[1] == pytest.approx(norms[0])


DTYPE_CASES = {
    "leaky_relu entero": lambda lib, F, i, f: F.leaky_relu(i),
    "elu entero": lambda lib, F, i, f: F.elu(i),
    "silu entero": lambda lib, F, i, f: F.silu(i),
    "softplus entero": lambda lib, F, i, f: F.softplus(i),
    "relu entero": lambda lib, F, i, f: F.relu(i),
    "mse enteros": lambda lib, F, i, f: F.mse_loss(i, i),
    "mse con objetivo bool": lambda lib, F, i, f: F.mse_loss(f, i > 0),
    "mse con objetivo entero": lambda lib, F, i, f: F.mse_loss(f, i),
    "nll de enteros": lambda lib, F, i, f: F.nll_loss(i.view(1, 3), lib.tensor([0])),
    "peso float64": lambda lib, F, i, f: F.cross_entropy(f.view(1, 3), lib.tensor([0]), weight=lib.ones(3, dtype=lib.float64)),
    "peso entero": lambda lib, F, i, f: F.nll_loss(f.view(1, 3), lib.tensor([0]), weight=lib.ones(3, dtype=lib.int64)),
}


@pytest.mark.parametrize("case", list(DTYPE_CASES))
def test_tipos_de_entrada_como_pytorch(case):
    """Con tensores enteros o pesos de otro tipo: el mismo tipo de resultado o el mismo tipo de excepción."""
    results = []
    for lib in LIBS:
        try:
            result = DTYPE_CASES[case](lib, lib.nn.functional, lib.tensor([1, -2, 3]), lib.tensor([1.0, -2.0, 3.0]))
            results.append(str(result.dtype).split(".")[-1])
        except (RuntimeError, NotImplementedError, TypeError) as error:
            results.append(type(error))
    assert results[1] == results[0]


def graph_names(node, depth=0):
    """Los nombres del grafo bajo ``node``, en profundidad (con su nivel), para comparar grafos enteros."""
    if node is None:
        return []
    names = [(depth, type(node).__name__.split("::")[-1])]
    for following, _ in node.next_functions:
        names += graph_names(following, depth + 1)
    return names


CROSS_ENTROPY_GRAPHS = {
    "suavizado, media": lambda lib, x, y, p, w: lib.nn.functional.cross_entropy(x, y, label_smoothing=0.1),
    "suavizado, suma con pesos": lambda lib, x, y, p, w: lib.nn.functional.cross_entropy(
        x, y, weight=w, reduction="sum", label_smoothing=0.1
    ),
    "suavizado, sin reducir": lambda lib, x, y, p, w: lib.nn.functional.cross_entropy(x, y, reduction="none", label_smoothing=0.1),
    "probabilidades, media con pesos": lambda lib, x, y, p, w: lib.nn.functional.cross_entropy(x, p, weight=w),
    "probabilidades, suma": lambda lib, x, y, p, w: lib.nn.functional.cross_entropy(x, p, reduction="sum"),
    "probabilidades, sin reducir": lambda lib, x, y, p, w: lib.nn.functional.cross_entropy(x, p, reduction="none"),
    "probabilidades suavizadas": lambda lib, x, y, p, w: lib.nn.functional.cross_entropy(x, p, label_smoothing=0.2),
}


@pytest.mark.parametrize("case", list(CROSS_ENTROPY_GRAPHS))
def test_entropia_cruzada_mismo_grafo_que_pytorch(case):
    """Con suavizado o con probabilidades, PyTorch compone la pérdida en C++: el mismo grafo, nodo a nodo."""
    graphs = []
    for lib in LIBS:
        x = lib.tensor(X[:4, :3], requires_grad=True)
        args = (lib.tensor([0, 2, 1, 1]), lib.full((4, 3), 1 / 3), lib.tensor([1.0, 2.0, 3.0]))
        graphs.append(graph_names(CROSS_ENTROPY_GRAPHS[case](lib, x, *args).grad_fn))
    assert graphs[1] == graphs[0]


@pytest.mark.parametrize("make_input", [lambda lib: lib.ones(4, 2, 3).transpose(0, 1), lambda lib: lib.ones(2, 4, 3)[:, ::2]])
def test_linear_con_entrada_no_contigua_suma_el_sesgo_aparte(make_input):
    names = []
    for lib in LIBS:
        lib.manual_seed(0)
        out = lib.nn.Linear(3, 2)(make_input(lib))
        names.append(type(out.grad_fn).__name__)
    assert names == ["AddBackward0", "AddBackward0"]


def test_mover_un_modulo_a_la_gpu_falla_como_en_un_pytorch_sin_cuda():
    for m in (minitorch, torch):
        for move in (lambda layer: layer.cuda(), lambda layer: layer.to("cuda")):
            with pytest.raises(AssertionError):
                move(m.nn.Linear(2, 3))


def _backward_hooks_story(m):
    """Ganchos de retropropagación: qué reciben, en qué orden y qué cambia si devuelven algo."""
    m.manual_seed(0)
    calls = []
    layer = m.nn.Linear(2, 2)
    handle = layer.register_full_backward_hook(
        lambda mod, gi, go: calls.append(("full", [None if g is None else g.tolist() for g in gi], [g.tolist() for g in go]))
    )
    layer.register_full_backward_pre_hook(lambda mod, go: calls.append(("pre", [g.tolist() for g in go])))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = layer(m.tensor([[1.0, 2.0]]))  # ninguna entrada requiere gradiente: avisa y grad_input es (None,)
        (y * m.tensor([[1.0, 3.0]])).sum().backward()
    x = m.tensor([[1.0, 2.0]], requires_grad=True)
    (layer(x) * m.tensor([[1.0, 3.0]])).sum().backward()
    handle.remove()
    layer(x).sum().backward()
    doubled = m.nn.Linear(2, 2)
    doubled.register_full_backward_hook(lambda mod, gi, go: (gi[0] * 10,))
    z = m.tensor([[1.0, 2.0]], requires_grad=True)
    doubled(z).sum().backward()
    model = m.nn.Sequential(m.nn.Linear(2, 3), m.nn.ReLU(), m.nn.Linear(3, 1))
    order = []
    for name, child in model.named_children():
        child.register_full_backward_hook(lambda mod, gi, go, name=name: order.append((name, len(gi), [tuple(g.shape) for g in go])))
    model(m.ones(4, 2)).sum().backward()
    names = [type(y.grad_fn).__name__, type(y.grad_fn.next_functions[0][0]).__name__]
    return calls, [type(w.message).__name__ for w in caught], x.grad.tolist(), z.grad.tolist(), order, names


def test_ganchos_de_retropropagacion_de_un_modulo_como_pytorch():
    ours, theirs = _backward_hooks_story(minitorch), _backward_hooks_story(torch)
    assert ours[1] == theirs[1] == ["UserWarning"] and ours[4] == theirs[4] and ours[5] == theirs[5]
    assert [c[0] for c in ours[0]] == [c[0] for c in theirs[0]] == ["pre", "full", "pre", "full", "pre"]
    for a, b in ((ours[0], theirs[0]), (ours[2], theirs[2]), (ours[3], theirs[3])):
        np.testing.assert_allclose(_flat(a), _flat(b), rtol=1e-6)  # los None cuentan como nan en su sitio


def _flat(value):
    if value is None:
        return [float("nan")]
    if isinstance(value, (list, tuple)):
        return [v for item in value for v in _flat(item)]
    if isinstance(value, str):
        return []
    return [float(value)]
