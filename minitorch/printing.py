"""Texto de los tensores: imita carácter a carácter lo que imprime PyTorch.

Este módulo es una capa baja: solo depende de numpy y de la biblioteca
estándar, y recibe los datos ya como ``np.ndarray``. La clase ``Tensor`` lo
usa para su ``repr`` y la clase ``Storage`` para el suyo.

Las reglas son las de ``torch/_tensor_str.py`` (PyTorch 2.x), reescritas:

1. Si el tensor tiene más de ``threshold`` elementos se *resume*: de cada
   eje largo solo se muestran los ``edgeitems`` primeros y últimos, con
   ``...`` en medio. Solo se formatean esos elementos, así que imprimir un
   tensor de diez millones de elementos es instantáneo.
2. Un único «formateador» decide, mirando todos los valores que se van a
   mostrar, la notación (fija o científica) y el ancho común de columna.
3. Los elementos se colocan entre corchetes anidados, partiendo las filas
   demasiado largas para no pasar de ``linewidth`` caracteres.
4. Al final se añaden los sufijos (``size=``, ``dtype=``, ``grad_fn=``...).
"""

import contextlib
import math

import numpy as np

# ---------------------------------------------------------------------------
# Opciones de impresión (las mismas que ``torch.set_printoptions``)
# ---------------------------------------------------------------------------

_PROFILES = {
    "default": {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80},
    "short": {"precision": 2, "threshold": 1000, "edgeitems": 2, "linewidth": 80},
    "full": {"precision": 4, "threshold": math.inf, "edgeitems": 3, "linewidth": 80},
}

_options = dict(_PROFILES["default"], sci_mode=None)


def set_printoptions(precision=None, threshold=None, edgeitems=None,
                     linewidth=None, profile=None, sci_mode=None):
    """Cambia las opciones de impresión de los tensores.

    Args:
        precision: número de decimales de los números reales (4 por defecto).
        threshold: número de elementos a partir del cual se resume el tensor
            (1000 por defecto).
        edgeitems: elementos que se muestran al principio y al final de cada
            dimensión cuando se resume (3 por defecto).
        linewidth: caracteres por línea antes de partir una fila (80).
        profile: ``'default'``, ``'short'`` o ``'full'``: un juego completo de
            valores que los demás argumentos pueden retocar.
        sci_mode: ``True`` o ``False`` fuerzan (o prohíben) la notación
            científica; ``None`` deja que se elija según los valores.

    Igual que en PyTorch, ``sci_mode`` se asigna siempre: llamar a
    ``set_printoptions(precision=2)`` lo devuelve a ``None``.
    """
    if profile is not None:
        # Un perfil desconocido no hace nada, igual que en PyTorch.
        _options.update(_PROFILES.get(profile, {}))
    for name, value in (("precision", precision), ("threshold", threshold),
                        ("edgeitems", edgeitems), ("linewidth", linewidth)):
        if value is not None:
            _options[name] = value
    _options["sci_mode"] = sci_mode


def get_printoptions() -> dict:
    """Devuelve las opciones actuales en un diccionario que se puede pasar
    tal cual a ``set_printoptions(**opciones)``."""
    return dict(_options)


@contextlib.contextmanager
def printoptions(**kwargs):
    """Cambia las opciones de impresión solo dentro de un bloque ``with``."""
    saved = get_printoptions()
    set_printoptions(**kwargs)
    try:
        yield
    finally:
        set_printoptions(**saved)


# ---------------------------------------------------------------------------
# Formato de cada elemento
# ---------------------------------------------------------------------------

_NUMPY_DTYPES = {
    "float32": np.float32,
    "float64": np.float64,
    "int64": np.int64,
    "int32": np.int32,
    "bool": np.bool_,
}

_STORAGE_NAMES = {
    "float32": "FloatStorage",
    "float64": "DoubleStorage",
    "int64": "LongStorage",
    "int32": "IntStorage",
    "bool": "BoolStorage",
}


class _ElementFormatter:
    """Decide cómo se escribe cada número de un tensor.

    Se construye con *todos* los valores que se van a mostrar, porque la
    notación y el ancho de columna son comunes a todo el tensor: así las
    columnas quedan alineadas.
    """

    def __init__(self, shown: np.ndarray, is_float: bool):
        self.is_float = is_float
        self.int_mode = True     # todos los reales son enteros: se escribe «3.»
        self.sci_mode = False
        self.width = 1

        if not is_float:
            # En enteros y booleanos el texto más largo está en un extremo:
            # el mayor valor o el más negativo (o ``False``, más largo que ``True``).
            if shown.size:
                ends = (shown.min().item(), shown.max().item())
                self.width = max(len(str(v)) for v in ends)
            return

        # Los ceros, nan e inf no cuentan: no dicen nada sobre la escala.
        useful = shown[np.isfinite(shown) & (shown != 0)]
        if useful.size == 0:
            # Nada que medir: «0.», «nan»... en notación fija aunque se haya
            # pedido sci_mode=True (PyTorch hace lo mismo).
            return

        magnitudes = np.abs(useful).astype(np.float64)
        smallest, largest = magnitudes.min(), magnitudes.max()
        self.int_mode = bool(np.all(useful == np.ceil(useful)))
        if _options["sci_mode"] is None:
            # El cociente puede desbordarse a inf con float64 extremos; da igual.
            with np.errstate(over="ignore"):
                spread = largest / smallest
            self.sci_mode = bool(spread > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4)
        else:
            self.sci_mode = _options["sci_mode"]

        # Los valores que no cuentan para la escala tampoco cuentan para el
        # ancho: un «nan» o un «-0.» pueden quedar más anchos que la columna.
        self.width = max(len(self._bare_text(v)) for v in useful.tolist())

    def _bare_text(self, value) -> str:
        precision = _options["precision"]
        if not self.is_float:
            return str(value)
        if self.sci_mode:
            return f"{value:.{precision}e}"
        if self.int_mode:
            # El punto final delata que es un tensor de reales, no de enteros.
            text = f"{value:.0f}"
            return text if math.isnan(value) or math.isinf(value) else text + "."
        return f"{value:.{precision}f}"

    def text(self, value) -> str:
        """Texto de un elemento, alineado a la derecha en la columna común."""
        return self._bare_text(value).rjust(self.width)


# ---------------------------------------------------------------------------
# Resumen de tensores grandes y colocación entre corchetes
# ---------------------------------------------------------------------------

def _keep_edges(values: np.ndarray, edgeitems: int) -> np.ndarray:
    """Se queda, en cada eje largo, con los ``edgeitems`` primeros y últimos.

    La indexación con una lista de posiciones copia solo lo elegido (incluso
    si ``values`` es una vista no contigua), de modo que el coste depende de
    lo que se va a imprimir y no del tamaño del tensor.
    """
    for axis, size in enumerate(values.shape):
        if size > 2 * edgeitems:
            kept = np.r_[0:edgeitems, size - edgeitems:size]
            values = values[(slice(None),) * axis + (kept,)]
    return values


def _layout(texts: np.ndarray, cut: tuple, indent: int, width: int) -> str:
    """Coloca los textos de los elementos entre corchetes anidados.

    ``cut[i]`` dice si el eje ``i`` se resumió; en ese caso ``texts`` solo
    tiene sus extremos y aquí se intercala ``...``. ``indent`` es la columna
    en la que está el corchete que abre este nivel.
    """
    edgeitems = _options["edgeitems"]

    if texts.ndim == 1:
        items = list(texts)
        if cut[0]:
            if edgeitems == 0:
                return "[...]"
            # El espacio inicial separa «...» de la coma anterior como un número más.
            items = items[:edgeitems] + [" ..."] + items[edgeitems:]
        # Se reparte la fila como si todos midieran el ancho común más «, ».
        per_line = max(1, math.floor((_options["linewidth"] - indent) / (width + 2)))
        lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
        return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"

    blocks = [_layout(sub, cut[1:], indent + 1, width) for sub in texts]
    if cut[0]:
        blocks = blocks[:edgeitems] + ["..."] + blocks[edgeitems:]
    # n-1 saltos de línea entre bloques de un tensor n-D: las filas de una
    # matriz van seguidas, las matrices de un tensor 3-D llevan una línea en
    # blanco entre ellas, los bloques 3-D de un tensor 4-D, dos.
    separator = "," + "\n" * (texts.ndim - 1) + " " * (indent + 1)
    return "[" + separator.join(blocks) + "]"


def _body(values: np.ndarray, is_float: bool, indent: int) -> str:
    """Texto de los datos de un tensor no vacío (sin ``tensor(`` ni sufijos)."""
    summarize = values.size > _options["threshold"]
    shown = _keep_edges(values, _options["edgeitems"]) if summarize else values
    formatter = _ElementFormatter(shown, is_float)

    if values.ndim == 0:
        return formatter.text(values.item())

    texts = np.array([formatter.text(v) for v in shown.ravel().tolist()], dtype=object)
    texts = texts.reshape(shown.shape)
    cut = tuple(summarize and size > 2 * _options["edgeitems"] for size in values.shape)
    return _layout(texts, cut, indent, formatter.width)


def _append_suffixes(text: str, suffixes: list, indent: int) -> str:
    """Añade los sufijos separados por comas, pasando a otra línea si no caben."""
    parts = [text]
    # PyTorch cuenta dos caracteres de más en la última línea; lo imitamos
    # para partir las líneas exactamente en el mismo sitio.
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        # Se mide con el nombre que tendría en PyTorch («torch.float64», tres
        # letras más corto) para partir la línea donde PyTorch la parte.
        length = len(suffix.replace("minitorch.", "torch."))
        if last_line_len + length + 2 > _options["linewidth"]:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + length
        else:
            parts.append(", " + suffix)
            last_line_len += length + 2
    parts.append(")")
    return "".join(parts)


# ---------------------------------------------------------------------------
# Funciones públicas
# ---------------------------------------------------------------------------

def tensor_repr(values: "np.ndarray", *, dtype_name: str, default_float: str = "float32",
                suffixes: "list[str]" = ()) -> str:
    """Texto de un tensor, idéntico al de PyTorch con ``torch.`` → ``minitorch.``.

    Args:
        values: los datos del tensor (cualquier disposición en memoria; puede
            ser 0-d o estar vacío).
        dtype_name: ``'float32'``, ``'float64'``, ``'int64'``, ``'int32'`` o
            ``'bool'``: el dtype de minitorch.
        default_float: el dtype real por defecto; el ``dtype=`` solo se
            escribe cuando no se puede deducir del propio texto.
        suffixes: elementos finales ya escritos, como
            ``'requires_grad=True'`` o ``'grad_fn=<SumBackward0>'``; van
            después de ``dtype=``.

    Ejemplo::

        >>> tensor_repr(np.array([1.0, 2.5]), dtype_name="float64")
        'tensor([1.0000, 2.5000], dtype=minitorch.float64)'
    """
    values = np.asarray(values, dtype=_NUMPY_DTYPES[dtype_name])
    prefix = "tensor("
    indent = len(prefix)
    dtype_item = "dtype=minitorch." + dtype_name
    items = []

    if values.size == 0:
        # Sin elementos no se puede deducir nada a la vista: se escriben la
        # forma (salvo si es 1-D) y el dtype, que aquí sí sale aunque sea int64 o bool.
        if values.ndim != 1:
            items.append(f"size={tuple(values.shape)}")
        if dtype_name != default_float:
            items.append(dtype_item)
        body = "[]"
    else:
        if not _options["edgeitems"]:
            # Con edgeitems=0 solo se ve «[...]»: solo la forma da información.
            items.append(f"size={tuple(values.shape)}")
        # Enteros (sin punto), booleanos y reales por defecto se reconocen a la vista.
        if dtype_name not in (default_float, "int64", "bool"):
            items.append(dtype_item)
        body = _body(values, dtype_name.startswith("float"), indent)

    return _append_suffixes(prefix + body, items + list(suffixes), indent)


def storage_repr(values: "np.ndarray", *, dtype_name: str) -> str:
    """Texto de un ``Storage``, como en PyTorch 1.x.

    Un elemento por línea, precedido de un espacio y escrito como un número
    de Python (``str(float)``, así que un float32 muestra todos los dígitos
    de su valor en doble precisión), y al final el pie
    ``[minitorch.FloatStorage of size 6]``.

    Ejemplo::

        >>> print(storage_repr(np.array([1.0, 4.0], dtype=np.float32), dtype_name="float32"))
         1.0
         4.0
        [minitorch.FloatStorage of size 2]
    """
    values = np.asarray(values, dtype=_NUMPY_DTYPES[dtype_name]).ravel()
    footer = f"[minitorch.{_STORAGE_NAMES[dtype_name]} of size {values.size}]"
    if values.size == 0:
        return " \n" + footer  # PyTorch deja una línea con un solo espacio
    lines = [" " + str(v) for v in values.tolist()]
    return "\n".join(lines + [footer])
