"""Comprobadores de los ejercicios de 04_retropropagacion.ipynb.

Lo esperado se calcula con el autograd de minitorch sobre datos propios, sacados de un ``Generator`` (o un
``random.Random``) con semilla fija para no mover la semilla global del cuaderno; en el ejercicio 3, cuya red
elige el alumno, con diferencias finitas sobre su propia pérdida. Antes de la pista genérica («el elemento [1]
vale ...»), cada comprobador busca el error típico del ejercicio (un factor 2 olvidado, el signo cambiado, una
contribución al gradiente que se pierde...) y, si lo reconoce, lo dice.
"""

import math
import random

import minitorch

from ._comprobacion import (
    RespuestaIncorrecta, SinResolver, _numero, _tipo, ejercicio, exigir, exigir_funcion_igual, llamar, parecidos,
    sin_mover_la_semilla,
)

__all__ = ["gradiente_mse", "operaciones_valor", "mlp_valor"]


# --- El gradiente a mano ------------------------------------------------------------------------------------

def _gradiente_mse_con_autograd(X, w, y):
    with minitorch.enable_grad():  # el comprobador llama a la referencia dentro de no_grad()
        w = w.detach().clone().requires_grad_()
        ((X @ w - y) ** 2).mean().backward()
    return w.grad


def _casos_mse():
    generador = minitorch.Generator(40)
    casos = []
    for n, d in [(5, 3), (1, 4), (8, 1), (20, 6)]:
        casos.append((minitorch.randn(n, d, generator=generador), minitorch.randn(d, generator=generador),
                      minitorch.randn(n, generator=generador)))
    return casos


def _diagnostico_mse(funcion, X, w, y) -> str:
    """El error típico que explica la respuesta, si se reconoce; si no, el texto vacío."""
    try:
        with minitorch.no_grad():
            obtenido = funcion(X, w, y)
    except Exception:  # noqa: BLE001 (el fallo ya lo ha contado la pista principal)
        return ""
    if not isinstance(obtenido, minitorch.Tensor):
        return ""
    esperado = _gradiente_mse_con_autograd(X, w, y)
    n = X.shape[0]
    if tuple(obtenido.shape) == (n,) and n != w.shape[0]:
        return (". Tiene un valor por ejemplo, la forma de y: falta combinar el error de cada ejemplo con su "
                "fila de X para llegar a la forma de w")
    errores_tipicos = [
        (0.5, "es la mitad de lo esperado: ¿falta el 2 que baja al derivar el cuadrado?"),
        (n, f"es {n} veces lo esperado: ¿falta dividir entre n = {n}, por la media?"),
        (n / 2, f"es {n / 2:g} veces lo esperado: ¿faltan el 2 del cuadrado y dividir entre n = {n}?"),
        (-1, "tiene el signo cambiado: revisa el orden de la resta del error"),
    ]
    for factor, pista in errores_tipicos:
        if parecidos(obtenido, esperado * factor):
            return f". Con X de forma {tuple(X.shape)}, tu resultado {pista}"
    return ""


@ejercicio("Ejercicio 1 (el gradiente a mano)")
def gradiente_mse(funcion):
    casos = _casos_mse()
    try:
        # Dentro de no_grad(), un backward() del alumno falla: el ejercicio pide la fórmula a mano.
        with minitorch.no_grad():
            exigir_funcion_igual(funcion, _gradiente_mse_con_autograd, casos, nombre="gradiente_mse")
    except SinResolver:
        raise  # el esbozo sin escribir: ⏳, no ❌
    except RespuestaIncorrecta as fallo:
        if _usa_autograd(funcion, casos[0]):
            raise RespuestaIncorrecta(
                "gradiente_mse usa backward() (o autograd.grad): el ejercicio pide el gradiente a mano, "
                "con la regla de la cadena y operaciones de tensores") from None
        raise RespuestaIncorrecta(f"{fallo}{_diagnostico_mse(funcion, *casos[0])}") from None
    return "Es el gradiente de la regresión lineal: 2/n · Xᵀ(Xw − y), y autograd da lo mismo."


def _usa_autograd(funcion, caso) -> bool:
    """Con el registro del grafo encendido, ¿acierta? Entonces dentro de no_grad() falló por usar autograd."""
    try:
        obtenido = funcion(*caso)
    except Exception:  # noqa: BLE001
        return False
    return isinstance(obtenido, minitorch.Tensor) and parecidos(obtenido, _gradiente_mse_con_autograd(*caso))


# --- Ejercicio 2: más operaciones para Valor ------------------------------------------------------------
#
# Cada operación se escribe como una función de sus operandos (``lambda a, b: a - b``), que sirve igual para
# los Valor del alumno que para los tensores de minitorch: lo esperado lo calcula el autograd de minitorch
# sobre tensores float64 con la misma expresión.

_FACTOR_DE_SALIDA = 1.5  # L = (operación) · 1.5: así a la salida de la operación le llega un gradiente ≠ 1

# (texto, método de Valor, función, casos): cada caso da los números de los operandos que son Valor.
_OPERACIONES = [
    ("-a", "__neg__", lambda a: -a, [(0.8,), (-1.3,)]),
    ("a - b", "__sub__", lambda a, b: a - b, [(0.5, -1.2)]),
    ("a - 2.5", "__sub__", lambda a: a - 2.5, [(0.7,)]),
    ("a ** 2", "__pow__", lambda a: a ** 2, [(-0.6,)]),
    ("a ** 3", "__pow__", lambda a: a ** 3, [(-0.8,), (1.3,)]),
    ("a ** -1", "__pow__", lambda a: a ** -1, [(1.6,)]),
    ("a ** 0.5", "__pow__", lambda a: a ** 0.5, [(2.3,)]),
    ("a / b", "__truediv__", lambda a, b: a / b, [(0.9, -1.7)]),
    ("a / 4", "__truediv__", lambda a: a / 4, [(-1.4,)]),
    ("a.relu()", "relu", lambda a: a.relu(), [(1.2,), (-0.7,)]),
    ("a.log()", "log", lambda a: a.log(), [(0.6,), (2.5,)]),
]
_NOMBRES = "ab"


def _cerca(obtenido, esperado) -> bool:
    return isinstance(obtenido, (int, float)) and math.isclose(obtenido, esperado, rel_tol=1e-7, abs_tol=1e-9)


def _con(valores) -> str:
    """«con a = 0.5 y b = -1.2»."""
    partes = [f"{nombre} = {_numero(float(v))}" for nombre, v in zip(_NOMBRES, valores)]
    return "con " + " y ".join(partes)


def _tensores(valores):
    return [minitorch.tensor(v, dtype=minitorch.float64, requires_grad=True) for v in valores]


def _alcanzables(raiz) -> set:
    """Los id de los nodos a los que se llega desde raiz siguiendo _hijos (sin recursión)."""
    vistos, pendientes = {id(raiz)}, [raiz]
    while pendientes:
        for hijo in getattr(pendientes.pop(), "_hijos", ()) or ():
            if id(hijo) not in vistos:
                vistos.add(id(hijo))
                pendientes.append(hijo)
    return vistos


def _operacion_en_valor(Valor, texto, metodo, funcion, numeros, doble=False):
    """Calcula con Valor L = f(...) · 1.5 (o, con ``doble``, el mismo operando usado dos veces) y exige el
    valor y los gradientes que da minitorch; si algo falla, lanza RespuestaIncorrecta con la pista."""
    valores = [Valor(x) for x in numeros]
    tensores = _tensores(numeros)
    if doble:  # a - a, a / a…: el mismo nodo, por dos caminos; en las unarias, f(a) + a
        binaria = len(numeros) == 2
        expresion = (lambda a: funcion(a, a)) if binaria else (lambda a: funcion(a) + a)
        valores, tensores = valores[:1], tensores[:1]
        texto = texto.replace("b", "a") if binaria else f"{texto} + a"
        numeros = numeros[:1]
    else:
        expresion = funcion
    nombre_metodo = f"la operación {texto} (Valor.{metodo})"
    resultado = llamar(lambda: expresion(*valores), (), texto, nombre_metodo)
    exigir(isinstance(resultado, Valor),
           f"{texto} devolvió {_tipo(resultado)} y se esperaba un Valor (que recuerde de dónde sale)")
    esperado = expresion(*tensores)
    exigir(_cerca(resultado.dato, esperado.item()),
           f"{texto}, {_con(numeros)}, vale {_numero(resultado.dato)} y debería valer {_numero(esperado.item())}")
    alcanzables = _alcanzables(resultado)
    for nombre, valor in zip(_NOMBRES, valores):
        exigir(id(valor) in alcanzables,
               f"el resultado de {texto} no recuerda que sale de {nombre}: {nombre} no está entre sus _hijos (ni "
               "entre los de sus hijos), así que backward() no llegará a él cuando la operación forme parte de "
               "una expresión más grande")

    perdida = resultado * _FACTOR_DE_SALIDA
    llamar(perdida.backward, (), f"L.backward() con L = ({texto}) · {_FACTOR_DE_SALIDA}", nombre_metodo)
    (esperado * _FACTOR_DE_SALIDA).backward()
    for nombre, valor, tensor in zip(_NOMBRES, valores, tensores):
        gradiente = tensor.grad.item()
        if not _cerca(valor.grad, gradiente):
            raise RespuestaIncorrecta(_pista_de_gradiente(texto, metodo, nombre, numeros, valor.grad, gradiente, doble))


def _pista_de_gradiente(texto, metodo, nombre, numeros, obtenido, esperado, doble) -> str:
    contexto = f"en L = ({texto}) · {_FACTOR_DE_SALIDA}, {_con(numeros)}"
    if not isinstance(obtenido, (int, float)):
        return f"{contexto}, {nombre}.grad es {_tipo(obtenido)} y se esperaba un número"
    base = f"{contexto}, ∂L/∂{nombre} vale {_numero(obtenido)} y debería valer {_numero(esperado)}"
    a = numeros[0]
    if doble:
        return (f"{base}: {nombre} se usa dos veces, así que le llegan dos contribuciones, y una de ellas se ha "
                "perdido: la otra la ha pisado")
    if _cerca(obtenido * _FACTOR_DE_SALIDA, esperado) and esperado != 0:
        return (f"{base}, que es lo que saldría si a la salida de la operación le llegara un gradiente 1: el "
                f"_retroceso no tiene en cuenta el gradiente que le llega a la salida (aquí, {_FACTOR_DE_SALIDA})")
    if _cerca(-obtenido, esperado):
        return f"{base}: tiene el signo cambiado"
    if metodo == "__pow__":
        n = float(texto.split("**")[1])
        if _cerca(obtenido * n, esperado):
            return f"{base}: le falta el factor n = {n:g} de la derivada de aⁿ, n·aⁿ⁻¹"
        if _cerca(obtenido, esperado * a):
            return (f"{base}: es {_numero(a)} veces lo esperado, como si la derivada de aⁿ fuera n·aⁿ y no "
                    "n·aⁿ⁻¹")
    if metodo == "relu" and a < 0:
        return (f"{base}: con a negativo, a.relu() vale 0 y no cambia si a cambia un poco, así que no le pasa "
                "ningún gradiente")
    if metodo == "relu":
        return f"{base}: con a positivo, a.relu() es a, y su derivada es 1"
    return base


def _entre_parentesis(texto: str) -> str:
    return texto if len(texto) == 1 else f"({texto})"


def _expresion_al_azar(azar, profundidad):
    """Una expresión de x, y, z al azar: (texto, función de un diccionario {"x": ..., ...}).

    Lo que solo existe para números positivos (log, ** -1, ** 0.5, dividir) recibe e * e + 0.5, que además
    usa el mismo nodo dos veces.
    """
    if profundidad == 0 or azar.random() < 0.2:
        hoja = azar.choice("xyz")
        return hoja, lambda v: v[hoja]
    t1, f1 = _expresion_al_azar(azar, profundidad - 1)
    a = _entre_parentesis(t1)
    positivo = f"({a} * {a} + 0.5)"

    def cuadrado_mas(v):
        e = f1(v)
        return e * e + 0.5

    if azar.random() < 0.5:
        opciones = [
            (f"-{a}", lambda v: -f1(v)),
            (f"{a} ** 2", lambda v: f1(v) ** 2),
            (f"{a} ** 3", lambda v: f1(v) ** 3),
            (f"{a}.relu()", lambda v: f1(v).relu()),
            (f"{a}.tanh()", lambda v: f1(v).tanh()),
            (f"{a} - 1.5", lambda v: f1(v) - 1.5),
            (f"{a} / 3", lambda v: f1(v) / 3),
            (f"{positivo}.log()", lambda v: cuadrado_mas(v).log()),
            (f"{positivo} ** -1", lambda v: cuadrado_mas(v) ** -1),
            (f"{positivo} ** 0.5", lambda v: cuadrado_mas(v) ** 0.5),
        ]
        return azar.choice(opciones)
    t2, f2 = _expresion_al_azar(azar, profundidad - 1)
    while t2 == t1:  # x - x vale 0 justo, y relu no es derivable en 0
        t2, f2 = _expresion_al_azar(azar, profundidad - 1)
    b = _entre_parentesis(t2)
    opciones = [
        (f"{a} + {b}", lambda v: f1(v) + f2(v)),
        (f"{a} * {b}", lambda v: f1(v) * f2(v)),
        (f"{a} - {b}", lambda v: f1(v) - f2(v)),
        (f"{b} / {positivo}", lambda v: f2(v) / cuadrado_mas(v)),
    ]
    return azar.choice(opciones)


def _expresiones_al_azar(cuantas=25):
    azar = random.Random(44)
    casos = []
    for _ in range(cuantas):
        texto, funcion = _expresion_al_azar(azar, 3)
        while len(texto) == 1:  # una hoja sola no prueba ninguna operación
            texto, funcion = _expresion_al_azar(azar, 3)
        numeros = {hoja: round(azar.uniform(-1.5, 1.5), 2) for hoja in "xyz"}
        casos.append((texto, funcion, numeros))
    return casos


@ejercicio("Ejercicio 2 (más operaciones para Valor)")
def operaciones_valor(Valor):
    exigir(isinstance(Valor, type), f"se esperaba la clase Valor y llegó {_tipo(Valor)}")
    for texto, metodo, funcion, casos in _OPERACIONES:
        exigir(callable(getattr(Valor, metodo, None)),
               f"Valor no tiene el método {metodo}, que hace falta para {texto}")
        for numeros in casos:
            _operacion_en_valor(Valor, texto, metodo, funcion, numeros)
        _operacion_en_valor(Valor, texto, metodo, funcion, casos[0], doble=True)

    for texto, funcion, numeros in _expresiones_al_azar():
        valores = {hoja: Valor(x) for hoja, x in numeros.items()}
        tensores = dict(zip(numeros, _tensores(numeros.values())))
        resultado = llamar(funcion, (valores,), texto)
        esperado = funcion(tensores)
        con = "con " + ", ".join(f"{hoja} = {_numero(x)}" for hoja, x in numeros.items())
        exigir(isinstance(resultado, Valor) and _cerca(resultado.dato, esperado.item()),
               f"{texto}, {con}, vale {_numero(getattr(resultado, 'dato', resultado))} y debería valer "
               f"{_numero(esperado.item())}")
        llamar(resultado.backward, (), f"L.backward() con L = {texto}")
        esperado.backward()
        for hoja, valor in valores.items():
            gradiente = 0.0 if tensores[hoja].grad is None else tensores[hoja].grad.item()
            exigir(_cerca(valor.grad, gradiente),
                   f"en L = {texto}, {con}, ∂L/∂{hoja} vale {_numero(valor.grad)} y debería valer "
                   f"{_numero(gradiente)}")
    return (f"Cada operación da el valor y los gradientes del autograd de minitorch, también dentro de "
            f"{len(_expresiones_al_azar())} expresiones al azar.")


# --- Ejercicio 3: una red pequeña con Valor ------------------------------------------------------------
#
# La arquitectura es libre, así que no hay una red de referencia con la que comparar: los gradientes de
# backward() se comparan con diferencias finitas centradas sobre la propia función de pérdida del alumno
# (moviendo el dato de cada parámetro), y el entrenamiento, con pasos del descenso del gradiente calculados
# con esos gradientes ya comprobados.

_TASA = 0.1
_PASO_H = 1e-6


def _datos_mlp():
    """8 ejemplos ([x1, x2], y) con números de Python, sacados de un generador con semilla fija."""
    generador = minitorch.Generator(45)
    x = minitorch.rand(8, 2, dtype=minitorch.float64, generator=generador) * 2 - 1
    y = (x[:, 0] * 2).tanh() - x[:, 1] * 0.5
    return [(fila, objetivo) for fila, objetivo in zip(x.tolist(), y.tolist())]


def _parametros(modelo, Valor):
    parametros = llamar(modelo.parametros, (), "modelo.parametros()")
    exigir(isinstance(parametros, (list, tuple)),
           f"modelo.parametros() devolvió {_tipo(parametros)} y se esperaba una lista de Valor")
    exigir(len(parametros) > 0, "modelo.parametros() devolvió una lista vacía: la red no tiene nada que aprender")
    for i, p in enumerate(parametros):
        exigir(isinstance(p, Valor), f"el elemento {i} de modelo.parametros() es {_tipo(p)} y se esperaba un Valor")
    repetidos = len(parametros) - len({id(p) for p in parametros})
    cuantos = _cuantos(repetidos, "parámetro repetido", "parámetros repetidos")
    exigir(repetidos == 0,
           f"modelo.parametros() tiene {cuantos}: cada uno se actualizaría más de una vez en cada paso")
    otra_vez = llamar(modelo.parametros, (), "modelo.parametros()")
    exigir(len(otra_vez) == len(parametros) and all(p is q for p, q in zip(parametros, otra_vez)),
           "dos llamadas a modelo.parametros() devuelven Valor distintos: tienen que ser los del modelo, los "
           "que usa al calcular su salida")
    return list(parametros)


def _cuantos(n, singular, plural) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _gradientes(perdida, modelo, datos, parametros, Valor):
    """∂L/∂p de cada parámetro según backward(), con los .grad a cero antes. Devuelve (L, gradientes)."""
    for p in parametros:
        p.grad = 0.0
    L = llamar(perdida, (modelo, datos), "perdida(modelo, datos)")
    exigir(isinstance(L, Valor), f"perdida(modelo, datos) devolvió {_tipo(L)} y se esperaba un Valor")
    llamar(L.backward, (), "perdida(modelo, datos).backward()")
    gradientes = [p.grad for p in parametros]
    for i, g in enumerate(gradientes):
        exigir(isinstance(g, (int, float)) and not isinstance(g, bool),
               f"tras backward(), el .grad del parámetro {i} es {_tipo(g)} y se esperaba un número")
    for p in parametros:
        p.grad = 0.0
    return L.dato, gradientes


def _dato_de_la_perdida(perdida, modelo, datos) -> float:
    return llamar(perdida, (modelo, datos), "perdida(modelo, datos)").dato


def _poner(parametros, datos_de_parametros):
    for p, dato in zip(parametros, datos_de_parametros):
        p.dato, p.grad = dato, 0.0


def _exigir_pasos(parametros, antes, esperado, obtenido, que):
    """Tras entrenar, cada parámetro tiene que valer lo esperado; si no, la pista dice cómo se ha movido."""
    for i, (a, e, o) in enumerate(zip(antes, esperado, obtenido)):
        if math.isclose(o, e, rel_tol=1e-7, abs_tol=1e-9):
            continue
        donde = f"{que}, el parámetro {i} (de {len(parametros)}) pasa de {_numero(a)} a {_numero(o)}"
        exigir(not all(math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-15) for x, y in zip(antes, obtenido)),
               f"{que}, ningún parámetro cambia: entrenar tiene que modificar el dato de los parámetros de "
               "modelo.parametros()")
        exigir(not math.isclose(o - a, -(e - a), rel_tol=1e-6, abs_tol=1e-12),
               f"{donde}: se mueve en el sentido del gradiente, hacia donde la pérdida sube")
        raise RespuestaIncorrecta(f"{donde} y debería pasar a {_numero(e)}")


def _operacion_sin_escribir(Valor):
    """La primera operación del ejercicio 2 que todavía lanza NotImplementedError, o None."""
    for texto, _, funcion, casos in _OPERACIONES:
        try:
            funcion(*[Valor(x) for x in casos[0]])
        except NotImplementedError:
            return texto
        except Exception:  # noqa: BLE001 (sus errores los cuenta el ejercicio 2)
            pass
    return None


@ejercicio("Ejercicio 3 (una red neuronal con Valor)")
@sin_mover_la_semilla
def mlp_valor(MLP, perdida, entrenar, Valor):
    try:
        return _comprobar_mlp(MLP, perdida, entrenar, Valor)
    except SinResolver as pendiente:
        operacion = _operacion_sin_escribir(Valor)
        if operacion is None:
            raise
        raise SinResolver(f"{pendiente}. Además, el ejercicio 2 sigue sin terminar: la operación {operacion} "
                          "todavía no está escrita, y tu red puede necesitarla") from None


def _comprobar_mlp(MLP, perdida, entrenar, Valor):
    datos = _datos_mlp()
    modelo = llamar(MLP, (), "MLP()", "la clase MLP")
    parametros = _parametros(modelo, Valor)
    salida = llamar(modelo, (datos[0][0],), f"modelo({datos[0][0]!r})")
    exigir(isinstance(salida, Valor),
           f"la salida de la red, modelo([x1, x2]), es {_tipo(salida)} y se esperaba un Valor")

    # La pérdida: la media de los errores al cuadrado de las predicciones del propio modelo.
    L0, g0 = _gradientes(perdida, modelo, datos, parametros, Valor)
    errores = [(llamar(modelo, (x,), "modelo(x)").dato - y) ** 2 for x, y in datos]
    media = sum(errores) / len(errores)
    exigir(math.isclose(L0, media, rel_tol=1e-9, abs_tol=1e-12),
           f"perdida(modelo, datos) vale {_numero(L0)}, y la media de los errores al cuadrado de las "
           f"{len(datos)} predicciones del modelo es {_numero(media)}")

    # Los gradientes, contra diferencias finitas centradas sobre la misma pérdida.
    for i, (p, g) in enumerate(zip(parametros, g0)):
        dato = p.dato
        p.dato = dato + _PASO_H
        arriba = _dato_de_la_perdida(perdida, modelo, datos)
        p.dato = dato - _PASO_H
        abajo = _dato_de_la_perdida(perdida, modelo, datos)
        p.dato = dato
        numerico = (arriba - abajo) / (2 * _PASO_H)
        if math.isclose(g, numerico, rel_tol=1e-4, abs_tol=1e-6):
            continue
        donde = f"∂L/∂(parámetro {i}, de {len(parametros)}) vale {_numero(g)} según backward()"
        exigir(g != 0, f"{donde}, pero la pérdida sí cambia al mover ese parámetro ({_numero(numerico)} según "
                       "diferencias finitas): backward() no llega hasta él")
        raise RespuestaIncorrecta(f"{donde} y {_numero(numerico)} según diferencias finitas")

    # Entrenar: un paso, dos pasos (¿se borran los gradientes?) y muchos (¿baja la pérdida?).
    p0 = [p.dato for p in parametros]
    p1 = [dato - _TASA * g for dato, g in zip(p0, g0)]
    _poner(parametros, p0)
    llamar(entrenar, (modelo, datos, 1, _TASA), f"entrenar(modelo, datos, 1, {_TASA})")
    _exigir_pasos(parametros, p0, p1, [p.dato for p in parametros], f"con entrenar(modelo, datos, 1, {_TASA})")

    _poner(parametros, p1)
    _, g1 = _gradientes(perdida, modelo, datos, parametros, Valor)
    p2 = [dato - _TASA * g for dato, g in zip(p1, g1)]
    _poner(parametros, p0)
    llamar(entrenar, (modelo, datos, 2, _TASA), f"entrenar(modelo, datos, 2, {_TASA})")
    obtenido = [p.dato for p in parametros]
    acumulado = [dato - _TASA * (a + b) for dato, a, b in zip(p1, g0, g1)]
    exigir(not all(math.isclose(o, a, rel_tol=1e-7, abs_tol=1e-9) for o, a in zip(obtenido, acumulado)),
           "en el segundo paso de entrenar(modelo, datos, 2, ...), el gradiente de cada parámetro es la suma de "
           "los de los dos pasos: los gradientes del primer paso siguen en .grad cuando se calcula el segundo")
    _exigir_pasos(parametros, p1, p2, obtenido, f"en el segundo paso de entrenar(modelo, datos, 2, {_TASA})")

    pasos = 20
    _poner(parametros, p0)
    historia = llamar(entrenar, (modelo, datos, pasos, _TASA), f"entrenar(modelo, datos, {pasos}, {_TASA})")
    exigir(isinstance(historia, (list, tuple)) and len(historia) == pasos,
           f"entrenar(modelo, datos, {pasos}, {_TASA}) tiene que devolver una lista con la pérdida de cada "
           f"paso ({pasos} números), y devolvió {_describir_historia(historia)}")
    intrusos = [x for x in historia if not isinstance(x, (int, float)) or isinstance(x, bool)]
    exigir(not intrusos, "la lista que devuelve entrenar tiene que ser de números (el dato de cada pérdida), "
                         f"y tiene elementos de tipo {_tipo(intrusos[0]) if intrusos else ''}")
    exigir(math.isclose(historia[0], L0, rel_tol=1e-9, abs_tol=1e-12),
           f"la primera pérdida de la lista vale {_numero(historia[0])} y la pérdida antes de entrenar es "
           f"{_numero(L0)}: cada número tiene que ser la pérdida de su paso, antes de mover los parámetros")
    exigir(historia[-1] < historia[0],
           f"en {pasos} pasos con tasa {_TASA}, la pérdida no baja: pasa de {_numero(historia[0])} a "
           f"{_numero(historia[-1])}")
    return (f"Los gradientes de tus {len(parametros)} parámetros coinciden con las diferencias finitas, y en "
            f"{pasos} pasos la pérdida baja de {historia[0]:.3g} a {historia[-1]:.3g}.")


def _describir_historia(historia) -> str:
    if isinstance(historia, (list, tuple)):
        return f"una lista de {_cuantos(len(historia), 'elemento', 'elementos')}"
    return _tipo(historia)
