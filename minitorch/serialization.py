"""Guardar y cargar: ``minitorch.save(obj, ruta)`` y ``minitorch.load(ruta)``, como ``torch.save`` y ``torch.load``.

Los dos usan ``pickle``, el formato con el que Python guarda objetos. Un tensor se guarda como su vista
(almacenamiento, forma, strides y desplazamiento) y ``requires_grad``; el gradiente y el grafo no se
guardan. Lo habitual es guardar el ``state_dict()`` de un modelo, no el modelo entero.

Abrir un ``pickle`` puede ejecutar código: un fichero preparado con mala intención puede pedir que, al
cargarlo, se llame a cualquier función. Por eso ``load`` solo acepta por defecto tensores, arrays de
numpy y los tipos básicos de Python (``weights_only=True``, como PyTorch desde la versión 2.6); un
modelo entero o cualquier otra clase necesitan ``weights_only=False``, solo con ficheros de confianza.

El fichero es de minitorch: la interfaz es la de PyTorch, el formato no (PyTorch escribe un zip).
"""

from __future__ import annotations

import os
import pickle

# Lo único que un fichero puede pedir construir con weights_only=True: (módulo, nombre).
_WEIGHTS_ONLY = frozenset({
    ("minitorch.tensor", "_rebuild_tensor"),
    ("minitorch.tensor", "Tensor"),
    ("minitorch.storage", "Storage"),
    ("minitorch.dtypes", "_by_name"),
    ("minitorch.size", "Size"),
    ("minitorch.nn.parameter", "Parameter"),
    ("collections", "OrderedDict"),
    ("_codecs", "encode"),  # así guarda pickle (protocolo 2) los bytes de los arrays
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy.core.multiarray", "_reconstruct"),  # los mismos, con los nombres de numpy 1.x
    ("numpy.core.multiarray", "scalar"),
})
_ZIP_MAGIC = b"PK\x03\x04"


class _WeightsOnlyUnpickler(pickle.Unpickler):
    """Un ``Unpickler`` que solo construye lo que hay en ``_WEIGHTS_ONLY``."""

    def find_class(self, module: str, name: str):
        if (module, name) not in _WEIGHTS_ONLY:
            raise pickle.UnpicklingError(
                f"no se pudo cargar solo con pesos (weights_only=True): el fichero pide {module}.{name}, que no "
                f"es un tensor ni un tipo básico. Si confías en el origen del fichero, cárgalo con "
                f"weights_only=False (un pickle puede ejecutar código al abrirlo)"
            )
        return super().find_class(module, name)


def save(obj, f, pickle_module=pickle, pickle_protocol: int = 2, _use_new_zipfile_serialization: bool = True) -> None:
    """Guarda ``obj`` (un tensor, un ``state_dict``, un diccionario…) en ``f``: una ruta o un fichero abierto en binario."""
    if _is_path(f):
        with open(f, "wb") as file:
            pickle_module.dump(obj, file, protocol=pickle_protocol)
    else:
        pickle_module.dump(obj, f, protocol=pickle_protocol)


def load(f, map_location=None, pickle_module=None, *, weights_only: bool | None = None, mmap=None, **pickle_load_args):
    """Carga lo que guardó ``save``. Con ``weights_only=True`` (por defecto) solo tensores y tipos básicos."""
    _check_map_location(map_location)
    if weights_only is None:
        weights_only = pickle_module is None
    if weights_only and pickle_module is not None:
        raise RuntimeError("load: no se pueden indicar a la vez weights_only=True y pickle_module")
    if _is_path(f):
        with open(f, "rb") as file:
            return _load(file, pickle_module or pickle, weights_only, pickle_load_args)
    return _load(f, pickle_module or pickle, weights_only, pickle_load_args)


def _load(file, pickle_module, weights_only: bool, pickle_load_args: dict):
    start = file.tell() if file.seekable() else None
    if start is not None:
        if file.read(4) == _ZIP_MAGIC:
            raise RuntimeError(
                "este fichero lo ha guardado PyTorch (en formato zip) y minitorch no sabe leerlo; guarda los "
                "tensores con minitorch.save, o pásalos de uno a otro como arrays de numpy"
            )
        file.seek(start)
    if weights_only:
        return _WeightsOnlyUnpickler(file, **pickle_load_args).load()
    return pickle_module.load(file, **pickle_load_args)


def _is_path(f) -> bool:
    return isinstance(f, (str, bytes, os.PathLike))


def _check_map_location(map_location) -> None:
    """Todo está en la CPU: se aceptan ``None``, ``'cpu'``, ``device('cpu')``, un diccionario o una función."""
    if map_location is None or callable(map_location) or isinstance(map_location, dict):
        return
    name = str(map_location)
    if name.split(":")[0] != "cpu":
        raise RuntimeError(f"minitorch solo tiene el dispositivo 'cpu' y no puede cargar en '{name}'")

