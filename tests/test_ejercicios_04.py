"""Los comprobadores de 04_retropropagacion: aceptan las soluciones correctas y reconocen los errores típicos.

Cada respuesta equivocada es la que escribiría un alumno (un factor olvidado, el signo cambiado, un gradiente
que se sobrescribe en vez de sumarse, los gradientes que se acumulan de un paso a otro...), y la prueba exige
la pista concreta, no solo el ❌.
"""

import math
import random

import pytest

import minitorch as torch
from minitorch.ejercicios import retropropagacion as comprobar
from ayudas_ejercicios import acierta, falla_con, sin_resolver


def _falla_con(comprobador, *args_y_fragmentos):
    """Aquí la lista de fragmentos de la pista va detrás de los argumentos."""
    *args, fragmentos = args_y_fragmentos
    return falla_con(comprobador, *args, pistas=fragmentos)


# --- Ejercicio 1: el gradiente a mano ------------------------------------------------------------

def test_gradiente_mse_acepta_la_formula():
    acierta(comprobar.gradiente_mse, lambda X, w, y: 2 * X.t() @ (X @ w - y) / X.shape[0])
    acierta(comprobar.gradiente_mse, lambda X, w, y: ((X @ w - y).unsqueeze(1) * X).mean(dim=0) * 2)


@pytest.mark.parametrize("respuesta, pista", [
    (lambda X, w, y: X.t() @ (X @ w - y) / X.shape[0], "la mitad"),
    (lambda X, w, y: 2 * X.t() @ (X @ w - y), "5 veces lo esperado"),
    (lambda X, w, y: X.t() @ (X @ w - y), "2.5 veces"),
    (lambda X, w, y: 2 * X.t() @ (y - X @ w) / X.shape[0], "signo cambiado"),
    (lambda X, w, y: 2 * (X @ w - y) / X.shape[0], "la forma de y"),
    (lambda X, w, y: 2 * X.t() @ (X @ w - y) / X.shape[1], "tiene la forma y el dtype correctos"),
])
def test_gradiente_mse_reconoce_los_errores_tipicos(respuesta, pista):
    _falla_con(comprobar.gradiente_mse, respuesta, [pista])


def test_gradiente_mse_pide_la_formula_a_mano():
    def con_autograd(X, w, y):
        w = w.clone().requires_grad_()
        ((X @ w - y) ** 2).mean().backward()
        return w.grad

    _falla_con(comprobar.gradiente_mse, con_autograd, ["usa backward()", "a mano"])
    assert torch.is_grad_enabled()


def test_gradiente_mse_sin_escribir_y_sin_devolver():
    def sin_escribir(X, w, y):
        raise NotImplementedError

    sin_resolver(comprobar.gradiente_mse, sin_escribir)
    sin_resolver(comprobar.gradiente_mse, ...)
    _falla_con(comprobar.gradiente_mse, lambda X, w, y: None, ["None"])


# --- El Valor del cuaderno, con las operaciones del ejercicio 2 (o con las que se le cambien) ----------

def _clase_valor():
    """Una clase Valor nueva, como la del cuaderno (cada prueba añade sus operaciones sin tocar las de otra)."""

    class Valor:
        def __init__(self, dato, hijos=(), op="", etiqueta=""):
            self.dato = float(dato)
            self.grad = 0.0
            self._hijos = tuple(hijos)
            self._op = op
            self.etiqueta = etiqueta
            self._retroceso = lambda: None

        def _nuevo(self, dato, hijos, op, derivadas):
            """Un resultado cuyo _retroceso suma a cada hijo su derivada local por el gradiente de la salida."""
            salida = Valor(dato, hijos, op)

            def _retroceso():
                for hijo, derivada in zip(hijos, derivadas):
                    hijo.grad += derivada * salida.grad

            salida._retroceso = _retroceso
            return salida

        def __add__(self, otro):
            otro = otro if isinstance(otro, Valor) else Valor(otro)
            return self._nuevo(self.dato + otro.dato, (self, otro), "+", (1.0, 1.0))

        def __mul__(self, otro):
            otro = otro if isinstance(otro, Valor) else Valor(otro)
            return self._nuevo(self.dato * otro.dato, (self, otro), "*", (otro.dato, self.dato))

        __radd__ = __add__
        __rmul__ = __mul__

        def tanh(self):
            t = math.tanh(self.dato)
            return self._nuevo(t, (self,), "tanh", (1 - t**2,))

        def exp(self):
            e = math.exp(self.dato)
            return self._nuevo(e, (self,), "exp", (e,))

        def backward(self):
            orden, vistos = [], set()

            def visitar(nodo):
                if nodo not in vistos:
                    vistos.add(nodo)
                    for hijo in nodo._hijos:
                        visitar(hijo)
                    orden.append(nodo)

            visitar(self)
            self.grad = 1.0
            for nodo in reversed(orden):
                nodo._retroceso()

    return Valor


def _con_retroceso(op, derivadas):
    """Una operación unaria con su propio _retroceso: derivadas(self, dato_de_la_salida) -> derivada local."""

    def operacion(self, *resto):
        Valor = type(self)
        dato = op(self.dato, *resto)
        salida = Valor(dato, (self,), "f")

        def _retroceso():
            self.grad += derivadas(self.dato, *resto) * salida.grad

        salida._retroceso = _retroceso
        return salida

    return operacion


SOLUCION = {
    "__neg__": lambda self: self * -1,
    "__sub__": lambda self, otro: self + (-otro),
    "__pow__": _con_retroceso(lambda x, n: x**n, lambda x, n: n * x ** (n - 1)),
    "__truediv__": lambda self, otro: self * otro**-1,
    "relu": _con_retroceso(lambda x: max(x, 0.0), lambda x: float(x > 0)),
    "log": _con_retroceso(math.log, lambda x: 1 / x),
}


def _valor_con(**cambios):
    Valor = _clase_valor()
    for metodo, funcion in {**SOLUCION, **cambios}.items():
        if funcion is not None:
            setattr(Valor, metodo, funcion)
    return Valor


def _resta_propia(signo_de_b):
    def resta(self, otro):
        Valor = type(self)
        otro = otro if isinstance(otro, Valor) else Valor(otro)
        salida = Valor(self.dato - otro.dato, (self, otro), "-")

        def _retroceso():
            self.grad += salida.grad
            otro.grad += signo_de_b * salida.grad

        salida._retroceso = _retroceso
        return salida

    return resta


def _division_propia(self, otro):
    Valor = type(self)
    otro = otro if isinstance(otro, Valor) else Valor(otro)
    salida = Valor(self.dato / otro.dato, (self, otro), "/")

    def _retroceso():
        self.grad += salida.grad / otro.dato
        otro.grad += -self.dato / otro.dato**2 * salida.grad

    salida._retroceso = _retroceso
    return salida


def _relu_que_sobrescribe(self):
    Valor = type(self)
    salida = Valor(max(self.dato, 0.0), (self,), "relu")

    def _retroceso():
        self.grad = (self.dato > 0) * salida.grad  # sobrescribe lo que ya le hubiera llegado

    salida._retroceso = _retroceso
    return salida


def _relu_sin_hijos(self):
    Valor = type(self)
    salida = Valor(max(self.dato, 0.0))

    def _retroceso():
        self.grad += (self.dato > 0) * salida.grad

    salida._retroceso = _retroceso
    return salida


# --- Ejercicio 2: más operaciones para Valor ----------------------------------------------------------

def test_operaciones_valor_acepta_la_solucion_y_otras_correctas():
    acierta(comprobar.operaciones_valor, _valor_con())
    acierta(comprobar.operaciones_valor, _valor_con(
        __neg__=_con_retroceso(lambda x: -x, lambda x: -1.0),
        __sub__=_resta_propia(-1.0),
        __truediv__=_division_propia,
        relu=_con_retroceso(lambda x: x if x >= 0 else 0.0, lambda x: 1.0 if x >= 0 else 0.0),
        log=_con_retroceso(math.log, lambda x: x**-1),
    ))


@pytest.mark.parametrize("cambios, fragmentos", [
    ({"__pow__": _con_retroceso(lambda x, n: x**n, lambda x, n: x ** (n - 1))},
     ["a ** 2", "∂L/∂a vale", "le falta el factor n = 2"]),
    ({"__pow__": _con_retroceso(lambda x, n: x**n, lambda x, n: n * x**n)},
     ["a ** 2", "como si la derivada de aⁿ fuera n·aⁿ"]),
    ({"relu": _con_retroceso(lambda x: max(x, 0.0), lambda x: 1.0)},
     ["a.relu()", "con a = -0.7", "con a negativo", "no le pasa ningún gradiente"]),
    ({"relu": _con_retroceso(lambda x: max(x, 0.0), lambda x: 0.0)},
     ["a.relu()", "con a = 1.2", "con a positivo"]),
    ({"relu": _relu_que_sobrescribe}, ["a.relu() + a", "se usa dos veces", "la otra la ha pisado"]),
    ({"__sub__": _resta_propia(1.0)}, ["a - b", "∂L/∂b", "signo cambiado"]),
    ({"__sub__": _resta_propia(-1.0), "__truediv__": _division_propia}, None),
    ({"log": _con_retroceso(math.log, lambda x: 1 / x / 1.5)}, ["a.log()", "gradiente que le llega a la salida"]),
    ({"relu": _relu_sin_hijos}, ["a.relu()", "no recuerda que sale de a", "_hijos"]),
    ({"__neg__": lambda self: -self.dato}, ["-a devolvió float", "se esperaba un Valor"]),
    ({"log": _con_retroceso(math.log10, lambda x: 1 / x)}, ["a.log(), con a = 0.6, vale", "y debería valer"]),
    ({"relu": None}, ["Valor no tiene el método relu"]),
])
def test_operaciones_valor_reconoce_los_errores_tipicos(cambios, fragmentos):
    if fragmentos is None:  # una resta y una división propias, correctas: no es un error
        acierta(comprobar.operaciones_valor, _valor_con(**cambios))
        return
    _falla_con(comprobar.operaciones_valor, _valor_con(**cambios), fragmentos)


def test_operaciones_valor_con_una_division_que_olvida_un_camino():
    def division(self, otro):  # a / a: el gradiente de a como numerador pisa el de a como denominador
        Valor = type(self)
        otro = otro if isinstance(otro, Valor) else Valor(otro)
        salida = Valor(self.dato / otro.dato, (self, otro), "/")

        def _retroceso():
            self.grad += salida.grad / otro.dato
            otro.grad = -self.dato / otro.dato**2 * salida.grad

        salida._retroceso = _retroceso
        return salida

    _falla_con(comprobar.operaciones_valor, _valor_con(__truediv__=division), ["a / a", "se usa dos veces"])


def test_operaciones_valor_sin_resolver():
    def sin_escribir(self, *otros):
        raise NotImplementedError

    sin_resolver(comprobar.operaciones_valor, _valor_con(relu=sin_escribir))
    sin_resolver(comprobar.operaciones_valor, _valor_con(**{metodo: sin_escribir for metodo in SOLUCION}))
    sin_resolver(comprobar.operaciones_valor, ...)


def test_expresiones_al_azar_deterministas_y_sin_relu_en_cero():
    """Las expresiones salen siempre iguales y ninguna pide la derivada de relu justo en 0 (no la tiene)."""
    assert [t for t, _, _ in comprobar._expresiones_al_azar()] == [t for t, _, _ in comprobar._expresiones_al_azar()]
    Valor = _valor_con()
    argumentos = []
    relu = Valor.relu

    def relu_que_anota(self):
        argumentos.append(self.dato)
        return relu(self)

    Valor.relu = relu_que_anota
    for _, funcion, numeros in comprobar._expresiones_al_azar():
        funcion({hoja: Valor(x) for hoja, x in numeros.items()})
    assert argumentos and min(abs(x) for x in argumentos) > 1e-3


# --- Ejercicio 3: una red pequeña con Valor ------------------------------------------------------------

def _red(Valor, capas=(2, 4, 1), semilla=0, sesgo_suelto=False):
    """La clase de una red densa con tanh en las capas ocultas, como la escribiría un alumno.

    Con ``sesgo_suelto``, la última capa suma el dato de su sesgo, un número, y el grafo no pasa por él.
    """

    class MLP:
        def __init__(self):
            azar = random.Random(semilla)
            self.capas = [[([Valor(azar.uniform(-1, 1)) for _ in range(entradas)], Valor(0.0))
                           for _ in range(salidas)] for entradas, salidas in zip(capas, capas[1:])]

        def __call__(self, x):
            for numero, capa in enumerate(self.capas):
                ultima = numero == len(self.capas) - 1
                x = [sum((w * xi for w, xi in zip(pesos, x)), sesgo.dato if sesgo_suelto and ultima else sesgo)
                     for pesos, sesgo in capa]
                if numero < len(self.capas) - 1:
                    x = [v.tanh() for v in x]
            return x[0]

        def parametros(self):
            return [p for capa in self.capas for pesos, sesgo in capa for p in [*pesos, sesgo]]

    return MLP


def _perdida(modelo, datos):
    return sum((modelo(x) - y) ** 2 for x, y in datos) / len(datos)


def _entrenar(modelo, datos, pasos, tasa, borrar=True, signo=-1, anotar_despues=False):
    historia = []
    for _ in range(pasos):
        L = _perdida(modelo, datos)
        if borrar:
            for p in modelo.parametros():
                p.grad = 0.0
        L.backward()
        for p in modelo.parametros():
            p.dato += signo * tasa * p.grad
        historia.append(_perdida(modelo, datos).dato if anotar_despues else L.dato)
    return historia


def _entrenar_borrando_despues(modelo, datos, pasos, tasa):
    historia = []
    for _ in range(pasos):
        L = _perdida(modelo, datos)
        L.backward()
        for p in modelo.parametros():
            p.dato -= tasa * p.grad
            p.grad = 0.0
        historia.append(L.dato)
    return historia


def test_mlp_valor_acepta_la_solucion_y_otras_arquitecturas():
    Valor = _valor_con()
    acierta(comprobar.mlp_valor, _red(Valor), _perdida, _entrenar, Valor)
    acierta(comprobar.mlp_valor, _red(Valor, (2, 3, 3, 1), semilla=5), _perdida, _entrenar_borrando_despues, Valor)
    assert torch.is_grad_enabled()


def test_mlp_valor_no_mueve_la_semilla():
    Valor = _valor_con()

    class ConSemilla(_red(Valor)):
        def __init__(self):
            super().__init__()
            torch.randn(3)  # un alumno que saca números de minitorch

    torch.manual_seed(0)
    esperado = torch.rand(2)
    torch.manual_seed(0)
    comprobar.mlp_valor.evaluar(ConSemilla, _perdida, _entrenar, Valor)
    assert torch.rand(2).equal(esperado)


def test_mlp_valor_reconoce_los_errores_del_entrenamiento():
    Valor = _valor_con()
    MLP = _red(Valor)
    _falla_con(comprobar.mlp_valor, MLP, _perdida,
               lambda m, d, pasos, tasa: _entrenar(m, d, pasos, tasa, borrar=False), Valor,
               ["segundo paso", "siguen en .grad"])
    _falla_con(comprobar.mlp_valor, MLP, _perdida,
               lambda m, d, pasos, tasa: _entrenar(m, d, pasos, tasa, signo=1), Valor,
               ["en el sentido del gradiente", "sube"])
    _falla_con(comprobar.mlp_valor, MLP, _perdida,
               lambda m, d, pasos, tasa: _entrenar(m, d, pasos, tasa, anotar_despues=True), Valor,
               ["la primera pérdida de la lista"])
    _falla_con(comprobar.mlp_valor, MLP, _perdida,
               lambda m, d, pasos, tasa: _entrenar(m, d, pasos, tasa) and None, Valor,
               ["devolvió NoneType"])

    def sin_cambiar_nada(modelo, datos, pasos, tasa):
        historia = []
        for _ in range(pasos):
            L = _perdida(modelo, datos)
            L.backward()
            for p in modelo.parametros():
                p = p - tasa * p.grad  # un Valor nuevo: el del modelo no cambia
            historia.append(L.dato)
        return historia

    _falla_con(comprobar.mlp_valor, MLP, _perdida, sin_cambiar_nada, Valor, ["ningún parámetro cambia"])


def test_mlp_valor_reconoce_los_errores_de_la_red_y_la_perdida():
    Valor = _valor_con()
    MLP = _red(Valor)
    _falla_con(comprobar.mlp_valor, MLP, lambda m, d: sum((m(x) - y) ** 2 for x, y in d), _entrenar, Valor,
               ["perdida(modelo, datos) vale", "la media de los errores al cuadrado"])

    _falla_con(comprobar.mlp_valor, _red(Valor, sesgo_suelto=True), _perdida, _entrenar, Valor,
               ["∂L/∂(parámetro 16, de 17) vale 0.0 según backward()", "backward() no llega hasta él"])

    class ParametrosNuevos(MLP):
        def parametros(self):
            return [Valor(p.dato) for p in super().parametros()]

    _falla_con(comprobar.mlp_valor, ParametrosNuevos, _perdida, _entrenar, Valor, ["devuelven Valor distintos"])

    class SinParametros(MLP):
        def parametros(self):
            return []

    _falla_con(comprobar.mlp_valor, SinParametros, _perdida, _entrenar, Valor, ["lista vacía"])

    ConPotenciaMal = _valor_con(__pow__=_con_retroceso(lambda x, n: x**n, lambda x, n: x ** (n - 1)))
    _falla_con(comprobar.mlp_valor, _red(ConPotenciaMal), _perdida, _entrenar, ConPotenciaMal,
               ["según backward()", "según diferencias finitas"])


def test_mlp_valor_sin_resolver():
    Valor = _valor_con()

    class SinEscribir:
        def __init__(self):
            raise NotImplementedError

    sin_resolver(comprobar.mlp_valor, SinEscribir, _perdida, _entrenar, Valor)

    def perdida_sin_escribir(modelo, datos):
        raise NotImplementedError

    sin_resolver(comprobar.mlp_valor, _red(Valor), perdida_sin_escribir, _entrenar, Valor)
    sin_resolver(comprobar.mlp_valor, _red(Valor), _perdida, ..., Valor)

    def resta_sin_escribir(self, otro):
        raise NotImplementedError

    SinResta = _valor_con(__sub__=resta_sin_escribir)  # el ejercicio 3 hecho, pero no el 2
    correcto, mensaje = comprobar.mlp_valor.evaluar(_red(SinResta), _perdida, _entrenar, SinResta)
    assert mensaje.startswith("⏳ "), mensaje
    assert "el ejercicio 2 sigue sin terminar: la operación a - b todavía no está escrita" in mensaje, mensaje
