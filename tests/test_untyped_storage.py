"""``Tensor.untyped_storage()``: los bytes del almacenamiento, sin tipo y sin copiarlos, como en PyTorch 2.

Las pruebas de paridad ejecutan los mismos programas con ``torch`` y con ``minitorch``; se saltan si
PyTorch no está instalado.
"""

import copy
import io
import pickle
import re

import numpy as np
import pytest

import minitorch
from minitorch.storage import UntypedStorage


def seis_float32():
    return minitorch.tensor([[1.0, 4.0], [2.0, 1.0], [3.0, 5.0]])


# --- Tamaños: se cuentan bytes, no elementos -----------------------------------------------------

@pytest.mark.parametrize("dtype, bytes_por_elemento", [
    (minitorch.float32, 4), (minitorch.float64, 8), (minitorch.int64, 8), (minitorch.int32, 4), (minitorch.bool, 1),
])
def test_cuenta_bytes(dtype, bytes_por_elemento):
    t = minitorch.zeros(3, 2, dtype=dtype)
    u = t.untyped_storage()
    assert isinstance(u, UntypedStorage)
    assert len(u) == u.size() == u.nbytes() == 6 * bytes_por_elemento
    assert u.element_size() == 1
    assert len(t.storage()) == 6  # storage() sigue contando elementos, como el TypedStorage de PyTorch


def test_una_vista_ve_todo_el_almacenamiento():
    points = seis_float32()
    for vista in (points[1], points[:, 1], points.t(), points[2, 1], points.view(6)[::2]):
        assert len(vista.untyped_storage()) == 24


def test_tensor_vacio_y_de_cero_dimensiones():
    assert len(minitorch.zeros(0).untyped_storage()) == 0
    assert not minitorch.zeros(0).untyped_storage()
    assert len(minitorch.tensor(3.0).untyped_storage()) == 4


# --- La misma memoria: data_ptr, escrituras en los dos sentidos -----------------------------------

def test_data_ptr_es_el_del_almacenamiento():
    points = seis_float32()
    u = points.untyped_storage()
    assert u.data_ptr() == points.storage().data_ptr() == points.data_ptr()
    segundo = points[1]
    assert segundo.untyped_storage().data_ptr() == u.data_ptr()
    assert segundo.data_ptr() - u.data_ptr() == segundo.storage_offset() * segundo.element_size() == 8
    assert points.clone().untyped_storage().data_ptr() != u.data_ptr()


def test_es_el_mismo_objeto_para_todas_las_vistas():
    points = seis_float32()
    u = points.untyped_storage()
    assert points.t().untyped_storage() is u and points[1].untyped_storage() == u
    assert points.clone().untyped_storage() != u


def test_los_bytes_son_los_de_numpy():
    points = seis_float32()
    assert points.untyped_storage().tolist() == points.numpy().view(np.uint8).ravel().tolist()
    assert list(points.untyped_storage())[:4] == list(np.float32(1.0).tobytes())


def test_no_copia_en_ningun_sentido():
    points = seis_float32()
    u = points.untyped_storage()
    points[0, 0] = 0.0
    assert u.tolist()[:4] == [0, 0, 0, 0]
    for i, b in enumerate(np.float32(-2.0).tobytes()):
        u[i] = b
    assert points[0, 0].item() == -2.0
    assert points._version == 1, "escribir bytes no cuenta como escritura in situ, como en PyTorch"


def test_comparte_la_memoria_de_numpy():
    array = np.arange(6, dtype=np.float32).reshape(3, 2)[:, 1]  # no contiguo: strides de 8 bytes
    t = minitorch.from_numpy(array)
    u = t.untyped_storage()
    assert u.data_ptr() == array.ctypes.data
    assert len(u) == 5 * 4  # del primer elemento al último, como minitorch.from_numpy lo ve
    u[0:4] = 0
    assert array[0] == 0.0


# --- Indexar, cortar, recorrer --------------------------------------------------------------------

def test_indexar_un_byte():
    u = minitorch.arange(6, dtype=minitorch.float32).untyped_storage()
    assert u[-1] == u[23] and isinstance(u[5], int)
    assert u[np.int64(2)] == u[2]
    with pytest.raises(IndexError, match="fuera de rango"):
        u[24]
    with pytest.raises(IndexError):
        u[-25]
    with pytest.raises(TypeError):
        u[1.0]


def test_un_corte_es_una_vista():
    u = minitorch.arange(6, dtype=minitorch.float32).untyped_storage()
    trozo = u[20:]
    assert isinstance(trozo, UntypedStorage) and len(trozo) == 4
    assert trozo.data_ptr() - u.data_ptr() == 20
    trozo[0] = 7
    assert u[20] == 7
    with pytest.raises(RuntimeError, match="paso 1"):
        u[::2]


def test_escribir_un_byte():
    u = minitorch.zeros(2, dtype=minitorch.int32).untyped_storage()
    u[0] = 300
    assert u[0] == 44, "un byte guarda el valor módulo 256, como en PyTorch"
    u[1] = -1
    assert u[1] == 255
    with pytest.raises(RuntimeError):
        u[8] = 1
    with pytest.raises(RuntimeError):
        u[0] = 1.5


def test_repr():
    assert repr(minitorch.tensor([1.5]).untyped_storage()) == (
        " 0\n 0\n 192\n 63\n[minitorch.storage.UntypedStorage(device=cpu) of size 4]")
    assert str(minitorch.zeros(0).untyped_storage()) == " \n[minitorch.storage.UntypedStorage(device=cpu) of size 0]"


# --- Copiar y guardar un tensor cuyo almacenamiento ya se vio en bytes ------------------------------

def test_deepcopy_y_pickle_no_comparten_los_bytes():
    points = seis_float32()
    u = points.untyped_storage()
    for copia in (copy.deepcopy(points), pickle.loads(pickle.dumps(points))):
        assert copia.equal(points)
        assert copia.untyped_storage() is not u
        assert copia.untyped_storage().data_ptr() == copia.data_ptr() != points.data_ptr()
        copia[0, 0] = 9.0
        assert points[0, 0].item() == 1.0


def test_save_y_load_con_weights_only():
    points = seis_float32()
    points.untyped_storage()
    buffer = io.BytesIO()
    minitorch.save({"points": points}, buffer)
    buffer.seek(0)
    cargado = minitorch.load(buffer)["points"]
    assert cargado.equal(points) and len(cargado.untyped_storage()) == 24


# --- Paridad con PyTorch -----------------------------------------------------------------------------

PROGRAMAS = [
    "t = torch.tensor([[1.0, 4.0], [2.0, 1.0], [3.0, 5.0]])",
    "t = torch.arange(6, dtype=torch.float64)[1::2]",
    "t = torch.tensor([1, 2, 3]).t()",
    "t = torch.tensor([True, False])",
    "t = torch.tensor([7], dtype=torch.int32)[0]",
    "t = torch.zeros(0)",
    "t = torch.arange(12.0).view(3, 4)[1:, ::2].t()",
]


def observar(programa: str, lib):
    namespace = {"torch": lib}
    exec(programa, namespace)
    t = namespace["t"]
    u = t.untyped_storage()
    base = u.data_ptr()
    return {
        "tamaños": (len(u), u.size(), u.nbytes(), u.element_size()),
        "bytes": (u.tolist(), list(u), [u[i] for i in range(-len(u), len(u))]),
        "texto": re.sub(r"(?<!mini)torch\.", "minitorch.", repr(u)),
        # Un almacenamiento vacío de PyTorch no tiene memoria (data_ptr 0): su clon no se compara.
        "data_ptr": (t.data_ptr() - base, len(u) > 0 and t.clone().untyped_storage().data_ptr() == base,
                     (t.view(-1) if t.is_contiguous() else t.t()).untyped_storage().data_ptr() == base),
        "mismo objeto": (t.untyped_storage() is u, t.untyped_storage() == u),
        "corte": u[1:3].tolist() if len(u) >= 3 else None,
        "fuera de rango": _excepcion(lambda: u[len(u)]),
    }


def _excepcion(operacion):
    try:
        operacion()
    except Exception as error:  # noqa: BLE001 (se compara el tipo)
        return type(error).__name__
    return None


@pytest.mark.paridad
@pytest.mark.parametrize("programa", PROGRAMAS)
def test_paridad(programa):
    torch = pytest.importorskip("torch")
    esperado, obtenido = observar(programa, torch), observar(programa, minitorch)
    for clave in esperado:
        assert obtenido[clave] == esperado[clave], (clave, obtenido[clave], esperado[clave])


@pytest.mark.paridad
def test_paridad_de_errores_y_escrituras():
    torch = pytest.importorskip("torch")
    for lib in (torch, minitorch):
        u = lib.zeros(2, dtype=lib.int32).untyped_storage()
        u[0], u[1] = 300, -1
        assert (u[0], u[1]) == (44, 255)
        assert _excepcion(lambda: u[1.0]) == "TypeError"
        assert _excepcion(lambda: u[::2]) == "RuntimeError"
        assert _excepcion(lambda: u.__setitem__(8, 1)) == "RuntimeError"
        assert _excepcion(lambda: u.__setitem__(0, 1.5)) == "RuntimeError"
