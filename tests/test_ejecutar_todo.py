"""«Run ▸ Run All Cells» en cada cuaderno, fuente y copia del alumnado, como lo hace JupyterLab.

nbval compara las salidas de los cuadernos fuente, pero no ve lo que ve un alumno que abre un cuaderno y
pulsa «Run All»: JupyterLab se detiene en la primera celda que falla, salvo que lleve la etiqueta
``raises-exception``. Aquí se ejecuta cada cuaderno con nbclient sin ``allow_errors`` (que respeta esa
etiqueta igual que JupyterLab), con el Python de estas pruebas, y se exige llegar a la última celda.

En las copias del alumnado, además, cada ejercicio sin resolver tiene que decir «⏳ … todavía sin resolver»:
el esbozo no es un error, y el comprobador lo reconoce.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CUADERNOS = Path(__file__).resolve().parents[1] / "notebooks"
TODOS = sorted(CUADERNOS.glob("[0-9][0-9]_*.ipynb")) + sorted((CUADERNOS / "alumnos").glob("[0-9][0-9]_*.ipynb"))
ESBOZO = "# TU CÓDIGO AQUÍ"


class _PythonDeEstasPruebas(KernelSpecManager):
    """El núcleo «python3» es siempre este intérprete (el de .venv), aunque haya otro registrado."""

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                          display_name="Python 3", language="python")


def _ejecutar(ruta: Path):
    cuaderno = nbformat.read(ruta, as_version=4)
    nucleo = KernelManager(kernel_name="python3", kernel_spec_manager=_PythonDeEstasPruebas())
    cliente = NotebookClient(cuaderno, km=nucleo, timeout=300, allow_errors=False,
                             resources={"metadata": {"path": str(ruta.parent)}})
    try:
        cliente.execute()
    except CellExecutionError as error:
        celda = next((i for i, c in enumerate(cuaderno.cells)
                      if c.cell_type == "code" and any(s.get("output_type") == "error" for s in c.get("outputs", []))),
                     "?")
        pytest.fail(f"{ruta.relative_to(CUADERNOS)}: «Run All» se detiene en la celda {celda}, que falla sin la "
                    f"etiqueta raises-exception:\n{str(error)[-1500:]}", pytrace=False)
    return cuaderno


def _texto(celda) -> str:
    return "".join(s.get("text", "") + s.get("data", {}).get("text/plain", "") for s in celda.get("outputs", []))


@pytest.mark.parametrize("ruta", TODOS, ids=lambda ruta: str(ruta.relative_to(CUADERNOS)))
def test_run_all_llega_a_la_ultima_celda(ruta):
    cuaderno = _ejecutar(ruta)
    codigo = [c for c in cuaderno.cells if c.cell_type == "code" and c.source.strip()]
    assert codigo and all(c.get("execution_count") for c in codigo), f"{ruta.name}: quedaron celdas sin ejecutar"
    if ruta.parent.name != "alumnos":
        return
    for numero, celda in enumerate(cuaderno.cells):
        if celda.cell_type == "code" and ESBOZO in celda.source and "comprobar." in celda.source:
            assert "⏳" in _texto(celda), (
                f"{ruta.name}, celda {numero}: el ejercicio sin resolver debería decir «⏳ … todavía sin "
                f"resolver», y dice: {_texto(celda)[:300]!r}")


def test_hay_copias_del_alumnado():
    assert any(ruta.parent.name == "alumnos" for ruta in TODOS)
