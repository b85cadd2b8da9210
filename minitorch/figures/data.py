"""Figuras del cuaderno 08: los dígitos, las curvas de entrenamiento y validación, la matriz de confusión y los
dígitos peor clasificados.

Como las de ``training.py``, se dibujan dentro del cuaderno con los datos de cada ejecución::

    from minitorch.figures.data import plot_confusion_matrix, plot_digits
    plot_digits(imagenes, etiquetas)
    plt.show()

Cada función recibe tensores de minitorch (o listas de números) y devuelve la ``Figure`` con el estilo de la serie.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from .style import ERROR, INK, MUTED, STORAGE, series_style
from .training import CLASS_COLORS, _cycle

DIGIT_INCHES = 0.95  # lado de cada dígito en la rejilla, con su rótulo


def _numpy(values) -> np.ndarray:
    return values.detach().numpy() if hasattr(values, "detach") else np.asarray(values)


def _images(images) -> np.ndarray:
    """Las imágenes como un array ``N×alto×ancho`` (acepta ``N×1×alto×ancho``, como salen de un DataLoader)."""
    array = _numpy(images)
    if array.ndim == 4 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 3:
        raise ValueError(f"se esperaban imágenes de forma N×alto×ancho o N×1×alto×ancho, y tienen forma {array.shape}")
    return array


# --- Una rejilla de dígitos ---------------------------------------------------------------------------

@series_style
def plot_digits(images, labels, *, predicted=None, probabilities=None, columns=10, title=None):
    """Una rejilla de imágenes en escala de grises (el blanco es 0), cada una con su etiqueta encima.

    Con ``predicted``, el rótulo es «es 3 · dice 8» y va en bermellón si no coinciden; con ``probabilities``
    (una por imagen, la de la clase predicha), se añade debajo.
    """
    images = _images(images)
    labels = [int(v) for v in _numpy(labels).reshape(-1)]
    if len(labels) != len(images):
        raise ValueError(f"hay {len(images)} imágenes y {len(labels)} etiquetas")
    predicted = None if predicted is None else [int(v) for v in _numpy(predicted).reshape(-1)]
    probabilities = None if probabilities is None else [float(v) for v in _numpy(probabilities).reshape(-1)]
    columns = max(1, min(columns, len(images)))
    rows = math.ceil(len(images) / columns)
    # Los rótulos largos («es 9 · dice 7») y la probabilidad de debajo necesitan más sitio alrededor de cada dígito.
    width = DIGIT_INCHES + (0.35 if predicted is not None else 0.0)
    height = DIGIT_INCHES + (0.2 if predicted is not None else 0.0) + (0.3 if probabilities is not None else 0.0)
    figure, axes = plt.subplots(rows, columns, figsize=(columns * width, rows * height + 0.3), dpi=100,
                                layout="constrained", squeeze=False)
    top = float(images.max()) if images.size else 1.0
    for k, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if k >= len(images):
            continue
        ax.imshow(images[k], cmap="gray_r", vmin=0, vmax=top if top > 0 else 1)
        if predicted is None:
            ax.set_title(str(labels[k]), fontsize=12, color=INK)
        else:
            wrong = predicted[k] != labels[k]
            ax.set_title(f"es {labels[k]} · dice {predicted[k]}", fontsize=9, color=ERROR if wrong else INK)
        if probabilities is not None:
            ax.text(0.5, -0.08, f"p = {probabilities[k]:.2f}", transform=ax.transAxes, ha="center", va="top",
                    fontsize=9, color=MUTED)
    if title:
        figure.suptitle(title)
    return figure


# --- Curvas de entrenamiento y validación --------------------------------------------------------------

@series_style
def plot_history(history, *, best_epoch=None, title=None):
    """Pérdida y exactitud por época, una línea por conjunto, en dos paneles.

    ``history`` es ``{"pérdida": {"entrenamiento": [...], "validación": [...]}, "exactitud": {...}}``; con
    ``best_epoch`` (contando desde 1), una línea vertical marca la época con menor pérdida de validación.
    """
    if set(history) != {"pérdida", "exactitud"}:
        raise ValueError(f"plot_history: se esperaban las medidas «pérdida» y «exactitud», y llegaron {sorted(history)}")
    figure, axes = plt.subplots(1, 2, figsize=(11, 4), dpi=100, layout="constrained")
    for ax, (measure, curves) in zip(axes, history.items()):
        for (name, values), color in zip(curves.items(), _cycle(CLASS_COLORS)):
            values = [float(v) for v in values]
            ax.plot(range(1, len(values) + 1), values, label=name, color=color, linewidth=2)
        if best_epoch is not None:
            ax.axvline(best_epoch, color=MUTED, linestyle="--", linewidth=1, label=f"mejor época ({best_epoch})")
        ax.set_xlabel("época")
        ax.set_ylabel(measure)
        ax.set_title(measure.capitalize())
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        figure.suptitle(title)
    return figure


# --- Matriz de confusión --------------------------------------------------------------------------------

@series_style
def plot_confusion_matrix(matrix, *, title="Matriz de confusión"):
    """La matriz de confusión con su número en cada casilla: fila = clase verdadera, columna = predicha."""
    counts = _numpy(matrix).astype(int)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"plot_confusion_matrix: se esperaba una matriz cuadrada, y tiene forma {counts.shape}")
    classes = counts.shape[0]
    figure, ax = plt.subplots(figsize=(6.0, 5.2), dpi=100, layout="constrained")
    shown = np.log1p(counts)  # con escala logarítmica, los pocos errores se ven junto a la diagonal llena
    ax.imshow(shown, cmap="Blues", vmin=0, vmax=max(float(shown.max()), 1.0))
    threshold = shown.max() / 2
    for i in range(classes):
        for j in range(classes):
            if counts[i, j]:
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=9,
                        color="white" if shown[i, j] > threshold else (ERROR if i != j else STORAGE.text))
    ax.set_xticks(range(classes))
    ax.set_yticks(range(classes))
    ax.set_xlabel("clase predicha")
    ax.set_ylabel("clase verdadera")
    ax.set_title(title)
    return figure


# --- Los peor clasificados ------------------------------------------------------------------------------

def worst_classified(probabilities, labels, count=10):
    """Los índices de los ``count`` ejemplos a los que el modelo da menos probabilidad en su clase verdadera,
    del peor al menos malo (``probabilities`` es ``N×clases``, las filas suman 1)."""
    probabilities = _numpy(probabilities)
    labels = _numpy(labels).astype(int)
    of_true_class = probabilities[np.arange(len(labels)), labels]
    return [int(i) for i in np.argsort(of_true_class, kind="stable")[:count]]


def plot_worst_digits(images, labels, probabilities, *, count=10, columns=5,
                      title="Los dígitos peor clasificados"):
    """Los ``count`` dígitos con menos probabilidad en su clase verdadera: lo que es, lo que dice el modelo y la
    probabilidad que da a lo que dice."""
    chosen = worst_classified(probabilities, labels, count)
    probabilities = _numpy(probabilities)
    images = _images(images)
    labels = _numpy(labels).astype(int)
    predicted = probabilities[chosen].argmax(axis=1)
    return plot_digits(images[chosen], labels[chosen], predicted=predicted,
                       probabilities=probabilities[chosen].max(axis=1), columns=columns, title=title)
