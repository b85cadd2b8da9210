"""Comprobadores de los ejercicios de 02_almacenamiento.ipynb.

Lo esperado se calcula con minitorch a partir de los tensores que recibe cada comprobador, y las pistas
hablan de almacenamientos, vistas y copias sin dictar la línea de código que resuelve el ejercicio.
"""

import numpy as np

import minitorch

from ._comprobacion import (
    ejercicio, exigir, exigir_copia, exigir_tensor, exigir_tensor_igual, exigir_vista,
)

__all__ = ["bytes_almacenamiento", "ultima_fila", "columna_independiente", "columna_a_cero", "comparte_con_numpy"]


def _es_numero(valor) -> bool:
    return isinstance(valor, (int, float)) and not isinstance(valor, bool)


@ejercicio("Ejercicio 1 (lo que ocupa el almacenamiento de una fila)")
def bytes_almacenamiento(respuesta, fila):
    esperado = len(fila.storage()) * fila.element_size()
    solo_la_fila = fila.numel() * fila.element_size()
    exigir(not isinstance(respuesta, minitorch.Tensor),
           "tu respuesta es un tensor y se esperaba un número de Python: ¿te falta item()?")
    exigir(_es_numero(respuesta), f"tu respuesta es de tipo {type(respuesta).__name__} y se esperaba un número")
    # Antes que el número, el error típico: contar los bytes de la vista y no los del bloque que comparte.
    exigir(respuesta != solo_la_fila or solo_la_fila == esperado,
           f"{respuesta} bytes son los de los {fila.numel()} elementos de la fila, pero la fila es una vista: "
           "¿cuántos elementos tiene el almacenamiento que comparte?")
    exigir(respuesta == esperado,
           f"{respuesta} bytes no es lo que ocupa el almacenamiento: cuenta sus elementos y multiplica "
           "por los bytes que ocupa cada uno")
    return (f"La fila solo usa {solo_la_fila} bytes, pero mantiene vivo un almacenamiento de {esperado}: "
            "el del tensor entero.")


@ejercicio("Ejercicio 2 (una fila sin copiar)")
def ultima_fila(respuesta, datos):
    exigir_tensor_igual(respuesta, datos[-1], nombre="tu fila")
    exigir_vista(respuesta, datos, nombre="tu fila", base_nombre="datos")
    return (f"Empieza en la posición {respuesta.storage_offset()} del almacenamiento de datos: "
            "su desplazamiento.")


@ejercicio("Ejercicio 3 (una columna con almacenamiento propio)")
def columna_independiente(respuesta, datos):
    exigir_tensor_igual(respuesta, datos[:, 0], nombre="tu columna")
    exigir_copia(respuesta, datos, nombre="tu columna", base_nombre="datos")
    elementos = len(respuesta.storage())
    exigir(elementos == respuesta.numel(),
           f"tu columna es una copia, pero su almacenamiento tiene {elementos} elementos para "
           f"{respuesta.numel()} valores: has copiado más de lo necesario")
    return f"Su almacenamiento tiene solo {elementos} elementos y su desplazamiento es 0."


@ejercicio("Ejercicio 4 (escribir a través de una vista)")
def columna_a_cero(datos, antes, columna=1):
    exigir_tensor(datos, "datos")
    esperado = antes.clone()
    esperado[:, columna] = 0
    exigir(not (datos.shape == antes.shape and datos.equal(antes)),
           "datos no ha cambiado: ¿has escrito en una copia en lugar de en una vista de datos?")
    exigir_tensor_igual(datos, esperado, nombre="datos")
    exigir(datos._version > 0,
           "datos tiene los valores correctos, pero es un tensor nuevo: se pedía escribir en el que ya "
           "existía, a través de una vista")
    return "Ninguna copia: la vista y datos son el mismo bloque de memoria."


@ejercicio("Ejercicio 5 (el puente con numpy)")
def comparte_con_numpy(respuesta, array):
    exigir(isinstance(array, np.ndarray), "el segundo argumento tiene que ser el array de numpy del enunciado")
    exigir_tensor_igual(respuesta, minitorch.tensor(array), nombre="tu tensor")
    exigir(np.shares_memory(respuesta.numpy(), array),
           "tu tensor tiene los valores correctos, pero es una copia: si cambias el array, el tensor no se "
           "entera. Se pedía un tensor que comparta la memoria del array")
    return "Un cambio en el array se ve en el tensor, y al revés."
