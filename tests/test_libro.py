"""El libro (make libro): la serie como sitio HTML, construido con Sphinx y myst-nb desde libro/conf.py.

Construye el libro una vez, en una carpeta temporal, con los mismos argumentos que el Makefile (-W: un aviso
es un error), y comprueba que cada cuaderno tiene su página, que cada imagen y cada enlace interno llevan a
un fichero que existe, y que la interfaz está en español. Si hay selenium, chromium y chromedriver, abre
además cada página en un Chromium sin ventana y falla si la consola registra un error de JavaScript.

Se salta si falta Sphinx o myst-nb (el extra «libro»: make libro lo instala).
"""

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytest.importorskip("sphinx", reason="hace falta Sphinx (extra «libro»: make libro)")
pytest.importorskip("myst_nb", reason="hace falta myst-nb (extra «libro»: make libro)")
pytest.importorskip("sphinx_book_theme", reason="hace falta sphinx-book-theme (extra «libro»: make libro)")

RAIZ = Path(__file__).resolve().parents[1]
CUADERNOS = sorted(p.stem for p in (RAIZ / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def libro(tmp_path_factory):
    """La carpeta html del libro recién construido."""
    destino = tmp_path_factory.mktemp("libro")
    orden = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", "-c", "libro",
             "-d", str(destino / "doctrees"), ".", str(destino / "html")]
    hecho = subprocess.run(orden, cwd=RAIZ, capture_output=True, text=True, timeout=300)
    assert hecho.returncode == 0, f"sphinx-build falló o avisó:\n{hecho.stdout[-3000:]}\n{hecho.stderr[-3000:]}"
    return destino / "html"


class _Enlaces(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imagenes, self.enlaces = [], []

    def handle_starttag(self, etiqueta, atributos):
        atributos = dict(atributos)
        if etiqueta == "img" and atributos.get("src"):
            self.imagenes.append(atributos["src"])
        elif etiqueta in ("a", "link") and atributos.get("href"):
            self.enlaces.append(atributos["href"])
        elif etiqueta == "script" and atributos.get("src"):
            self.enlaces.append(atributos["src"])


def _enlaces(pagina):
    lector = _Enlaces()
    lector.feed(pagina.read_text(encoding="utf-8"))
    return lector


def _es_interno(url):
    partes = urlsplit(url)
    return not partes.scheme and not partes.netloc and partes.path != ""


def _paginas(libro):
    """Las páginas del libro: _static/ también tiene .html, pero son plantillas de los temas."""
    return sorted(p for p in libro.rglob("*.html") if not p.relative_to(libro).parts[0].startswith("_"))


# --- El libro construido ------------------------------------------------------------------------------------

def test_cada_cuaderno_tiene_su_pagina_en_orden(libro):
    assert CUADERNOS, "no hay cuadernos en notebooks/"
    for nombre in CUADERNOS:
        assert (libro / "notebooks" / f"{nombre}.html").is_file(), f"falta la página de {nombre}"
    portada = (libro / "libro" / "index.html").read_text(encoding="utf-8")
    posiciones = [portada.find(f'href="../notebooks/{nombre}.html"') for nombre in CUADERNOS]
    assert -1 not in posiciones and posiciones == sorted(posiciones), "la portada no enlaza los cuadernos en orden"
    assert not (libro / "notebooks" / "alumnos").exists(), "las copias para el alumnado no son páginas del libro"


def test_la_raiz_lleva_a_la_portada_y_hay_glosario_y_buscador(libro):
    assert 'url=libro/index.html' in (libro / "index.html").read_text(encoding="utf-8")
    assert (libro / "notebooks" / "glosario.html").is_file()
    indice = (libro / "searchindex.js").read_text(encoding="utf-8")
    assert "almacenamiento" in indice and "retropropagacion" in indice.lower()
    assert (libro / "search.html").is_file()


def test_cada_imagen_y_cada_enlace_interno_existen(libro):
    rotos = []
    for pagina in _paginas(libro):
        lector = _enlaces(pagina)
        for url in lector.imagenes + lector.enlaces:
            if url.startswith("data:") or not _es_interno(url):
                continue
            destino = (pagina.parent / unquote(urlsplit(url).path)).resolve()
            if not destino.exists():
                rotos.append(f"{pagina.relative_to(libro)}: {url}")
    assert not rotos, "enlaces o imágenes que no llevan a ningún fichero:\n" + "\n".join(rotos)


def test_las_figuras_de_img_y_las_salidas_con_imagen_se_ven(libro):
    for nombre in CUADERNOS:
        cuaderno = json.loads((RAIZ / "notebooks" / f"{nombre}.ipynb").read_text(encoding="utf-8"))
        texto = "".join("".join(c["source"]) for c in cuaderno["cells"] if c["cell_type"] == "markdown")
        figuras = set(re.findall(r"\.\./img/([\w-]+\.png)", texto))
        salidas = sum("image/png" in salida.get("data", {})
                      for celda in cuaderno["cells"] if celda["cell_type"] == "code"
                      for salida in celda.get("outputs", []))
        imagenes = _enlaces(libro / "notebooks" / f"{nombre}.html").imagenes
        vistas = {Path(src).name for src in imagenes}
        assert figuras <= vistas, f"{nombre}: faltan figuras de img/: {sorted(figuras - vistas)}"
        assert len(imagenes) >= len(figuras) + salidas, f"{nombre}: faltan imágenes de las salidas"


def test_cada_cuaderno_enlaza_su_descarga_su_copia_y_binder(libro):
    for nombre in CUADERNOS:
        pagina = libro / "notebooks" / f"{nombre}.html"
        enlaces = _enlaces(pagina).enlaces
        descargas = {(pagina.parent / e).resolve().read_bytes() for e in enlaces
                     if "_downloads/" in e and e.endswith(f"/{nombre}.ipynb")}
        assert descargas == {(RAIZ / "notebooks" / f"{nombre}.ipynb").read_bytes(),
                             (RAIZ / "notebooks" / "alumnos" / f"{nombre}.ipynb").read_bytes()}, nombre
        binder = [e for e in enlaces if e.startswith("https://mybinder.org/v2/gh/")]
        assert any(e.endswith(f"notebooks/alumnos/{nombre}.ipynb") for e in binder), nombre
        assert any(e.endswith(f"notebooks/{nombre}.ipynb") for e in binder), nombre


def test_la_interfaz_esta_en_espanol_y_hay_formulas(libro):
    pagina = (libro / "notebooks" / "01_tensores.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in pagina
    assert 'placeholder="Buscar' in pagina
    assert "anterior" in pagina and "siguiente" in pagina
    for ingles in ("Search...", "Toggle primary sidebar", "Launch on Binder", "Link to this heading"):
        assert ingles not in pagina, f"queda en inglés: {ingles!r}"
    # Las fórmulas de los cuadernos ($...$) llegan a MathJax.
    assert "mathjax" in (libro / "notebooks" / "04_retropropagacion.html").read_text(encoding="utf-8").lower()


# --- En un navegador --------------------------------------------------------------------------------------

def _navegador():
    webdriver = pytest.importorskip("selenium.webdriver", reason="hace falta selenium (extra «libro»)")
    # chromium en Debian (.ci/run lo instala con apt); Google Chrome en los ejecutores de GitHub Actions.
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("hacen falta chromium (o Chrome) y chromedriver (apt-get install chromium chromium-driver)")
    opciones = webdriver.ChromeOptions()
    opciones.binary_location = chromium
    for argumento in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        opciones.add_argument(argumento)
    opciones.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    from selenium.webdriver.chrome.service import Service

    return webdriver.Chrome(service=Service(driver), options=opciones)


def _errores(navegador):
    """Los errores de la consola, salvo los de recursos de internet que no se pudieron descargar (MathJax
    viene de un CDN): la prueba no necesita red, y eso no es un fallo del libro."""
    errores = []
    for entrada in navegador.get_log("browser"):
        mensaje = entrada["message"]
        if entrada["level"] != "SEVERE":
            continue
        if re.match(r"https?://", mensaje) and "net::ERR_" in mensaje:
            continue
        errores.append(mensaje)
    return errores


def test_cada_pagina_se_abre_sin_errores_en_un_navegador(libro):
    from selenium.webdriver.common.by import By

    navegador = _navegador()
    try:
        paginas = [libro / "libro" / "index.html"] + [libro / "notebooks" / f"{n}.html" for n in CUADERNOS]
        for pagina in paginas:
            navegador.get(pagina.as_uri())
            errores = _errores(navegador)
            assert not errores, f"{pagina.name}: errores de JavaScript en la consola:\n" + "\n".join(errores)
            titulo = navegador.find_elements(By.CSS_SELECTOR, "article h1")
            assert titulo and titulo[0].text.strip(), f"{pagina.name}: la página no tiene título"
            assert navegador.find_elements(By.CSS_SELECTOR, "a.right-next"), f"{pagina.name}: falta «siguiente»"
            if pagina.stem != "index":
                assert navegador.find_elements(By.CSS_SELECTOR, "a.left-prev"), f"{pagina.name}: falta «anterior»"
            campo = navegador.find_elements(By.CSS_SELECTOR, "input[name=q]")
            assert campo and campo[0].get_attribute("placeholder").startswith("Buscar"), pagina.name
    finally:
        navegador.quit()
