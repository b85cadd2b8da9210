"""Comprobadores de los ejercicios de 06_nn_module.ipynb.

Lo esperado sale de minitorch: una ``nn.Sequential`` de referencia, ``state_dict()`` del modelo del enunciado,
las formas que da cada capa al aplicarla. Los módulos de prueba se crean sin mover la semilla global del
cuaderno (``sin_mover_la_semilla``), y las pistas nombran el mecanismo de ``nn.Module`` que falla (el registro
en ``__setattr__``, ``super().__init__()``, el orden de ``state_dict``, los manejadores de los ganchos).
"""

from __future__ import annotations

import minitorch
from minitorch import nn

from ._comprobacion import (
    RespuestaIncorrecta, ejercicio, exigir, exigir_igual, exigir_tensor_igual, llamar, sin_mover_la_semilla,
)

__all__ = ["red_secuencial", "mi_lineal", "claves_state_dict", "anotar_formas"]


def _cuantos(numero: int, singular: str, plural: str) -> str:
    """«1 capa», «2 capas»: el número con el sustantivo concordado."""
    return f"{numero} {singular if numero == 1 else plural}"


def pista_super(error: Exception) -> str:
    """El olvido típico al heredar de ``nn.Module``: no llamar a ``super().__init__()``."""
    if isinstance(error, AttributeError) and "__init__" in str(error):
        return ("¿Se llama a super().__init__() antes de asignar nada? Es quien crea los diccionarios donde "
                "se registran parámetros y submódulos")
    return ""


# --- Ejercicio 1 ------------------------------------------------------------------------------------

def _red_de_referencia() -> nn.Sequential:
    return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))


@ejercicio("Ejercicio 1 (una red con Sequential)")
@sin_mover_la_semilla
def red_secuencial(red):
    exigir(isinstance(red, nn.Module), f"red es de tipo {type(red).__name__} y se esperaba un módulo")
    exigir(isinstance(red, nn.Sequential), f"red es un {type(red).__name__} y se pedía una nn.Sequential")
    esperada = _red_de_referencia()
    exigir(len(red) == len(esperada), f"red tiene {_cuantos(len(red), 'capa', 'capas')} y se esperaban "
                                      f"{len(esperada)} (cada Linear y cada ReLU cuentan como una)")
    for posicion, (capa, referencia) in enumerate(zip(red, esperada)):
        exigir(type(capa) is type(referencia),
               f"la capa {posicion} es {capa!r} y se esperaba un {type(referencia).__name__}")
        exigir(repr(capa) == repr(referencia), f"la capa {posicion} es {capa!r} y se esperaba {referencia!r}")
    x = minitorch.randn(2, 4, generator=minitorch.Generator().manual_seed(51))
    salida = llamar(red, (x,), "red(x)", pista_extra=pista_super)
    exigir_igual(tuple(salida.shape), (2, 3), nombre="la forma de red(x) con x de forma (2, 4)")
    cuenta = sum(p.numel() for p in red.parameters())
    return f"Tiene {cuenta} parámetros: (4·16 + 16) + (16·16 + 16) + (16·3 + 3)."


# --- Ejercicio 2 ------------------------------------------------------------------------------------

@ejercicio("Ejercicio 2 (una capa lineal propia)")
@sin_mover_la_semilla
def mi_lineal(clase):
    exigir(isinstance(clase, type), f"se esperaba una clase y {clase!r} no lo es")
    exigir(issubclass(clase, nn.Module), "MiLineal no hereda de nn.Module")
    exigir(clase.forward is not nn.Module.forward,
           "MiLineal no define forward: llamar a una de sus capas fallaría con NotImplementedError")
    generador = minitorch.Generator().manual_seed(50)
    for entradas, salidas in [(3, 2), (5, 4), (1, 1)]:
        llamada = f"MiLineal({entradas}, {salidas})"
        capa = llamar(clase, (entradas, salidas), llamada, nombre="MiLineal.__init__", pista_extra=pista_super)
        nombres = [nombre for nombre, _ in capa.named_parameters()]
        exigir(nombres, f"{llamada} no tiene parámetros: un tensor corriente asignado como atributo no se "
                        "registra como parámetro, aunque pida gradiente")
        exigir(sorted(nombres) == ["bias", "weight"],
               f"los parámetros de {llamada} se llaman {nombres} y se esperaban weight y bias")
        exigir_igual(tuple(capa.weight.shape), (salidas, entradas), nombre=f"la forma de {llamada}.weight")
        exigir_igual(tuple(capa.bias.shape), (salidas,), nombre=f"la forma de {llamada}.bias")
        exigir(all(p.requires_grad for p in capa.parameters()),
               f"algún parámetro de {llamada} no requiere gradiente, y el entrenamiento no podría cambiarlo")

        x = minitorch.randn(6, entradas, generator=generador)
        y = llamar(capa, (x,), f"{llamada}(x)", nombre="MiLineal.forward", pista_extra=pista_super)
        esperado = x @ capa.weight.detach().t() + capa.bias.detach()
        exigir_tensor_igual(y, esperado, nombre=f"{llamada}(x)")
        exigir(y.grad_fn is not None,
               f"la salida de {llamada}(x) no está en el grafo computacional: ¿usas los parámetros en forward?")
    cuenta = sum(p.numel() for p in clase(3, 2).parameters())
    return f"MiLineal(3, 2) tiene {cuenta} parámetros, 3 · 2 pesos y 2 sesgos, como nn.Linear(3, 2)."


# --- Ejercicio 3 ------------------------------------------------------------------------------------

@ejercicio("Ejercicio 3 (las claves de state_dict)")
@sin_mover_la_semilla
def claves_state_dict(respuesta, modelo):
    exigir(isinstance(respuesta, (list, tuple)) and all(isinstance(c, str) for c in respuesta),
           "se esperaba una lista de cadenas, como ['capa.weight', 'capa.bias']")
    esperadas = list(modelo.state_dict().keys())
    sobran = [c for c in respuesta if c not in esperadas]
    faltan = [c for c in esperadas if c not in respuesta]
    if sobran:
        raise RespuestaIncorrecta(
            f"{sobran[0]!r} no es una clave de state_dict: solo se guardan los parámetros y los buffers "
            "registrados, con el nombre de cada submódulo delante y separado por puntos")
    exigir(len(set(respuesta)) == len(respuesta), "tu lista repite alguna clave")
    if faltan:
        falta = "te falta 1 clave, que" if len(faltan) == 1 else f"te faltan {len(faltan)} claves; una de ellas"
        raise RespuestaIncorrecta(f"{falta} guarda un tensor de forma {tuple(modelo.state_dict()[faltan[0]].shape)}")
    exigir(list(respuesta) == esperadas,
           "tienes las claves correctas, pero en otro orden: cada módulo pone primero sus propios parámetros "
           "y buffers, y después los de sus hijos, en el orden en que se registraron")
    return f"Son {len(esperadas)} tensores; el atributo que era un tensor corriente no se guarda."


# --- Ejercicio 4 ------------------------------------------------------------------------------------

def _casos_formas():
    generador = minitorch.Generator().manual_seed(52)
    return [
        (nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 2)), minitorch.randn(4, 3, generator=generador)),
        (nn.Sequential(nn.Flatten(), nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 4), nn.Sigmoid()),
         minitorch.randn(2, 2, 3, generator=generador)),
        (nn.Sequential(nn.Linear(2, 1)), minitorch.randn(7, 2, generator=generador)),
    ]


def _ganchos_que_quedan(modelo) -> int:
    return sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in modelo.modules())


@ejercicio("Ejercicio 4 (un gancho que anota formas)")
@sin_mover_la_semilla
def anotar_formas(funcion):
    exigir(callable(funcion), "se esperaba la función anotar_formas(modelo, x)")
    for modelo, x in _casos_formas():
        llamada = (f"anotar_formas(modelo, x) con un modelo de {_cuantos(len(modelo), 'capa', 'capas')} "
                   f"y x de forma {tuple(x.shape)}")
        esperadas, salida = [], x
        for capa in modelo:
            salida = capa(salida)
            esperadas.append(tuple(salida.shape))
        formas = llamar(funcion, (modelo, x), llamada, nombre="anotar_formas", pista_extra=pista_super)
        exigir(formas is not None, f"{llamada} devolvió None: ¿te falta un «return»?")
        exigir(isinstance(formas, (list, tuple)), f"{llamada} devolvió un {type(formas).__name__} y se "
                                                  "esperaba una lista de formas")
        exigir(len(formas) != 0, f"{llamada} devolvió una lista vacía: ¿se registra el gancho antes de llamar "
                                 "al modelo, y en cada capa hija?")
        exigir(len(formas) == len(esperadas),
               f"{llamada} anotó {_cuantos(len(formas), 'forma', 'formas')} y el modelo tiene "
               f"{_cuantos(len(esperadas), 'capa hija', 'capas hijas')}: se espera una forma por cada capa "
               "de children(), en orden")
        exigir_igual(formas, esperadas, nombre=f"lo que devuelve {llamada}")
        quedan = _ganchos_que_quedan(modelo)
        exigir(quedan == 0, f"después de {llamada}, el modelo conserva "
                            f"{_cuantos(quedan, 'gancho', 'ganchos')}: siguen registrados y se ejecutarían en "
                            "cada llamada posterior")
    return "Con su manejador, cada gancho desaparece y el modelo vuelve a ser exactamente el de antes."
