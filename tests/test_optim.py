"""Pruebas de ``minitorch.optim`` que no necesitan PyTorch: fórmulas de un paso calculadas a mano con
numpy, grupos de parámetros, estado, ``zero_grad``, ``state_dict`` y errores.

``tests/test_optim_parity.py`` compara trayectorias completas con PyTorch cuando está instalado.
"""

import math

import numpy as np
import pytest

import minitorch
from minitorch import nn, optim


def param(values):
    return nn.Parameter(minitorch.tensor(values))


def test_sgd_un_paso():
    p = param([1.0, -2.0])
    p.grad = minitorch.tensor([0.5, -1.0])
    opt = optim.SGD([p], lr=0.1)
    assert opt.step() is None
    assert p.tolist() == pytest.approx([0.95, -1.9])


def test_sgd_momento_nesterov_y_decaimiento_a_mano():
    w, g1, g2 = np.array([1.0, 2.0]), np.array([0.5, -0.5]), np.array([0.25, 1.0])
    lr, mu, wd = 0.1, 0.9, 0.01
    p = param(w.tolist())
    opt = optim.SGD([p], lr=lr, momentum=mu, weight_decay=wd, nesterov=True)
    expected = w.copy()
    buf = None
    for g in (g1, g2):
        p.grad = minitorch.tensor(g.tolist())
        opt.step()
        d = g + wd * expected
        buf = d.copy() if buf is None else mu * buf + d
        expected = expected - lr * (d + mu * buf)
    np.testing.assert_allclose(p.detach().numpy(), expected, rtol=1e-6)
    np.testing.assert_allclose(opt.state[p]["momentum_buffer"].numpy(), buf, rtol=1e-6)


def test_sgd_dampening_y_maximize():
    p = param([0.0])
    opt = optim.SGD([p], lr=1.0, momentum=0.5, dampening=0.5, maximize=True)
    for _ in range(2):
        p.grad = minitorch.tensor([1.0])
        opt.step()
    # maximize: se sube por el gradiente. Paso 1: b = 1 → p = 1. Paso 2: b = 0.5·1 + 0.5·1 = 1 → p = 2.
    assert p.item() == 2.0


def test_adam_primer_paso_mide_lr():
    # Con la corrección del sesgo, el primer paso de Adam es lr·signo(g) (salvo eps), sea cual sea |g|.
    p = param([1.0, -2.0])
    p.grad = minitorch.tensor([0.5, -3.0])
    opt = optim.Adam([p], lr=0.1)
    opt.step()
    assert p.tolist() == pytest.approx([0.9, -1.9], abs=1e-6)
    state = opt.state[p]
    assert sorted(state) == ["exp_avg", "exp_avg_sq", "step"]
    assert state["step"].item() == 1.0 and state["step"].dtype is minitorch.float32
    np.testing.assert_allclose(state["exp_avg"].numpy(), [0.05, -0.3], rtol=1e-6)
    np.testing.assert_allclose(state["exp_avg_sq"].numpy(), [0.00025, 0.009], rtol=1e-5)


def test_adam_dos_pasos_a_mano():
    g = [np.array([0.3, -0.1]), np.array([-0.2, 0.4])]
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    p = param([0.5, 0.5])
    opt = optim.Adam([p], lr=lr)
    w, m, v = np.array([0.5, 0.5]), np.zeros(2), np.zeros(2)
    for t, grad in enumerate(g, start=1):
        p.grad = minitorch.tensor(grad.tolist())
        opt.step()
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w = w - lr / (1 - b1**t) * m / (np.sqrt(v) / np.sqrt(1 - b2**t) + eps)
    np.testing.assert_allclose(p.detach().numpy(), w, rtol=1e-5)


def test_adamw_desacopla_el_decaimiento():
    p = param([1.0])
    p.grad = minitorch.tensor([0.0])
    opt = optim.AdamW([p], lr=0.1, weight_decay=0.5)
    assert opt.defaults["weight_decay"] == 0.5 and opt.param_groups[0]["decoupled_weight_decay"]
    opt.step()
    assert p.item() == pytest.approx(0.95)  # gradiente nulo: solo actúa p ← p·(1 - lr·wd)
    q = param([1.0])
    q.grad = minitorch.tensor([0.0])
    optim.Adam([q], lr=0.1, weight_decay=0.5).step()
    assert q.item() == pytest.approx(0.9, abs=1e-6)  # en Adam el decaimiento pasa por las medias


def test_rmsprop_un_paso():
    p = param([1.0])
    p.grad = minitorch.tensor([2.0])
    optim.RMSprop([p], lr=0.01, alpha=0.9).step()
    v = 0.1 * 4.0
    assert p.item() == pytest.approx(1.0 - 0.01 * 2.0 / (np.sqrt(v) + 1e-8), rel=1e-6)


@pytest.mark.parametrize("cls", [optim.SGD, optim.Adam, optim.AdamW, optim.RMSprop])
def test_los_parametros_sin_gradiente_no_se_mueven_y_se_conserva_la_identidad(cls):
    a, b = param([1.0, 2.0]), param([3.0])
    a.grad = minitorch.tensor([1.0, 1.0])
    storage, version = a.storage(), a._version
    opt = cls([a, b], lr=0.1)
    opt.step()
    assert b.tolist() == [3.0] and b not in opt.state
    assert a.storage() is storage and a._version > version  # in situ, y se anota la escritura
    assert a.grad.tolist() == [1.0, 1.0]  # el gradiente no se toca


def test_el_paso_no_anota_el_grafo():
    model = nn.Linear(3, 1)
    loss = model(minitorch.ones(2, 3)).sum()
    loss.backward()
    optim.SGD(model.parameters(), lr=0.1).step()
    assert model.weight.grad_fn is None and model.weight.requires_grad


def test_zero_grad():
    p = param([1.0])
    p.grad = minitorch.tensor([3.0])
    opt = optim.SGD([p], lr=0.1)
    opt.zero_grad(set_to_none=False)
    assert p.grad.tolist() == [0.0]
    opt.zero_grad()
    assert p.grad is None


def test_closure_devuelve_la_perdida():
    p = param([2.0])
    opt = optim.SGD([p], lr=0.25)

    def closure():
        opt.zero_grad()
        loss = (p * p).sum()
        loss.backward()
        return loss

    loss = opt.step(closure)
    assert loss.item() == 4.0 and p.item() == 1.0  # p - 0.25 · 2p


def test_grupos_de_parametros_con_valores_por_defecto():
    a, b = param([1.0]), param([2.0])
    opt = optim.SGD([{"params": [a]}, {"params": b, "lr": 0.5}], lr=0.1, momentum=0.9)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    assert opt.param_groups[1]["params"] == [b] and opt.param_groups[1]["momentum"] == 0.9
    assert list(opt.param_groups[0]) == [
        "params", "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable", "fused",
    ]
    c = param([0.0])
    opt.add_param_group({"params": [c], "lr": 1.0})
    assert len(opt.param_groups) == 3
    with pytest.raises(ValueError, match="más de un grupo"):
        opt.add_param_group({"params": [a]})


def test_errores_de_construccion():
    p = param([1.0])
    with pytest.raises(TypeError, match="iterable"):
        optim.SGD(p, lr=0.1)
    with pytest.raises(ValueError, match="vacía"):
        optim.SGD([], lr=0.1)
    with pytest.raises(TypeError, match="ordenada"):
        optim.SGD([{"params": {p}}], lr=0.1)
    with pytest.raises(TypeError, match="tensores"):
        optim.SGD([1.0], lr=0.1)
    with pytest.raises(ValueError, match="hoja"):
        optim.SGD([p * 2], lr=0.1)
    with pytest.raises(ValueError, match="tasa de aprendizaje"):
        optim.SGD([p], lr=-1)
    with pytest.raises(ValueError, match="Nesterov"):
        optim.SGD([p], lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="beta"):
        optim.Adam([p], betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="alpha"):
        optim.RMSprop([p], alpha=-0.5)
    with pytest.raises(NotImplementedError):
        optim.Adam([p], differentiable=True)
    with pytest.warns(UserWarning, match="repetidos"):
        optim.SGD([p, p], lr=0.1)


def test_repr_como_pytorch():
    opt = optim.SGD([param([1.0])], lr=0.1, momentum=0.9)
    assert repr(opt) == (
        "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n    fused: None\n"
        "    lr: 0.1\n    maximize: False\n    momentum: 0.9\n    nesterov: False\n    weight_decay: 0\n)"
    )


def test_state_dict_y_load_state_dict():
    model = nn.Linear(2, 2)
    opt = optim.Adam(model.parameters(), lr=0.01)
    for p in model.parameters():
        p.grad = minitorch.ones_like(p)
    opt.step()
    saved = opt.state_dict()
    assert sorted(saved) == ["param_groups", "state"]
    assert list(saved["state"]) == [0, 1] and saved["param_groups"][0]["params"] == [0, 1]
    assert saved["param_groups"][0]["lr"] == 0.01

    other_model = nn.Linear(2, 2)
    other = optim.Adam(other_model.parameters(), lr=0.5)
    other.load_state_dict(saved)
    assert other.param_groups[0]["lr"] == 0.01
    assert other.param_groups[0]["params"] == list(other_model.parameters())
    state = other.state[other_model.weight]
    assert state["step"].item() == 1.0 and state["exp_avg"].equal(opt.state[model.weight]["exp_avg"])
    with pytest.raises(ValueError, match="grupos"):
        optim.Adam([{"params": [other_model.weight]}, {"params": [other_model.bias]}]).load_state_dict(saved)
    with pytest.raises(ValueError, match="tamaño"):
        optim.Adam([other_model.weight]).load_state_dict(saved)


def test_steplr_y_cosineannealinglr_a_mano():
    p = minitorch.nn.Parameter(minitorch.ones(1))
    opt = minitorch.optim.SGD([p], lr=1.0)
    steps = minitorch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    lrs = []
    for _ in range(6):
        opt.step()
        steps.step()
        lrs.append(opt.param_groups[0]["lr"])
    assert lrs == [1.0, 0.5, 0.5, 0.25, 0.25, 0.125]
    opt = minitorch.optim.SGD([p], lr=1.0)
    cosine = minitorch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4)
    for epoch in range(1, 5):
        opt.step()
        cosine.step()
        assert abs(cosine.get_last_lr()[0] - (1 + math.cos(math.pi * epoch / 4)) / 2) < 1e-12
    with pytest.raises(TypeError):
        minitorch.optim.lr_scheduler.StepLR("no es un optimizador", step_size=1)
