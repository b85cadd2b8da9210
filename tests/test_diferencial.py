"""Prueba diferencial: programas cortos al azar dan lo mismo en minitorch y en PyTorch.

hypothesis escribe programas de 3 a 8 sentencias con la API que minitorch dice cubrir (creación, vistas,
índices, asignaciones, operaciones in situ, aritmética con tipos mezclados y números de Python,
reducciones, uniones, productos de matrices, autograd y entradas erróneas a propósito) y los ejecuta en
las dos bibliotecas; tras cada sentencia compara las excepciones y cada tensor vivo (``diferencial/``).
Un fallo se imprime como un programa que se ejecuta tal cual con ``import torch`` y con
``import minitorch as torch``.

Presupuesto: fijo y reproducible en ``make test`` (``derandomize=True``, unos segundos); más grande con
``MINITORCH_FUZZ_EJEMPLOS=5000`` (``make fuzz``). Se salta entero si PyTorch no está instalado.
"""

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings

torch = pytest.importorskip("torch")

import minitorch  # noqa: E402
from diferencial.comparar import comparar, informe  # noqa: E402
from diferencial.programas import EXCLUSIONES, programas  # noqa: E402

pytestmark = [pytest.mark.paridad, pytest.mark.filterwarnings("ignore")]

EJEMPLOS = int(os.environ.get("MINITORCH_FUZZ_EJEMPLOS", "150"))
PRESUPUESTO = settings(
    max_examples=EJEMPLOS,
    derandomize="MINITORCH_FUZZ_EJEMPLOS" not in os.environ,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PRESUPUESTO
@given(programas(torch))
def test_minitorch_y_pytorch_coinciden(sentencias):
    d = comparar(sentencias, torch, minitorch)
    assert d is None, "\n" + informe(sentencias, d)


def test_las_exclusiones_dicen_por_que():
    for exclusion in EXCLUSIONES:
        assert exclusion.motivo.strip(), exclusion
        assert re.search(r"\(D\d+\)$", exclusion.motivo), "cada motivo termina con su reproductor: (D1)"


def test_el_programa_impreso_se_ejecuta_en_las_dos_bibliotecas():
    from diferencial.programas import Sentencia, como_programa

    sentencias = (
        Sentencia("creacion.tensor", "t1 = torch.tensor([[1.0, 2.0], [3.0, 4.0]]).requires_grad_()"),
        Sentencia("vista.t", "t2 = t1.t()[::2]"),
        Sentencia("autograd.backward", "t2.sum().backward()"),
    )
    for biblioteca in ("torch", "minitorch"):
        ns = {}
        exec(como_programa(sentencias, biblioteca), ns)  # noqa: S102
        assert ns["t1"].grad.tolist() == [[1.0, 0.0], [1.0, 0.0]]
    assert comparar(sentencias, torch, minitorch) is None


def test_la_comparacion_ve_un_cambio_tras_un_error():
    """Si una sentencia falla en las dos bibliotecas pero minitorch cambió un tensor, se detecta."""
    from diferencial.comparar import diferencia, observar

    x = minitorch.tensor([1.0, 2.0])
    antes = observar(x, minitorch)
    x[0] = 5.0
    assert diferencia(antes, observar(x, minitorch))[0] == "valores"
