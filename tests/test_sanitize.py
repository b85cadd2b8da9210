"""notebooks/sanitize.cfg hace lo que dice.

nbval lee del fichero solo los pares «regex: ...» / «replace: ...» en líneas seguidas e ignora el resto
sin avisar: una regla mal escrita no se aplica y nadie se entera hasta que un cuaderno falla por un
tiempo o una dirección de memoria. Estas pruebas leen el fichero con reglas más estrictas que nbval y
comprueban que las reglas sustituyen lo que deben.
"""

import re
from pathlib import Path

import pytest

SANITIZE = Path(__file__).resolve().parents[1] / "notebooks" / "sanitize.cfg"


def leer_reglas(texto):
    """Pares (regex, replace) del fichero; falla ante cualquier línea que nbval ignoraría.

    Se admiten líneas en blanco y comentarios (#) entre pares, nunca dentro de un par.
    """
    reglas = []
    pendiente = None  # la regex que espera su «replace: »
    for numero, linea in enumerate(texto.split("\n"), start=1):
        if pendiente is not None:
            assert linea.startswith("replace: "), (
                f"línea {numero}: tras «regex:» nbval espera «replace: ...» y encuentra {linea!r}"
            )
            reglas.append((pendiente, linea[len("replace: "):]))
            pendiente = None
        elif linea.startswith("regex: "):
            pendiente = linea[len("regex: "):]
        else:
            assert linea.strip() == "" or linea.startswith("#"), (
                f"línea {numero}: nbval ignoraría esta línea: {linea!r}"
            )
    assert pendiente is None, f"la última regex no tiene «replace:»: {pendiente!r}"
    return reglas


def aplicar(reglas, texto):
    """Lo mismo que hace nbval: cada re.sub en el orden del fichero."""
    for regex, reemplazo in reglas:
        texto = re.sub(regex, reemplazo, texto)
    return texto


@pytest.fixture(scope="module")
def reglas():
    texto = SANITIZE.read_text(encoding="utf-8")
    assert "\r" not in texto, "sanitize.cfg debe tener finales de línea Unix: nbval leería el \\r en la regla"
    return leer_reglas(texto)


def test_el_fichero_tiene_reglas(reglas):
    assert len(reglas) >= 3


def test_cada_regex_compila_y_no_encaja_con_la_cadena_vacia(reglas):
    for regex, reemplazo in reglas:
        patron = re.compile(regex)  # lanza re.error si está mal escrita
        assert not patron.fullmatch(""), f"{regex!r} encaja con la cadena vacía"
        assert reemplazo.strip(), f"{regex!r} tiene un «replace:» vacío"


def test_no_hay_regex_repetidas(reglas):
    # nbval guarda las reglas en un diccionario: una regex repetida pisa a la anterior.
    regexes = [regex for regex, _ in reglas]
    assert len(regexes) == len(set(regexes))


def test_nbval_lee_exactamente_las_mismas_reglas(reglas):
    plugin = pytest.importorskip("nbval.plugin")
    texto = SANITIZE.read_text(encoding="utf-8")
    assert [tuple(par) for par in plugin.get_sanitize_patterns(texto)] == reglas


@pytest.mark.parametrize(
    ("salida", "esperado"),
    [
        ("1.23 µs ± 4.5 ns per loop (mean ± std. dev. of 7 runs, 1,000,000 loops each)", "TIEMPO_TIMEIT"),
        ("1.23 μs ± 45.6 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each)\n", "TIEMPO_TIMEIT\n"),
        ("12.3 ms +- 1.2 ms per loop (mean +- std. dev. of 1 run, 1 loop each)", "TIEMPO_TIMEIT"),
        (
            "The slowest run took 5.12 times longer than the fastest. This could mean that an intermediate"
            " result is being cached.\n8.26 ns ± 0.12 ns per loop (mean ± std. dev. of 7 runs,"
            " 100,000,000 loops each)\n",
            "TIEMPO_TIMEIT\n",
        ),
        ("CPU times: user 1.2 ms, sys: 0 ns, total: 1.2 ms\nWall time: 2.5 s",
         "CPU times: user TIEMPO, sys: TIEMPO, total: TIEMPO\nWall time: TIEMPO"),
        ("tardó 850us", "tardó TIEMPO"),
        ("<object at 0x7f3a2b4c5d60>", "<object at 0xDIRECCION>"),
        ("<minitorch.Tensor object at 0x55D0C0FFEE00>", "<minitorch.Tensor object at 0xDIRECCION>"),
    ],
)
def test_sustituye_lo_variable(reglas, salida, esperado):
    assert aplicar(reglas, salida) == esperado


@pytest.mark.parametrize(
    "salida",
    [
        "tensor([[1., 2.],\n        [3., 4.]])",
        "Hay 3 segundos y 12 muestras",
        "strides=(2, 1), offset=0, shape=(3, 2)",
        "0x1f",  # un hexadecimal corto no es una dirección
        "época 10: pérdida 0.2500",
    ],
)
def test_respeta_lo_demas(reglas, salida):
    assert aplicar(reglas, salida) == salida
