"""El dibujo del grafo computacional de un resultado, con matplotlib (sin Graphviz).

``draw_graph(loss)`` recorre ``loss.grad_fn`` y sus ``next_functions`` y dibuja un recuadro por
nodo, con la operación (``MulBackward0``…), la forma del tensor que produjo y, si ya se llamó a
``backward()``, el gradiente que recibió (en las hojas, su ``.grad``; en un resultado intermedio,
solo si se pidió con ``retain_grad()``, como en PyTorch)::

    from minitorch.figures.graph import draw_graph
    draw_graph(loss, names={"w": w, "b": b});

Las flechas siguen la propagación hacia adelante (de las entradas al resultado, de arriba abajo);
la retropropagación las recorre al revés. Las hojas que requieren gradiente (``AccumulateGrad``)
van en azul, las operaciones en naranja y el nodo del resultado en verde.
"""

from __future__ import annotations

from ..autograd.node import AccumulateGrad
from ..tensor import Tensor
from .style import FONT_SIZES, INK, MAX_CELL_INCHES, MONO_ADVANCE, MUTED, STORAGE, TENSORS, Canvas, series_style

CHAR_WIDTH = FONT_SIZES["small"] * MONO_ADVANCE / 72 / MAX_CELL_INCHES  # celdas por carácter, letra «small»
LINE_HEIGHT = 0.34  # celdas por línea de texto dentro de un recuadro
BOX_PADDING = 0.3
GAP_X = 0.6  # separación horizontal entre recuadros
GAP_Y = 0.9  # separación vertical entre capas
OPERATION, LEAF, RESULT = TENSORS[0], STORAGE, TENSORS[1]


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
    if tensor.grad_fn is not None:
        return tensor.grad_fn
    if tensor.requires_grad:
        from ..autograd.node import grad_accumulator  # noqa: PLC0415

        return grad_accumulator(tensor)
    raise ValueError("draw_graph: el tensor no tiene grafo (no requiere gradiente ni viene de una operación anotada)")


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
    shown = ", ".join(f"{v:.3g}" for v in values[:3])
    return f"grad [{shown}{', …' if len(values) > 3 else ''}]"


def _labels(tensor: Tensor, nodes: list, edges: list, names: dict) -> dict:
    shapes = _shapes(tensor, nodes, edges)
    names_by_id = {id(t): name for name, t in (names or {}).items()}
    labels = {}
    for node in nodes:
        lines = [node.name()]
        shape = shapes.get(node)
        shape_text = "?" if shape is None else str(list(shape))
        grad = None
        if isinstance(node, AccumulateGrad):
            name = names_by_id.get(id(node.variable))
            lines.append(f"{name} {shape_text}" if name else shape_text)
            grad = node.variable.grad
        else:
            lines.append(shape_text)
            retained = (node._retained or {}).get(0)
            kept = retained() if retained is not None else None
            if kept is not None:
                grad = kept.grad
        if grad is not None:
            lines.append(_format_grad(grad))
        labels[node] = lines
    return labels


@series_style
def draw_graph(tensor: Tensor, ax=None, *, names: dict | None = None):
    """Dibuja el grafo computacional de ``tensor`` y devuelve la ``Figure``.

    ``names`` (``{"w": w, ...}``) pone nombre a las hojas. Con ``ax``, dibuja en esos ejes.
    """
    nodes, edges = graph_nodes(tensor)
    root = _root(tensor)
    layers = _layers(nodes, edges, root)
    _order_layers(layers, edges)
    labels = _labels(tensor, nodes, edges, names)

    size = {node: (max(len(line) for line in lines) * CHAR_WIDTH + 2 * BOX_PADDING, len(lines) * LINE_HEIGHT + BOX_PADDING)
            for node, lines in labels.items()}
    row_height = [max(size[n][1] for n in layer) for layer in layers]
    row_width = [sum(size[n][0] for n in layer) + GAP_X * (len(layer) - 1) for layer in layers]
    width = max(row_width)
    height = sum(row_height) + GAP_Y * (len(layers) - 1)

    # Posición del centro de cada recuadro: el resultado abajo, las entradas más lejanas arriba.
    center, y = {}, 0.0
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
                fontsize=font, family="DejaVu Sans Mono", color=INK if i == 0 else MUTED,
                fontweight="bold" if i == 0 else "normal", zorder=3,
            )
    layer_of = {node: i for i, layer in enumerate(layers) for node in layer}
    for source, target, position in edges:
        (sx, sy), (tx, ty) = center[source], center[target]
        inputs = len(target.next_functions)
        offset = (position - (inputs - 1) / 2) / max(1, inputs - 1) if inputs > 1 else 0.0
        start = (sx, sy - size[source][1] / 2)
        end = (tx + offset * size[target][0] * 0.6, ty + size[target][1] / 2)
        bend = _bend(start, end, [n for layer in layers[layer_of[target] + 1 : layer_of[source]] for n in layer], center, size)
        ax.add_patch(FancyArrowPatch(
            start, end, arrowstyle="-|>", connectionstyle=f"arc3,rad={bend}", mutation_scale=11, color=MUTED,
            linewidth=1.1, shrinkA=0, shrinkB=1, zorder=1,
        ))
    return figure


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
