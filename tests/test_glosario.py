"""El glosario (notebooks/glosario.md) recoge cada término que los cuadernos presentan en negrita.

En los cuadernos, la negrita se reserva para los términos que se explican (el énfasis va en cursiva) y
para los rótulos al principio de una línea («**Objetivos**», «**Tiempo estimado:** 40 minutos»). Cada
término en negrita tiene que estar en el glosario, y su fila tiene que citar ese cuaderno entre los que lo
explican; cada cuaderno citado existe.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CUADERNOS = Path(__file__).resolve().parents[1] / "notebooks"
FUENTES = sorted(CUADERNOS.glob("[0-9][0-9]_*.ipynb"))
GLOSARIO = CUADERNOS / "glosario.md"

_NEGRITA = re.compile(r"\*\*([^*\n]+?)\*\*")
# Un rótulo: negrita al principio de una línea (no de una lista; sí de una cita, «> **Nota.**») que acaba la
# línea, o acaba en «:» o «.».
_ROTULO = re.compile(r"^(?:>\s*)?\*\*([^*\n]+?)\*\*(?::|\s*$)|^(?:>\s*)?\*\*([^*\n]+?[:.])\*\*", re.MULTILINE)


def _normalizar(termino: str) -> str:
    termino = re.sub(r"[*`]", "", termino).strip().lower()
    return re.sub(r"^(el|la|los|las|un|una)\s+", "", termino)


def _variantes(termino: str) -> set[str]:
    """El término y sus singulares posibles (tensores → tensor, capas → capa, redes → red)."""
    t = _normalizar(termino)
    return {t, t[:-1] if t.endswith("s") else t, t[:-2] if t.endswith("es") else t}


def filas_del_glosario() -> list[tuple[set[str], set[str]]]:
    """Cada fila de la tabla: (términos en español normalizados, cuadernos citados)."""
    filas = []
    for linea in GLOSARIO.read_text(encoding="utf-8").splitlines():
        celdas = [c.strip() for c in linea.strip().strip("|").split("|")]
        if len(celdas) < 4 or celdas[0] in ("Español", "") or set(celdas[0]) <= set("-: "):
            continue
        terminos = {_normalizar(t) for t in re.split(r"[,()]", celdas[0]) if t.strip()}
        citados = set(re.findall(r"\(([0-9][0-9]_[\w]+\.ipynb)\)", celdas[-1]))
        filas.append((terminos, citados))
    return filas


def terminos_en_negrita(cuaderno: dict) -> list[str]:
    texto = "\n".join("".join(c["source"]) for c in cuaderno["cells"] if c["cell_type"] == "markdown")
    rotulos = {m.start(m.lastindex) - 2 for m in _ROTULO.finditer(texto)}  # donde empieza su «**»
    return [m.group(1) for m in _NEGRITA.finditer(texto) if m.start() not in rotulos]


def _fila_de(termino: str, filas):
    return next((fila for fila in filas if _variantes(termino) & fila[0]), None)


def test_el_glosario_tiene_filas_y_cita_cuadernos_que_existen():
    filas = filas_del_glosario()
    assert len(filas) >= 20
    for terminos, citados in filas:
        assert citados, f"glosario: la fila de {sorted(terminos)} no cita ningún cuaderno"
        for nombre in citados:
            assert (CUADERNOS / nombre).exists(), f"glosario: {sorted(terminos)} cita {nombre}, que no existe"


@pytest.mark.parametrize("ruta", FUENTES, ids=lambda ruta: ruta.stem)
def test_cada_termino_en_negrita_esta_en_el_glosario(ruta):
    filas = filas_del_glosario()
    for termino in terminos_en_negrita(json.loads(ruta.read_text(encoding="utf-8"))):
        fila = _fila_de(termino, filas)
        assert fila is not None, (
            f"{ruta.name}: «{termino}» va en negrita pero no está en el glosario (si solo es énfasis, "
            "va en cursiva)")
        assert ruta.name in fila[1], f"glosario: la fila de «{termino}» debe citar {ruta.name}, que lo explica"


def test_distingue_rotulos_de_terminos():
    cuaderno = {"cells": [{"cell_type": "markdown", "source": [
        "**Objetivos**\n", "**Tiempo estimado:** 40 minutos\n", "**Requisitos previos**: 01\n",
        "**Dónde está en minitorch.** En tensor.py.\n", "> **En PyTorch 2.** es distinto.\n", "- **capa** (*layer*): un bloque; y una **vista**.\n"]}]}
    assert terminos_en_negrita(cuaderno) == ["capa", "vista"]
    filas = [({"capa"}, {"06_nn_module.ipynb"}), ({"tensor", "tensores"}, {"01_tensores.ipynb"})]
    assert _fila_de("capas", filas) is filas[0] and _fila_de("los tensores", filas) is filas[1]
    assert _fila_de("énfasis", filas) is None
