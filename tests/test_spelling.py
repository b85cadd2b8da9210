"""Ortografía del texto de la serie con hunspell (diccionario es_ES).

Revisa el texto de las celdas Markdown de cada cuaderno fuente (notebooks/*.ipynb; las copias de
notebooks/alumnos/ salen de ellos), README.md, minitorch/README.md y notebooks/glosario.md. Antes quita lo que no es prosa:
bloques de código, `código`, fórmulas LaTeX, direcciones de enlaces, URL y etiquetas HTML.

Las palabras correctas que hunspell no conoce (términos técnicos, nombres propios, términos en inglés)
van en tests/palabras.txt, una por línea: esa lista es la lista explícita de excepciones. Una palabra en
minúsculas vale también con mayúscula inicial («autograd» admite «Autograd»); al revés, no.

Sin hunspell o sin su diccionario es_ES la prueba se salta (Debian: apt-get install hunspell hunspell-es).
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
PALABRAS = RAIZ / "tests" / "palabras.txt"
HUNSPELL = ["hunspell", "-d", "es_ES", "-i", "utf-8"]


def documentos():
    """Los ficheros cuyo texto se revisa, relativos a la raíz."""
    rutas = sorted((RAIZ / "notebooks").glob("*.ipynb"))
    rutas += [RAIZ / nombre for nombre in ("README.md", "minitorch/README.md", "notebooks/glosario.md") if (RAIZ / nombre).exists()]
    return [ruta.relative_to(RAIZ).as_posix() for ruta in rutas]


def markdown_de(ruta):
    """El Markdown de un fichero: el propio fichero o, en un cuaderno, sus celdas de texto."""
    texto = (RAIZ / ruta).read_text(encoding="utf-8")
    if not ruta.endswith(".ipynb"):
        return texto
    celdas = json.loads(texto)["cells"]
    fuentes = (c["source"] for c in celdas if c["cell_type"] == "markdown")
    return "\n\n".join(f if isinstance(f, str) else "".join(f) for f in fuentes)


# Lo que no es prosa, en el orden en que se quita.
_NO_PROSA = [
    (re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL), " "),  # bloques de código
    (re.compile(r"(`+).+?\1", re.DOTALL), " "),  # `código`
    (re.compile(r"\$\$.+?\$\$", re.DOTALL), " "),  # $$ LaTeX $$
    (re.compile(r"\\\[.+?\\\]|\\\(.+?\\\)", re.DOTALL), " "),  # \[ LaTeX \] y \( LaTeX \)
    (re.compile(r"\$[^$\n]+\$"), " "),  # $ LaTeX $
    (re.compile(r"<!--.*?-->", re.DOTALL), " "),  # comentarios HTML
    (re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), "]"),  # [texto](dirección "título"): queda el texto
    (re.compile(r"^[ \t]*\[[^\]]+\]:.*$", re.MULTILINE), " "),  # [referencia]: dirección
    (re.compile(r"<[^>\n]*>"), " "),  # etiquetas HTML y <https://...>
    (re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+"), " "),  # URL sueltas
    (re.compile(r"&[a-zA-Z]+;|&#\d+;"), " "),  # entidades HTML
    (re.compile(r"[\w./-]+\.(?:ipynb|md|py|png|svg|txt|toml|yml|yaml|cfg|json|csv)\b"), " "),  # ficheros
    (re.compile(r"\b\d+(?:\.\w+)+\b"), " "),  # versiones: 3.10, 1.x, 2.13.0
    (re.compile(r"[\\*_~|#>\[\]]"), " "),  # marcas de Markdown
]


def prosa(markdown):
    """El texto de un Markdown sin código, fórmulas, direcciones ni marcas."""
    for patron, reemplazo in _NO_PROSA:
        markdown = patron.sub(reemplazo, markdown)
    return markdown


def _hunspell_l(texto):
    resultado = subprocess.run(
        HUNSPELL + ["-l", "-p", str(PALABRAS)],
        input=texto, capture_output=True, text=True, encoding="utf-8", check=True, timeout=60,
    )
    return set(resultado.stdout.split())


_PRONOMBRES = ("me", "te", "se", "nos", "os", "lo", "la", "los", "las", "le", "les")
_SIN_TILDE = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


def _bases_con_cliticos(palabra):
    """Las formas verbales posibles de un verbo con pronombres pegados (ninguna si no lo parece).

    El diccionario es_ES apenas trae estas formas («veámoslo», «escríbelos», «inicializarlo»). Con tilde,
    la base es la palabra sin pronombres y sin tilde (veámoslo → veamos, escríbelos → escribe); sin tilde,
    solo un infinitivo con un pronombre (inicializarlo → inicializar), así que «escribelos» sigue siendo falta.
    """
    bases = []
    for uno in _PRONOMBRES:
        for pronombres in (uno, *(otro + uno for otro in _PRONOMBRES)):
            base = palabra[: -len(pronombres)]
            if not palabra.endswith(pronombres) or len(base) < 2:
                continue
            if base.translate(_SIN_TILDE) != base:
                base = base.translate(_SIN_TILDE)
                bases.append(base + "s" if base.endswith("mo") and pronombres.startswith("nos") else base)
            elif pronombres == uno and re.search(r"[aei]r$", base):
                bases.append(base)
    return bases


def desconocidas(texto):
    """Las palabras de texto que hunspell no reconoce (con tests/palabras.txt), sin repetir y en orden.

    Un verbo con pronombres pegados vale si hunspell conoce su base (ver _bases_con_cliticos), y una letra
    suelta siempre vale («la x», «con T mayúscula»).
    """
    malas = {palabra for palabra in _hunspell_l(texto) if len(palabra) > 1}
    bases = {palabra: _bases_con_cliticos(palabra) for palabra in malas}
    bases_malas = _hunspell_l("\n".join(b for lista in bases.values() for b in lista))
    malas = {palabra for palabra, lista in bases.items() if all(b in bases_malas for b in lista)}
    return sorted(malas, key=str.lower)


def _hunspell_disponible():
    if shutil.which("hunspell") is None:
        return "no está instalado hunspell (Debian: apt-get install hunspell hunspell-es)"
    prueba = subprocess.run(HUNSPELL + ["-l"], input="hola", capture_output=True, text=True, timeout=60)
    if prueba.returncode != 0:
        return f"hunspell no tiene el diccionario es_ES (Debian: apt-get install hunspell-es): {prueba.stderr.strip()}"
    return None


@pytest.fixture(scope="module")
def hunspell():
    motivo = _hunspell_disponible()
    if motivo:
        pytest.skip(motivo)


def test_la_lista_de_palabras_tiene_una_palabra_por_linea():
    lineas = PALABRAS.read_text(encoding="utf-8").splitlines()
    malas = [linea for linea in lineas if not re.fullmatch(r"[^\s/#*]+", linea)]
    assert not malas, f"tests/palabras.txt: una palabra por línea, sin espacios, «/», «#» ni «*»: {malas}"
    repetidas = sorted({linea for linea in lineas if lineas.count(linea) > 1})
    assert not repetidas, f"tests/palabras.txt tiene palabras repetidas: {repetidas}"


def test_prosa_quita_lo_que_no_es_texto():
    markdown = (
        "# Título con `codigo_raro`\n"
        "Un [enlace](https://ejemplo.org/xyzzy) y ![figura de a[1]](../img/qwrtp.png) con $\\sum_i x_i$.\n"
        "Mira [vrtklm.md](vrtklm.md \"título\") desde PyTorch 1.x o 2.13.0.\n"
        "```python\nprint('zzkx')\n```\n"
        "$$\n\\frac{\\partial L}{\\partial w}\n$$\n"
        "<img src=\"../img/plofk.png\"> <!-- BEGIN SOLUTION --> www.ejemplo.org/bzzt **negrita** *cursiva*\n"
    )
    texto = prosa(markdown)
    for resto in ("codigo_raro", "xyzzy", "qwrtp", "vrtklm", "1.x", "2.13", "sum", "zzkx", "frac", "plofk", "bzzt",
                  "BEGIN", "*", "`", "[", "]"):
        assert resto not in texto
    for palabra in ("Título", "enlace", "figura", "Mira", "PyTorch", "negrita", "cursiva"):
        assert palabra in texto


def test_hunspell_detecta_faltas(hunspell):
    # Si esto falla, hunspell acepta cualquier cosa y la prueba de abajo no sirve de nada.
    assert desconocidas("La retropropagacion calcula el gradiente de x.") == ["retropropagacion"]
    assert desconocidas("La retropropagación de PyTorch calcula los strides.") == []


def test_verbos_con_pronombres_pegados(hunspell):
    assert desconocidas("Veámoslo, escríbelos, midámoslo, calculémoslo y vamos a hacerlo.") == []
    # Sin la tilde que piden, o con una base que no existe, siguen siendo faltas.
    assert desconocidas("Veamoslo, escribelos y calculalo; escríbelso.") == ["calculalo", "escribelos", "escríbelso", "Veamoslo"]


@pytest.mark.parametrize("ruta", documentos())
def test_ortografia(hunspell, ruta):
    malas = desconocidas(prosa(markdown_de(ruta)))
    assert not malas, (
        f"{ruta}: palabras que hunspell (es_ES) no reconoce: {', '.join(malas)}.\n"
        "Corrígelas; si son correctas (términos técnicos, nombres propios), añádelas a tests/palabras.txt."
    )
