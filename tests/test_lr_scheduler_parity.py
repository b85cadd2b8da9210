"""Paridad de ``MultiStepLR``, ``ReduceLROnPlateau`` y ``OneCycleLR`` con PyTorch: el mismo programa en las dos
bibliotecas, paso a paso, debe dar las mismas tasas (y, en ``OneCycleLR``, los mismos momentos y ``betas``), el
mismo estado y los mismos errores; y un programador reanudado con su ``state_dict`` debe seguir igual.
"""

import math
import warnings

import numpy as np
import pytest

import minitorch

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.paridad

LIBS = (torch, minitorch)


def make_optimizer(lib, name="SGD", **options):
    """Dos grupos de parámetros con tasas distintas, para ver que cada uno sigue su propio programa."""
    groups = [{"params": [lib.nn.Parameter(lib.ones(2))]}, {"params": [lib.nn.Parameter(lib.ones(1))], "lr": 0.3}]
    return getattr(lib.optim, name)(groups, lr=0.1, **options)


def snapshot(optimizer, scheduler):
    """Lo que se compara en cada paso: las tasas de los grupos, las de get_last_lr() y los momentos."""
    row = [g["lr"] for g in optimizer.param_groups] + list(scheduler.get_last_lr())
    for g in optimizer.param_groups:
        if "betas" in g:
            row += list(g["betas"])
        elif "momentum" in g:
            row.append(g["momentum"])
    return row


def comparable(state):
    """Un state_dict sin lo que no es un número ni una etiqueta (para compararlo entre las dos bibliotecas)."""
    return {k: (dict(v) if k == "milestones" else v) for k, v in state.items()}


# --- MultiStepLR -------------------------------------------------------------------------------------
MILESTONES = [[3, 7, 11], [11, 3, 7], [2, 2, 5], [0, 4], [], [4, 40]]


@pytest.mark.parametrize("milestones", MILESTONES, ids=str)
@pytest.mark.parametrize("gamma", [0.1, 0.5])
def test_multisteplr_mismas_tasas_que_pytorch(milestones, gamma):
    curves, states = [], []
    for lib in LIBS:
        optimizer = make_optimizer(lib)
        scheduler = lib.optim.lr_scheduler.MultiStepLR(optimizer, milestones, gamma=gamma)
        curve = [snapshot(optimizer, scheduler)]
        for _ in range(20):
            optimizer.step()
            scheduler.step()
            curve.append(snapshot(optimizer, scheduler))
        curves.append(curve)
        states.append(comparable(scheduler.state_dict()))
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-12)
    assert states[1] == states[0]


def test_multisteplr_encadenado_con_exponentiallr():
    curves = []
    for lib in LIBS:
        optimizer = make_optimizer(lib)
        S = lib.optim.lr_scheduler
        schedulers = (S.MultiStepLR(optimizer, [2, 5]), S.ExponentialLR(optimizer, 0.9))
        curve = []
        for _ in range(10):
            optimizer.step()
            for s in schedulers:
                s.step()
            curve.append(snapshot(optimizer, schedulers[-1]))
        curves.append(curve)
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-12)


def test_multisteplr_reanudado_con_su_state_dict():
    curves = []
    for lib in LIBS:
        optimizer = make_optimizer(lib)
        first = lib.optim.lr_scheduler.MultiStepLR(optimizer, [2, 4, 4, 9], gamma=0.5)
        for _ in range(5):
            optimizer.step()
            first.step()
        optimizer2 = make_optimizer(lib)
        optimizer2.load_state_dict(optimizer.state_dict())
        second = lib.optim.lr_scheduler.MultiStepLR(optimizer2, [1], gamma=0.9)
        second.load_state_dict(first.state_dict())
        curve = []
        for _ in range(8):
            optimizer2.step()
            second.step()
            curve.append(snapshot(optimizer2, second) + [second.last_epoch])
        curves.append(curve)
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-12)


# --- ReduceLROnPlateau ---------------------------------------------------------------------------------
def scripted_losses(mode):
    """Bajadas, mesetas largas, repuntes y mejoras por debajo del umbral: todo lo que mueve los contadores."""
    values = [1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.79995, 0.8, 0.7, 0.7, 0.71, 0.72, 0.7, 0.7, 0.7, 0.7, 0.7,
              0.5, 0.5, 0.49999, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.39,
              0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39, 0.39]
    return values if mode == "min" else [2.0 - v for v in values]


PLATEAU_CONFIGS = [
    {},
    {"patience": 2},
    {"patience": 0},
    {"patience": 2, "cooldown": 3},
    {"patience": 1, "cooldown": 1, "factor": 0.5, "min_lr": 0.02},
    {"patience": 1, "factor": 0.5, "min_lr": [0.05, 0.001]},
    {"patience": 2, "threshold": 0.05},
    {"patience": 2, "threshold": 0.05, "threshold_mode": "abs"},
    {"patience": 1, "threshold_mode": "abs", "threshold": 0.0},
    {"patience": 1, "factor": 0.9, "eps": 0.02},
    {"mode": "max", "patience": 2, "cooldown": 2},
    {"mode": "max", "patience": 1, "threshold": 0.01, "threshold_mode": "abs", "min_lr": 0.01},
]


def plateau_run(lib, config, losses, as_tensor=False):
    optimizer = make_optimizer(lib)
    scheduler = lib.optim.lr_scheduler.ReduceLROnPlateau(optimizer, **config)
    curve = [snapshot(optimizer, scheduler) + [scheduler.last_epoch]]
    for loss in losses:
        optimizer.step()
        scheduler.step(lib.tensor(loss) if as_tensor else loss)
        counters = [scheduler.best, scheduler.num_bad_epochs, scheduler.cooldown_counter, scheduler.in_cooldown]
        curve.append(snapshot(optimizer, scheduler) + [scheduler.last_epoch] + counters)
    return curve, scheduler


@pytest.mark.parametrize("config", PLATEAU_CONFIGS, ids=str)
def test_reducelronplateau_mismas_tasas_que_pytorch(config):
    losses = scripted_losses(config.get("mode", "min"))
    runs = [plateau_run(lib, config, losses) for lib in LIBS]
    for theirs, ours in zip(runs[0][0], runs[1][0]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    assert comparable(runs[1][1].state_dict()) == comparable(runs[0][1].state_dict())


def test_reducelronplateau_acepta_un_tensor_como_metrica():
    losses = scripted_losses("min")
    runs = [plateau_run(lib, {"patience": 1}, losses, as_tensor=True)[0] for lib in LIBS]
    # El tensor de PyTorch es float32: se compara con la tolerancia de float32.
    for theirs, ours in zip(runs[0], runs[1]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-6)


@pytest.mark.parametrize("config", [{"patience": 1, "cooldown": 2, "min_lr": [0.01, 0.001]},
                                    {"mode": "max", "patience": 0, "threshold_mode": "abs"}], ids=str)
def test_reducelronplateau_reanudado_con_su_state_dict(config):
    losses = scripted_losses(config.get("mode", "min"))
    curves = []
    for lib in LIBS:
        optimizer = make_optimizer(lib)
        first = lib.optim.lr_scheduler.ReduceLROnPlateau(optimizer, **config)
        for loss in losses[:20]:
            optimizer.step()
            first.step(loss)
        optimizer2 = make_optimizer(lib)
        optimizer2.load_state_dict(optimizer.state_dict())
        second = lib.optim.lr_scheduler.ReduceLROnPlateau(optimizer2, mode=config.get("mode", "min"))
        second.load_state_dict(first.state_dict())
        curve = []
        for loss in losses[20:]:
            optimizer2.step()
            second.step(loss)
            curve.append(snapshot(optimizer2, second) + [second.last_epoch, second.best, second.num_bad_epochs])
        curves.append(curve)
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-12)


def test_reducelronplateau_con_un_grupo_nuevo_como_pytorch():
    """Con un único min_lr se reparte al grupo añadido; con una lista, reducir es un RuntimeError."""
    outcomes = []
    for lib in LIBS:
        row = []
        for min_lr in (0.05, [0.05, 0.0]):
            optimizer = make_optimizer(lib)
            scheduler = lib.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=0, min_lr=min_lr)
            optimizer.add_param_group({"params": [lib.nn.Parameter(lib.ones(1))], "lr": 1.0})
            scheduler.step(1.0)
            try:
                scheduler.step(2.0)
                row.append([g["lr"] for g in optimizer.param_groups])
            except RuntimeError:
                row.append("RuntimeError")
        outcomes.append(row)
    assert outcomes[1] == outcomes[0]


def test_reducelronplateau_no_avisa_ni_toca_initial_lr():
    """No usa el constructor de la base: ni el aviso de step() antes que optimizer.step(), ni initial_lr."""
    for lib in LIBS:
        optimizer = make_optimizer(lib)
        scheduler = lib.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            scheduler.step(1.0)
            scheduler.step(1.0)
        assert all("initial_lr" not in g for g in optimizer.param_groups)
        assert isinstance(scheduler, lib.optim.lr_scheduler.LRScheduler)
        assert scheduler.last_epoch == 2 and scheduler.get_last_lr() == [0.1, 0.3]


# --- OneCycleLR ----------------------------------------------------------------------------------------
ONECYCLE_CONFIGS = [
    ("SGD", {"momentum": 0.9}, {"max_lr": 1.0, "total_steps": 40}),
    ("SGD", {}, {"max_lr": [1.0, 0.5], "total_steps": 25, "anneal_strategy": "linear"}),
    ("SGD", {"momentum": 0.9}, {"max_lr": 0.5, "epochs": 4, "steps_per_epoch": 9, "three_phase": True}),
    ("SGD", {"momentum": 0.9}, {"max_lr": 0.5, "total_steps": 30, "three_phase": True, "anneal_strategy": "linear",
                                "pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0}),
    ("SGD", {"momentum": 0.9}, {"max_lr": 0.5, "total_steps": 20, "base_momentum": [0.8, 0.7],
                                "max_momentum": [0.9, 0.99]}),
    ("SGD", {}, {"max_lr": 0.5, "total_steps": 20, "cycle_momentum": False}),
    ("SGD", {"momentum": 0.9}, {"max_lr": 0.5, "total_steps": 7, "pct_start": 0.0}),
    ("SGD", {"momentum": 0.9}, {"max_lr": 0.5, "total_steps": 1}),
    ("Adam", {}, {"max_lr": 0.01, "total_steps": 30}),
    ("Adam", {"betas": (0.8, 0.95)}, {"max_lr": [0.01, 0.02], "total_steps": 30, "three_phase": True}),
    ("AdamW", {}, {"max_lr": 0.01, "epochs": 3, "steps_per_epoch": 5, "anneal_strategy": "linear"}),
    ("RMSprop", {}, {"max_lr": 0.01, "total_steps": 12}),
    ("RMSprop", {}, {"max_lr": 0.01, "total_steps": 12, "cycle_momentum": False}),
]


def onecycle_total(config):
    return config.get("total_steps") or config["epochs"] * config["steps_per_epoch"]


@pytest.mark.parametrize("name,options,config", ONECYCLE_CONFIGS, ids=str)
def test_onecyclelr_mismas_tasas_y_momentos_que_pytorch(name, options, config):
    curves, states, errors = [], [], []
    for lib in LIBS:
        optimizer = make_optimizer(lib, name, **options)
        scheduler = lib.optim.lr_scheduler.OneCycleLR(optimizer, **config)
        curve = [snapshot(optimizer, scheduler)]
        for _ in range(onecycle_total(config) - 1):
            optimizer.step()
            scheduler.step()
            curve.append(snapshot(optimizer, scheduler))
        curves.append(curve)
        states.append(scheduler.state_dict())
        extremes = ("initial_lr", "max_lr", "min_lr", "max_momentum", "base_momentum")
        states[-1]["grupos"] = [{k: g[k] for k in extremes if k in g} for g in optimizer.param_groups]
        # El paso total_steps todavía se calcula (en la última fase); el siguiente ya es un error.
        optimizer.step()
        try:
            scheduler.step()
            scheduler.step()
        except ValueError:
            errors.append(("ValueError", scheduler.last_epoch, snapshot(optimizer, scheduler)))
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-12, atol=1e-15)
    assert states[1].keys() == states[0].keys()
    for key in states[0]:
        if key == "_last_lr":
            np.testing.assert_allclose(states[1][key], states[0][key], rtol=1e-12)
        else:
            assert states[1][key] == states[0][key], key  # las fases y los extremos se calculan igual: exactos
    assert len(errors) == 2 and errors[1][:2] == errors[0][:2]
    np.testing.assert_allclose(errors[1][2], errors[0][2], rtol=1e-12)


@pytest.mark.parametrize("name,options,config", [ONECYCLE_CONFIGS[0], ONECYCLE_CONFIGS[3], ONECYCLE_CONFIGS[9]], ids=str)
def test_onecyclelr_reanudado_con_su_state_dict(name, options, config):
    total = onecycle_total(config)
    curves = []
    for lib in LIBS:
        optimizer = make_optimizer(lib, name, **options)
        first = lib.optim.lr_scheduler.OneCycleLR(optimizer, **config)
        for _ in range(total // 2):
            optimizer.step()
            first.step()
        optimizer2 = make_optimizer(lib, name, **options)
        optimizer2.load_state_dict(optimizer.state_dict())
        second = lib.optim.lr_scheduler.OneCycleLR(optimizer2, **config)
        second.load_state_dict(first.state_dict())
        curve = []
        for _ in range(total - total // 2 - 1):
            optimizer2.step()
            second.step()
            curve.append(snapshot(optimizer2, second) + [second.last_epoch])
        curves.append(curve)
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-12)


def test_onecyclelr_reanudado_con_last_epoch():
    """Con last_epoch no se reescriben los extremos del grupo: se siguen los que dejó el primer programador."""
    curves = []
    for lib in LIBS:
        optimizer = make_optimizer(lib, "SGD", momentum=0.9)
        first = lib.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1.0, total_steps=20)
        for _ in range(6):
            optimizer.step()
            first.step()
        second = lib.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=7.0, total_steps=20, last_epoch=6)
        curve = [snapshot(optimizer, second)]
        for _ in range(10):
            optimizer.step()
            second.step()
            curve.append(snapshot(optimizer, second))
        curves.append(curve)
    np.testing.assert_allclose(curves[1], curves[0], rtol=1e-12)


def test_onecyclelr_pct_start_1_divide_por_cero_como_pytorch():
    for lib in LIBS:
        optimizer = make_optimizer(lib, "SGD", momentum=0.9)
        scheduler = lib.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1.0, total_steps=4, pct_start=1.0)
        for _ in range(3):
            optimizer.step()
            scheduler.step()
        with pytest.raises(ZeroDivisionError):
            scheduler.step()


# --- errores y estado ------------------------------------------------------------------------------------
def bad(factory, **options):
    return lambda lib: factory(lib.optim.lr_scheduler, make_optimizer(lib, **options))


BAD_ARGUMENTS = {
    "plateau factor 1": (bad(lambda S, o: S.ReduceLROnPlateau(o, factor=1.0)), "1.0"),
    "plateau factor 2 antes que el optimizador": (lambda lib: lib.optim.lr_scheduler.ReduceLROnPlateau("x", factor=2), "2"),
    "plateau sin optimizador": (lambda lib: lib.optim.lr_scheduler.ReduceLROnPlateau("x"), "str"),
    "plateau modo": (bad(lambda S, o: S.ReduceLROnPlateau(o, mode="mínimo")), "'mínimo'"),
    "plateau threshold_mode": (bad(lambda S, o: S.ReduceLROnPlateau(o, threshold_mode="relativo")), "'relativo'"),
    "plateau min_lr": (bad(lambda S, o: S.ReduceLROnPlateau(o, min_lr=[0.1, 0.2, 0.3])), "3"),
    "multistep sin optimizador": (lambda lib: lib.optim.lr_scheduler.MultiStepLR("x", [1]), "str"),
    "onecycle sin optimizador": (lambda lib: lib.optim.lr_scheduler.OneCycleLR("x", 1.0), "str"),
    "onecycle sin pasos": (bad(lambda S, o: S.OneCycleLR(o, 1.0)), "total_steps"),
    "onecycle solo epochs": (bad(lambda S, o: S.OneCycleLR(o, 1.0, epochs=3)), "steps_per_epoch"),
    "onecycle total 0": (bad(lambda S, o: S.OneCycleLR(o, 1.0, total_steps=0)), "0"),
    "onecycle total float": (bad(lambda S, o: S.OneCycleLR(o, 1.0, total_steps=5.0)), "5.0"),
    "onecycle epochs 0": (bad(lambda S, o: S.OneCycleLR(o, 1.0, epochs=0, steps_per_epoch=3)), "0"),
    "onecycle steps_per_epoch": (bad(lambda S, o: S.OneCycleLR(o, 1.0, epochs=2, steps_per_epoch=-1)), "-1"),
    "onecycle pct_start 1.5": (bad(lambda S, o: S.OneCycleLR(o, 1.0, total_steps=9, pct_start=1.5)), "1.5"),
    "onecycle pct_start entero": (bad(lambda S, o: S.OneCycleLR(o, 1.0, total_steps=9, pct_start=1)), "1"),
    "onecycle anneal": (bad(lambda S, o: S.OneCycleLR(o, 1.0, total_steps=9, anneal_strategy="exp")), "'exp'"),
    "onecycle max_lr": (bad(lambda S, o: S.OneCycleLR(o, [1.0], total_steps=9)), "1"),
    "onecycle momentum": (bad(lambda S, o: S.OneCycleLR(o, 1.0, total_steps=9, base_momentum=(0.8, 0.8, 0.8))), "3"),
    "onecycle reanudar sin initial_lr": (bad(lambda S, o: S.OneCycleLR(o, 1.0, total_steps=9, last_epoch=3)), "3"),
}


@pytest.mark.parametrize("case", list(BAD_ARGUMENTS))
def test_argumentos_no_validos_como_pytorch(case):
    build, shown = BAD_ARGUMENTS[case]
    kinds = []
    for lib in LIBS:
        with pytest.raises(Exception) as info:
            build(lib)
        kinds.append(type(info.value))
    assert kinds[1] is kinds[0]
    assert shown in str(info.value)  # el mensaje (en español) nombra el valor


def test_onecyclelr_sin_momento_en_el_optimizador():
    """Un optimizador sin momentum ni betas: error con cycle_momentum, y sin él, solo la tasa."""
    results = []
    for lib in LIBS:
        class NoMomentum(lib.optim.Optimizer):
            def __init__(self, params):
                super().__init__(params, {"lr": 0.1})

            def step(self, closure=None):
                pass

        with pytest.raises(ValueError) as info:
            lib.optim.lr_scheduler.OneCycleLR(NoMomentum([lib.nn.Parameter(lib.ones(1))]), 1.0, total_steps=5)
        optimizer = NoMomentum([lib.nn.Parameter(lib.ones(1))])
        scheduler = lib.optim.lr_scheduler.OneCycleLR(optimizer, 1.0, total_steps=5, cycle_momentum=False)
        curve = [scheduler.get_last_lr()]
        for _ in range(4):
            optimizer.step()
            scheduler.step()
            curve.append(scheduler.get_last_lr())
        results.append(curve)
    assert "NoMomentum" in str(info.value)
    np.testing.assert_allclose(results[1], results[0], rtol=1e-12)


def test_onecyclelr_pasado_de_total_steps_nombra_los_pasos():
    optimizer = make_optimizer(minitorch, "SGD", momentum=0.9)
    scheduler = minitorch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1.0, total_steps=3)
    for _ in range(3):
        scheduler.step()
    with pytest.raises(ValueError, match="paso 4.*total_steps=3"):
        scheduler.step()


@pytest.mark.parametrize("build", [
    lambda S, o: S.MultiStepLR(o, [3, 1]),
    lambda S, o: S.ReduceLROnPlateau(o, mode="max", min_lr=[0.0, 0.1]),
    lambda S, o: S.OneCycleLR(o, 1.0, total_steps=10),
    lambda S, o: S.OneCycleLR(o, 1.0, total_steps=10, cycle_momentum=False),
], ids=["MultiStepLR", "ReduceLROnPlateau", "OneCycleLR", "OneCycleLR sin momento"])
def test_state_dict_con_las_claves_de_pytorch(build):
    keys = [sorted(build(lib.optim.lr_scheduler, make_optimizer(lib, momentum=0.5)).state_dict()) for lib in LIBS]
    assert keys[1] == keys[0]


def test_reducelronplateau_load_state_dict_valida_el_modo():
    optimizer = make_optimizer(minitorch)
    scheduler = minitorch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
    state = scheduler.state_dict()
    state["mode"] = "medio"
    with pytest.raises(ValueError, match="'medio'"):
        scheduler.load_state_dict(state)
    state = scheduler.state_dict()
    state["mode"] = "max"
    scheduler.load_state_dict(state)
    assert scheduler.mode_worse == -math.inf
