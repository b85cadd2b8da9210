"""Trazas de error que terminan en la línea del alumno, como las de PyTorch.

Cuando una operación de PyTorch falla, la traza que muestra Jupyter acaba en la línea del cuaderno que la
llamó: lo de dentro de PyTorch es C++ y Python no lo ve. En minitorch todo es Python, así que un
``t.view(3, 5)`` equivocado mostraría veinte marcos de ``tensor.py`` y ``strides.py`` con rutas de la máquina
antes del mensaje que importa. Al importarse dentro de IPython (JupyterLab, nbval, nbclient), minitorch pide
a IPython que, al mostrar un error, quite de la traza los marcos de los ficheros de minitorch y deje los del
usuario: la celda, y las funciones del cuaderno por las que haya pasado (un ``forward`` propio, por ejemplo).

La excepción es la misma (tipo, mensaje y causa); solo cambia lo que se enseña. Para depurar minitorch por
dentro, ``minitorch.tracebacks.mostrar_marcos_de_minitorch(True)`` vuelve a la traza completa.
Fuera de IPython (un script, pytest) no cambia nada.
"""

from __future__ import annotations

import os
import sys
import types

__all__ = ["sin_marcos_de_minitorch", "mostrar_marcos_de_minitorch", "instalar_en_ipython"]

_PAQUETE = os.path.dirname(os.path.abspath(__file__)) + os.sep
_mostrar_todo = False


def _es_de_minitorch(marco: types.FrameType) -> bool:
    return os.path.abspath(marco.f_code.co_filename).startswith(_PAQUETE)


def sin_marcos_de_minitorch(traza: types.TracebackType | None) -> types.TracebackType | None:
    """La misma traza sin los marcos de los ficheros de minitorch (una cadena nueva: la original no cambia)."""
    del_usuario = []
    while traza is not None:
        if not _es_de_minitorch(traza.tb_frame):
            del_usuario.append(traza)
        traza = traza.tb_next
    nueva = None
    for marco in reversed(del_usuario):
        nueva = types.TracebackType(nueva, marco.tb_frame, marco.tb_lasti, marco.tb_lineno)
    return nueva


def _recortar_encadenadas(error: BaseException) -> None:
    """Las excepciones encadenadas («The above exception was the direct cause…») también se muestran."""
    vistas = {id(error)}
    siguiente = error.__cause__ or error.__context__
    while siguiente is not None and id(siguiente) not in vistas:
        vistas.add(id(siguiente))
        siguiente.__traceback__ = sin_marcos_de_minitorch(siguiente.__traceback__)
        siguiente = siguiente.__cause__ or siguiente.__context__


def _mostrar_error(shell, tipo, error, traza, tb_offset=None):
    """El manejador de IPython (``set_custom_exc``): muestra el error como siempre, con la traza recortada."""
    if not _mostrar_todo:
        traza = sin_marcos_de_minitorch(traza)
        _recortar_encadenadas(error)
    shell.showtraceback((tipo, error, traza), tb_offset=tb_offset, running_compiled_code=True)


def mostrar_marcos_de_minitorch(mostrar: bool = True) -> None:
    """Con ``True``, las trazas vuelven a incluir los marcos de minitorch (para depurar la biblioteca)."""
    global _mostrar_todo
    _mostrar_todo = bool(mostrar)


def instalar_en_ipython() -> bool:
    """Si minitorch se importa dentro de IPython, registra el manejador. Devuelve si lo ha registrado."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or shell.custom_exceptions not in ((), (Exception,)):
        return False  # fuera de IPython, o alguien ya ha registrado su propio manejador: no lo pisamos
    shell.set_custom_exc((Exception,), _mostrar_error)
    return True
