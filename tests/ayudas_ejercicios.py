"""Ayudas comunes de las pruebas de los comprobadores de ejercicios (tests/test_ejercicios_*.py).

Cada ayuda evalúa la respuesta sin imprimir (``comprobador.evaluar``), exige el veredicto (✅, ❌ con sus
pistas o ⏳) y, de paso, que comprobar no haya movido la semilla global del cuaderno.
"""

import minitorch

# Palabras del código de las soluciones de 02 y 03 que ninguna pista debe contener.
DELATORAS = ("from_numpy", "as_tensor", "expand", "as_strided", "clone", "zero_", "fill_", "storage()")


def evaluar_sin_mover_la_semilla(comprobador, *respuesta):
    """Evalúa la respuesta y exige que el generador global siga dando lo mismo que antes de comprobarla."""
    minitorch.manual_seed(123)
    esperado = minitorch.rand(4)
    minitorch.manual_seed(123)
    resultado = comprobador.evaluar(*respuesta)
    assert minitorch.rand(4).equal(esperado), f"{comprobador.titulo} ha movido la semilla global"
    return resultado


def acierta(comprobador, *respuesta):
    correcto, mensaje = evaluar_sin_mover_la_semilla(comprobador, *respuesta)
    assert correcto, mensaje
    assert mensaje.startswith(f"✅ {comprobador.titulo}: ¡correcto!"), mensaje
    return mensaje


def falla_con(comprobador, *respuesta, pistas=(), delatoras=()):
    """❌ con cada una de las ``pistas`` en el mensaje y ninguna de las palabras ``delatoras``."""
    correcto, mensaje = evaluar_sin_mover_la_semilla(comprobador, *respuesta)
    assert not correcto, f"se aceptó una respuesta incorrecta: {mensaje}"
    assert mensaje.startswith(f"❌ {comprobador.titulo}: "), mensaje
    for pista in pistas:
        assert pista in mensaje, f"se esperaba la pista «{pista}» y llegó: {mensaje}"
    for palabra in delatoras:
        assert palabra not in mensaje, f"la pista delata la solución ({palabra}): {mensaje}"
    return mensaje


def sin_resolver(comprobador, *respuesta):
    """⏳: la respuesta es el esbozo de la copia del alumnado (``...`` o ``raise NotImplementedError``)."""
    correcto, mensaje = evaluar_sin_mover_la_semilla(comprobador, *respuesta)
    assert not correcto, mensaje
    assert mensaje.startswith(f"⏳ {comprobador.titulo}: todavía sin resolver"), mensaje
    assert "Traceback" not in mensaje
    return mensaje


def rechaza(comprobador, *respuesta, pista):
    """El ❌ de 02 y 03: una pista, y sin delatar la solución."""
    return falla_con(comprobador, *respuesta, pistas=(pista,), delatoras=DELATORAS)


def puntos():
    return minitorch.tensor([[1.0, 4.0], [2.0, 1.0], [3.0, 5.0]])


def datos():
    return minitorch.arange(12.0).view(3, 4)
