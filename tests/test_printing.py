"""Pruebas de ``minitorch.printing``: el texto de un tensor debe ser el de PyTorch.

Hay dos clases de pruebas:

* Las explícitas comparan con cadenas copiadas de PyTorch 2.13 (con ``torch.``
  cambiado por ``minitorch.``). No necesitan torch.
* Las de paridad (marca ``paridad``) generan muchos tensores al azar con
  hypothesis y comparan directamente con ``repr`` de PyTorch. Se saltan si
  torch no está instalado (``make torch`` lo instala).
"""

import time
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from minitorch.printing import (
    get_printoptions,
    printoptions,
    set_printoptions,
    storage_repr,
    tensor_repr,
)

DEFAULT_OPTIONS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}

NUMPY_DTYPES = {
    "float32": np.float32,
    "float64": np.float64,
    "int64": np.int64,
    "int32": np.int32,
    "bool": np.bool_,
}


@pytest.fixture(autouse=True)
def default_printoptions():
    """Cada prueba empieza y termina con las opciones por defecto, aunque falle."""
    set_printoptions(profile="default")
    yield
    set_printoptions(profile="default")


# ---------------------------------------------------------------------------
# Casos explícitos: las cadenas esperadas salen de PyTorch 2.13
# ---------------------------------------------------------------------------

CASES = [
    pytest.param(
        np.array([1.0, 2.0, 3.0]), "float32",
        "tensor([1., 2., 3.])",
        id="enteros_como_reales"),
    pytest.param(
        np.array([0.1, 2.5, -3.75]), "float32",
        "tensor([ 0.1000,  2.5000, -3.7500])",
        id="decimales"),
    pytest.param(
        np.array([1.5, -22.25, 333.125]), "float32",
        "tensor([  1.5000, -22.2500, 333.1250])",
        id="columna_comun"),
    pytest.param(
        np.array([1e-5, 1.0]), "float32",
        "tensor([1.0000e-05, 1.0000e+00])",
        id="cientifica_por_pequeno"),
    pytest.param(
        np.array([1e9, 1.0]), "float32",
        "tensor([1.0000e+09, 1.0000e+00])",
        id="cientifica_por_grande"),
    pytest.param(
        np.array([1.0, 1001.0]), "float32",
        "tensor([1.0000e+00, 1.0010e+03])",
        id="cientifica_por_cociente"),
    pytest.param(
        np.array([1.0, 999.0]), "float32",
        "tensor([  1., 999.])",
        id="cociente_justo_bajo_1000"),
    pytest.param(
        np.array([1e8, 1e6]), "float32",
        "tensor([100000000.,   1000000.])",
        id="limite_1e8_no_es_cientifica"),
    pytest.param(
        np.array([1e-30, 1e30, -5.0]), "float64",
        "tensor([ 1.0000e-30,  1.0000e+30, -5.0000e+00], dtype=minitorch.float64)",
        id="magnitudes_extremas"),
    pytest.param(
        np.array([1e-200, 1e200]), "float64",
        "tensor([1.0000e-200, 1.0000e+200], dtype=minitorch.float64)",
        id="exponente_de_tres_cifras"),
    pytest.param(
        np.array([np.nan, 1.0, -np.inf, np.inf]), "float32",
        "tensor([nan, 1., -inf, inf])",
        id="nan_e_inf"),
    pytest.param(
        np.array([np.nan, 0.5, -np.inf]), "float32",
        "tensor([   nan, 0.5000,   -inf])",
        id="nan_con_decimales"),
    pytest.param(
        np.array([np.nan, 1e-6, np.inf]), "float32",
        "tensor([       nan, 1.0000e-06,        inf])",
        id="nan_en_cientifica"),
    pytest.param(
        np.array([np.nan, np.nan]), "float32",
        "tensor([nan, nan])",
        id="solo_nan"),
    pytest.param(
        np.array([0.0, 0.0]), "float32",
        "tensor([0., 0.])",
        id="ceros"),
    pytest.param(
        np.array([-0.0, 1.0]), "float32",
        "tensor([-0., 1.])",
        id="cero_negativo"),
    pytest.param(
        np.array([-0.0, 0.5]), "float32",
        "tensor([-0.0000, 0.5000])",
        id="cero_negativo_con_decimales"),
    pytest.param(
        np.array([0.1, 1 / 3]), "float32",
        "tensor([0.1000, 0.3333])",
        id="float32_redondea_como_double"),
    pytest.param(
        np.arange(30, dtype=np.float32) / 3, "float32",
        ("tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,\n"
         "        3.0000, 3.3333, 3.6667, 4.0000, 4.3333, 4.6667, 5.0000, 5.3333, 5.6667,\n"
         "        6.0000, 6.3333, 6.6667, 7.0000, 7.3333, 7.6667, 8.0000, 8.3333, 8.6667,\n"
         "        9.0000, 9.3333, 9.6667])"),
        id="fila_larga_se_parte"),
    pytest.param(
        np.array([[1.5, -2.25], [3.0, 4.0]]), "float32",
        ("tensor([[ 1.5000, -2.2500],\n"
         "        [ 3.0000,  4.0000]])"),
        id="matriz"),
    pytest.param(
        np.arange(40.0).reshape(2, 20) * 1.5, "float32",
        ("tensor([[ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n"
         "         12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n"
         "         24.0000, 25.5000, 27.0000, 28.5000],\n"
         "        [30.0000, 31.5000, 33.0000, 34.5000, 36.0000, 37.5000, 39.0000, 40.5000,\n"
         "         42.0000, 43.5000, 45.0000, 46.5000, 48.0000, 49.5000, 51.0000, 52.5000,\n"
         "         54.0000, 55.5000, 57.0000, 58.5000]])"),
        id="matriz_ancha"),
    pytest.param(
        np.arange(12.0).reshape(2, 3, 2), "float32",
        ("tensor([[[ 0.,  1.],\n"
         "         [ 2.,  3.],\n"
         "         [ 4.,  5.]],\n"
         "\n"
         "        [[ 6.,  7.],\n"
         "         [ 8.,  9.],\n"
         "         [10., 11.]]])"),
        id="tres_dimensiones"),
    pytest.param(
        np.arange(16).reshape(2, 2, 2, 2), "int64",
        ("tensor([[[[ 0,  1],\n"
         "          [ 2,  3]],\n"
         "\n"
         "         [[ 4,  5],\n"
         "          [ 6,  7]]],\n"
         "\n"
         "\n"
         "        [[[ 8,  9],\n"
         "          [10, 11]],\n"
         "\n"
         "         [[12, 13],\n"
         "          [14, 15]]]])"),
        id="cuatro_dimensiones"),
    pytest.param(
        np.array([1.0, 2.5]), "float64",
        "tensor([1.0000, 2.5000], dtype=minitorch.float64)",
        id="float64_lleva_dtype"),
    pytest.param(
        np.array([1, 2, 3]), "int64",
        "tensor([1, 2, 3])",
        id="enteros"),
    pytest.param(
        np.array([[1, -20], [300, 4]]), "int64",
        ("tensor([[  1, -20],\n"
         "        [300,   4]])"),
        id="enteros_alineados"),
    pytest.param(
        np.array([7, -8]), "int32",
        "tensor([ 7, -8], dtype=minitorch.int32)",
        id="int32_lleva_dtype"),
    pytest.param(
        np.array([True, False, True]), "bool",
        "tensor([ True, False,  True])",
        id="booleanos"),
    pytest.param(
        np.array([[True], [True]]), "bool",
        ("tensor([[True],\n"
         "        [True]])"),
        id="booleanos_solo_true"),
    pytest.param(
        np.array(2.0), "float32",
        "tensor(2.)",
        id="escalar_real"),
    pytest.param(
        np.array(-3.25), "float32",
        "tensor(-3.2500)",
        id="escalar_con_decimales"),
    pytest.param(
        np.array(0.5), "float64",
        "tensor(0.5000, dtype=minitorch.float64)",
        id="escalar_float64"),
    pytest.param(
        np.array(np.nan), "float32",
        "tensor(nan)",
        id="escalar_nan"),
    pytest.param(
        np.array(-0.0), "float32",
        "tensor(-0.)",
        id="escalar_cero_negativo"),
    pytest.param(
        np.array(3), "int64",
        "tensor(3)",
        id="escalar_entero"),
    pytest.param(
        np.array(3), "int32",
        "tensor(3, dtype=minitorch.int32)",
        id="escalar_int32"),
    pytest.param(
        np.array(True), "bool",
        "tensor(True)",
        id="escalar_booleano"),
    pytest.param(
        np.zeros(0), "float32",
        "tensor([])",
        id="vacio"),
    pytest.param(
        np.zeros((0, 3)), "float32",
        "tensor([], size=(0, 3))",
        id="vacio_2d"),
    pytest.param(
        np.zeros((2, 0)), "int32",
        "tensor([], size=(2, 0), dtype=minitorch.int32)",
        id="vacio_2d_int32"),
    pytest.param(
        np.zeros(0), "int32",
        "tensor([], dtype=minitorch.int32)",
        id="vacio_int32"),
    pytest.param(
        np.zeros(0), "int64",
        "tensor([], dtype=minitorch.int64)",
        id="vacio_int64"),
    pytest.param(
        np.zeros(0), "bool",
        "tensor([], dtype=minitorch.bool)",
        id="vacio_bool"),
    pytest.param(
        np.zeros((1, 0, 2)), "float64",
        "tensor([], size=(1, 0, 2), dtype=minitorch.float64)",
        id="vacio_float64"),
    pytest.param(
        np.arange(2000.0), "float32",
        ("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
         "        1.9990e+03])"),
        id="resumen_1d"),
    pytest.param(
        np.arange(10**6).reshape(1000, 1000), "int64",
        ("tensor([[     0,      1,      2,  ...,    997,    998,    999],\n"
         "        [  1000,   1001,   1002,  ...,   1997,   1998,   1999],\n"
         "        [  2000,   2001,   2002,  ...,   2997,   2998,   2999],\n"
         "        ...,\n"
         "        [997000, 997001, 997002,  ..., 997997, 997998, 997999],\n"
         "        [998000, 998001, 998002,  ..., 998997, 998998, 998999],\n"
         "        [999000, 999001, 999002,  ..., 999997, 999998, 999999]])"),
        id="resumen_2d_enteros"),
    pytest.param(
        np.arange(1200).reshape(8, 3, 50), "int64",
        ("tensor([[[   0,    1,    2,  ...,   47,   48,   49],\n"
         "         [  50,   51,   52,  ...,   97,   98,   99],\n"
         "         [ 100,  101,  102,  ...,  147,  148,  149]],\n"
         "\n"
         "        [[ 150,  151,  152,  ...,  197,  198,  199],\n"
         "         [ 200,  201,  202,  ...,  247,  248,  249],\n"
         "         [ 250,  251,  252,  ...,  297,  298,  299]],\n"
         "\n"
         "        [[ 300,  301,  302,  ...,  347,  348,  349],\n"
         "         [ 350,  351,  352,  ...,  397,  398,  399],\n"
         "         [ 400,  401,  402,  ...,  447,  448,  449]],\n"
         "\n"
         "        ...,\n"
         "\n"
         "        [[ 750,  751,  752,  ...,  797,  798,  799],\n"
         "         [ 800,  801,  802,  ...,  847,  848,  849],\n"
         "         [ 850,  851,  852,  ...,  897,  898,  899]],\n"
         "\n"
         "        [[ 900,  901,  902,  ...,  947,  948,  949],\n"
         "         [ 950,  951,  952,  ...,  997,  998,  999],\n"
         "         [1000, 1001, 1002,  ..., 1047, 1048, 1049]],\n"
         "\n"
         "        [[1050, 1051, 1052,  ..., 1097, 1098, 1099],\n"
         "         [1100, 1101, 1102,  ..., 1147, 1148, 1149],\n"
         "         [1150, 1151, 1152,  ..., 1197, 1198, 1199]]])"),
        id="resumen_3d"),
    pytest.param(
        np.arange(1100).reshape(2, 550), "int32",
        ("tensor([[   0,    1,    2,  ...,  547,  548,  549],\n"
         "        [ 550,  551,  552,  ..., 1097, 1098, 1099]], dtype=minitorch.int32)"),
        id="resumen_eje_corto"),
    pytest.param(
        np.arange(6.0).reshape(2, 3).T, "float32",
        ("tensor([[0., 3.],\n"
         "        [1., 4.],\n"
         "        [2., 5.]])"),
        id="traspuesta"),
    pytest.param(
        np.arange(20).reshape(4, 5)[::-1, ::2], "int64",
        ("tensor([[15, 17, 19],\n"
         "        [10, 12, 14],\n"
         "        [ 5,  7,  9],\n"
         "        [ 0,  2,  4]])"),
        id="invertida_y_saltando"),
    pytest.param(
        np.arange(4000.0).reshape(40, 100)[::-1, ::2], "float64",
        ("tensor([[3.9000e+03, 3.9020e+03, 3.9040e+03,  ..., 3.9940e+03, 3.9960e+03,\n"
         "         3.9980e+03],\n"
         "        [3.8000e+03, 3.8020e+03, 3.8040e+03,  ..., 3.8940e+03, 3.8960e+03,\n"
         "         3.8980e+03],\n"
         "        [3.7000e+03, 3.7020e+03, 3.7040e+03,  ..., 3.7940e+03, 3.7960e+03,\n"
         "         3.7980e+03],\n"
         "        ...,\n"
         "        [2.0000e+02, 2.0200e+02, 2.0400e+02,  ..., 2.9400e+02, 2.9600e+02,\n"
         "         2.9800e+02],\n"
         "        [1.0000e+02, 1.0200e+02, 1.0400e+02,  ..., 1.9400e+02, 1.9600e+02,\n"
         "         1.9800e+02],\n"
         "        [0.0000e+00, 2.0000e+00, 4.0000e+00,  ..., 9.4000e+01, 9.6000e+01,\n"
         "         9.8000e+01]], dtype=minitorch.float64)"),
        id="resumen_de_vista"),
]

# Con otras opciones de impresión (set_printoptions).
OPTION_CASES = [
    pytest.param(
        np.array([1.12345, -2.5, 100.0]), "float32", dict(precision=2),
        "tensor([  1.12,  -2.50, 100.00])",
        id="precision_2"),
    pytest.param(
        np.array([1e-6, 3.14159]), "float32", dict(precision=2),
        "tensor([1.00e-06, 3.14e+00])",
        id="precision_2_cientifica"),
    pytest.param(
        np.array(np.pi), "float64", dict(precision=2),
        "tensor(3.14, dtype=minitorch.float64)",
        id="precision_2_escalar"),
    pytest.param(
        np.array([0.4, 1.6]), "float32", dict(precision=0),
        "tensor([0, 2])",
        id="precision_0"),
    pytest.param(
        np.array([1.0, 2.0]), "float32", dict(sci_mode=True),
        "tensor([1.0000e+00, 2.0000e+00])",
        id="sci_mode_true"),
    pytest.param(
        np.array([0.0, np.nan]), "float32", dict(sci_mode=True),
        "tensor([0., nan])",
        id="sci_mode_true_sin_valores_utiles"),
    pytest.param(
        np.array([1e-6, 12345.5]), "float32", dict(sci_mode=False),
        "tensor([    0.0000, 12345.5000])",
        id="sci_mode_false"),
    pytest.param(
        np.arange(10), "int64", dict(threshold=5),
        "tensor([0, 1, 2,  ..., 7, 8, 9])",
        id="threshold_5"),
    pytest.param(
        np.array(1.5), "float32", dict(threshold=0),
        "tensor(1.5000)",
        id="threshold_0_escalar"),
    pytest.param(
        np.arange(100).reshape(10, 10), "int64", dict(threshold=5, edgeitems=1),
        ("tensor([[ 0,  ...,  9],\n"
         "        ...,\n"
         "        [90,  ..., 99]])"),
        id="edgeitems_1"),
    pytest.param(
        np.arange(2000.0), "float32", dict(edgeitems=0),
        "tensor([...], size=(2000,))",
        id="edgeitems_0"),
    pytest.param(
        np.arange(2000).reshape(2, 1000), "int32", dict(edgeitems=0),
        "tensor([...], size=(2, 1000), dtype=minitorch.int32)",
        id="edgeitems_0_2d"),
    pytest.param(
        np.arange(12.0) / 4, "float32", dict(linewidth=30),
        ("tensor([0.0000, 0.2500,\n"
         "        0.5000, 0.7500,\n"
         "        1.0000, 1.2500,\n"
         "        1.5000, 1.7500,\n"
         "        2.0000, 2.2500,\n"
         "        2.5000, 2.7500])"),
        id="linewidth_30"),
    pytest.param(
        np.array([[1, 2], [3, 4]]), "int64", dict(linewidth=1),
        ("tensor([[1,\n"
         "         2],\n"
         "        [3,\n"
         "         4]])"),
        id="linewidth_minima"),
    pytest.param(
        np.linspace(0, 1, 5), "float32", dict(profile="short"),
        "tensor([0.00, 0.25, 0.50, 0.75, 1.00])",
        id="perfil_short"),
    pytest.param(
        np.arange(2000), "int64", dict(profile="short"),
        "tensor([   0,    1,  ..., 1998, 1999])",
        id="perfil_short_resumen"),
]
# Con sufijos de autograd, que la clase Tensor pasa ya escritos.
SUFFIX_CASES = [
    pytest.param(
        np.array([1.0, 2.0, 3.0]), "float32", ["requires_grad=True"],
        "tensor([1., 2., 3.], requires_grad=True)",
        id="requires_grad"),
    pytest.param(
        np.array([-0.5883, -0.8488, -0.9146]), "float64", ["requires_grad=True"],
        "tensor([-0.5883, -0.8488, -0.9146], dtype=minitorch.float64, requires_grad=True)",
        id="requires_grad_float64"),
    pytest.param(
        np.array(6.0), "float32", ["grad_fn=<SumBackward0>"],
        "tensor(6., grad_fn=<SumBackward0>)",
        id="grad_fn_escalar"),
    pytest.param(
        np.arange(12.0).reshape(3, 4) / 3, "float64", ["grad_fn=<MulBackward0>"],
        ("tensor([[0.0000, 0.3333, 0.6667, 1.0000],\n"
         "        [1.3333, 1.6667, 2.0000, 2.3333],\n"
         "        [2.6667, 3.0000, 3.3333, 3.6667]], dtype=minitorch.float64,\n"
         "       grad_fn=<MulBackward0>)"),
        id="grad_fn_tras_fila_partida"),
    pytest.param(
        np.array([[1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]]), "float64", ["grad_fn=<MulBackward0>"],
        ("tensor([[1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000]],\n"
         "       dtype=minitorch.float64, grad_fn=<MulBackward0>)"),
        id="grad_fn_no_cabe"),
    pytest.param(
        np.zeros((0, 2)), "float32", ["grad_fn=<MulBackward0>"],
        "tensor([], size=(0, 2), grad_fn=<MulBackward0>)",
        id="grad_fn_vacio"),
]
# Con float64 como tipo real por defecto (torch.set_default_dtype(torch.float64)).
DEFAULT_FLOAT64_CASES = [
    pytest.param(np.array([1.0, 2.5]), "float64", "tensor([1.0000, 2.5000])",
                 id="float64_no_lleva_dtype"),
    pytest.param(np.array([1.0, 2.5]), "float32", "tensor([1.0000, 2.5000], dtype=minitorch.float32)",
                 id="float32_lleva_dtype"),
    pytest.param(np.zeros(0), "float64", "tensor([])", id="vacio_float64"),
    pytest.param(np.zeros(0), "float32", "tensor([], dtype=minitorch.float32)", id="vacio_float32"),
]
# Storage: las líneas de los elementos son las de PyTorch 2.13; el pie, el de PyTorch 1.x.
STORAGE_CASES = [
    pytest.param(
        np.array([[1.0, 4.0], [2.0, 1.0], [3.0, 5.0]]), "float32",
        (" 1.0\n"
         " 4.0\n"
         " 2.0\n"
         " 1.0\n"
         " 3.0\n"
         " 5.0\n"
         "[minitorch.FloatStorage of size 6]"),
        id="float32"),
    pytest.param(
        np.array([0.1, 1e-8, np.nan, -0.0]), "float32",
        (" 0.10000000149011612\n"
         " 9.99999993922529e-09\n"
         " nan\n"
         " -0.0\n"
         "[minitorch.FloatStorage of size 4]"),
        id="float32_todos_los_digitos"),
    pytest.param(
        np.array([0.1, 1e-8, np.inf]), "float64",
        (" 0.1\n"
         " 1e-08\n"
         " inf\n"
         "[minitorch.DoubleStorage of size 3]"),
        id="float64"),
    pytest.param(
        np.array([1, -2, 300]), "int64",
        (" 1\n"
         " -2\n"
         " 300\n"
         "[minitorch.LongStorage of size 3]"),
        id="int64"),
    pytest.param(
        np.array([7]), "int32",
        (" 7\n"
         "[minitorch.IntStorage of size 1]"),
        id="int32"),
    pytest.param(
        np.array([True, False]), "bool",
        (" True\n"
         " False\n"
         "[minitorch.BoolStorage of size 2]"),
        id="bool"),
]


@pytest.mark.parametrize("values, dtype_name, expected", CASES)
def test_tensor_repr(values, dtype_name, expected):
    assert tensor_repr(values, dtype_name=dtype_name) == expected


@pytest.mark.parametrize("values, dtype_name, options, expected", OPTION_CASES)
def test_tensor_repr_with_options(values, dtype_name, options, expected):
    with printoptions(**options):
        assert tensor_repr(values, dtype_name=dtype_name) == expected
    assert get_printoptions() == DEFAULT_OPTIONS


@pytest.mark.parametrize("values, dtype_name, suffixes, expected", SUFFIX_CASES)
def test_tensor_repr_with_suffixes(values, dtype_name, suffixes, expected):
    assert tensor_repr(values, dtype_name=dtype_name, suffixes=suffixes) == expected


@pytest.mark.parametrize("values, dtype_name, expected", DEFAULT_FLOAT64_CASES)
def test_default_float64(values, dtype_name, expected):
    assert tensor_repr(values, dtype_name=dtype_name, default_float="float64") == expected


@pytest.mark.parametrize("values, dtype_name, expected", STORAGE_CASES)
def test_storage_repr(values, dtype_name, expected):
    assert storage_repr(values, dtype_name=dtype_name) == expected


def test_empty_storage():
    assert storage_repr(np.zeros(0, np.float32), dtype_name="float32") == " \n[minitorch.FloatStorage of size 0]"


def test_set_printoptions_precision_and_restore():
    values = np.array([1.12345, -2.5])
    set_printoptions(precision=2)
    assert tensor_repr(values, dtype_name="float32") == "tensor([ 1.12, -2.50])"
    assert get_printoptions()["precision"] == 2
    set_printoptions(profile="default")
    assert tensor_repr(values, dtype_name="float32") == "tensor([ 1.1235, -2.5000])"
    assert get_printoptions() == DEFAULT_OPTIONS


def test_get_printoptions_defaults_and_roundtrip():
    assert get_printoptions() == DEFAULT_OPTIONS
    set_printoptions(precision=6, threshold=10, edgeitems=2, linewidth=40, sci_mode=True)
    saved = get_printoptions()
    set_printoptions(profile="default")
    set_printoptions(**saved)
    assert get_printoptions() == saved


def test_get_printoptions_returns_a_copy():
    get_printoptions()["precision"] = 99
    assert get_printoptions()["precision"] == 4


def test_set_printoptions_always_resets_sci_mode():
    # Como en PyTorch: sci_mode no se conserva si no se vuelve a pasar.
    set_printoptions(sci_mode=True)
    set_printoptions(precision=3)
    assert get_printoptions()["sci_mode"] is None


def test_profiles():
    set_printoptions(profile="short")
    assert get_printoptions() == dict(DEFAULT_OPTIONS, precision=2, edgeitems=2)
    set_printoptions(profile="full", precision=5)
    assert get_printoptions() == dict(DEFAULT_OPTIONS, precision=5, threshold=float("inf"))


def test_profile_full_never_summarizes():
    with printoptions(profile="full"):
        text = tensor_repr(np.arange(1001), dtype_name="int64")
    assert "..." not in text
    assert text.startswith("tensor([   0,    1,    2,")
    assert text.endswith(" 999, 1000])")


def test_printoptions_restores_after_exception():
    with pytest.raises(RuntimeError):
        with printoptions(precision=1):
            raise RuntimeError
    assert get_printoptions() == DEFAULT_OPTIONS


def test_huge_tensor_only_formats_edges():
    # Formatear los diez millones de elementos tardaría segundos.
    values = np.arange(10_000_000, dtype=np.float32)
    start = time.perf_counter()
    text = tensor_repr(values, dtype_name="float32")
    elapsed = time.perf_counter() - start
    assert text == ("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.0000e+07, 1.0000e+07,\n"
                    "        1.0000e+07])")
    assert elapsed < 0.5


def test_huge_non_contiguous_view_is_not_copied():
    # Una vista de mil millones de elementos que no ocupa memoria: copiarla
    # entera necesitaría 8 GB.
    values = np.broadcast_to(np.arange(100.0), (100_000, 100, 100))[:, ::2, ::-1]
    start = time.perf_counter()
    text = tensor_repr(values, dtype_name="float64")
    assert time.perf_counter() - start < 0.5
    assert text.startswith("tensor([[[99., 98., 97.,  ...,  2.,  1.,  0.],")


def test_input_is_not_modified():
    values = np.array([[1.5, np.nan], [-0.0, 3.0]])
    before = values.copy()
    tensor_repr(values, dtype_name="float32")
    storage_repr(values, dtype_name="float32")
    np.testing.assert_array_equal(values, before)


# ---------------------------------------------------------------------------
# Paridad con PyTorch (se salta si torch no está instalado)
# ---------------------------------------------------------------------------

def torch_repr(torch, values, **options):
    """``repr`` de PyTorch para los mismos valores, con ``torch.`` → ``minitorch.``."""
    tensor = torch.from_numpy(np.array(values, copy=True, order="C"))
    torch.set_printoptions(**options)
    try:
        return repr(tensor).replace("torch.", "minitorch.")
    finally:
        torch.set_printoptions(profile="default")


@pytest.mark.paridad
@pytest.mark.parametrize("values, dtype_name, expected", CASES)
def test_expected_strings_come_from_pytorch(values, dtype_name, expected):
    """Las cadenas de las tablas de arriba son de verdad las de PyTorch."""
    torch = pytest.importorskip("torch")
    values = np.asarray(values).astype(NUMPY_DTYPES[dtype_name])
    assert torch_repr(torch, values) == expected


@pytest.mark.paridad
@pytest.mark.parametrize("values, dtype_name, options, expected", OPTION_CASES)
def test_expected_strings_with_options_come_from_pytorch(values, dtype_name, options, expected):
    torch = pytest.importorskip("torch")
    values = np.asarray(values).astype(NUMPY_DTYPES[dtype_name])
    assert torch_repr(torch, values, **options) == expected


@pytest.mark.paridad
@pytest.mark.parametrize("values, dtype_name, expected", STORAGE_CASES)
def test_storage_lines_come_from_pytorch(values, dtype_name, expected):
    torch = pytest.importorskip("torch")
    flat = np.asarray(values).astype(NUMPY_DTYPES[dtype_name]).ravel()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TypedStorage está en desuso
        lines = repr(torch.from_numpy(flat).storage()).split("\n")
    # La cabecera moderna (TypedStorage...) se cambia por el pie de PyTorch 1.x.
    assert lines[:-1] == expected.split("\n")[:-1]


def float_values():
    """Reales de todo tipo: extremos, nan/inf, ±0, enteros, y escalas muy distintas."""
    scaled = st.builds(lambda mantissa, exponent: mantissa * 10.0 ** exponent,
                       st.floats(-10, 10), st.integers(-12, 12))
    return st.one_of(
        st.floats(),
        scaled,
        st.integers(-2000, 2000).map(float),
        st.sampled_from([0.0, -0.0, float("nan"), float("inf"), float("-inf")]),
    )


@st.composite
def arrays(draw):
    dtype_name = draw(st.sampled_from(list(NUMPY_DTYPES)))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=7))
    if dtype_name.startswith("float"):
        elements = float_values()
        store = np.float64  # se convierte después: float32 redondea o desborda a inf
    elif dtype_name == "bool":
        elements, store = st.booleans(), np.bool_
    else:
        info = np.iinfo(NUMPY_DTYPES[dtype_name])
        elements = st.integers(-1000, 1000) | st.integers(int(info.min), int(info.max))
        store = NUMPY_DTYPES[dtype_name]
    values = draw(hnp.arrays(store, shape, elements=elements))
    with np.errstate(over="ignore"):
        values = values.astype(NUMPY_DTYPES[dtype_name])
    # Vistas no contiguas, como las que le llegarán desde un Tensor traspuesto.
    layout = draw(st.sampled_from(["contiguous", "transposed", "reversed"]))
    if layout == "transposed":
        values = values.T
    elif layout == "reversed" and values.ndim:
        values = values[::-1]
    return values, dtype_name


print_options = st.fixed_dictionaries({}, optional={
    "precision": st.integers(0, 8),
    "threshold": st.sampled_from([0, 5, 50, 1000]),
    "edgeitems": st.integers(0, 4),
    "linewidth": st.integers(1, 120),
    "sci_mode": st.booleans(),
})


@pytest.mark.paridad
@settings(max_examples=400, deadline=None)
@given(arrays(), print_options)
def test_parity_with_pytorch(array_and_dtype, options):
    torch = pytest.importorskip("torch")
    values, dtype_name = array_and_dtype
    expected = torch_repr(torch, values, **options)
    with printoptions(**options):
        assert tensor_repr(values, dtype_name=dtype_name) == expected


@pytest.mark.paridad
@settings(max_examples=100, deadline=None)
@given(arrays(), st.booleans())
def test_parity_with_suffixes_and_default_float(array_and_dtype, default_float64):
    torch = pytest.importorskip("torch")
    values, dtype_name = array_and_dtype
    tensor = torch.from_numpy(np.array(values, copy=True, order="C"))
    suffixes = []
    if dtype_name.startswith("float"):
        tensor.requires_grad_()
        suffixes = ["requires_grad=True"]
    default_float = "float64" if default_float64 else "float32"
    torch.set_default_dtype(getattr(torch, default_float))
    try:
        expected = repr(tensor).replace("torch.", "minitorch.")
    finally:
        torch.set_default_dtype(torch.float32)
    text = tensor_repr(values, dtype_name=dtype_name, default_float=default_float, suffixes=suffixes)
    assert text == expected


@pytest.mark.paridad
@settings(max_examples=100, deadline=None)
@given(arrays())
def test_storage_parity_with_pytorch(array_and_dtype):
    torch = pytest.importorskip("torch")
    values, dtype_name = array_and_dtype
    flat = np.array(values, copy=True, order="C").ravel()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected_lines = repr(torch.from_numpy(flat).storage()).split("\n")[:-1]
    lines = storage_repr(values, dtype_name=dtype_name).split("\n")
    assert lines[-1].endswith(f" of size {flat.size}]")
    if flat.size:
        assert lines[:-1] == expected_lines
