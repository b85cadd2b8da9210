"""Vistas y operaciones in situ bajo autograd, con la semántica de PyTorch («rebase»).

Una operación in situ sobre una vista cambia su base (su historia pasa a ser ``CopySlices``), y una
operación in situ sobre la base (o sobre otra vista suya) cambia lo que ven todas sus vistas: al leer
su ``grad_fn``, la vista rehace su historia como una región de la base (``AsStridedBackward0``).
Cada programa se ejecuta con ``torch`` y con ``minitorch`` y se comparan los valores, los gradientes,
los nombres de ``grad_fn`` (y de sus ``next_functions``), ``requires_grad``, ``is_leaf`` y el tipo de
las excepciones. La prueba de propiedades genera cadenas cortas al azar (operación → vista →
operación in situ → backward) y compara los gradientes con PyTorch si está instalado y, además,
siempre con diferencias finitas.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minitorch
from minitorch.autograd import gradcheck

try:
    import torch
except ImportError:  # sin PyTorch, solo las diferencias finitas
    torch = None

needs_torch = pytest.mark.skipif(torch is None, reason="PyTorch no está instalado")
A = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=np.float32)


def node_name(fn) -> str | None:
    return None if fn is None else fn.name().removeprefix("torch::autograd::")


def history(fn, depth: int = 3):
    """El nombre del nodo y, debajo, los de sus ``next_functions`` (hasta ``depth`` niveles)."""
    if fn is None or depth == 0:
        return node_name(fn)
    return (node_name(fn), tuple(history(f, depth - 1) for f, _ in fn.next_functions))


def describe(m, value):
    """Lo observable de un resultado. El ``grad_fn`` se lee antes que ``requires_grad``: es lo que rehace
    la historia de una vista cuya base ha cambiado (ver README, diferencias deliberadas)."""
    if isinstance(value, m.Tensor):
        fn = history(value.grad_fn)
        return ("tensor", fn, value.is_leaf, value.requires_grad, tuple(value.shape)), value.detach().numpy()
    return ("valor", value), None


def run(m, program):
    try:
        return {name: describe(m, value) for name, value in program(m).items()}
    except Exception as error:  # noqa: BLE001 (se compara el tipo de la excepción)
        return ("excepción", type(error).__name__)


def leaf_and_copy(m):
    a = m.tensor(A, requires_grad=True)
    return a, a * 1


# --- escribir a través de una vista: todas las vistas de la base ven la historia nueva ---------------------
def written(make_view, write):
    def program(m):
        a, b = leaf_and_copy(m)
        v = make_view(b)
        write(v)
        (v * v).sum().backward()
        return {"v": v, "b": b, "a.grad": a.grad}

    return program


def setitem(index, value=5.0):
    def write(v):
        v[index] = value

    return write


def scale(v):
    v.mul_(3)


VIEW_WRITES = {
    "view": written(lambda b: b.view(3, 2), setitem(1)),
    "reshape": written(lambda b: b.reshape(6), setitem(1)),
    "unsqueeze": written(lambda b: b.unsqueeze(0), setitem((0, 1, 0))),
    "[:]": written(lambda b: b[:], setitem(1)),
    "t": written(lambda b: b.t(), setitem(1)),
    "expand sin solapar": written(lambda b: b.expand(2, 3), setitem((0, 1))),
    "expand, una fila": written(lambda b: b[:1].expand(3, 3), setitem(0, 3.0)),
    "expand con solapamiento, mul_": written(lambda b: b[:1].expand(3, 3), scale),
    "as_strided": written(lambda b: b.as_strided((2,), (3,), 1), setitem(0)),
    "squeeze": written(lambda b: b.unsqueeze(1).squeeze(), setitem((1, 0))),
    "narrow": written(lambda b: b.narrow(1, 0, 2), scale),
    "select": written(lambda b: b[0], scale),
    "diagonal": written(lambda b: b.diagonal(), scale),
    "vista de una vista": written(lambda b: b[:].view(6)[1:4], lambda v: v.add_(1)),
    "transpose y copy_": written(lambda b: b.transpose(0, 1), lambda v: v[2].copy_(v[0] * 2)),
}


# --- la base u otra vista cambia: la vista que se observa no ha sido escrita ------------------------------
def seen_from(make_views, modify):
    """``make_views(b)`` devuelve (la vista observada, otra vista); ``modify(b, otra)`` cambia algo in situ."""

    def program(m):
        a, b = leaf_and_copy(m)
        v, other = make_views(b)
        modify(m, b, other)
        (v * v).sum().backward()
        return {"v": v, "b": b, "a.grad": a.grad}

    return program


def no_grad_scale(m, b, other):
    with m.no_grad():
        b.mul_(2)


SEEN_FROM = {
    "vista hermana": seen_from(lambda b: (b[0], b[0]), lambda m, b, o: o.mul_(2)),
    "otra vista, asignación": seen_from(lambda b: (b.view(6), b.t()), lambda m, b, o: o.__setitem__((0, 1), 7.0)),
    "la base, mul_": seen_from(lambda b: (b.t(), None), lambda m, b, o: b.mul_(3)),
    "la base, asignación": seen_from(lambda b: (b[1], None), lambda m, b, o: b.__setitem__((1, 2), 0.0)),
    "la base, zero_": seen_from(lambda b: (b[:, 1:], None), lambda m, b, o: b.zero_()),
    "la base, sin gradiente": seen_from(lambda b: (b.view(6), None), no_grad_scale),
    "vista de una vista, la base": seen_from(lambda b: (b[:][0], None), lambda m, b, o: b.mul_(2)),
    "expand de la base": seen_from(lambda b: (b[:1].expand(3, 3), None), lambda m, b, o: b.__setitem__((0, 1), 7.0)),
}


def retained_view(m):
    a, b = leaf_and_copy(m)
    v = b[0]
    v.retain_grad()
    b.mul_(2)
    (v * 3).sum().backward()
    return {"v": v, "v.grad": v.grad, "a.grad": a.grad}


# --- escribir un valor con gradiente en una vista de un tensor sin gradiente ------------------------------
def squeeze_and_assign(m):
    w = m.tensor([2.0], requires_grad=True)
    x0 = m.zeros(1, 3)
    x0.squeeze()[0] = w * 3
    (x0 * x0).sum().backward()
    return {"x0": x0, "w.grad": w.grad}


def sibling_of_assigned(m):
    w = m.tensor([2.0], requires_grad=True)
    x0 = m.zeros(1, 3)
    s, rest = x0.squeeze(), x0[0, 1:]
    s[0] = w[0] * 3
    (s * s).sum().backward()
    return {"x0": x0, "s": s, "rest": rest, "w.grad": w.grad}


def add_into_plain_view(m):
    w = m.tensor([2.0], requires_grad=True)
    x0 = m.zeros(3)
    v = x0[1:]
    v.add_(w)
    (x0 * m.tensor([1.0, 2.0, 3.0])).sum().backward()
    return {"x0": x0, "v": v, "w.grad": w.grad}


def copy_into_view(m):
    a = m.tensor([1.0, 1.0], requires_grad=True)
    w = m.tensor([2.0, 3.0], requires_grad=True)
    b = a * 1
    b[0:1].copy_(w[1:])
    (b * b).sum().backward()
    return {"b": b, "a.grad": a.grad, "w.grad": w.grad}


# --- errores ---------------------------------------------------------------------------------------------
def split_then_base_changes(m):
    a, b = leaf_and_copy(m)
    pieces = b.split(1)
    b.mul_(2)
    return {"trozo": pieces[0]}


def view_of_leaf_in_place(m):
    a = m.tensor(A, requires_grad=True)
    a[0].mul_(2)
    return {"a": a}


def function_view_in_place(m):
    class Flatten(m.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.view(-1)

        @staticmethod
        def backward(ctx, grad):
            return grad.view(2, 3)

    a, b = leaf_and_copy(m)
    out = Flatten.apply(b)
    out.mul_(2)
    return {"out": out}


def unbind_piece_in_place(m):
    a, b = leaf_and_copy(m)
    b.unbind()[0].mul_(2)
    return {"b": b}


# --- otros casos del §1: copias, contador de versiones, segundo backward ------------------------------
def to_with_copy(m):
    x = m.tensor(A)
    leaf = m.tensor(A, requires_grad=True)
    results = {
        "dtype, copy=True": x.to(m.float32, copy=True),
        "posicional": x.to(m.float32, False, True),
        "sin copy": x.to(m.float32),
        "con gradiente": leaf.to(m.float32, copy=True),
    }
    out = {f"{k} es x": (v is x or v is leaf) for k, v in results.items()}
    out.update({f"{k} comparte memoria": v.data_ptr() == x.data_ptr() for k, v in results.items() if k != "con gradiente"})
    out.update(results)
    return out


def modified_after(make, modify):
    def program(m):
        a, b = leaf_and_copy(m)
        out = make(m, b)
        modify(b, out)
        out.sum().backward()
        return {"a.grad": a.grad}

    return program


def index_tensor(m):
    return m.tensor([0, 2])


def backward_twice(make):
    def program(m):
        a = m.tensor([3.0, 1.0, 2.0], requires_grad=True)
        out = make(m, a).sum()
        out.backward()
        out.backward()
        return {"a.grad": a.grad}

    return program


OTHERS = {
    "to(copy=True)": to_with_copy,
    "prod: resultado cambiado": modified_after(lambda m, b: b.prod(), lambda b, out: out.add_(1)),
    "prod(dim): resultado cambiado": modified_after(lambda m, b: b.prod(1), lambda b, out: out.add_(1)),
    "prod: entrada cambiada": modified_after(lambda m, b: b.prod(), lambda b, out: b.add_(1)),
    "gather: entrada cambiada": modified_after(lambda m, b: b.gather(1, m.tensor([[0], [2]])), lambda b, out: b.add_(1)),
    "gather: resultado cambiado": modified_after(lambda m, b: b.gather(1, m.tensor([[0], [2]])), lambda b, out: out.add_(1)),
    "remainder: entrada cambiada": modified_after(lambda m, b: b.remainder(m.ones(3)), lambda b, out: b.add_(1)),
    "dos backward: índice tensor": backward_twice(lambda m, a: a[index_tensor(m)]),
    "dos backward: índice lista": backward_twice(lambda m, a: a[[0, 2]]),
    "dos backward: máscara": backward_twice(lambda m, a: a[a > 1]),
    "dos backward: topk": backward_twice(lambda m, a: a.topk(2).values),
    "dos backward: sort": backward_twice(lambda m, a: a.sort().values),
    "dos backward: index_select": backward_twice(lambda m, a: a.index_select(0, index_tensor(m))),
    "dos backward: gather": backward_twice(lambda m, a: a.gather(0, index_tensor(m))),
    "dos backward: remainder con número": backward_twice(lambda m, a: a.remainder(2.0)),
    "dos backward: remainder con tensor": backward_twice(lambda m, a: a.remainder(m.full((3,), 2.0))),
    "dos backward: índice básico": backward_twice(lambda m, a: a[1:]),
}

CASES = {
    **{f"escribir a través de {k}": v for k, v in VIEW_WRITES.items()},
    **{f"cambia {k}": v for k, v in SEEN_FROM.items()},
    "retain_grad en una vista": retained_view,
    "squeeze()[0] = w * 3": squeeze_and_assign,
    "vista hermana de la asignada": sibling_of_assigned,
    "add_ en una vista sin gradiente": add_into_plain_view,
    "copy_ en una vista": copy_into_view,
    "split y la base cambia": split_then_base_changes,
    "in situ en una vista de una hoja": view_of_leaf_in_place,
    "in situ en un trozo de unbind": unbind_piece_in_place,
    "in situ en la vista que devuelve una Function": function_view_in_place,
    **OTHERS,
}


@pytest.mark.paridad
@needs_torch
@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.filterwarnings("ignore")
def test_paridad_con_pytorch(name):
    expected, got = run(torch, CASES[name]), run(minitorch, CASES[name])
    if isinstance(expected, tuple) or isinstance(got, tuple):
        assert got == expected
        return
    assert got.keys() == expected.keys()
    for key in expected:
        (meta_t, values_t), (meta_m, values_m) = expected[key], got[key]
        assert meta_m == meta_t, key
        if values_t is not None:
            np.testing.assert_allclose(values_m, values_t, rtol=1e-6, atol=1e-6, err_msg=key)


def test_las_vistas_recuerdan_su_base_aunque_nada_requiera_gradiente():
    x = minitorch.zeros(2, 3)
    assert x[0]._base is x and x.t()[1:]._base is x and x.view(6)._base is x
    assert x.t().reshape(6)._base is None  # reshape que copia: no es una vista
    assert x[[0]]._base is None and x.detach()._base is None


# --- cadenas al azar: operación → vista → in situ → backward ---------------------------------------------
BASE_OPS = {  # ninguna guarda su resultado: cambiarlo in situ no es un error
    "mul": lambda a: a * 2,
    "sin": lambda a: a.sin(),
    "cuadrado": lambda a: a * a,
    "add": lambda a: a + 1,
}
VIEWS = {  # sobre una base de forma (3, 4)
    "t": lambda b: b.t(),
    "view": lambda b: b.view(2, 6),
    "reshape": lambda b: b.reshape(12),
    "fila": lambda b: b[1],
    "columna": lambda b: b[:, 2],
    "narrow": lambda b: b.narrow(1, 1, 2),
    "unsqueeze": lambda b: b.unsqueeze(0),
    "as_strided": lambda b: b.as_strided((2, 2), (4, 1), 1),
    "diagonal": lambda b: b.diagonal(),
    "con paso": lambda b: b[::2, 1:],
    "permute": lambda b: b.permute(1, 0),
}
IN_PLACE = {
    "mul_": lambda t, w: t.mul_(1.5),
    "add_ con gradiente": lambda t, w: t.add_(w.sum() * 0.5),
    "asignar un número": lambda t, w: t.__setitem__(0, 2.0),
    "asignar con gradiente": lambda t, w: t.__setitem__(0, w[0] * w[1]),
    "sigmoid_": lambda t, w: t.sigmoid_(),
    "zero_": lambda t, w: t.zero_(),
    "copy_ con gradiente": lambda t, w: t.copy_(w.sum() * 0.3),
}
TARGETS = ("la vista", "la base", "una vista hermana")

chains = st.fixed_dictionaries({
    "base": st.sampled_from(sorted(BASE_OPS)),
    "view": st.sampled_from(sorted(VIEWS)),
    "sibling": st.sampled_from(sorted(VIEWS)),
    "target": st.sampled_from(TARGETS),
    "op": st.sampled_from(sorted(IN_PLACE)),
    "observe_base": st.booleans(),
    "seed": st.integers(0, 2**16),
})


def chain_loss(chain, a, w, weights):
    """La pérdida de la cadena: la vista (y quizá la base), cada elemento con su peso."""
    b = BASE_OPS[chain["base"]](a)
    v = VIEWS[chain["view"]](b)
    sibling = VIEWS[chain["sibling"]](b)
    target = {"la vista": v, "la base": b, "una vista hermana": sibling}[chain["target"]]
    IN_PLACE[chain["op"]](target, w)
    loss = (v * weights[0][: v.numel()].reshape(v.shape)).sum()
    if chain["observe_base"]:
        loss = loss + (b * weights[1]).sum()
    return loss


def chain_inputs(m, chain, dtype):
    rng = np.random.default_rng(chain["seed"])
    a = m.tensor(rng.uniform(0.5, 1.5, (3, 4)), dtype=dtype, requires_grad=True)
    w = m.tensor(rng.uniform(0.5, 1.5, (2,)), dtype=dtype, requires_grad=True)
    weights = (m.tensor(rng.uniform(-1, 1, 12), dtype=dtype), m.tensor(rng.uniform(-1, 1, (3, 4)), dtype=dtype))
    return a, w, weights


def chain_gradients(m, chain):
    a, w, weights = chain_inputs(m, chain, m.float32)
    try:
        chain_loss(chain, a, w, weights).backward()
    except RuntimeError as error:
        return type(error).__name__
    return [None if t.grad is None else t.grad.numpy() for t in (a, w)]


@pytest.mark.paridad
@needs_torch
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chains)
def test_cadenas_al_azar_como_pytorch(chain):
    expected, got = chain_gradients(torch, chain), chain_gradients(minitorch, chain)
    if isinstance(expected, str) or isinstance(got, str):
        assert got == expected, chain
        return
    for e, g in zip(expected, got):
        assert (e is None) == (g is None), chain
        if e is not None:
            np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-6, err_msg=str(chain))


@settings(max_examples=15 if torch is not None else 60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chains)
def test_cadenas_al_azar_con_diferencias_finitas(chain):
    a, w, weights = chain_inputs(minitorch, chain, minitorch.float64)
    assert gradcheck(lambda a, w: chain_loss(chain, a, w, weights), (a, w))
