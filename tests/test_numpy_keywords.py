"""Los argumentos al estilo de numpy que PyTorch admite: ``axis=`` y ``keepdims=`` (alias de ``dim`` y ``keepdim``),
``size=`` en las funciones de creación y ``out=`` en las funciones más comunes. Mismo resultado (o mismo tipo de
excepción) que PyTorch, también con gradiente."""

import warnings

import pytest

import minitorch

torch = pytest.importorskip("torch")

from test_tensor_parity import run  # noqa: E402

pytestmark = [pytest.mark.paridad, pytest.mark.filterwarnings("ignore")]

X = "x = torch.tensor([[1.0, -2.0, 3.0], [4.0, 0.5, -6.0]], requires_grad=True); "
X2 = "x = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.25, -1.0]], requires_grad=True); "

# Las reducciones con keepdim: con axis=, con keepdims=, con los dos y mezclando nombres (TypeError en PyTorch).
WITH_KEEPDIM = ["sum", "mean", "max", "min", "std", "var", "prod", "argmax", "argmin", "amax", "amin", "logsumexp",
                "nansum", "median", "any", "all"]
# Las que tienen dim pero no keepdim.
ONLY_DIM = ["cumsum", "cumprod", "softmax", "log_softmax", "count_nonzero", "unsqueeze", "squeeze", "sort", "argsort"]


def _programs():
    for name in WITH_KEEPDIM:
        for form in (f"x.{name}", f"torch.{name}(x, "):
            call = form + ("(" if form.startswith("x.") else "")
            yield X + f"r = {call}axis=1)"
            yield X + f"r = {call}axis=0, keepdims=True)"
            yield X + f"r = {call}1, keepdims=True)"
            yield X + f"r = {call}dim=1, axis=1)"
            yield X + f"r = {call}dim=1, keepdim=True, keepdims=True)"
    for name in ONLY_DIM:
        for call in (f"x.{name}(", f"torch.{name}(x, "):
            # (softmax de X da un número a una unidad de redondeo de float32 del de PyTorch, y se imprime distinto)
            yield (X2 if "softmax" in name else X) + f"r = {call}axis=1)"
            yield X + f"r = {call}axis=1, dim=1)"
            yield X + f"r = {call}1, keepdims=True)"
    yield X + "r = (x.sum(axis=(0, 1)), x.mean(axis=[0, 1], keepdims=True), x.amax(axis=(0, 1)))"
    yield X + "r = x.sum(0, axis=0)"
    yield X + "r = (torch.cat([x, x], axis=1), torch.stack([x, x], axis=2), torch.concat([x, x], axis=-1))"
    yield X + "r = (x.gather(axis=1, index=torch.tensor([[0], [2]])), x.index_select(axis=1, index=torch.tensor([2])))"
    yield X + "r = (x.unbind(axis=1), x.chunk(2, axis=1), x.narrow(axis=1, start=1, length=2), x.select(axis=1, index=0))"
    yield X + "r = (x.topk(2, axis=1), torch.take_along_dim(x, torch.tensor([[0], [1]]), axis=1), x.movedim(0, 1))"
    yield X + "r = torch.norm(x, dim=0, keepdims=True)"
    # con gradiente: el nodo es el mismo que con dim= y keepdim=
    yield X + "y = x.sum(axis=1, keepdims=True); y.sum().backward(); r = (y, x.grad)"
    yield X + "y = torch.mean(x, axis=0); (y * 2).sum().backward(); r = (y, x.grad)"
    yield X + "y = x.max(axis=1, keepdims=True); y.values.sum().backward(); r = (y, x.grad)"
    yield X + "y = x.logsumexp(axis=1); y.sum().backward(); r = (y, x.grad)"
    yield X2 + "y = x.softmax(axis=1)[:, 0]; y.sum().backward(); r = (y, x.grad)"
    yield X + "y = x.var(axis=1, keepdims=True); y.sum().backward(); r = (y, x.grad)"
    yield X + "y = torch.cumprod(x, axis=1); y.sum().backward(); r = (y, x.grad)"
    yield X + "y = x.median(axis=1, keepdims=True); y.values.sum().backward(); r = (y, x.grad)"
    yield X + "y = torch.cat([x, x * 2], axis=1); y.sum().backward(); r = (y, x.grad)"
    yield X + "y = x.amax(axis=1, keepdims=True); y.sum().backward(); r = (y, x.grad)"


PROGRAMS = list(_programs())

SIZE = [
    "torch.manual_seed(0); r = torch.randn(size=())",
    "torch.manual_seed(0); r = (torch.randn(size=(2, 3)), torch.rand(size=[2]))",
    "r = (torch.zeros(size=(2, 3)), torch.ones(size=[1, 2], dtype=torch.int64), torch.empty(size=(0,)).shape)",
    "r = torch.full(size=(2,), fill_value=3)",
    "r = torch.full(size=(2, 1), fill_value=1.5, dtype=torch.float64)",
    "r = torch.zeros(2, size=(2, 3))",
    "r = torch.ones(size=2)",
    "r = torch.rand(size=(2,), requires_grad=True).requires_grad",
]

OUT = [
    "a = torch.ones(2, 3); b = torch.ones(2, 3); o = torch.empty(0); r = (torch.add(a, b, out=o), o, o.stride())",
    "a = torch.ones(2, 3); o = torch.empty(5); r = (torch.add(a, 1, out=o) is o, o)",
    "a = torch.ones(2, 3); o = torch.empty(2, 3, dtype=torch.long); r = torch.add(a, 1, out=o)",
    "a = torch.ones(2, 3); o = torch.empty(2, 3, dtype=torch.float64); r = (torch.mul(a, 3, out=o), o.dtype)",
    "a = torch.ones(2, 3, requires_grad=True); r = torch.add(a, 1, out=torch.empty(2, 3))",
    "a = torch.ones(2, 3, requires_grad=True)\nwith torch.no_grad():\n    r = torch.add(a, 1, out=torch.empty(2, 3))",
    "a = torch.ones(2, 3); o = torch.empty(2, 3, requires_grad=True); r = torch.add(a, 1, out=o)",
    "a = torch.ones(2, 3); o = torch.empty(3, 2).t(); torch.sub(a, 2, alpha=2, out=o); r = (o, o.stride())",
    "a = torch.arange(6.).view(2, 3); o = torch.empty(0); r = (torch.matmul(a, a.t(), out=o), torch.mm(a, a.t(), out=torch.empty(0)))",
    "a = torch.ones(2, 3); r = (torch.cat([a, a], out=torch.empty(0)), torch.stack([a, a], 1, out=torch.empty(0)))",
    "a = torch.ones(2, 3); r = torch.cat([a.long(), a], out=torch.empty(0, dtype=torch.long))",
    "a = torch.ones(2, 3); r = torch.stack([a.long(), a], out=torch.empty(0, dtype=torch.long))",
    "a = torch.arange(6.).view(2, 3); r = (torch.sum(a, 1, out=torch.empty(0)), torch.mean(a, 1, out=torch.empty(0)))",
    "a = torch.arange(6.).view(2, 3); r = (torch.sum(a, 1, out=torch.empty(0, dtype=torch.long)), torch.sum(a.long(), 0, out=torch.empty(0)))",
    "a = torch.arange(6.).view(2, 3); r = torch.sum(a, 1, dtype=torch.float64, out=torch.empty(0))",
    "a = torch.arange(6.).view(2, 3); r = torch.sum(a, out=torch.empty(0))",
    "a = torch.arange(6.).view(2, 3); r = torch.mean(a, out=torch.empty(0))",
    "a = torch.arange(6.).view(2, 3); r = torch.mean(a, 1, out=torch.empty(0, dtype=torch.long))",
    "a = torch.arange(6.).view(2, 3); r = (torch.cumsum(a, 1, out=torch.empty(0, dtype=torch.long)), torch.prod(a, 1, out=torch.empty(0)))",
    "a = torch.arange(6.).view(2, 3); r = (torch.exp(a, out=torch.empty(0)), torch.log(a + 1, out=torch.empty(0)), torch.sqrt(a, out=torch.empty(0)))",
    "a = torch.arange(6).view(2, 3); r = torch.exp(a, out=torch.empty(0, dtype=torch.long))",
    "a = torch.arange(6).view(2, 3); r = (torch.div(a, 2, out=torch.empty(0, dtype=torch.float64)), torch.div(a, 2, rounding_mode='floor', out=torch.empty(0, dtype=torch.long)))",
    "a = torch.arange(6).view(2, 3); r = torch.div(a, 2, out=torch.empty(0, dtype=torch.long))",
    "a = torch.ones(2, 3); r = torch.add(a, a, out=a[0])",
    "x = torch.arange(4.); r = torch.add(x[:3], 1, out=x[1:])",
    "x = torch.arange(4.); v = x.view(2, 2); torch.add(x, 1, out=x); r = (x, v)",
    "a = torch.ones(2, 3); r = torch.exp(a, out=torch.empty(1, 3).expand(2, 3))",
    "a = torch.ones(2, 3); r = torch.add(a, 1, out=torch.empty(0, dtype=torch.bool))",
    "a = torch.ones(2, 3); r = torch.add(a, 1, out='a')",
    "a = torch.ones(2, 3); r = (torch.clamp(a, 0, 0.5, out=torch.empty(0)), torch.maximum(a, -a, out=torch.empty(0)), torch.pow(a, 2, out=torch.empty(0)))",
    "a = torch.ones(2, 3); r = (torch.neg(a, out=torch.empty(0)), torch.abs(-a, out=torch.empty(0)), torch.tanh(a, out=torch.empty(0)))",
]


@pytest.mark.parametrize("program", PROGRAMS + SIZE + OUT)
def test_como_pytorch(program):
    assert run(program, minitorch) == run(program, torch), program


def test_out_que_cambia_de_forma_avisa_como_pytorch():
    for lib in (minitorch, torch):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            lib.add(lib.ones(2, 3), 1, out=lib.empty(5))
            lib.add(lib.ones(2, 3), 1, out=lib.empty(0))  # vacío: sin aviso
        assert [w.category for w in caught] == [UserWarning], lib


def test_out_conserva_la_memoria_si_cabe():
    """Como el ``resize_`` de PyTorch: con memoria suficiente, las vistas anteriores ven el resultado."""
    for lib in (minitorch, torch):
        o = lib.zeros(6)
        first = o[:2]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lib.add(lib.ones(2, 2), 1, out=o)
        assert first.tolist() == [2.0, 2.0] and o.shape == (2, 2), lib


def test_un_error_deja_out_como_estaba():
    o = minitorch.zeros(3)
    with pytest.raises(RuntimeError):
        minitorch.add(minitorch.ones(2, 3), 0.5, out=minitorch.zeros(3, dtype=minitorch.int64))
    with pytest.raises(RuntimeError):
        minitorch.add(minitorch.ones(2, 3, requires_grad=True), 1, out=o)
    assert o.shape == (3,) and o.tolist() == [0.0, 0.0, 0.0]
