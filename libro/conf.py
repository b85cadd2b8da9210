"""Configuración de Sphinx para «el libro»: la serie como sitio HTML estático (make libro).

El libro se construye desde la raíz del repositorio (sphinx-build -c libro . build/libro/html), no desde
libro/: así las rutas de los cuadernos valen tal cual (../img/x.png desde notebooks/ es img/x.png) y no hay
que copiar ni cuadernos ni figuras. include_patterns elige qué ficheros son páginas del libro.

Los cuadernos se muestran con las salidas que tienen guardadas (nb_execution_mode = "off"): son las que
nbval comprueba en make test, así que el libro enseña lo que el código produce hoy sin volver a ejecutarlo.
"""

import os
import re
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

RAIZ = Path(__file__).resolve().parents[1]

project = "PyTorch por dentro"
author = "Los autores de PyTorch por dentro"
copyright = "2026, " + author
language = "es"

extensions = ["myst_nb"]

root_doc = "libro/index"
include_patterns = ["libro/index.md", "notebooks/[0-9][0-9]_*.ipynb", "notebooks/glosario.md"]
# Sphinx recorre srcdir entero; estas carpetas no tienen páginas y .venv es enorme.
exclude_patterns = [".venv", ".git", "build", "dist", "notebooks/alumnos", ".pytest_cache", ".hypothesis",
                    "**/.ipynb_checkpoints"]

# --- Cuadernos ---------------------------------------------------------------------------------------------
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

# --- El repositorio (botones de Binder y de GitHub, enlaces al código de minitorch) -----------------------
# Por orden: la variable de entorno LIBRO_REPOSITORIO (https://github.com/usuario/repositorio), el remoto
# «origin» de git si es de GitHub, el repositorio de GitHub Actions (GITHUB_REPOSITORY) y, si no, este
# marcador, que un fork sin remoto de GitHub debe cambiar. La rama: LIBRO_RAMA, o main.
REPOSITORIO_POR_OMISION = "https://github.com/pytorch-por-dentro/pytorch-por-dentro"
RAMA = os.environ.get("LIBRO_RAMA", "main")


def _repositorio():
    if os.environ.get("LIBRO_REPOSITORIO"):
        return os.environ["LIBRO_REPOSITORIO"].rstrip("/")
    try:
        origen = subprocess.run(["git", "remote", "get-url", "origin"], cwd=RAIZ, capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        origen = ""
    m = re.fullmatch(r"(?:https://|git@)github\.com[/:]([\w.-]+/[\w.-]+?)(?:\.git)?/?", origen)
    if m:
        return "https://github.com/" + m[1]
    if os.environ.get("GITHUB_REPOSITORY"):
        return "https://github.com/" + os.environ["GITHUB_REPOSITORY"]
    return REPOSITORIO_POR_OMISION


repositorio = _repositorio()
# Binder construye el entorno con environment.yml (en la raíz) y abre el cuaderno en JupyterLab. Solo vale
# para repositorios de GitHub, como los botones del tema.
BINDER = "https://mybinder.org/v2/gh/" + repositorio.removeprefix("https://github.com/") + f"/{RAMA}?urlpath=lab/tree/"

# --- Aspecto --------------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "PyTorch por dentro"
html_static_path = ["_static"]
html_css_files = ["libro.css"]
# index.html en la raíz del sitio, que lleva a la portada (libro/index.html).
html_extra_path = ["_extra"]
html_theme_options = {
    "repository_url": repositorio,
    "repository_branch": RAMA,
    "path_to_docs": "",
    "use_repository_button": True,
    "use_download_button": True,
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "show_navbar_depth": 1,
    "home_page_in_toc": True,
    "search_bar_text": "Buscar en el libro…",
}
# Claro u oscuro según el sistema. Sin esto, la primera visita (sin preferencia guardada) escribe un error en
# la consola del navegador: «Got invalid theme mode».
html_context = {"default_mode": "auto"}


# --- Una pequeña extensión ------------------------------------------------------------------------------
# 1) Al principio de cada cuaderno, enlaces para descargarlo, descargar su copia para el alumnado
#    (notebooks/alumnos/) y abrir una u otra en Binder.
# 2) Los enlaces de los cuadernos al código (../minitorch/tensor.py, ../README.md) apuntan a ficheros que no
#    son páginas del libro: se cambian por su dirección en GitHub, donde se pueden leer.

def _descarga(texto, ruta, docname):
    nodo = addnodes.download_reference("", "", reftarget="/" + ruta, refdoc=docname, refexplicit=True,
                                       refdomain="", reftype="download")
    nodo += nodes.literal(texto, texto)
    return nodo


def _externo(texto, url):
    return nodes.reference("", texto, refuri=url, internal=False)


def _codigo_a_github(app, doctree):
    """Cambia los enlaces a ficheros o carpetas del repositorio que no son páginas del libro (el código de
    minitorch, el README) por su dirección en GitHub: ahí se leen con su historia, en vez de descargarlos."""
    origen = Path(app.env.doc2path(app.env.docname)).parent
    # MyST deja los enlaces a ficheros que existen como descargas y los demás como referencias pendientes.
    enlaces = [*doctree.findall(addnodes.pending_xref), *doctree.findall(addnodes.download_reference)]
    for xref in enlaces:
        destino = xref.get("reftarget", "")
        if xref.get("reftype") != "myst" or "://" in destino or destino.startswith("#"):
            continue
        if xref.get("refdomain") == "doc":
            # MyST ya ha convertido «../README.md» en el nombre de documento «README».
            if destino in app.env.found_docs:
                continue
            ruta = RAIZ / (destino + ".md")
        else:
            ruta = (origen / destino.split("#")[0]).resolve()
        try:
            relativa = ruta.relative_to(RAIZ).as_posix()
        except ValueError:
            continue
        if not ruta.exists() or app.env.path2doc(str(ruta)) in app.env.found_docs:
            continue
        url = f"{repositorio}/{'tree' if ruta.is_dir() else 'blob'}/{RAMA}/{relativa}"
        xref.replace_self(nodes.reference("", "", *xref.children, refuri=url, internal=False))


def _enlaces_del_cuaderno(app, doctree):
    _codigo_a_github(app, doctree)
    docname = app.env.docname
    m = re.fullmatch(r"notebooks/(\d\d_\w+)", docname)
    if not m:
        return
    fuente, copia = f"notebooks/{m[1]}.ipynb", f"notebooks/alumnos/{m[1]}.ipynb"
    parrafo = nodes.paragraph(classes=["enlaces-cuaderno"])
    parrafo += nodes.Text("Descarga ")
    parrafo += _descarga(f"{m[1]}.ipynb", fuente, docname)
    parrafo += nodes.Text(" (con soluciones) o ")
    parrafo += _descarga(f"alumnos/{m[1]}.ipynb", copia, docname)
    parrafo += nodes.Text(" (la copia para practicar), o ábrelos en Binder: ")
    parrafo += _externo("con soluciones", BINDER + fuente)
    parrafo += nodes.Text(" · ")
    parrafo += _externo("copia para practicar", BINDER + copia)
    parrafo += nodes.Text(".")
    # Tras el título del cuaderno.
    seccion = next(iter(doctree.findall(nodes.section)), None)
    if seccion is not None and isinstance(seccion[0], nodes.title):
        seccion.insert(1, parrafo)
    else:
        doctree.insert(0, parrafo)


# 3) Unas pocas etiquetas de la interfaz (títulos emergentes y aria-label, para lectores de pantalla) que los
#    temas escriben en inglés sin pasar por su traducción, o que su catálogo español aún no trae. Se cambian
#    en el HTML ya escrito, solo como valor de un atributo (="..."): el texto de los cuadernos no se toca.
TRADUCCIONES = {
    "Launch on Binder": "Abrir en Binder",
    "Launch interactive content": "Abrir el contenido interactivo",
    "Link to this heading": "Enlace a este encabezado",
    "Toggle primary sidebar": "Mostrar u ocultar el índice",
    "Toggle secondary sidebar": "Mostrar u ocultar «En esta página»",
    "Main": "Principal",
    "Page": "Página",
    "Descarga esta pagina": "Descarga esta página",
}


def _traduce_la_interfaz(app, error):
    if error is not None or app.builder.format != "html":
        return
    for pagina in Path(app.outdir).rglob("*.html"):
        texto = original = pagina.read_text(encoding="utf-8")
        for ingles, espanol in TRADUCCIONES.items():
            texto = texto.replace(f'="{ingles}"', f'="{espanol}"')
        if texto != original:
            pagina.write_text(texto, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _traduce_la_interfaz)
    # Antes (prioridad < 500) de que Sphinx recoja las descargas de cada página.
    app.connect("doctree-read", _enlaces_del_cuaderno, priority=400)
    return {"parallel_read_safe": True}
