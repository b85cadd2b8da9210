"""Figuras del cuaderno 09: dígitos con su marco, los filtros de una capa convolucional y los mapas de
características de una imagen.

Como las de ``data.py``, se dibujan dentro del cuaderno con los datos de cada ejecución::

    from minitorch.figures.convolution import plot_feature_maps, plot_filters
    plot_filters(modelo[0].weight)
    plt.show()

Cada función recibe tensores de minitorch y devuelve la ``Figure`` con el estilo de la serie.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .data import DIGIT_INCHES, _images, _numpy
from .style import INK, MUTED, series_style


def _symmetric_limit(values: np.ndarray) -> float:
    """El mismo rango a los dos lados del 0, para que el blanco sea siempre el 0."""
    limit = float(np.abs(values).max()) if values.size else 1.0
    return limit if limit > 0 else 1.0


@series_style
def plot_filters(weight, *, title="Los filtros aprendidos"):
    """Cada filtro de un canal de entrada (``weight`` de forma ``C_out×1×kH×kW``), en rojo lo positivo y en azul
    lo negativo, con la misma escala para todos."""
    filters = _numpy(weight)
    if filters.ndim != 4 or filters.shape[1] != 1:
        raise ValueError(f"se esperaban filtros de forma C_out×1×kH×kW, y tienen forma {filters.shape}")
    filters = filters[:, 0]
    limit = _symmetric_limit(filters)
    figure, axes = plt.subplots(1, len(filters), figsize=(len(filters) * DIGIT_INCHES, DIGIT_INCHES + 0.5), dpi=100,
                                layout="constrained", squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.set_axis_off()
        image = ax.imshow(filters[k], cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_title(f"filtro {k}", fontsize=10, color=INK)
    figure.colorbar(image, ax=list(axes.flat), shrink=0.8, label="peso")
    figure.suptitle(title)
    return figure


@series_style
def plot_feature_maps(image, maps, *, title="Los mapas de características de un dígito"):
    """La imagen de entrada (``1×H×W`` o ``H×W``) y, a su derecha, cada mapa de características (``C×H'×W'``), con
    la misma escala de grises para todos los mapas."""
    picture = _numpy(image).reshape(_numpy(image).shape[-2:])
    maps = _numpy(maps)
    if maps.ndim == 4 and maps.shape[0] == 1:
        maps = maps[0]
    if maps.ndim != 3:
        raise ValueError(f"se esperaban mapas de forma C×alto×ancho, y tienen forma {maps.shape}")
    figure, axes = plt.subplots(1, len(maps) + 1, figsize=((len(maps) + 1) * DIGIT_INCHES, DIGIT_INCHES + 0.5),
                                dpi=100, layout="constrained", squeeze=False)
    axes = axes.flat
    for ax in axes:
        ax.set_axis_off()
    axes[0].imshow(picture, cmap="gray_r", vmin=0, vmax=max(float(picture.max()), 1e-12))
    axes[0].set_title("entrada", fontsize=10, color=INK)
    top = max(float(maps.max()), 1e-12)
    for k, feature_map in enumerate(maps, start=1):
        axes[k].imshow(feature_map, cmap="gray_r", vmin=min(float(maps.min()), 0.0), vmax=top)
        axes[k].set_title(f"mapa {k - 1}", fontsize=10, color=INK)
    figure.suptitle(title)
    return figure


@series_style
def plot_framed_digits(images, titles, *, title=None):
    """Dígitos con su marco dibujado, para que se vea dónde queda cada uno dentro de la imagen (en ``plot_digits``
    el blanco del fondo no se distingue del de la página). ``titles``: un texto por imagen."""
    images = _images(images)
    if len(titles) != len(images):
        raise ValueError(f"hay {len(images)} imágenes y {len(titles)} títulos")
    figure, axes = plt.subplots(1, len(images), figsize=(len(images) * (DIGIT_INCHES + 0.25), DIGIT_INCHES + 0.45),
                                dpi=100, layout="constrained", squeeze=False)
    top = float(images.max()) if images.size else 1.0
    for ax, picture, text in zip(axes.flat, images, titles):
        ax.imshow(picture, cmap="gray_r", vmin=0, vmax=top if top > 0 else 1)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color(MUTED)
        ax.set_title(str(text), fontsize=9, color=INK)
    if title:
        figure.suptitle(title)
    return figure
