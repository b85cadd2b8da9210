"""Las trazas de error de un cuaderno acaban en la línea del usuario, como las de PyTorch (minitorch/tracebacks.py)."""

from __future__ import annotations

import re
import sys
import traceback

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

import minitorch
from minitorch import tracebacks


def _error_de_view():
    try:
        minitorch.arange(6.0).view(4, 5)
    except RuntimeError as error:
        return error
    raise AssertionError("view(4, 5) de 6 elementos debería fallar")


def _ficheros(traza) -> list[str]:
    return [marco.filename for marco in traceback.extract_tb(traza)]


def test_quita_los_marcos_de_minitorch_y_deja_los_del_usuario():
    error = _error_de_view()
    completa = _ficheros(error.__traceback__)
    assert any("minitorch" in f for f in completa[1:]), completa  # la traza real pasa por minitorch
    recortada = _ficheros(tracebacks.sin_marcos_de_minitorch(error.__traceback__))
    assert recortada == [__file__]
    assert _ficheros(error.__traceback__) == completa  # la original no cambia


def test_los_marcos_del_usuario_entre_los_de_minitorch_se_quedan():
    class Capa(minitorch.nn.Module):
        def forward(self, x):
            return x.view(7)

    try:
        Capa()(minitorch.arange(6.0))
    except RuntimeError as error:
        marcos = traceback.extract_tb(tracebacks.sin_marcos_de_minitorch(error.__traceback__))
    assert [m.name for m in marcos] == ["test_los_marcos_del_usuario_entre_los_de_minitorch_se_quedan", "forward"]


def test_fuera_de_ipython_no_se_instala_nada():
    assert "IPython" not in sys.modules or sys.modules["IPython"].get_ipython() is None
    assert tracebacks.instalar_en_ipython() is False


class _PythonDeEstasPruebas(KernelSpecManager):
    def get_kernel_spec(self, kernel_name):
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                          display_name="Python 3", language="python")


def _trazas_en_un_cuaderno(*celdas: str) -> list[dict]:
    cuaderno = nbformat.v4.new_notebook()
    cuaderno.cells = [nbformat.v4.new_code_cell(c) for c in celdas]
    for celda in cuaderno.cells:
        celda.metadata["tags"] = ["raises-exception"]
    nucleo = KernelManager(kernel_name="python3", kernel_spec_manager=_PythonDeEstasPruebas())
    NotebookClient(cuaderno, km=nucleo, timeout=120).execute()
    return [s for c in cuaderno.cells for s in c.outputs if s.output_type == "error"]


def _texto(error: dict) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error["traceback"]))


def test_en_un_cuaderno_la_traza_acaba_en_la_celda():
    corta, con_forward, completa = _trazas_en_un_cuaderno(
        "import minitorch as torch\nt = torch.arange(6.0)\nt.view(4, 5)",
        "class Capa(torch.nn.Module):\n    def forward(self, x):\n        return x.view(7)\nCapa()(t)",
        "torch.tracebacks.mostrar_marcos_de_minitorch(True)\nt.view(4, 5)",
    )
    assert corta["ename"] == "RuntimeError" and "[4, 5]" in corta["evalue"] and "6" in corta["evalue"]
    texto = _texto(corta)
    assert "----> 3 t.view(4, 5)" in texto and "minitorch" not in texto.replace("import minitorch", "")
    assert "in Capa.forward" in _texto(con_forward) and "tensor.py" not in _texto(con_forward)
    assert "ops/views.py" in _texto(completa)  # para depurar minitorch, la traza completa sigue a mano
