"""Lo que comparten las pruebas de tests/."""

import matplotlib

matplotlib.use("Agg")  # antes de importar pyplot: ninguna prueba debe abrir ventanas

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def dibuja():
    """Llama a una función de dibujo y cierra después sus figuras, para no acumularlas en pyplot."""
    figuras = []

    def llamar(draw, *args, **kwargs):
        figura = draw(*args, **kwargs)
        figuras.append(figura)
        return figura

    yield llamar
    for figura in figuras:
        plt.close(figura)
