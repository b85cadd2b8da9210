"""Pruebas de ``minitorch.nn`` que no necesitan PyTorch: registro, recorrido del árbol, ``state_dict``,
hooks, contenedores, capas, inicialización y pérdidas.

Los textos y números fijos de estas pruebas se comprobaron con PyTorch 2.13 (``tests/test_nn_parity.py``
hace la comparación directa cuando torch está instalado).
"""

import copy
import math
import pickle
import warnings
from collections import OrderedDict

import numpy as np
import pytest

import minitorch
import minitorch.nn.functional as F
from minitorch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(4, 2)
        self.register_buffer("steps", minitorch.zeros(()))
        self.register_buffer("scratch", minitorch.ones(2), persistent=False)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


# --- Parameter ------------------------------------------------------------------------------------
def test_parameter_comparte_almacenamiento_y_pide_gradiente():
    data = minitorch.arange(6.0).view(2, 3)
    p = nn.Parameter(data)
    assert isinstance(p, minitorch.Tensor) and type(p) is nn.Parameter
    assert p.requires_grad and p.is_leaf
    assert p.storage() is data.storage()
    data[0, 0] = 10.0
    assert p[0, 0].item() == 10.0
    assert not nn.Parameter(data, requires_grad=False).requires_grad
    assert nn.Parameter().shape == (0,)


def test_parameter_repr_como_pytorch():
    assert repr(nn.Parameter(minitorch.ones(2))) == "Parameter containing:\ntensor([1., 1.], requires_grad=True)"
    assert repr(nn.Parameter(minitorch.ones(2), requires_grad=False)) == "Parameter containing:\ntensor([1., 1.])"


def test_operar_con_un_parametro_da_un_tensor_normal():
    p = nn.Parameter(minitorch.ones(2), requires_grad=False)
    assert type(p * 2) is minitorch.Tensor
    assert type(p.detach()) is minitorch.Tensor


def test_parameter_entero_no_puede_pedir_gradiente():
    with pytest.raises(RuntimeError):
        nn.Parameter(minitorch.tensor([1, 2]))


def test_parameter_deepcopy_y_pickle():
    p = nn.Parameter(minitorch.tensor([1.0, 2.0]))
    for clone in (copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert type(clone) is nn.Parameter and clone.requires_grad
        assert clone.tolist() == [1.0, 2.0]
        assert clone.storage() is not p.storage()


# --- registro -------------------------------------------------------------------------------------
def test_setattr_registra_parametros_submodulos_y_buffers():
    m = MLP()
    assert list(m._parameters) == []
    assert list(m._modules) == ["fc1", "act", "fc2"]
    assert list(m._buffers) == ["steps", "scratch"]
    assert list(m.fc1._parameters) == ["weight", "bias"]
    m.extra = nn.Parameter(minitorch.zeros(1))
    m.plain = 3
    assert "extra" in m._parameters and "plain" not in m._parameters and m.plain == 3
    m.steps = minitorch.ones(())  # reasignar un buffer lo sustituye en el registro
    assert m._buffers["steps"].item() == 1.0


def test_setattr_cambia_de_registro_al_cambiar_de_tipo():
    m = nn.Module()
    m.x = nn.Linear(1, 1)
    m.x = nn.Parameter(minitorch.zeros(1))
    assert "x" in m._parameters and "x" not in m._modules
    m.x = None  # None en un nombre de parámetro: el parámetro queda vacío
    assert m._parameters["x"] is None and m.x is None


def test_asignar_un_tensor_a_un_parametro_es_un_typeerror():
    m = nn.Linear(2, 2)
    with pytest.raises(TypeError, match="'minitorch.FloatTensor' como parámetro 'weight'"):
        m.weight = minitorch.ones(2, 2)
    with pytest.raises(TypeError, match="submódulo 'fc'"):
        holder = nn.Module()
        holder.fc = nn.Linear(1, 1)
        holder.fc = 3


def test_register_parameter_y_buffer_validan_el_nombre():
    m = nn.Linear(2, 2)
    with pytest.raises(KeyError, match="ya existe"):
        m.register_buffer("weight", minitorch.ones(2))
    with pytest.raises(KeyError, match='"."'):
        m.register_parameter("a.b", None)
    with pytest.raises(KeyError, match="cadena vacía"):
        m.register_buffer("", None)
    with pytest.raises(TypeError, match="debe ser una cadena"):
        m.register_parameter(3, None)
    with pytest.raises(TypeError, match="minitorch.nn.Parameter o None"):
        m.register_parameter("w2", minitorch.ones(1))
    with pytest.raises(TypeError, match="buffer 'b'"):
        m.register_buffer("b", [1, 2])
    with pytest.raises(TypeError, match="no es una subclase de Module"):
        m.add_module("child", 3)


def test_olvidar_super_init_da_un_error_que_lo_explica():
    class Roto(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)

    with pytest.raises(AttributeError, match=r"Module.__init__\(\)"):
        Roto()


def test_atributo_inexistente_con_el_mensaje_de_pytorch_en_espanol():
    with pytest.raises(AttributeError, match="^el objeto 'Linear' no tiene el atributo 'foo'$"):
        nn.Linear(2, 2).foo


def test_delattr_y_dir():
    m = MLP()
    del m.fc2
    del m.steps
    assert "fc2" not in m._modules and "steps" not in m._buffers
    names = dir(m)
    assert {"fc1", "act", "scratch", "forward", "training"} <= set(names)
    assert names == sorted(names)


def test_forward_sin_definir():
    with pytest.raises(NotImplementedError, match="forward"):
        nn.Module()(1)


# --- recorrer el árbol ----------------------------------------------------------------------------
def test_nombres_del_arbol_en_el_orden_de_pytorch():
    m = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Sequential(nn.Linear(4, 2), nn.Softmax(dim=1)))
    m[2][0].bias = None
    assert [n for n, _ in m.named_modules()] == ["", "0", "1", "2", "2.0", "2.1"]
    assert [n for n, _ in m.named_parameters()] == ["0.weight", "0.bias", "2.0.weight"]
    assert [n for n, _ in m.named_children()] == ["0", "1", "2"]
    assert [n for n, _ in m.named_parameters(prefix="modelo")][0] == "modelo.0.weight"
    assert [n for n, _ in m.named_parameters(recurse=False)] == []
    assert len(list(m.modules())) == 6 and len(list(m.children())) == 3
    assert m.get_submodule("2.0") is m[2][0] and m.get_submodule("") is m
    with pytest.raises(AttributeError, match="no tiene el atributo `x`"):
        m.get_submodule("2.x")
    assert m.get_parameter("2.0.weight") is m[2][0].weight
    with pytest.raises(AttributeError, match="`bias` no es un parámetro"):
        m.get_parameter("2.0.bias")  # esa capa no tiene sesgo: la clave existe pero vale None
    assert MLP().get_buffer("steps").item() == 0.0


def test_un_modulo_compartido_aparece_una_vez():
    shared = nn.Linear(2, 2)
    m = nn.Sequential(shared, nn.ReLU(), shared)
    assert [n for n, _ in m.named_modules()] == ["", "0", "1"]
    assert [n for n, _ in m.named_parameters()] == ["0.weight", "0.bias"]
    assert [n for n, _ in m.named_parameters(remove_duplicate=False)] == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert list(m.state_dict()) == ["0.weight", "0.bias", "2.weight", "2.bias"]


def test_buffers_y_parametros_nulos():
    m = MLP()
    assert [n for n, _ in m.named_buffers()] == ["steps", "scratch"]
    lin = nn.Linear(2, 3, bias=False)
    assert lin.bias is None and [n for n, _ in lin.named_parameters()] == ["weight"]


def test_apply_visita_primero_los_hijos():
    visited = []
    m = nn.Sequential(nn.Linear(1, 1), nn.Sequential(nn.ReLU()))
    assert m.apply(lambda mod: visited.append(type(mod).__name__)) is m
    assert visited == ["Linear", "ReLU", "Sequential", "Sequential"]


# --- modos y gradientes ---------------------------------------------------------------------------
def test_train_y_eval_se_propagan():
    m = nn.Sequential(nn.Linear(1, 1), nn.Sequential(nn.Dropout()))
    assert m.training and m[1][0].training
    assert m.eval() is m
    assert not any(mod.training for mod in m.modules())
    m.train()
    assert all(mod.training for mod in m.modules())
    with pytest.raises(ValueError):
        m.train("sí")


def test_zero_grad_y_requires_grad_():
    m = nn.Linear(2, 2)
    m.weight.grad = minitorch.ones(2, 2)
    m.zero_grad(set_to_none=False)
    assert m.weight.grad.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    m.zero_grad()
    assert m.weight.grad is None
    assert m.requires_grad_(False) is m
    assert not any(p.requires_grad for p in m.parameters())


def test_to_double_conserva_los_parametros():
    m = nn.Linear(2, 2)
    weight = m.weight
    m.double()
    assert m.weight is weight and m.weight.dtype is minitorch.float64
    m.to(minitorch.float32)
    assert m.weight.dtype is minitorch.float32
    with pytest.raises(TypeError):
        m.to(minitorch.int64)


# --- state_dict -----------------------------------------------------------------------------------
def test_state_dict_claves_orden_y_memoria_compartida():
    m = MLP()
    sd = m.state_dict()
    assert isinstance(sd, OrderedDict)
    assert list(sd) == ["steps", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    assert sd["fc1.weight"].storage() is m.fc1.weight.storage()
    assert type(sd["fc1.weight"]) is minitorch.Tensor and not sd["fc1.weight"].requires_grad
    assert type(m.state_dict(keep_vars=True)["fc1.weight"]) is nn.Parameter
    assert sd._metadata[""] == {"version": 1} and list(sd._metadata) == ["", "fc1", "act", "fc2"]


def test_load_state_dict_copia_in_situ():
    minitorch.manual_seed(0)
    a, b = MLP(), MLP()
    weight = b.fc1.weight
    result = b.load_state_dict(a.state_dict())
    assert repr(result) == "<All keys matched successfully>"
    assert result.missing_keys == [] and result.unexpected_keys == []
    assert b.fc1.weight is weight  # mismo objeto: un optimizador creado antes sigue funcionando
    assert b.fc1.weight.equal(a.fc1.weight) and b.fc1.weight.storage() is not a.fc1.weight.storage()


def test_load_state_dict_estricto_lista_lo_que_falla():
    m = nn.Linear(2, 2)
    bad = {"weight": minitorch.ones(3, 2), "foo": minitorch.ones(2), "x.y": minitorch.ones(1)}
    before = m.weight.clone()
    with pytest.raises(RuntimeError) as info:
        m.load_state_dict(bad)
    assert str(info.value) == (
        "Error(es) al cargar el state_dict de Linear:\n"
        '\tFalta(n) clave(s) en el state_dict: "bias". \n'
        '\tClave(s) inesperada(s) en el state_dict: "foo", "x.y". \n'
        "\tno coinciden los tamaños de weight: se copia un parámetro de forma minitorch.Size([3, 2]) desde el "
        "state_dict, pero la forma en el modelo actual es minitorch.Size([2, 2])."
    )
    assert m.weight.equal(before)


def test_load_state_dict_no_estricto():
    m = nn.Linear(2, 2)
    result = m.load_state_dict({"weight": minitorch.zeros(2, 2), "foo": minitorch.ones(1)}, strict=False)
    assert result.missing_keys == ["bias"] and result.unexpected_keys == ["foo"]
    assert repr(result) == "_IncompatibleKeys(missing_keys=['bias'], unexpected_keys=['foo'])"
    assert m.weight.abs().sum().item() == 0.0
    with pytest.raises(TypeError):
        m.load_state_dict([("weight", minitorch.zeros(2, 2))])
    with pytest.raises(RuntimeError, match="se esperaba un tensor"):
        m.load_state_dict({"weight": 3, "bias": minitorch.zeros(2)})


def test_load_state_dict_de_submodulos():
    m = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.Linear(2, 1)))
    sd = {k: minitorch.zeros_like(v) for k, v in m.state_dict().items()}
    sd["1.0.extra"] = minitorch.ones(1)
    result = m.load_state_dict(sd, strict=False)
    assert result.unexpected_keys == ["1.0.extra"]
    assert all(v.abs().sum().item() == 0 for v in m.state_dict().values())


# --- hooks ----------------------------------------------------------------------------------------
def test_hooks_previos_y_posteriores():
    m = nn.Identity()
    calls = []
    pre = m.register_forward_pre_hook(lambda mod, args: (args[0] * 2,))
    post = m.register_forward_hook(lambda mod, args, out: out + 1)
    m.register_forward_hook(lambda mod, args, out: calls.append((args[0].item(), out.item())))
    assert m(minitorch.tensor(3.0)).item() == 7.0
    assert calls == [(6.0, 7.0)]
    pre.remove()
    post.remove()
    assert m(minitorch.tensor(3.0)).item() == 3.0


def test_hooks_prepend_with_kwargs_y_handle_como_contexto():
    m = nn.Identity()
    order = []
    m.register_forward_hook(lambda *a: order.append("a"))
    m.register_forward_hook(lambda *a: order.append("b"), prepend=True)
    m(minitorch.ones(1))
    assert order == ["b", "a"]
    with m.register_forward_pre_hook(lambda mod, args, kwargs: ((args[0] * 0,), kwargs), with_kwargs=True):
        assert m(minitorch.ones(1)).item() == 0.0
    assert m(minitorch.ones(1)).item() == 1.0
    m.register_forward_pre_hook(lambda mod, args: minitorch.full((1,), 5.0))  # un valor suelto se envuelve en tupla
    assert m(minitorch.ones(1)).item() == 5.0


# --- impresión -----------------------------------------------------------------------------------
def test_repr_anidado_como_pytorch():
    m = nn.Sequential(
        nn.Linear(3, 4), nn.ReLU(), nn.Sequential(nn.Linear(4, 2), nn.Softmax(dim=1)), nn.Dropout(),
        nn.ModuleList([nn.Linear(2, 2) for _ in range(3)] + [nn.Tanh()]), nn.ModuleDict({"a": nn.Sigmoid()}),
        nn.ReLU(inplace=True), nn.CrossEntropyLoss(), nn.Flatten(),
    )
    assert repr(m) == """Sequential(
  (0): Linear(in_features=3, out_features=4, bias=True)
  (1): ReLU()
  (2): Sequential(
    (0): Linear(in_features=4, out_features=2, bias=True)
    (1): Softmax(dim=1)
  )
  (3): Dropout(p=0.5, inplace=False)
  (4): ModuleList(
    (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)
    (3): Tanh()
  )
  (5): ModuleDict(
    (a): Sigmoid()
  )
  (6): ReLU(inplace=True)
  (7): CrossEntropyLoss()
  (8): Flatten(start_dim=1, end_dim=-1)
)"""
    assert repr(nn.ModuleList()) == "ModuleList()" and repr(nn.Sequential()) == "Sequential()"
    assert repr(MLP()) == (
        "MLP(\n  (fc1): Linear(in_features=3, out_features=4, bias=True)\n  (act): ReLU()\n"
        "  (fc2): Linear(in_features=4, out_features=2, bias=True)\n)"
    )


def test_extra_repr_de_varias_lineas():
    class Capa(nn.Module):
        def extra_repr(self):
            return "a=1\nb=2"

    assert repr(Capa()) == "Capa(\n  a=1\n  b=2\n)"


# --- contenedores ---------------------------------------------------------------------------------
def test_sequential_indices_y_cortes():
    layers = [nn.Linear(1, 1), nn.ReLU(), nn.Tanh()]
    s = nn.Sequential(*layers)
    assert len(s) == 3 and s[0] is layers[0] and s[-1] is layers[2]
    assert list(s) == layers
    tail = s[1:]
    assert type(tail) is nn.Sequential and list(tail._modules) == ["1", "2"]
    with pytest.raises(IndexError, match="el índice 3 está fuera de rango"):
        s[3]
    s[1] = nn.Sigmoid()
    assert isinstance(s[1], nn.Sigmoid)
    del s[0]
    assert list(s._modules) == ["0", "1"] and isinstance(s[0], nn.Sigmoid)
    s.append(nn.Identity()).insert(0, nn.ReLU())
    assert [type(m).__name__ for m in s] == ["ReLU", "Sigmoid", "Tanh", "Identity"]
    assert isinstance(s.pop(1), nn.Sigmoid) and len(s) == 3
    s.extend([nn.ReLU()])
    assert list(s._modules) == ["0", "1", "2", "3"]


def test_sequential_con_nombres_y_forward():
    s = nn.Sequential(OrderedDict([("doble", nn.Identity()), ("relu", nn.ReLU())]))
    assert list(s._modules) == ["doble", "relu"] and s.relu is s[1]
    assert s(minitorch.tensor([-1.0, 2.0])).tolist() == [0.0, 2.0]


def test_modulelist():
    ml = nn.ModuleList([nn.ReLU(), nn.Tanh()])
    ml.append(nn.Sigmoid())
    ml += [nn.Identity()]
    assert len(ml) == 4 and isinstance(ml[-1], nn.Identity)
    assert type(ml[1:3]) is nn.ModuleList and len(ml[1:3]) == 2
    ml.insert(1, nn.Linear(1, 1))
    assert [type(m).__name__ for m in ml] == ["ReLU", "Linear", "Tanh", "Sigmoid", "Identity"]
    del ml[0]
    assert list(ml._modules) == ["0", "1", "2", "3"] and isinstance(ml[0], nn.Linear)
    assert [n for n, _ in ml.named_parameters()] == ["0.weight", "0.bias"]
    with pytest.raises(IndexError):
        ml[10]
    with pytest.raises(TypeError):
        ml.extend(3)
    with pytest.raises(NotImplementedError):
        ml(minitorch.ones(1))


def test_moduledict():
    md = nn.ModuleDict({"b": nn.ReLU(), "a": nn.Tanh()})
    assert list(md) == ["b", "a"] and "a" in md and len(md) == 2
    md.update([("c", nn.Identity())])
    md["d"] = nn.Sigmoid()
    assert list(md.keys()) == ["b", "a", "c", "d"]
    assert isinstance(md.pop("a"), nn.Tanh) and "a" not in md
    assert [k for k, _ in md.items()] == ["b", "c", "d"]
    with pytest.raises(ValueError):
        md.update([("x", nn.ReLU(), 3)])
    md.clear()
    assert len(md) == 0


# --- capas ----------------------------------------------------------------------------------------
def test_linear_inicializa_como_pytorch():
    # Números de torch.manual_seed(0); torch.nn.Linear(3, 2) con PyTorch 2.13 (coinciden bit a bit).
    minitorch.manual_seed(0)
    layer = nn.Linear(3, 2)
    expected_weight = [
        [-0.004322517663240433, 0.3097158372402191, -0.4751853346824646],
        [-0.4248946011066437, -0.2223689705133438, 0.15482072532176971],
    ]
    assert layer.weight.tolist() == expected_weight
    assert layer.bias.tolist() == [-0.011439144611358643, 0.45777493715286255]
    assert layer.weight.shape == (2, 3) and layer.weight.dtype is minitorch.float32


def test_linear_calcula_x_wt_mas_b():
    layer = nn.Linear(3, 2)
    x = minitorch.randn(5, 3)
    weight, bias = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    assert np.allclose(layer(x).detach().numpy(), x.numpy() @ weight.T + bias, atol=1e-6)
    assert layer(x.view(5, 1, 3)).shape == (5, 1, 2)
    no_bias = nn.Linear(3, 2, bias=False)
    assert np.allclose(no_bias(x).detach().numpy(), x.numpy() @ no_bias.weight.detach().numpy().T, atol=1e-6)
    assert nn.Linear(3, 2, dtype=minitorch.float64).weight.dtype is minitorch.float64


def test_activaciones():
    x = minitorch.tensor([[-1.0, 0.0, 2.0]])
    assert nn.ReLU()(x).tolist() == [[0.0, 0.0, 2.0]]
    assert np.allclose(nn.Sigmoid()(x).numpy(), 1 / (1 + np.exp(-x.numpy())))
    assert np.allclose(nn.Tanh()(x).numpy(), np.tanh(x.numpy()))
    assert np.allclose(nn.Softmax(dim=1)(x).sum(1).numpy(), 1.0)
    assert np.allclose(nn.LogSoftmax(dim=1)(x).exp().numpy(), nn.Softmax(dim=1)(x).numpy())
    y = x.clone()
    assert nn.ReLU(inplace=True)(y) is y and y.tolist() == [[0.0, 0.0, 2.0]]


def test_softmax_sin_dim_avisa():
    with pytest.warns(UserWarning, match="dim=X"):
        out = nn.Softmax()(minitorch.ones(2, 4))
    assert np.allclose(out.numpy(), 0.25)


def test_flatten_y_unflatten():
    x = minitorch.zeros(2, 3, 4)
    assert nn.Flatten()(x).shape == (2, 12)
    assert nn.Flatten(0, 1)(x).shape == (6, 4)
    assert nn.Unflatten(1, (3, 1))(minitorch.zeros(2, 3)).shape == (2, 3, 1)


def test_dropout():
    minitorch.manual_seed(0)
    layer = nn.Dropout(p=0.25)
    x = minitorch.ones(10_000)
    y = layer(x)
    kept = y.numpy() != 0
    assert abs(kept.mean() - 0.75) < 0.02
    assert np.allclose(y.numpy()[kept], 1 / 0.75)
    layer.eval()
    assert layer(x) is x
    assert nn.Dropout(p=1.0)(x).abs().sum().item() == 0.0
    with pytest.raises(ValueError):
        nn.Dropout(p=1.5)


# --- inicialización -------------------------------------------------------------------------------
def test_init_funciones_basicas():
    t = minitorch.empty(200, 100)
    assert nn.init.constant_(t, 0.3) is t and np.allclose(t.numpy(), 0.3)
    nn.init.zeros_(t)
    assert t.abs().sum().item() == 0.0
    nn.init.ones_(t)
    assert t.sum().item() == 20_000
    nn.init.uniform_(t, -2, 3)
    assert -2 <= t.min().item() and t.max().item() < 3
    nn.init.normal_(t, 1.0, 0.5)
    assert abs(t.mean().item() - 1.0) < 0.02 and abs(t.std().item() - 0.5) < 0.02


def test_init_xavier_y_kaiming():
    t = minitorch.empty(200, 100)
    nn.init.xavier_uniform_(t)
    bound = math.sqrt(6 / 300)
    assert t.abs().max().item() <= bound and t.abs().max().item() > 0.95 * bound
    nn.init.kaiming_uniform_(t, nonlinearity="relu")
    bound = math.sqrt(2) * math.sqrt(3 / 100)
    assert t.abs().max().item() <= bound and t.abs().max().item() > 0.95 * bound
    nn.init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu")
    assert abs(t.std().item() - math.sqrt(2 / 200)) < 0.005
    nn.init.xavier_normal_(t)
    assert abs(t.std().item() - math.sqrt(2 / 300)) < 0.005


def test_init_ganancias_y_fan():
    assert nn.init.calculate_gain("relu") == math.sqrt(2)
    assert nn.init.calculate_gain("tanh") == 5 / 3
    assert nn.init.calculate_gain("leaky_relu", math.sqrt(5)) == math.sqrt(1 / 3)
    assert nn.init._calculate_fan_in_and_fan_out(minitorch.empty(4, 3, 2, 2)) == (12, 16)
    with pytest.raises(ValueError):
        nn.init.calculate_gain("swish")
    with pytest.raises(ValueError):
        nn.init.xavier_uniform_(minitorch.empty(3))
    with pytest.raises(ValueError):
        nn.init.kaiming_uniform_(minitorch.empty(3, 3), mode="fan_medio")
    with pytest.warns(UserWarning):
        nn.init.kaiming_uniform_(minitorch.empty(0, 3))


def test_init_con_generador_propio_es_reproducible():
    a, b = minitorch.empty(3, 3), minitorch.empty(3, 3)
    nn.init.xavier_uniform_(a, generator=minitorch.Generator(7))
    nn.init.xavier_uniform_(b, generator=minitorch.Generator(7))
    assert a.equal(b)


# --- pérdidas (valores de PyTorch 2.13) -----------------------------------------------------------
LOGITS = [[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]]


def test_cross_entropy_estable_con_logits_enormes():
    x, t = minitorch.tensor(LOGITS), minitorch.tensor([2, 0])
    assert F.cross_entropy(x, t).item() == pytest.approx(0.20380297303199768, rel=1e-6)
    assert F.cross_entropy(x, t, reduction="none").tolist() == pytest.approx([0.40760594606399536, 0.0], abs=1e-6)
    assert F.cross_entropy(x, t, reduction="sum").item() == pytest.approx(0.40760594606399536, rel=1e-6)
    assert nn.CrossEntropyLoss()(x, t).item() == pytest.approx(0.20380297303199768, rel=1e-6)
    log_probs = F.log_softmax(x, 1)
    assert log_probs.tolist()[1] == [0.0, -1000.0, -2000.0]
    assert np.isfinite(log_probs.numpy()).all()
    assert F.softmax(x, 1).tolist()[1] == [1.0, 0.0, 0.0]


def test_cross_entropy_pesos_ignore_index_y_suavizado():
    x, t = minitorch.tensor(LOGITS), minitorch.tensor([2, 0])
    assert F.cross_entropy(x, minitorch.tensor([2, -100])).item() == pytest.approx(0.40760594606399536, rel=1e-6)
    assert F.cross_entropy(x, t, weight=minitorch.tensor([1.0, 2.0, 3.0])).item() == pytest.approx(0.3057044744491577, rel=1e-6)
    assert F.cross_entropy(x, t, label_smoothing=0.1).item() == pytest.approx(50.253807067871094, rel=1e-6)
    assert math.isnan(F.cross_entropy(x, minitorch.tensor([-100, -100])).item())
    assert nn.CrossEntropyLoss(ignore_index=0)(x, t).item() == pytest.approx(0.40760594606399536, rel=1e-6)


def test_cross_entropy_con_probabilidades():
    x = minitorch.tensor(LOGITS)
    target = minitorch.tensor([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    assert F.cross_entropy(x, target).item() == pytest.approx(0.20380297303199768, rel=1e-6)


def test_nll_loss_y_formas():
    assert F.nll_loss(minitorch.tensor([[-1.0, -2.0], [-0.5, -3.0]]), minitorch.tensor([1, 0])).item() == 1.25
    x = minitorch.randn(2, 4, 3)
    t = minitorch.tensor([[1, 2, 3], [0, 0, 0]])
    per_item = F.nll_loss(x, t, reduction="none")
    assert per_item.shape == (2, 3)
    assert per_item[0, 1].item() == -x[0, 2, 1].item()
    assert F.nll_loss(minitorch.tensor([-1.0, -2.0]), minitorch.tensor(1)).item() == 2.0


def test_perdidas_de_clasificacion_validan_el_objetivo():
    x = minitorch.randn(3, 4)
    with pytest.raises(IndexError, match="5"):
        F.nll_loss(x, minitorch.tensor([0, 5, 1]))
    with pytest.raises(ValueError, match=r"\(3\).*\(2\)"):
        F.cross_entropy(x, minitorch.tensor([0, 1]))
    with pytest.raises(RuntimeError, match="int64"):
        F.cross_entropy(x, minitorch.tensor([0.0, 1.0, 2.0]))
    with pytest.raises(ValueError, match="foo"):
        F.cross_entropy(x, minitorch.tensor([0, 1, 2]), reduction="foo")
    with pytest.raises(RuntimeError, match="peso"):
        F.cross_entropy(x, minitorch.tensor([0, 1, 2]), weight=minitorch.ones(3))


def test_mse_y_l1():
    a, b = minitorch.tensor([1.0, 2.0, 3.0]), minitorch.tensor([1.0, 0.0, 0.0])
    assert F.mse_loss(a, b).item() == pytest.approx(13 / 3)
    assert nn.MSELoss(reduction="sum")(a, b).item() == 13.0
    assert F.l1_loss(a, b, reduction="sum").item() == 5.0
    assert nn.L1Loss(reduction="none")(a, b).tolist() == [0.0, 2.0, 3.0]
    with pytest.warns(UserWarning, match="difusión"):
        F.mse_loss(minitorch.ones(3, 1), minitorch.ones(3))


def test_binary_cross_entropy_recorta_los_logaritmos():
    p, y = minitorch.tensor([0.0, 0.25, 1.0, 0.5]), minitorch.tensor([0.0, 1.0, 0.0, 1.0])
    values = F.binary_cross_entropy(p, y, reduction="none").tolist()
    assert values == pytest.approx([0.0, 1.3862943649291992, 100.0, 0.6931471824645996], rel=1e-6)
    assert nn.BCELoss()(p, y).item() == pytest.approx(sum(values) / 4, rel=1e-6)
    with pytest.raises(RuntimeError, match="entre 0 y 1"):
        F.binary_cross_entropy(minitorch.tensor([1.5]), minitorch.tensor([1.0]))
    with pytest.raises(ValueError):
        F.binary_cross_entropy(minitorch.tensor([0.5]), minitorch.tensor([1.0, 0.0]))


def test_binary_cross_entropy_with_logits_estable():
    z, y = minitorch.tensor([-200.0, -1.0, 0.0, 3.0, 200.0]), minitorch.tensor([1.0, 0.0, 1.0, 1.0, 0.0])
    values = F.binary_cross_entropy_with_logits(z, y, reduction="none").tolist()
    assert values == pytest.approx([200.0, 0.3132617473602295, 0.6931471824645996, 0.04858735203742981, 200.0], rel=1e-6)
    loss = nn.BCEWithLogitsLoss(pos_weight=minitorch.tensor(2.0))(z, y)
    assert loss.item() == pytest.approx(120.35933685302734, rel=1e-6)
    with pytest.raises(ValueError):
        F.binary_cross_entropy_with_logits(z, y[:2])


def test_perdidas_con_argumentos_antiguos():
    with pytest.warns(UserWarning, match="reduction='sum'"):
        loss = nn.MSELoss(size_average=False)
    assert loss.reduction == "sum"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nn.MSELoss().reduction == "mean"


def test_pesos_de_las_perdidas_van_en_el_state_dict():
    assert list(nn.CrossEntropyLoss().state_dict()) == []
    assert list(nn.CrossEntropyLoss(weight=minitorch.ones(3)).state_dict()) == ["weight"]
    assert list(nn.BCEWithLogitsLoss(pos_weight=minitorch.ones(1)).state_dict()) == ["pos_weight"]


def test_one_hot():
    assert F.one_hot(minitorch.tensor([0, 2])).tolist() == [[1, 0, 0], [0, 0, 1]]
    assert F.one_hot(minitorch.tensor([1]), num_classes=4).tolist() == [[0, 1, 0, 0]]
    with pytest.raises(RuntimeError):
        F.one_hot(minitorch.tensor([3]), num_classes=2)


def test_el_benchmark_de_entrenamiento_compara_el_mismo_calculo():
    """El paso escrito a mano en numpy de benchmarks/bench_training.py da las mismas pérdidas que minitorch
    (si no, el benchmark compararía trabajos distintos)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_training.py"
    spec = importlib.util.spec_from_file_location("bench_training", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    weights = bench.initial_weights()
    for optimizer in ("SGD", "Adam"):
        trainers = {
            "minitorch": bench.LibraryTrainer(minitorch, optimizer, weights),
            "numpy": bench.NumpyTrainer(optimizer, weights),
        }
        bench.check_same_work(trainers, steps=4)
    broken = bench.NumpyTrainer("SGD", weights)
    broken.lr = 1.0  # otro cálculo: la comprobación tiene que detectarlo
    with pytest.raises(AssertionError):
        bench.check_same_work({"minitorch": bench.LibraryTrainer(minitorch, "SGD", weights), "numpy": broken}, steps=3)


@pytest.mark.parametrize("fn", [
    lambda x: F.leaky_relu(x, 0.3), lambda x: F.elu(x, 0.6), lambda x: F.silu(x), lambda x: F.softplus(x, 1.5, 1.0),
    lambda x: F.leaky_relu(x * 1, inplace=True), lambda x: F.elu(x * 2, inplace=True), lambda x: F.silu(x * 1, inplace=True),
], ids=["leaky_relu", "elu", "silu", "softplus", "leaky_relu_", "elu_", "silu_"])
def test_gradcheck_de_las_activaciones(fn):
    """Diferencias finitas en float64, lejos de 0 y del umbral de softplus (donde la derivada salta)."""
    values = np.random.default_rng(1).choice([-1.0, 1.0], (3, 4)) * np.random.default_rng(2).uniform(0.2, 2.0, (3, 4))
    x = minitorch.tensor(values, dtype=minitorch.float64, requires_grad=True)
    assert minitorch.autograd.gradcheck(fn, (x,))
