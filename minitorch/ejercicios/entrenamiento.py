"""Comprobadores de los ejercicios de 06_entrenamiento.ipynb.

Lo esperado se calcula entrenando con minitorch: una época de referencia (propagación hacia adelante,
pérdida, ``zero_grad``, ``backward`` y ``step`` por lote) sobre una copia del mismo modelo, la pérdida en modo
evaluación dentro de ``no_grad()``, la regresión del enunciado con la tasa de aprendizaje propuesta, ``len``
de un ``DataLoader``. Antes de la pista genérica, cada comprobador busca el error típico (el gradiente que se
acumula, un solo paso con todos los datos, Dropout encendido al evaluar, el último lote incompleto...) y, si
lo reconoce, lo dice. Los modelos de prueba se crean sin mover la semilla global del cuaderno.
"""

from __future__ import annotations

import copy
import math

import minitorch
from minitorch import nn
from minitorch.utils.data import DataLoader, TensorDataset

from ._comprobacion import RespuestaIncorrecta, ejercicio, exigir, exigir_igual, llamar, sin_mover_la_semilla
from .nn_module import pista_super

__all__ = ["una_epoca", "evaluar", "tasa_de_aprendizaje", "numero_de_pasos"]


def _cerca(a: minitorch.Tensor, b: minitorch.Tensor) -> bool:
    return bool(a.detach().double().allclose(b.detach().double(), rtol=1e-4, atol=1e-6))


# --- Ejercicio 1 ------------------------------------------------------------------------------------

def _epoca_de_referencia(modelo, funcion_perdida, optimizador, X, y, tamano_lote, *,
                         borrar_gradientes=True) -> list[tuple[float, int]]:
    """Una época por lotes, en orden; devuelve la pérdida y el tamaño de cada lote.

    Con ``borrar_gradientes=False`` comete el error típico de no llamar a ``zero_grad()``.
    """
    lotes = []
    for xb, yb in DataLoader(TensorDataset(X, y), batch_size=tamano_lote):
        perdida = funcion_perdida(modelo(xb), yb)
        if borrar_gradientes:
            optimizador.zero_grad()
        perdida.backward()
        optimizador.step()
        lotes.append((perdida.item(), len(xb)))
    return lotes


def _mismos_parametros(a, b) -> bool:
    return all(_cerca(p, q) for p, q in zip(a.parameters(), b.parameters()))


def _entrenar_copia(base, X, y, tamano_lote, epocas, **variante):
    """Entrena una copia de ``base`` como la referencia; devuelve la copia y los lotes de la última época."""
    copia = copy.deepcopy(base)
    optimizador = minitorch.optim.SGD(copia.parameters(), lr=0.5, momentum=0.9)
    for _ in range(epocas):
        lotes = _epoca_de_referencia(copia, nn.CrossEntropyLoss(), optimizador, X, y, tamano_lote, **variante)
    return copia, lotes


def _exigir_media(media, lotes, nombre: str) -> None:
    """La pérdida media por ejemplo de la época; reconoce la media de los lotes sin ponderar y la suma."""
    ponderada = sum(perdida * n for perdida, n in lotes) / sum(n for _, n in lotes)
    if isinstance(media, (int, float)) and not isinstance(media, bool) \
            and not math.isclose(media, ponderada, rel_tol=1e-4):
        if math.isclose(media, sum(p for p, _ in lotes) / len(lotes), rel_tol=1e-5):
            raise RespuestaIncorrecta(
                f"{nombre} es la media de las pérdidas de los lotes, pero el último lote tiene menos ejemplos: "
                "cada lote tiene que pesar según cuántos ejemplos tiene")
        if math.isclose(media, sum(p for p, _ in lotes), rel_tol=1e-5):
            raise RespuestaIncorrecta(f"{nombre} es la suma de las pérdidas de los lotes; se pide la media por ejemplo")
    exigir_igual(media, ponderada, nombre=nombre, rtol=1e-4)


@ejercicio("Ejercicio 1 (una época por lotes)")
@sin_mover_la_semilla
def una_epoca(funcion):
    exigir(callable(funcion), "se esperaba la función una_epoca(modelo, funcion_perdida, optimizador, X, y, tamano_lote)")
    generador = minitorch.Generator(60)
    base = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 3))
    X = minitorch.randn(23, 2, generator=generador)
    y = minitorch.randint(0, 3, (23,), generator=generador)
    tamano_lote = 5
    alumno = copy.deepcopy(base)
    optimizador = minitorch.optim.SGD(alumno.parameters(), lr=0.5, momentum=0.9)

    for epoca in (1, 2):
        llamada = f"la época {epoca} de una_epoca(modelo, funcion_perdida, optimizador, X, y, {tamano_lote})"
        antes = copy.deepcopy(alumno)
        media = llamar(funcion, (alumno, nn.CrossEntropyLoss(), optimizador, X, y, tamano_lote), llamada, pista_extra=pista_super)
        referencia, lotes = _entrenar_copia(base, X, y, tamano_lote, epoca)
        exigir(not _mismos_parametros(alumno, antes),
               f"después de {llamada} los parámetros siguen igual: step() tiene que ir después de backward(), "
               "y zero_grad() antes de backward() (si no, borra el gradiente recién calculado)")
        if not _mismos_parametros(alumno, referencia):
            if _mismos_parametros(alumno, _entrenar_copia(base, X, y, len(X), epoca)[0]):
                raise RespuestaIncorrecta(f"en {llamada} has dado un solo paso con los {len(X)} ejemplos a la vez; "
                                          f"se pide un paso por cada lote de {tamano_lote}")
            if _mismos_parametros(alumno, _entrenar_copia(base, X, y, tamano_lote, epoca, borrar_gradientes=False)[0]):
                raise RespuestaIncorrecta(
                    f"en {llamada} los parámetros se mueven con el gradiente acumulado: backward() suma el "
                    "gradiente nuevo al que ya hay en .grad; ¿llamas a optimizador.zero_grad() antes de cada backward()?")
            raise RespuestaIncorrecta(
                f"tras {llamada} los parámetros no valen lo esperado: ¿recorres X e y en orden, en lotes de "
                f"{tamano_lote} (el último, más pequeño), con un paso del optimizador por lote?")
        exigir(media is not None, f"{llamada} devolvió None: tiene que devolver la pérdida media de la época")
        _exigir_media(media, lotes, f"la pérdida media que devuelve {llamada}")
    return "Un paso por lote, y cada lote pesa en la media tanto como ejemplos tiene."


# --- Ejercicio 2 ------------------------------------------------------------------------------------

def _evaluacion_de_referencia(modelo, funcion_perdida, X, y) -> float:
    modo = modelo.training
    modelo.eval()
    with minitorch.no_grad():
        valor = funcion_perdida(modelo(X), y).item()
    modelo.train(modo)
    return valor


@ejercicio("Ejercicio 2 (evaluar sin entrenar)")
@sin_mover_la_semilla
def evaluar(funcion):
    exigir(callable(funcion), "se esperaba la función evaluar(modelo, funcion_perdida, X, y)")
    generador = minitorch.Generator(61)
    modelo = nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 2))
    X = minitorch.randn(40, 3, generator=generador)
    y = minitorch.randint(0, 2, (40,), generator=generador)
    funcion_perdida = nn.CrossEntropyLoss()
    vistos = []
    manejador = modelo.register_forward_hook(
        lambda modulo, entradas, salida: vistos.append((minitorch.is_grad_enabled(), modulo.training)))
    try:
        for modo in (True, False):
            modelo.train(modo)
            nombre_modo = "entrenamiento" if modo else "evaluación"
            llamada = f"evaluar(modelo, funcion_perdida, X, y) con el modelo en modo {nombre_modo}"
            esperado = _evaluacion_de_referencia(modelo, funcion_perdida, X, y)
            vistos.clear()
            try:
                valor = llamar(funcion, (modelo, funcion_perdida, X, y), llamada, pista_extra=pista_super)
            finally:
                registro_apagado = not minitorch.is_grad_enabled()
                minitorch.set_grad_enabled(True)  # que un error del alumno no deje el cuaderno sin autograd
            exigir(vistos, f"{llamada} no llama al modelo")
            exigir(not registro_apagado,
                   f"después de {llamada} el registro del grafo sigue apagado: usa with torch.no_grad(): para que "
                   "se vuelva a encender al salir del bloque")
            exigir(not any(modulo_entrena for _, modulo_entrena in vistos),
                   f"{llamada} calcula la salida en modo entrenamiento, y Dropout apaga elementos al azar: "
                   "pon el modelo en modo evaluación antes de llamarlo")
            exigir(not any(con_grafo for con_grafo, _ in vistos),
                   f"{llamada} construye el grafo computacional, que al evaluar no hace falta: calcula la "
                   "salida dentro de torch.no_grad()")
            exigir(modelo.training == modo,
                   f"después de {llamada} el modelo se queda en modo "
                   f"{'entrenamiento' if modelo.training else 'evaluación'}: tiene que volver al modo en que "
                   "estaba (guárdalo antes en modelo.training)")
            exigir_igual(valor, esperado, nombre=f"lo que devuelve {llamada}")
    finally:
        manejador.remove()
    return "eval() apaga Dropout, no_grad() evita el grafo, y el modelo vuelve al modo en que estaba."


# --- Ejercicio 3 ------------------------------------------------------------------------------------

PASOS_REGRESION = 100
PERDIDA_OBJETIVO = 1e-3
DIVERGENCIA = 1e6  # una pérdida un millón de veces mayor que la inicial ya no va a bajar


def _perdidas_regresion(tasa: float, X, y, pasos: int = PASOS_REGRESION) -> list[float]:
    """El descenso del gradiente del enunciado: nn.Linear con pesos a cero, MSE y SGD con el lote entero.

    Se detiene antes de tiempo si la pérdida se dispara.
    """
    modelo = nn.Linear(X.shape[1], 1)
    with minitorch.no_grad():
        modelo.weight.zero_()
        modelo.bias.zero_()
    optimizador = minitorch.optim.SGD(modelo.parameters(), lr=tasa)
    perdida = nn.MSELoss()
    perdidas = []
    for _ in range(pasos):
        valor = perdida(modelo(X), y)
        optimizador.zero_grad()
        valor.backward()
        optimizador.step()
        perdidas.append(valor.item())
        if not perdidas[-1] < DIVERGENCIA * perdidas[0]:
            break  # ya diverge: seguir solo llevaría los números a inf y nan
    return perdidas


@ejercicio("Ejercicio 3 (una tasa de aprendizaje que converja)")
@sin_mover_la_semilla
def tasa_de_aprendizaje(tasa, X, y):
    exigir(not isinstance(tasa, minitorch.Tensor), "tasa es un tensor y se esperaba un número de Python")
    exigir(isinstance(tasa, (int, float)) and not isinstance(tasa, bool),
           f"tasa es de tipo {type(tasa).__name__} y se esperaba un número, como 0.5")
    exigir(tasa > 0, f"con tasa = {tasa} los parámetros no bajan la pérdida: la tasa tiene que ser positiva")
    perdidas = _perdidas_regresion(float(tasa), X, y)
    final = perdidas[-1]
    if not math.isfinite(final) or final > perdidas[0]:
        raise RespuestaIncorrecta(
            f"con tasa = {tasa} el entrenamiento diverge: la pérdida pasa de {perdidas[0]:.4g} a {final:.4g} "
            f"en {len(perdidas)} pasos. Cada paso se pasa de largo y rebota cada vez más lejos: prueba con una "
            "tasa más pequeña")
    exigir(final < PERDIDA_OBJETIVO,
           f"con tasa = {tasa} la pérdida baja, pero en {PASOS_REGRESION} pasos solo llega a {final:.4g} (hace "
           f"falta menos de {PERDIDA_OBJETIVO:g}): los pasos son demasiado cortos; prueba con una tasa mayor")
    return f"En {PASOS_REGRESION} pasos la pérdida baja de {perdidas[0]:.4g} a {final:.2g}."


# --- Ejercicio 4 ------------------------------------------------------------------------------------

def _pasos(n: int, batch_size: int, epocas: int, drop_last: bool) -> int:
    cargador = DataLoader(TensorDataset(minitorch.arange(n)), batch_size=batch_size, drop_last=drop_last)
    return epocas * len(cargador)


@ejercicio("Ejercicio 4 (cuántos pasos de optimización)")
@sin_mover_la_semilla
def numero_de_pasos(respuesta, n, batch_size, epocas):
    exigir(isinstance(respuesta, (list, tuple)) and len(respuesta) == 2,
           "se esperaba una pareja (pasos sin drop_last, pasos con drop_last=True), por ejemplo (10, 8)")
    sin_descartar, descartando = respuesta
    esperado = (_pasos(n, batch_size, epocas, False), _pasos(n, batch_size, epocas, True))
    for valor, correcto, caso in [(sin_descartar, esperado[0], "sin drop_last"),
                                  (descartando, esperado[1], "con drop_last=True")]:
        exigir(isinstance(valor, int) and not isinstance(valor, bool),
               f"los pasos {caso} son {valor!r}, y se esperaba un número entero")
        exigir(valor != n * epocas, f"{valor} pasos {caso} cuenta ejemplos, no lotes: cada paso del optimizador "
                                    f"procesa un lote de hasta {batch_size} ejemplos")
        if valor != correcto and valor in esperado:
            raise RespuestaIncorrecta(
                f"los pasos {caso} no son {valor}: ¿qué pasa con el último lote, el que no llega a "
                f"{batch_size} ejemplos? Sin drop_last se usa, incompleto; con drop_last=True se descarta")
        exigir_igual(valor, correcto, nombre=f"el número de pasos {caso}")
    return (f"Cada época tiene {esperado[0] // epocas} lotes, o {esperado[1] // epocas} si se descarta el "
            "último, incompleto.")
