"""El dibujo del grafo computacional de un resultado, con matplotlib (sin Graphviz).

``draw_graph(loss)`` recorre ``loss.grad_fn`` y sus ``next_functions`` y dibuja un recuadro por
nodo, con la operación (``MulBackward0``…), el nombre que le des en ``names`` (hojas y resultados
intermedios) y la forma del tensor que produjo::

    from minitorch.figures.graph import draw_graph
    draw_graph(loss, names={"w": w, "b": b, "z": z});
    draw_graph(loss, names={"w": w, "b": b, "z": z}, backward=True);

Las flechas grises siguen la propagación hacia adelante (de las entradas al resultado, de arriba
abajo). Las hojas que requieren gradiente (``AccumulateGrad``) van en azul, las operaciones en
naranja y el nodo del resultado en verde. Sin ``backward``, una hoja muestra su ``.grad`` si ya lo
tiene (y un resultado intermedio, si se pidió con ``retain_grad()``, como en PyTorch).

Con ``backward=True`` se dibuja además la retropropagación, en púrpura: una flecha de vuelta junto a
cada flecha gris y, en cada nodo, el gradiente del resultado respecto de lo que produjo ese nodo; si
un valor se usa varias veces, cada flecha de vuelta lleva su contribución, y el nodo, su suma. Ese
gradiente lo calcula ``backward_flow`` recorriendo el grafo como ``backward()``, pero sin tocar el
``.grad`` de nadie ni liberar los tensores guardados (ni ejecutar los ganchos): por eso el grafo
tiene que estar todavía entero, antes de ``backward()`` o tras ``backward(retain_graph=True)``.
"""

from __future__ import annotations

import numpy as np

from ..autograd import grad_mode
from ..autograd.engine import sum_to
from ..autograd.node import AccumulateGrad, gradient_edge
from ..tensor import Tensor
from .style import (
    FONT_SIZES, INK, MAX_CELL_INCHES, MONO, MONO_ADVANCE, MUTED, SANS, STORAGE, TENSORS, Canvas, series_style,
)

CHAR_WIDTH = FONT_SIZES["small"] * MONO_ADVANCE / 72 / MAX_CELL_INCHES  # celdas por carácter, letra «small»
LINE_HEIGHT = 0.34  # celdas por línea de texto dentro de un recuadro
BOX_PADDING = 0.3
GAP_X = 0.6  # separación horizontal entre recuadros
GAP_Y = 0.9  # separación vertical entre capas
LEGEND_HEIGHT = 0.55  # la fila de la leyenda, debajo del resultado
ARROW_SHIFT = 0.09  # con la retropropagación, cada flecha se aparta esto a un lado de la de vuelta
OPERATION, LEAF, RESULT, GRADIENT = TENSORS[0], STORAGE, TENSORS[1], TENSORS[2]
FORWARD_LABEL = "propagación hacia adelante"
BACKWARD_LABEL = "retropropagación: el gradiente de cada nodo"


def graph_nodes(tensor: Tensor) -> tuple[list, list]:
    """Los nodos alcanzables desde ``tensor.grad_fn`` y las aristas ``(entrada, consumidor, posición)``."""
    root = _root(tensor)
    nodes, edges, seen, stack = [], [], {root}, [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        for position, (following, _) in enumerate(node.next_functions):
            if following is None:
                continue
            edges.append((following, node, position))
            if following not in seen:
                seen.add(following)
                stack.append(following)
    return nodes, edges


def _root(tensor: Tensor):
    if not isinstance(tensor, Tensor):
        raise TypeError(f"draw_graph: se esperaba un minitorch.Tensor, pero se recibió {type(tensor).__name__}")
    if not tensor.requires_grad:
        raise ValueError(
            "draw_graph: el tensor no tiene grafo (no requiere gradiente ni viene de una operación anotada)")
    return gradient_edge(tensor)[0]


def backward_flow(tensor: Tensor) -> tuple[dict, dict]:
    """El gradiente de ``tensor`` (con gradiente inicial 1, o unos si no es escalar) respecto de cada nodo.

    Devuelve ``{nodo: [gradiente de cada salida]}`` y ``{(entrada, consumidor, posición): gradiente}``,
    lo que viaja por cada arista. Es el recorrido de ``backward()`` en orden topológico, pero no
    acumula en ningún ``.grad``, no libera los tensores guardados y no anota nada en el grafo.
    """
    nodes, edges = graph_nodes(tensor)
    if any(node._saved is None for node in nodes):
        raise RuntimeError(
            "draw_graph(backward=True): backward() ya recorrió este grafo y liberó los tensores que guarda, "
            "así que no se puede volver a calcular el gradiente. Dibújalo antes de backward(), o llama a "
            "backward(retain_graph=True)"
        )
    root, root_output = gradient_edge(tensor)
    waiting = {node: 0 for node in nodes}  # cuántas aristas le faltan a cada nodo por recibir
    for source, _, _ in edges:
        waiting[source] += 1
    node_grads = {node: [None] * node._num_outputs for node in nodes}
    node_grads[root][root_output] = Tensor._from_array(np.ones(tensor.shape, tensor.dtype.numpy), tensor.dtype)
    edge_grads = {}
    ready = [root]
    with grad_mode.no_grad():
        while ready:
            node = ready.pop()
            buffer = node_grads[node]
            arrived = any(g is not None for g in buffer)
            grads = node.apply(list(buffer)) if arrived and not isinstance(node, AccumulateGrad) else ()
            for position, (following, output) in enumerate(node.next_functions):
                if following is None:
                    continue
                g = grads[position] if position < len(grads) else None
                if g is not None:
                    shape, dtype = node._input_meta[position]
                    g = sum_to(g, shape, node, position).to(dtype)  # deshace la difusión, como el motor
                    edge_grads[(following, node, position)] = g
                    previous = node_grads[following][output]
                    node_grads[following][output] = g if previous is None else previous + g
                waiting[following] -= 1
                if waiting[following] == 0:
                    ready.append(following)
    return node_grads, edge_grads


def _layers(nodes: list, edges: list, root) -> list[list]:
    """Capas por la distancia más larga desde el resultado: toda arista baja al menos una capa."""
    consumers_left = {node: 0 for node in nodes}
    for source, _, _ in edges:
        consumers_left[source] += 1
    depth = {root: 0}
    ready = [root]
    while ready:
        node = ready.pop()
        for following, _ in node.next_functions:
            if following is None:
                continue
            depth[following] = max(depth.get(following, 0), depth[node] + 1)
            consumers_left[following] -= 1
            if consumers_left[following] == 0:
                ready.append(following)
    layers = [[] for _ in range(max(depth.values()) + 1)]
    for node in nodes:  # en el orden del recorrido: los hermanos quedan juntos
        layers[depth[node]].append(node)
    return layers


def _order_layers(layers: list[list], edges: list) -> None:
    """Ordena cada capa por la posición media de sus consumidores (menos cruces de flechas)."""
    consumers: dict = {}
    for source, target, position in edges:
        consumers.setdefault(source, []).append((target, position))
    for layer_index in range(1, len(layers)):
        above = {node: i for i, node in enumerate(layers[layer_index - 1])}
        placed = {node: i for layer in layers[:layer_index] for i, node in enumerate(layer)}

        def barycenter(node):
            # La posición del argumento desempata: la primera entrada de una operación, a la izquierda.
            near = [above[t] + p * 0.01 for t, p in consumers.get(node, []) if t in above]
            far = [placed[t] + p * 0.01 for t, p in consumers.get(node, []) if t in placed]
            chosen = near or far
            return sum(chosen) / len(chosen) if chosen else 0.0

        layers[layer_index].sort(key=barycenter)


def _shapes(tensor: Tensor, nodes: list, edges: list) -> dict:
    """La forma del tensor que produjo cada nodo: la anota quien lo usa como entrada (``_input_meta``)."""
    shapes = {_root(tensor): tuple(tensor.shape)}
    for source, target, position in edges:
        meta = target._input_meta[position] if position < len(target._input_meta) else None
        if meta is not None:
            shapes.setdefault(source, tuple(meta[0]))
    for node in nodes:
        if isinstance(node, AccumulateGrad):
            shapes[node] = tuple(node.variable.shape)
    return shapes


def _format_grad(grad: Tensor) -> str:
    values = grad.detach().reshape(-1).tolist()
    if grad.dim() == 0:
        return f"{values[0]:.3g}"
    shown = ", ".join(f"{v:.3g}" for v in (values if len(values) <= 4 else values[:3]))
    return f"[{shown}{', …' if len(values) > 4 else ''}]"


def _names_by_node(names: dict | None) -> dict:
    """``{nodo: nombre}`` para cada tensor de ``names`` que está en un grafo (hoja o resultado intermedio)."""
    found: dict = {}
    for name, tensor in (names or {}).items():
        if not isinstance(tensor, Tensor):
            raise TypeError(f"draw_graph: names[{name!r}] tiene que ser un tensor, no {type(tensor).__name__}")
        node, _ = gradient_edge(tensor)
        if node is not None:
            found[node] = f"{found[node]}, {name}" if node in found else name
    return found


def _stored_grad(node):
    """Lo que ya guarda el tensor del nodo: el ``.grad`` de una hoja o el de un intermedio con ``retain_grad()``."""
    if isinstance(node, AccumulateGrad):
        return node.variable.grad
    kept = (node._retained or {}).get(0)
    tensor = kept() if kept is not None else None
    return tensor.grad if tensor is not None else None


def _labels(tensor: Tensor, nodes: list, edges: list, names: dict | None, flow: dict | None) -> dict:
    """Las líneas de cada recuadro: la operación, nombre y forma, y el gradiente si lo hay."""
    shapes = _shapes(tensor, nodes, edges)
    names_by_node = _names_by_node(names)
    labels = {}
    for node in nodes:
        shape = shapes.get(node)
        shape_text = "?" if shape is None else str(list(shape))
        name = names_by_node.get(node)
        lines = [node.name(), f"{name} {shape_text}" if name else shape_text]
        grads = flow[node] if flow is not None else [_stored_grad(node)]
        shown = [_format_grad(g) for g in grads if g is not None]
        if shown:
            lines.append("grad " + "; ".join(shown))
        labels[node] = lines
    return labels


@series_style
def draw_graph(tensor: Tensor, ax=None, *, names: dict | None = None, backward: bool = False):
    """Dibuja el grafo computacional de ``tensor`` y devuelve la ``Figure``.

    ``names`` (``{"w": w, "z": z, ...}``) pone nombre a los nodos de esos tensores, hojas o resultados
    intermedios. Con ``backward=True`` dibuja también la retropropagación y el gradiente de cada nodo
    (ver ``backward_flow``), sin modificar ningún tensor. Con ``ax``, dibuja en esos ejes.
    """
    nodes, edges = graph_nodes(tensor)
    root = _root(tensor)
    flow, edge_grads = backward_flow(tensor) if backward else (None, {})
    layers = _layers(nodes, edges, root)
    _order_layers(layers, edges)
    labels = _labels(tensor, nodes, edges, names, flow)

    size = {node: (max(len(line) for line in lines) * CHAR_WIDTH + 2 * BOX_PADDING, len(lines) * LINE_HEIGHT + BOX_PADDING)
            for node, lines in labels.items()}
    row_height = [max(size[n][1] for n in layer) for layer in layers]
    row_width = [sum(size[n][0] for n in layer) + GAP_X * (len(layer) - 1) for layer in layers]
    legend = [(FORWARD_LABEL, MUTED)] + ([(BACKWARD_LABEL, GRADIENT.edge)] if backward else [])
    legend_width = sum(1.0 + len(text) * CHAR_WIDTH for text, _ in legend) + GAP_X * (len(legend) - 1)
    width = max(max(row_width), legend_width)
    height = LEGEND_HEIGHT + sum(row_height) + GAP_Y * (len(layers) - 1)

    # Posición del centro de cada recuadro: el resultado abajo (sobre la leyenda), las entradas arriba.
    center, y = {}, LEGEND_HEIGHT
    for layer, row_h, row_w in zip(layers, row_height, row_width):
        x = (width - row_w) / 2
        for node in layer:
            w = size[node][0]
            center[node] = (x + w / 2, y + row_h / 2)
            x += w + GAP_X
        y += row_h + GAP_Y

    if ax is None:
        canvas = Canvas(width, height)
        ax, font = canvas.ax, canvas.font_size("small")
        figure = canvas.figure
    else:
        figure, font = ax.figure, FONT_SIZES["small"]
        ax.set_xlim(-0.25, width + 0.25)
        ax.set_ylim(-0.25, height + 0.25)
        ax.set_axis_off()

    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: PLC0415

    def arrow(start, end, color, bend):
        ax.add_patch(FancyArrowPatch(
            start, end, arrowstyle="-|>", connectionstyle=f"arc3,rad={bend}", mutation_scale=11, color=color,
            linewidth=1.1, shrinkA=0, shrinkB=1, zorder=1,
        ))

    for node, (cx, cy) in center.items():
        w, h = size[node]
        colors = RESULT if node is root else LEAF if isinstance(node, AccumulateGrad) else OPERATION
        ax.add_patch(FancyBboxPatch(
            (cx - w / 2, cy - h / 2), w, h, boxstyle="round,pad=0,rounding_size=0.12",
            facecolor=colors.fill, edgecolor=colors.edge, linewidth=1.3, zorder=2,
        ))
        for i, line in enumerate(labels[node]):
            ax.text(
                cx, cy + h / 2 - BOX_PADDING / 2 - (i + 0.5) * LINE_HEIGHT, line, ha="center", va="center",
                fontsize=font, family=MONO, color=INK if i == 0 else GRADIENT.text if i == 2 else MUTED,
                fontweight="bold" if i == 0 else "normal", zorder=3,
            )

    layer_of = {node: i for i, layer in enumerate(layers) for node in layer}
    uses = {}
    for source, _, _ in edges:
        uses[source] = uses.get(source, 0) + 1
    shift = ARROW_SHIFT if backward else 0.0
    for source, target, position in edges:
        (sx, sy), (tx, ty) = center[source], center[target]
        inputs = len(target.next_functions)
        offset = (position - (inputs - 1) / 2) / max(1, inputs - 1) if inputs > 1 else 0.0
        start = (sx, sy - size[source][1] / 2)
        end = (tx + offset * size[target][0] * 0.6, ty + size[target][1] / 2)
        bend = _bend(start, end, [n for layer in layers[layer_of[target] + 1 : layer_of[source]] for n in layer], center, size)
        arrow((start[0] - shift, start[1]), (end[0] - shift, end[1]), MUTED, bend)
        grad = edge_grads.get((source, target, position))
        if not backward:
            continue
        back_start, back_end = (end[0] + shift, end[1]), (start[0] + shift, start[1])
        arrow(back_start, back_end, GRADIENT.edge, -bend)
        if grad is not None and uses[source] > 1:  # un valor usado varias veces: cada camino aporta lo suyo
            label_x, label_y = _arc_middle(back_start, back_end, -bend)
            ax.text(label_x + 0.06, label_y, _format_grad(grad), ha="left", va="center",
                    fontsize=font * 0.9, family=MONO, color=GRADIENT.text, zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})

    # La leyenda, centrada debajo del resultado: una flecha corta y lo que significa su color.
    x = (width - legend_width) / 2
    for text, color in legend:
        arrow((x, LEGEND_HEIGHT / 2), (x + 0.7, LEGEND_HEIGHT / 2), color, 0.0)
        ax.text(x + 0.85, LEGEND_HEIGHT / 2, text, ha="left", va="center", fontsize=font, family=SANS, color=INK)
        x += 1.0 + len(text) * CHAR_WIDTH + GAP_X
    return figure


def _arc_middle(start, end, rad: float) -> tuple:
    """El punto medio de una flecha ``arc3`` de matplotlib (una curva cuadrática de Bézier)."""
    (x0, y0), (x1, y1) = start, end
    # matplotlib pone el punto de control en el centro más rad · (dy, −dx); la curva pasa a mitad de camino.
    return ((x0 + x1) / 2 + rad * (y1 - y0) / 2, (y0 + y1) / 2 - rad * (x1 - x0) / 2)


def _bend(start, end, between: list, center: dict, size: dict) -> float:
    """La curvatura (``rad`` de matplotlib) para que una flecha que salta capas rodee los recuadros
    de las capas intermedias en vez de pasar por detrás de ellos."""
    (x0, y0), (x1, y1) = start, end
    side = 1 if x1 >= x0 else -1
    control = 0.0  # cuánto se aparta el punto de control de la recta, hacia ``side``
    for node in between:
        cx, cy = center[node]
        half = size[node][0] / 2 + 0.2
        t = (cy - y0) / (y1 - y0)  # por dónde va la flecha (0: salida, 1: llegada) al cruzar esa capa
        chord_x = x0 + (x1 - x0) * t
        if abs(cx - chord_x) < half:
            # Una curva cuadrática se aparta de la recta 2t(1 − t) veces lo que su punto de control.
            control = max(control, (cx + side * half - chord_x) * side / (2 * t * (1 - t)))
    return side * control / (y1 - y0)
