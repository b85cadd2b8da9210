"""La diferenciación automática de minitorch frente a la de PyTorch: el mismo programa, escrito una
sola vez con ``m`` en lugar de ``torch``, debe dar los mismos gradientes, los mismos nombres de
``grad_fn`` y los mismos tipos de excepción. Se salta sin PyTorch instalado."""

import warnings

import numpy as np
import pytest

import minitorch

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.paridad

RNG = np.random.default_rng(1234)
A = RNG.standard_normal((3, 4)).astype(np.float32)
B = RNG.standard_normal((4,)).astype(np.float32)
C = RNG.standard_normal((2, 1, 4)).astype(np.float32)
W = RNG.standard_normal((4, 5)).astype(np.float32)
BATCH = RNG.standard_normal((2, 3, 4)).astype(np.float32)
POSITIVE = RNG.uniform(0.5, 2.0, (3, 4)).astype(np.float32)
TIES = np.array([[1.0, 3.0, 3.0], [0.0, -1.0, 0.0]], dtype=np.float32)
KINKS = np.array([-1.0, -0.5, 0.0, 0.5, 1.0], dtype=np.float32)


def leaves(m, *arrays):
    return [m.tensor(a, requires_grad=True) for a in arrays]


def as_numpy(t):
    return None if t is None else t.detach().numpy()


# Cada programa recibe el módulo (minitorch o torch) y devuelve (resultado escalar, tensores a comparar).
def broadcasting(m):
    a, b, c = leaves(m, A, B, C)
    out = (a * b + c - b / (a.abs() + 1)).sum() + (c ** 2).mean()
    return out, [a, b, c]


def unary_chain(m):
    (p,) = leaves(m, POSITIVE)
    out = (p.log() + p.sqrt() * p.exp().sigmoid() - p.tanh() * p.sin().cos() + p.rsqrt() + p.reciprocal()).sum()
    return out, [p]


def trigonometry_and_logarithms(m):
    a, p = leaves(m, A, POSITIVE)
    inside = a.tanh() * 0.9  # en (−1, 1), donde arcsen y arccos son derivables
    out = (
        p.log2() + m.log10(p) + a.expm1() * a.atan() + inside.asin() - m.acos(inside) + a.sinh().cosh() + inside.tan()
        + m.atan2(a, p)
    ).sum()
    return out, [a, p]


def reductions(m):
    a, p = leaves(m, A, POSITIVE)
    out = (
        a.sum(0).pow(2).sum() + a.mean(1, keepdim=True).sum() + a.std(0).sum() + a.var(1, unbiased=False).sum()
        + p.prod() + p.prod(1).sum() + a.amax(1).sum() + a.max(0).values.sum() + a.min(-1, keepdim=True)[0].sum()
        + a.norm() + a.max() + a.min()
    )
    return out, [a, p]


def ties(m):
    """Empates y esquinas: cómo reparte PyTorch el gradiente donde la derivada no existe."""
    t, k = leaves(m, TIES, KINKS)
    out = (
        t.max() + t.amax(1).sum() + t.min() * 2 + m.maximum(t, t[:, [2, 1, 0]]).sum()
        + k.relu().sum() + k.abs().sum() + k.clamp(-0.5, 0.5).sum() + k.clamp(min=0).sum() * 3
        + m.minimum(k, m.zeros(5)).sum()
    )
    return out, [t, k]


def linear_algebra(m):
    a, w, b, batch = leaves(m, A, W, B, BATCH)
    out = (a @ w).sum() + (a @ b).sum() + (b @ w).sum() + (b @ b) + (batch @ w).sum() + (batch @ b).sum()
    out = out + (batch @ batch.transpose(1, 2)).sum() + a.mm(w).sum() + a.mv(b).sum() + b.dot(b)
    out = out + m.bmm(batch, batch.mT).sum()
    return out, [a, w, b, batch]


def mlp(m):
    """Dos capas con entropía cruzada escrita a mano (log-softmax estable)."""
    x = m.tensor(BATCH.reshape(6, 4))
    w1, b1, w2 = leaves(m, W, B[:1].repeat(5), W.T[:, :3].copy())
    target = m.tensor([0, 2, 1, 1, 0, 2])
    logits = (x @ w1 + b1).relu() @ w2
    shifted = logits - logits.amax(1, keepdim=True).detach()
    log_probs = shifted - shifted.exp().sum(1, keepdim=True).log()
    loss = -log_probs[m.arange(6), target].mean()
    return loss, [w1, b1, w2]


def views_and_indexing(m):
    a, batch = leaves(m, A, BATCH)
    out = (
        a.view(12)[::5].sum() + a.t()[1:3].sum() * 2 + a.reshape(2, 6).sum(0)[1] + a.flatten()[[0, 0, 5]].sum()
        + batch.permute(2, 0, 1)[0].sum() + batch.transpose(0, 2).contiguous().view(-1)[3] + a.unsqueeze(0).expand(3, 3, 4)[1, 2].sum()
        + a[a > 0].sum() + a[:, None, 1:].sum() + a.select(1, 2).sum() + a.narrow(0, 1, 2).sum() * 3
        + batch.squeeze().sum() + batch[..., -1].sum() + a[m.tensor([2, 0]), 1:3].sum()
        + a.as_strided((2, 2), (1, 4), 1).sum() + sum(t.sum() * i for i, t in enumerate(a.unbind(1)))
        + sum(t.sum() * i for i, t in enumerate(a.split(1))) + a.chunk(2, 1)[1].sum()
    )
    return out, [a, batch]


def joining(m):
    a, b = leaves(m, A, B)
    out = (m.cat([a, b.unsqueeze(0), a * 2], 0) * m.arange(7.0).unsqueeze(1)).sum()
    out = out + (m.stack([b, b * 3, b.exp()], 1) * m.arange(3.0)).sum() + m.cat([a, a], -1)[:, 3:6].sum()
    return out, [a, b]


def where_and_masks(m):
    a, b = leaves(m, A, B)
    out = m.where(a > 0, a, b).sum() + m.where(a < 0, a * 3, 0.0).sum() + a.masked_fill(a > 0.5, 2.0).sum()
    return out, [a, b]


def inplace(m):
    a, b, w = leaves(m, A, B, W)
    h = a * 1
    h.add_(b)
    h.mul_(b)
    h[0] = b * 2
    h[1:, 2].mul_(3)
    h[m.tensor([2, 2])] = b
    h.relu_()
    h = h + 0  # relu_ guarda su resultado: modificarlo in situ otra vez haría fallar backward
    h.sigmoid_()
    g = (a @ w).tanh_()
    buffer = m.zeros(3, 4)
    buffer[:, 1] = b[:3]
    buffer.add_(h)
    return (buffer * h).sum() + g.sum(), [a, b, w]


def copy_and_casts(m):
    a, b = leaves(m, A, B)
    h = a * 2
    h.copy_(b.expand(3, 4) * 3)
    d = a.double()
    out = h.sum() + (d * d).sum().float() + a.clone().sum()
    return out, [a, b]


def retained(m):
    a, b = leaves(m, A, B)
    h = a * b
    h.retain_grad()
    s = h.exp()
    s.retain_grad()
    out = (s * h).sum()
    return out, [a, b, h, s]


PROGRAMS = [broadcasting, unary_chain, trigonometry_and_logarithms, reductions, ties, linear_algebra, mlp, views_and_indexing, joining,
            where_and_masks, inplace, copy_and_casts, retained]


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.__name__ for p in PROGRAMS])
def test_mismos_gradientes_que_pytorch(program):
    ours, our_tensors = program(minitorch)
    theirs, their_tensors = program(torch)
    np.testing.assert_allclose(as_numpy(ours), as_numpy(theirs), rtol=1e-5, atol=1e-5)
    ours.backward()
    theirs.backward()
    for i, (mine, reference) in enumerate(zip(our_tensors, their_tensors)):
        assert (mine.grad is None) == (reference.grad is None), f"tensor {i}"
        if reference.grad is not None:
            np.testing.assert_allclose(as_numpy(mine.grad), as_numpy(reference.grad), rtol=1e-4, atol=1e-5,
                                       err_msg=f"{program.__name__}: gradiente del tensor {i}")


def test_segundas_derivadas_como_pytorch():
    results = []
    for m in (minitorch, torch):
        (x,) = leaves(m, A.astype(np.float64))
        y = (x.sin() * x ** 3 + x.exp() * x).sum()
        (g,) = m.autograd.grad(y, x, create_graph=True)
        (gg,) = m.autograd.grad((g * g).sum(), x)
        results.append((as_numpy(g), as_numpy(gg)))
    for mine, reference in zip(*results):
        np.testing.assert_allclose(mine, reference, rtol=1e-10)


def test_function_del_usuario_como_pytorch():
    def program(m):
        class LegendrePolynomial3(m.autograd.Function):
            @staticmethod
            def forward(ctx, input):  # noqa: A002
                ctx.save_for_backward(input)
                return 0.5 * (5 * input ** 3 - 3 * input)

            @staticmethod
            def backward(ctx, grad_output):
                (input,) = ctx.saved_tensors  # noqa: A001
                return grad_output * 1.5 * (5 * input ** 2 - 1)

        (a,) = leaves(m, A)
        y = LegendrePolynomial3.apply(a * 2)
        y.sum().backward()
        return type(y.grad_fn).__name__, as_numpy(a.grad)

    ours, theirs = program(minitorch), program(torch)
    assert ours[0] == theirs[0] == "LegendrePolynomial3Backward"
    np.testing.assert_allclose(ours[1], theirs[1], rtol=1e-5)


# --- nombres de grad_fn ---------------------------------------------------------------------------------
NAMED = {
    "x + 1": lambda x, X, W, B3, C3: x + 1, "x + x": lambda x, X, W, B3, C3: x + x,
    "x - 1": lambda x, X, W, B3, C3: x - 1, "1 - x": lambda x, X, W, B3, C3: 1 - x,
    "x * 2": lambda x, X, W, B3, C3: x * 2, "x / 2": lambda x, X, W, B3, C3: x / 2, "2 / x": lambda x, X, W, B3, C3: 2 / x,
    "x ** 2": lambda x, X, W, B3, C3: x ** 2, "x ** x": lambda x, X, W, B3, C3: x ** x, "2 ** x": lambda x, X, W, B3, C3: 2 ** x,
    "-x": lambda x, X, W, B3, C3: -x, "exp": lambda x, X, W, B3, C3: x.exp(), "log": lambda x, X, W, B3, C3: x.log(),
    "sqrt": lambda x, X, W, B3, C3: x.sqrt(), "abs": lambda x, X, W, B3, C3: x.abs(), "sin": lambda x, X, W, B3, C3: x.sin(),
    "cos": lambda x, X, W, B3, C3: x.cos(), "tanh": lambda x, X, W, B3, C3: x.tanh(), "sigmoid": lambda x, X, W, B3, C3: x.sigmoid(),
    "relu": lambda x, X, W, B3, C3: x.relu(), "clamp": lambda x, X, W, B3, C3: x.clamp(0, 1),
    "clamp tensor": lambda x, X, W, B3, C3: x.clamp(x.detach()), "maximum": lambda x, X, W, B3, C3: x.maximum(x * 2),
    "minimum": lambda x, X, W, B3, C3: x.minimum(x * 2), "where": lambda x, X, W, B3, C3: x.where(x > 0, x * 2),
    "masked_fill": lambda x, X, W, B3, C3: x.masked_fill(x > 0, 0.0), "square": lambda x, X, W, B3, C3: x.square(),
    **{name: (lambda name: lambda x, X, W, B3, C3: getattr(x, name)())(name)
       for name in ("log2", "log10", "expm1", "tan", "asin", "acos", "atan", "sinh", "cosh")},
    "atan2": lambda x, X, W, B3, C3: x.atan2(x * 2),
    "diagonal": lambda x, X, W, B3, C3: X.diagonal(), "trace": lambda x, X, W, B3, C3: X.trace(),
    "diag de un vector": lambda x, X, W, B3, C3: x.diag(), "diag de una matriz": lambda x, X, W, B3, C3: X.diag(),
    "roll": lambda x, X, W, B3, C3: X.roll(1, 0), "nan_to_num": lambda x, X, W, B3, C3: x.nan_to_num(),
    "ravel": lambda x, X, W, B3, C3: X.t().ravel(), "tile": lambda x, X, W, B3, C3: x.tile(2),
    "outer": lambda x, X, W, B3, C3: x.outer(x), "vstack": lambda x, X, W, B3, C3: minitorch_or_torch(x).vstack([x, x]),
    "sum": lambda x, X, W, B3, C3: x.sum(), "sum(0)": lambda x, X, W, B3, C3: X.sum(0), "mean": lambda x, X, W, B3, C3: x.mean(),
    "mean(0)": lambda x, X, W, B3, C3: X.mean(0), "prod": lambda x, X, W, B3, C3: x.prod(), "prod(0)": lambda x, X, W, B3, C3: X.prod(0),
    "std": lambda x, X, W, B3, C3: x.std(), "var(0)": lambda x, X, W, B3, C3: X.var(0), "max": lambda x, X, W, B3, C3: x.max(),
    "max(0)": lambda x, X, W, B3, C3: X.max(0).values, "min(1)": lambda x, X, W, B3, C3: X.min(1)[0], "amax": lambda x, X, W, B3, C3: X.amax(0),
    "mm": lambda x, X, W, B3, C3: X @ W, "dot": lambda x, X, W, B3, C3: x @ x, "mv": lambda x, X, W, B3, C3: X @ x,
    "vector @ matriz": lambda x, X, W, B3, C3: x @ W, "bmm": lambda x, X, W, B3, C3: B3.bmm(C3), "matmul por lotes": lambda x, X, W, B3, C3: B3 @ C3,
    "view": lambda x, X, W, B3, C3: X.view(6), "reshape": lambda x, X, W, B3, C3: X.reshape(6),
    "reshape que copia": lambda x, X, W, B3, C3: X.t().reshape(6), "flatten": lambda x, X, W, B3, C3: X.flatten(),
    "t": lambda x, X, W, B3, C3: X.t(), "T": lambda x, X, W, B3, C3: X.T, "transpose": lambda x, X, W, B3, C3: X.transpose(0, 1),
    "permute": lambda x, X, W, B3, C3: X.permute(1, 0), "expand": lambda x, X, W, B3, C3: x.expand(2, 3),
    "squeeze": lambda x, X, W, B3, C3: X.unsqueeze(0).squeeze(), "squeeze(0)": lambda x, X, W, B3, C3: X.unsqueeze(0).squeeze(0),
    "unsqueeze": lambda x, X, W, B3, C3: x.unsqueeze(0), "x[1:]": lambda x, X, W, B3, C3: x[1:], "x[1]": lambda x, X, W, B3, C3: x[1],
    "X[:, 1]": lambda x, X, W, B3, C3: X[:, 1], "x[None]": lambda x, X, W, B3, C3: x[None], "x[...]": lambda x, X, W, B3, C3: x[...],
    "select": lambda x, X, W, B3, C3: X.select(1, 0), "narrow": lambda x, X, W, B3, C3: X.narrow(1, 0, 2),
    "as_strided": lambda x, X, W, B3, C3: x.as_strided((2,), (1,)), "x[[0, 1]]": lambda x, X, W, B3, C3: x[[0, 1]],
    "x[máscara]": lambda x, X, W, B3, C3: x[x > 0], "cat": lambda x, X, W, B3, C3: minitorch_or_torch(x).cat([x, x]),
    "stack": lambda x, X, W, B3, C3: minitorch_or_torch(x).stack([x, x]), "clone": lambda x, X, W, B3, C3: x.clone(),
    "contiguous": lambda x, X, W, B3, C3: X.t().contiguous(), "double": lambda x, X, W, B3, C3: x.double(),
    "norm": lambda x, X, W, B3, C3: x.norm(), "norm(1, dim)": lambda x, X, W, B3, C3: X.norm(1, dim=0),
    "norm(inf)": lambda x, X, W, B3, C3: X.norm(float("inf")), "lerp": lambda x, X, W, B3, C3: x.lerp(x * 2, 0.5),
    "lerp con peso tensor": lambda x, X, W, B3, C3: x.lerp(x * 2, x.detach()), "split": lambda x, X, W, B3, C3: X.split(1)[1],
    "split con tamaños": lambda x, X, W, B3, C3: X.split([1, 2], 1)[1], "chunk": lambda x, X, W, B3, C3: X.chunk(2, 1)[0],
    "unbind": lambda x, X, W, B3, C3: X.unbind(1)[2], "iterar": lambda x, X, W, B3, C3: list(X)[1],
    "softmax": lambda x, X, W, B3, C3: X.softmax(1), "log_softmax": lambda x, X, W, B3, C3: minitorch_or_torch(x).log_softmax(X, 0),
    "softmax con dtype": lambda x, X, W, B3, C3: x.softmax(0, dtype=minitorch_or_torch(x).float64),
    "floor": lambda x, X, W, B3, C3: x.floor(), "ceil": lambda x, X, W, B3, C3: x.ceil(), "trunc": lambda x, X, W, B3, C3: x.trunc(),
    "round": lambda x, X, W, B3, C3: x.round(), "round con decimales": lambda x, X, W, B3, C3: x.round(decimals=2),
    "cumsum": lambda x, X, W, B3, C3: X.cumsum(1), "logsumexp": lambda x, X, W, B3, C3: X.logsumexp(0),
    "flip": lambda x, X, W, B3, C3: X.flip(0, 1), "tril": lambda x, X, W, B3, C3: X.tril(), "triu": lambda x, X, W, B3, C3: X.triu(1),
    "gather": lambda x, X, W, B3, C3: X.gather(1, minitorch_or_torch(x).tensor([[0, 0], [2, 1]])),
    "index_select": lambda x, X, W, B3, C3: X.index_select(1, minitorch_or_torch(x).tensor([2, 0])),
    "repeat": lambda x, X, W, B3, C3: X.repeat(2, 1), "sort": lambda x, X, W, B3, C3: X.sort(1).values,
    "topk": lambda x, X, W, B3, C3: x.topk(2)[0], "masked_select": lambda x, X, W, B3, C3: X.masked_select(X > 0),
}


def minitorch_or_torch(t):
    return minitorch if isinstance(t, minitorch.Tensor) else torch


def _named_inputs(m):
    x = m.tensor([1.0, 2.0, 3.0], requires_grad=True)
    X = m.tensor(A[:2, :3].copy(), requires_grad=True)
    W = m.tensor(A[:, :2].copy(), requires_grad=True)
    B3 = m.tensor(BATCH[:, :2, :3].copy(), requires_grad=True)
    C3 = m.tensor(BATCH[:, :3, :2].copy(), requires_grad=True)
    return x, X, W, B3, C3


@pytest.mark.parametrize("name", list(NAMED))
def test_mismo_nombre_de_grad_fn(name):
    ours = NAMED[name](*_named_inputs(minitorch))
    theirs = NAMED[name](*_named_inputs(torch))
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__
    our_next = [(None if n is None else type(n).__name__) for n, _ in ours.grad_fn.next_functions]
    their_next = [(None if n is None else type(n).__name__) for n, _ in theirs.grad_fn.next_functions]
    if all(n in (None, "AccumulateGrad") for n in their_next):  # PyTorch descompone algunas operaciones
        assert our_next == their_next


@pytest.mark.parametrize("name, program", [
    ("add_", lambda m, x: (x * 1).add_(1)), ("mul_", lambda m, x: (x * 1).mul_(x)), ("relu_", lambda m, x: (x * 1).relu_()),
    ("clamp_", lambda m, x: (x * 1).clamp_(0, 1)), ("copy_", lambda m, x: (x * 1).copy_(x)), ("zero_", lambda m, x: (x * 1).zero_()),
    ("exp_", lambda m, x: (x * 1).exp_()), ("asignación", lambda m, x: _assigned(x)), ("asignación avanzada", lambda m, x: _assigned(x, [0])),
    ("lerp_", lambda m, x: (x * 1).lerp_(x * 3, 0.5)),
])
def test_mismo_nombre_de_grad_fn_in_situ(name, program):
    ours = program(minitorch, minitorch.tensor([1.0, -2.0], requires_grad=True))
    theirs = program(torch, torch.tensor([1.0, -2.0], requires_grad=True))
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__


def _assigned(x, index=0):
    y = x * 1
    y[index] = 5.0
    return y


def test_misma_impresion():
    for make in (
        lambda m: m.tensor([1.0, 2.0], requires_grad=True),
        lambda m: m.tensor([1.0, 2.0, 3.0], requires_grad=True).sum(),
        lambda m: m.tensor([[1.0, 2.0]], requires_grad=True) * 2,
        lambda m: m.tensor([1.0, 2.0], requires_grad=True).detach(),
    ):
        assert repr(make(minitorch)) == repr(make(torch))


# --- errores -----------------------------------------------------------------------------------------
def _second_backward(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward()
    y.backward()


def _modified_saved(m):
    x = m.tensor([1.0, 2.0], requires_grad=True)
    w = m.tensor([1.0, 2.0], requires_grad=True)
    y = x * w
    with m.no_grad():
        w.add_(1)
    y.sum().backward()


def _wrong_function(m):
    class Wrong(m.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad, grad

    Wrong.apply(m.tensor([1.0], requires_grad=True)).sum().backward()


def _gradcheck_failure(m):
    class Wrong(m.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * 3

    m.autograd.gradcheck(Wrong.apply, (m.tensor([1.0, 2.0], dtype=m.float64, requires_grad=True),))


def _inplace_after_saved_result(m):
    h = m.tensor([0.3, -1.0], requires_grad=True) * 1
    h.relu_()
    h.sigmoid_()
    h.sum().backward()


ERRORS = {
    "in situ sobre un resultado guardado": _inplace_after_saved_result,
    "backward no escalar": lambda m: (m.tensor([1.0, 2.0], requires_grad=True) * 2).backward(),
    "segundo backward": _second_backward,
    "tensor guardado modificado": _modified_saved,
    "in situ en una hoja": lambda m: m.tensor([1.0], requires_grad=True).add_(1),
    "in situ en una vista de una hoja": lambda m: m.tensor([1.0, 2.0], requires_grad=True)[0].mul_(2),
    "asignación en una hoja": lambda m: m.tensor([1.0, 2.0], requires_grad=True).__setitem__(0, 3.0),
    "retain_grad sin gradiente": lambda m: m.ones(2).retain_grad(),
    "backward sin grafo": lambda m: m.ones(2).sum().backward(),
    "grad de un tensor no usado": lambda m: m.autograd.grad(
        (m.ones(1, requires_grad=True) * 2).sum(), [m.ones(1, requires_grad=True)]),
    "grad respecto de algo sin gradiente": lambda m: m.autograd.grad((m.ones(1, requires_grad=True) * 2).sum(), [m.ones(1)]),
    "gradiente inicial de otra forma": lambda m: (m.ones(3, requires_grad=True) * 2).backward(m.ones(2)),
    "requires_grad en enteros": lambda m: m.tensor([1, 2]).requires_grad_(),
    "requires_grad_(False) en un intermedio": lambda m: (m.ones(1, requires_grad=True) * 2).requires_grad_(False),
    "numpy() con gradiente": lambda m: m.ones(1, requires_grad=True).numpy(),
    "Function con gradientes de más": _wrong_function,
    "gradcheck que falla": _gradcheck_failure,
    "gancho sin gradiente": lambda m: m.ones(1).register_hook(lambda g: g),
    "requires_grad = False en un intermedio": lambda m: setattr(m.ones(1, requires_grad=True) * 2, "requires_grad", False),
    "requires_grad = True en un intermedio": lambda m: setattr(m.ones(1, requires_grad=True) * 2, "requires_grad", True),
    "requires_grad = True en enteros": lambda m: setattr(m.tensor([1]), "requires_grad", True),
    "requires_grad que no es booleano": lambda m: setattr(m.ones(1), "requires_grad", 1),
    "requires_grad_ que no es booleano": lambda m: m.ones(1).requires_grad_(1),
    "grad de otra forma": lambda m: setattr(m.ones(2, requires_grad=True), "grad", m.zeros(3)),
    "grad de otro tipo": lambda m: setattr(m.ones(2, requires_grad=True), "grad", m.zeros(2, dtype=m.float64)),
    "grad que no es un tensor": lambda m: setattr(m.ones(2, requires_grad=True), "grad", [0.0, 0.0]),
    "grad que es el propio tensor": lambda m: (lambda x: setattr(x, "grad", x))(m.ones(2, requires_grad=True)),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_mismo_tipo_de_excepcion(name):
    with pytest.raises(Exception) as theirs:
        ERRORS[name](torch)
    with pytest.raises(Exception) as ours:
        ERRORS[name](minitorch)
    expected = type(theirs.value)
    expected = next(c for c in expected.__mro__ if c.__module__ == "builtins")  # GradcheckError → RuntimeError
    assert isinstance(ours.value, expected), f"{type(ours.value).__name__}: {ours.value}"


def test_una_asignacion_rechazada_no_cambia_nada():
    x = minitorch.ones(2, requires_grad=True)
    x.grad = minitorch.full((2,), 3.0)
    y = x * 2
    for target, name, value in ((x, "grad", minitorch.zeros(3)), (y, "requires_grad", False), (x, "requires_grad", 1)):
        with pytest.raises((RuntimeError, TypeError)):
            setattr(target, name, value)
    assert x.grad.tolist() == [3.0, 3.0] and x.requires_grad and y.requires_grad and y.grad_fn is not None


def test_requires_grad_se_cambia_en_las_hojas_como_en_pytorch():
    for m in (minitorch, torch):
        x = m.ones(2)
        x.requires_grad = True
        assert x.requires_grad and x.is_leaf
        y = (x * 2).requires_grad_(True)  # en un resultado intermedio, requires_grad_(True) no cambia nada
        assert y.requires_grad and not y.is_leaf
        x.requires_grad = False
        assert not x.requires_grad
        m.tensor([1, 2]).requires_grad = False  # desmarcar un entero siempre se puede


def _after_writing_through(m, accessor):
    """Se escribe en el resultado guardado de sigmoid a través de ``.data`` o de ``detach()`` y se deriva."""
    a = m.tensor([1.0, 2.0], requires_grad=True)
    b = a.sigmoid()
    accessor(b).mul_(2)
    b.sum().backward()
    return a.grad.tolist()


def test_data_tiene_su_propio_contador_de_versiones_como_en_pytorch():
    """La lección de ``.data`` frente a ``detach()``: lo escrito a través de ``.data`` no lo detecta nadie
    (y el gradiente sale mal en silencio); a través de ``detach()``, ``backward()`` lo detecta y falla."""
    theirs = _after_writing_through(torch, lambda t: t.data)
    assert _after_writing_through(minitorch, lambda t: t.data) == pytest.approx(theirs)
    for m in (minitorch, torch):
        with pytest.raises(RuntimeError):
            _after_writing_through(m, lambda t: t.detach())
        x = m.zeros(3)
        data = x.data
        data.add_(1)
        assert (x._version, data._version, x.data._version) == (0, 1, 0)
        assert x.tolist() == [1.0, 1.0, 1.0] and data.data_ptr() == x.data_ptr()
        assert type(m.nn.Parameter(m.ones(2)).data) is m.Tensor


NO_DERIVATIVE = {
    "x // 2": lambda x: x // 2,
    "2 // x": lambda x: 2 // x,
    "floor_divide": lambda x: minitorch_or_torch(x).floor_divide(x, 2),
    "2 % x": lambda x: 2 % x,
    "remainder(2, x)": lambda x: minitorch_or_torch(x).remainder(2, x),
    "floor_divide_": lambda x: (x * 1).floor_divide_(2),
}


@pytest.mark.parametrize("name", list(NO_DERIVATIVE))
def test_operaciones_sin_derivada_como_pytorch(name):
    """PyTorch anota el nodo ``NotImplemented``: los valores salen, pero ``backward()`` falla."""
    results = []
    for m in (minitorch, torch):
        x = m.tensor([1.5, -2.5, 7.0], requires_grad=True)
        y = NO_DERIVATIVE[name](x)
        results.append((y.tolist(), y.grad_fn.name().replace("minitorch", "torch"), repr(y).replace("minitorch.", "torch.")))
        with pytest.raises(RuntimeError):
            y.sum().backward()
    assert results[0] == results[1]


def test_unique_no_tiene_derivada_como_en_pytorch():
    for m in (minitorch, torch):
        x = m.tensor([[1.5, 2.0], [1.5, 2.0]], requires_grad=True)
        assert (type(x.unique().grad_fn).__name__, type(x.unique(dim=0).grad_fn).__name__) == ("Unique2Backward0", "UniqueDimBackward0")
        with pytest.raises(NotImplementedError):
            x.unique().sum().backward()


def test_nan_to_num_no_deja_pasar_gradiente_por_lo_que_sustituye():
    grads = []
    for m in (minitorch, torch):
        x = m.tensor([1.0, float("inf"), float("nan"), -float("inf")], requires_grad=True)
        m.nan_to_num(x, nan=2.0, posinf=5.0).sum().backward()
        grads.append(x.grad.tolist())
    assert grads[0] == grads[1] == [1.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu"])
def test_derivar_dos_veces_tanh_sigmoid_y_relu_como_pytorch(name):
    """Con create_graph, la derivada es una operación de PyTorch (TanhBackwardBackward0…) que depende también
    del resultado guardado: el gradiente requiere gradiente, incluso el de relu, cuya segunda derivada es 0."""
    results = []
    for m in (minitorch, torch):
        x = m.tensor([0.5, -1.0, 2.0], requires_grad=True)
        (g,) = m.autograd.grad((getattr(x, name)() * m.tensor([1.0, 2.0, 3.0])).sum(), x, create_graph=True)
        (gg,) = m.autograd.grad((g * g).sum(), x, create_graph=True)
        names = [type(g.grad_fn).__name__, type(gg.grad_fn).__name__]
        results.append((names, [type(f).__name__ for f, _ in g.grad_fn.next_functions], g.tolist(), gg.tolist()))
    assert results[0][:2] == results[1][:2]
    np.testing.assert_allclose(results[0][2:], results[1][2:], rtol=1e-6)


@pytest.mark.parametrize("name", ["log_softmax", "softmax"])
def test_derivar_dos_y_tres_veces_softmax_como_pytorch(name):
    weights = np.arange(6.0).reshape(2, 3) / 5 - 0.3
    results = []
    for m in (minitorch, torch):
        w = m.tensor(weights, dtype=m.float32)
        x = m.tensor([[0.5, -1.0, 2.0], [0.1, 0.2, -0.3]], requires_grad=True)
        (g,) = m.autograd.grad((getattr(x, name)(1) * w).sum(), x, create_graph=True)
        (gg,) = m.autograd.grad((g * g * w).sum(), x, create_graph=True)
        (ggg,) = m.autograd.grad((gg * gg).sum(), x)
        results.append(([type(g.grad_fn).__name__, type(gg.grad_fn).__name__], g.tolist(), gg.tolist(), ggg.tolist()))
    assert results[0][0] == results[1][0]
    for ours, theirs in zip(results[0][1:], results[1][1:]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-7)


def test_resto_entre_dos_tensores_como_pytorch():
    grads = []
    for m in (minitorch, torch):
        x, y = m.tensor([5.5, -2.5, 7.0], requires_grad=True), m.tensor([2.0, 1.5, -3.0], requires_grad=True)
        r = x % y
        assert r.grad_fn.name() == "RemainderBackward1"
        r.sum().backward()
        grads.append((r.tolist(), x.grad.tolist(), y.grad.tolist()))
    assert grads[0] == grads[1]


def test_no_grad_y_requires_grad_como_pytorch():
    for m in (minitorch, torch):
        x = m.ones(2, requires_grad=True)
        with m.no_grad():
            y = x * 2
        assert not y.requires_grad and y.grad_fn is None and y.is_leaf
        with m.set_grad_enabled(False):
            assert not m.is_grad_enabled()
        z = x * 2
        assert z.requires_grad and not z.is_leaf and z.detach().is_leaf


# --- los trozos de split, chunk y unbind ---------------------------------------------------------------
PIECES = {
    "split": lambda y: y.split(2)[0], "split con tamaños": lambda y: y.split([1, 3])[1],
    "chunk": lambda y: y.chunk(2)[1], "unbind": lambda y: y.unbind(0)[3], "iterar": lambda y: list(y)[2],
}


@pytest.mark.parametrize("name", list(PIECES))
@pytest.mark.parametrize("write", ["mul_", "asignación"])
def test_los_trozos_no_se_modifican_in_situ_como_en_pytorch(name, write):
    """Con gradiente, modificar in situ un trozo da RuntimeError en las dos bibliotecas; sin él, se puede."""
    for lib in (minitorch, torch):
        y = lib.ones(4, 2, requires_grad=True) * 1
        piece = PIECES[name](y)
        with pytest.raises(RuntimeError):
            if write == "mul_":
                piece.mul_(2)
            else:
                piece[0] = 5.0
        plain = lib.ones(4, 2)
        PIECES[name](plain).mul_(3)
        assert plain.sum().item() > 8  # el trozo es una vista: el original cambió


def test_gradiente_de_los_trozos_usados_y_sin_usar():
    grads = []
    for lib in (minitorch, torch):
        x = lib.tensor(A.copy(), requires_grad=True)
        first, _, third = x.split([1, 1, 1])
        columns = x.unbind(1)
        (first * 2).sum().backward(retain_graph=True)
        (third.exp().sum() * columns[3]).sum().backward()
        grads.append(as_numpy(x.grad))
    np.testing.assert_allclose(grads[0], grads[1], rtol=1e-6)


@pytest.mark.parametrize(
    "read",
    [
        lambda m, x: (x * 2).grad,  # intermedio: avisa
        lambda m, x: _retained(x * 2).grad,  # intermedio con retain_grad(): no avisa
        lambda m, x: x.grad,  # hoja: no avisa
        lambda m, x: m.ones(2).grad,  # no requiere gradiente: no avisa
        lambda m, x: x.detach().grad,
        lambda m, x: x[0].grad,  # una vista de la hoja es un resultado intermedio
    ],
    ids=["intermedio", "retain_grad", "hoja", "sin gradiente", "detach", "vista"],
)
def test_aviso_al_leer_grad_de_un_tensor_que_no_es_hoja(read):
    warned = []
    for m in (torch, minitorch):
        x = m.ones(2, requires_grad=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert read(m, x) is None
        warned.append(sorted({w.category.__name__ for w in caught}))
    assert warned[1] == warned[0]


def _retained(t):
    t.retain_grad()
    return t


@pytest.mark.parametrize(
    "name, values, kwargs",
    [("std", [1.0], {}), ("var", [1.0], {}), ("std", [[1.0, 2.0]], {"dim": 0}), ("var", [[1.0, 2.0]], {"dim": 0}),
     ("std", [1.0, 2.0], {"correction": 2})],
)
def test_varianza_sin_grados_de_libertad_como_pytorch(name, values, kwargs):
    """La desviación de un solo dato: nan con un aviso, y un gradiente nan (no un ZeroDivisionError de Python)."""
    results = []
    for m in (torch, minitorch):
        x = m.tensor(values, requires_grad=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = getattr(x, name)(**kwargs)
        result.sum().backward()
        results.append((str(result.detach()).replace("torch", "minitorch"), str(x.grad), {w.category.__name__ for w in caught}))
    assert results[1] == results[0]


@pytest.mark.parametrize(
    "make",
    [lambda x: (x * 2).sum(), lambda x: (x / 2).sum(), lambda x: (2 * x).sum(), lambda x: x.sum() * 2,
     lambda x: (x + 2).sum(), lambda x: (x - 1).sum()],
    ids=["x * 2", "x / 2", "2 * x", "suma * 2", "x + 2", "x - 1"],
)
def test_segundo_backward_con_un_numero_como_pytorch(make):
    """PyTorch guarda el número de ``x * 2`` como tensor: un segundo backward() sin retain_graph falla;
    ``x + 2`` no guarda nada y se puede repetir. Con retain_graph=True, siempre se puede."""
    outcomes = []
    for m in (torch, minitorch):
        x = m.ones(3, requires_grad=True)
        kept = make(x)
        kept.backward(retain_graph=True)
        kept.backward()
        y = make(x)
        y.backward()
        try:
            y.backward()
            outcomes.append(x.grad.tolist())
        except RuntimeError:
            outcomes.append(RuntimeError)
    assert outcomes[1] == outcomes[0]
