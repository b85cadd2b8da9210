#!/usr/bin/env python3
"""Escribe las copias para el alumnado de los cuadernos de la serie.

Lee cada cuaderno fuente notebooks/NN_*.ipynb (con soluciones y salidas, el que comprueba nbval) y escribe
notebooks/alumnos/NN_*.ipynb:

- En las celdas de código, lo que hay entre una línea «### BEGIN SOLUTION» y otra «### END SOLUTION»
  (marcadores incluidos, los mismos de nbgrader) se cambia por un esbozo que no detiene «Run All»:
  dentro de una función, «# TU CÓDIGO AQUÍ» y «raise NotImplementedError», con la sangría del marcador;
  fuera de ellas, «nombre = ...» para cada nombre que asignaba la solución. El comprobador de la misma celda
  reconoce los dos esbozos y dice, sin traza de error, que el ejercicio está sin resolver. Esas celdas
  pierden sus salidas y su número de ejecución; las demás los conservan.
- Una celda etiquetada «usa-soluciones» (usa lo que el alumno aún no ha escrito) recibe en la copia la
  etiqueta «raises-exception», para que «Run All» siga adelante aunque falle.
- En las celdas de texto se quita lo que hay entre «<!-- BEGIN SOLUTION -->» y «<!-- END SOLUTION -->»;
  una celda que se queda vacía desaparece.
- Las rutas relativas de enlaces e imágenes del texto (../img/x.png, glosario.md) ganan un «../», porque la
  copia vive un directorio más abajo; los enlaces a otro cuaderno NN_*.ipynb se dejan, y llevan a su copia.

La salida es determinista (JSON como lo escribe nbformat), y las copias de cuadernos fuente que ya no
existen se borran. tests/test_student_notebooks.py comprueba que las copias del repositorio están al día.

Sirve también para los cuadernos de cualquier profesor que use los mismos marcadores: con rutas (cuadernos
o carpetas de cuadernos) en la línea de órdenes, escribe la copia de cada uno en --destino (por omisión, una
carpeta «alumnos» junto a cada cuaderno), con sus enlaces relativos corregidos para la nueva ubicación
(notebooks/profesorado/GUIA.md lo explica).

Uso: python tools/make_student_notebooks.py [--fuente notebooks] [--destino notebooks/alumnos]
     python tools/make_student_notebooks.py CUADERNO_O_CARPETA... [--destino CARPETA]
"""

import argparse
import ast
import fnmatch
import json
import os
import re
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
PATRON = "[0-9][0-9]_*.ipynb"

INICIO_CODIGO = "### BEGIN SOLUTION"
FIN_CODIGO = "### END SOLUTION"
INICIO_TEXTO = "<!-- BEGIN SOLUTION -->"
FIN_TEXTO = "<!-- END SOLUTION -->"
MARCADORES = (INICIO_CODIGO, FIN_CODIGO, INICIO_TEXTO, FIN_TEXTO)
STUB = ("# TU CÓDIGO AQUÍ", "raise NotImplementedError")
ETIQUETA_USA_SOLUCIONES = "usa-soluciones"
ETIQUETA_FALLA = "raises-exception"

_SOLUCION_TEXTO = re.compile(re.escape(INICIO_TEXTO) + r".*?" + re.escape(FIN_TEXTO) + r"[ \t]*\n?", re.DOTALL)
# Destino de un enlace o imagen Markdown, ![x](destino) o [x](destino), y de src=/href= en HTML.
_ENLACE_MD = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)")
_ENLACE_HTML = re.compile(r"""(\b(?:src|href)=["'])([^"']+)""")
_ABSOLUTO = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")  # https:, data:, attachment:, /ruta, #ancla


class ErrorDeMarcadores(ValueError):
    """Marcadores de solución desparejados o mal colocados."""


def _texto(celda):
    fuente = celda.get("source", "")
    return "".join(fuente) if isinstance(fuente, list) else fuente


def _lineas(texto):
    """El campo «source» tal como lo guarda nbformat: una lista de líneas."""
    return texto.splitlines(keepends=True)


def nombres_asignados(codigo):
    """Los nombres que asigna un bloque de código de primer nivel, en orden y sin repetir."""
    try:
        arbol = ast.parse(codigo)
    except SyntaxError as error:
        raise ErrorDeMarcadores(f"la solución no es Python válido: {error}") from None
    nombres = []
    for sentencia in arbol.body:
        if isinstance(sentencia, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            objetivos = [ast.Name(id=sentencia.name)]
        elif isinstance(sentencia, ast.Assign):
            objetivos = sentencia.targets
        elif isinstance(sentencia, (ast.AnnAssign, ast.AugAssign)):
            objetivos = [sentencia.target]
        else:
            objetivos = []
        for objetivo in objetivos:
            for nodo in ast.walk(objetivo):
                if isinstance(nodo, ast.Name) and nodo.id not in nombres:
                    nombres.append(nodo.id)
    return nombres


def _esbozo(sangria, solucion, fin):
    """Lo que ve el alumno en lugar de la solución: nada que detenga «Run All» antes del comprobador."""
    if sangria:  # dentro de una función o un método: el comprobador la llama y reconoce el error
        return f"{sangria}{STUB[0]}\n{sangria}{STUB[1]}{fin}"
    nombres = nombres_asignados(solucion)
    if not nombres:
        raise ErrorDeMarcadores("una solución fuera de una función tiene que asignar algún nombre")
    lineas = [f"{STUB[0]}: cambia cada «...» por tu respuesta"] + [f"{nombre} = ..." for nombre in nombres]
    return "\n".join(lineas) + fin


def quitar_solucion_de_codigo(texto):
    """Cambia cada bloque de solución por el esbozo. Devuelve (texto, número de bloques)."""
    salida, bloques, sangria, solucion = [], 0, None, []
    for linea in texto.splitlines(keepends=True):
        marcador = linea.strip()
        if marcador == INICIO_CODIGO:
            if sangria is not None:
                raise ErrorDeMarcadores(f"«{INICIO_CODIGO}» dentro de otra solución")
            sangria, solucion = linea[: len(linea) - len(linea.lstrip())], []
        elif marcador == FIN_CODIGO:
            if sangria is None:
                raise ErrorDeMarcadores(f"«{FIN_CODIGO}» sin «{INICIO_CODIGO}»")
            fin = "\n" if linea.endswith("\n") else ""
            salida.append(_esbozo(sangria, "".join(solucion), fin))
            bloques, sangria = bloques + 1, None
        elif sangria is None:
            salida.append(linea)
        else:
            solucion.append(linea)
    if sangria is not None:
        raise ErrorDeMarcadores(f"«{INICIO_CODIGO}» sin «{FIN_CODIGO}»")
    return "".join(salida), bloques


def quitar_solucion_de_texto(texto):
    """Quita los bloques de solución de una celda de texto. Devuelve (texto, número de bloques)."""
    inicios, fines = texto.count(INICIO_TEXTO), texto.count(FIN_TEXTO)
    resultado, bloques = _SOLUCION_TEXTO.subn("", texto)
    if inicios != fines or bloques != inicios:
        raise ErrorDeMarcadores(f"{inicios} «{INICIO_TEXTO}» y {fines} «{FIN_TEXTO}» no se emparejan")
    return resultado, bloques


def _ruta_para_la_copia(destino):
    if _ABSOLUTO.match(destino):
        return destino
    if "/" not in destino and fnmatch.fnmatch(destino.split("#")[0], PATRON):
        return destino  # otro cuaderno de la serie: su copia está al lado
    return "../" + destino


def ajustar_rutas(texto):
    """Las rutas relativas del texto, vistas desde notebooks/alumnos/ en vez de notebooks/."""
    texto = _ENLACE_MD.sub(lambda m: m.group(1) + _ruta_para_la_copia(m.group(2)), texto)
    return _ENLACE_HTML.sub(lambda m: m.group(1) + _ruta_para_la_copia(m.group(2)), texto)


def _en_su_linea(marcador, texto):
    """En el texto, un marcador cuenta si ocupa su línea entera: citado en una frase (`### BEGIN SOLUTION`), no."""
    return any(linea.strip() == marcador for linea in texto.splitlines())


def ajustar_rutas_a(texto, origen, copia, hermanos=frozenset()):
    """Las rutas relativas del texto de un cuaderno de ``origen`` (carpeta), vistas desde ``copia`` (carpeta).

    Un enlace a un cuaderno de ``hermanos`` (nombres de los que se copian a la misma carpeta) se deja: lleva
    a su copia. Es la regla general; ``ajustar_rutas`` es el caso de la serie (``copia = origen/alumnos``).
    """
    origen, copia = Path(origen).resolve(), Path(copia).resolve()

    def ruta(destino):
        if _ABSOLUTO.match(destino):
            return destino
        camino, almohadilla, ancla = destino.partition("#")
        if camino in hermanos:
            return destino
        nueva = os.path.relpath(os.path.normpath(origen / camino), copia).replace(os.sep, "/")
        return nueva + almohadilla + ancla

    texto = _ENLACE_MD.sub(lambda m: m.group(1) + ruta(m.group(2)), texto)
    return _ENLACE_HTML.sub(lambda m: m.group(1) + ruta(m.group(2)), texto)


def copia_para_alumnos(cuaderno, ajustar=ajustar_rutas):
    """El cuaderno (dict con el JSON de un .ipynb) para el alumnado; no modifica el original.

    ``ajustar(texto)`` corrige las rutas relativas del texto para la carpeta de la copia.
    """
    celdas = []
    for numero, celda in enumerate(cuaderno.get("cells", [])):
        celda = json.loads(json.dumps(celda))  # copia profunda
        texto = _texto(celda)
        try:
            if celda.get("cell_type") == "code":
                etiquetas = celda.get("metadata", {}).get("tags", [])
                if ETIQUETA_USA_SOLUCIONES in etiquetas and ETIQUETA_FALLA not in etiquetas:
                    celda["metadata"]["tags"] = [*etiquetas, ETIQUETA_FALLA]
                texto, bloques = quitar_solucion_de_codigo(texto)
                if bloques:
                    celda["source"] = _lineas(texto)
                    celda["outputs"] = []
                    celda["execution_count"] = None
            elif celda.get("cell_type") == "markdown":
                texto, bloques = quitar_solucion_de_texto(texto)
                if bloques and not texto.strip():
                    continue  # la celda era solo solución
                texto = ajustar(texto)
                celda["source"] = _lineas(texto)
            restos = [m for m in MARCADORES
                      if m in texto and (celda.get("cell_type") == "code" or _en_su_linea(m, texto))]
            if restos:
                raise ErrorDeMarcadores(f"marcador fuera de sitio: {restos[0]}")
        except ErrorDeMarcadores as error:
            raise ErrorDeMarcadores(f"celda {numero}: {error}") from None
        celdas.append(celda)
    copia = dict(cuaderno)
    copia["cells"] = celdas
    return copia


def serializar(cuaderno):
    """JSON como lo escribe nbformat: sangría 1, claves ordenadas, sin escapar acentos, salto de línea final."""
    return json.dumps(cuaderno, indent=1, sort_keys=True, ensure_ascii=False, separators=(",", ": ")) + "\n"


def generar(fuente, destino):
    """Escribe en destino la copia de cada cuaderno fuente y borra las copias sobrantes.

    Devuelve la lista de rutas escritas (solo las que cambiaron).
    """
    fuente, destino = Path(fuente), Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    escritos, esperados = [], set()
    for ruta in sorted(fuente.glob(PATRON)):
        try:
            cuaderno = json.loads(ruta.read_text(encoding="utf-8"))
            texto = serializar(copia_para_alumnos(cuaderno))
        except ValueError as error:  # JSON roto o ErrorDeMarcadores
            raise SystemExit(f"Error en {ruta}: {error}") from None
        salida = destino / ruta.name
        esperados.add(salida.name)
        if not salida.exists() or salida.read_text(encoding="utf-8") != texto:
            salida.write_text(texto, encoding="utf-8", newline="\n")
            escritos.append(salida)
    for sobrante in sorted(destino.glob(PATRON)):
        if sobrante.name not in esperados:
            sobrante.unlink()
            print(f"Borrada {sobrante} (su cuaderno fuente ya no existe)")
    return escritos


def cuadernos_de(rutas):
    """Los cuadernos de ``rutas``: cada fichero .ipynb tal cual y, de cada carpeta, sus *.ipynb (sin entrar en
    subcarpetas, así que nunca coge sus propias copias de «alumnos/» ni las de .ipynb_checkpoints)."""
    cuadernos = []
    for ruta in map(Path, rutas):
        if ruta.is_dir():
            cuadernos += sorted(ruta.glob("*.ipynb"))
        elif ruta.suffix == ".ipynb" and ruta.is_file():
            cuadernos.append(ruta)
        else:
            raise SystemExit(f"Error: {ruta} no es un cuaderno .ipynb ni una carpeta")
    return cuadernos


def texto_de_la_copia(ruta, carpeta, hermanos=frozenset()):
    """El JSON de la copia para el alumnado del cuaderno ``ruta`` que se escribirá en ``carpeta``.

    ``hermanos``: los nombres de los cuadernos que se copian junto a él (sus enlaces llevan a la copia).
    """
    ruta = Path(ruta)
    try:
        cuaderno = json.loads(ruta.read_text(encoding="utf-8"))
        copia = copia_para_alumnos(cuaderno, lambda texto: ajustar_rutas_a(texto, ruta.parent, carpeta, hermanos))
        return serializar(copia)
    except ValueError as error:  # JSON roto o ErrorDeMarcadores
        raise SystemExit(f"Error en {ruta}: {error}") from None


def generar_copias(rutas, destino=None):
    """Escribe la copia para el alumnado de cada cuaderno de ``rutas`` (ficheros o carpetas) en ``destino``
    (por omisión, la carpeta «alumnos» junto a cada cuaderno). No borra nada.

    Devuelve la lista de rutas escritas (solo las que cambiaron).
    """
    cuadernos = cuadernos_de(rutas)
    carpetas = {ruta: Path(destino) if destino is not None else ruta.parent / "alumnos" for ruta in cuadernos}
    escritos = []
    for ruta in cuadernos:
        carpeta = carpetas[ruta]
        hermanos = frozenset(otro.name for otro in cuadernos
                             if otro.parent.resolve() == ruta.parent.resolve() and carpetas[otro] == carpeta)
        texto = texto_de_la_copia(ruta, carpeta, hermanos)
        salida = carpeta / ruta.name
        if salida.resolve() == ruta.resolve():
            raise SystemExit(f"Error: la copia de {ruta} se escribiría encima del cuaderno fuente")
        carpeta.mkdir(parents=True, exist_ok=True)
        if not salida.exists() or salida.read_text(encoding="utf-8") != texto:
            salida.write_text(texto, encoding="utf-8", newline="\n")
            escritos.append(salida)
    return escritos


AYUDA = """Genera las copias para el alumnado de cuadernos con soluciones marcadas como en nbgrader.

En las celdas de código, cada bloque entre las líneas «### BEGIN SOLUTION» y «### END SOLUTION» se cambia
por un esbozo: dentro de una función, «raise NotImplementedError»; fuera, «nombre = ...» por cada nombre que
asigna. En el texto se quita lo que hay entre «<!-- BEGIN SOLUTION -->» y «<!-- END SOLUTION -->». Las
celdas con soluciones pierden sus salidas; las etiquetadas «usa-soluciones» reciben «raises-exception».

Sin rutas, regenera las copias de la serie (notebooks/NN_*.ipynb en notebooks/alumnos/, lo que hace
«make alumnos») y borra las que sobran. Con rutas, copia esos cuadernos (o los de esas carpetas) y no borra
nada."""

EJEMPLOS = """ejemplos:
  python tools/make_student_notebooks.py
  python tools/make_student_notebooks.py mis_cuadernos/tema1.ipynb --destino reparto/
  python tools/make_student_notebooks.py mis_cuadernos/     (escribe en mis_cuadernos/alumnos/)"""


class _FormatoEnEspanol(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


def main(argv=None):
    parser = argparse.ArgumentParser(description=AYUDA, epilog=EJEMPLOS, formatter_class=_FormatoEnEspanol,
                                     add_help=False)
    parser._positionals.title, parser._optionals.title = "argumentos", "opciones"
    parser.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    parser.add_argument("rutas", nargs="*", type=Path, metavar="CUADERNO_O_CARPETA",
                        help="cuadernos .ipynb o carpetas de cuadernos (sin rutas: los de la serie)")
    parser.add_argument("--fuente", type=Path, default=RAIZ / "notebooks",
                        help="sin rutas: directorio de los cuadernos NN_*.ipynb de la serie (notebooks)")
    parser.add_argument("--destino", "-o", type=Path, default=None,
                        help="directorio de las copias (sin rutas: FUENTE/alumnos; con rutas: «alumnos» junto a "
                             "cada cuaderno)")
    args = parser.parse_args(argv)
    if args.rutas:
        escritos = generar_copias(args.rutas, args.destino)
        for ruta in escritos:
            print(f"Escrita {ruta}")
        print(f"Copias para el alumnado: {len(cuadernos_de(args.rutas))} en total, {len(escritos)} actualizadas.")
        return 0
    destino = args.destino if args.destino is not None else args.fuente / "alumnos"
    escritos = generar(args.fuente, destino)
    for ruta in escritos:
        print(f"Escrita {ruta}")
    total = len(list(Path(args.fuente).glob(PATRON)))
    print(f"Copias para el alumnado en {destino}: {total} en total, {len(escritos)} actualizadas.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
