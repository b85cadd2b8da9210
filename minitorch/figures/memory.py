"""Figuras sobre cómo guarda un tensor sus números: almacenamiento, desplazamiento y strides.

Cada función recibe los tensores que dibuja (con el ejemplo de los cuadernos por defecto) y devuelve
una ``matplotlib.figure.Figure``. Todo lo que se ve sale de los tensores: la forma de ``size()``, los
strides de ``stride()``, el desplazamiento de ``storage_offset()`` y los valores de su almacenamiento
(``storage()``), leídos en las posiciones que calcula ``strides.position``. Así un cuaderno puede
dibujar el mismo esquema para sus propios tensores::

    from minitorch.figures import draw_strides
    draw_strides(x[1:, ::2]);

En un cuaderno, termina la celda con ``;`` o con ``plt.show()``: si la figura es el valor de la celda,
Jupyter la muestra dos veces.

Convención de todas las figuras: el número pequeño de la esquina de una celda es la posición que ocupa
ese elemento en el almacenamiento.
"""

from __future__ import annotations

import struct
import sys

from .. import strides
from ..creation import tensor as make_tensor
from ..tensor import Tensor
from .style import (
    ERROR, INK, MEMORY, MUTED, NEUTRAL, OBJECT_HEADER, STORAGE, TENSORS, Canvas, Colors, format_tuple,
    format_value, series_style,
)

DESCRIPTION_WIDTH = 4.4  # celdas que ocupan las líneas «forma: …», «desplazamiento: …», «strides: …»
STORAGE_LABEL_WIDTH = 3.4  # celdas que ocupa la etiqueta «almacenamiento» a la izquierda de la fila
ARROWS_HEIGHT = 2.2  # espacio vertical entre un tensor y el almacenamiento, para las flechas
LINE = 0.5  # separación entre líneas de texto
NAME_HEIGHT = 0.65  # lo que ocupa el nombre de un tensor encima (o debajo) de su cuadrícula

# El ejemplo de la serie: los números de points, y una lista con esos mismos seis números.
POINTS = [[1.0, 4.0], [2.0, 1.0], [3.0, 5.0]]  # el tensor de las notas originales y de los cuadernos
LIST_VALUES = [1.0, 4.0, 2.0, 1.0, 3.0, 5.0]
# Una matriz 3 × 3 en la que ningún valor coincide con su posición, para no confundir unos con otras.
MATRIX = [[4.0, 7.0, 1.0], [6.0, 3.0, 8.0], [2.0, 9.0, 5.0]]


# --- piezas comunes ---------------------------------------------------------------------------------

def _check_drawable(tensor, where: str, dims=(0, 1, 2)) -> None:
    if not isinstance(tensor, Tensor):
        raise TypeError(f"{where}: se esperaba un minitorch.Tensor, pero se recibió {type(tensor).__name__}")
    if tensor.dim() not in dims:
        allowed = " o ".join([", ".join(map(str, dims[:-1])), str(dims[-1])] if len(dims) > 1 else [str(dims[0])])
        raise ValueError(
            f"{where}: dibuja tensores de {allowed} dimensiones, pero este tiene forma {format_tuple(tensor.shape)}"
        )
    if tensor.numel() == 0:
        raise ValueError(f"{where}: el tensor de forma {format_tuple(tensor.shape)} no tiene elementos que dibujar")


def _check_same_storage(tensors, where: str) -> None:
    first = tensors[0].storage()
    for k, t in enumerate(tensors[1:], start=1):
        if t.storage() is not first:
            raise ValueError(
                f"{where}: los tensores deben compartir almacenamiento, pero el número {k} "
                f"(forma {format_tuple(t.shape)}) tiene uno distinto del primero"
            )


def storage_positions(tensor: Tensor) -> dict[tuple[int, ...], int]:
    """La posición del almacenamiento de cada elemento, en orden de filas: ``{(i, j): posición}``."""
    return {
        index: strides.position(index, tensor.stride(), tensor.storage_offset())
        for index in strides.iter_indices(tensor.shape)
    }


def _grid_size(tensor: Tensor) -> tuple[int, int]:
    """Filas y columnas de la cuadrícula: un escalar es 1 × 1 y un vector, una fila."""
    return ((1, 1) + tuple(tensor.shape))[-2:]


def _grid_cell(index: tuple[int, ...]) -> tuple[int, int]:
    """Fila y columna de la cuadrícula en la que se dibuja el elemento ``index``."""
    return ((0, 0) + index)[-2:]


def _position_mark(canvas: Canvas, x: float, y: float, position: int) -> None:
    """El número pequeño de la esquina de la celda ``(x, y)``: su posición en el almacenamiento."""
    canvas.text(x + 0.07, y + 0.93, str(position), kind="small", color=MUTED, ha="left", va="top")


def _draw_grid(canvas: Canvas, tensor: Tensor, x: float, top: float, colors: Colors, *, row_gap=0.0):
    """Dibuja el tensor con su esquina superior izquierda en ``(x, top)``.

    Cada valor se lee del almacenamiento, en la posición que le corresponde: lo mismo que hace el tensor.
    Devuelve ``{índice: (x, y)}`` con la esquina inferior izquierda de cada celda.
    """
    values = tensor.storage().tolist()
    corners = {}
    for index, position in storage_positions(tensor).items():
        row, col = _grid_cell(index)
        corner = (x + col, top - row * (1 + row_gap) - 1)
        canvas.cell(*corner, format_value(values[position]), colors)
        _position_mark(canvas, *corner, position)
        corners[index] = corner
    return corners


def _draw_storage_row(
    canvas: Canvas, storage, x: float, y: float, *, highlighted=None, label="almacenamiento", marks=True
):
    """La fila del almacenamiento; ``highlighted`` colorea algunas posiciones: ``{posición: Colors}``."""
    highlighted = highlighted or {}
    for position, value in enumerate(storage.tolist()):
        canvas.cell(x + position, y, format_value(value), highlighted.get(position, STORAGE))
        if marks:
            _position_mark(canvas, x + position, y, position)
    canvas.text(x - 0.3, y + 0.5, label, color=STORAGE.text, bold=True, ha="right")


def _draw_name(canvas: Canvas, name: str, x: float, y: float, colors: Colors) -> None:
    canvas.text(x, y, name, code=True, bold=True, color=colors.text, ha="left", kind="title")


def _draw_description(canvas: Canvas, tensor: Tensor, x: float, top: float, extra=()) -> None:
    """Forma, desplazamiento y strides del tensor, una línea debajo de otra a partir de ``top``."""
    lines = [
        f"forma: {format_tuple(tensor.shape)}",
        f"desplazamiento: {tensor.storage_offset()}",
        f"strides: {format_tuple(tensor.stride())}",
        *extra,
    ]
    for k, line in enumerate(lines):
        canvas.text(x, top - 0.25 - LINE * k, line, ha="left")


def _draw_over_storage(
    canvas, tensor, name, colors, x, storage_x, storage_y, *, above, row_gap=0.0, row_spread=0.0, extra=()
):
    """Un tensor encima (o debajo) de su almacenamiento: nombre, cuadrícula, descripción y flechas.

    ``x`` es la esquina izquierda de la cuadrícula. Cada flecha sale del centro de una celda (pasa por
    detrás de las demás) y llega a la posición del almacenamiento en la que vive ese elemento;
    ``row_spread`` separa en horizontal las flechas de filas distintas que van al mismo sitio.
    """
    rows, cols = _grid_size(tensor)
    grid_height = rows + (rows - 1) * row_gap
    if above:
        top = storage_y + 1.0 + ARROWS_HEIGHT + grid_height
        _draw_name(canvas, name, x, top + 0.4, colors)
    else:
        top = storage_y - ARROWS_HEIGHT
        _draw_name(canvas, name, x, top - grid_height - 0.4, colors)
    corners = _draw_grid(canvas, tensor, x, top, colors, row_gap=row_gap)
    _draw_description(canvas, tensor, x + cols + 0.5, top, extra)
    target_y = storage_y + 1.0 if above else storage_y
    for index, position in storage_positions(tensor).items():
        cx, cy = corners[index]
        shift = (_grid_cell(index)[0] - (rows - 1) / 2) * row_spread
        canvas.arrow((cx + 0.5 + shift, cy + 0.5), (storage_x + position + 0.5 + shift, target_y), colors.edge)


def _over_storage_height(tensor: Tensor, row_gap=0.0, extra_lines=0) -> float:
    """Alto de lo que ``_draw_over_storage`` pone a un lado del almacenamiento (flechas incluidas)."""
    rows = _grid_size(tensor)[0]
    return ARROWS_HEIGHT + max(rows + (rows - 1) * row_gap + NAME_HEIGHT, LINE * (3 + extra_lines) + 0.1)


def _centered_over(tensor: Tensor, storage_x: float) -> float:
    """La x de una cuadrícula centrada sobre las posiciones del almacenamiento que usa el tensor."""
    used = storage_positions(tensor).values()
    return storage_x + (min(used) + max(used) + 1) / 2 - _grid_size(tensor)[1] / 2


def _call(method: str, args) -> str:
    """``reshape`` y ``(6,)`` -> ``"reshape(6)"``: la llamada tal como se escribe."""
    return f"{method}({', '.join(map(str, args))})"


# --- una lista de Python frente a un tensor -------------------------------------------------------

@series_style
def draw_list_vs_tensor(values=None):
    """Una lista de floats de Python (objetos sueltos por la memoria) frente a un tensor ``float32``.

    Arriba, la lista: un array de referencias que apuntan a objetos ``float`` repartidos por la memoria,
    cada uno con su cabecera. Abajo, el tensor: los mismos números seguidos, en un solo bloque. Los
    tamaños se miden en esta máquina (``sys.getsizeof``, ``element_size()``), no se suponen.
    """
    values = LIST_VALUES if values is None else [float(v) for v in values]
    if not 1 <= len(values) <= 10:
        raise ValueError(f"draw_list_vs_tensor: dibuja entre 1 y 10 números, pero se recibieron {len(values)}")
    t = make_tensor(values)
    n = len(values)
    reference_bytes = struct.calcsize("P")
    object_bytes = sys.getsizeof(values[0])
    element_bytes = t.element_size()

    box_width, header_height, value_height = 1.5, 0.42, 0.72
    memory_height = 6.6  # la lista abajo y, encima, los objetos float a dos alturas
    width = max(14.0, 1.6 + n * 1.9)
    height = 0.5 + 0.6 + memory_height + 1.6 + 2.2 + 1.0 + 0.5
    canvas = Canvas(width, height)

    # La lista y sus objetos, sobre un fondo gris que hace de memoria.
    title_y = height - 0.5
    title = "Una lista de Python: cada número es un objeto aparte"
    canvas.text(0, title_y, title, kind="title", bold=True, ha="left")
    memory_top = title_y - 0.6
    memory_bottom = memory_top - memory_height
    canvas.box(0, memory_bottom, width, memory_height, Colors(MEMORY, MEMORY, INK), rounded=True, zorder=0)
    canvas.text(width - 0.25, memory_bottom + 0.3, "memoria", kind="small", color=MUTED, ha="right")

    list_y = memory_bottom + 0.5
    list_x = (width - 1.2 - n) / 2
    canvas.box(list_x, list_y, 1.2, 1.0, OBJECT_HEADER)
    canvas.text(list_x + 0.6, list_y + 0.5, "list", code=True, kind="small", color=MUTED)

    # Cada float en su sitio, desordenados y con huecos, como los deja el reparto de memoria de Python.
    slots = sorted(range(n), key=lambda k: (k * 0.381966) % 1)
    slot_width = (width - 1.0 - box_width) / max(n - 1, 1)
    for k, value in enumerate(values):
        slot = slots[k]
        box_x = 0.5 + slot * slot_width
        box_y = list_y + 2.2 + (1.7 if slot % 2 else 0.3) + 0.3 * (slot % 3)
        # Las flechas van por encima de la lista (se ven salir de su referencia) y por debajo de los
        # objetos float (no tapan ninguno).
        canvas.box(box_x, box_y + value_height, box_width, header_height, OBJECT_HEADER, zorder=4)
        canvas.text(
            box_x + box_width / 2, box_y + value_height + header_height / 2, "float",
            code=True, kind="small", color=MUTED, zorder=6,
        )
        canvas.cell(box_x, box_y, format_value(value), NEUTRAL, width=box_width, height=value_height, zorder=4)
        ref_x = list_x + 1.2 + k
        canvas.cell(ref_x, list_y, "", NEUTRAL)
        canvas.dot(ref_x + 0.5, list_y + 0.5)
        canvas.arrow((ref_x + 0.5, list_y + 0.5), (box_x + box_width / 2, box_y), MUTED, linewidth=1.1, zorder=3)

    canvas.text(
        0, memory_bottom - 0.5,
        f"Por cada número: una referencia de {reference_bytes} bytes y un objeto de {object_bytes} bytes",
        ha="left",
    )

    # El tensor: los mismos números, seguidos en un único almacenamiento.
    title_y = memory_bottom - 1.6
    title = "Un tensor: los mismos números, seguidos en un solo bloque"
    canvas.text(0, title_y, title, kind="title", bold=True, ha="left")
    row_y = title_y - 2.2
    row_x = (width - n) / 2
    _draw_storage_row(canvas, t.storage(), row_x, row_y, marks=False)
    for position in range(n + 1):
        canvas.text(row_x + position, row_y - 0.3, str(position * element_bytes), kind="small", color=MUTED)
    canvas.text(row_x - 0.3, row_y - 0.3, "byte", kind="small", color=MUTED, ha="right")
    canvas.bracket(row_x, row_x + 1, row_y + 1.2, STORAGE.edge, depth=0.15)
    bytes_label = f"{t.dtype.name}: {element_bytes} bytes"
    canvas.text(row_x + 0.5, row_y + 1.5, bytes_label, code=True, kind="small", color=STORAGE.text)
    canvas.text(
        0, row_y - 1.0,
        f"Por cada número: {element_bytes} bytes, sin referencias ni cabeceras ({n} × {element_bytes} = "
        f"{n * element_bytes} bytes en total)",
        ha="left",
    )
    return canvas.figure


# --- varios tensores sobre un mismo almacenamiento --------------------------------------------------

@series_style
def draw_storage(*tensors, names=None, caption=None):
    """Tensores que comparten un almacenamiento, con una flecha de cada celda a su posición.

    Sin argumentos dibuja ``points`` (3 × 2) y ``points[1]``. El primer tensor va encima del
    almacenamiento, el segundo debajo, el tercero otra vez encima…; junto a cada uno, su forma, su
    desplazamiento y sus strides. ``names`` son los nombres que se escriben junto a cada tensor, y
    ``caption``, una frase opcional al pie.
    """
    if not tensors:
        points = make_tensor(POINTS)
        tensors, names = (points, points[1]), ("points", "points[1]")
    names = list(names) if names is not None else [f"t{k}" for k in range(len(tensors))]
    for t in tensors:
        _check_drawable(t, "draw_storage")
    if len(names) != len(tensors):
        raise ValueError(f"draw_storage: hay {len(tensors)} tensores pero {len(names)} nombres")
    if len(tensors) > len(TENSORS):
        raise ValueError(
            f"draw_storage: dibuja como mucho {len(TENSORS)} tensores, pero se recibieron {len(tensors)}"
        )
    _check_same_storage(tensors, "draw_storage")

    storage = tensors[0].storage()
    storage_x = STORAGE_LABEL_WIDTH
    above, below = list(range(0, len(tensors), 2)), list(range(1, len(tensors), 2))

    # Un tensor solo en su lado va centrado sobre las posiciones que usa, y así sus flechas bajan casi
    # rectas; si comparte lado, los tensores van en fila.
    grid_x = {}
    for side in (above, below):
        x = storage_x
        for k in side:
            grid_x[k] = max(_centered_over(tensors[k], storage_x), 0.0) if len(side) == 1 else x
            x += _grid_size(tensors[k])[1] + 0.5 + DESCRIPTION_WIDTH + 1.0
    width = max(
        storage_x + len(storage),
        *(grid_x[k] + _grid_size(t)[1] + 0.5 + DESCRIPTION_WIDTH for k, t in enumerate(tensors)),
    )

    caption_height = 0.8 if caption else 0.0
    below_height = max((_over_storage_height(tensors[k]) for k in below), default=0.0)
    storage_y = 0.3 + caption_height + below_height
    height = storage_y + 1.0 + max(_over_storage_height(tensors[k]) for k in above) + 0.1
    canvas = Canvas(width, height)
    _draw_storage_row(canvas, storage, storage_x, storage_y)
    for k, t in enumerate(tensors):
        _draw_over_storage(canvas, t, names[k], TENSORS[k], grid_x[k], storage_x, storage_y, above=k in above)
    if caption:
        canvas.text(width / 2, 0.3 + caption_height / 2, caption, kind="small")
    return canvas.figure


# --- desplazamiento y strides de una vista ----------------------------------------------------------

@series_style
def draw_strides(tensor=None, name="t"):
    """Forma, desplazamiento y strides de una vista, y cómo se salta por el almacenamiento.

    Sin argumentos dibuja ``x[1:, 1:]``, una vista 2 × 2 de una matriz 3 × 3. Encima del almacenamiento,
    el desplazamiento y el salto a la siguiente fila (``stride[0]``); debajo, el salto a la siguiente
    columna (``stride[1]``); en una esquina, la fórmula que convierte un índice en una posición.
    """
    if tensor is None:
        tensor, name = make_tensor(MATRIX)[1:, 1:], "x[1:, 1:]"
    _check_drawable(tensor, "draw_strides", dims=(1, 2))
    storage, offset, stride = tensor.storage(), tensor.storage_offset(), tensor.stride()
    rows, cols = _grid_size(tensor)
    two_dims = tensor.dim() == 2
    view = TENSORS[0]
    row_color, column_color = TENSORS[2], TENSORS[1]

    # Los saltos largos se dibujan más planos, para que el arco no se salga de la figura.
    row_rad = min(0.5, 2.4 / stride[0]) if two_dims and stride[0] else 0.5
    row_bulge = row_rad * stride[0] / 2 if two_dims and rows > 1 else 0.0
    storage_x = STORAGE_LABEL_WIDTH
    grid_x = 1.4
    storage_y = 1.5
    grid_top = storage_y + 1.0 + max(1.1, row_bulge + 0.7) + 0.6 + rows
    height = grid_top + 0.6 + NAME_HEIGHT
    formula = "posición = desplazamiento + i·stride[0] + j·stride[1]" if two_dims else "posición = desplazamiento + i·stride[0]"
    formula_width = 7.0
    width = max(storage_x + len(storage), grid_x + cols + 0.5 + DESCRIPTION_WIDTH + 0.3 + formula_width)
    canvas = Canvas(width, height)

    # La vista, con sus índices, y lo que la describe.
    _draw_name(canvas, name, grid_x, grid_top + 0.6 + 0.45, view)
    _draw_grid(canvas, tensor, grid_x, grid_top, view)
    index_names = ("i", "j") if two_dims else ("i",)
    for col in range(cols):
        label = f"{index_names[-1]}={col}"
        canvas.text(grid_x + col + 0.5, grid_top + 0.28, label, code=True, kind="small", color=MUTED)
    if two_dims:
        for row in range(rows):
            label = f"i={row}"
            canvas.text(grid_x - 0.15, grid_top - row - 0.5, label, code=True, kind="small", color=MUTED, ha="right")
    _draw_description(canvas, tensor, grid_x + cols + 0.5, grid_top)

    # La fórmula, con el ejemplo del último elemento.
    last = tuple(size - 1 for size in tensor.shape)
    terms = " + ".join(f"{i}·{s}" for i, s in zip(last, stride))
    example = f"{list(last)} → {offset} + {terms} = {strides.position(last, stride, offset)}"
    formula_x = width - formula_width
    frame = Colors(fill="#FFFFFF", edge=MUTED, text=INK)
    canvas.box(formula_x, grid_top - 1.9, formula_width, 1.9, frame, rounded=True, linewidth=1.0)
    # «desplazamiento» es largo: la fórmula va en dos líneas para caber en el recuadro.
    left, right = formula.split(" = ")
    canvas.text(formula_x + formula_width / 2, grid_top - 0.4, f"{left} =", code=True, kind="small")
    canvas.text(formula_x + formula_width / 2, grid_top - 0.8, right, code=True, kind="small")
    canvas.text(formula_x + formula_width / 2, grid_top - 1.4, example, code=True, kind="small", color=MUTED)

    # El almacenamiento, con las posiciones de la vista coloreadas.
    positions = storage_positions(tensor)
    _draw_storage_row(canvas, storage, storage_x, storage_y, highlighted={p: view for p in positions.values()})
    first = storage_x + offset + 0.5
    if offset:
        canvas.bracket(storage_x, storage_x + offset, storage_y + 1.25, MUTED, depth=0.15)
        canvas.text(storage_x + offset / 2, storage_y + 1.6, f"desplazamiento: {offset}", kind="small", color=INK)
    if two_dims and rows > 1:
        apex = storage_y + 1.0
        if stride[0]:  # con stride 0 no hay salto que dibujar: la fila siguiente empieza en el mismo sitio
            apex = canvas.hop(first, first + stride[0], storage_y + 1.0, row_color.edge, above=True, rad=row_rad)
        canvas.text(
            first + stride[0] / 2, max(apex, storage_y + 1.6) + 0.35,
            f"siguiente fila: +{stride[0]} (stride[0])", kind="small", color=row_color.text,
        )
    if cols > 1:
        apex = storage_y
        if stride[-1]:
            apex = canvas.hop(first, first + stride[-1], storage_y, column_color.edge, above=False)
        what = "siguiente columna" if two_dims else "siguiente elemento"
        canvas.text(
            first + stride[-1] / 2, apex - 0.4, f"{what}: +{stride[-1]} (stride[{tensor.dim() - 1}])",
            kind="small", color=column_color.text,
        )
    return canvas.figure


# --- una matriz y su traspuesta -----------------------------------------------------------------------

def _listing(numbers) -> str:
    return ", ".join(map(str, numbers))


def _walk(tensor: Tensor) -> list[int]:
    """Las posiciones del almacenamiento en el orden en que el tensor lee sus elementos (por filas)."""
    return list(storage_positions(tensor).values())


@series_style
def draw_transpose(tensor=None, name="points"):
    """Un tensor 2-D y su traspuesta ``t()`` sobre el mismo almacenamiento, y el orden en que lo leen.

    Sin argumentos dibuja ``points`` (3 × 2, strides ``(2, 1)``) y ``points.t()`` (2 × 3, strides
    ``(1, 2)``). Los arcos de encima del almacenamiento siguen el recorrido del tensor, fila a fila;
    los de debajo, el de la traspuesta, que salta hacia delante y hacia atrás.
    """
    if tensor is None:
        tensor = make_tensor(POINTS)
    _check_drawable(tensor, "draw_transpose", dims=(2,))
    pair = ((tensor, name, TENSORS[0]), (tensor.t(), f"{name}.t()", TENSORS[1]))
    storage = tensor.storage()
    rows = max(_grid_size(t)[0] for t, _, _ in pair)
    description_lines = 4

    storage_x = STORAGE_LABEL_WIDTH
    block_widths = [max(_grid_size(t)[1], DESCRIPTION_WIDTH) + 1.0 for t, _, _ in pair]
    width = max(storage_x + len(storage) + 0.5, sum(block_widths) + 0.5)
    storage_y = 1.6
    grid_top = storage_y + 1.0 + 1.6 + LINE * description_lines + 0.3 + rows
    height = grid_top + NAME_HEIGHT + 0.2
    canvas = Canvas(width, height)

    x = (width - sum(block_widths)) / 2 + 0.5
    for (t, label, colors), block in zip(pair, block_widths):
        _draw_name(canvas, label, x, grid_top + 0.4, colors)
        _draw_grid(canvas, t, x, grid_top, colors)
        contiguous = "sí" if t.is_contiguous() else "no"
        _draw_description(canvas, t, x, grid_top - _grid_size(t)[0] - 0.15, extra=[f"contiguo: {contiguous}"])
        x += block

    _draw_storage_row(canvas, storage, storage_x, storage_y)
    for (t, label, colors), above in zip(pair, (True, False)):
        walk = _walk(t)
        edge_y = storage_y + 1.0 if above else storage_y
        bulges = [
            canvas.hop(storage_x + a + 0.5, storage_x + b + 0.5, edge_y, colors.edge, above=above)
            for a, b in zip(walk, walk[1:])
        ]
        text_y = (max(bulges, default=edge_y) + 0.45) if above else (min(bulges, default=edge_y) - 0.45)
        sentence = f"recorre las posiciones {_listing(walk)}"
        canvas.phrase(storage_x, text_y, label, sentence, kind="small", color=colors.text)
    return canvas.figure


# --- difusión: expand pone strides a 0 --------------------------------------------------------------

@series_style
def draw_broadcast(tensor=None, size=(3, 3), name="row"):
    """``expand``: el tensor ampliado lee una y otra vez las mismas posiciones, porque su stride es 0.

    Sin argumentos dibuja ``row`` (tres números) y ``row.expand(3, 3)``: las tres filas del resultado
    apuntan a las mismas tres celdas del almacenamiento; no se copia nada.
    """
    if tensor is None:
        tensor = make_tensor([1.0, 2.0, 3.0])
    _check_drawable(tensor, "draw_broadcast")
    expanded = tensor.expand(*size)
    _check_drawable(expanded, "draw_broadcast")
    expanded_name = f"{name}.{_call('expand', size)}"
    storage = tensor.storage()
    storage_x = STORAGE_LABEL_WIDTH
    row_gap, row_spread = 0.6, 0.16

    # El tensor ampliado va debajo, con las filas separadas y las flechas de cada fila un poco
    # desplazadas: entre fila y fila se ven llegar, juntas, las flechas de todas las de debajo.
    tensor_x = max(_centered_over(tensor, storage_x), 0.0)
    expanded_x = max(_centered_over(expanded, storage_x), 0.0)
    width = max(
        storage_x + len(storage),
        tensor_x + _grid_size(tensor)[1] + 0.5 + DESCRIPTION_WIDTH,
        expanded_x + _grid_size(expanded)[1] + 0.5 + DESCRIPTION_WIDTH,
    )
    storage_y = 0.3 + 0.8 + _over_storage_height(expanded, row_gap)
    height = storage_y + 1.0 + _over_storage_height(tensor) + 0.1
    canvas = Canvas(width, height)

    _draw_storage_row(canvas, storage, storage_x, storage_y)
    _draw_over_storage(canvas, tensor, name, TENSORS[0], tensor_x, storage_x, storage_y, above=True)
    _draw_over_storage(
        canvas, expanded, expanded_name, TENSORS[1], expanded_x, storage_x, storage_y,
        above=False, row_gap=row_gap, row_spread=row_spread,
    )
    repeated = [str(d) for d, s in enumerate(expanded.stride()) if s == 0]
    if not repeated:
        caption = "Ninguna dimensión tiene stride 0: no se repite nada"
    else:
        where = f"la dimensión {repeated[0]}" if len(repeated) == 1 else f"las dimensiones {', '.join(repeated)}"
        caption = f"Stride 0 en {where}: se vuelve a leer lo mismo, sin copiar nada"
    canvas.text(width / 2, 0.7, caption, kind="small")
    return canvas.figure


# --- view frente a reshape ------------------------------------------------------------------------

@series_style
def draw_view_vs_reshape(tensor=None, shape=None, name="t"):
    """``view`` frente a ``reshape`` con un tensor no contiguo: ``view`` falla y ``reshape`` copia.

    Sin argumentos usa ``points.t()`` y la forma ``(6,)``. Arriba, el tensor sobre su almacenamiento;
    debajo, la copia que hace ``reshape``: los elementos pasan, en el orden en que el tensor los lee, a
    un almacenamiento nuevo. Si el tensor admite ``view``, ``reshape`` no copia nada y la figura es la de
    ``draw_storage`` con los dos tensores sobre el mismo almacenamiento.
    """
    if tensor is None:
        tensor, name = make_tensor(POINTS).t(), "points.t()"
    _check_drawable(tensor, "draw_view_vs_reshape")
    shape = (tensor.numel(),) if shape is None else tuple(shape)
    view_call, reshape_call = f"{name}.{_call('view', shape)}", f"{name}.{_call('reshape', shape)}"
    reshaped = tensor.reshape(*shape)
    _check_drawable(reshaped, "draw_view_vs_reshape")
    try:
        tensor.view(*shape)
    except RuntimeError as error:  # justo cuando view no puede, reshape copia
        failure = type(error).__name__
    else:
        return draw_storage(
            tensor, reshaped, names=[name, reshape_call],
            caption="Sin copiar nada: reshape devuelve la misma vista que view",
        )

    storage_x = STORAGE_LABEL_WIDTH + 1.0  # deja sitio a «almacenamiento nuevo»
    walk = _walk(tensor)
    n = len(tensor.storage())
    width = max(
        storage_x + n + 0.5 + DESCRIPTION_WIDTH,
        _centered_over(tensor, storage_x) + _grid_size(tensor)[1] + 0.5 + DESCRIPTION_WIDTH,
    )
    notes_height = 3 * LINE + 0.4
    new_y = 0.3 + notes_height
    old_y = new_y + 1.0 + ARROWS_HEIGHT
    height = old_y + 1.0 + _over_storage_height(tensor, extra_lines=1) + 0.1
    canvas = Canvas(width, height)

    _draw_storage_row(canvas, tensor.storage(), storage_x, old_y)
    _draw_over_storage(
        canvas, tensor, name, TENSORS[0], _centered_over(tensor, storage_x), storage_x, old_y, above=True,
        extra=[f"contiguo: {'sí' if tensor.is_contiguous() else 'no'}"],
    )

    # La copia: el elemento k-ésimo en orden de lectura va a la posición k del almacenamiento nuevo.
    copy_colors = TENSORS[1]
    _draw_storage_row(canvas, reshaped.storage(), storage_x, new_y, label="almacenamiento nuevo")
    for k, position in enumerate(walk):
        canvas.arrow((storage_x + position + 0.5, old_y), (storage_x + k + 0.5, new_y + 1.0), copy_colors.edge)
    canvas.text(storage_x + n + 0.5, old_y - ARROWS_HEIGHT / 2, "reshape copia", color=copy_colors.text, ha="left")
    _draw_name(canvas, reshape_call, storage_x + n + 0.5, new_y + 0.75, copy_colors)
    layout = f"forma: {format_tuple(reshaped.shape)} · strides: {format_tuple(reshaped.stride())}"
    canvas.text(storage_x + n + 0.5, new_y + 0.2, layout, kind="small", ha="left")

    notes_y = new_y - 0.6
    canvas.text(0, notes_y, f"{view_call} → {failure}", code=True, color=ERROR, ha="left")
    why = (
        f"Sin copiar, ninguna vista de forma {format_tuple(reshaped.shape)} lee las posiciones "
        f"{_listing(walk)} en ese orden."
    )
    canvas.text(0, notes_y - LINE, why, kind="small", ha="left")
    copies = "copia los elementos, en ese orden, a un almacenamiento nuevo."
    canvas.phrase(0, notes_y - 2 * LINE, reshape_call, copies, kind="small")
    return canvas.figure


# Las figuras fijas de la serie: fichero de img/ y la función que lo dibuja con el ejemplo de los cuadernos.
STATIC_FIGURES = {
    "tensor_list.png": draw_list_vs_tensor,
    "tensor_storage.png": draw_storage,
    "tensor_strides.png": draw_strides,
    "tensor_t_strides.png": draw_transpose,
    "broadcasting.png": draw_broadcast,
    "view_vs_reshape.png": draw_view_vs_reshape,
}
