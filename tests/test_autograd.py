"""El motor de diferenciación automática de minitorch (sin PyTorch: valores comprobados a mano).

Las comparaciones con PyTorch están en test_autograd_parity.py y las de cada fórmula con
diferencias finitas en test_gradcheck.py.
"""

import gc
import sys
import warnings

import numpy as np
import pytest

import minitorch
from minitorch.autograd.engine import sum_to
from minitorch.autograd.wrap import RAW


def leaf(values, dtype=None):
    return minitorch.tensor(values, dtype=dtype, requires_grad=True)


def values(t):
    return t.detach().numpy().tolist()


# --- el grafo -----------------------------------------------------------------------------------------
def test_requires_grad_se_propaga_y_las_hojas_son_las_que_no_vienen_de_una_operacion():
    x = leaf([1.0, 2.0])
    c = minitorch.tensor([3.0, 4.0])
    y = x * c
    assert x.requires_grad and x.is_leaf and x.grad_fn is None
    assert y.requires_grad and not y.is_leaf
    assert not (c * 2).requires_grad and (c * 2).is_leaf
    assert type(y.grad_fn).__name__ == "MulBackward0"
    assert y.grad_fn.name() == "MulBackward0"


def test_impresion_con_requires_grad_y_grad_fn():
    x = leaf([1.0, 2.0])
    assert repr(x) == "tensor([1., 2.], requires_grad=True)"
    assert repr(leaf([1.0, 2.0, 3.0]).sum()) == "tensor(6., grad_fn=<SumBackward0>)"
    assert repr(x.grad_fn) == "None"
    assert repr((x * 2).grad_fn).startswith("<MulBackward0 object at 0x")


def test_next_functions_lleva_a_accumulategrad_y_a_none():
    x = leaf([1.0, 2.0])
    y = x + 1
    (first, nr), (second, nr2) = y.grad_fn.next_functions
    assert type(first).__name__ == "AccumulateGrad" and first.variable is x and nr == 0
    assert second is None and nr2 == 0
    # Una hoja tiene un único AccumulateGrad mientras el grafo lo use.
    z = x * 3
    assert z.grad_fn.next_functions[0][0] is first
    assert (y * z).grad_fn.next_functions == ((y.grad_fn, 0), (z.grad_fn, 0))


def test_backward_de_una_expresion_sencilla():
    x = leaf([1.0, 2.0, 3.0])
    w = leaf([0.5, -1.0, 2.0])
    loss = (x * w + x * x).sum()
    loss.backward()
    assert values(x.grad) == [0.5 + 2, -1.0 + 4, 2.0 + 6]
    assert values(w.grad) == [1.0, 2.0, 3.0]


def test_valor_reutilizado_necesita_orden_topologico():
    # a se usa dos veces: su gradiente debe sumar las dos contribuciones ANTES de seguir hacia x.
    x = leaf(3.0)
    a = x * x  # a = 9, da/dx = 6
    b = a * a  # b = 81
    c = b + a  # dc/da = 2a + 1 = 19
    c.backward()
    assert x.grad.item() == 19 * 6


def test_diamante_con_subexpresion_compartida_se_recorre_una_vez():
    x = leaf([2.0])
    shared = x.exp()
    y = shared * 2 + shared * 3  # dy/dx = 5·e^x
    calls = []
    shared.register_hook(lambda g: calls.append(values(g)))
    y.backward(minitorch.ones(1))
    assert calls == [[5.0]]  # un solo paso por el nodo compartido, con el gradiente ya sumado
    np.testing.assert_allclose(values(x.grad), [5 * np.exp(2.0)], rtol=1e-6)


def test_cadena_muy_larga_sin_recursion():
    x = leaf([1.0])
    y = x
    for _ in range(3 * sys.getrecursionlimit()):
        y = y + 1
    y.backward(minitorch.ones(1))
    assert values(x.grad) == [1.0]


def test_los_gradientes_se_acumulan_en_las_hojas_entre_llamadas():
    x = leaf([1.0, 2.0])
    (x * 2).sum().backward()
    first = x.grad
    (x * 3).sum().backward()
    assert values(x.grad) == [5.0, 5.0]
    assert x.grad is first  # se suma in situ, como PyTorch
    x.grad = None
    (x * 3).sum().backward()
    assert values(x.grad) == [3.0, 3.0]
    x.grad.zero_()
    (x * 1).sum().backward()
    assert values(x.grad) == [1.0, 1.0]


def test_el_gradiente_de_una_hoja_no_comparte_memoria_con_nadie():
    x = leaf([1.0, 2.0, 3.0])
    g = minitorch.tensor([1.0, 1.0, 1.0])
    (x + 0).backward(g)
    assert x.grad.data_ptr() != g.data_ptr()
    a, b = leaf([1.0]), leaf([2.0])
    (a + b).backward(minitorch.ones(1))
    assert a.grad.data_ptr() != b.grad.data_ptr()
    x.sum().backward()  # el gradiente de sum es una vista expandida (stride 0): se copia
    assert x.grad.stride() == (1,) and values(x.grad) == [2.0, 2.0, 2.0]


def test_el_gradiente_de_una_hoja_no_contigua_tiene_su_misma_disposicion():
    x = minitorch.zeros(3, 2).t().requires_grad_()
    x.sum().backward()
    assert x.grad.stride() == x.stride() == (1, 2)


def test_los_no_hoja_no_guardan_grad_salvo_con_retain_grad():
    x = leaf([1.0, 2.0])
    a = x * 2
    b = x * 3
    b.retain_grad()
    assert b.retains_grad and not a.retains_grad
    (a * b).sum().backward()
    with pytest.warns(UserWarning, match="no es una hoja.*retain_grad"):  # el aviso que enseña retain_grad()
        assert a.grad is None
    assert values(b.grad) == [2.0, 4.0]
    x.retain_grad()  # en una hoja no hace nada
    with pytest.raises(RuntimeError, match="requires_grad=False"):
        minitorch.ones(2).retain_grad()


def test_backward_de_un_resultado_no_escalar_necesita_gradient():
    x = leaf([1.0, 2.0])
    y = x * 2
    with pytest.raises(RuntimeError, match="escalares"):
        y.backward()
    with pytest.raises(RuntimeError, match=r"\[3\].*\[2\]"):
        y.backward(minitorch.ones(3))
    y.backward(minitorch.tensor([1.0, 10.0]))
    assert values(x.grad) == [2.0, 20.0]


def test_backward_sin_grafo():
    with pytest.raises(RuntimeError, match="no requiere gradiente"):
        minitorch.ones(2).sum().backward()
    x = leaf([1.0, 2.0])
    x.backward(minitorch.tensor([3.0, 4.0]))  # una hoja: el gradiente va directo a su .grad
    assert values(x.grad) == [3.0, 4.0]


def test_segundo_backward_falla_si_el_nodo_guardaba_tensores():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        y.backward()
    # Sin tensores guardados (suma, suma con un número) se puede repetir, como en PyTorch.
    z = (x + 1).sum()
    x.grad = None
    z.backward()
    z.backward()
    assert values(x.grad) == [2.0, 2.0]


def test_retain_graph_permite_repetir():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    assert values(x.grad) == [4.0, 8.0]


def test_los_tensores_guardados_se_liberan_tras_backward():
    x = leaf([1.0, 2.0])
    y = x.exp()
    node = y.grad_fn
    assert len(node.saved_tensors) == 1
    y.sum().backward()
    with pytest.raises(RuntimeError, match="segunda vez"):
        node.saved_tensors


# --- el contador de versiones ----------------------------------------------------------------------------
def test_modificar_in_situ_un_tensor_guardado_falla_al_derivar():
    x = leaf([1.0, 2.0])
    w = leaf([3.0, 4.0])
    y = x * w  # mul guarda x y w
    with minitorch.no_grad():
        w.add_(1)
    with pytest.raises(RuntimeError, match="versión 1 y se esperaba la versión 0"):
        y.sum().backward()


def test_modificar_un_tensor_no_guardado_no_falla():
    x = leaf([1.0, 2.0])
    w = leaf([3.0, 4.0])
    y = x + w  # la suma no guarda nada
    with minitorch.no_grad():
        w.add_(1)
    y.sum().backward()
    assert values(x.grad) == [1.0, 1.0]
    # mul guarda un factor solo si hace falta para derivar respecto del otro.
    c = minitorch.tensor([3.0, 4.0])
    z = x * c
    x.grad = None
    with minitorch.no_grad():
        x.mul_(10)  # x no se guardó (c no requiere gradiente)
    z.sum().backward()
    assert values(x.grad) == [3.0, 4.0]


def test_modificar_un_resultado_guardado_falla():
    x = leaf([1.0, 2.0])
    y = x.exp()  # exp guarda su resultado
    y.add_(1)
    with pytest.raises(RuntimeError, match="ExpBackward0"):
        y.sum().backward()


# --- operaciones in situ -----------------------------------------------------------------------------
def test_in_situ_en_una_hoja_que_requiere_gradiente_falla_sin_cambiarla():
    x = leaf([1.0, 2.0])
    for op in (lambda: x.add_(1), lambda: x.mul_(2), lambda: x.zero_(), lambda: x.relu_(), lambda: x.normal_()):
        with pytest.raises(RuntimeError, match="hoja"):
            op()
    with pytest.raises(RuntimeError, match="vista de una hoja"):
        x[0].add_(1)
    with pytest.raises(RuntimeError, match="vista de una hoja"):
        x[0] = 5.0
    assert values(x) == [1.0, 2.0] and x.grad_fn is None and x._version == 0
    with minitorch.no_grad():
        x.add_(1)
        x[0] = 7.0
    assert values(x) == [7.0, 3.0] and x.grad_fn is None


def test_in_situ_en_un_tensor_intermedio_reescribe_su_historia():
    x = leaf([1.0, 2.0, 3.0])
    w = leaf([2.0, 2.0, 2.0])
    a = x * 2
    mul_node = a.grad_fn
    a.add_(1)
    assert type(a.grad_fn).__name__ == "AddBackward0"
    assert a.grad_fn.next_functions[0] == (mul_node, 0)
    a.mul_(w)  # guarda el valor viejo de a (2x + 1) para el gradiente de w
    assert type(a.grad_fn).__name__ == "MulBackward0"
    a.sum().backward()
    assert values(x.grad) == [4.0, 4.0, 4.0]
    assert values(w.grad) == [3.0, 5.0, 7.0]


@pytest.mark.parametrize("name, args, derivative", [
    ("relu_", (), lambda v: (v > 0) * 1.0),
    ("exp_", (), np.exp),
    ("sigmoid_", (), lambda v: np.exp(-v) / (1 + np.exp(-v)) ** 2),
    ("tanh_", (), lambda v: 1 - np.tanh(v) ** 2),
    ("clamp_", (-0.5, 0.5), lambda v: ((v >= -0.5) & (v <= 0.5)) * 1.0),
    ("pow_", (3,), lambda v: 3 * v ** 2),
    ("neg_", (), lambda v: -np.ones_like(v)),
    ("div_", (4.0,), lambda v: np.full_like(v, 0.25)),
])
def test_in_situ_de_funciones_de_una_variable(name, args, derivative):
    start = np.array([-1.5, -0.25, 0.75, 2.0])
    x = leaf(start.tolist(), dtype=minitorch.float64)
    y = x * 1
    getattr(y, name)(*args)
    y.sum().backward()
    np.testing.assert_allclose(values(x.grad), derivative(start), rtol=1e-12)


def test_asignacion_en_un_tensor_intermedio():
    x = leaf([1.0, 2.0, 3.0])
    v = leaf(10.0)
    a = x * 2
    a[0] = 5.0
    assert type(a.grad_fn).__name__ == "CopySlices"
    a[2] = v * 3
    a.sum().backward()
    assert values(x.grad) == [0.0, 2.0, 0.0]
    assert v.grad.item() == 3.0
    assert values(a) == [5.0, 4.0, 30.0]


def test_asignacion_con_indice_avanzado():
    x = leaf([1.0, 2.0, 3.0, 4.0])
    v = leaf([10.0, 20.0])
    a = x * 1
    a[minitorch.tensor([0, 2])] = v
    assert type(a.grad_fn).__name__ == "IndexPutBackward0"
    (a * minitorch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
    assert values(x.grad) == [0.0, 2.0, 0.0, 4.0]
    assert values(v.grad) == [1.0, 3.0]


def test_in_situ_en_una_vista_de_un_tensor_intermedio():
    x = leaf([1.0, 2.0, 3.0])
    w = leaf([5.0, 7.0])
    a = x * 2
    view = a[1:]
    view.mul_(w)
    assert type(a.grad_fn).__name__ == "CopySlices"
    assert type(view.grad_fn).__name__ == "AsStridedBackward0"
    a.sum().backward()
    assert values(x.grad) == [2.0, 10.0, 14.0]
    assert values(w.grad) == [4.0, 6.0]


def test_asignar_a_un_tensor_sin_gradiente_un_valor_con_gradiente():
    x = leaf([1.0, 2.0])
    buffer = minitorch.zeros(3)
    buffer[1:] = x * 3
    assert buffer.requires_grad and type(buffer.grad_fn).__name__ == "CopySlices"
    buffer.sum().backward()
    assert values(x.grad) == [3.0, 3.0]
    acc = minitorch.zeros(2)
    acc.add_(x)
    assert type(acc.grad_fn).__name__ == "AddBackward0" and acc.grad_fn.next_functions[0] == (None, 0)


def test_copy_fill_y_zero_cortan_la_historia():
    x = leaf([1.0, 2.0])
    src = leaf([5.0, 6.0])
    a = x * 2
    a.copy_(src)
    assert type(a.grad_fn).__name__ == "CopyBackwards"
    (a * 3).sum().backward()
    assert values(x.grad) == [0.0, 0.0] and values(src.grad) == [3.0, 3.0]
    b = x * 2
    b.fill_(1.0)
    c = x * 2
    c.zero_()
    assert type(b.grad_fn).__name__ == "FillBackward2" and type(c.grad_fn).__name__ == "ZeroBackward0"


# --- modo de gradiente -----------------------------------------------------------------------------
def test_no_grad_como_contexto_y_como_decorador():
    x = leaf([1.0])
    with minitorch.no_grad():
        assert not minitorch.is_grad_enabled()
        y = x * 2
    assert minitorch.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None

    @minitorch.no_grad()
    def with_parentheses():
        return minitorch.is_grad_enabled()

    @minitorch.no_grad
    def without_parentheses():
        return minitorch.is_grad_enabled()

    assert with_parentheses() is False and without_parentheses() is False
    assert minitorch.is_grad_enabled()


def test_enable_grad_y_set_grad_enabled():
    x = leaf([1.0])
    with minitorch.no_grad():
        with minitorch.enable_grad():
            assert (x * 2).requires_grad
        assert not (x * 2).requires_grad
    with minitorch.set_grad_enabled(False):
        assert not minitorch.is_grad_enabled()
    assert minitorch.is_grad_enabled()
    minitorch.set_grad_enabled(False)
    try:
        assert not (x * 2).requires_grad
    finally:
        minitorch.set_grad_enabled(True)

    @minitorch.set_grad_enabled(False)
    def decorated():
        return minitorch.is_grad_enabled()

    assert minitorch.is_grad_enabled() and decorated() is False and minitorch.is_grad_enabled()
    with minitorch.inference_mode():
        assert not minitorch.is_grad_enabled()


def test_el_modo_se_restaura_aunque_haya_una_excepcion():
    with pytest.raises(ValueError):
        with minitorch.no_grad():
            raise ValueError
    assert minitorch.is_grad_enabled()


def test_detach_comparte_memoria_y_sale_del_grafo():
    x = leaf([1.0, 2.0])
    y = x * 2
    d = y.detach()
    assert not d.requires_grad and d.grad_fn is None and d.data_ptr() == y.data_ptr()
    z = (y.detach() * x).sum()
    z.backward()
    assert values(x.grad) == [2.0, 4.0]


# --- autograd.grad y ganchos -------------------------------------------------------------------------
def test_autograd_grad_no_toca_grad():
    x = leaf([1.0, 2.0])
    w = leaf([3.0, 4.0])
    (gx,) = minitorch.autograd.grad((x * w).sum(), x)
    assert values(gx) == [3.0, 4.0]
    assert x.grad is None and w.grad is None


def test_autograd_grad_respecto_de_un_intermedio_y_sin_usar():
    x = leaf([1.0, 2.0])
    w = leaf([3.0])
    a = x * 2
    out = (a * a).sum()
    ga, gx = minitorch.autograd.grad(out, [a, x], retain_graph=True)
    assert values(ga) == [4.0, 8.0] and values(gx) == [8.0, 16.0]
    with pytest.raises(RuntimeError, match="no se ha usado"):
        minitorch.autograd.grad(out, [x, w], retain_graph=True)
    gx, gw = minitorch.autograd.grad(out, [x, w], allow_unused=True, retain_graph=True)
    assert gw is None
    gx, gw = minitorch.autograd.grad(out, [x, w], materialize_grads=True)
    assert values(gw) == [0.0]
    with pytest.raises(RuntimeError, match="no requiere gradiente"):
        minitorch.autograd.grad((x * 2).sum(), minitorch.ones(2))


def test_segunda_derivada_con_create_graph():
    x = leaf(2.0, dtype=minitorch.float64)
    y = x ** 3 + x.exp() * x.sin()
    (g,) = minitorch.autograd.grad(y, x, create_graph=True)
    assert g.requires_grad
    (gg,) = minitorch.autograd.grad(g, x)
    v = 2.0
    expected = 6 * v + np.exp(v) * (np.sin(v) + 2 * np.cos(v) - np.sin(v))
    np.testing.assert_allclose(gg.item(), expected, rtol=1e-12)


def test_backward_con_inputs_solo_acumula_en_esos():
    x = leaf([1.0])
    w = leaf([2.0])
    (x * w).sum().backward(inputs=[w])
    assert x.grad is None and values(w.grad) == [1.0]


def test_ganchos_en_hojas_y_en_intermedios():
    x = leaf([1.0, 2.0])
    a = x * 3
    seen = []
    handle = a.register_hook(lambda g: seen.append(values(g)))
    x.register_hook(lambda g: g * 10)
    a.sum().backward()
    assert seen == [[1.0, 1.0]]
    assert values(x.grad) == [30.0, 30.0]
    handle.remove()
    x.grad = None
    (x * 3).sum().backward()
    assert seen == [[1.0, 1.0]]
    with pytest.raises(RuntimeError, match="no requiere gradiente"):
        minitorch.ones(1).register_hook(print)


# --- difusión: la reducción del gradiente, en un único sitio -------------------------------------------
@pytest.mark.parametrize("small, big", [
    ((3,), (2, 3)),  # dimensión añadida por la izquierda
    ((2, 1), (2, 3)),  # dimensión de tamaño 1 estirada
    ((1, 3), (4, 2, 3)),  # las dos cosas
    ((), (2, 3)),  # un escalar 0-d
    ((2, 1, 1), (5, 2, 3, 4)),
])
def test_el_gradiente_de_una_entrada_difundida_tiene_su_forma(small, big):
    a = minitorch.ones(small, requires_grad=True)
    b = minitorch.ones(big, requires_grad=True)
    (a * b).sum().backward()
    assert tuple(a.grad.shape) == small
    repeats = int(np.prod(big)) // int(np.prod(small, dtype=np.int64))
    assert np.all(a.grad.numpy() == repeats)
    assert np.all(b.grad.numpy() == 1)


def test_sum_to_directamente():
    g = minitorch.arange(24.0).view(2, 3, 4)
    assert sum_to(g, (4,)).tolist() == g.numpy().sum((0, 1)).tolist()
    assert sum_to(g, (3, 1)).tolist() == g.numpy().sum((0, 2), keepdims=True)[0].tolist()
    assert sum_to(g, (1, 1, 1)).tolist() == [[[276.0]]]
    assert sum_to(g, (2, 3, 4)) is g
    with pytest.raises(RuntimeError, match=r"\[2, 3, 4\].*\[5\]"):
        sum_to(g, (5,))


def test_el_gradiente_vuelve_al_tipo_de_la_entrada():
    x = leaf([1.0, 2.0])  # float32
    y = minitorch.tensor([1.0, 2.0], dtype=minitorch.float64, requires_grad=True)
    (x * y).sum().backward()
    assert x.grad.dtype is minitorch.float32 and y.grad.dtype is minitorch.float64
    z = x.double()
    assert type(z.grad_fn).__name__ == "ToCopyBackward0"


# --- Function -----------------------------------------------------------------------------------------
class Exp(minitorch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * result


class LegendrePolynomial3(minitorch.autograd.Function):
    @staticmethod
    def forward(ctx, input):  # noqa: A002
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        (input,) = ctx.saved_tensors  # noqa: A001
        return grad_output * 1.5 * (5 * input ** 2 - 1)


class MyReLU(minitorch.autograd.Function):
    @staticmethod
    def forward(ctx, input):  # noqa: A002
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        (input,) = ctx.saved_tensors  # noqa: A001
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


def test_function_del_tutorial_de_pytorch():
    x = leaf([-1.0, 0.5, 2.0])
    y = Exp.apply(x)
    assert type(y.grad_fn).__name__ == "ExpBackward"
    assert repr(y).endswith("grad_fn=<ExpBackward>)")
    y.sum().backward()
    np.testing.assert_allclose(values(x.grad), np.exp([-1.0, 0.5, 2.0]), rtol=1e-6)

    x.grad = None
    LegendrePolynomial3.apply(x).sum().backward()
    np.testing.assert_allclose(values(x.grad), [1.5 * (5 * v * v - 1) for v in (-1.0, 0.5, 2.0)], rtol=1e-6)

    x.grad = None
    MyReLU.apply(x).sum().backward()
    assert values(x.grad) == [0.0, 1.0, 1.0]


def test_function_needs_input_grad_argumentos_no_tensores_y_errores():
    seen = {}

    class Scale(minitorch.autograd.Function):
        @staticmethod
        def forward(ctx, x, factor, other):
            seen["needs"] = ctx.needs_input_grad
            ctx.factor = factor
            return x * factor + other

        @staticmethod
        def backward(ctx, grad):
            return grad * ctx.factor, None, grad

    x = leaf([1.0, 2.0])
    c = minitorch.tensor([1.0, 1.0])
    y = Scale.apply(x, 3.0, c)
    assert seen["needs"] == (True, False, False)
    assert len(y.grad_fn.next_functions) == 2  # una arista por argumento tensor
    y.sum().backward()
    assert values(x.grad) == [3.0, 3.0]

    class Wrong(minitorch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad, grad

    with pytest.raises(RuntimeError, match="se esperaban 1, llegaron 2"):
        Wrong.apply(x).sum().backward()
    with minitorch.no_grad():
        assert Exp.apply(x).grad_fn is None


def test_function_con_dos_salidas_y_salida_no_diferenciable():
    class SplitMax(minitorch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            values_, indices = x.max(0)
            ctx.save_for_backward(indices)
            ctx.mark_non_differentiable(indices)
            ctx.size = x.shape[0]
            return x * 2, values_, indices

        @staticmethod
        def backward(ctx, grad_double, grad_max, grad_indices):
            (indices,) = ctx.saved_tensors
            grad = grad_double * 2
            grad[indices] += grad_max
            return grad

    x = leaf([1.0, 5.0, 3.0])
    doubled, top, idx = SplitMax.apply(x)
    assert doubled.grad_fn is top.grad_fn and top.output_nr == 1
    assert not idx.requires_grad
    top.backward()  # doubled no se usa: su gradiente llega como ceros
    assert values(x.grad) == [0.0, 1.0, 0.0]


# --- gradcheck ---------------------------------------------------------------------------------------
def test_gradcheck_acepta_una_derivada_correcta_y_rechaza_una_incorrecta():
    x = minitorch.tensor([0.3, -1.2, 2.0], dtype=minitorch.float64, requires_grad=True)
    assert minitorch.autograd.gradcheck(lambda t: (t.sin() * t).sum(), (x,))
    assert minitorch.autograd.gradcheck(Exp.apply, (x,))

    class WrongExp(Exp):
        @staticmethod
        def backward(ctx, grad_output):
            (result,) = ctx.saved_tensors
            return grad_output * result * 2

    with pytest.raises(minitorch.autograd.GradcheckError, match="numérica") as info:
        minitorch.autograd.gradcheck(WrongExp.apply, (x,))
    assert isinstance(info.value, RuntimeError)
    assert "analítica" in str(info.value)
    assert minitorch.autograd.gradcheck(WrongExp.apply, (x,), raise_exception=False) is False


def test_gradcheck_avisa_en_precision_simple():
    x = minitorch.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        minitorch.autograd.gradcheck(lambda t: t * 2, (x,), eps=1e-2, atol=1e-2, rtol=1e-2)
    assert any("float64" in str(w.message) for w in caught)


def test_gradgradcheck():
    x = minitorch.tensor([0.3, -1.2], dtype=minitorch.float64, requires_grad=True)
    assert minitorch.autograd.gradgradcheck(lambda t: t.sin() * t ** 2, (x,))


# --- coste del envoltorio y limpieza ----------------------------------------------------------------------
def test_los_metodos_envueltos_conservan_el_original_y_sus_alias():
    assert minitorch.Tensor.mul.__wrapped__ is RAW["mul"]
    assert minitorch.Tensor.multiply is minitorch.Tensor.mul
    assert minitorch.Tensor.swapaxes is minitorch.Tensor.transpose
    assert minitorch.Tensor.mul.__doc__ == RAW["mul"].__doc__


def test_el_grafo_no_deja_ciclos_de_referencias():
    gc.collect()
    gc.disable()
    try:
        x = leaf([1.0, 2.0])
        before = len(gc.get_objects())
        for _ in range(20):
            y = (x.exp() * x).sigmoid().sum()
            y.backward()
            del y
        assert len(gc.get_objects()) - before < 20
    finally:
        gc.enable()


def test_una_hoja_de_un_grafo_vivo_se_copia_y_se_serializa():
    import copy
    import pickle

    x = leaf([1.0, 2.0])
    y = (x * 2).sum()  # el grafo sigue vivo: x tiene su AccumulateGrad
    clone = copy.deepcopy(x)
    assert pickle.loads(pickle.dumps(x)).tolist() == [1.0, 2.0]
    (clone * 3).sum().backward()
    y.backward()
    assert values(x.grad) == [2.0, 2.0] and values(clone.grad) == [3.0, 3.0]  # cada uno en su hoja


# --- el dibujo del grafo ---------------------------------------------------------------------------------
def test_draw_graph_dibuja_cada_nodo():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from minitorch.figures.graph import draw_graph

    x = leaf([1.0, 2.0])
    w = minitorch.tensor([[0.5, 1.0], [2.0, 3.0]], requires_grad=True)
    loss = (w @ x).relu().sum()
    fig = draw_graph(loss)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    joined = "\n".join(texts)
    for name in ("SumBackward0", "ReluBackward0", "MvBackward0", "AccumulateGrad"):
        assert name in joined
    assert "[2, 2]" in joined and "[2]" in joined
    loss.backward()
    fig = draw_graph(loss)
    joined = "\n".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "grad" in joined
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.mark.parametrize("function", [
    lambda t: (t * 3).tanh() * t, lambda t: t.sigmoid() ** 2, lambda t: (t * t).relu() * t.tanh().sigmoid(),
])
def test_gradgradcheck_de_tanh_sigmoid_y_relu(function):
    x = minitorch.tensor([0.3, -0.7, 1.1], dtype=minitorch.float64, requires_grad=True)
    assert minitorch.autograd.gradgradcheck(function, (x,))


@pytest.mark.parametrize("function", [lambda t: t.log_softmax(-1) * t, lambda t: t.softmax(0).sin()])
def test_gradgradcheck_de_softmax_y_log_softmax(function):
    x = minitorch.tensor([[0.3, -0.7, 1.1], [0.5, 0.2, -0.4]], dtype=minitorch.float64, requires_grad=True)
    assert minitorch.autograd.gradgradcheck(function, (x,))


@pytest.mark.parametrize("function", [
    lambda t: minitorch.nn.functional.leaky_relu(t, 0.2) * t,
    lambda t: minitorch.nn.functional.elu(t, 1.5) * t,
    lambda t: minitorch.nn.functional.elu(t * 1, 0.7, inplace=True),
    lambda t: minitorch.nn.functional.softplus(t, 2.0, 10.0) * t,
    lambda t: minitorch.nn.functional.softplus(t * 3, 1.0, 2.0),  # 1.1·3 queda por encima del umbral
    lambda t: minitorch.nn.functional.silu(t),
    lambda t: minitorch.nn.functional.gelu(t) * t,
    lambda t: minitorch.nn.functional.gelu(t, approximate="tanh") * t,
    lambda t: minitorch.nn.functional.hardtanh(t, -1.0, 1.0) * t,
], ids=["leaky_relu", "elu", "elu in situ", "softplus", "softplus con umbral", "silu", "gelu", "gelu con tanh", "hardtanh"])
def test_gradgradcheck_de_las_activaciones(function):
    """Los nodos …BackwardBackward0 de leaky_relu, elu, softplus, gelu y hardtanh, y la derivada de silu."""
    x = minitorch.tensor([0.3, -0.7, 1.1, -1.9], dtype=minitorch.float64, requires_grad=True)
    assert minitorch.autograd.gradgradcheck(function, (x,))
