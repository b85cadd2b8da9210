"""Reutilizar la memoria de los resultados intermedios (*temporary elision*).

En ``((a * b + c) * 0.5 - a)`` los resultados intermedios (``a * b``, ``... + c``) no tienen nombre:
en cuanto se usan, desaparecen. Si son grandes, en vez de pedir memoria nueva para el siguiente
resultado se puede escribir encima de ellos: se recorre un bloque menos de memoria y la cadena va
más rápida. numpy lo hace en C dentro de una misma expresión; minitorch lo hace en los operadores
de Python (``+ - * /``) de ``Tensor``.

La pregunta delicada es «¿lo ve alguien más?». La responde el contador de referencias de CPython:
dentro de ``__add__``, un temporal solo está en la pila del intérprete y en el propio marco de
``__add__``; un tensor con nombre tiene, además, la variable. Ese número se mide al importar con un
objeto de prueba (``_calibrate``) y, si un temporal y una variable no se distinguen (Python 3.14
presta referencias de la pila, PyPy no cuenta referencias), la reutilización queda desactivada.
Además, el tensor no puede participar en un grafo, ni compartir su almacenamiento con nadie, ni
ser pequeño (por debajo de 256 KiB no compensa, el mismo umbral que numpy).

Límite conocido (el mismo que tuvo numpy): código en C que llame a ``x * 2`` con una referencia
prestada, sin que nadie más guarde ``x``, lo vería como temporal. Desde Python no puede ocurrir.
"""

from __future__ import annotations

import sys
import sysconfig

MIN_BYTES = 256 * 1024

_refcount = sys.getrefcount


class _Probe:
    # La misma expresión que en los operadores de Tensor (si cambia allí, debe cambiar aquí: lo que
    # haya en la pila del marco mientras se cuenta también suma).
    def __add__(self, other):
        return _refcount(self), _refcount(other)


def _calibrate() -> tuple[int, int] | None:
    """Cuántas referencias tiene un temporal dentro de un operador, como ``(self, other)``, o
    ``None`` si con ese número no se distingue de una variable (y entonces no se reutiliza nada)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 14):
        return None
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        return None  # sin GIL, los contadores se reparten entre hilos
    named, other = _Probe(), _Probe()
    temporary_self = (_Probe() + other)[0]
    named_self = (named + other)[0]
    temporary_other = (named + _Probe())[1]
    named_other = (named + other)[1]
    if temporary_self >= named_self or temporary_other >= named_other:
        return None
    return temporary_self, temporary_other


TEMPORARY_REFS = _calibrate()


def reusable(tensor):
    """El ``ndarray`` de ``tensor``, un temporal (el operador ya comprobó su contador), si se puede
    escribir encima: es grande, está fuera de cualquier grafo y es el único dueño de su memoria.
    Si no, ``None``."""
    if tensor.requires_grad:
        return None
    array = tensor._cached
    if array is None or array.nbytes < MIN_BYTES or array.base is not None or not array.flags.c_contiguous:
        return None
    storage = tensor._storage
    # Referencias esperadas: el atributo, la variable local y el argumento de getrefcount (el array,
    # además, es la base de storage._data). Una más sería otra vista, otro tensor o un ndarray del usuario.
    if _refcount(storage) != 3 or storage._data.base is not array or _refcount(array) != 4:
        return None
    if _refcount(storage._data) != 2:
        return None
    return array
