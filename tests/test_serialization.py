"""Guardar y cargar (``minitorch.save``/``load``) y copiar tensores (``pickle``, ``copy.deepcopy``).

Lo que se comprueba: los valores, los tipos, las vistas que comparten almacenamiento, que un tensor
copiado sigue mirando la memoria de su almacenamiento, que con ``weights_only=True`` no se construye
nada que no sea un tensor o un tipo básico, y que PyTorch se comporta igual (si está instalado).
"""

import copy
import io
import os
import pickle
from collections import OrderedDict

import numpy as np
import pytest

import minitorch
from minitorch import nn

try:
    import torch
except ImportError:  # pragma: no cover - depende de la instalación
    torch = None

needs_torch = pytest.mark.skipif(torch is None, reason="PyTorch no está instalado")
LIBS = [minitorch] + ([torch] if torch is not None else [])


def roundtrip(lib, obj, **load_args):
    buffer = io.BytesIO()
    lib.save(obj, buffer)
    buffer.seek(0)
    return lib.load(buffer, **load_args)


# --- pickle y deepcopy de tensores ----------------------------------------------------------------
@pytest.mark.parametrize("copier", [lambda o: pickle.loads(pickle.dumps(o)), copy.deepcopy], ids=["pickle", "deepcopy"])
def test_las_vistas_copiadas_juntas_comparten_almacenamiento(copier):
    base = minitorch.arange(12.0).view(3, 4)
    base._values()  # con el array de numpy ya creado: el que se copie no puede ser ese
    column = base[:, 1]
    base2, column2 = copier((base, column))
    assert column2.storage() is base2.storage() and column2.storage() is not base.storage()
    assert (column2.stride(), column2.storage_offset()) == (column.stride(), column.storage_offset())
    base2.add_(100)
    assert column2.tolist() == [101.0, 105.0, 109.0]
    assert base2.storage().tolist() == [v + 100 for v in range(12)]
    assert base.tolist() == np.arange(12.0).reshape(3, 4).tolist()  # el original no cambia


def test_pickle_guarda_requires_grad_y_atributos_pero_no_el_gradiente_ni_el_grafo():
    leaf = minitorch.ones(2, requires_grad=True)
    leaf.grad = minitorch.full((2,), 3.0)
    leaf.nota = "hola"
    result = leaf * 2
    loaded_leaf, loaded_result = pickle.loads(pickle.dumps((leaf, result)))
    assert loaded_leaf.requires_grad and loaded_leaf.grad is None and loaded_leaf.nota == "hola"
    assert loaded_result.requires_grad and loaded_result.grad_fn is None and loaded_result.tolist() == [2.0, 2.0]


def test_deepcopy_copia_el_gradiente_y_rechaza_lo_que_no_es_hoja():
    leaf = minitorch.ones(2, requires_grad=True)
    leaf.grad = minitorch.full((2,), 3.0)
    clone = copy.deepcopy(leaf)
    assert clone.requires_grad and clone.grad.tolist() == [3.0, 3.0]
    assert clone.grad.storage() is not leaf.grad.storage()
    before = leaf.tolist()
    with pytest.raises(RuntimeError, match="hojas del grafo"):
        copy.deepcopy(leaf * 2)
    assert leaf.tolist() == before


def test_un_modulo_copiado_tiene_sus_propios_parametros():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    twin = copy.deepcopy(model)
    for p, q in zip(model.parameters(), twin.parameters()):
        assert type(q) is nn.Parameter and q.equal(p) and q.storage() is not p.storage()
    with minitorch.no_grad():
        twin[0].weight.add_(1)
    assert not twin[0].weight.equal(model[0].weight)


# --- save y load ----------------------------------------------------------------------------------
def test_state_dict_de_ida_y_vuelta_por_un_fichero(tmp_path):
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    path = tmp_path / "modelo.pt"
    minitorch.save(model.state_dict(), path)
    state = minitorch.load(path)
    assert type(state) is OrderedDict and list(state) == list(model.state_dict())
    fresh = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    assert str(fresh.load_state_dict(state)) == "<All keys matched successfully>"
    x = minitorch.randn(5, 3)
    assert fresh(x).equal(model(x))


@pytest.mark.parametrize("path_type", [str, os.fsencode, lambda p: p], ids=["str", "bytes", "Path"])
def test_save_y_load_aceptan_rutas_de_cualquier_tipo(tmp_path, path_type):
    path = path_type(tmp_path / "t.pt")
    minitorch.save(minitorch.tensor([1, 2, 3]), path)
    loaded = minitorch.load(path)
    assert loaded.dtype is minitorch.int64 and loaded.tolist() == [1, 2, 3]


def test_tipos_y_estructuras_basicas_se_cargan_con_weights_only():
    obj = {
        "tensores": [minitorch.tensor([1.5], dtype=minitorch.float64), minitorch.tensor([True, False])],
        "forma": minitorch.Size([2, 3]),
        "tipo": minitorch.float32,
        "param": nn.Parameter(minitorch.ones(2)),
        "números": (1, 2.5, None, True, "texto", b"bytes", 2**70),
        "escalar numpy": np.float32(0.5),
    }
    loaded = roundtrip(minitorch, obj)
    assert loaded["tensores"][0].dtype is minitorch.float64 and loaded["tensores"][1].tolist() == [True, False]
    assert loaded["forma"] == minitorch.Size([2, 3]) and type(loaded["forma"]) is minitorch.Size
    assert loaded["tipo"] is minitorch.float32
    assert type(loaded["param"]) is nn.Parameter and loaded["param"].requires_grad
    assert loaded["números"] == obj["números"] and loaded["escalar numpy"] == np.float32(0.5)


def test_el_estado_de_un_optimizador_se_guarda_y_se_recupera():
    model = nn.Linear(2, 1)
    opt = minitorch.optim.Adam(model.parameters(), lr=0.1)
    model(minitorch.ones(3, 2)).sum().backward()
    opt.step()
    state = roundtrip(minitorch, opt.state_dict())
    twin = minitorch.optim.Adam(model.parameters(), lr=0.1)
    twin.load_state_dict(state)
    assert twin.state_dict()["param_groups"] == opt.state_dict()["param_groups"]
    assert twin.state[model.weight]["exp_avg"].equal(opt.state[model.weight]["exp_avg"])


class Cualquiera:
    def __init__(self):
        self.valor = 7


@pytest.mark.parametrize("obj", [Cualquiera(), nn.Linear(2, 2)], ids=["clase propia", "módulo entero"])
def test_weights_only_rechaza_otras_clases_y_sin_el_las_carga(obj):
    with pytest.raises(pickle.UnpicklingError, match="weights_only=False"):
        roundtrip(minitorch, obj)
    loaded = roundtrip(minitorch, obj, weights_only=False)
    assert type(loaded) is type(obj)


def test_weights_only_no_ejecuta_lo_que_pide_el_fichero(tmp_path):
    class Trampa:
        def __reduce__(self):
            return (os.mkdir, (str(tmp_path / "creada_al_cargar"),))

    buffer = io.BytesIO(pickle.dumps(Trampa()))
    with pytest.raises(pickle.UnpicklingError, match="posix.mkdir|os.mkdir|nt.mkdir"):
        minitorch.load(buffer)
    assert not (tmp_path / "creada_al_cargar").exists()


def test_map_location_solo_cpu():
    t = minitorch.tensor([1.0])
    for where in (None, "cpu", minitorch.device("cpu"), lambda storage, loc: storage, {"cuda:0": "cpu"}):
        assert roundtrip(minitorch, t, map_location=where).tolist() == [1.0]
    with pytest.raises(RuntimeError, match="cuda"):
        roundtrip(minitorch, t, map_location="cuda")


def test_un_fichero_que_no_existe():
    with pytest.raises(FileNotFoundError):
        minitorch.load("/no/existe/modelo.pt")


@needs_torch
def test_un_fichero_de_pytorch_se_explica_en_lugar_de_fallar_a_ciegas():
    buffer = io.BytesIO()
    torch.save({"a": torch.ones(2)}, buffer)
    buffer.seek(0)
    with pytest.raises(RuntimeError, match="PyTorch"):
        minitorch.load(buffer)


# --- el mismo comportamiento que PyTorch ------------------------------------------------------------
@needs_torch
def test_mismo_comportamiento_que_pytorch():
    """Lo mismo en las dos bibliotecas: valores, vistas compartidas, requires_grad, errores."""
    outcomes = []
    for lib in LIBS:
        base = lib.arange(6.0).requires_grad_()
        view = base.detach()[2:]
        b2, v2 = roundtrip(lib, (base, view))
        v2.add_(1)  # v2 comparte memoria con b2
        row = [b2.tolist(), v2.storage_offset(), b2.requires_grad, b2.grad is None, b2.is_leaf]
        with pytest.raises(pickle.UnpicklingError):
            roundtrip(lib, Cualquiera())
        with pytest.raises(RuntimeError):
            copy.deepcopy(base * 2)
        outcomes.append(row)
    assert outcomes[0] == outcomes[1]
