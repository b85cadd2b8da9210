"""Comprobadores de los ejercicios de 03_strides.ipynb.

Lo esperado sale siempre de minitorch: los strides de un tensor recién creado, ``is_contiguous()``,
``storage_offset()`` y ``stride()`` de las vistas del enunciado. Las pistas señalan qué dato falla y dónde
mirar, sin dar la fórmula ni la llamada que lo resuelve.
"""

import minitorch

from ._comprobacion import ejercicio, exigir, exigir_funcion_igual, exigir_tensor_igual, exigir_vista

__all__ = ["strides_contiguos", "contiguidad", "disposicion", "columnas_repetidas", "ventanas"]


@ejercicio("Ejercicio 1 (los strides de un tensor contiguo)")
def strides_contiguos(funcion):
    formas = [(3, 2), (2, 5), (2, 3, 4), (7,), (), (4, 1, 3), (2, 3, 4, 5)]
    exigir_funcion_igual(funcion, lambda forma: minitorch.zeros(forma).stride(), [(forma,) for forma in formas],
                         nombre="strides_contiguos")
    return "Son los strides que minitorch da a todo tensor recién creado."


@ejercicio("Ejercicio 2 (¿contiguo o no?)")
def contiguidad(respuesta, tensores):
    exigir(isinstance(respuesta, (list, tuple)),
           f"tu respuesta es de tipo {type(respuesta).__name__} y se esperaba una lista con un True o un False "
           "por tensor")
    exigir(len(respuesta) == len(tensores),
           f"tu lista tiene {len(respuesta)} respuestas y hay {len(tensores)} tensores")
    for (nombre, tensor), prediccion in zip(tensores.items(), respuesta):
        exigir(isinstance(prediccion, bool), f"la respuesta para {nombre} es {prediccion!r}; se esperaba True o False")
        exigir(prediccion == tensor.is_contiguous(),
               f"te has equivocado con {nombre}: recorre sus elementos por filas y mira si las posiciones del "
               "almacenamiento salen seguidas, una tras otra (stride() te ayuda)")
    return "Contiguo quiere decir que leer por filas es leer el almacenamiento en orden, sin huecos."


@ejercicio("Ejercicio 3 (desplazamiento y strides de un corte)")
def disposicion(respuesta, vista):
    exigir(isinstance(respuesta, (list, tuple)) and len(respuesta) == 2,
           "se esperaba una pareja (desplazamiento, strides), por ejemplo (0, (1, 1))")
    desplazamiento, strides = respuesta
    exigir(not isinstance(desplazamiento, minitorch.Tensor) and not isinstance(strides, minitorch.Tensor),
           "se esperaban números de Python, no tensores")
    exigir(desplazamiento == vista.storage_offset(),
           f"el desplazamiento {desplazamiento!r} no es correcto: ¿en qué posición del almacenamiento está "
           "el primer elemento de la vista?")
    exigir(isinstance(strides, (list, tuple, minitorch.Size)) and tuple(strides) == vista.stride(),
           f"los strides {strides!r} no son correctos: un paso en un corte multiplica el stride de esa "
           "dimensión, y empezar más adelante no lo cambia")
    return "Un corte nunca copia: solo cambia el desplazamiento y los strides."


@ejercicio("Ejercicio 4 (repetir sin copiar)")
def columnas_repetidas(respuesta, valores, veces):
    exigir_tensor_igual(respuesta, minitorch.stack([valores] * veces, dim=1), nombre="tu tabla")
    exigir_vista(respuesta, valores, nombre="tu tabla", base_nombre="valores")
    return (f"Con strides {respuesta.stride()}, sus {respuesta.numel()} elementos leen los "
            f"{len(valores.storage())} números del almacenamiento de valores.")


@ejercicio("Ejercicio 5 (ventanas deslizantes)")
def ventanas(respuesta, serie, tamano, salto):
    cuantas = (serie.numel() - tamano) // salto + 1
    inicios = range(0, cuantas * salto, salto)
    esperado = minitorch.stack([serie[inicio:inicio + tamano] for inicio in inicios])
    exigir_tensor_igual(respuesta, esperado, nombre="tus ventanas")
    exigir_vista(respuesta, serie, nombre="tus ventanas", base_nombre="serie")
    return (f"Con strides {respuesta.stride()}, {cuantas} ventanas de {tamano} elementos leen los mismos "
            f"{serie.numel()} números de serie, sin copiarlos.")
