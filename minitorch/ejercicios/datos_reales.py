"""Comprobadores de los ejercicios de 08_datos_reales.ipynb.

Lo esperado se calcula con minitorch: la exactitud con ``argmax`` y una comparación, la matriz de confusión con
``one_hot`` y un producto de matrices, la parada temprana recorriendo las pérdidas época a época, y la evaluación
de referencia con el modelo en modo evaluación, dentro de ``no_grad()``, sumando la pérdida de cada lote por el
número de ejemplos que tiene. Antes de la pista genérica, cada comprobador busca el error típico (los aciertos en
vez de la fracción, un tensor en vez de un número, filas y columnas al revés, las clases que no aparecen, parar
una época tarde, un empate tomado por una mejora, la media de las medias de los lotes, Dropout encendido al
evaluar...) y, si lo reconoce, lo dice. Los datos y los modelos de prueba se crean sin mover la semilla global
del cuaderno.
"""

from __future__ import annotations

import math

import minitorch
from minitorch import nn
from minitorch.utils.data import DataLoader, TensorDataset

from ._comprobacion import (
    RespuestaIncorrecta, ejercicio, exigir, exigir_igual, exigir_tensor_igual, llamar, sin_mover_la_semilla,
)
from .entrenamiento import evaluacion_vigilada

__all__ = ["exactitud", "matriz_de_confusion", "parada_temprana", "evaluar"]


def _ejemplos(cuantos: int) -> str:
    return "1 ejemplo" if cuantos == 1 else f"{cuantos} ejemplos"


# --- Ejercicio 1 ------------------------------------------------------------------------------------

def _casos_de_exactitud():
    """Puntuaciones y etiquetas de prueba: pocas clases, diez clases y probabilidades en lugar de logits."""
    generador = minitorch.Generator().manual_seed(81)
    casos = []
    for n, clases in ((8, 3), (12, 10), (5, 4)):
        logits = minitorch.randn(n, clases, generator=generador)
        etiquetas = minitorch.randint(0, clases, (n,), generator=generador)
        etiquetas[0] = logits[0].argmax()  # al menos un acierto, para que la exactitud no sea 0
        casos.append((logits, etiquetas))
    logits, etiquetas = casos[-1]
    casos[-1] = (logits.softmax(dim=1), etiquetas)  # con probabilidades, la clase predicha es la misma
    return casos


@ejercicio("Ejercicio 1 (la exactitud)")
@sin_mover_la_semilla
def exactitud(funcion):
    exigir(callable(funcion), "se esperaba la función exactitud(logits, etiquetas)")
    for logits, etiquetas in _casos_de_exactitud():
        n, clases = logits.shape
        llamada = f"exactitud(logits, etiquetas) con {n} ejemplos y {clases} clases"
        aciertos = (logits.argmax(dim=1) == etiquetas).sum().item()
        esperado = aciertos / n
        antes = logits.clone(), etiquetas.clone()
        valor = llamar(funcion, (logits, etiquetas), llamada)
        exigir(logits.equal(antes[0]) and etiquetas.equal(antes[1]),
               f"{llamada} modificó los tensores que recibe: tiene que dejarlos como estaban")
        if isinstance(valor, minitorch.Tensor) and valor.numel() == 1:
            raise RespuestaIncorrecta(f"{llamada} devuelve un tensor; se esperaba un número de Python (float)")
        exigir(isinstance(valor, (int, float)) and not isinstance(valor, bool),
               f"{llamada} devuelve {type(valor).__name__}; se esperaba un número de Python entre 0 y 1")
        exigir(not (valor == aciertos and aciertos != esperado),
               f"{llamada} devuelve {valor}, el número de aciertos; se esperaba la fracción de aciertos, entre 0 y 1")
        exigir(not (abs(valor - 100 * esperado) < 1e-6 and esperado != 0),
               f"{llamada} devuelve {valor}, un porcentaje; se esperaba la fracción de aciertos, entre 0 y 1")
        exigir_igual(valor, esperado, nombre=f"lo que devuelve {llamada}")
    return "La clase predicha es la de mayor puntuación; softmax no la cambia, porque conserva el orden."


# --- Ejercicio 2 ------------------------------------------------------------------------------------

def matriz_de_referencia(verdaderas: minitorch.Tensor, predichas: minitorch.Tensor, num_clases: int) -> minitorch.Tensor:
    """Fila ``i``, columna ``j``: cuántos ejemplos de la clase ``i`` se predijeron como ``j`` (``int64``)."""
    uno_caliente = nn.functional.one_hot
    return uno_caliente(verdaderas, num_clases).T @ uno_caliente(predichas, num_clases)


def _casos_de_confusion():
    generador = minitorch.Generator().manual_seed(82)
    verdaderas = minitorch.randint(0, 3, (20,), generator=generador)
    predichas = minitorch.where(minitorch.rand(20, generator=generador) < 0.7, verdaderas,
                                minitorch.randint(0, 3, (20,), generator=generador))
    # La clase 3 no aparece nunca: la matriz tiene que tener su fila y su columna, a cero.
    casos = [(verdaderas, predichas, 4)]
    verdaderas = minitorch.randint(0, 10, (50,), generator=generador)
    predichas = minitorch.randint(0, 10, (50,), generator=generador)
    casos.append((verdaderas, predichas, 10))
    return casos


@ejercicio("Ejercicio 2 (la matriz de confusión)")
@sin_mover_la_semilla
def matriz_de_confusion(funcion):
    exigir(callable(funcion), "se esperaba la función matriz_de_confusion(verdaderas, predichas, num_clases)")
    for verdaderas, predichas, num_clases in _casos_de_confusion():
        llamada = (f"matriz_de_confusion(verdaderas, predichas, {num_clases}) con {len(verdaderas)} ejemplos "
                   f"de {num_clases} clases")
        esperada = matriz_de_referencia(verdaderas, predichas, num_clases)
        antes = verdaderas.clone(), predichas.clone()
        matriz = llamar(funcion, (verdaderas, predichas, num_clases), llamada)
        exigir(verdaderas.equal(antes[0]) and predichas.equal(antes[1]),
               f"{llamada} modificó los tensores que recibe: tiene que dejarlos como estaban")
        if isinstance(matriz, minitorch.Tensor) and matriz.dim() == 2 and matriz.shape[0] == matriz.shape[1] \
                and matriz.shape[0] < num_clases:
            raise RespuestaIncorrecta(
                f"{llamada} tiene forma {tuple(matriz.shape)} y se esperaba ({num_clases}, {num_clases}): hay una "
                "fila y una columna por clase, también para las clases que no aparecen en los datos")
        if isinstance(matriz, minitorch.Tensor) and matriz.shape == esperada.shape and not matriz.dtype.is_floating_point:
            exigir(matriz.equal(esperada) or not matriz.equal(esperada.T),
                   f"{llamada} tiene filas y columnas al revés: la fila es la clase verdadera y la columna, "
                   "la predicha")
            total = matriz.sum().item()
            exigir(total == len(verdaderas),
                   f"las casillas de {llamada} suman {total} y hay {_ejemplos(len(verdaderas))}: cada ejemplo "
                   "cuenta en una sola casilla")
        exigir_tensor_igual(matriz, esperada, nombre=llamada)
    return "En la diagonal, los aciertos; fuera de ella, cada confusión con su pareja de clases."


# --- Ejercicio 3 ------------------------------------------------------------------------------------

def parada_de_referencia(perdidas, paciencia: int, *, tarde: bool = False, empates: bool = False) -> tuple[int, int]:
    """(mejor época, época en la que se para), contando desde 1: se para cuando la pérdida lleva ``paciencia``
    épocas seguidas sin bajar de la mejor; si no se agota la paciencia, en la última época.

    ``tarde=True`` y ``empates=True`` cometen dos errores típicos: parar una época tarde y contar un empate
    con la mejor pérdida como una mejora.
    """
    mejor, mejor_epoca, sin_mejorar = math.inf, 0, 0
    for epoca, perdida in enumerate(perdidas, start=1):
        if perdida < mejor or (empates and perdida == mejor):
            mejor, mejor_epoca, sin_mejorar = perdida, epoca, 0
        else:
            sin_mejorar += 1
        if sin_mejorar == paciencia + (1 if tarde else 0):
            return mejor_epoca, epoca
    return mejor_epoca, len(perdidas)


# Curvas de validación de prueba, con su paciencia: la pérdida sigue bajando después de parar, hay un empate
# con la mejor, la paciencia no se agota nunca, y paciencia 1.
CASOS_DE_PARADA = [
    ([1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.6, 0.65], 3),
    ([0.5, 0.4, 0.4, 0.4, 0.4, 0.3], 2),
    ([0.9, 0.8, 0.85, 0.7, 0.6], 2),
    ([0.5, 0.6, 0.4, 0.3], 1),
]


@ejercicio("Ejercicio 3 (parada temprana con paciencia)")
def parada_temprana(funcion):
    exigir(callable(funcion), "se esperaba la función parada_temprana(perdidas, paciencia)")
    for perdidas, paciencia in CASOS_DE_PARADA:
        llamada = f"parada_temprana({perdidas}, {paciencia})"
        esperado = parada_de_referencia(perdidas, paciencia)
        respuesta = llamar(funcion, (list(perdidas), paciencia), llamada)
        exigir(isinstance(respuesta, (tuple, list)) and len(respuesta) == 2,
               f"{llamada} devuelve {respuesta!r}; se esperaba una pareja (mejor época, época en la que se para)")
        respuesta = tuple(respuesta)
        if respuesta == esperado:
            continue
        if respuesta == (esperado[0] - 1, esperado[1] - 1):
            raise RespuestaIncorrecta(f"{llamada} devuelve {respuesta} y se esperaba {esperado}: las épocas se "
                                      "cuentan desde 1, como en entrenar")
        if respuesta == parada_de_referencia(perdidas, paciencia, tarde=True):
            raise RespuestaIncorrecta(
                f"{llamada} devuelve {respuesta} y se esperaba {esperado}: se para una época tarde; con paciencia "
                f"{paciencia}, se para en cuanto se cumplen {paciencia} épocas seguidas sin mejorar")
        if respuesta == parada_de_referencia(perdidas, paciencia, empates=True):
            raise RespuestaIncorrecta(
                f"{llamada} devuelve {respuesta} y se esperaba {esperado}: una pérdida igual a la mejor no es una "
                "mejora, y no reinicia la cuenta de la paciencia")
        if respuesta[0] == min(range(1, len(perdidas) + 1), key=lambda e: perdidas[e - 1]) != esperado[0]:
            raise RespuestaIncorrecta(
                f"{llamada} devuelve {respuesta} y se esperaba {esperado}: la mejor época es la mejor hasta que se "
                "para; las épocas posteriores no se llegan a entrenar")
        exigir_igual(respuesta, esperado, nombre=f"lo que devuelve {llamada}")
    return "Con la paciencia se ahorran las épocas que solo servían para sobreajustar."


# --- Ejercicio 4 ------------------------------------------------------------------------------------

def evaluacion_de_referencia(modelo, cargador, funcion_perdida) -> tuple[float, float]:
    """La pérdida media por ejemplo y la exactitud sobre todo ``cargador``, en modo evaluación y sin grafo."""
    modo = modelo.training
    modelo.eval()
    suma_de_perdidas, aciertos, total = 0.0, 0, 0
    with minitorch.no_grad():
        for xb, yb in cargador:
            salida = modelo(xb)
            suma_de_perdidas += funcion_perdida(salida, yb).item() * len(yb)
            aciertos += (salida.argmax(dim=1) == yb).sum().item()
            total += len(yb)
    modelo.train(modo)
    return suma_de_perdidas / total, aciertos / total


def _media_de_medias(modelo, cargador, funcion_perdida) -> tuple[float, float]:
    """El error típico: la media de las pérdidas (y exactitudes) de los lotes, como si todos fueran iguales."""
    modo = modelo.training
    modelo.eval()
    perdidas, exactitudes = [], []
    with minitorch.no_grad():
        for xb, yb in cargador:
            salida = modelo(xb)
            perdidas.append(funcion_perdida(salida, yb).item())
            exactitudes.append((salida.argmax(dim=1) == yb).float().mean().item())
    modelo.train(modo)
    return sum(perdidas) / len(perdidas), sum(exactitudes) / len(exactitudes)


def _cerca(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-5 * max(1.0, abs(b))


@ejercicio("Ejercicio 4 (evaluar con un DataLoader)")
@sin_mover_la_semilla
def evaluar(funcion):
    exigir(callable(funcion), "se esperaba la función evaluar(modelo, cargador, funcion_perdida)")
    generador = minitorch.Generator().manual_seed(83)
    minitorch.manual_seed(83)  # sin_mover_la_semilla deja el generador global como estaba
    modelo = nn.Sequential(nn.Flatten(), nn.Linear(16, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 5))
    X = minitorch.rand(23, 1, 4, 4, generator=generador)
    y = minitorch.randint(0, 5, (23,), generator=generador)
    cargador = DataLoader(TensorDataset(X, y), batch_size=10)  # 10 + 10 + 3: el último lote, incompleto
    funcion_perdida = nn.CrossEntropyLoss()
    for modo in (True, False):
        modelo.train(modo)
        nombre_modo = "entrenamiento" if modo else "evaluación"
        llamada = f"evaluar(modelo, cargador, funcion_perdida) con el modelo en modo {nombre_modo}"
        esperado = evaluacion_de_referencia(modelo, cargador, funcion_perdida)
        resultado, vistos = evaluacion_vigilada(funcion, (modelo, cargador, funcion_perdida), modelo, llamada)
        exigir(len(vistos) == len(cargador),
               f"{llamada} llama al modelo {len(vistos)} veces y el cargador tiene {len(cargador)} lotes: "
               "cada lote tiene que pasar una vez por el modelo")
        exigir(isinstance(resultado, (list, tuple)) and len(resultado) == 2,
               f"{llamada} devuelve {type(resultado).__name__}; se esperaba una pareja (pérdida, exactitud)")
        perdida, acierto = resultado
        for valor, que in ((perdida, "la pérdida"), (acierto, "la exactitud")):
            exigir(not isinstance(valor, minitorch.Tensor),
                   f"{que} que devuelve {llamada} es un tensor; se esperaba un número de Python (float)")
        medias = _media_de_medias(modelo, cargador, funcion_perdida)
        for valor, correcto, media, que in ((perdida, esperado[0], medias[0], "la pérdida"),
                                            (acierto, esperado[1], medias[1], "la exactitud")):
            if isinstance(valor, (int, float)) and _cerca(valor, media) and not _cerca(valor, correcto):
                raise RespuestaIncorrecta(
                    f"{que} que devuelve {llamada} es la media de las de los lotes, pero el último lote solo "
                    f"tiene {_ejemplos(len(X) % cargador.batch_size)}: cada lote tiene que pesar tanto como "
                    "ejemplos tiene")
        exigir_igual(perdida, esperado[0], nombre=f"la pérdida que devuelve {llamada}", rtol=1e-4)
        exigir_igual(acierto, esperado[1], nombre=f"la exactitud que devuelve {llamada}")
    return "eval() apaga Dropout, no_grad() evita el grafo, y cada lote cuenta tanto como ejemplos tiene."

