"""La maquinaria común de los comprobadores: ✅, ❌ con pista, y ⏳ ante los esbozos de las copias del alumnado."""

import pytest

import minitorch
from minitorch.ejercicios._comprobacion import (
    RespuestaIncorrecta, SinResolver, ejercicio, exigir_funcion_igual, exigir_tensor_igual, llamar,
)


@ejercicio("Ejercicio de prueba (el doble)")
def doble(funcion):
    casos = [(minitorch.arange(3.0),), (minitorch.ones(2, 2),)]
    exigir_funcion_igual(funcion, lambda t: t * 2, casos, nombre="doble")


@ejercicio("Ejercicio de prueba (un tensor)")
def unos(respuesta, otra=None):
    exigir_tensor_igual(respuesta, minitorch.ones(3), nombre="unos")


def _esbozo_de_funcion(t):
    # TU CÓDIGO AQUÍ
    raise NotImplementedError


def test_acierta_y_falla_con_pista():
    assert doble.evaluar(lambda t: t + t) == (True, "✅ Ejercicio de prueba (el doble): ¡correcto!")
    correcto, mensaje = doble.evaluar(lambda t: t * 3)
    assert not correcto and mensaje.startswith("❌ Ejercicio de prueba (el doble): doble(tensor de forma (3,))")


def test_el_esbozo_de_una_funcion_no_es_un_error():
    correcto, mensaje = doble.evaluar(_esbozo_de_funcion)
    assert not correcto
    assert mensaje.startswith("⏳ Ejercicio de prueba (el doble): todavía sin resolver")
    assert "doble todavía no está escrita" in mensaje and "Traceback" not in mensaje


@pytest.mark.parametrize("argumentos", [((...),), ((...), 3), (minitorch.ones(3), ...)])
def test_los_puntos_suspensivos_del_esbozo_no_son_un_error(argumentos):
    correcto, mensaje = unos.evaluar(*argumentos)
    assert not correcto
    assert mensaje == "⏳ Ejercicio de prueba (un tensor): todavía sin resolver: cambia cada «...» por tu respuesta y vuelve a ejecutar la celda."


def test_un_notimplementederror_fuera_de_llamar_tambien_es_un_esbozo():
    @ejercicio("Ejercicio de prueba (una clase)")
    def clase(Clase):
        Clase().metodo()

    class Esbozo:
        def metodo(self):
            raise NotImplementedError

    correcto, mensaje = clase.evaluar(Esbozo)
    assert not correcto and mensaje.startswith("⏳ Ejercicio de prueba (una clase): todavía sin resolver.")


def test_el_comprobador_imprime_el_aviso_y_no_devuelve_nada(capsys):
    assert unos(...) is None
    assert capsys.readouterr().out.startswith("⏳ ")


def test_llamar_distingue_el_esbozo_de_un_fallo():
    with pytest.raises(SinResolver, match="_esbozo_de_funcion todavía no está escrita"):
        llamar(_esbozo_de_funcion, (1,), "_esbozo_de_funcion(1)")
    with pytest.raises(RespuestaIncorrecta, match=r"f\(1\) lanzó ZeroDivisionError") as fallo:
        llamar(lambda x: x / 0, (1,), "f(1)")
    assert not isinstance(fallo.value, SinResolver)
