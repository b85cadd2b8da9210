"""Figuras de los cuadernos 06 y 07: el árbol de un modelo, la curva de pérdida y la frontera de decisión.

A diferencia de las figuras fijas de ``img/``, estas se dibujan dentro del cuaderno con los datos de cada
ejecución (el modelo recién entrenado, las pérdidas de cada época), así que no se guardan en ``img/``::

    from minitorch.figures import plot_decision_boundary, plot_losses
    plot_losses({"Adam": perdidas})
    plt.show()

Cada función devuelve la ``Figure`` (o dibuja en los ejes ``ax`` que se le pasen) con el estilo de la serie.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from ..autograd import no_grad
from ..creation import from_numpy
from ..nn import Module
from .style import INK, MUTED, NEUTRAL, STORAGE, TENSORS, Canvas, series_style

# Un color por clase (y por curva): los de la serie, que distinguen también las personas con daltonismo.
CLASS_COLORS = [STORAGE.edge, *(colors.edge for colors in TENSORS)]
MARGIN = 0.1  # cuánto se extiende la rejilla de la frontera más allá de los datos, en fracción del rango


def _new_axes(ax, size=(6.0, 4.0)):
    if ax is not None:
        return ax.figure, ax
    figure, ax = plt.subplots(figsize=size, dpi=100, layout="constrained")
    return figure, ax


# --- Curvas de pérdida ----------------------------------------------------------------------------------

@series_style
def plot_losses(curves, *, ax=None, title="Pérdida durante el entrenamiento", log=False, xlabel="época",
                ylabel="pérdida"):
    """Una curva por entrada de ``curves`` (``{"SGD": [0.69, 0.52, ...], ...}``), con su leyenda.

    Sirve para cualquier medida por época: ``ylabel="exactitud"`` dibuja, por ejemplo, la exactitud."""
    if not curves:
        raise ValueError("plot_losses: no hay curvas que dibujar (el diccionario está vacío)")
    figure, ax = _new_axes(ax)
    for (name, values), color in zip(curves.items(), _cycle(CLASS_COLORS)):
        values = [float(v) for v in values]
        ax.plot(range(1, len(values) + 1), values, label=name, color=color, linewidth=2)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel + (" (escala logarítmica)" if log else ""))
    if log:
        ax.set_yscale("log")
        # Etiquetas como 0.02 y no como 2×10⁻²: el estilo de la serie no interpreta fórmulas ($...$).
        ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_title(title)
    ax.grid(alpha=0.3)
    if len(curves) > 1:
        ax.legend()
    return figure


def _cycle(colors):
    while True:
        yield from colors


# --- Frontera de decisión -----------------------------------------------------------------------------

def _grid(points: np.ndarray, resolution: int):
    low, high = points.min(axis=0), points.max(axis=0)
    pad = MARGIN * (high - low)
    xs = np.linspace(low[0] - pad[0], high[0] + pad[0], resolution, dtype=np.float32)
    ys = np.linspace(low[1] - pad[1], high[1] + pad[1], resolution, dtype=np.float32)
    return np.meshgrid(xs, ys)


def _class_colors(classes: int) -> list[str]:
    return [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(classes)]


def predicted_classes(model, X) -> np.ndarray:
    """La clase que predice ``model`` para cada fila de ``X``: ``argmax`` de sus puntuaciones (o, con una
    sola salida, si la puntuación es positiva, como una regresión logística).

    Predice en modo evaluación (sin Dropout) y deja el modelo en el modo en que estaba.
    """
    training = getattr(model, "training", False)
    if isinstance(model, Module):
        model.eval()
    try:
        with no_grad():
            scores = model(X)
    finally:
        if isinstance(model, Module):
            model.train(training)
    if scores.dim() == 1 or scores.shape[1] == 1:
        return (scores.reshape(-1) > 0).long().numpy()
    return scores.argmax(dim=1).numpy()


@series_style
def plot_decision_boundary(model, X, y, *, ax=None, resolution=200, title="Frontera de decisión"):
    """Las regiones del plano que ``model`` asigna a cada clase, con los puntos ``X`` (n × 2) de clases ``y``.

    Con ``model=None`` dibuja solo los puntos.
    """
    if X.dim() != 2 or X.shape[1] != 2:
        raise ValueError(f"plot_decision_boundary: X tiene que ser de forma (n, 2) y es {tuple(X.shape)}")
    if tuple(y.shape) != (X.shape[0],):
        raise ValueError(f"plot_decision_boundary: y tiene forma {tuple(y.shape)} y X tiene {X.shape[0]} filas")
    points, labels = X.detach().numpy(), y.numpy().astype(int)
    classes = int(labels.max()) + 1
    figure, ax = _new_axes(ax, size=(5.0, 5.0))
    if model is not None:
        gx, gy = _grid(points, resolution)
        grid = from_numpy(np.stack([gx.ravel(), gy.ravel()], axis=1))
        regions = predicted_classes(model, grid).reshape(gx.shape)
        classes = max(classes, int(regions.max()) + 1)
        levels = np.arange(classes + 1) - 0.5
        ax.contourf(gx, gy, regions, levels=levels, colors=_class_colors(classes), alpha=0.18)
        ax.contour(gx, gy, regions, levels=levels[1:-1], colors=INK, linewidths=1)
    colors = _class_colors(classes)
    for k in range(classes):
        chosen = labels == k
        ax.scatter(points[chosen, 0], points[chosen, 1], s=12, color=colors[k], label=f"clase {k}")
    ax.set_aspect("equal")
    ax.set_title(title)
    ax.legend(loc="upper right", fontsize=9)
    return figure


# --- El árbol de un modelo ------------------------------------------------------------------------------

BOX_WIDTH = 3.2  # celdas que ocupa cada caja del árbol
LINE_HEIGHT = 0.42  # alto de cada línea de texto dentro de una caja
BOX_PADDING = 0.18  # margen vertical dentro de una caja, arriba y abajo
LEVEL_GAP = 0.8  # espacio vertical entre la caja más alta de un nivel y las del siguiente


def _layout(module: Module, name: str, depth: int, next_leaf: list, boxes: list) -> float:
    """Coloca cada módulo: las hojas, de izquierda a derecha; cada padre, centrado sobre sus hijos.

    Añade a ``boxes`` un diccionario por módulo, con su nombre con puntos (el de ``named_modules()``), su
    clase, sus parámetros propios como líneas «weight (4, 2)», su ``x``, su profundidad y las ``x`` de sus
    hijos, y devuelve la ``x`` del módulo.
    """
    children_x = [_layout(child, f"{name}.{child_name}" if depth else child_name, depth + 1, next_leaf, boxes)
                  for child_name, child in module.named_children()]
    if children_x:
        x = (children_x[0] + children_x[-1]) / 2
    else:
        x = next_leaf[0]
        next_leaf[0] += BOX_WIDTH + 0.4
    parameters = [f"{parameter_name} {tuple(parameter.shape)}"
                  for parameter_name, parameter in module.named_parameters(recurse=False)]
    boxes.append({"name": name, "kind": type(module).__name__, "parameters": parameters, "x": x,
                  "depth": depth, "children_x": children_x})
    return x


def _box_height(box: dict) -> float:
    return 2 * BOX_PADDING + LINE_HEIGHT * (2 + len(box["parameters"]))


@series_style
def draw_module_tree(model: Module, name: str = "modelo"):
    """El árbol de submódulos de ``model``: cada caja es un módulo, con su nombre en ``named_modules()``
    (con puntos: ``"salida.0"``), su clase y, debajo, sus parámetros propios con su forma
    (``weight (4, 2)``, ``bias (4,)``); la raíz se rotula con ``name``. Las flechas van de padre a hijo:
    es el árbol de los módulos, no el grafo computacional."""
    if not isinstance(model, Module):
        raise TypeError(f"draw_module_tree: se esperaba un nn.Module, pero se recibió {type(model).__name__}")
    boxes: list = []
    _layout(model, name, 0, [0.0], boxes)
    levels = max(box["depth"] for box in boxes) + 1
    level_height = [max(_box_height(box) for box in boxes if box["depth"] == level) for level in range(levels)]
    level_top = [sum(level_height[:level]) + level * LEVEL_GAP for level in range(levels)]  # desde arriba
    height = level_top[-1] + level_height[-1]
    width = max(box["x"] for box in boxes) + BOX_WIDTH
    canvas = Canvas(width, height)
    for box in boxes:
        x, top, level = box["x"], height - level_top[box["depth"]], box["depth"]
        colors = STORAGE if level == 0 else (NEUTRAL if not box["children_x"] else TENSORS[1])
        canvas.box(x, top - _box_height(box), BOX_WIDTH, _box_height(box), colors, rounded=True)
        lines = [(box["name"], MUTED), (box["kind"], INK), *((line, STORAGE.text) for line in box["parameters"])]
        for row, (text, color) in enumerate(lines):
            canvas.text(x + BOX_WIDTH / 2, top - BOX_PADDING - (row + 0.5) * LINE_HEIGHT, text, kind="small",
                        code=True, color=color)
        for child_x in box["children_x"]:
            child_top = height - level_top[level + 1]
            canvas.arrow((x + BOX_WIDTH / 2, top - _box_height(box)), (child_x + BOX_WIDTH / 2, child_top), MUTED)
    return canvas.figure
