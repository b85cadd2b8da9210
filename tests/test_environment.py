"""La instalación se describe igual en todas partes.

pyproject.toml (lo que instala «make lab»), environment.yml (la ruta de conda), el Makefile, el README y
el flujo de CI cuentan la misma historia: mismas dependencias con los mismos rangos, mismo Python mínimo,
y el README empieza por «make lab» y «make test».
"""

import json
import os
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: el extra «test» instala tomli
    import tomli as tomllib

RAIZ = Path(__file__).resolve().parents[1]

# Paquetes que conda-forge llama de otra forma (conda-forge → PyPI).
CONDA_A_PYPI = {"matplotlib-base": "matplotlib", "nbconvert-core": "nbconvert"}


def _leer(nombre):
    return (RAIZ / nombre).read_text(encoding="utf-8")


def pyproject():
    return tomllib.loads(_leer("pyproject.toml"))


def requisito(texto):
    """'NumPy >= 1.24, <3 ; python_version<"3.11"' -> ('numpy', '<3,>=1.24'): nombre normalizado y rango."""
    sin_marcador = texto.split(";")[0]
    m = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*?)\s*", sin_marcador)
    assert m, f"no entiendo el requisito {texto!r}"
    nombre = re.sub(r"[-_.]+", "-", m[1]).lower()
    rango = ",".join(sorted(parte.replace(" ", "") for parte in m[2].split(",") if parte.strip()))
    return nombre, rango


def leer_environment(texto):
    """environment.yml como dict: {'name': ..., 'channels': [...], 'dependencies': [...], 'pip': [...],
    'variables': {...}}.

    Solo entiende lo que usa ese fichero: claves de primer nivel con un valor o con una lista de «- ...»,
    dentro de dependencies una sublista «- pip:», y en variables pares «NOMBRE: valor». Lo demás es un
    error, para no leer mal en silencio.
    """
    datos, clave, sangria_pip = {}, None, None
    for numero, linea in enumerate(texto.splitlines(), start=1):
        contenido = re.sub(r"(^|\s)#.*", "", linea).rstrip()
        if not contenido.strip():
            continue
        sangria = len(contenido) - len(contenido.lstrip())
        contenido = contenido.strip()
        if sangria == 0 and ":" in contenido:
            clave, _, valor = contenido.partition(":")
            datos[clave] = valor.strip() or ({} if clave == "variables" else [])
            sangria_pip = None
        elif clave == "variables" and sangria > 0 and ":" in contenido:
            nombre, _, valor = contenido.partition(":")
            datos["variables"][nombre.strip()] = valor.strip()
        elif contenido.startswith("- ") and isinstance(datos.get(clave), list):
            elemento = contenido[2:].strip()
            if sangria_pip is not None and sangria > sangria_pip:
                datos["pip"].append(elemento)
            elif clave == "dependencies" and elemento == "pip:":
                datos["pip"], sangria_pip = [], sangria
            else:
                datos[clave].append(elemento)
                sangria_pip = None
        else:
            raise ValueError(f"environment.yml, línea {numero}: no sé leer {linea!r}")
    return datos


def _instala_el_paquete(elemento):
    return elemento == "-e ."


# Extras que environment.yml no instala: el del libro (make libro) solo hace falta para construirlo.
EXTRAS_SOLO_PIP = {"libro"}


def dependencias_pyproject(con_extras_solo_pip=False):
    proyecto = pyproject()["project"]
    listas = [proyecto["dependencies"]] + [
        lista for extra, lista in proyecto["optional-dependencies"].items()
        if con_extras_solo_pip or extra not in EXTRAS_SOLO_PIP
    ]
    return dict(requisito(r) for lista in listas for r in lista)


def dependencias_conda():
    conda = dict(requisito(r) for r in leer_environment(_leer("environment.yml"))["dependencies"])
    conda.pop("python")
    conda.pop("pip")
    desde_pypi = [r for r in leer_environment(_leer("environment.yml"))["pip"] if not _instala_el_paquete(r)]
    conda.update(requisito(r) for r in desde_pypi)
    return {CONDA_A_PYPI.get(nombre, nombre): rango for nombre, rango in conda.items()}


# --- pyproject.toml y environment.yml ---------------------------------------------------------------

def test_requisito_normaliza_nombres_y_rangos():
    assert requisito('NumPy >= 1.24, <3 ; python_version < "3.11"') == ("numpy", "<3,>=1.24")
    assert requisito("matplotlib_base<4,>=3.7") == ("matplotlib-base", "<4,>=3.7")
    assert requisito("pip") == ("pip", "")


def test_leer_environment_entiende_la_sublista_de_pip():
    datos = leer_environment(
        "name: x  # comentario\nchannels:\n  - conda-forge\ndependencies:\n  - numpy>=1\n  - pip\n"
        "  - pip:\n      - -e .\n  - scipy\n"
    )
    assert datos == {"name": "x", "channels": ["conda-forge"], "dependencies": ["numpy>=1", "pip", "scipy"],
                     "pip": ["-e ."]}


def test_pyproject_y_environment_piden_lo_mismo():
    pypi, conda = dependencias_pyproject(), dependencias_conda()
    diferencias = {
        nombre: (pypi.get(nombre, "(falta)"), conda.get(nombre, "(falta)"))
        for nombre in set(pypi) | set(conda)
        if pypi.get(nombre) != conda.get(nombre)
    }
    assert not diferencias, f"pyproject.toml y environment.yml no coinciden (pyproject, conda): {diferencias}"


def test_las_dependencias_de_ejecucion_son_solo_numpy_y_matplotlib():
    nombres = {requisito(r)[0] for r in pyproject()["project"]["dependencies"]}
    assert nombres == {"numpy", "matplotlib"}


def test_cada_dependencia_tiene_suelo_y_techo():
    # Sin techo, una versión mayor nueva (numpy 3) entraría sin avisar; sin suelo, una demasiado vieja.
    for nombre, rango in dependencias_pyproject(con_extras_solo_pip=True).items():
        assert ">=" in rango and "<" in rango.replace("<=", ""), f"{nombre}: falta el rango (>=x,<y): {rango!r}"


def test_environment_usa_conda_forge_e_instala_el_paquete():
    datos = leer_environment(_leer("environment.yml"))
    assert datos["name"] == "pytorch-por-dentro"
    assert datos["channels"] == ["conda-forge"]
    assert datos["pip"][0] == "-e ."


def test_jupyterlab_en_espanol_en_las_dos_rutas():
    """El paquete de idioma se instala en las dos rutas, y jupyter-config/ lo elige por omisión: make lab
    pone esa carpeta en JUPYTER_CONFIG_PATH, y el entorno de conda también (relativa a la raíz)."""
    ajustes = json.loads(_leer("jupyter-config/labconfig/default_setting_overrides.json"))
    assert ajustes["@jupyterlab/translation-extension:plugin"]["locale"] == "es_ES"
    assert "jupyterlab-language-pack-es-es" in {requisito(r)[0] for r in pyproject()["project"]["optional-dependencies"]["lab"]}
    assert "jupyterlab-language-pack-es-es" in dependencias_conda()
    assert leer_environment(_leer("environment.yml"))["variables"] == {"JUPYTER_CONFIG_PATH": "jupyter-config"}
    receta = _leer("Makefile").split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert 'JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-config' in receta and "jupyter lab" in receta


def test_el_python_minimo_es_el_mismo_en_todas_partes():
    minimo = pyproject()["project"]["requires-python"]
    assert minimo == ">=3.10"
    conda = dict(requisito(r) for r in leer_environment(_leer("environment.yml"))["dependencies"])
    assert conda["python"] == minimo
    assert "(3, 10)" in _leer("Makefile")
    assert re.search(r"python-version:\s*\[\s*\"3\.10\"", _leer(".github/workflows/tests.yml"))
    readme = _leer("README.md")
    assert "Python 3.10" in readme[: readme.index("conda")], "el README debe dar el Python mínimo junto a make lab"


# --- Makefile ----------------------------------------------------------------------------------------

def objetivos_del_makefile():
    return set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", _leer("Makefile"), flags=re.MULTILINE))


def test_el_makefile_tiene_sus_objetivos():
    faltan = {".venv", "lab", "test", "torch", "imagenes", "alumnos", "ejecutar", "bench", "libro", "clean"} - objetivos_del_makefile()
    assert not faltan, f"faltan objetivos en el Makefile: {sorted(faltan)}"


def test_nbval_solo_en_el_makefile():
    # --nbval en addopts haría que «pytest tests» intentara también ejecutar cuadernos.
    assert "nbval" not in pyproject()["tool"]["pytest"]["ini_options"].get("addopts", "")
    makefile = _leer("Makefile")
    assert "--nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg notebooks/" in makefile


def test_las_marcas_de_pytest_estan_declaradas():
    declaradas = {m.split(":")[0].strip() for m in pyproject()["tool"]["pytest"]["ini_options"]["markers"]}
    usadas = set()
    for ruta in (RAIZ / "tests").glob("*.py"):
        usadas |= set(re.findall(r"pytest\.mark\.([A-Za-z_]\w*)", ruta.read_text(encoding="utf-8")))
    usadas -= {"parametrize", "skip", "skipif", "xfail", "usefixtures", "filterwarnings", "timeout"}
    assert usadas <= declaradas, f"marcas sin declarar en pyproject.toml: {sorted(usadas - declaradas)}"


# --- README ------------------------------------------------------------------------------------------

ORDENES = {"make", "pip", "conda", "jupyter", "python", "python3", "pytest", "git", "apt-get", "sudo", "cd"}


def ordenes_del_readme(texto):
    """Las órdenes de terminal del README, en orden: líneas de bloques sh/bash/console y `código` en línea."""
    ordenes = []
    patron = r"^```(?:sh|bash|console|shell)?\n(.*?)^```|`([^`\n]+)`"
    for bloque, en_linea in re.findall(patron, texto, flags=re.MULTILINE | re.DOTALL):
        for linea in bloque.splitlines() if bloque else [en_linea]:
            palabras = linea.split("#")[0].lstrip("$ ").split()
            if palabras and palabras[0] in ORDENES:
                ordenes.append(" ".join(palabras))
    return ordenes


def test_ordenes_del_readme_encuentra_bloques_y_codigo_en_linea():
    texto = "Usa `conda activate x` o:\n\n```sh\nmake lab   # abre\n```\n\n```python\nimport minitorch\n```\n"
    assert ordenes_del_readme(texto) == ["conda activate x", "make lab"]


def test_el_readme_empieza_por_make_lab_y_make_test():
    ordenes = ordenes_del_readme(_leer("README.md"))
    assert sorted(ordenes[:2]) == ["make lab", "make test"], f"las primeras órdenes del README son {ordenes[:3]}"


def test_el_readme_nombra_los_objetivos_del_makefile():
    readme = _leer("README.md")
    for objetivo in ("lab", "test", "alumnos", "imagenes", "bench", "ejecutar", "torch", "libro"):
        assert f"make {objetivo}" in readme, f"el README no explica «make {objetivo}»"


# --- CI ----------------------------------------------------------------------------------------------

def test_ci_ejecuta_make_test():
    script = RAIZ / ".ci" / "run"
    assert os.access(script, os.X_OK), ".ci/run debe ser ejecutable"
    texto = script.read_text(encoding="utf-8")
    assert "set -euo pipefail" in texto and "make test" in texto


def test_el_flujo_de_github_corre_cada_semana():
    flujo = _leer(".github/workflows/tests.yml")
    assert re.search(r"^\s*schedule:\s*\n\s*-\s*cron:", flujo, flags=re.MULTILINE)
    assert "make test" in flujo


def _suelo(rango):
    """'<3,>=1.24' -> (1, 24, 0): el «>=» de un rango, con tres componentes."""
    (suelo,) = re.findall(r">=([\d.]+)", rango)
    partes = [int(p) for p in suelo.split(".")]
    return tuple(partes + [0] * (3 - len(partes)))


def test_las_versiones_minimas_de_la_ci_son_los_suelos_de_pyproject():
    proyecto = pyproject()["project"]
    declarados = dict(requisito(r) for r in proyecto["dependencies"] + proyecto["optional-dependencies"]["test"])
    fijadas = {}
    for linea in _leer(".ci/minimas.txt").splitlines():
        linea = linea.split("#")[0].strip()
        if linea:
            nombre, version = linea.split("==")
            fijadas[re.sub(r"[-_.]+", "-", nombre).lower()] = tuple(int(p) for p in version.split("."))
    assert sorted(fijadas) == sorted(declarados), ".ci/minimas.txt debe fijar cada dependencia directa (y de «test»)"
    distintas = {n: (fijadas[n], _suelo(declarados[n])) for n in declarados if fijadas[n] != _suelo(declarados[n])}
    assert not distintas, f".ci/minimas.txt no fija el suelo de pyproject.toml: {distintas}"


def test_el_trabajo_de_versiones_minimas_usa_el_python_minimo():
    flujo = _leer(".github/workflows/tests.yml")
    trabajo = flujo.split("\n  minimas:", 1)[1]
    assert "PIP_CONSTRAINT: ${{ github.workspace }}/.ci/minimas.txt" in trabajo
    assert re.search(r'python-version:\s*"3\.10"', trabajo) and "make test" in trabajo
