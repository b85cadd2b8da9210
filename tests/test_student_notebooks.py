"""Las copias de notebooks/alumnos/ están al día y tools/make_student_notebooks.py hace lo que dice."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
CUADERNOS = RAIZ / "notebooks"
ALUMNOS = CUADERNOS / "alumnos"

_spec = importlib.util.spec_from_file_location("make_student_notebooks", RAIZ / "tools" / "make_student_notebooks.py")
herramienta = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(herramienta)


def _cuaderno(*celdas):
    return {
        "cells": list(celdas),
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _codigo(fuente, salida="", n=1):
    outputs = [{"name": "stdout", "output_type": "stream", "text": [salida]}] if salida else []
    return {"cell_type": "code", "execution_count": n, "id": f"c{n}", "metadata": {},
            "outputs": outputs, "source": fuente.splitlines(keepends=True)}


def _texto(fuente, ident="t"):
    return {"cell_type": "markdown", "id": ident, "metadata": {}, "source": fuente.splitlines(keepends=True)}


def _fuente(celda):
    return "".join(celda["source"])


# --- Las copias del repositorio ------------------------------------------------------------------

def _nombres(directorio):
    return sorted(p.name for p in directorio.glob(herramienta.PATRON))


def test_cada_cuaderno_fuente_tiene_su_copia():
    faltan = set(_nombres(CUADERNOS)) - set(_nombres(ALUMNOS)) if ALUMNOS.is_dir() else set(_nombres(CUADERNOS))
    assert not faltan, f"sin copia en notebooks/alumnos/: {sorted(faltan)}; ejecuta «make alumnos»"


def test_las_copias_estan_al_dia(tmp_path):
    herramienta.generar(CUADERNOS, tmp_path)
    esperado = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob(herramienta.PATRON)}
    actual = {p.name: p.read_text(encoding="utf-8") for p in ALUMNOS.glob(herramienta.PATRON)}
    assert sorted(actual) == sorted(esperado), "sobran o faltan copias en notebooks/alumnos/; ejecuta «make alumnos»"
    distintas = [nombre for nombre in esperado if actual[nombre] != esperado[nombre]]
    assert not distintas, f"copias desfasadas: {distintas}; ejecuta «make alumnos»"


def test_ninguna_copia_contiene_soluciones():
    for ruta in ALUMNOS.glob(herramienta.PATRON):
        texto = ruta.read_text(encoding="utf-8")
        for marcador in herramienta.MARCADORES:
            assert marcador not in texto, f"{ruta.name} contiene «{marcador}»"


def test_pytest_no_recoge_las_copias_de_alumnos(tmp_path):
    """notebooks/conftest.py excluye alumnos/ de «pytest --nbval notebooks/» (las copias lanzan errores)."""
    pytest.importorskip("nbval")
    notebooks = tmp_path / "notebooks"
    (notebooks / "alumnos").mkdir(parents=True)
    (notebooks / "conftest.py").write_text((CUADERNOS / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    vacio = herramienta.serializar(_cuaderno(_codigo("print(1)\n", "1\n")))
    (notebooks / "01_prueba.ipynb").write_text(vacio, encoding="utf-8")
    (notebooks / "alumnos" / "01_prueba.ipynb").write_text(vacio, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    resultado = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "--nbval", "--nbval-current-env", "notebooks"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "notebooks/01_prueba.ipynb" in resultado.stdout
    assert "alumnos" not in resultado.stdout


# --- La transformación ------------------------------------------------------------------------------

def test_cambia_la_solucion_por_el_esbozo_con_su_sangria():
    fuente = (
        "def suma(a, b):\n"
        "    ### BEGIN SOLUTION\n"
        "    resultado = a + b\n"
        "    return resultado\n"
        "    ### END SOLUTION\n"
        "\n"
        "suma(1, 2)"
    )
    copia = herramienta.copia_para_alumnos(_cuaderno(_codigo(fuente, "3\n")))
    celda = copia["cells"][0]
    assert _fuente(celda) == (
        "def suma(a, b):\n"
        "    # TU CÓDIGO AQUÍ\n"
        "    raise NotImplementedError\n"
        "\n"
        "suma(1, 2)"
    )
    assert celda["outputs"] == []
    assert celda["execution_count"] is None


def test_solucion_al_final_de_la_celda_y_varios_bloques():
    fuente = "### BEGIN SOLUTION\nx = 1\n### END SOLUTION\ny = 2\n  ### BEGIN SOLUTION\nz = 3\n  ### END SOLUTION"
    texto, bloques = herramienta.quitar_solucion_de_codigo(fuente)
    assert bloques == 2
    assert texto == ("# TU CÓDIGO AQUÍ: cambia cada «...» por tu respuesta\nx = ...\ny = 2\n"
                     "  # TU CÓDIGO AQUÍ\n  raise NotImplementedError")


def test_fuera_de_una_funcion_el_esbozo_asigna_puntos_suspensivos():
    # Así «Run All» no se detiene: el comprobador de la celda recibe «...» y dice que falta resolverlo.
    fuente = ("datos = 1\n### BEGIN SOLUTION\nfila, columna = datos, 2\nfila += 1\nclass C:\n    pass\n"
              "columna = 3\n### END SOLUTION\ncomprobar.algo(fila, columna)")
    texto, _ = herramienta.quitar_solucion_de_codigo(fuente)
    assert texto == ("datos = 1\n# TU CÓDIGO AQUÍ: cambia cada «...» por tu respuesta\nfila = ...\ncolumna = ...\n"
                     "C = ...\ncomprobar.algo(fila, columna)")
    ambito = {"comprobar": type("C", (), {"algo": staticmethod(lambda *a: a)})}
    exec(texto, ambito)
    assert ambito["fila"] is Ellipsis


def test_una_solucion_fuera_de_una_funcion_tiene_que_asignar_algo():
    with pytest.raises(herramienta.ErrorDeMarcadores, match="asignar"):
        herramienta.quitar_solucion_de_codigo("### BEGIN SOLUTION\nprint(1)\n### END SOLUTION\n")


def test_las_celdas_que_usan_soluciones_pueden_fallar_en_la_copia():
    usa = _codigo("paso(1.0)\n", "", n=1)
    usa["metadata"]["tags"] = ["usa-soluciones"]
    copia = herramienta.copia_para_alumnos(_cuaderno(usa, _codigo("print(2)\n", "2\n", n=2)))
    assert copia["cells"][0]["metadata"]["tags"] == ["usa-soluciones", "raises-exception"]
    assert "tags" not in copia["cells"][1]["metadata"]
    assert usa["metadata"]["tags"] == ["usa-soluciones"], "el cuaderno original no debe cambiar"


def test_las_demas_celdas_conservan_sus_salidas():
    original = _cuaderno(_codigo("print('hola')\n", "hola\n", n=1), _codigo("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "", n=2))
    copia = herramienta.copia_para_alumnos(original)
    assert copia["cells"][0] == original["cells"][0]
    assert copia["cells"][1]["execution_count"] is None
    assert original["cells"][1]["execution_count"] == 2, "el cuaderno original no debe cambiar"


def test_quita_la_solucion_del_texto_y_las_celdas_que_quedan_vacias():
    original = _cuaderno(
        _texto("Enunciado.\n<!-- BEGIN SOLUTION -->\n**Solución:** es 3.\n<!-- END SOLUTION -->\nFin.\n", "a"),
        _texto("<!-- BEGIN SOLUTION -->\nSolo solución.\n<!-- END SOLUTION -->\n", "b"),
    )
    copia = herramienta.copia_para_alumnos(original)
    assert [c["id"] for c in copia["cells"]] == ["a"]
    assert _fuente(copia["cells"][0]) == "Enunciado.\nFin.\n"


@pytest.mark.parametrize(
    "celda",
    [
        _codigo("### BEGIN SOLUTION\nx = 1\n"),
        _codigo("x = 1\n### END SOLUTION\n"),
        _codigo("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n"),
        _codigo("x = 1  ### BEGIN SOLUTION\n"),
        _texto("<!-- BEGIN SOLUTION -->\nsin cierre\n"),
        _texto("sin apertura\n<!-- END SOLUTION -->\n"),
    ],
)
def test_marcadores_desparejados_son_un_error(celda):
    with pytest.raises(herramienta.ErrorDeMarcadores):
        herramienta.copia_para_alumnos(_cuaderno(celda))


def test_ajusta_las_rutas_relativas_del_texto():
    texto = (
        "![strides](../img/strides.png) [glosario](glosario.md) [siguiente](02_almacenamiento.ipynb#inicio) "
        "[web](https://pytorch.org) [arriba](#indice) <img src=\"../img/a.png\" width=\"300\">"
    )
    assert herramienta.ajustar_rutas(texto) == (
        "![strides](../../img/strides.png) [glosario](../glosario.md) [siguiente](02_almacenamiento.ipynb#inicio) "
        "[web](https://pytorch.org) [arriba](#indice) <img src=\"../../img/a.png\" width=\"300\">"
    )


def test_la_salida_es_determinista_y_como_la_de_nbformat(tmp_path):
    fuente = tmp_path / "fuente"
    fuente.mkdir()
    cuaderno = _cuaderno(_texto("Año: «ñ»\n"), _codigo("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n"))
    (fuente / "01_prueba.ipynb").write_text(json.dumps(cuaderno), encoding="utf-8")
    (fuente / "notas.ipynb").write_text(json.dumps(cuaderno), encoding="utf-8")  # no es NN_*: se ignora
    destino = tmp_path / "alumnos"
    destino.mkdir()
    (destino / "09_viejo.ipynb").write_text("{}", encoding="utf-8")  # su fuente ya no existe: se borra

    assert herramienta.generar(fuente, destino) == [destino / "01_prueba.ipynb"]
    assert _nombres(destino) == ["01_prueba.ipynb"] and not (destino / "notas.ipynb").exists()
    texto = (destino / "01_prueba.ipynb").read_text(encoding="utf-8")
    assert texto.endswith("}\n") and "«ñ»" in texto and '\n "cells": [' in texto
    assert herramienta.generar(fuente, destino) == [], "una segunda pasada no debe cambiar nada"

    nbformat = pytest.importorskip("nbformat")
    leido = nbformat.reads(texto, as_version=4)
    nbformat.validate(leido)
    assert nbformat.writes(leido) + "\n" == texto
