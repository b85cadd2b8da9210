"""Pruebas de ``minitorch.datasets``: los dígitos de UCI que viajan con el paquete.

Los números esperados (cuántos ejemplos de cada clase, los píxeles) salen del CSV original de
scikit-learn si está en la máquina y, si no, del propio ``digitos.npz``: ninguno está escrito a mano.
La prueba de paridad (marca ``paridad``) recorre los mismos datos con PyTorch y se salta sin torch.
"""

import gzip
import os
import shutil
import socket
from pathlib import Path

import numpy as np
import pytest

import minitorch
from minitorch.datasets import Digits
from minitorch.utils.data import DataLoader, Dataset, random_split

NPZ = Path(minitorch.datasets.__file__).resolve().parent / "digitos.npz"
# El CSV del que sale digitos.npz (tools/make_digits.py); se puede indicar otro con MINITORCH_DIGITS_CSV.
CSV = Path(os.environ.get("MINITORCH_DIGITS_CSV", "/tmp/skl/x/sklearn/datasets/data/digits.csv.gz"))


def referencia():
    """Imágenes (N×8×8) y etiquetas (N) leídas sin minitorch: del CSV si está, si no del npz."""
    if CSV.is_file():
        with gzip.open(CSV, "rt", encoding="ascii") as fichero:
            tabla = np.loadtxt(fichero, delimiter=",", dtype=np.int64, ndmin=2)
        return tabla[:, :64].reshape(-1, 8, 8), tabla[:, 64]
    with np.load(NPZ) as arrays:
        return arrays["images"].astype(np.int64), arrays["labels"].astype(np.int64)


@pytest.fixture(scope="module")
def digitos():
    return Digits()


@pytest.fixture(scope="module")
def esperado():
    return referencia()


def test_el_fichero_es_pequeno_y_uint8():
    assert NPZ.stat().st_size < 100_000
    with np.load(NPZ) as arrays:
        assert sorted(arrays.files) == ["images", "labels"]
        assert arrays["images"].dtype == np.uint8 and arrays["labels"].dtype == np.uint8


def test_forma_tipo_y_longitud(digitos, esperado):
    imagenes, etiquetas = esperado
    assert len(digitos) == len(etiquetas) == 1797
    assert isinstance(digitos, Dataset)
    assert digitos.data.shape == (len(etiquetas), 8, 8) and digitos.data.dtype is minitorch.int64
    assert digitos.targets.shape == (len(etiquetas),) and digitos.targets.dtype is minitorch.int64
    imagen, etiqueta = digitos[0]
    assert imagen.shape == (1, 8, 8) and imagen.dtype is minitorch.float32
    assert type(etiqueta) is int and etiqueta == etiquetas[0]
    assert digitos.classes[3] == "3 - tres" and len(digitos.classes) == 10
    assert digitos.class_to_idx["7 - siete"] == 7


def test_los_datos_son_los_del_original(digitos, esperado):
    imagenes, etiquetas = esperado
    np.testing.assert_array_equal(digitos.data.numpy(), imagenes)
    np.testing.assert_array_equal(digitos.targets.numpy(), etiquetas)
    for i in (0, 1, 500, -1):
        imagen, etiqueta = digitos[i]
        np.testing.assert_array_equal(imagen.numpy(), imagenes[i][None].astype(np.float32))
        assert etiqueta == etiquetas[i]


def test_los_pixeles_van_de_0_a_16_sin_normalizar(digitos, esperado):
    assert digitos.data.min().item() == 0 and digitos.data.max().item() == 16
    assert digitos.data.min().item() == esperado[0].min() and digitos.data.max().item() == esperado[0].max()
    imagenes = minitorch.stack([digitos[i][0] for i in range(0, len(digitos), 97)])
    assert imagenes.min().item() >= 0 and imagenes.max().item() <= 16
    assert imagenes.max().item() == 16.0  # valores tal cual: sin dividir entre 16


def test_cuantos_ejemplos_de_cada_clase(digitos, esperado):
    cuentas = np.bincount(esperado[1], minlength=10)
    assert [(digitos.targets == k).sum().item() for k in range(10)] == cuentas.tolist()
    assert sorted(set(digitos.targets.tolist())) == list(range(10))


def test_dataloader_da_lotes_n_1_8_8(digitos, esperado):
    loader = DataLoader(digitos, batch_size=64)
    lotes = list(loader)
    assert len(loader) == len(lotes) == -(-len(digitos) // 64)
    x, y = lotes[0]
    assert x.shape == (64, 1, 8, 8) and x.dtype is minitorch.float32
    assert y.shape == (64,) and y.dtype is minitorch.int64
    assert y.tolist() == esperado[1][:64].tolist()
    ultimo = len(digitos) - 64 * (len(lotes) - 1)
    assert lotes[-1][0].shape == (ultimo, 1, 8, 8)
    assert sum(len(b[1]) for b in lotes) == len(digitos)


def test_random_split_con_generador_es_reproducible(digitos, esperado):
    def trozos(semilla):
        return random_split(digitos, [0.8, 0.2], generator=minitorch.Generator().manual_seed(semilla))

    entrenamiento, prueba = trozos(0)
    n_entrenamiento = int(len(digitos) * 0.8)
    assert (len(entrenamiento), len(prueba)) == (n_entrenamiento + 1, len(digitos) - n_entrenamiento - 1)
    assert sorted(list(entrenamiento.indices) + list(prueba.indices)) == list(range(len(digitos)))
    assert list(entrenamiento.indices) == list(trozos(0)[0].indices)
    assert list(entrenamiento.indices) != list(trozos(1)[0].indices)
    i = prueba.indices[5]
    imagen, etiqueta = prueba[5]
    assert imagen.equal(digitos[i][0]) and etiqueta == esperado[1][i]
    x, y = next(iter(DataLoader(prueba, batch_size=10, shuffle=True, generator=minitorch.Generator().manual_seed(3))))
    assert x.shape == (10, 1, 8, 8) and y.shape == (10,)


def test_transformaciones_como_funciones(esperado):
    digitos = Digits(transform=lambda x: (x / 16).flatten(), target_transform=lambda y: y == 0)
    imagen, es_cero = digitos[10]
    assert imagen.shape == (64,) and imagen.dtype is minitorch.float32
    np.testing.assert_allclose(imagen.numpy(), esperado[0][10].reshape(64) / 16, rtol=1e-6)
    assert es_cero is bool(esperado[1][10] == 0)
    x, y = next(iter(DataLoader(digitos, batch_size=8)))
    assert x.shape == (8, 64) and x.max().item() <= 1.0 and y.dtype is minitorch.bool
    assert "Transformación" in repr(digitos) and "1797" in repr(digitos)


def test_recortar_data_y_targets_como_en_mnist():
    digitos = Digits()
    digitos.data, digitos.targets = digitos.data[:100], digitos.targets[:100]
    assert len(digitos) == 100 and len(list(DataLoader(digitos, batch_size=30))) == 4
    with pytest.raises(IndexError):
        digitos[100]


def test_funciona_sin_red_y_solo_lee_su_fichero(monkeypatch, tmp_path):
    def sin_red(*args, **kwargs):
        raise AssertionError("Digits no debe usar la red")

    monkeypatch.setattr(socket.socket, "connect", sin_red)
    monkeypatch.setattr(socket, "create_connection", sin_red)
    abiertos = []
    np_load = np.load
    monkeypatch.setattr(np, "load", lambda ruta, *a, **k: abiertos.append(Path(ruta)) or np_load(ruta, *a, **k))
    assert len(Digits()) == 1797
    assert abiertos == [NPZ]
    shutil.copy(NPZ, tmp_path / NPZ.name)
    copia = Digits(root=tmp_path)
    assert len(copia) == 1797 and copia.root == str(tmp_path) and abiertos[-1] == tmp_path / NPZ.name


def test_sin_fichero_no_descarga_nada(tmp_path):
    with pytest.raises(RuntimeError, match="no se encuentra el conjunto de datos Digits"):
        Digits(root=tmp_path)


@pytest.mark.paridad
def test_lotes_barajados_como_pytorch():
    """Un ``Dataset`` de PyTorch con el mismo ``__getitem__`` que ``MNIST`` tras ``ToTensor`` da los mismos lotes."""
    torch = pytest.importorskip("torch")
    with np.load(NPZ) as arrays:
        imagenes, etiquetas = arrays["images"], arrays["labels"]

    class DigitosTorch(torch.utils.data.Dataset):
        def __getitem__(self, i):
            return torch.from_numpy(imagenes[i].astype(np.float32))[None], int(etiquetas[i])

        def __len__(self):
            return len(etiquetas)

    resultados = []
    for lib, datos in ((torch, DigitosTorch()), (minitorch, Digits())):
        entrenamiento, _ = lib.utils.data.random_split(datos, [0.75, 0.25], generator=lib.Generator().manual_seed(2))
        loader = lib.utils.data.DataLoader(entrenamiento, batch_size=16, shuffle=True, generator=lib.Generator().manual_seed(9))
        lotes = [(x.shape, str(x.dtype).split(".")[-1], x.sum().item(), y.tolist()) for x, y in list(loader)[:5]]
        resultados.append((list(entrenamiento.indices[:20]), lotes))
    assert resultados[1] == resultados[0]
