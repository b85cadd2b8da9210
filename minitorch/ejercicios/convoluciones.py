"""Comprobadores de los ejercicios de 09_convoluciones.ipynb.

Lo esperado se calcula con minitorch: el tamaño de salida, con la forma que devuelve ``F.conv2d`` de verdad; la
convolución, con ``F.conv2d``; el *max pooling*, con ``F.max_pool2d``. Antes de la pista genérica, cada
comprobador busca el error típico (el relleno contado una sola vez, la dilatación olvidada, la división con
decimales, el núcleo girado como en la convolución de los libros de señales, el sesgo olvidado, la media en vez
del máximo, ventanas que se solapan...) y, si lo reconoce, lo dice. Los datos de prueba se crean con un
generador propio, sin mover la semilla global del cuaderno.
"""

from __future__ import annotations

import minitorch
from minitorch.nn import functional as F

from ._comprobacion import (
    RespuestaIncorrecta, ejercicio, exigir, exigir_igual, exigir_tensor, exigir_tensor_igual, llamar, parecidos,
    sin_mover_la_semilla,
)

__all__ = ["tamano_de_salida", "mi_conv2d", "mi_max_pool2d"]


# --- Ejercicio 1 ------------------------------------------------------------------------------------

# (entrada, núcleo, relleno, paso, dilatación): casos que separan los errores típicos entre sí.
CASOS_DE_TAMANO = [
    (8, 3, 0, 1, 1), (8, 3, 1, 1, 1), (8, 3, 1, 2, 1), (7, 3, 0, 2, 1), (28, 5, 2, 1, 1),
    (10, 3, 0, 1, 2), (9, 2, 0, 3, 1), (32, 3, 1, 2, 1), (11, 4, 3, 3, 2), (5, 5, 0, 1, 1),
]

# Variantes equivocadas de la fórmula, con la pista que les corresponde.
_FORMULAS_TIPICAS = [
    (lambda n, k, p, s, d: (n + p - d * (k - 1) - 1) // s + 1,
     "el relleno se añade por los dos lados de la imagen, no por uno"),
    (lambda n, k, p, s, d: (n + 2 * p - k) // s + 1,
     "no tiene en cuenta la dilatación: un núcleo dilatado abarca más píxeles de los que tiene"),
    (lambda n, k, p, s, d: (n + 2 * p - d * (k - 1) - 1) // s,
     "le falta una posición: cuenta los pasos que da el núcleo, pero no la posición de partida"),
    (lambda n, k, p, s, d: (n + 2 * p - d * (k - 1) - 1 + s - 1) // s + 1,
     "redondea hacia arriba; si la última ventana no cabe entera, no cuenta"),
    (lambda n, k, p, s, d: (n + 2 * p - d * k) // s + 1,
     "el núcleo dilatado abarca un píxel de más: entre k elementos hay k − 1 huecos, no k"),
]


def _tamano_de_referencia(entrada: int, nucleo: int, relleno: int, paso: int, dilatacion: int) -> int:
    """El tamaño que da ``F.conv2d`` de verdad con una imagen de ``1×entrada`` y un núcleo de ``1×nucleo``."""
    x = minitorch.zeros(1, 1, 1, entrada)
    peso = minitorch.zeros(1, 1, 1, nucleo)
    return F.conv2d(x, peso, padding=(0, relleno), stride=(1, paso), dilation=(1, dilatacion)).shape[-1]


def _llamada_de_tamano(caso) -> str:
    entrada, nucleo, relleno, paso, dilatacion = caso
    return (f"tamano_de_salida({entrada}, {nucleo}, relleno={relleno}, paso={paso}, "
            f"dilatacion={dilatacion})")


@ejercicio("Ejercicio 1 (el tamaño de la salida)")
def tamano_de_salida(funcion):
    exigir(callable(funcion), "se esperaba la función tamano_de_salida(entrada, nucleo, relleno, paso, dilatacion)")
    respuestas = []
    for caso in CASOS_DE_TAMANO:
        entrada, nucleo, relleno, paso, dilatacion = caso
        respuestas.append(llamar(lambda: funcion(entrada, nucleo, relleno=relleno, paso=paso, dilatacion=dilatacion),
                                 (), _llamada_de_tamano(caso), "tamano_de_salida"))
    for caso, valor in zip(CASOS_DE_TAMANO, respuestas):
        if isinstance(valor, float) and not valor.is_integer():
            raise RespuestaIncorrecta(
                f"{_llamada_de_tamano(caso)} devuelve {valor}, un número con decimales: el número de posiciones "
                "del núcleo es un entero (la última ventana que no cabe entera no cuenta)")
    for caso, valor in zip(CASOS_DE_TAMANO, respuestas):
        exigir(isinstance(valor, int) and not isinstance(valor, bool),
               f"{_llamada_de_tamano(caso)} devuelve {type(valor).__name__}; se esperaba un int de Python")
    esperados = [_tamano_de_referencia(*caso) for caso in CASOS_DE_TAMANO]
    if respuestas != esperados:
        for formula, pista in _FORMULAS_TIPICAS:
            if respuestas == [formula(*caso) for caso in CASOS_DE_TAMANO]:
                raise RespuestaIncorrecta(f"tu fórmula {pista}")
        for caso, valor, esperado in zip(CASOS_DE_TAMANO, respuestas, esperados):
            exigir_igual(valor, esperado, nombre=f"lo que devuelve {_llamada_de_tamano(caso)}")
    return "Es la fórmula de la documentación de nn.Conv2d, comprobada con la forma que devuelve F.conv2d."


# --- Ejercicio 2 ------------------------------------------------------------------------------------

def _casos_de_convolucion():
    """(x, peso, sesgo): un canal y un filtro; varios canales y filtros con un núcleo no cuadrado y una imagen
    rectangular; un lote de tres imágenes."""
    generador = minitorch.Generator().manual_seed(91)
    formas = [((1, 1, 5, 5), (1, 1, 3, 3)), ((2, 3, 7, 6), (4, 3, 3, 2)), ((3, 2, 6, 8), (5, 2, 2, 4))]
    return [(minitorch.randn(*x, generator=generador), minitorch.randn(*w, generator=generador),
             minitorch.randn(w[0], generator=generador)) for x, w in formas]


@ejercicio("Ejercicio 2 (una convolución sobre la vista de parches)")
@sin_mover_la_semilla
def mi_conv2d(funcion):
    exigir(callable(funcion), "se esperaba la función mi_conv2d(x, peso, sesgo)")
    for x, peso, sesgo in _casos_de_convolucion():
        llamada = f"mi_conv2d(x, peso, sesgo) con x de forma {tuple(x.shape)} y peso de forma {tuple(peso.shape)}"
        esperado = F.conv2d(x, peso, sesgo)
        antes = x.clone(), peso.clone(), sesgo.clone()
        salida = llamar(funcion, (x, peso, sesgo), llamada, "mi_conv2d")
        exigir(all(a.equal(b) for a, b in zip(antes, (x, peso, sesgo))),
               f"{llamada} modificó los tensores que recibe: tiene que dejarlos como estaban")
        exigir_tensor(salida, f"lo que devuelve {llamada}")
        if tuple(salida.shape) != tuple(esperado.shape) and sorted(salida.shape) == sorted(esperado.shape):
            raise RespuestaIncorrecta(
                f"{llamada} devuelve forma {tuple(salida.shape)} y se esperaba {tuple(esperado.shape)}: los "
                "números están, pero en otro orden (N, C_out, H_out, W_out)")
        if parecidos(salida, F.conv2d(x, peso.flip(2, 3), sesgo)) and not parecidos(salida, esperado):
            raise RespuestaIncorrecta(
                f"{llamada} da la convolución con el núcleo girado 180°; en PyTorch, conv2d no gira el núcleo "
                "(es una correlación cruzada)")
        if parecidos(salida, F.conv2d(x, peso)) and not parecidos(salida, esperado):
            raise RespuestaIncorrecta(f"{llamada} da la convolución sin el sesgo: falta sumar uno por canal de salida")
        exigir_tensor_igual(salida, esperado, nombre=f"lo que devuelve {llamada}", rtol=1e-4, atol=1e-5)
    return "Un producto de matrices sobre la vista de parches es lo que hace F.conv2d por dentro (im2col)."


# --- Ejercicio 3 ------------------------------------------------------------------------------------

def _casos_de_pooling():
    """(x, nucleo): ventanas de 2 con lado par; de 2 con lados impares (sobra una fila y una columna); de 3."""
    generador = minitorch.Generator().manual_seed(93)
    return [(minitorch.randn(1, 1, 4, 4, generator=generador), 2),
            (minitorch.randn(2, 3, 7, 5, generator=generador), 2),
            (minitorch.randn(2, 2, 9, 6, generator=generador), 3)]


@ejercicio("Ejercicio 3 (max pooling sobre una vista de ventanas)")
@sin_mover_la_semilla
def mi_max_pool2d(funcion):
    exigir(callable(funcion), "se esperaba la función mi_max_pool2d(x, nucleo)")
    for x, nucleo in _casos_de_pooling():
        llamada = f"mi_max_pool2d(x, {nucleo}) con x de forma {tuple(x.shape)}"
        esperado = F.max_pool2d(x, nucleo)
        antes = x.clone()
        salida = llamar(funcion, (x, nucleo), llamada, "mi_max_pool2d")
        exigir(x.equal(antes), f"{llamada} modificó el tensor que recibe: tiene que dejarlo como estaba")
        exigir_tensor(salida, f"lo que devuelve {llamada}")
        if parecidos(salida, F.max_pool2d(x, nucleo, stride=1)):
            raise RespuestaIncorrecta(
                f"{llamada} usa ventanas que se solapan (avanzan de 1 en 1); en max_pool2d, por defecto, cada "
                "ventana empieza donde acaba la anterior")
        if parecidos(salida, F.avg_pool2d(x, nucleo)):
            raise RespuestaIncorrecta(f"{llamada} da la media de cada ventana; se pedía el máximo")
        forma, forma_esperada = tuple(salida.shape), tuple(esperado.shape)
        sobra = len(forma) == 4 and forma != forma_esperada and forma[:2] == forma_esperada[:2] and all(
            lado >= lado_esperado for lado, lado_esperado in zip(forma[2:], forma_esperada[2:]))
        if sobra:
            raise RespuestaIncorrecta(
                f"{llamada} devuelve forma {forma} y se esperaba {forma_esperada}: las filas y columnas que no "
                "llenan una ventana entera se descartan")
        exigir_tensor_igual(salida, esperado, nombre=f"lo que devuelve {llamada}")
    return "Como en PyTorch, las filas y columnas que no llenan una ventana se descartan."
