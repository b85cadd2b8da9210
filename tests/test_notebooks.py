"""Las reglas de la casa para los cuadernos fuente, que nbval no comprueba por sí solo.

- Guardados con el núcleo estándar ``python3`` (si no, JupyterLab pregunta qué núcleo usar).
- Ejecutados de arriba abajo en una sola sesión: contadores 1, 2, 3… sin huecos ni celdas sin ejecutar.
- Sin errores guardados, salvo en las celdas con la etiqueta ``raises-exception`` (la que respetan «Run All»
  de JupyterLab, nbclient y nbval), que empiezan con el aviso ``# Esta celda falla a propósito…`` para quien
  lee el cuaderno (la etiqueta no se ve). El comentario ``# NBVAL_RAISES_EXCEPTION`` no se usa: junto a la
  etiqueta, nbval avisa de que se solapan.
- Cada ``# NBVAL_IGNORE_OUTPUT`` va seguido de una línea ``# Motivo: …`` que explica por qué.
- Con objetivos, requisitos previos y tiempo estimado al principio, un resumen, ejercicios y un enlace al
  glosario.
- Enlazan el código que implementa lo que enseñan, y cada función o clase nombrada junto a un enlace a
  ``minitorch/….py`` está definida en ese fichero.
- Las imágenes enlazadas existen, y ninguna salida muestra rutas de esta máquina ni escalares de numpy
  (``np.float64(1.0)``), que cambian de una instalación a otra.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

CUADERNOS = Path(__file__).resolve().parents[1] / "notebooks"
FUENTES = sorted(CUADERNOS.glob("[0-9][0-9]_*.ipynb"))
IGNORAR = "NBVAL_IGNORE_OUTPUT"
ETIQUETA_ERROR = "raises-exception"
AVISO_ERROR = "# Esta celda falla a propósito"


def _cargar(ruta: Path) -> dict:
    return json.loads(ruta.read_text(encoding="utf-8"))


def _fuente(celda: dict) -> str:
    return "".join(celda["source"])


def _marcadores(celda: dict) -> list[str]:
    """Los comentarios ``# NBVAL_...`` que nbval reconoce: la línea entera, sin nada detrás."""
    return [linea.strip().lstrip("#").strip() for linea in _fuente(celda).splitlines() if linea.strip().startswith("#")]


def _celdas_de_codigo(cuaderno: dict) -> list[dict]:
    return [c for c in cuaderno["cells"] if c["cell_type"] == "code" and _fuente(c).strip()]


def _texto_de_salidas(celda: dict) -> str:
    partes = []
    for salida in celda.get("outputs", []):
        partes.append("".join(salida.get("text", "")))
        partes.append("".join(salida.get("data", {}).get("text/plain", "")))
    return "".join(partes)


def test_hay_cuadernos():
    assert len(FUENTES) >= 4, f"se esperaban los cuadernos de la serie en {CUADERNOS}"


@pytest.fixture(params=FUENTES, ids=lambda ruta: ruta.stem)
def cuaderno(request):
    return request.param, _cargar(request.param)


def test_nucleo_estandar(cuaderno):
    ruta, nb = cuaderno
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3", f"{ruta.name}: el núcleo debe ser «python3»"


def test_ejecutado_de_arriba_abajo(cuaderno):
    ruta, nb = cuaderno
    contadores = [c["execution_count"] for c in _celdas_de_codigo(nb)]
    assert contadores == list(range(1, len(contadores) + 1)), (
        f"{ruta.name}: guárdalo ejecutado de arriba abajo tras reiniciar el núcleo (make ejecutar); "
        f"contadores: {contadores}"
    )


def test_errores_solo_donde_se_anuncian(cuaderno):
    ruta, nb = cuaderno
    for i, celda in enumerate(_celdas_de_codigo(nb)):
        con_error = any(s["output_type"] == "error" for s in celda.get("outputs", []))
        etiquetada = ETIQUETA_ERROR in celda["metadata"].get("tags", [])
        assert con_error == etiquetada, (
            f"{ruta.name}, celda de código {i + 1}: "
            + (f"sin la etiqueta «{ETIQUETA_ERROR}», «Run All» de JupyterLab se detiene en este error"
               if con_error else f"lleva la etiqueta «{ETIQUETA_ERROR}» pero no falla")
        )
        assert _fuente(celda).startswith(AVISO_ERROR) == etiquetada, (
            f"{ruta.name}, celda de código {i + 1}: una celda que falla a propósito empieza por «{AVISO_ERROR}…», "
            "y ninguna otra")
        assert "NBVAL_RAISES_EXCEPTION" not in _marcadores(celda), (
            f"{ruta.name}, celda de código {i + 1}: basta la etiqueta; con el comentario, nbval avisa de que se solapan")


def test_salidas_ignoradas_con_motivo(cuaderno):
    ruta, nb = cuaderno
    for i, celda in enumerate(_celdas_de_codigo(nb)):
        lineas = [linea.strip() for linea in _fuente(celda).splitlines()]
        pegado = [linea for linea in lineas if re.match(rf"#\s*{IGNORAR}\s*\S", linea)]
        assert not pegado, f"{ruta.name}, celda {i + 1}: nbval no reconoce «{pegado[0]}»; pon el motivo en la línea siguiente"
        if IGNORAR in _marcadores(celda) or "nbval-ignore-output" in celda["metadata"].get("tags", []):
            posicion = lineas.index(f"# {IGNORAR}") if f"# {IGNORAR}" in lineas else -1
            siguiente = lineas[posicion + 1] if 0 <= posicion < len(lineas) - 1 else ""
            assert re.match(r"# Motivo: \S", siguiente), (
                f"{ruta.name}, celda {i + 1}: tras «# {IGNORAR}» debe ir una línea «# Motivo: …» que explique por qué"
            )


def test_estructura_didactica(cuaderno):
    ruta, nb = cuaderno
    texto = "\n".join(_fuente(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    # Un título de sección es una línea de encabezado (# …) o una línea entera en negrita (**…**).
    titulos = [t.strip().lower() for t in re.findall(r"^(?:#+\s*(.+)|\*\*(.+)\*\*:?)$", texto, flags=re.M) for t in t if t]
    for buscado in ("objetivos", "resumen", "ejercicios"):
        assert any(buscado in t for t in titulos), f"{ruta.name}: falta una sección «{buscado.capitalize()}»"
    assert "glosario.md" in texto, f"{ruta.name}: falta el enlace al glosario"
    primeras = "\n".join(_fuente(c) for c in nb["cells"][:3]).lower()
    for buscado in ("objetivos", "requisitos previos", "tiempo estimado"):
        assert buscado in primeras, f"{ruta.name}: «{buscado}» debe ir al principio"


def test_imagenes_enlazadas_existen(cuaderno):
    ruta, nb = cuaderno
    for celda in nb["cells"]:
        if celda["cell_type"] != "markdown":
            continue
        for destino in re.findall(r"!\[[^\]]*\]\(([^)\s]+)", _fuente(celda)):
            assert (ruta.parent / destino).exists(), f"{ruta.name}: la imagen {destino} no existe"


def test_salidas_sin_rutas_ni_escalares_de_numpy(cuaderno):
    ruta, nb = cuaderno
    for i, celda in enumerate(_celdas_de_codigo(nb)):
        salida = _texto_de_salidas(celda)
        assert not re.search(r"np\.(float|int|bool)\w*\(", salida), (
            f"{ruta.name}, celda {i + 1}: imprime un escalar de numpy ({salida[:60]!r}); usa float()/int() o .item()"
        )
        assert not re.search(r"(/work/|/home/|/root/|/tmp/|site-packages)", salida), (
            f"{ruta.name}, celda {i + 1}: la salida muestra una ruta de esta máquina"
        )


# --- Enlaces al código que implementa lo que se enseña ------------------------------------------------

RAIZ = CUADERNOS.parent
_ENLACE_A_CODIGO = re.compile(r"\]\((?:\.\./)+(minitorch/[\w/]+\.py)\)")
# «`Tensor.view`, en [`minitorch/tensor.py`](../minitorch/tensor.py)» o «`view` (en [...](...))».
_NOMBRE_Y_ENLACE = re.compile(
    r"`([A-Za-z_][\w.]*)`(?:\(\))?,?\s+\(?en\s+\[`?[^\]]*`?\]\((?:\.\./)+(minitorch/[\w/]+\.py)\)")


def _definidos(fichero: Path) -> set[str]:
    """Los nombres de primer nivel de un fichero de Python y los métodos de sus clases («Clase.metodo»).

    Los métodos de una familia de ``minitorch/ops/`` (``class ViewMethods``) son métodos de ``Tensor``:
    ``ops/__init__.py`` los une a la clase, así que ``Tensor.view`` está definido en ``ops/views.py``."""
    nombres = set()
    for nodo in ast.parse(fichero.read_text(encoding="utf-8")).body:
        if isinstance(nodo, (ast.FunctionDef, ast.ClassDef)):
            nombres.add(nodo.name)
        elif isinstance(nodo, ast.Assign):
            nombres.update(t.id for t in nodo.targets if isinstance(t, ast.Name))
        if isinstance(nodo, ast.ClassDef):
            clases = [nodo.name] + (["Tensor"] if fichero.parent.name == "ops" and nodo.name.endswith("Methods") else [])
            for miembro in nodo.body:
                if isinstance(miembro, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    nombres.update(f"{clase}.{miembro.name}" for clase in clases)
                elif isinstance(miembro, ast.Assign):
                    nombres.update(f"{clase}.{t.id}" for clase in clases for t in miembro.targets if isinstance(t, ast.Name))
    return nombres


def _esta_definido(nombre: str, definidos: set[str]) -> bool:
    partes = nombre.split(".")
    return partes[-1] in definidos or ".".join(partes[-2:]) in definidos


def test_enlaza_las_funciones_que_ensena(cuaderno):
    ruta, nb = cuaderno
    texto = "\n".join(_fuente(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    for fichero in _ENLACE_A_CODIGO.findall(texto):
        assert (RAIZ / fichero).is_file(), f"{ruta.name}: el enlace a {fichero} no lleva a ningún fichero"
    pares = _NOMBRE_Y_ENLACE.findall(texto)
    assert pares, f"{ruta.name}: enlaza al menos una función o clase con «`nombre`, en [`minitorch/….py`](../minitorch/….py)»"
    for nombre, fichero in pares:
        assert _esta_definido(nombre, _definidos(RAIZ / fichero)), (
            f"{ruta.name}: «{nombre}» no está definido en {fichero}")


def test_el_comprobador_de_enlaces_reconoce_lo_que_no_existe():
    definidos = _definidos(RAIZ / "minitorch" / "tensor.py")
    assert _esta_definido("Tensor.storage_offset", definidos) and _esta_definido("minitorch.Tensor", definidos)
    assert not _esta_definido("Tensor.vista_que_no_existe", definidos)
    reducciones = _definidos(RAIZ / "minitorch" / "ops" / "reductions.py")
    assert _esta_definido("Tensor.sum", reducciones) and not _esta_definido("Tensor.view", reducciones)
    texto = "El método `Tensor.view`, en [`minitorch/tensor.py`](../minitorch/tensor.py), y `grad` (en [x](../minitorch/autograd/engine.py))."
    assert _NOMBRE_Y_ENLACE.findall(texto) == [("Tensor.view", "minitorch/tensor.py"), ("grad", "minitorch/autograd/engine.py")]
