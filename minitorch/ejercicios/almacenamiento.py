"""Comprobadores de los ejercicios de 02_almacenamiento.ipynb.

Lo esperado se calcula con minitorch a partir de los tensores que recibe cada comprobador, y las pistas
hablan de almacenamientos, vistas y copias sin dictar la línea de código que resuelve el ejercicio.

Los dos últimos ejercicios (``posicion`` y ``mi_tensor``) prueban el código del alumno con las vistas de
``_disposiciones()``: lo que debe salir en cada índice lo dice la propia vista de minitorch (el
desplazamiento de un elemento es su posición en el almacenamiento).
"""

import operator

import numpy as np

import minitorch
from minitorch.strides import iter_indices, position

from ._comprobacion import (
    RespuestaIncorrecta, ejercicio, exigir, exigir_copia, exigir_tensor, exigir_tensor_igual,
    exigir_vista, llamar,
)

__all__ = ["bytes_almacenamiento", "ultima_fila", "columna_independiente", "columna_a_cero", "comparte_con_numpy",
           "posicion", "mi_tensor"]


def _es_numero(valor) -> bool:
    return isinstance(valor, (int, float)) and not isinstance(valor, bool)


@ejercicio("Ejercicio 1 (lo que ocupa el almacenamiento de una fila)")
def bytes_almacenamiento(respuesta, fila):
    esperado = fila.untyped_storage().nbytes()
    solo_la_fila = fila.numel() * fila.element_size()
    elementos = len(fila.storage())
    exigir(not isinstance(respuesta, minitorch.Tensor),
           "tu respuesta es un tensor y se esperaba un número de Python: ¿te falta item()?")
    exigir(_es_numero(respuesta), f"tu respuesta es de tipo {type(respuesta).__name__} y se esperaba un número")
    # Antes que el número, el error típico: contar los bytes de la vista y no los del bloque que comparte.
    exigir(respuesta != solo_la_fila or solo_la_fila == esperado,
           f"{respuesta} bytes son los de los {fila.numel()} elementos de la fila, pero la fila es una vista: "
           "¿cuántos elementos tiene el almacenamiento que comparte?")
    exigir(respuesta != elementos or elementos == esperado,
           f"{respuesta} es el número de elementos del almacenamiento, y se piden los bytes que ocupa")
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
def columna_a_cero(columna, datos, antes, indice=1):
    exigir_tensor(columna, "columna")
    exigir_tensor(datos, "datos")
    esperado = antes.clone()
    esperado[:, indice] = 0
    exigir(not (datos.shape == antes.shape and datos.equal(antes)),
           "datos no ha cambiado: ¿has escrito en una copia en lugar de en una vista de datos?")
    exigir_tensor_igual(datos, esperado, nombre="datos")
    exigir(datos._version > 0,
           "datos tiene los valores correctos, pero es un tensor nuevo: se pedía escribir en el que ya "
           "existía, a través de una vista")
    exigir_tensor_igual(columna, esperado[:, indice], nombre="columna")
    exigir_vista(columna, datos, nombre="columna", base_nombre="datos")
    return "Ninguna copia: la vista y datos son el mismo bloque de memoria."


@ejercicio("Ejercicio 5 (el puente con numpy)")
def comparte_con_numpy(respuesta, array):
    exigir(isinstance(array, np.ndarray), "el segundo argumento tiene que ser el array de numpy del enunciado")
    exigir_tensor_igual(respuesta, minitorch.tensor(array), nombre="tu tensor")
    exigir(np.shares_memory(respuesta.numpy(), array),
           "tu tensor tiene los valores correctos, pero es una copia: si cambias el array, el tensor no se "
           "entera. Se pedía un tensor que comparta la memoria del array")
    return "Un cambio en el array se ve en el tensor, y al revés."


# --- Ejercicios 6 y 7: de un índice a una posición, y tu propio tensor ---------------------------------

def _disposiciones():
    """Vistas de minitorch, de la más sencilla a la más rebuscada, cada una con su descripción.

    Los valores (100 + su posición) no se confunden con las posiciones del almacenamiento.
    """
    def base(n):
        return minitorch.arange(n) + 100

    m = base(12).view(3, 4)
    cubo = base(24).view(2, 3, 4)
    return [
        ("un vector contiguo", base(5)),
        ("una matriz contigua de 3×4", m),
        ("la fila 1 de esa matriz", m[1]),
        ("sus dos últimas filas", m[1:]),
        ("su columna 2", m[:, 2]),
        ("su traspuesta", m.t()),
        ("un corte con paso: filas pares y columnas impares", m[::2, 1::2]),
        ("un solo elemento, de 0 dimensiones", m[2, 1]),
        ("un tensor de 2×3×4 con las dimensiones cambiadas de orden", cubo.permute(2, 0, 1)),
        ("un corte con paso de ese tensor de 2×3×4", cubo[1:, ::2, 1:]),
        ("una fila repetida 3 veces (stride 0)", base(12).as_strided((3, 4), (0, 1), 4)),
        ("ventanas que se solapan", base(10).as_strided((4, 3), (2, 1), 1)),
    ]


def _describir_vista(descripcion: str, vista: minitorch.Tensor) -> str:
    return (f"{descripcion} (forma {tuple(vista.shape)}, strides {vista.stride()}, "
            f"desplazamiento {vista.storage_offset()})")


def _posicion_de(vista: minitorch.Tensor, indice: tuple) -> int:
    return vista[indice].storage_offset()  # un elemento es una vista de 0 dimensiones: su desplazamiento


def _exigir_entero(valor, llamada: str) -> None:
    exigir(not isinstance(valor, minitorch.Tensor),
           f"{llamada} da {valor!r}, que es un tensor y una posición de la lista es un entero de Python: "
           "¿te falta item()?")
    try:
        es_entero = not isinstance(valor, bool) and operator.index(valor) == valor
    except TypeError:
        es_entero = False
    exigir(es_entero, f"{llamada} da {valor!r}, de tipo {type(valor).__name__}, y una posición de la lista "
                      "es un número entero")


def _exigir_posiciones(obtenidas: dict, vista: minitorch.Tensor, donde: str, llamada) -> None:
    """Compara las posiciones de todos los índices de una vista; reconoce los errores típicos en conjunto."""
    esperadas = {indice: _posicion_de(vista, indice) for indice in obtenidas}
    if obtenidas == esperadas:
        return
    desplazamiento, strides = vista.storage_offset(), vista.stride()
    exigir(desplazamiento == 0 or any(obtenidas[i] != esperadas[i] - desplazamiento for i in obtenidas),
           f"en {donde}, todas tus posiciones se quedan {desplazamiento} por debajo de las correctas: "
           "¿en qué posición empieza este tensor?")
    al_reves = {i: position(i, strides[::-1], desplazamiento) for i in obtenidas}
    exigir(obtenidas != al_reves,
           f"en {donde}, tus posiciones serían las correctas si los strides estuvieran en el orden contrario: "
           "el índice de cada dimensión se está combinando con el stride de otra")
    indice = next(i for i in obtenidas if obtenidas[i] != esperadas[i])
    raise RespuestaIncorrecta(f"en {donde}, el elemento de índice {indice} está en la posición {esperadas[indice]} "
                              f"del almacenamiento, pero {llamada(indice)} da {obtenidas[indice]}")


@ejercicio("Ejercicio 6 (de un índice a una posición)")
def posicion(funcion):
    exigir(callable(funcion), f"se esperaba una función y {type(funcion).__name__} no se puede llamar")
    casos = 0
    for descripcion, vista in _disposiciones():
        strides, desplazamiento = vista.stride(), vista.storage_offset()

        def llamada(indice):
            return f"posicion({indice}, {strides}, {desplazamiento})"

        obtenidas = {}
        for indice in iter_indices(vista.shape):
            obtenidas[indice] = llamar(funcion, (indice, strides, desplazamiento), llamada(indice), "la función posicion")
            _exigir_entero(obtenidas[indice], llamada(indice))
        _exigir_posiciones(obtenidas, vista, _describir_vista(descripcion, vista), llamada)
        casos += len(obtenidas)
    return f"Acierta los {casos} elementos de {len(_disposiciones())} vistas distintas, como minitorch."


def _metodo(objeto, nombre: str):
    metodo = getattr(objeto, nombre, None)
    exigir(callable(metodo), f"tu MiTensor no tiene el método {nombre}")
    return metodo


def _exigir_atributos(t, almacenamiento: list, vista: minitorch.Tensor, donde: str) -> None:
    """Lo que guarda el constructor: la lista misma (sin copiarla) y la forma, los strides y el desplazamiento."""
    exigir(hasattr(t, "almacenamiento"), "tu MiTensor no tiene el atributo almacenamiento")
    exigir(t.almacenamiento is almacenamiento or t.almacenamiento != almacenamiento,
           f"con {donde}, tu MiTensor guarda una copia de la lista que recibe: un tensor comparte su "
           "almacenamiento (sus vistas escriben en la misma lista)")
    exigir(t.almacenamiento is almacenamiento,
           f"con {donde}, el atributo almacenamiento de tu MiTensor no es la lista que recibe")
    for atributo, esperado in (("forma", tuple(vista.shape)), ("strides", vista.stride()),
                               ("desplazamiento", vista.storage_offset())):
        exigir(hasattr(t, atributo), f"tu MiTensor no tiene el atributo {atributo}")
        valor = getattr(t, atributo)
        exigir(valor == esperado and type(valor) is type(esperado),
               f"con {donde}, el atributo {atributo} de tu MiTensor vale {valor!r} y se esperaba {esperado!r}")


def _exigir_index_error(t, vista: minitorch.Tensor, donde: str) -> None:
    """Un índice que se sale de una dimensión tiene que lanzar IndexError, aunque su posición exista."""
    forma = tuple(vista.shape)
    for dim, tamano in enumerate(forma):
        indice = tuple(tamano if d == dim else 0 for d in range(len(forma)))
        llamada = f"t.posicion({indice})"
        try:
            obtenida = _metodo(t, "posicion")(indice)
        except IndexError:
            continue
        except (NotImplementedError, RespuestaIncorrecta):
            raise
        except Exception as error:  # otro error: se esperaba precisamente IndexError
            raise RespuestaIncorrecta(f"con {donde}, {llamada} lanza {type(error).__name__} y, como un tensor "
                                      "ante un índice fuera de rango, debería lanzar IndexError") from None
        raise RespuestaIncorrecta(
            f"con {donde}, {llamada} da {obtenida!r}, pero la dimensión {dim} solo tiene {tamano} "
            f"{'elemento' if tamano == 1 else 'elementos'} (índices 0 a {tamano - 1}): un índice fuera de rango "
            "tiene que lanzar IndexError")


def _normalizada(lista):
    return [_normalizada(x) for x in lista] if isinstance(lista, (list, tuple)) else lista


@ejercicio("Ejercicio 7 (tu propio tensor)")
def mi_tensor(MiTensor):  # noqa: N803 (recibe una clase)
    exigir(isinstance(MiTensor, type), f"se esperaba la clase MiTensor y se recibió {type(MiTensor).__name__}")
    casos = []
    for descripcion, vista in _disposiciones():
        lista = vista.storage().tolist()
        forma, strides, desplazamiento = tuple(vista.shape), vista.stride(), vista.storage_offset()
        donde = _describir_vista(descripcion, vista)
        t = llamar(MiTensor, (lista, forma, strides, desplazamiento),
                   f"MiTensor(almacenamiento, {forma}, {strides}, {desplazamiento})", "la función MiTensor.__init__")
        _exigir_atributos(t, lista, vista, donde)
        casos.append((t, vista, donde))

    for t, vista, donde in casos:  # posicion
        metodo = _metodo(t, "posicion")
        obtenidas = {}
        for indice in iter_indices(vista.shape):
            obtenidas[indice] = llamar(metodo, (indice,), f"t.posicion({indice})", "la función MiTensor.posicion")
            _exigir_entero(obtenidas[indice], f"t.posicion({indice})")
        _exigir_posiciones(obtenidas, vista, donde, lambda indice: f"t.posicion({indice})")
    for t, vista, donde in casos:
        _exigir_index_error(t, vista, donde)

    for t, vista, donde in casos:  # __getitem__
        _metodo(t, "__getitem__")
        for indice in iter_indices(vista.shape):
            llamada = f"t[{indice}]"
            obtenido = llamar(lambda i: t[i], (indice,), llamada, "la función MiTensor.__getitem__")
            esperado = vista[indice].item()
            exigir(obtenido != _posicion_de(vista, indice) or obtenido == esperado,
                   f"con {donde}, {llamada} da {obtenido!r}, que es la posición del elemento y no el número "
                   "guardado en ella")
            exigir(obtenido == esperado, f"con {donde}, {llamada} da {obtenido!r} y se esperaba {esperado!r}")

    for t, vista, donde in casos:  # tolist
        obtenida = llamar(_metodo(t, "tolist"), (), "t.tolist()", "la función MiTensor.tolist")
        esperada = vista.tolist()
        exigir(obtenida == esperada or _normalizada(obtenida) != esperada,
               f"con {donde}, t.tolist() tiene los números correctos, pero se esperaban listas de Python "
               f"anidadas, como las de Tensor.tolist(): {esperada!r}")
        exigir(obtenida == esperada, f"con {donde}, t.tolist() da {obtenida!r} y se esperaba {esperada!r}")
    return (f"Lee las {len(casos)} vistas como minitorch, sin copiar la lista. En el cuaderno 03 le "
            "añadirás vistas propias.")
