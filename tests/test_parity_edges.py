"""Paridad con PyTorch en los bordes: la disposición de algunos resultados, el tipo de las excepciones ante
entradas incorrectas (y que una operación que falla no cambie nada) y las segundas derivadas de las
activaciones.

Cada programa se ejecuta con ``torch`` y con ``minitorch`` (``run`` de ``test_tensor_parity``): se comparan los
strides, el texto, los tipos y el tipo de la excepción. Se salta entero si PyTorch no está instalado.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

torch = pytest.importorskip("torch")

import minitorch  # noqa: E402
from test_tensor_parity import run  # noqa: E402

pytestmark = [pytest.mark.paridad, pytest.mark.filterwarnings("ignore")]


def assert_same_program(program: str):
    assert run(program, minitorch) == run(program, torch), program


# --- la disposición de los resultados ----------------------------------------------------------------
# Disposiciones de entrada: contigua, permutada, traspuesta, con paso, expandida (por delante, por detrás y
# en medio), expandida y permutada, y con dimensiones de tamaño 1 con strides poco corrientes.
INPUTS = {
    "contigua": "torch.arange(24.).reshape(2, 3, 4)",
    "permutada": "torch.arange(24.).reshape(2, 3, 4).permute(2, 0, 1)",
    "permutada 2": "torch.arange(24.).reshape(2, 3, 4).permute(1, 2, 0)",
    "traspuesta": "torch.arange(6.).reshape(2, 3).t()",
    "con paso": "torch.arange(48.).reshape(2, 3, 8)[:, :, ::2]",
    "con paso y traspuesta": "torch.arange(48.).reshape(2, 3, 8)[:, :, ::2].transpose(0, 2)",
    "expandida": "torch.arange(3.).expand(4, 3)",
    "expandida por detrás": "torch.arange(3.).reshape(3, 1).expand(3, 4)",
    "expandida en medio": "torch.arange(6.).reshape(2, 1, 3).expand(2, 4, 3)",
    "expandida y permutada": "torch.arange(6.).reshape(2, 1, 3).expand(2, 4, 3).permute(2, 1, 0)",
    "tamaño 1": "torch.arange(3.).reshape(3, 1).t()",
    "tamaño 1 permutada": "torch.arange(6.).reshape(1, 2, 3).permute(2, 0, 1)",
}
OPERATIONS = [
    "x.softmax(0)", "x.softmax(-1)", "x.log_softmax(0)", "torch.nn.functional.log_softmax(x, dim=-1)",
    "x.flip(0)", "x.flip(-1)", "x.sort(0)", "x.sort(-1, descending=True)", "x.argsort(0)",
    # con empates (las entradas expandidas), PyTorch no fija qué índice gana: de topk, solo sus strides
    "(x.topk(1, 0).values, x.topk(1, 0).indices.stride())", "(x.topk(1, -1).values, x.topk(1, -1).indices.stride())",
    "(x.topk(2, -1, largest=False).values, x.topk(2, -1, largest=False).indices.stride())",
    # siempre contiguos
    "x.tril()", "x.triu(1)", "x.repeat(*[1] * x.dim())", "x.repeat(2, *[1] * (x.dim() - 1))",
    # elemento a elemento, con una sola entrada
    "x.nan_to_num()", "x.isnan()", "x.isfinite()", "x.logical_not()", "torch.nn.functional.leaky_relu(x, 0.1)",
    "torch.nn.functional.elu(x)", "torch.nn.functional.softplus(x)", "torch.nn.functional.gelu(x)",
]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("source", INPUTS.values(), ids=INPUTS.keys())
def test_result_layout_matches_pytorch(source, operation):
    assert_same_program(f"x = {source}; r = {operation}")


@pytest.mark.parametrize("program", [
    "x = torch.ones(1, 3); y = x.flip(0); y.fill_(5); r = (x, y)",
    "x = torch.tensor(3.); y = x.flip([]); y.fill_(5); r = (x, y)",
    "x = torch.arange(3).reshape(3, 1).t(); y = x.nan_to_num(); y.fill_(7); r = (x, y)",
    "x = torch.tensor([[3., 1.]]); v, i = x.sort(0); v.fill_(0); r = (x, v, i)",
])
def test_copies_do_not_share_memory_with_their_input(program):
    """flip, sort y nan_to_num devuelven copias aunque numpy pudiera devolver la misma memoria."""
    assert_same_program(program)


@pytest.mark.parametrize("program", [
    "x = torch.ones(3, requires_grad=True); x.expand(2, 3).sum().backward()",
    "x = torch.ones(3, 1, requires_grad=True); x.expand(3, 4).mean().backward()",
    "x = torch.ones(2, 3, requires_grad=True); x.mean().backward()",
    "x = torch.ones(2, 3, requires_grad=True); x.mean(1).sum().backward()",
    "x = torch.ones(2, 3, requires_grad=True); x.mean().backward(create_graph=True)",
    "x = torch.ones(2, 3, requires_grad=True); x.mean(0, keepdim=True).sum().backward(create_graph=True)",
    "x = torch.ones(3, requires_grad=True); x.expand(2, 3).sum().backward(create_graph=True)",
])
def test_gradient_of_mean_and_expand_admits_in_place_writes(program):
    """El gradiente de ``mean`` o ``expand`` no es una vista con stride 0: se le puede sumar algo in situ."""
    assert_same_program(program + "; s = x.grad.stride(); x.grad.add_(1); r = (x.grad.detach(), s)")


@pytest.mark.parametrize("program", [
    "x = torch.ones(2, 3, requires_grad=True); r = torch.autograd.grad(x.mean(), x)[0]",
    "x = torch.ones(2, 3, requires_grad=True); r = torch.autograd.grad(x.mean(1).sum(), x)[0]",
    "x = torch.ones(2, 3, requires_grad=True); r = torch.autograd.grad(x.sum(), x)[0]",  # este sí, stride 0
    "x = torch.ones(2, 3, requires_grad=True); v = torch.tensor(2., requires_grad=True); "
    "g = torch.autograd.grad(x.mean(), x, v, create_graph=True)[0]; "
    "r = (g.grad_fn.name(), g.grad_fn.next_functions[0][0].name(), g.detach())",
    # MulBackward1 y DivBackward1 (un número dentro del C++ de PyTorch) tienen una sola entrada
    "x = torch.ones(2, 3, requires_grad=True); v = torch.tensor(2., requires_grad=True); "
    "g = torch.autograd.grad(x.mean(), x, v, create_graph=True)[0]; r = len(g.grad_fn.next_functions)",
    "x = torch.ones(2, 3, requires_grad=True); loss = torch.nn.functional.cross_entropy(x, torch.tensor([0, 2]), "
    "label_smoothing=0.1); r = [(f.name(), len(f.next_functions)) for f, _ in loss.grad_fn.next_functions]",
])
def test_gradient_of_mean_layout_and_nodes_match_pytorch(program):
    assert_same_program(program)


# --- el tipo de las excepciones ----------------------------------------------------------------------
ERRORS = [
    # operaciones bit a bit con reales
    "r = torch.tensor([1., 2.]) & torch.tensor([1., 0.])",
    "r = torch.tensor([1., 2.]) | torch.tensor([1, 0])",
    "r = torch.tensor([1, 2]) & 1.5",
    "r = torch.tensor([True]) & 1.5",
    "r = ~torch.tensor([1., 2.])",
    "r = ~torch.tensor(1.5)",
    # un tensor de varios elementos (o ninguno) como número de Python
    "r = int(torch.tensor([1., 2.]))",
    "r = float(torch.tensor([1., 2.]))",
    "r = float(torch.tensor([]))",
    "r = torch.tensor([1., 2.]).item()",
    "r = bool(torch.tensor([1., 2.]))",
    # index_select
    "r = torch.arange(4.).index_select(0, torch.tensor([-1]))",
    "r = torch.arange(4.).index_select(0, torch.tensor(-1))",
    "r = torch.arange(4.).index_select(0, torch.tensor([4]))",
    "r = torch.tensor(5.).index_select(0, torch.tensor([1]))",
    "r = torch.arange(4.).index_select(0, torch.tensor([1.]))",
    "r = torch.arange(4.).index_select(0, torch.tensor([True]))",
    "r = torch.arange(4.).index_select(0, torch.tensor([[1]]))",
    "r = torch.tensor(5.).index_select(0, torch.tensor([], dtype=torch.int64))",
    "r = torch.tensor([1., 2.]).cumprod(0, dtype=torch.bool)",
    # masked_select guarda su entrada: cambiarla in situ antes de backward es un error
    "a = torch.tensor([1., 2., 3.], requires_grad=True); b = a * 1\n"
    "o = b.masked_select(torch.tensor([True, False, True])).sum(); b.add_(1); o.backward()",
    # formas que no se difunden
    "r = torch.logical_and(torch.ones(2, 3), torch.ones(4))",
    "r = torch.ones(2, 3).logical_or(torch.ones(2))",
    "r = torch.ones(2, 3).clamp(min=torch.zeros(4))",
    "r = torch.ones(2, 3).clamp(max=torch.zeros(2))",
    "r = torch.ones(3, dtype=torch.long).clamp(min=torch.zeros(2))",
    # permute
    "r = torch.ones(2, 3).permute(0)",
    "r = torch.ones(2, 3).permute(0, 1, 2)",
    "r = torch.ones(2, 3).permute(1, 0, 0)",
    "r = torch.ones(2, 3).permute(0, 0)",
    "r = torch.ones(2, 3).permute(0, 2)",
    # tipos que la operación no admite
    "r = torch.tensor([True, False]).topk(1)",
    "r = torch.tensor(True).topk(1)",
    "r = torch.tensor([1., 2.]).cumsum(0, dtype=torch.bool)",
    "r = torch.tensor([True]).cumsum(0, dtype=torch.bool)",
    "r = torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), 0.5)",
    "r = torch.tensor([1, 2]).lerp(torch.tensor([3, 4]), torch.tensor(1))",
    "r = torch.lerp(torch.tensor([1., 2.]), torch.tensor([3, 4]), 0.5)",
    "r = torch.lerp(torch.tensor([1., 2.]), torch.tensor(3., dtype=torch.float64), 0.5)",
    "r = torch.lerp(torch.tensor([1., 2.]), torch.tensor([3., 4.]), torch.tensor([0.5, 0.5], dtype=torch.float64))",
    "r = torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([0.5, 0.5]))",
    # tensores 0-d donde PyTorch no los trata como de una dimensión (D5, D6, D9, D10, D29)
    "r = torch.mv(torch.tensor(1.), torch.ones(2))",
    "r = torch.tensor(1.).split(1, 0)",
    "r = torch.tensor(1.).split([1], 5)",
    "r = torch.tensor(1.5).size(0)",
    "r = torch.tensor(1.5).stride(-1)",
    "r = torch.tensor(1.5).flatten(0, 2)",
    "r = torch.tensor(1.5).flatten(-2, 0)",
    "r = torch.cat([torch.ones(2), torch.tensor(1.)], dim=5)",
    "r = torch.cat([torch.zeros(0), torch.tensor(1.)])",
    # el orden de las comprobaciones: dim, formas o tamaño 0 antes que el tipo (D13, D19, D27, D28, D33, D36)
    "r = torch.ones(2, 3, dtype=torch.bool) @ torch.ones(2, dtype=torch.bool)",
    "r = torch.ones(2, 3, dtype=torch.bool) @ torch.ones(3, dtype=torch.bool)",
    "r = torch.ones(0, dtype=torch.bool) @ torch.ones(0, dtype=torch.bool)",
    "r = torch.ones(2, 2, 3, dtype=torch.bool) @ torch.ones(3, 3, 4, dtype=torch.bool)",
    "r = torch.tensor([[1, -6]]).softmax(-4)",
    "r = torch.tensor([[1, -6]]).log_softmax(2)",
    "r = torch.ones(2, 2, dtype=torch.bool).trace()",
    "r = torch.ones(2, dtype=torch.bool).trace()",
    "r = torch.stack([torch.ones(2), torch.ones(3)], dim=5)",
    "r = torch.ones(0, 2).index_select(0, torch.tensor([0]))",
    "r = torch.ones(2, 0).index_select(0, torch.tensor([5]))",
    "r = torch.ones(0).index_select(0, torch.tensor([0]))",
    "r = torch.ones(2, dtype=torch.bool) ** torch.ones(3, dtype=torch.bool)",
    "r = torch.ones(2, dtype=torch.bool) ** torch.tensor(True)",
    # gather: un tensor 0-d cuenta como de un elemento (D22)
    "r = torch.tensor(1.).gather(0, torch.tensor([[0]]))",
    "r = torch.tensor(1.).gather(0, torch.tensor([1]))",
    "r = torch.ones(2).gather(0, torch.tensor(5))",
    "r = torch.ones(2, 2).gather(5, torch.zeros(0, dtype=torch.long))",
    "r = torch.ones(2, 0).gather(1, torch.zeros(1, 1, dtype=torch.long))",
]


@pytest.mark.parametrize("program", ERRORS)
def test_exception_type_matches_pytorch(program):
    assert_same_program(program)


ACCEPTED = [
    "r = torch.tensor([True]) & torch.tensor([3])",
    "r = torch.tensor([3]) | torch.tensor([True])",
    "r = torch.tensor([True, False]) & torch.tensor([True, True])",
    "r = ~torch.tensor([1, -2])",
    "r = (int(torch.tensor([[3.]])), float(torch.tensor([2.5])))",
    "r = torch.arange(4.).index_select(0, torch.tensor([1, 3], dtype=torch.int32))",
    "r = torch.ones(3).clamp(min=torch.zeros(2, 3))",
    "r = torch.arange(6.).reshape(2, 3).clamp(min=torch.tensor([1., 2, 3]), max=torch.tensor([[4.], [4.5]]))",
    "r = (torch.tensor(1.).cumsum(0, dtype=torch.bool), torch.tensor([]).cumsum(0, dtype=torch.bool))",
    "r = torch.lerp(torch.tensor([1., 2.]), torch.tensor([3., 4.]), torch.tensor(0.5, dtype=torch.float64))",
    "r = torch.tensor([1., 2.]).lerp(torch.tensor([3., 4.]), torch.tensor(1))",
    "x = torch.zeros(3).expand(2, 3); x.fill_(1.); r = x",
    "x = torch.zeros(3).expand(1, 3); x.fill_(torch.tensor(1.)); r = x",
    "x = torch.zeros(3).expand(2, 3); x.zero_(); r = x",
    # la máscara bool con un valor de un elemento es masked_fill_: convierte el valor
    "x = torch.zeros(3); x[torch.tensor([True, False, True])] = torch.tensor(1); r = x",
    "x = torch.zeros(2, 3); x[0, torch.tensor([True, False, True])] = torch.tensor([1]); r = x",
    "x = torch.zeros(2, 3); x[:, torch.tensor([True, False, True])] = torch.tensor(1, dtype=torch.float64); r = x",
    "x = torch.zeros(3, dtype=torch.long); x[torch.tensor([True, False, True])] = torch.tensor(1.5); r = x",
    "x = torch.zeros(3, dtype=torch.long); x[torch.tensor([0])] = 1.5; r = x",
    "x = torch.zeros(3, dtype=torch.long); x[1:] = torch.tensor([1.5, 2.]); r = x",
    # en una vista expandida, PyTorch solo avisa (y escribe a través de ella)
    "x = torch.zeros(3).expand(2, 3); x[torch.tensor([0])] = torch.tensor([1., 2., 3.]); r = x",
    "x = torch.zeros(3).expand(2, 3); x[torch.tensor([True, False])] = 1.; r = x",
    # mT de un tensor 0-d: el mismo tensor (D4)
    "x = torch.tensor(.5, requires_grad=True); r = (x.mT, x.mT is x)",
    # cat ignora los tensores de forma (0,), y si solo hay de esos ni mira dim (D11)
    "r = torch.cat([torch.zeros(0)], dim=1)",
    "r = torch.cat([torch.zeros(0, dtype=torch.long), torch.zeros(0)], dim=-3)",
    "a = torch.zeros(0, requires_grad=True); r = torch.cat([a, a], dim=3); r.sum().backward(); r = (r, a.grad)",
    # con algún operando vacío, matmul de bools no llega a multiplicar (D13)
    "r = torch.ones(0, 3, dtype=torch.bool) @ torch.ones(3, dtype=torch.bool)",
    "r = torch.ones(2, 0, dtype=torch.bool) @ torch.ones(0, dtype=torch.bool)",
    "r = torch.ones(2, 3, 0, dtype=torch.bool) @ torch.ones(2, 0, 4, dtype=torch.bool)",
    "r = torch.ones(2, 0, dtype=torch.bool).mm(torch.ones(0, 2, dtype=torch.bool))",
    # división entera entre cero con un resultado vacío (D14)
    "r = torch.tensor([], dtype=torch.int32) // torch.tensor(0)",
    "r = torch.tensor([], dtype=torch.int32) % 0",
    "r = torch.ones(2, 0, dtype=torch.int64).div(torch.zeros(2, 1, dtype=torch.long), rounding_mode='trunc')",
    "x = torch.tensor([], dtype=torch.int64); x //= 0; r = x",
    # softmax de un tensor vacío (D19)
    "r = torch.eye(2, 0).softmax(-1)",
    "a = torch.eye(2, 0).requires_grad_(); r = a.log_softmax(-1); r.sum().backward(); r = (r, a.grad)",
    # gather con un índice vacío (de cualquier tipo y forma) o sobre un tensor 0-d (D22)
    "r = torch.ones(2, 2).gather(1, torch.ones(3, 0, dtype=torch.int64))",
    "r = torch.ones(2, 2).gather(0, torch.zeros(0, 3))",
    "r = torch.tensor(1.).gather(0, torch.tensor([0, 0]))",
    "r = torch.ones(2).gather(0, torch.tensor(1))",
    "a = torch.tensor(2., requires_grad=True); r = a.gather(0, torch.tensor([0, 0])); r.sum().backward(); r = a.grad",
    "a = torch.tensor([2., 3.], requires_grad=True); r = a.gather(0, torch.tensor(1)); r.backward(); r = a.grad",
    # roll de un tensor vacío: no comprueba dims (D35)
    "r = torch.ones(0, 2).roll(1, 5)",
    "a = torch.ones(0, 2, requires_grad=True); r = a.roll(1, 5); r.sum().backward(); r = a.grad",
]


@pytest.mark.parametrize("program", ACCEPTED)
def test_accepted_inputs_match_pytorch(program):
    assert_same_program(program)


# Operaciones in situ que fallan: PyTorch no cambia nada (ni los valores ni la versión ni el grad_fn).
FAILED_WRITES = [
    ("x = torch.zeros(3).expand(2, 3)", "x.fill_(torch.tensor(1.))"),
    ("x = torch.zeros(3).expand(2, 3)", "x.fill_(torch.tensor(1, dtype=torch.long))"),
    ("x = torch.zeros(1).expand(3)", "x.fill_(torch.tensor(1.))"),
    ("x = torch.zeros(3)", "x.fill_(torch.tensor([1., 2.]))"),
    ("x = torch.zeros(3)", "x.clamp_(min=torch.zeros(2, 3))"),
    ("x = torch.zeros(3)", "x.clamp_(max=torch.zeros(2))"),
    ("x = torch.zeros(3, dtype=torch.long)", "x[torch.tensor([0, 1])] = torch.tensor([1.5, 2.5])"),
    ("x = torch.zeros(3)", "x[torch.tensor([0, 1])] = torch.tensor([1, 2])"),
    ("x = torch.zeros(3)", "x[torch.tensor([True, False, True])] = torch.tensor([1, 2])"),
    ("x = torch.zeros(3, dtype=torch.bool)", "x[torch.tensor([0])] = torch.tensor([2.])"),
    ("x = torch.zeros(3)", "x[torch.tensor([0, 1])] = torch.tensor([1., 2.], dtype=torch.float64)"),
    ("x = torch.zeros(2, 3)", "x[torch.tensor([True, False]), torch.tensor([0])] = torch.tensor([1])"),
    ("x = torch.zeros(3)", "x[[0, 1]] = torch.tensor([1, 2])"),
    ("x = torch.tensor([1, 2])", "x.lerp_(torch.tensor([3, 4]), 0.5)"),
    ("x = torch.tensor([1, 2])", "x.lerp_(torch.tensor([3, 4]), torch.tensor(0.5))"),
    ("x = torch.tensor([1., 2.])", "x.lerp_(torch.tensor([3, 4]), 0.5)"),
    ("x = torch.tensor([1., 2.])", "x.lerp_(torch.tensor([3., 4.], dtype=torch.float64), 0.5)"),
    ("x = torch.tensor([1., 2.])", "x.lerp_(torch.tensor([3., 4.]), torch.tensor([0.5, 0.5], dtype=torch.float64))"),
    ("x = torch.tensor([1., 2.])", "x.lerp_(torch.ones(2, 2), 0.5)"),
    ("x = torch.tensor([1, 2])", "x.addcdiv_(torch.tensor([3, 4]), torch.tensor([1, 2]))"),
    ("x = torch.tensor([1., 2.])", "x.addcdiv_(torch.tensor([3, 4]), torch.tensor([1, 2]))"),
    ("x = torch.tensor([1., 2.])", "x.addcdiv_(torch.tensor([True, True]), torch.tensor([1, 2]))"),
    ("x = torch.tensor([1, 2])", "x.addcdiv_(torch.tensor([3., 4.]), torch.tensor([1, 2]))"),
    ("x = torch.tensor([1., 2.])", "x.addcdiv_(torch.ones(2, 2), torch.ones(2))"),
    ("a = torch.ones(3, requires_grad=True); x = a * 1", "x.clamp_(min=torch.zeros(2, 3))"),
    ("a = torch.ones(3, requires_grad=True); x = a * 1", "x.lerp_(torch.ones(3, dtype=torch.float64), 0.5)"),
    ("a = torch.ones(3, requires_grad=True); x = a * 1",
     "x[torch.tensor([0])] = torch.tensor([5.], dtype=torch.float64, requires_grad=True)"),
    ("a = torch.ones(3, requires_grad=True); x = a * 1", "x.fill_(torch.tensor([1., 2.]))"),
]


@pytest.mark.parametrize(("setup", "operation"), FAILED_WRITES, ids=[op for _, op in FAILED_WRITES])
def test_failed_in_place_operation_changes_nothing(setup, operation):
    program = (
        f"{setup}\nbefore = (x.clone(), x._version, type(x.grad_fn).__name__)\n"
        f"try:\n    {operation}\n    error = None\nexcept Exception as e:\n    error = type(e).__name__\n"
        "r = (error, x.detach(), x._version == before[1], type(x.grad_fn).__name__ == before[2], torch.equal(x, before[0]))"
    )
    ours, theirs = run(program, minitorch), run(program, torch)
    assert ours == theirs, program
    assert ours[1][0] != ("value", "None"), f"PyTorch ya acepta «{operation}»: este caso no comprueba nada"
    assert [item[1] for item in ours[1][2:]] == ["True", "True", "True"], program


# --- §1: logical_* con un operando real de dimensión 0 ----------------------------------------------
@pytest.mark.parametrize("program", [
    "r = torch.logical_and(torch.tensor([0., 1, 2]), torch.tensor(0.5))",
    "r = torch.logical_and(torch.tensor([0., 1, 2]), torch.tensor(0.))",
    "r = torch.logical_or(torch.tensor([0., 1, 0]), torch.tensor(0.5))",
    "r = torch.logical_or(torch.tensor([0., 0]), torch.tensor(0.))",
    "r = torch.tensor(0.5).logical_and(torch.tensor([0., 1]))",
    "r = torch.tensor(0.3).logical_or(torch.tensor([0, 0]))",
    "r = torch.tensor([0, 3]).logical_and(torch.tensor(0.25))",
    "r = torch.tensor([0, 3]).logical_or(torch.tensor(0.25))",
    "r = torch.tensor([True, False]).logical_and(torch.tensor(0.5, dtype=torch.float64))",
    "r = torch.tensor([0., float('nan')]).logical_and(torch.tensor(1))",
    "r = torch.arange(6.).reshape(2, 3).t().logical_and(torch.tensor(0.5))",
    "r = torch.arange(6.).reshape(2, 3).t().logical_or(torch.arange(3.).reshape(3, 1))",
])
def test_logical_operations_judge_each_operand_in_its_own_type(program):
    assert_same_program(program)


# --- §1: segundas derivadas de las activaciones -------------------------------------------------------
ACTIVATIONS = {
    "leaky_relu": lambda F, x: F.leaky_relu(x, 0.2),
    "leaky_relu in situ": lambda F, x: F.leaky_relu(x * 1, 0.2, inplace=True),
    "elu": lambda F, x: F.elu(x, 1.5),
    "elu in situ": lambda F, x: F.elu(x * 1, 1.5, inplace=True),
    "softplus": lambda F, x: F.softplus(x, 2.0, 10.0),
    "silu": lambda F, x: F.silu(x),
    "gelu": lambda F, x: F.gelu(x),
    "gelu con tanh": lambda F, x: F.gelu(x, approximate="tanh"),
    "hardtanh": lambda F, x: F.hardtanh(x, -0.5, 1.5),
    "hardtanh in situ": lambda F, x: F.hardtanh(x * 1, -0.5, 1.5, inplace=True),
    "relu": lambda F, x: F.relu(x),
    "tanh": lambda F, x: F.tanh(x),
    "sigmoid": lambda F, x: F.sigmoid(x),
}
POINTS = [-2.0, -0.5, 0.3, 1.5, 3.0, 0.0, 25.0]  # 0: el pliegue; 25: por encima del umbral de softplus
VECTOR = [0.3, -1.2, 0.7, 2.0, -0.4, 1.1, 0.5]


def second_derivatives(lib, activation):
    """Los nombres de los nodos de la derivada (con create_graph) y las segundas derivadas, respecto de x y de v."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x = lib.tensor(POINTS, dtype=lib.float64, requires_grad=True)
        v = lib.tensor(VECTOR, dtype=lib.float64, requires_grad=True)
        (g,) = lib.autograd.grad(activation(lib.nn.functional, x), x, v, create_graph=True)
        inputs = [None if n is None else n.name().removeprefix("torch::autograd::") for n, _ in g.grad_fn.next_functions]
        gx, gv = lib.autograd.grad((g * g).sum(), (x, v), create_graph=True)
        names = (g.grad_fn.name(), inputs, gx.grad_fn.name() if gx.grad_fn else None)
        return names, [np.array(t.detach().tolist()) for t in (g, gx, gv)]


# Las versiones in situ de PyTorch derivan a partir del resultado y no de la entrada: el grafo de la segunda
# derivada respecto de x tiene otros nodos (los valores son los mismos). Ver el informe del issue 13.
SAME_THIRD_LEVEL = {"leaky_relu in situ": False}


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_second_derivatives_of_activations_match_pytorch(name):
    activation = ACTIVATIONS[name]
    (our_names, ours), (their_names, theirs) = second_derivatives(minitorch, activation), second_derivatives(torch, activation)
    levels = 3 if SAME_THIRD_LEVEL.get(name, True) else 2
    assert our_names[:levels] == their_names[:levels]
    for mine, reference in zip(ours, theirs):
        np.testing.assert_allclose(mine, reference, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("activation", ["leaky_relu", "elu", "softplus", "gelu", "gelu con tanh", "hardtanh"])
def test_third_derivative_where_pytorch_has_one(activation):
    """leaky_relu y hardtanh son lineales a trozos: su segunda derivada es una constante sin grafo, en los dos."""
    def third(lib):
        x = lib.tensor(POINTS, dtype=lib.float64, requires_grad=True)
        (g,) = lib.autograd.grad(ACTIVATIONS[activation](lib.nn.functional, x).sum(), x, create_graph=True)
        (gg,) = lib.autograd.grad(g.sum(), x, create_graph=True)
        if gg.grad_fn is None:
            return None
        return np.array(lib.autograd.grad(gg.sum(), x)[0].tolist())

    ours, theirs = third(minitorch), third(torch)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


# --- diferencias halladas por la prueba diferencial (D8, D15, D17, D18, D20, D25, D37, D39, D41) ---------
DIFFERENTIAL_FINDINGS = [
    # relu deja pasar el gradiente donde su entrada es nan (PyTorch pone ceros solo donde x <= 0)
    "a = torch.tensor(-0.125, requires_grad=True); a.log().relu().sum().backward(); r = a.grad",
    "a = torch.tensor([-1., 0., 2., float('nan')], requires_grad=True)\n"
    "r, = torch.autograd.grad(a.relu().sum(), a, create_graph=True)",
    # D8: & y | con un número a la izquierda; las formas se comprueban antes que el tipo
    "r = 1 & torch.tensor(3)",
    "r = True | torch.tensor([1, 0])",
    "r = True & torch.tensor([True, False])",
    "r = 1 | torch.tensor(True)",
    "r = 1 & torch.tensor(-1.25)",
    "r = 1.5 | torch.tensor(3)",
    "r = torch.ones(3, 3) | torch.ones(2)",
    "r = torch.ones(3, 3, dtype=torch.long) & torch.ones(2, dtype=torch.long)",
    "r = torch.ones(3).bitwise_xor_(torch.ones(2, 3))",
    # D15: maximum y minimum solo admiten tensores
    "r = torch.maximum(torch.tensor([-3.]), 0)",
    "r = torch.maximum(torch.tensor(-3.), 0)",
    "r = torch.tensor([1.]).minimum(0.5)",
    "r = torch.maximum(torch.tensor(-3.), torch.tensor([1., -5.]))",
    # D20: alpha no interviene en el tipo del resultado
    "r = torch.add(torch.tensor([True, False]), torch.tensor(True), alpha=2)",
    "r = torch.add(torch.tensor([True, False]), True, alpha=2)",
    "r = torch.add(torch.tensor([True, False]), torch.tensor([True, False]), alpha=0)",
    "r = torch.add(torch.tensor([1, 2], dtype=torch.int32), torch.tensor(True), alpha=-1)",
    "r = torch.add(torch.tensor([1, 2], dtype=torch.int32), torch.tensor([True, False]), alpha=-1)",
    "r = torch.add(torch.tensor([1, 2]), torch.tensor(1.5, dtype=torch.float64), alpha=2)",
    "r = torch.tensor([True, False]).add_(torch.tensor([False, True]), alpha=3)",
    "r = torch.tensor([1, 2], dtype=torch.int32).sub_(torch.tensor([1, 1]), alpha=-1)",
    "r = torch.add(torch.tensor([True]), torch.tensor([True]), alpha=2.5)",
    # D25: clamp deja tal cual un valor igual al límite (el signo de un cero) y propaga nan
    "t = torch.tensor([-0., -1., 2.]); t.clamp_(min=0); r = t",
    "r = torch.tensor([-0., -1., 2.]).clamp(min=0)",
    "r = torch.tensor([0., -1., 2.]).clamp(max=-0.)",
    "r = torch.tensor([-0., 1., float('nan')]).clamp(0, 1)",
    "r = torch.tensor([1., -0.]).clamp(min=float('nan'))",
    # D41: x ** False usa la fórmula general (-0. donde x < 0, nan en 0); x ** 0 da ceros
    "a = torch.tensor(-1.5, requires_grad=True); (a ** False).backward(); r = a.grad",
    "a = torch.tensor([0., -1.5, 2.], requires_grad=True); (a ** False).sum().backward(); r = a.grad",
    "a = torch.tensor([0., -1.5, 2.], requires_grad=True); (a ** 0).sum().backward(); r = a.grad",
    # D18: prod de un tensor vacío
    "a = torch.zeros(3, 0, dtype=torch.float64, requires_grad=True); a.prod().backward(); r = a.grad",
    "a = torch.zeros(3, 0, requires_grad=True); a.prod(1).sum().backward(); r = a.grad",
    "a = torch.zeros(0, 2, requires_grad=True); a.prod(0).sum().backward(); r = a.grad",
]


@pytest.mark.parametrize("program", DIFFERENTIAL_FINDINGS)
def test_differential_findings_match_pytorch(program):
    assert_same_program(program)


# D17, D37, D39: los nombres de los nodos de x[...] = v, de x[::1, ::1] y de reshape sin copia
ASSIGNMENTS = ["...", ":", "::1", "0:3", "0:100", "-100:", ":, :", ":, 0:2", "..., :", "0", "None", ":, ::1", "()", "1:"]
VIEWS = [
    "a[::1, ::1]", "a[:, 0:2:1]", "a[0:3, 0:2]", "a[0:3, 1:]", "a[..., 0:2]", "a[None, 0:3]", "a[0:3, None]", "a[-3:, :]",
    "a[:]", "a[0:3, 0]", "a[::2].reshape(2, 1)", "a[::2].reshape(2, 1, 2)", "a.t().reshape(6)", "a.t().reshape(2, 3)",
    "a[:, :1].reshape(3)", "a.expand(2, 3, 2).reshape(2, 6)", "a[0:1].reshape(2)", "a.reshape(6)", "a[:, 1].unsqueeze(0).reshape(3)",
]


@pytest.mark.parametrize("index", ASSIGNMENTS)
def test_assignment_node_matches_pytorch(index):
    value = "a[0]" if index == "0" else "a"
    assert_same_program(
        "a = torch.ones(3, 2, requires_grad=True); t = torch.zeros(3, 2); "
        f"t[{index}] = {value} * 2; t.sum().backward(); r = (type(t.grad_fn).__name__, t, a.grad)"
    )


@pytest.mark.parametrize("view", VIEWS)
def test_view_node_matches_pytorch(view):
    assert_same_program(
        "a = torch.arange(6.).reshape(3, 2).requires_grad_(); "
        f"v = {view}; (v * torch.arange(float(v.numel())).reshape(v.shape)).sum().backward(); "
        "r = (type(v.grad_fn).__name__, v, v.stride(), a.grad)"
    )


# D12: una lectura con índices avanzados fuera de rango que deja un resultado vacío no falla (ni su backward)
# D24: las funciones de una sola entrada dan un resultado vacío contiguo, sea cual sea la disposición de la entrada
# softmax y log_softmax de un tensor entero: vacío, un resultado entero; con elementos, NotImplementedError
EMPTY_EDGES = [
    "t = torch.tensor([[], []], dtype=torch.float64).squeeze(1); r = t[[2]]",
    "r = torch.zeros(2, 0)[[5]]",
    "r = torch.zeros(2, 0)[[5], [0]]",
    "r = torch.zeros(2, 3)[[5], []]",
    "r = torch.zeros(0, 3)[:, [7]]",
    "r = torch.zeros(2, 0)[:, [7]]",
    "r = torch.zeros(3, 3)[:, [7]]",
    "r = torch.full((0, 1), -1.25)[0, [-1]]",
    "r = torch.zeros(0, 3)[torch.zeros(2, dtype=torch.bool), [7]]",
    "a = torch.zeros(2, 0, 3, requires_grad=True); a[[5, 5]].sum().backward(); r = a.grad",
    "a = torch.zeros(0, 3, requires_grad=True); a[:, [9]].sum().backward(); r = a.grad",
    *(f"x = {x}; r = {op}" for x in ("torch.zeros(2, 0, 3).permute(2, 0, 1)", "torch.zeros(0, 3).t()",
                                      "torch.zeros(0, 3, dtype=torch.int64).t()", "torch.zeros(3, 0).t().unsqueeze(1)",
                                      "torch.zeros(4, 0, 3)[::2].permute(2, 0, 1)", "torch.zeros(3, 1, 0).expand(3, 4, 0)")
      for op in ("x.square()", "x ** 2", "2 ** x", "x.pow(torch.tensor(2))", "x.floor()", "x.round()", "x.ceil()",
                 "x.trunc()", "x.exp()", "x.abs()", "x.masked_fill(x > 0, 1)", "x.masked_fill(torch.tensor(True), 1)",
                 "x + 1", "x.clone()", "x.softmax(0)", "x.log_softmax(-1)")),
    # roll de un tensor vacío: con dims, una copia como clone(); sin dims (sobre el aplanado), contigua
    *(f"x = {x}; r = {op}" for x in ("torch.full((2, 2, 3), 2.)[..., 2:2:3]", "torch.zeros(0, 3).t()")
      for op in ("x.roll(-3, -2)", "x.roll(1)", "x.roll((1, 1), (0, 1))")),
    "a = torch.zeros(0, 3, requires_grad=True); r = a.t().roll(1, 0); r.sum().backward(); r = (r, a.grad)",
    "r = torch.arange(0).floor().softmax(0)",
    "r = torch.zeros(2, 0, dtype=torch.int32).log_softmax(1)",
    "r = torch.zeros(2, 0, dtype=torch.bool).softmax(0)",
    "r = torch.nn.functional.softmax(torch.arange(0), 0)",
    "r = torch.arange(3).softmax(0)",
    "r = torch.arange(6).view(2, 3).log_softmax(0)",
    "r = torch.tensor(3).softmax(0)",
]


@pytest.mark.parametrize("program", EMPTY_EDGES)
def test_empty_edges_match_pytorch(program):
    assert_same_program(program)


# --- x[índice] = valor: el orden de las comprobaciones y el solape de memoria (D1, D2, D3, D17) ---------
ASSIGNMENT_CHECKS = [
    # D1: con índices avanzados, ningún solape entre la vista escrita y el valor, ni siquiera total…
    "x = torch.arange(6.); x[[0, 1]] = x",
    "x = torch.arange(6.); x[[0, 1, 2, 3, 4, 5]] = x",
    "x = torch.arange(6.); x[[0, 1]] = x[2:4]",
    "x = torch.arange(6.); x[[0, 1]] = x[5]",
    "x = torch.arange(6.); x[[0, 1]] = x[4:].expand(2)",
    "x = torch.arange(6.); x[x > 2] = x[:3]",
    "x = torch.arange(6.)[::2]; x[[0, 1, 2]] = x",
    "x = torch.zeros(2, 3); x[[0]] = x[:1]",
    "t1 = torch.tensor(2.); t1[t1 > 0] = t1",
    "t1 = torch.tensor(2.); t1[t1 < 0] = t1",
    "t1 = torch.tensor([2., 3.]); t1[torch.tensor(True)] = t1[1]",
    "x = torch.zeros(3); x[True, [0]] = x",
    # … antes que los límites, las máscaras, el tipo de los índices o la forma del valor
    "t3 = torch.tensor([]); t3[[0, 0]] = t3",
    "t1 = torch.full((2, 3, 3), 0.5); t1[0, 1, [-3]] = t1",
    "x = torch.zeros(3); x[[0, 9]] = x[1]",
    "x = torch.zeros(3); x[[True, False]] = x",
    "x = torch.zeros(3); x[torch.tensor([0.])] = x",
    "x = torch.zeros(0, 2); x[:, [0]] = x",
    # pero sí se admite lo que no se sabe sin recorrer (vistas con huecos) y el valor de una máscara
    "x = torch.arange(6.); x[[0, 1]] = x.view(2, 3)[:, 0]; r = x",
    "x = torch.arange(6.); x[[0, 1]] = x[1:][::3]; r = x",
    "x = torch.arange(6.)[::2]; x[[0, 1, 2]] = x[:]; r = x",
    "x = torch.arange(6.); x[x > 2] = x[0]; r = x",
    "x = torch.arange(6.); x[x > 2] = x[3:4]; r = x",
    "t1 = torch.tensor([2.]); t1[t1 > 0] = t1; r = t1",
    "x = torch.zeros(2, 3); x[0, torch.tensor([True, False, True])] = x[1, 1]; r = x",
    "x = torch.arange(6.); x[2:4][[0, 1]] = x[:2]; r = x",
    # con índices básicos, el solape total sí vale (juzgado con el valor ya expandido); el parcial, no
    "x = torch.arange(6.); x[:] = x; r = x",
    "x = torch.arange(6.); x[1:] = x[:-1]",
    "x = torch.arange(6.); x[:3] = x[3:]; r = x",
    "t1 = torch.tensor(2.); t1[True] = t1; r = t1",
    "t1 = torch.tensor([2.]); t1[True] = t1",
    "t1 = torch.tensor([2., 3.]); t1[True] = t1; r = t1",
    "t1 = torch.tensor([2., 3.]); t1[None] = t1; r = t1",
    "t1 = torch.tensor([2., 3.]); t1[True] = t1[0]; r = t1",
    "x = torch.arange(3.); x[:] = x[2]; r = x",
    "x = torch.zeros(3); x[False] = torch.ones(7); r = x",
    # los mismos datos vistos igual: ni siquiera en una vista expandida es un error (pero cuenta como escritura)
    "x = torch.tensor([0.75]).expand(3); v = x._version; x[...] = x; r = (x, x._version - v)",
    "x = torch.tensor([0.75]).expand(3); v = x._version; x.copy_(x.view(3)); r = (x, x._version - v)",
    "x = torch.tensor([0.75]).expand(2, 3); x[0] = x[0]; r = x",
    "x = torch.tensor([0.75]).expand(2, 3); x[0] = x[1]",
    "x = torch.zeros(3).expand(2, 3); x.copy_(torch.zeros(3).expand(2, 3))",
    "x = torch.zeros(3); x[0, False] = torch.ones(5)",
    # D3: la forma del valor, después su tipo, y por último los límites
    "x = torch.arange(6.); x[[0, 1]] = torch.ones(3, 2)",
    "x = torch.arange(6.); x[[0, 1]] = torch.ones(2, 1)",
    "x = torch.arange(6.); x[[0, 1]] = torch.tensor([3, 4, 5])",
    "x = torch.arange(6.); x[[0, 9]] = torch.tensor([3., 4., 5.])",
    "x = torch.arange(6.); x[[0, 9]] = torch.tensor([3, 4])",
    "x = torch.zeros(0, 2); x[:, [0]] = x[:]",
    # una dimensión de tamaño 0 con índices: sus límites, antes que la forma y el tipo del valor
    "x = torch.zeros(0); x[[0]] = torch.ones(3)",
    "x = torch.zeros(0); x[[0]] = torch.ones(1, dtype=torch.int64)",
    "x = torch.zeros(2, 0); x[:, [0]] = torch.ones(3)",
    "x = torch.zeros(0, 3); x[[-1]] = torch.ones(3, 3)",
    "x = torch.zeros(0); x[[]] = torch.ones(3)",
    "x = torch.zeros(2, 0); x[[1]] = torch.ones(3)",
    "t1 = torch.tensor(2.); t1[torch.tensor(True)] = torch.tensor([5., 6.])",
    "t1 = torch.tensor(2.); t1[torch.tensor(True)] = torch.tensor(5)",
    "t1 = torch.tensor(2.); t1[torch.tensor(True)] = torch.tensor([5.]); r = t1",
    # D2: en una hoja que requiere gradiente, primero se valida el índice
    "t1 = torch.tensor(2.0).requires_grad_(); t1[[0]] = t1",
    "t1 = torch.tensor(2.0).requires_grad_(); t1[:] = t1",
    "t2 = torch.arange(3.).requires_grad_(); t2[::-1] = t2",
    "t2 = torch.arange(3.).requires_grad_(); t2[[0, 1], [0]] = 1.",
    "t2 = torch.arange(3.).requires_grad_(); t2[[5]] = 1.",
    "t2 = torch.arange(3.).requires_grad_(); t2[torch.tensor([0.])] = 1.",
    # con gradiente, los mismos errores y en el mismo orden; x[False] = v no hace nada, y x[True], como x[None]
    "a = torch.zeros(3, requires_grad=True); a[False] = torch.ones(7); r = a",
    "a = torch.zeros(3, requires_grad=True); x = a * 1; x[True] = x; r = (type(x.grad_fn).__name__, x)",
    "a = torch.zeros(1, requires_grad=True); x = a * 1; x[True] = x",
    "t2 = torch.arange(3.).requires_grad_() * 1; t2[[0]] = t2",
    "t2 = torch.arange(3.).requires_grad_() * 1; t2[[7]] = torch.ones(2)",
    "t2 = torch.arange(3.).requires_grad_() * 1; t2[[7]] = torch.ones(1, dtype=torch.int64)",
]


@pytest.mark.parametrize("program", ASSIGNMENT_CHECKS)
def test_assignment_checks_match_pytorch(program):
    assert_same_program(program if "r = " in program else program + "; r = None")


# D17: si el primer paso del índice da otra vista (x[0, [1]]; x[máscara] con x de dimensión 0, que añade
# una dimensión), PyTorch escribe en esa vista: el nodo es CopySlices; si no, IndexPutBackward0.
ADVANCED_ASSIGNMENTS = [
    ("torch.tensor(2.)", "x > 0", "y * 2", "torch.tensor(3.)"),
    ("torch.tensor(-2.)", "x > 0", "y * 2", "torch.tensor(3.)"),
    ("torch.tensor(2.)", "torch.tensor(True)", "y", "torch.tensor(3.)"),
    ("torch.arange(6.).view(2, 3)", "1, [0, 2]", "y", "torch.tensor([3., 4.])"),
    ("torch.arange(6.).view(2, 3)", "None, 1, [0, 2]", "y", "torch.tensor([3., 4.])"),
    ("torch.arange(6.).view(2, 3)", "..., [0, 2]", "y", "torch.tensor([3., 4.])"),
    ("torch.arange(6.).view(2, 3)", ":, [0, 2]", "y", "torch.tensor([3., 4.])"),
    ("torch.arange(6.).view(2, 3)", "x > 2", "y[0]", "torch.tensor([3., 4.])"),
    ("torch.arange(6.).view(2, 3)", "0, x[0] > 0", "y", "torch.tensor([3., 4.])"),
    ("torch.arange(3.)", "True", "y * 2", "torch.tensor(3.)"),
    ("torch.arange(3.)", "True, [0, 2]", "y", "torch.tensor([3., 4.])"),
]


# x[...] = v o x[:] = v con un número o un tensor de dimensión 0 (y x de más): PyTorch rellena, FillBackward3
WHOLE_ASSIGNMENTS = [
    ("torch.arange(3.)", "...", "-3"), ("torch.arange(3.)", ":", "3.5"), ("torch.arange(3.)", "()", "y * 2"),
    ("torch.arange(3.)", "...", "y * 2"), ("torch.arange(3.)", ":", "y.view(1) * 2"), ("torch.arange(3.)", "1:", "y * 2"),
    ("torch.tensor(3.)", "...", "3"), ("torch.tensor(3.)", "()", "y * 2"), ("torch.tensor(3.)", "...", "y.view(1) * 2"),
    ("torch.arange(3.)", "...", "torch.tensor(3)"),
]


@pytest.mark.parametrize(("start", "index", "value"), WHOLE_ASSIGNMENTS)
def test_whole_assignment_node_and_gradients_match_pytorch(start, index, value):
    assert_same_program(
        f"a = {start}.requires_grad_(); y = torch.tensor(2., requires_grad=True); x = a * 1; x[{index}] = {value}; "
        "w = torch.arange(float(x.numel())).view(x.shape) + 1; (x * w).sum().backward(); "
        "r = (type(x.grad_fn).__name__, x, a.grad, y.grad)"
    )


# fill_ y masked_fill_ con un tensor de dimensión 0 que requiere gradiente: ese valor recibe la suma del
# gradiente de lo rellenado (FillBackward3, MaskedFillBackward1); con un número, FillBackward2 y MaskedFillBackward0
IN_PLACE_FILLS = [
    "x.fill_(y * 2)", "x.fill_(y)", "x.fill_(torch.tensor(5.))", "x.fill_(3)", "x[1:].fill_(y * 2)",
    "x.masked_fill_(x > 0.5, y * 2)", "x.masked_fill_(x > 0.5, 3.)", "x[1:].masked_fill_(torch.tensor(True), y)",
    "x = x.masked_fill(x > 0.5, y * 2)", "x = torch.zeros(3); x.fill_(y * 2)", "x = torch.zeros(3); x.masked_fill_(x == 0, y)",
]


@pytest.mark.parametrize("operation", IN_PLACE_FILLS)
def test_in_place_fill_with_a_tensor_value_matches_pytorch(operation):
    assert_same_program(
        f"a = torch.arange(3., requires_grad=True); y = torch.tensor(2., requires_grad=True); x = a * 1; {operation}; "
        "(x * (torch.arange(3.) + 1)).sum().backward(); "
        "r = (type(x.grad_fn).__name__, x.requires_grad, x, a.grad, y.grad)"
    )


@pytest.mark.parametrize(("start", "index", "value", "source"), ADVANCED_ASSIGNMENTS)
def test_advanced_assignment_node_and_gradients_match_pytorch(start, index, value, source):
    assert_same_program(
        f"a = {start}.requires_grad_(); y = {source}.requires_grad_(); x = a * 1; x[{index}] = {value}; "
        "w = torch.arange(float(x.numel())).view(x.shape) + 1; (x * w).sum().backward(); "
        "r = (type(x.grad_fn).__name__, x, a.grad, y.grad)"
    )


FAILED_ASSIGNMENTS = [
    ("x = torch.arange(6.)", "x[[0, 1]] = x"),
    ("x = torch.arange(6.)", "x[[0, 9]] = torch.tensor([3., 4., 5.])"),
    ("x = torch.arange(6.)", "x[[0, 9]] = torch.tensor([3, 4])"),
    ("x = torch.arange(6.)", "x[1:] = x[:-1]"),
    ("x = torch.tensor(2.)", "x[x > 0] = x"),
    ("a = torch.arange(3., requires_grad=True); x = a * 1", "x[[0]] = x"),
    ("a = torch.arange(3., requires_grad=True); x = a * 1", "x[[7]] = torch.ones(1, requires_grad=True)"),
    ("a = torch.arange(6., requires_grad=True); x = (a * 1).view(2, 3)", "x[0, [1]] = x[0, 2:]"),
    ("a = torch.arange(6., requires_grad=True); x = (a * 1).view(2, 3)", "x[0, [4]] = torch.ones(1, requires_grad=True)"),
]


@pytest.mark.parametrize(("setup", "operation"), FAILED_ASSIGNMENTS, ids=[op for _, op in FAILED_ASSIGNMENTS])
def test_failed_assignment_changes_nothing(setup, operation):
    test_failed_in_place_operation_changes_nothing(setup, operation)


# --- D12 al escribir: con una selección vacía, PyTorch no mira los límites de los índices ------------------
# (sí la forma y el tipo del valor, que cada máscara encaje y que no haya índices en una dimensión de tamaño 0)
EMPTY_SELECTION_ASSIGNMENTS = [
    "x = torch.zeros(2, 0); v = x._version; x[[5]] = 1.; r = (x, x._version - v)",
    "x = torch.zeros(2, 0); x[[5]] = torch.ones(1, 0); r = x",
    "x = torch.zeros(2, 0); x[[5]] = torch.ones(0); r = x",
    "x = torch.zeros(2, 0); x[[5]] = torch.ones(1, 1); r = x",
    "x = torch.zeros(2, 0); x[[5]] = torch.ones(1); r = x",
    "x = torch.zeros(2, 0); x[[5]] = torch.ones(3)",
    "x = torch.zeros(2, 0); x[[5]] = torch.ones(2, 0)",
    "x = torch.zeros(2, 0); x[[5]] = torch.ones(1, dtype=torch.int64)",
    "x = torch.zeros(2, 0); x[[5], [0]] = 1.",
    "x = torch.zeros(0, 3); x[:, [7]] = 1.; r = x",
    "x = torch.zeros(2, 0); x[:, [7]] = 1.",
    "x = torch.zeros(3, 0); x[[7], :] = 1.; r = x",
    "x = torch.zeros(3, 0); x[[-9], ...] = torch.ones(1); r = x",
    "x = torch.zeros(2, 0, 3); x[[5, 5]] = torch.ones(2, 1, 3); r = x",
    "x = torch.zeros(2, 0, 3); x[[5, 5]] = torch.ones(2, 2, 3)",
    "x = torch.zeros(2, 0, 3); x[[5, 5]] = torch.ones(0, dtype=torch.int64)",
    "x = torch.zeros(2, 3); x[[5], []] = torch.ones(0); r = x",
    "x = torch.zeros(2, 3); x[[[]], [7]] = 1.; r = x",
    "x = torch.zeros(2, 3); x[torch.zeros(0, 1, dtype=torch.long), [7, 8]] = 1.; r = x",
    "x = torch.zeros(2, 3, 4); x[[5], 1, []] = torch.ones(1); r = x",
    "x = torch.zeros(2, 3, 4); x[[5], 7, []] = torch.ones(1)",
    "x = torch.zeros(2, 3); x[torch.zeros(2, dtype=torch.bool), [7]] = 1.; r = x",
    "x = torch.zeros(2, 3); x[[5], torch.zeros(3, dtype=torch.bool)] = torch.ones(0, 1)",
    "x = torch.zeros(2, 3); x[[5], torch.zeros(3, dtype=torch.bool)] = torch.ones(1, dtype=torch.int64)",
    "x = torch.zeros(1, 0).expand(3, 0); x[[7]] = 1.; r = x",
    "a = torch.zeros(3, 0, requires_grad=True); y = torch.ones(1, requires_grad=True); x = a * 1; x[[7], :] = y; "
    "(x * 2).sum().backward(); r = (x, a.grad, y.grad, type(x.grad_fn).__name__)",
    "a = torch.zeros(2, 3, requires_grad=True); y = torch.ones(0, requires_grad=True); x = a * 1; x[[5], []] = y; "
    "(x * 2).sum().backward(); r = (x, a.grad, y.grad, type(x.grad_fn).__name__)",
    # una máscara sin elementos también tiene que encajar (numpy la deja pasar en cualquier dimensión)
    "x = torch.zeros(2, 3); x[[5], torch.zeros(0, dtype=torch.bool)] = 1.",
    "x = torch.zeros(2, 3); x[[0], torch.zeros(0, dtype=torch.bool)] = torch.ones(0)",
    "r = torch.zeros(2, 3)[[5], torch.zeros(0, dtype=torch.bool)]",
    "r = torch.zeros(2, 3)[:, torch.zeros(0, dtype=torch.bool)]",
    "r = torch.zeros(2, 3)[torch.zeros(0, 3, dtype=torch.bool)]",
    "r = torch.zeros(0, 3)[torch.zeros(0, 3, dtype=torch.bool)]",
    "r = torch.zeros(0)[torch.zeros(0, dtype=torch.bool)]",
    "x = torch.zeros(0); x[torch.zeros(0, dtype=torch.bool)] = torch.ones(1, dtype=torch.int64); r = x",
]


@pytest.mark.parametrize("program", EMPTY_SELECTION_ASSIGNMENTS)
def test_assignment_to_an_empty_selection_matches_pytorch(program):
    assert_same_program(program)


# --- listas de Python como índices: reales truncados hacia el cero, y listas que cuentan como tuplas --------
FLOAT_LIST_INDICES = [
    *(f"r = torch.arange(3.)[{index}]" for index in (
        "[1.7]", "[1.]", "[-1.7]", "[-0.5]", "[-0.0]", "[2.9]", "[3.0]", "[-3.5]", "[-2.5]", "[1.5, 2.9, -0.9]",
        "[1, 1.5]", "[1.5, 1]", "[True, 1.5]", "[1, True]", "[True, False, True]", "[1.5] * 40", "(1.5,)", "1.5",
        "([1.5],)", "((1.5,),)", "((1.5, 2.),)", "[np.float64(1.5)]", "np.array([1.5])", "np.array([1.7, -1.2], dtype=np.float32)",
        "[1e20]", "[float('nan')]", "[float('inf')]", "[complex(1, 0)]", "torch.tensor([1.])", "[torch.tensor(1.)]",
    )),
    *(f"r = torch.arange(6.).view(2, 3)[{index}]" for index in (
        "[1.5], [2.2]", "[1.5], :", ":, [1.5]", "0, [1.5]", "[[1.5, 0.]]", "[[1, 0.]], [[2.5, -0.2]]",
    )),
    *(f"x = torch.arange(6.).view(2, 3); x[{index}] = {value}; r = x" for index, value in (
        ("0, [1.7]", "9."), ("0, [-1.7]", "9."), ("0, [1, 1.7]", "9."), ("0, [2.9]", "torch.tensor([9.])"),
        ("0, [3.5]", "9."), ("0, [-3.5]", "9."), ("0, [-0.5]", "9."), ("0, [1.5, True]", "9."), ("[1.5], [2.2]", "9."),
        ("0, [1.7]", "torch.tensor([1, 2])"), ("0, torch.tensor([1.])", "9."), ("0, 1.5", "9."), ("[1e20]", "9."),
    )),
    "a = torch.arange(3., requires_grad=True); r = a[[1.7, -1.2]]; r.sum().backward(); r = (r, a.grad, type(r.grad_fn).__name__)",
    "a = torch.arange(3., requires_grad=True); x = a * 1; x[[1.7]] = 9.; x.sum().backward(); r = (x, a.grad, type(x.grad_fn).__name__)",
]


@pytest.mark.parametrize("program", FLOAT_LIST_INDICES)
def test_lists_of_floats_as_indices_match_pytorch(program):
    assert_same_program(program)


# Una lista de menos de 32 elementos con una secuencia, un tensor, un slice, None o ... dentro es una tupla
LISTS_AS_TUPLES = [
    *(f"r = torch.arange(24.).view(2, 3, 4)[{index}]" for index in (
        "[[1, 0], [1, 2]]", "[[1]]", "[(1,)]", "[range(2)]", "[None]", "[1, None]", "[slice(None)]", "[Ellipsis]",
        "[1, slice(0, 1)]", "[torch.tensor(1)]", "[torch.tensor([1])]", "[1, torch.tensor(1)]", "[np.array([1])]",
        "[np.array(1)]", "[np.array([True, False])]", "[[True, False]]", "[torch.Size([1])]", "[[], []]", "[[]]",
        "[[0]] * 31", "[[0]] * 32", "[0] * 32", "[1.5, None]", "[1.5, [1]]", "[[1.5], [1]]", "[1, np.array([1])]",
        "['a']", "[b'a']", "'a'", "[np.int64(1)]", "range(2)", "np.array([[1, 0], [1, 0]])", "torch.Size([1, 2])",
    )),
    "x = torch.arange(6.).view(2, 3); x[[[1, 0], [1, 2]]] = 9.; r = x",
    "x = torch.arange(6.).view(2, 3); x[[1, None]] = 9.; r = x",
    "x = torch.arange(6.).view(2, 3); x[[[1.5]]] = 1.; r = x",
    "x = torch.arange(6.).view(2, 3); x[[[]], [7]] = 1.; r = x",
    # un array de numpy es un tensor de índices: de dimensión 0, un entero (una vista) o un bool; de bytes, una máscara
    *(f"r = torch.arange(6.).view(2, 3)[{index}]" for index in (
        "np.array(1)", "(np.array(1),)", "np.array(True)", "np.array(1.5)", "0, np.array(2)", "np.array(1, dtype=np.int32)",
        "np.array(1, dtype=np.uint8)", "np.array([1, 0], dtype=np.uint8)", "0, np.array([1, 0, 2], dtype=np.uint8)",
    )),
    "x = torch.arange(6.).view(2, 3); x[np.array(1)] = 9.; r = x",
]


@pytest.mark.parametrize("program", LISTS_AS_TUPLES)
def test_lists_read_as_tuples_match_pytorch(program):
    assert_same_program(program)


# Con gradiente, el registro de autograd (wrap.py, derivatives/views.py) todavía separa el índice por su
# cuenta (``index if isinstance(index, tuple) else (index,)``): falta que use ``ops.indexing._index_items``.
LISTS_AS_TUPLES_WITH_GRADIENT = [
    "a = torch.arange(6., requires_grad=True); r = a.view(2, 3)[[[1, 0], [1, 2]]]; r.sum().backward(); "
    "r = (r, a.grad, type(r.grad_fn).__name__)",
    "a = torch.arange(6., requires_grad=True); r = a.view(2, 3)[[None]]; (r * 2).sum().backward(); "
    "r = (r, a.grad, type(r.grad_fn).__name__)",
    "a = torch.arange(6., requires_grad=True); r = a.view(2, 3)[[1, slice(0, 2)]]; (r * 2).sum().backward(); "
    "r = (r, a.grad, type(r.grad_fn).__name__)",
    "a = torch.arange(6., requires_grad=True); x = (a * 1).view(2, 3); x[[[1, 0], [1, 2]]] = 9.; x.sum().backward(); "
    "r = (x, a.grad, type(x.grad_fn).__name__)",
    "a = torch.arange(6., requires_grad=True); x = (a * 1).view(2, 3); x[[1, None]] = 9.; x.sum().backward(); "
    "r = (x, a.grad, type(x.grad_fn).__name__)",
]


@pytest.mark.parametrize("program", LISTS_AS_TUPLES_WITH_GRADIENT)
def test_lists_read_as_tuples_with_gradient_match_pytorch(program):
    assert_same_program(program)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-3.99, 3.99) | st.integers(-4, 3) | st.booleans(), max_size=6))
def test_random_lists_as_indices_match_pytorch(index):
    """Reales (truncados hacia el cero), enteros y bools mezclados: una lista de solo bools es una máscara."""
    assert_same_program(f"x = torch.arange(4.); y = torch.zeros(4); y[{index!r}] = 7.; r = (x[{index!r}], y)")
