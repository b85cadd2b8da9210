"""Comprobadores de los ejercicios de 00_introduccion.ipynb.

El modelo de los ejercicios es el del cuaderno: una recta que pasa por el origen, ``prediccion = w * x``,
con la pérdida cuadrática media. Los valores esperados los calcula minitorch; el gradiente de referencia
se obtiene por diferencias finitas en float64, sin usar la fórmula que el alumno tiene que deducir.
"""

import minitorch

from ._comprobacion import ejercicio, exigir, exigir_funcion_igual, exigir_igual, exigir_tensor, exigir_tensor_igual, llamar

__all__ = ["dimensiones", "magnitud_y_direccion", "perdida", "gradiente", "paso"]


@ejercicio("Ejercicio 1 (escalar, vector, matriz y tensor)")
def dimensiones(escalar, vector, matriz, tensor3d):
    pedidos = [
        (escalar, "escalar", minitorch.zeros(())),
        (vector, "vector", minitorch.zeros(3)),
        (matriz, "matriz", minitorch.zeros(2, 3)),
        (tensor3d, "tensor3d", minitorch.zeros(2, 3, 4)),
    ]
    for respuesta, nombre, modelo in pedidos:
        exigir_tensor(respuesta, nombre)
        exigir_igual(respuesta.dim(), modelo.dim(), nombre=f"{nombre}.dim()")
        exigir_igual(respuesta.shape, modelo.shape, nombre=f"{nombre}.shape")
    return "Un escalar es un tensor de 0 dimensiones, y cada dimensión más añade un índice."


@ejercicio("Ejercicio 2 (magnitud y dirección del gradiente)")
def magnitud_y_direccion(funcion):
    exigir(callable(funcion), "se esperaba una función que reciba el gradiente g")
    generador = minitorch.Generator().manual_seed(2)
    for n in (2, 3, 5):
        g = minitorch.randn(n, generator=generador)
        llamada = f"magnitud_y_direccion(tensor de forma ({n},))"
        respuesta = llamar(funcion, (g.clone(),), llamada, "magnitud_y_direccion")
        exigir(isinstance(respuesta, (tuple, list)) and len(respuesta) == 2,
               f"{llamada} debe devolver dos cosas, «return magnitud, direccion»")
        magnitud, direccion = respuesta
        magnitud_esperada = g.norm()
        exigir_igual(magnitud, magnitud_esperada.item(), nombre=f"la magnitud de {llamada}")
        exigir_tensor_igual(direccion, g / magnitud_esperada, nombre=f"la dirección de {llamada}")
    return "La dirección mide 1: solo dice hacia dónde; la magnitud dice cuánto."


def _casos_aleatorios(semilla, tamanos, dtype=minitorch.float32):
    """Casos (w, x, y) reproducibles para probar funciones del modelo ``prediccion = w * x``."""
    generador = minitorch.Generator().manual_seed(semilla)
    casos = []
    for n in tamanos:
        x = minitorch.rand(n, generator=generador).to(dtype) * 4 - 2
        y = 3 * x + minitorch.randn(n, generator=generador).to(dtype) * 0.1
        w = round(minitorch.rand(1, generator=generador).item() * 4 - 1, 3)
        casos.append((w, x, y))
    return casos


def _perdida_de_referencia(w, x, y):
    return ((w * x - y) ** 2).mean()


@ejercicio("Ejercicio 3 (la función de pérdida)")
def perdida(funcion):
    exigir_funcion_igual(funcion, _perdida_de_referencia, _casos_aleatorios(3, [1, 5, 20]), nombre="perdida")
    return "Con w = 3 la pérdida sería casi 0: los datos de prueba salen de y ≈ 3·x."


def _gradiente_numerico(w, x, y):
    """dL/dw por diferencias centradas: exacto (salvo redondeo) porque L es un polinomio de grado 2 en w."""
    h = 1e-3
    return (_perdida_de_referencia(w + h, x, y) - _perdida_de_referencia(w - h, x, y)) / (2 * h)


@ejercicio("Ejercicio 4 (el gradiente a mano)")
def gradiente(funcion):
    casos = _casos_aleatorios(4, [1, 5, 20], dtype=minitorch.float64)
    exigir_funcion_igual(funcion, _gradiente_numerico, casos, nombre="gradiente")
    return "Coincide con lo que mide una diferencia finita; en el cuaderno 05 lo calculará autograd."


@ejercicio("Ejercicio 5 (un paso de descenso del gradiente)")
def paso(funcion):
    def paso_de_referencia(w, x, y, lr):
        return w - lr * _gradiente_numerico(w, x.double(), y.double()).item()

    casos = [(w, x, y, lr) for (w, x, y), lr in zip(_casos_aleatorios(5, [1, 5, 20]), [0.1, 0.05, 0.01])]
    exigir_funcion_igual(funcion, paso_de_referencia, casos, nombre="paso")
    return "Repetir este paso muchas veces es entrenar."
