"""Paridad de ``minitorch.optim`` con ``torch.optim``: desde los mismos pesos y con los mismos gradientes,
los parámetros deben coincidir (a la tolerancia de float32) después de muchos pasos, y el estado, los
grupos y el texto del optimizador deben ser los de PyTorch.
"""

import warnings

import numpy as np
import pytest

import minitorch

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.paridad

SHAPES = [(4, 3), (3,), (2, 2, 2)]

CONFIGS = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.1, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.2, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.1, "maximize": True}),
    ("Adam", {"lr": 0.01}),
    ("Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.01, "amsgrad": True, "maximize": True}),
    ("AdamW", {"lr": 0.01}),
    ("AdamW", {"lr": 0.01, "weight_decay": 0.2, "amsgrad": True}),
    ("RMSprop", {"lr": 0.01}),
    ("RMSprop", {"lr": 0.01, "alpha": 0.9, "momentum": 0.9, "centered": True, "weight_decay": 0.1}),
    ("RMSprop", {"lr": 0.01, "centered": True, "maximize": True}),
]


def trajectory(lib, name, options, steps=30, seed=0):
    """Los parámetros tras cada paso, con gradientes aleatorios fijados de antemano."""
    rng = np.random.default_rng(seed)
    params = [lib.nn.Parameter(lib.tensor(rng.standard_normal(s).astype(np.float32))) for s in SHAPES]
    opt = getattr(lib.optim, name)(params, **options)
    history = []
    for step in range(steps):
        for i, p in enumerate(params):
            if step % 7 == 3 and i == 1:
                p.grad = None  # de vez en cuando, un parámetro sin gradiente: no se mueve
                continue
            p.grad = lib.tensor(rng.standard_normal(p.shape).astype(np.float32))
        opt.step()
        history.append([p.detach().numpy().copy() for p in params])
    return history, opt


@pytest.mark.parametrize("name, options", CONFIGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CONFIGS)])
def test_misma_trayectoria(name, options):
    expected, _ = trajectory(torch, name, options)
    found, _ = trajectory(minitorch, name, options)
    for step, (a, b) in enumerate(zip(expected, found)):
        for x, y in zip(a, b):
            np.testing.assert_allclose(y, x, rtol=1e-5, atol=1e-6, err_msg=f"paso {step}")


@pytest.mark.parametrize("name, options", CONFIGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CONFIGS)])
def test_mismo_estado_grupos_y_texto(name, options):
    _, t_opt = trajectory(torch, name, options, steps=3)
    _, m_opt = trajectory(minitorch, name, options, steps=3)
    assert repr(m_opt) == repr(t_opt)
    t_state, m_state = t_opt.state_dict(), m_opt.state_dict()
    assert m_state["param_groups"] == t_state["param_groups"]
    assert list(m_state["state"]) == list(t_state["state"])
    for index, t_entry in t_state["state"].items():
        m_entry = m_state["state"][index]
        assert list(m_entry) == list(t_entry)
        for key, value in t_entry.items():
            assert m_entry[key].dtype.name == str(value.dtype).replace("torch.", "")
            np.testing.assert_allclose(m_entry[key].numpy(), value.numpy(), rtol=1e-5, atol=1e-6)


def test_cargar_el_estado_y_seguir_igual_que_pytorch():
    """Se entrena, se guarda el estado, se carga en un optimizador nuevo y se sigue: mismo resultado."""
    results = []
    for lib in (torch, minitorch):
        history, opt = trajectory(lib, "Adam", {"lr": 0.01}, steps=5)
        params = [lib.nn.Parameter(lib.tensor(a)) for a in history[-1]]
        fresh = lib.optim.Adam(params, lr=0.5)
        fresh.load_state_dict(opt.state_dict())
        for p in params:
            p.grad = lib.ones(p.shape)
        fresh.step()
        results.append([p.detach().numpy() for p in params])
    for a, b in zip(*results):
        np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)


# --- programadores de la tasa de aprendizaje -------------------------------------------------------------
SCHEDULERS = {
    "StepLR": lambda S, opt: S.StepLR(opt, step_size=3, gamma=0.5),
    "ExponentialLR": lambda S, opt: S.ExponentialLR(opt, gamma=0.9),
    "LambdaLR": lambda S, opt: S.LambdaLR(opt, lambda epoch: 1 / (1 + epoch)),
    "CosineAnnealingLR": lambda S, opt: S.CosineAnnealingLR(opt, T_max=4, eta_min=0.01),
    "StepLR y ExponentialLR encadenados": lambda S, opt: (S.StepLR(opt, 2), S.ExponentialLR(opt, 0.8)),
}


@pytest.mark.parametrize("name", list(SCHEDULERS))
def test_programadores_dan_las_mismas_tasas_que_pytorch(name):
    curves = []
    for lib in (torch, minitorch):
        p = lib.nn.Parameter(lib.ones(2))
        opt = lib.optim.SGD([{"params": [p]}, {"params": [lib.nn.Parameter(lib.ones(1))], "lr": 0.3}], lr=0.1)
        made = SCHEDULERS[name](lib.optim.lr_scheduler, opt)
        schedulers = made if isinstance(made, tuple) else (made,)
        curve = []
        for _ in range(12):
            opt.step()
            for s in schedulers:
                s.step()
            curve.append([g["lr"] for g in opt.param_groups] + list(schedulers[-1].get_last_lr()))
        curves.append(curve)
        state = schedulers[0].state_dict()
        assert "optimizer" not in state and state["last_epoch"] == 12
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-12)


def test_programador_reanudado_con_su_state_dict():
    for lib in (torch, minitorch):
        p = lib.nn.Parameter(lib.ones(1))
        opt = lib.optim.SGD([p], lr=1.0)
        first = lib.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
        for _ in range(5):
            opt.step()
            first.step()
        opt2 = lib.optim.SGD([p], lr=1.0)
        opt2.load_state_dict(opt.state_dict())
        second = lib.optim.lr_scheduler.StepLR(opt2, step_size=2, gamma=0.5)
        second.load_state_dict(first.state_dict())
        opt.step()
        opt2.step()
        second.step()
        first.step()
        assert second.get_last_lr() == first.get_last_lr() == [0.125]


def test_aviso_si_el_programador_va_antes_que_el_optimizador():
    for lib in (torch, minitorch):
        opt = lib.optim.SGD([lib.nn.Parameter(lib.ones(1))], lr=1.0)
        scheduler = lib.optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)
        with pytest.warns(UserWarning):
            scheduler.step()
        opt2 = lib.optim.SGD([lib.nn.Parameter(lib.ones(1))], lr=1.0)
        scheduler2 = lib.optim.lr_scheduler.ExponentialLR(opt2, gamma=0.5)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            opt2.step()
            scheduler2.step()


@pytest.mark.parametrize("order", ["oSs", "Sos", "Ss", "oSos", "Sg", "Sosg", "Sl", "SoTs", "oSTs", "SosSs"])
def test_avisos_del_planificador_como_pytorch(order):
    """Los mismos avisos en la misma secuencia: o = optimizer.step(), S/T = crear StepLR/ExponentialLR,
    s = scheduler.step(), g = get_lr() (avisa: fuera de step() hay que usar get_last_lr()), l = get_last_lr()."""
    counts = []
    for lib in (torch, minitorch):
        p = lib.zeros(1, requires_grad=True)
        optimizer = lib.optim.SGD([p], lr=0.1)
        scheduler = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for action in order:
                if action == "o":
                    optimizer.step()
                elif action == "S":
                    scheduler = lib.optim.lr_scheduler.StepLR(optimizer, 2)
                elif action == "T":
                    lib.optim.lr_scheduler.ExponentialLR(optimizer, 0.9)
                elif action == "s":
                    scheduler.step()
                elif action == "g":
                    scheduler.get_lr()
                else:
                    scheduler.get_last_lr()
        counts.append([w.category for w in caught])
    assert counts[1] == counts[0]


def test_state_dict_del_planificador_con_las_claves_de_pytorch():
    keys = []
    for lib in (torch, minitorch):
        optimizer = lib.optim.SGD([lib.zeros(1, requires_grad=True)], lr=0.1)
        keys.append(sorted(lib.optim.lr_scheduler.StepLR(optimizer, 2).state_dict()))
    assert keys[1] == keys[0]


def test_optimizador_con_named_parameters_como_pytorch():
    """``SGD(modelo.named_parameters())``: los nombres van al grupo (``param_names``) y al state_dict."""
    results = []
    for lib in (torch, minitorch):
        lib.manual_seed(0)
        model = lib.nn.Linear(2, 1)
        optimizer = lib.optim.SGD(model.named_parameters(), lr=0.1)
        model(lib.ones(3, 2)).sum().backward()
        optimizer.step()
        errors = []
        for bad in (lambda: lib.optim.SGD([("w", model.weight), model.bias], lr=0.1),
                    lambda: lib.optim.SGD([model.weight], lr=0.1).add_param_group({"params": [("b", model.bias)]})):
            try:
                bad()
                errors.append(None)
            except ValueError:
                errors.append(ValueError)
        results.append((list(optimizer.param_groups[0]), optimizer.state_dict()["param_groups"],
                        repr(optimizer), errors, model.weight.tolist()))
    assert results[1][:4] == results[0][:4]
    np.testing.assert_allclose(results[1][4], results[0][4], rtol=1e-6)
