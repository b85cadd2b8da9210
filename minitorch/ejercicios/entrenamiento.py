"""Comprobadores de los ejercicios de 07_entrenamiento.ipynb.

Lo esperado se calcula con minitorch: ``len`` de un ``DataLoader``, la regresión del enunciado con la tasa de
aprendizaje propuesta, la pérdida en modo evaluación dentro de ``no_grad()``, una época de referencia
(propagación hacia adelante, pérdida, ``zero_grad``, ``backward`` y ``step`` por lote) sobre una copia del mismo
modelo, y ``torch.optim.SGD`` con momento, paso a paso, junto al optimizador del alumno. Antes de la pista
genérica, cada comprobador busca el error típico (el último lote incompleto, un reparto que no es al azar,
Dropout encendido al evaluar, el gradiente que se acumula, el momento que no se guarda entre pasos...) y, si lo
reconoce, lo dice. Los modelos de prueba se crean sin mover la semilla global del cuaderno.
"""

from __future__ import annotations

import copy
import inspect
import math

import minitorch
from minitorch import nn
from minitorch.utils.data import DataLoader, TensorDataset, random_split

from ._comprobacion import (
    RespuestaIncorrecta, _comparten_memoria, ejercicio, exigir, exigir_igual, llamar, parecidos, sin_mover_la_semilla,
)
from .nn_module import pista_super

__all__ = ["numero_de_pasos", "tasa_de_aprendizaje", "dividir", "evaluar", "una_epoca", "sgd_con_momento"]


def _cerca(a: minitorch.Tensor, b: minitorch.Tensor) -> bool:
    return bool(a.detach().double().allclose(b.detach().double(), rtol=1e-4, atol=1e-6))


# --- Ejercicio 1 ------------------------------------------------------------------------------------

def _pasos(n: int, batch_size: int, epocas: int, drop_last: bool) -> int:
    cargador = DataLoader(TensorDataset(minitorch.arange(n)), batch_size=batch_size, drop_last=drop_last)
    return epocas * len(cargador)


@ejercicio("Ejercicio 1 (cuántos pasos de optimización)")
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
# --- Ejercicio 2 ------------------------------------------------------------------------------------

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


@ejercicio("Ejercicio 2 (una tasa de aprendizaje que converja)")
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


# --- Ejercicio 3 ------------------------------------------------------------------------------------

def _ejemplos(parte, nombre: str, llamada: str) -> list[int]:
    """Qué ejemplos de los datos de prueba tiene ``parte``: en ellos, el ejemplo ``i`` es ``(tensor(i), ...)``."""
    exigir(hasattr(parte, "__len__") and hasattr(parte, "__getitem__"),
           f"con {llamada}, el {nombre} es de tipo {type(parte).__name__}, y se esperaba un conjunto de datos "
           "(como los Subset que devuelve random_split)")
    numeros = []
    for k in range(len(parte)):
        ejemplo = parte[k]
        exigir(isinstance(ejemplo, tuple) and len(ejemplo) == 2 and isinstance(ejemplo[0], minitorch.Tensor),
               f"con {llamada}, el elemento {k} del {nombre} no es un ejemplo de datos, una pareja (x, y), sino "
               f"{type(ejemplo).__name__}: ¿devuelves índices en lugar de subconjuntos de datos?")
        numeros.append(int(ejemplo[0].item()))
    return numeros


def _ejemplos_en_texto(cuantos: int) -> str:
    return "1 ejemplo" if cuantos == 1 else f"{cuantos} ejemplos"


def _reparto(funcion, n: int, fraccion: float, semilla: int) -> tuple[list[int], list[int]]:
    """Llama a ``funcion`` con ``n`` ejemplos que se identifican por su número y devuelve los de cada parte."""
    datos = TensorDataset(minitorch.arange(n), minitorch.arange(n) % 2)
    llamada = f"dividir(datos, {fraccion}, generador) con {n} ejemplos"
    partes = llamar(funcion, (datos, fraccion, minitorch.Generator().manual_seed(semilla)), llamada)
    exigir(isinstance(partes, (list, tuple)) and len(partes) == 2,
           f"{llamada} devolvió {type(partes).__name__}, y se esperaba una pareja (entrenamiento, validacion)")
    return (_ejemplos(partes[0], "conjunto de entrenamiento", llamada),
            _ejemplos(partes[1], "conjunto de validación", llamada))


def _tamanos_validos(n: int, fraccion: float) -> set[int]:
    """Los tamaños del conjunto de entrenamiento que se aceptan: redondear hacia abajo o hacia arriba, o lo que da
    random_split con las fracciones [fraccion, 1 - fraccion] (con 300 y 0.8, 241: 1 - 0.8 es algo menos que 0.2)."""
    partes = random_split(TensorDataset(minitorch.arange(n)), [fraccion, 1 - fraccion], generator=minitorch.Generator())
    return {math.floor(fraccion * n), math.ceil(fraccion * n), len(partes[0])}


def _exigir_particion(entrenamiento: list[int], validacion: list[int], n: int, fraccion: float) -> None:
    llamada = f"dividir(datos, {fraccion}, generador) con {n} ejemplos"
    comunes = set(entrenamiento) & set(validacion)
    exigir(not comunes, f"con {llamada}, entrenamiento y validación comparten {_ejemplos_en_texto(len(comunes))}: "
                        "un ejemplo de validación no puede haberse usado para entrenar")
    for nombre, parte in (("entrenamiento", entrenamiento), ("validación", validacion)):
        repetidos = len(parte) - len(set(parte))
        exigir(not repetidos, f"con {llamada}, el conjunto de {nombre} repite {_ejemplos_en_texto(repetidos)}: "
                              "cada ejemplo tiene que ir a una sola parte, una sola vez")
    total = len(entrenamiento) + len(validacion)
    exigir(total == n, f"con {llamada}, entre los dos conjuntos hay {_ejemplos_en_texto(total)} y datos tiene "
                       f"{n}: {'se pierden' if total < n else 'sobran'} ejemplos")
    validos = _tamanos_validos(n, fraccion)
    if len(entrenamiento) not in validos:
        al_reves = len(validacion) in validos
        raise RespuestaIncorrecta(
            f"con {llamada}, el conjunto de entrenamiento tiene {_ejemplos_en_texto(len(entrenamiento))} y se "
            f"esperaban {' o '.join(str(v) for v in sorted(validos))} (la fracción {fraccion} de {n})"
            + (": ¿están las dos partes al revés?" if al_reves else ""))
    for nombre, parte in (("entrenamiento", entrenamiento), ("validación", validacion)):
        for donde, bloque in (("primeros", range(len(parte))), ("últimos", range(n - len(parte), n))):
            exigir(set(parte) != set(bloque),
                   f"con {llamada}, el conjunto de {nombre} son los {len(parte)} {donde} ejemplos: el reparto tiene "
                   "que ser al azar (si los datos están ordenados, como las espirales, que empiezan con toda la "
                   "clase 0, la validación se quedaría con una sola clase)")


@ejercicio("Ejercicio 3 (entrenamiento y validación)")
@sin_mover_la_semilla
def dividir(funcion):
    exigir(callable(funcion), "se esperaba la función dividir(datos, fraccion, generador)")
    for n, fraccion in ((300, 0.8), (23, 0.75)):
        entrenamiento, validacion = _reparto(funcion, n, fraccion, semilla=0)
        _exigir_particion(entrenamiento, validacion, n, fraccion)
    # Con un generador con la misma semilla, el mismo reparto; con otra semilla, otro.
    exigir(_reparto(funcion, 23, 0.75, semilla=0) == (entrenamiento, validacion),
           "dos llamadas con generadores de la misma semilla dan repartos distintos: el reparto tiene que "
           "depender solo del generador que recibe dividir, para que se pueda repetir")
    exigir(_reparto(funcion, 23, 0.75, semilla=1) != (entrenamiento, validacion),
           "con generadores de semillas distintas sale el mismo reparto: ¿usas el generador que recibe dividir?")
    return ("Ningún ejemplo está en las dos partes, no falta ninguno, y con la misma semilla se repite el "
            "mismo reparto.")


# --- Ejercicio 4 ------------------------------------------------------------------------------------

def _evaluacion_de_referencia(modelo, funcion_perdida, X, y) -> float:
    modo = modelo.training
    modelo.eval()
    with minitorch.no_grad():
        valor = funcion_perdida(modelo(X), y).item()
    modelo.train(modo)
    return valor


def evaluacion_vigilada(funcion, argumentos: tuple, modelo, llamada: str, **opciones):
    """Llama a una función de evaluación del alumno (``funcion(*argumentos)``) con ``modelo`` en el modo en que
    esté, y exige lo que toda evaluación cumple: llama al modelo, en modo evaluación (Dropout apagado), sin
    grafo (``no_grad``), deja el registro del grafo encendido y el modelo en el modo en que estaba.

    Devuelve lo que devolvió la función y, por cada llamada al modelo, ``(registro_encendido, en_entrenamiento)``.
    La usan los ejercicios «evaluar» de los cuadernos 07 y 08; ``opciones`` va a ``llamar``."""
    modo = modelo.training
    vistos = []
    manejador = modelo.register_forward_hook(
        lambda modulo, entradas, salida: vistos.append((minitorch.is_grad_enabled(), modulo.training)))
    try:
        resultado = llamar(funcion, argumentos, llamada, **opciones)
    finally:
        manejador.remove()
        registro_apagado = not minitorch.is_grad_enabled()
        minitorch.set_grad_enabled(True)  # que un error del alumno no deje el cuaderno sin autograd
    exigir(vistos, f"{llamada} no llama al modelo")
    exigir(not registro_apagado,
           f"después de {llamada} el registro del grafo sigue apagado: usa with torch.no_grad(): para que "
           "se vuelva a encender al salir del bloque")
    exigir(not any(entrena for _, entrena in vistos),
           f"{llamada} calcula la salida en modo entrenamiento, y Dropout apaga elementos al azar: "
           "pon el modelo en modo evaluación antes de llamarlo")
    exigir(not any(con_grafo for con_grafo, _ in vistos),
           f"{llamada} construye el grafo computacional, que al evaluar no hace falta: calcula la "
           "salida dentro de torch.no_grad()")
    exigir(modelo.training == modo,
           f"después de {llamada} el modelo se queda en modo "
           f"{'entrenamiento' if modelo.training else 'evaluación'}: tiene que volver al modo en que "
           "estaba (guárdalo antes en modelo.training)")
    return resultado, vistos


@ejercicio("Ejercicio 4 (evaluar sin entrenar)")
@sin_mover_la_semilla
def evaluar(funcion):
    exigir(callable(funcion), "se esperaba la función evaluar(modelo, funcion_perdida, X, y)")
    generador = minitorch.Generator(61)
    modelo = nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 2))
    X = minitorch.randn(40, 3, generator=generador)
    y = minitorch.randint(0, 2, (40,), generator=generador)
    funcion_perdida = nn.CrossEntropyLoss()
    for modo in (True, False):
        modelo.train(modo)
        nombre_modo = "entrenamiento" if modo else "evaluación"
        llamada = f"evaluar(modelo, funcion_perdida, X, y) con el modelo en modo {nombre_modo}"
        esperado = _evaluacion_de_referencia(modelo, funcion_perdida, X, y)
        valor, _ = evaluacion_vigilada(funcion, (modelo, funcion_perdida, X, y), modelo, llamada, pista_extra=pista_super)
        exigir_igual(valor, esperado, nombre=f"lo que devuelve {llamada}")
    return "eval() apaga Dropout, no_grad() evita el grafo, y el modelo vuelve al modo en que estaba."


# --- Ejercicio 5 ------------------------------------------------------------------------------------

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
            raise RespuestaIncorrecta(
                f"{nombre} es la suma de las pérdidas de los lotes; se pide la media sobre todos los ejemplos")
    exigir_igual(media, ponderada, nombre=nombre, rtol=1e-4)


@ejercicio("Ejercicio 5 (una época por lotes)")
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


# --- Ejercicio 6 ------------------------------------------------------------------------------------

# Cada configuración prueba algo: varios pasos con el momento habitual; zero_grad(set_to_none=False), que deja
# el gradiente en la misma memoria paso tras paso; y dos grupos con tasas y momentos distintos.
CONFIGURACIONES_SGD = [
    dict(lr=0.1, momentum=0.9, pasos=4, set_to_none=True, grupos=None),
    dict(lr=0.05, momentum=0.5, pasos=3, set_to_none=False, grupos=None),
    dict(lr=0.1, momentum=0.8, pasos=3, set_to_none=True, grupos=({"lr": 0.3}, {"momentum": 0.5})),
]


def _modelo_sgd() -> tuple[nn.Module, nn.Parameter]:
    """Un modelo pequeño y un parámetro que nunca recibe gradiente (``p.grad`` se queda en ``None``)."""
    minitorch.manual_seed(70)
    return nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)), nn.Parameter(minitorch.randn(3))


def _grupos_sgd(modelo, sin_uso, grupos):
    """Los parámetros tal como los recibe el optimizador: una lista, o dos grupos (la primera capa y el resto)."""
    parametros = [*modelo.parameters(), sin_uso]
    if grupos is None:
        return parametros
    return [dict(grupos[0], params=parametros[:2]), dict(grupos[1], params=parametros[2:])]


def _texto_de_llamada(Clase, configuracion: dict, weight_decay: float) -> str:
    params = "params" if configuracion["grupos"] is None else "dos grupos de parámetros"
    extra = f", weight_decay={weight_decay}" if weight_decay else ""
    return f"{Clase.__name__}({params}, lr={configuracion['lr']}, momentum={configuracion['momentum']}{extra})"


def _velocidad(optimizador, p):
    """Lo que el optimizador guarda como velocidad de ``p`` (``None`` si no guarda nada)."""
    estado = getattr(optimizador, "state", {}).get(p)
    return estado.get("momentum_buffer") if isinstance(estado, dict) else None


def _pista_del_paso(error: Exception) -> str:
    if isinstance(error, (AttributeError, TypeError)) and "NoneType" in str(error):
        return ("Algún parámetro no tiene gradiente (su .grad es None): el optimizador no debe tocar esos "
                "parámetros")
    if isinstance(error, KeyError):
        return "¿Están todos los hiperparámetros en cada grupo de self.param_groups?"
    return ""


def _exigir_grupos(optimizador, referencia, llamada: str) -> None:
    exigir(hasattr(optimizador, "param_groups"),
           f"{llamada} no tiene param_groups: ¿se llama a super().__init__(params, defaults)? Es quien crea "
           "param_groups y state")
    exigir(len(optimizador.param_groups) == len(referencia.param_groups),
           f"{llamada} tiene {len(optimizador.param_groups)} grupos de parámetros y se esperaban "
           f"{len(referencia.param_groups)}")
    for g, (grupo, esperado) in enumerate(zip(optimizador.param_groups, referencia.param_groups)):
        for clave in ("lr", "momentum"):
            exigir(clave in grupo, f"el grupo {g} de {llamada} no tiene la clave {clave!r}: los hiperparámetros "
                                   "van en cada grupo, y los que el grupo no da se toman de defaults, el "
                                   "diccionario que recibe Optimizer.__init__")
            exigir_igual(grupo[clave], esperado[clave], nombre=f"param_groups[{g}][{clave!r}] de {llamada}")


def _diagnosticar_paso(paso: int, i: int, antes, despues, gradiente, decaimiento, velocidad_anterior,
                       referencia) -> str:
    """Por qué el parámetro ``i`` no vale lo esperado tras ``paso``: compara con los errores típicos.

    ``gradiente`` es el que usa la fórmula (con ``decaimiento``, ``weight_decay · p``, ya sumado).
    """
    lr, momento = _hiperparametro(referencia, i, "lr"), _hiperparametro(referencia, i, "momentum")
    movimiento = (antes - despues) / lr  # la velocidad que ha usado el alumno

    def velocidad(momento, gradiente=gradiente):
        return momento * velocidad_anterior + gradiente if paso > 1 else gradiente

    donde = f"tras el paso {paso} el parámetro {i} difiere de torch.optim.SGD"
    if parecidos(despues, antes):
        return (f"{donde}: no ha cambiado. El optimizador tiene que cambiar el propio tensor del parámetro "
                "(el modelo sigue mirando ese tensor), no crear uno nuevo")
    if parecidos(movimiento, -velocidad(momento)):
        return f"{donde}: se mueve a favor del gradiente, y la pérdida sube; el paso tiene que ir en contra"
    if decaimiento.any() and parecidos(movimiento, velocidad(momento, gradiente - decaimiento)):
        return (f"{donde}: se mueve como si no hubiera weight_decay; con decaimiento, la fórmula usa "
                "grad + weight_decay · p en lugar de grad")
    grupos = [referencia.defaults, *referencia.param_groups]
    # En el primer paso la velocidad es el gradiente, sea cual sea el momento: solo se puede notar la tasa.
    otros = {(g["lr"], g["momentum"] if paso > 1 else momento) for g in grupos} - {(lr, momento)}
    for otra_lr, otro_momento in sorted(otros):
        if parecidos(antes - despues, otra_lr * velocidad(otro_momento)):
            distintos = [(clave, otro, bueno) for clave, otro, bueno in
                         (("lr", otra_lr, lr), ("momentum", otro_momento, momento)) if otro != bueno]
            usados = " y ".join(f"{clave}={otro}" for clave, otro, _ in distintos)
            del_grupo = " y ".join(f"{clave}={bueno}" for clave, _, bueno in distintos)
            return (f"{donde}: se mueve con {usados}, pero su grupo tiene {del_grupo}: cada parámetro usa los "
                    "hiperparámetros de su grupo")
    if paso == 1:
        return (f"{donde}: el primer paso debería usar el gradiente tal cual (la velocidad empieza siendo el "
                "gradiente), pero no es eso lo que ha movido el parámetro")
    if parecidos(movimiento, gradiente):
        return (f"{donde}: se mueve como SGD sin momento, solo con el gradiente de este paso: ¿guardas el "
                "momento entre pasos?")
    if parecidos(movimiento, momento * velocidad_anterior + (1 - momento) * gradiente):
        return (f"{donde}: la velocidad es una media móvil, con (1 − momentum) · grad; en SGD, con dampening=0, "
                "el gradiente se suma entero")
    return (f"{donde}: la velocidad usada no es momentum · (velocidad anterior) + grad, con la velocidad "
            "anterior que guardaste en self.state[p]['momentum_buffer']")


def _exigir_tras_el_paso(optimizador, referencia, paso: int, i: int, p, q, antes, gradiente, velocidad_anterior,
                         weight_decay: float, llamada: str) -> None:
    """El parámetro ``p`` del alumno (el ``i``), tras ``paso``, frente al ``q`` de la referencia."""
    if gradiente is None:
        exigir(p.equal(antes), f"con {llamada}, el parámetro {i} no tiene gradiente (su .grad es None) y el paso "
                               f"{paso} lo ha cambiado: un optimizador se salta esos parámetros")
        exigir(not optimizador.state.get(p), f"con {llamada}, tras el paso {paso}, self.state guarda algo para "
                                             f"el parámetro {i}, que no tiene gradiente y no se mueve")
        return
    exigir(p.grad is not None and p.grad.equal(gradiente),
           f"con {llamada}, el paso {paso} ha cambiado p.grad del parámetro {i}: step() solo tiene que leer el "
           "gradiente")
    if not parecidos(p, q):
        decaimiento = weight_decay * antes
        anterior = velocidad_anterior if velocidad_anterior is not None else gradiente + decaimiento
        raise RespuestaIncorrecta(f"con {llamada}, " + _diagnosticar_paso(
            paso, i, antes, p.detach(), gradiente + decaimiento, decaimiento, anterior, referencia))
    velocidad = _velocidad(optimizador, p)
    exigir(isinstance(velocidad, minitorch.Tensor),
           f"con {llamada}, tras el paso {paso} no hay velocidad en self.state[p]['momentum_buffer'] para el "
           f"parámetro {i}: cada parámetro guarda allí la suya, con el propio parámetro como clave")
    exigir(not _comparten_memoria(velocidad, p.grad),
           f"con {llamada}, tras el paso {paso} la velocidad del parámetro {i} comparte memoria con su .grad: "
           "cuando zero_grad(set_to_none=False) ponga el gradiente a cero, o backward() le sume el siguiente, "
           "la velocidad cambiará con él")
    exigir(parecidos(velocidad, _velocidad(referencia, q)),
           f"con {llamada}, tras el paso {paso} el parámetro {i} está bien, pero la velocidad guardada en "
           "self.state[p]['momentum_buffer'] no es la que se ha usado en el paso")


def _comprobar_configuracion(Clase, configuracion: dict, weight_decay: float) -> None:
    """Unos pasos del optimizador del alumno y de torch.optim.SGD, con los mismos datos y los mismos pesos."""
    llamada = _texto_de_llamada(Clase, configuracion, weight_decay)
    hiperparametros = dict(lr=configuracion["lr"], momentum=configuracion["momentum"],
                           **({"weight_decay": weight_decay} if weight_decay else {}))
    modelo_ref, sin_uso_ref = _modelo_sgd()
    modelo, sin_uso = copy.deepcopy((modelo_ref, sin_uso_ref))
    referencia = minitorch.optim.SGD(_grupos_sgd(modelo_ref, sin_uso_ref, configuracion["grupos"]), **hiperparametros)
    optimizador = llamar(lambda: Clase(_grupos_sgd(modelo, sin_uso, configuracion["grupos"]), **hiperparametros),
                         (), llamada, nombre=Clase.__name__, pista_extra=pista_super)
    _exigir_grupos(optimizador, referencia, llamada)
    parametros, parametros_ref = [*modelo.parameters(), sin_uso], [*modelo_ref.parameters(), sin_uso_ref]
    generador = minitorch.Generator(71)
    for paso in range(1, configuracion["pasos"] + 1):
        xb, yb = minitorch.randn(6, 3, generator=generador), minitorch.randint(0, 2, (6,), generator=generador)
        for m in (modelo, modelo_ref):
            nn.functional.cross_entropy(m(xb), yb).backward()
        antes = [p.detach().clone() for p in parametros]
        gradientes = [p.grad.clone() if p.grad is not None else None for p in parametros]
        anteriores = [_velocidad(referencia, q) for q in parametros_ref]
        anteriores = [v.clone() if v is not None else None for v in anteriores]  # la referencia la cambia in situ
        llamar(optimizador.step, (), f"el paso {paso} de {llamada}.step()", nombre="step",
               pista_extra=_pista_del_paso)
        referencia.step()
        for i, (p, q) in enumerate(zip(parametros, parametros_ref)):
            _exigir_tras_el_paso(optimizador, referencia, paso, i, p, q, antes[i], gradientes[i], anteriores[i],
                                 weight_decay, llamada)
        set_to_none = configuracion["set_to_none"]
        for opt in (optimizador, referencia):
            opt.zero_grad(set_to_none=set_to_none)
        exigir(all(p.grad is None if set_to_none else (p.grad is None or not p.grad.any()) for p in parametros),
               f"con {llamada}, zero_grad(set_to_none={set_to_none}) no deja los gradientes en "
               f"{'None' if set_to_none else 'ceros'}: el zero_grad que se hereda de Optimizer ya lo hace, no hace "
               "falta redefinirlo")


def _hiperparametro(optimizador, i: int, clave: str) -> float:
    """El valor de ``clave`` en el grupo del parámetro ``i`` (numerados en orden, grupo tras grupo)."""
    for grupo in optimizador.param_groups:
        if i < len(grupo["params"]):
            return grupo[clave]
        i -= len(grupo["params"])
    raise IndexError(i)


@ejercicio("Ejercicio 6 (un optimizador propio: SGD con momento)")
@sin_mover_la_semilla
def sgd_con_momento(Clase):
    exigir(isinstance(Clase, type), f"se esperaba la clase SGDConMomento, y esto es {type(Clase).__name__}: "
                                    "pasa la clase, sin paréntesis, no un objeto creado con ella")
    exigir(issubclass(Clase, minitorch.optim.Optimizer),
           f"{Clase.__name__} no hereda de torch.optim.Optimizer: es la clase base que guarda param_groups y "
           "state, y da zero_grad")
    con_decaimiento = "weight_decay" in inspect.signature(Clase).parameters
    for configuracion in CONFIGURACIONES_SGD:
        _comprobar_configuracion(Clase, configuracion, weight_decay=0.0)
    if con_decaimiento:
        _comprobar_configuracion(Clase, CONFIGURACIONES_SGD[0], weight_decay=0.01)
    return ("Da los mismos pasos que torch.optim.SGD: la velocidad de cada parámetro vive en self.state[p], y "
            "los hiperparámetros, en cada grupo de self.param_groups"
            + (", también con weight_decay." if con_decaimiento else "."))
