"""Comprobadores de los ejercicios de 01_tensores.ipynb.

Lo esperado se calcula siempre con minitorch a partir de los datos del ejercicio, y los datos
aleatorios salen de un ``Generator`` propio, para no mover la semilla global del cuaderno. La excepción es
``inicializar_``: el alumno usa el generador global, así que el comprobador fija su semilla para reproducir
sus números y, al terminar, lo deja como estaba.
"""

import minitorch

from ._comprobacion import (
    ejercicio, exigir, exigir_copia, exigir_funcion_igual, exigir_tensor_igual, exigir_vista, llamar,
    sin_mover_la_semilla,
)

__all__ = ["crear", "sin_copiar", "indexar", "inicializar_", "centrar"]


@ejercicio("Ejercicio 1 (crear sin escribir los números)")
def crear(respuesta):
    exigir_tensor_igual(respuesta, minitorch.arange(12).view(3, 4), nombre="tu tensor")
    return "Una sola llamada crea los 12 números, y otra les da forma."


@ejercicio("Ejercicio 2 (otra forma, los mismos datos)")
def sin_copiar(respuesta, datos):
    exigir_tensor_igual(respuesta, datos.reshape(3, 2), nombre="tu matriz")
    exigir_vista(respuesta, datos, nombre="tu matriz", base_nombre="datos")
    return "Comparte el almacenamiento de datos: lo veremos en el cuaderno 02."


@ejercicio("Ejercicio 3 (indexar)")
def indexar(segunda_columna, mayores_que_dos, puntos):
    exigir_tensor_igual(segunda_columna, puntos[:, 1], nombre="segunda_columna")
    exigir_vista(segunda_columna, puntos, nombre="segunda_columna", base_nombre="puntos")
    exigir_tensor_igual(mayores_que_dos, puntos[puntos > 2], nombre="mayores_que_dos")
    exigir_copia(mayores_que_dos, puntos, nombre="mayores_que_dos", base_nombre="puntos")
    return "Un índice básico da una vista; una máscara booleana, una copia."


@ejercicio("Ejercicio 4 (inicializar in situ)")
@sin_mover_la_semilla  # fija la semilla para reproducir los números del alumno; al salir, la deja como estaba
def inicializar_(funcion):
    exigir(callable(funcion), "se esperaba una función que reciba el tensor de pesos")
    for semilla, forma in [(0, (2, 3)), (1, (5,)), (2, (4, 4))]:
        pesos = minitorch.zeros(*forma)
        llamada = f"inicializar_(tensor de forma {forma})"
        minitorch.manual_seed(semilla)
        devuelto = llamar(funcion, (pesos,), llamada, "inicializar_")
        minitorch.manual_seed(semilla)
        esperado = minitorch.empty(*forma).uniform_(-0.5, 0.5)
        exigir(not pesos.equal(minitorch.zeros(*forma)),
               f"después de {llamada} los pesos siguen a cero: la función tiene que rellenar el tensor que "
               "recibe, in situ, y no crear otro")
        exigir_tensor_igual(pesos, esperado, nombre=f"el tensor de pesos tras {llamada}")
        exigir(devuelto is pesos, f"{llamada} tiene que devolver el mismo tensor que recibe, como los "
                                  "métodos acabados en «_»")
    return "Como uniform_ y normal_: modifica el tensor y lo devuelve."


def _matrices(semilla, formas):
    generador = minitorch.Generator().manual_seed(semilla)
    return [(minitorch.rand(*forma, generator=generador) * 10,) for forma in formas]


@ejercicio("Ejercicio 5 (centrar las columnas con difusión)")
def centrar(funcion):
    casos = _matrices(4, [(4, 3), (1, 5), (6, 1), (10, 7)])
    exigir_funcion_igual(funcion, lambda m: m - m.mean(dim=0), casos, nombre="centrar")
    return "La media de cada columna se difunde a todas sus filas, sin bucles."
