"""El kit del profesorado: minitorch.ejercicios.profesorado, la herramienta de copias con cuadernos cualesquiera
y el cuaderno de ejemplo notebooks/profesorado/ (con su copia y su guía)."""

import doctest
import importlib.util
import json
import re
from pathlib import Path

import pytest

import minitorch
import test_notebooks as revision
import test_spelling as ortografia
from ayudas_ejercicios import acierta, falla_con, sin_resolver
from minitorch.ejercicios import _comprobacion, profesorado
from minitorch.ejercicios.profesorado import (ejercicio, exigir_copia, exigir_en_su_sitio, exigir_funcion_igual,
                                              exigir_igual, exigir_intactos, exigir_tensor_igual, exigir_vista,
                                              fotografiar)

RAIZ = Path(__file__).resolve().parents[1]
EJEMPLO = RAIZ / "notebooks" / "profesorado" / "como_escribir_un_ejercicio.ipynb"
COPIA_DEL_EJEMPLO = RAIZ / "notebooks" / "alumnos" / "profesorado" / EJEMPLO.name
GUIA = RAIZ / "notebooks" / "profesorado" / "GUIA.md"

_spec = importlib.util.spec_from_file_location("make_student_notebooks", RAIZ / "tools" / "make_student_notebooks.py")
herramienta = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(herramienta)


def _esbozo(*args):
    raise NotImplementedError


# --- El módulo público -------------------------------------------------------------------------------

def test_el_modulo_publico_reexporta_la_maquinaria_sin_copiarla():
    for nombre in profesorado.__all__:
        assert getattr(profesorado, nombre) is getattr(_comprobacion, nombre), nombre


def test_los_ejemplos_de_la_documentacion_funcionan():
    resultado = doctest.testmod(profesorado, optionflags=doctest.ELLIPSIS)
    assert resultado.attempted >= 15 and resultado.failed == 0


@ejercicio("Un número")
def _media(respuesta):
    exigir_igual(respuesta, minitorch.tensor([1.0, 4.0]).mean().item(), nombre="la media")


class TestNumero:
    def test_acepta_con_tolerancia(self):
        acierta(_media, 2.5)
        acierta(_media, 2.5000001)

    def test_rechaza_otro_numero_y_un_tensor(self):
        falla_con(_media, 3, pistas=("la media vale 3 y se esperaba 2.5",))
        falla_con(_media, minitorch.tensor(2.5), pistas=("item()",))

    def test_sin_resolver(self):
        sin_resolver(_media, ...)


@ejercicio("Un tensor con sus strides")
def _traspuesta(respuesta, x):
    exigir_tensor_igual(respuesta, x.t(), nombre="la traspuesta", strides=True)


class TestTensor:
    x = minitorch.arange(6.0).view(2, 3)

    def test_acepta_la_vista_traspuesta(self):
        acierta(_traspuesta, self.x.t(), self.x)
        acierta(_traspuesta, self.x.transpose(0, 1), self.x)

    def test_rechaza_strides_forma_dtype_y_valores(self):
        falla_con(_traspuesta, self.x.t().contiguous(), self.x,
                  pistas=("la traspuesta tiene strides (2, 1) y se esperaban (1, 3)",))
        falla_con(_traspuesta, self.x, self.x, pistas=("forma (2, 3) y se esperaba (3, 2)",))
        falla_con(_traspuesta, self.x.t().double(), self.x, pistas=("dtype minitorch.float64",))
        falla_con(_traspuesta, self.x.t() + 1, self.x, pistas=("el elemento [0, 0] vale 1.0 y debería valer 0.0",))

    def test_sin_strides_no_los_mira(self):
        correcto, mensaje = _comprobacion.ejercicio("t")(
            lambda r, x: exigir_tensor_igual(r, x.t())).evaluar(self.x.t().contiguous(), self.x)
        assert correcto, mensaje

    def test_sin_resolver(self):
        sin_resolver(_traspuesta, ..., self.x)


@ejercicio("Una función")
def _centrar(funcion):
    casos = [(minitorch.arange(6.0).view(2, 3),), (minitorch.tensor([[1.0, -2.0], [4.0, 0.5]]),)]
    exigir_funcion_igual(funcion, lambda x: x - x.mean(dim=0), casos, nombre="centrar")


def _centrar_in_situ(x):
    x -= x.mean(dim=0)
    return x


class TestFuncion:
    def test_acepta_la_referencia_y_otra_forma_de_escribirla(self):
        acierta(_centrar, lambda x: x - x.mean(dim=0))
        acierta(_centrar, lambda x: x - x.sum(dim=0, keepdim=True) / x.shape[0])

    def test_rechaza_valores_errores_y_argumentos_modificados(self):
        falla_con(_centrar, lambda x: x - x.mean(), pistas=("centrar(tensor de forma (2, 3))", "vale -2.5"))
        falla_con(_centrar, lambda x: x - x.mean(dim=1), pistas=("lanzó RuntimeError",))
        falla_con(_centrar, _centrar_in_situ, pistas=("modificó su argumento 1",))
        falla_con(_centrar, 3, pistas=("no se puede llamar",))

    def test_sin_resolver(self):
        sin_resolver(_centrar, _esbozo)
        sin_resolver(_centrar, ...)


@ejercicio("Vista o copia")
def _fila(respuesta, x, vista):
    exigir_tensor_igual(respuesta, x[0], nombre="la fila")
    (exigir_vista if vista else exigir_copia)(respuesta, x, nombre="la fila", base_nombre="x")


class TestVistaOCopia:
    x = minitorch.arange(6.0).view(2, 3)

    def test_vista(self):
        acierta(_fila, self.x[0], self.x, True)
        acierta(_fila, self.x.select(0, 0), self.x, True)
        falla_con(_fila, self.x[0].clone(), self.x, True, pistas=("es una copia: no comparte el almacenamiento de x",))

    def test_copia(self):
        acierta(_fila, self.x[0].clone(), self.x, False)
        falla_con(_fila, self.x[0], self.x, False, pistas=("comparte el almacenamiento de x", "copia independiente"))

    def test_sin_resolver(self):
        sin_resolver(_fila, ..., self.x, True)


@ejercicio("In situ")
def _a_cero(funcion):
    exigir_en_su_sitio(funcion, lambda t: t.zero_(), [(minitorch.ones(3),), (minitorch.arange(4.0).view(2, 2),)],
                       nombre="a_cero")


class TestInSitu:
    def test_acepta_modificar_el_argumento(self):
        acierta(_a_cero, lambda t: t.zero_())
        acierta(_a_cero, lambda t: t.mul_(0))  # otra manera; lo que devuelva no cuenta

    def test_rechaza_un_tensor_nuevo_y_un_cambio_equivocado(self):
        falla_con(_a_cero, lambda t: t * 0, pistas=("dejó intacto su argumento 1", "in situ"))
        falla_con(_a_cero, lambda t: t.sub_(2), pistas=("el argumento 1 después de a_cero(tensor de forma (3,))",
                                                        "vale -1.0 y debería valer 0.0"))

    def test_sin_resolver(self):
        sin_resolver(_a_cero, _esbozo)
        sin_resolver(_a_cero, ...)


def test_fotografiar_y_exigir_intactos():
    x, n = minitorch.ones(2), 3
    antes = fotografiar((x, n))
    exigir_intactos(antes, (x, n), "f(x, 3)")
    x.add_(1)
    with pytest.raises(profesorado.RespuestaIncorrecta, match=r"f\(x, 3\) modificó su argumento 1"):
        exigir_intactos(antes, (x, n), "f(x, 3)")


# --- La herramienta con el cuaderno de un profesor ---------------------------------------------------

def _cuaderno(*celdas):
    return {"cells": list(celdas), "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}}


def _codigo(fuente, salida="", n=1):
    outputs = [{"name": "stdout", "output_type": "stream", "text": [salida]}] if salida else []
    return {"cell_type": "code", "execution_count": n, "id": f"c{n}", "metadata": {}, "outputs": outputs,
            "source": fuente.splitlines(keepends=True)}


def _texto(fuente, ident):
    return {"cell_type": "markdown", "id": ident, "metadata": {}, "source": fuente.splitlines(keepends=True)}


_COMPROBADORES = '''from minitorch.ejercicios.profesorado import ejercicio, exigir_funcion_igual, exigir_igual
import minitorch

@ejercicio("Ejercicio A")
def doble(funcion):
    exigir_funcion_igual(funcion, lambda x: x * 2, [(minitorch.ones(2),)], nombre="doble")

@ejercicio("Ejercicio B")
def suma(respuesta):
    exigir_igual(respuesta, minitorch.arange(4).sum().item(), nombre="la suma")
'''


@pytest.fixture
def tema(tmp_path):
    """La carpeta de un profesor: un cuaderno con dos ejercicios, una figura y otro cuaderno enlazado."""
    carpeta = tmp_path / "curso" / "tema1"
    (tmp_path / "curso" / "img").mkdir(parents=True)
    carpeta.mkdir()
    (tmp_path / "curso" / "img" / "figura.png").write_bytes(b"")
    (carpeta / "comprobar.py").write_text(_COMPROBADORES, encoding="utf-8")
    cuaderno = _cuaderno(
        _texto("# Tema 1\n\nSe marca con `### BEGIN SOLUTION`. ![figura](../img/figura.png) [otro](otro.ipynb)\n"
               "<!-- BEGIN SOLUTION -->\nLa respuesta es 6.\n<!-- END SOLUTION -->\n", "t1"),
        _codigo("import comprobar\n", n=1),
        _codigo("def doble(x):\n    ### BEGIN SOLUTION\n    return x * 2\n    ### END SOLUTION\n\n"
                "comprobar.doble(doble)\n", "✅ Ejercicio A: ¡correcto!\n", n=2),
        _codigo("### BEGIN SOLUTION\ntotal = 6\n### END SOLUTION\ncomprobar.suma(total)\n",
                "✅ Ejercicio B: ¡correcto!\n", n=3),
        _codigo("print('fin')\n", "fin\n", n=4),
    )
    texto = json.dumps(cuaderno, ensure_ascii=False)
    (carpeta / "ejercicios.ipynb").write_text(texto, encoding="utf-8")
    (carpeta / "otro.ipynb").write_text(json.dumps(_cuaderno(_codigo("x = 1\n"))), encoding="utf-8")
    return carpeta


def test_copia_el_cuaderno_de_un_profesor(tema):
    destino = tema.parent / "reparto"
    assert herramienta.main([str(tema / "ejercicios.ipynb"), "--destino", str(destino)]) == 0
    copia = json.loads((destino / "ejercicios.ipynb").read_text(encoding="utf-8"))
    texto, _, doble, suma, fin = ("".join(celda["source"]) for celda in copia["cells"])
    assert "raise NotImplementedError" in doble and "return x * 2" not in doble
    assert "total = ...\n" in suma and "total = 6" not in suma
    assert "La respuesta es 6" not in texto and "`### BEGIN SOLUTION`" in texto  # citar un marcador no es un marcador
    assert "](../img/figura.png)" in texto  # reparto/ está a la misma altura que tema1/
    assert "](../tema1/otro.ipynb)" in texto  # otro.ipynb no se copió: el enlace lleva al original
    celdas = copia["cells"]
    assert celdas[2]["outputs"] == [] and celdas[2]["execution_count"] is None
    assert celdas[4]["outputs"] and celdas[4]["execution_count"] == 4, "las demás celdas conservan su salida"


def test_una_carpeta_va_por_omision_a_su_carpeta_alumnos(tema):
    escritos = herramienta.generar_copias([tema])
    assert sorted(ruta.name for ruta in escritos) == ["ejercicios.ipynb", "otro.ipynb"]
    copia = (tema / "alumnos" / "ejercicios.ipynb").read_text(encoding="utf-8")
    assert "](otro.ipynb)" in copia, "un cuaderno copiado al lado se enlaza tal cual"
    assert "](../../img/figura.png)" in copia
    assert herramienta.generar_copias([tema]) == [], "una segunda pasada no cambia nada ni copia alumnos/"


def test_la_copia_se_ejecuta_hasta_el_final_con_relojes_de_arena(tema):
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    herramienta.generar_copias([tema / "ejercicios.ipynb"])
    alumnos = tema / "alumnos"
    (alumnos / "comprobar.py").write_text(_COMPROBADORES, encoding="utf-8")  # se reparte con la copia
    cuaderno = nbformat.read(alumnos / "ejercicios.ipynb", as_version=4)
    nbclient.NotebookClient(cuaderno, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(alumnos)}}).execute()
    salidas = ["".join(salida.get("text", "") for salida in celda.outputs)
               for celda in cuaderno.cells if celda.cell_type == "code"]
    assert salidas[1].startswith("⏳ Ejercicio A: todavía sin resolver")
    assert salidas[2].startswith("⏳ Ejercicio B: todavía sin resolver")
    assert salidas[3] == "fin\n"


def test_errores_de_la_linea_de_ordenes(tema, capsys):
    with pytest.raises(SystemExit, match="no es un cuaderno"):
        herramienta.main([str(tema / "comprobar.py")])
    with pytest.raises(SystemExit, match="encima del cuaderno fuente"):
        herramienta.main([str(tema / "otro.ipynb"), "--destino", str(tema)])


def test_la_ayuda_esta_en_espanol(capsys):
    with pytest.raises(SystemExit):
        herramienta.main(["--help"])
    ayuda = capsys.readouterr().out
    for texto in ("uso:", "CUADERNO_O_CARPETA", "--destino", "muestra esta ayuda", "BEGIN SOLUTION", "make alumnos"):
        assert texto in ayuda
    assert "usage" not in ayuda and "show this help" not in ayuda


# --- El cuaderno de ejemplo, su copia y la guía ------------------------------------------------------

def test_la_copia_del_ejemplo_esta_al_dia():
    esperado = herramienta.texto_de_la_copia(EJEMPLO, COPIA_DEL_EJEMPLO.parent, frozenset({EJEMPLO.name}))
    assert COPIA_DEL_EJEMPLO.exists() and COPIA_DEL_EJEMPLO.read_text(encoding="utf-8") == esperado, (
        "copia desfasada; ejecuta «python tools/make_student_notebooks.py "
        "notebooks/profesorado/como_escribir_un_ejercicio.ipynb --destino notebooks/alumnos/profesorado»")


@pytest.mark.parametrize("comprobacion", [
    revision.test_nucleo_estandar, revision.test_ejecutado_de_arriba_abajo, revision.test_errores_solo_donde_se_anuncian,
    revision.test_salidas_ignoradas_con_motivo, revision.test_estructura_didactica,
    revision.test_imagenes_enlazadas_existen, revision.test_salidas_sin_rutas_ni_escalares_de_numpy,
    revision.test_enlaza_las_funciones_que_ensena,
], ids=lambda f: f.__name__)
def test_el_ejemplo_cumple_las_reglas_de_la_serie(comprobacion):
    comprobacion((EJEMPLO, json.loads(EJEMPLO.read_text(encoding="utf-8"))))


_ENLACE = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("ruta", [EJEMPLO, COPIA_DEL_EJEMPLO, GUIA], ids=lambda ruta: ruta.relative_to(RAIZ).as_posix())
def test_los_enlaces_relativos_existen(ruta):
    texto = ortografia.markdown_de(ruta.relative_to(RAIZ).as_posix())
    destinos = [d for d in _ENLACE.findall(texto) if not re.match(r"^[a-z]+:", d)]
    assert destinos, f"{ruta.name}: sin enlaces"
    rotos = [d for d in destinos if not (ruta.parent / d).exists()]
    assert not rotos, f"{ruta.name}: enlaces rotos: {rotos}"


@pytest.mark.parametrize("ruta", [EJEMPLO, GUIA], ids=lambda ruta: ruta.name)
def test_ortografia(ortografia_disponible, ruta):
    malas = ortografia.desconocidas(ortografia.prosa(ortografia.markdown_de(ruta.relative_to(RAIZ).as_posix())))
    assert not malas, f"{ruta.name}: palabras que hunspell (es_ES) no reconoce: {', '.join(malas)}"


@pytest.fixture(scope="module")
def ortografia_disponible():
    motivo = ortografia._hunspell_disponible()
    if motivo:
        pytest.skip(motivo)
