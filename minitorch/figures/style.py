"""El estilo común de las figuras de la serie y las piezas con las que se dibujan.

Todas las figuras se dibujan sobre un ``Canvas``: una figura de matplotlib de 800 píxeles de ancho cuyo
sistema de coordenadas se mide en celdas (una celda de un tensor ocupa 1 × 1, y el eje y crece hacia
arriba). Así cada figura se describe con números pequeños («la fila del almacenamiento va en y = 2»)
y las proporciones no dependen del tamaño final.

Los colores son los de la paleta de Okabe e Itō, pensada para que la distingan también las personas
con daltonismo: azul para el almacenamiento, naranja y verde azulado para los tensores que lo miran,
bermellón para lo que sale mal. El texto que es código (nombres de variables, expresiones) va en letra
monoespaciada; el resto, en español, en DejaVu Sans. Las dos fuentes vienen con matplotlib, así que
la figura sale igual en cualquier máquina.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.style
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

WIDTH_INCHES = 8.0
DPI = 100  # 8 pulgadas × 100 = 800 píxeles: el ancho de un cuaderno
MAX_CELL_INCHES = 0.6  # con pocas celdas, que no crezcan más que esto
PADDING = 0.25  # margen blanco alrededor del contenido, en celdas

SANS = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
MONO_ADVANCE = 1233 / 2048  # ancho de cada carácter de DejaVu Sans Mono, en fracciones del tamaño de letra

# Tamaños de letra, en puntos, para celdas de tamaño máximo (se reducen si las celdas encogen).
FONT_SIZES = {"value": 13, "text": 12, "title": 13, "small": 10}

INK = "#222222"
MUTED = "#6E6E6E"
BACKGROUND = "#FFFFFF"
MEMORY = "#F1F1F1"  # el fondo gris que representa «la memoria» donde viven los objetos
ERROR = "#D55E00"  # bermellón


@dataclass(frozen=True)
class Colors:
    """Los tres colores de una cosa dibujada: relleno de sus celdas, borde (y flechas) y texto."""

    fill: str
    edge: str
    text: str


STORAGE = Colors(fill="#D6E8F5", edge="#0072B2", text="#005A8C")
TENSORS = (
    Colors(fill="#FBE2B4", edge="#E69F00", text="#9A6400"),  # naranja
    Colors(fill="#C9EADB", edge="#009E73", text="#00694D"),  # verde azulado
    Colors(fill="#F2D5E6", edge="#CC79A7", text="#8E4A72"),  # púrpura rojizo
    Colors(fill="#F8D2BF", edge="#D55E00", text="#9A4400"),  # bermellón
)
NEUTRAL = Colors(fill="#FFFFFF", edge="#9A9A9A", text=INK)
OBJECT_HEADER = Colors(fill="#E4E4E4", edge="#9A9A9A", text=MUTED)

# rcParams que fijamos además de los valores por defecto de matplotlib: casi todo se pasa a mano a
# cada elemento, pero así tampoco influyen el matplotlibrc ni el estilo que tenga activo quien dibuja.
RC_PARAMS = {
    "font.family": SANS,
    "text.color": INK,
    "figure.facecolor": BACKGROUND,
    "savefig.facecolor": BACKGROUND,
    "text.parse_math": False,  # un «$» en una etiqueta es un «$», no una fórmula
}


def series_style(draw):
    """Decorador: dibuja (y guarda) con el estilo por defecto de matplotlib más ``RC_PARAMS``."""

    @functools.wraps(draw)
    def drawn_with_style(*args, **kwargs):
        with matplotlib.style.context(["default", RC_PARAMS]):
            return draw(*args, **kwargs)

    return drawn_with_style


class Canvas:
    """Una figura medida en celdas: ``Canvas(14, 8)`` tiene 14 celdas de ancho y 8 de alto.

    La figura siempre mide 800 píxeles de ancho; la celda mide ``MAX_CELL_INCHES`` o menos, si no
    caben, y entonces las letras encogen con ella. El contenido se centra en horizontal, con un margen
    de ``PADDING`` celdas por cada lado.
    """

    def __init__(self, width: float, height: float):
        self.scale = min(MAX_CELL_INCHES, WIDTH_INCHES / (width + 2 * PADDING))  # pulgadas por celda
        # Un número entero de píxeles de alto: Jupyter escribe el tamaño («<Figure size 800x412 …>»).
        height_inches = round((height + 2 * PADDING) * self.scale * DPI) / DPI
        self.figure = plt.figure(figsize=(WIDTH_INCHES, height_inches), dpi=DPI)
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        margin_x = (WIDTH_INCHES / self.scale - width) / 2
        margin_y = (height_inches / self.scale - height) / 2
        self.ax.set_xlim(-margin_x, width + margin_x)
        self.ax.set_ylim(-margin_y, height + margin_y)
        self.ax.set_axis_off()

    def font_size(self, kind: str) -> float:
        return FONT_SIZES[kind] * self.scale / MAX_CELL_INCHES

    def text(self, x, y, text, *, kind="text", code=False, color=INK, bold=False, **options):
        """Un texto en español (o código, con ``code=True``, en letra monoespaciada)."""
        options.setdefault("ha", "center")
        options.setdefault("va", "center")
        options.setdefault("zorder", 4)
        return self.ax.text(
            x, y, text, fontsize=self.font_size(kind), family=MONO if code else SANS, color=color,
            fontweight="bold" if bold else "normal", **options,
        )

    def phrase(self, x, y, code, text, *, kind="text", color=INK, **options):
        """Código seguido de texto en español, en una línea que empieza en ``x``: «``points`` recorre…».

        En letra monoespaciada cada carácter avanza lo mismo, así que se sabe dónde acaba el código
        sin medirlo.
        """
        self.text(x, y, code, kind=kind, code=True, color=color, ha="left", **options)
        code_width = (len(code) + 0.6) * MONO_ADVANCE * self.font_size(kind) / 72 / self.scale
        self.text(x + code_width, y, text, kind=kind, color=color, ha="left", **options)

    def box(self, x, y, width, height, colors: Colors, *, linewidth=1.4, rounded=False, zorder=2):
        """Un rectángulo con su esquina inferior izquierda en ``(x, y)``."""
        if rounded:
            patch = FancyBboxPatch(
                (x, y), width, height, boxstyle="round,pad=0,rounding_size=0.15",
                facecolor=colors.fill, edgecolor=colors.edge, linewidth=linewidth, zorder=zorder,
            )
        else:
            patch = Rectangle(
                (x, y), width, height, facecolor=colors.fill, edgecolor=colors.edge,
                linewidth=linewidth, zorder=zorder,
            )
        self.ax.add_patch(patch)
        return patch

    def cell(self, x, y, text, colors: Colors, *, width=1.0, height=1.0, kind="value", zorder=2):
        """Una celda con un valor centrado; ``(x, y)`` es su esquina inferior izquierda."""
        self.box(x, y, width, height, colors, zorder=zorder)
        return self.text(x + width / 2, y + height / 2, text, kind=kind, color=INK, zorder=zorder + 2)

    def dot(self, x, y, color=INK, *, zorder=5):
        """Un punto, como el de una referencia que apunta a otro objeto."""
        self.ax.plot(x, y, "o", color=color, markersize=5 * self.scale / MAX_CELL_INCHES, zorder=zorder)

    def arrow(self, start, end, color, *, bend=0.0, linewidth=1.4, zorder=1):
        """Una flecha de ``start`` a ``end``; ``bend`` la curva (positivo: hacia la derecha de la marcha).

        Por defecto queda debajo de las celdas: una flecha que sale del centro de una celda se ve salir
        de su borde.
        """
        patch = FancyArrowPatch(
            start, end, arrowstyle="-|>", mutation_scale=14 * self.scale / MAX_CELL_INCHES,
            connectionstyle=f"arc3,rad={bend}", color=color, linewidth=linewidth, shrinkA=0, shrinkB=0,
            zorder=zorder,
        )
        self.ax.add_patch(patch)
        return patch

    def hop(self, x0, x1, y, color, *, above=True, rad=0.5, linewidth=1.4):
        """Un salto en arco de ``x0`` a ``x1`` a la altura ``y``; devuelve la ``y`` de su punto más alejado.

        Con ``rad=0.5`` el arco se separa de la fila un cuarto de la distancia que salta.
        """
        direction = 1 if x1 >= x0 else -1  # de izquierda a derecha, la derecha de la marcha es abajo
        bend = -rad * direction if above else rad * direction
        self.arrow((x0, y), (x1, y), color, bend=bend, linewidth=linewidth)
        bulge = rad * abs(x1 - x0) / 2
        return y + bulge if above else y - bulge

    def bracket(self, x0, x1, y, color, *, depth=0.2):
        """Un corchete horizontal de ``x0`` a ``x1`` a la altura ``y``, con los extremos ``depth`` más abajo."""
        self.ax.plot(
            [x0, x0, x1, x1], [y - depth, y, y, y - depth], color=color, linewidth=1.4,
            solid_capstyle="butt", zorder=3,
        )


def format_value(value) -> str:
    """Un número como se lee en una celda: ``4.0``, ``0.25``, ``3.142``, ``7``, ``True``."""
    if isinstance(value, (bool, int)):
        return str(value)
    if value.is_integer() and abs(value) < 1e5:
        return f"{value:.1f}"
    return f"{value:.4g}"


def format_tuple(values) -> str:
    """Una tupla como la escribe Python: ``(2, 1)``, ``(3,)``, ``()``."""
    return str(tuple(values))


@series_style
def save_figure(figure, path) -> Path:
    """Guarda la figura en PNG sin metadatos variables: dos ejecuciones dan el mismo fichero."""
    path = Path(path)
    figure.savefig(path, dpi=DPI, metadata={"Software": None})
    return path
