"""Los comprobadores de ejercicios: la maquinaria común y los de los cuadernos 00 y 01.

Cada comprobador acepta respuestas correctas (escritas de más de una manera) y rechaza las erróneas con
la pista en español que corresponde. Las soluciones de los cuadernos las comprueba nbval.
"""

import numpy as np
import pytest

import minitorch
from minitorch.ejercicios import introduccion, tensores
from ayudas_ejercicios import sin_resolver
from minitorch.ejercicios._comprobacion import (
    RespuestaIncorrecta, SinResolver, ejercicio, exigir, exigir_copia, exigir_funcion_igual, exigir_igual,
    exigir_tensor, exigir_tensor_igual, exigir_vista,
)


def _pista(funcion, *args, **kwargs):
    """El mensaje de RespuestaIncorrecta de una comprobación (falla si la comprobación pasa)."""
    with pytest.raises(RespuestaIncorrecta) as fallo:
        funcion(*args, **kwargs)
    return str(fallo.value)


def _acepta(comprobador, *args):
    correcto, mensaje = comprobador.evaluar(*args)
    assert correcto, mensaje
    assert mensaje.startswith("✅ Ejercicio")
    return mensaje


def _rechaza(comprobador, *args):
    correcto, mensaje = comprobador.evaluar(*args)
    assert not correcto, mensaje
    assert mensaje.startswith("❌ Ejercicio")
    return mensaje


# --- El decorador ejercicio --------------------------------------------------------------------------

@ejercicio("Ejercicio 9 (prueba)")
def _positivo(x):
    exigir(x > 0, f"{x} no es positivo")
    return "Bien hecho." if x > 10 else None


def test_el_comprobador_imprime_el_veredicto_y_no_devuelve_nada(capsys):
    assert _positivo(3) is None
    assert _positivo(-1) is None
    assert _positivo(20) is None
    assert capsys.readouterr().out.splitlines() == [
        "✅ Ejercicio 9 (prueba): ¡correcto!",
        "❌ Ejercicio 9 (prueba): -1 no es positivo",
        "✅ Ejercicio 9 (prueba): ¡correcto! Bien hecho.",
    ]


def test_evaluar_devuelve_el_veredicto_sin_imprimir(capsys):
    assert _positivo.evaluar(-2) == (False, "❌ Ejercicio 9 (prueba): -2 no es positivo")
    assert _positivo.titulo == "Ejercicio 9 (prueba)"
    assert _positivo.__name__ == "_positivo"
    assert capsys.readouterr().out == ""


def test_los_errores_del_comprobador_no_se_disfrazan_de_pista():
    @ejercicio("Ejercicio roto")
    def roto(x):
        return 1 / x

    with pytest.raises(ZeroDivisionError):
        roto.evaluar(0)


# --- exigir_tensor y exigir_tensor_igual ---------------------------------------------------------------

@pytest.mark.parametrize("respuesta, pista", [
    (None, "t es None: ¿te falta un «return» o asignar la variable?"),
    ([1.0, 2.0], "t es de tipo list y se esperaba un minitorch.Tensor"),
    (np.zeros(2), "t es de tipo numpy.ndarray y se esperaba un minitorch.Tensor"),
])
def test_exigir_tensor_dice_que_recibio(respuesta, pista):
    assert _pista(exigir_tensor, respuesta, "t") == pista


def test_exigir_tensor_reconoce_un_tensor_de_pytorch():
    torch = pytest.importorskip("torch")
    assert "es un tensor de PyTorch" in _pista(exigir_tensor, torch.zeros(2), "t")


def test_exigir_tensor_igual_acepta_el_mismo_tensor_con_otra_disposicion_y_redondeo_de_float32():
    esperado = minitorch.arange(6.0).view(2, 3) / 3
    exigir_tensor_igual(esperado.t().contiguous().t(), esperado)   # otros strides, mismos valores
    exigir_tensor_igual(esperado + 1e-7, esperado)                  # dentro de la tolerancia


def test_exigir_tensor_igual_dice_la_forma():
    esperado = minitorch.zeros(2, 3)
    assert _pista(exigir_tensor_igual, minitorch.zeros(3, 2), esperado, "m") == \
        "m tiene forma (3, 2) y se esperaba (2, 3)"
    assert _pista(exigir_tensor_igual, minitorch.zeros(4), esperado, "m") == \
        "m tiene forma (4,) y se esperaba (2, 3) (4 elementos frente a 6)"


def test_exigir_tensor_igual_dice_el_dtype():
    assert _pista(exigir_tensor_igual, minitorch.zeros(2, dtype=minitorch.int64), minitorch.zeros(2), "v") == \
        "v tiene dtype minitorch.int64 y se esperaba minitorch.float32"
    exigir_tensor_igual(minitorch.zeros(2, dtype=minitorch.int64), minitorch.zeros(2), dtype=False)


def test_exigir_tensor_igual_dice_el_primer_elemento_distinto_y_cuantos_hay():
    esperado = minitorch.arange(12.0).view(3, 4)
    respuesta = esperado.clone()
    respuesta[1, 2] = 7.5
    assert _pista(exigir_tensor_igual, respuesta, esperado, "x") == (
        "x tiene la forma y el dtype correctos, pero el elemento [1, 2] vale 7.5 y debería valer 6.0 "
        "(es el único de los 12 elementos que no coincide)")
    respuesta[2, 0] = 0.0
    respuesta[0, 3] = -1.0
    assert _pista(exigir_tensor_igual, respuesta, esperado, "x").endswith(
        "el elemento [0, 3] vale -1.0 y debería valer 3.0 (no coinciden 3 de los 12 elementos)")


def test_exigir_tensor_igual_con_escalares_y_booleanos():
    assert _pista(exigir_tensor_igual, minitorch.tensor(2.5), minitorch.tensor(2.0), "s") == \
        "s vale 2.5 y debería valer 2.0"
    pista = _pista(exigir_tensor_igual, minitorch.tensor([True, True]), minitorch.tensor([True, False]), "b")
    assert "el elemento [1] vale True y debería valer False" in pista


def test_vista_y_copia():
    base = minitorch.arange(6.0)
    exigir_vista(base.view(2, 3), base)
    exigir_vista(base[2:], base)
    exigir_copia(base.clone(), base)
    exigir_copia(base[base > 2], base)
    assert "es una copia: no comparte el almacenamiento de datos" in \
        _pista(exigir_vista, base.clone(), base, "r", base_nombre="datos")
    assert "es una vista que comparte el almacenamiento de datos" in \
        _pista(exigir_copia, base.view(3, 2), base, "r", base_nombre="datos")


# --- exigir_igual ----------------------------------------------------------------------------------

def test_exigir_igual_compara_formas_de_cualquier_tipo_de_secuencia():
    exigir_igual(minitorch.zeros(2, 3).shape, (2, 3))
    exigir_igual([5, 1], (5, 1))
    exigir_igual(minitorch.zeros(2, 5).t().stride(), (1, 5))   # el ejemplo de las notas originales
    assert _pista(exigir_igual, (1, 5), (5, 1), "s") == "s vale (1, 5) y se esperaba (5, 1)"
    assert _pista(exigir_igual, (5,), (5, 1), "s") == "s tiene 1 elementos y se esperaban 2"
    assert _pista(exigir_igual, 5, (5,), "s") == "s es de tipo int y se esperaba una tupla como (5,)"


def test_exigir_igual_con_numeros_y_booleanos():
    exigir_igual(0.1 + 0.2, 0.3)
    exigir_igual(2, 2.0)
    assert _pista(exigir_igual, 2.5, 2.0, "n") == "n vale 2.5 y se esperaba 2.0"
    assert _pista(exigir_igual, 1, True, "b") == "b es de tipo int y se esperaba True o False"
    assert "¿te falta convertirlo con item() o tolist()?" in _pista(exigir_igual, minitorch.tensor(2.0), 2.0)


# --- exigir_funcion_igual -----------------------------------------------------------------------------

def _doble(t):
    return t * 2


def test_exigir_funcion_igual_acepta_una_funcion_equivalente():
    casos = [(minitorch.arange(3.0),), (minitorch.ones(2, 2),)]
    exigir_funcion_igual(lambda t: t + t, _doble, casos)


def test_exigir_funcion_igual_dice_con_que_argumentos_falla():
    casos = [(minitorch.zeros(3),), (minitorch.ones(2, 2),)]
    pista = _pista(exigir_funcion_igual, lambda t: t * 3, _doble, casos, "triple")
    assert pista.startswith("triple(tensor de forma (2, 2)) tiene la forma y el dtype correctos")


def test_exigir_funcion_igual_convierte_los_errores_del_alumno_en_pistas():
    def sin_escribir(t):
        raise NotImplementedError

    def rota(t):
        return t.view(7)

    casos = [(minitorch.zeros(3),)]
    with pytest.raises(SinResolver) as pendiente:
        exigir_funcion_igual(sin_escribir, _doble, casos)
    assert str(pendiente.value) == (
        "sin_escribir todavía no está escrita (lanza NotImplementedError); escribe su código en lugar de "
        "«raise NotImplementedError» y vuelve a ejecutar la celda")
    assert _pista(exigir_funcion_igual, rota, _doble, casos).startswith(
        "rota(tensor de forma (3,)) lanzó RuntimeError: ")
    assert _pista(exigir_funcion_igual, 3, _doble, casos) == "se esperaba una función y int no se puede llamar"


def test_exigir_funcion_igual_no_admite_que_se_modifiquen_los_argumentos():
    def doble_in_situ(t):
        return t.mul_(2)

    pista = _pista(exigir_funcion_igual, doble_in_situ, _doble, [(minitorch.ones(2),)])
    assert pista == ("doble_in_situ(tensor de forma (2,)) modificó su argumento 1: debe devolver un resultado "
                     "nuevo y dejar intactos los tensores que recibe")


# --- Cuaderno 00 -------------------------------------------------------------------------------------

def test_00_dimensiones():
    correctos = (minitorch.tensor(1.0), minitorch.arange(3), minitorch.rand(2, 3), minitorch.zeros(2, 3, 4))
    _acepta(introduccion.dimensiones, *correctos)
    assert _rechaza(introduccion.dimensiones, minitorch.tensor([1.0]), *correctos[1:]).endswith(
        "escalar.dim() vale 1 y se esperaba 0")
    assert _rechaza(introduccion.dimensiones, *correctos[:2], minitorch.zeros(3, 2), correctos[3]).endswith(
        "matriz.shape vale (3, 2) y se esperaba (2, 3)")
    assert _rechaza(introduccion.dimensiones, *correctos[:3], [[[0]]]).endswith(
        "tensor3d es de tipo list y se esperaba un minitorch.Tensor")


def test_00_magnitud_y_direccion():
    _acepta(introduccion.magnitud_y_direccion, lambda g: (g.norm().item(), g / g.norm()))
    _acepta(introduccion.magnitud_y_direccion, lambda g: ((g * g).sum().item() ** 0.5, g / (g * g).sum().sqrt()))
    _acepta(introduccion.magnitud_y_direccion, lambda g: [g.norm().item(), g / g.norm()])   # dos valores en una lista
    assert "es un tensor y se esperaba un valor de Python (float)" in \
        _rechaza(introduccion.magnitud_y_direccion, lambda g: (g.norm(), g / g.norm()))
    assert "la magnitud de magnitud_y_direccion(tensor de forma (2,)) vale" in \
        _rechaza(introduccion.magnitud_y_direccion, lambda g: (g.abs().sum().item(), g / g.norm()))
    assert "la dirección de magnitud_y_direccion(tensor de forma (2,)) tiene la forma y el dtype correctos" in \
        _rechaza(introduccion.magnitud_y_direccion, lambda g: (g.norm().item(), g))
    assert "debe devolver dos cosas" in _rechaza(introduccion.magnitud_y_direccion, lambda g: g.norm().item())


def test_00_perdida():
    _acepta(introduccion.perdida, lambda w, x, y: ((w * x - y) ** 2).mean())
    _acepta(introduccion.perdida, lambda w, x, y: ((y - x * w) ** 2).sum() / x.numel())
    assert "debería valer" in _rechaza(introduccion.perdida, lambda w, x, y: ((w * x - y) ** 2).sum())
    assert "tiene forma (1,) y se esperaba ()" in _rechaza(introduccion.perdida, lambda w, x, y: (w * x - y) ** 2)


def test_00_gradiente_se_compara_con_la_derivada_medida():
    _acepta(introduccion.gradiente, lambda w, x, y: (2 * (w * x - y) * x).mean())
    _acepta(introduccion.gradiente, lambda w, x, y: 2 * (w * (x * x).mean() - (x * y).mean()))
    assert "debería valer" in _rechaza(introduccion.gradiente, lambda w, x, y: ((w * x - y) * x).mean())
    assert "debería valer" in _rechaza(introduccion.gradiente, lambda w, x, y: (2 * (w * x - y)).mean())


def test_00_paso():
    def gradiente(w, x, y):
        return (2 * (w * x - y) * x).mean()

    _acepta(introduccion.paso, lambda w, x, y, tasa: w - tasa * gradiente(w, x, y).item())
    assert "se esperaba un valor de Python" in \
        _rechaza(introduccion.paso, lambda w, x, y, tasa: w - tasa * gradiente(w, x, y))
    assert "vale" in _rechaza(introduccion.paso, lambda w, x, y, tasa: w + tasa * gradiente(w, x, y).item())


def test_00_los_comprobadores_no_mueven_la_semilla_global():
    minitorch.manual_seed(123)
    esperado = minitorch.rand(4)
    minitorch.manual_seed(123)
    introduccion.perdida.evaluar(lambda w, x, y: ((w * x - y) ** 2).mean())
    introduccion.magnitud_y_direccion.evaluar(lambda g: (g.norm().item(), g / g.norm()))
    assert minitorch.rand(4).equal(esperado)


# --- Cuaderno 01 -------------------------------------------------------------------------------------

def test_01_crear():
    _acepta(tensores.crear, minitorch.arange(12).view(3, 4))
    _acepta(tensores.crear, minitorch.arange(0, 12, 1).view(3, -1))
    assert _rechaza(tensores.crear, minitorch.arange(12.0).view(3, 4)).endswith(
        "tu tensor tiene dtype minitorch.float32 y se esperaba minitorch.int64")
    assert _rechaza(tensores.crear, minitorch.arange(12).view(4, 3)).endswith(
        "tu tensor tiene forma (4, 3) y se esperaba (3, 4)")
    assert "el elemento [0, 0] vale 1 y debería valer 0" in _rechaza(tensores.crear, minitorch.arange(1, 13).view(3, 4))


def test_01_sin_copiar():
    datos = minitorch.arange(6.0)
    _acepta(tensores.sin_copiar, datos.view(3, 2), datos)
    _acepta(tensores.sin_copiar, datos.reshape(3, -1), datos)
    assert "es una copia: no comparte el almacenamiento de datos" in \
        _rechaza(tensores.sin_copiar, datos.view(3, 2).clone(), datos)
    assert "es una copia" in _rechaza(tensores.sin_copiar, minitorch.tensor([[0.0, 1], [2, 3], [4, 5]]), datos)
    assert "tiene forma (2, 3)" in _rechaza(tensores.sin_copiar, datos.view(2, 3), datos)


def test_01_indexar():
    puntos = minitorch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 0.0]])
    _acepta(tensores.indexar, puntos[:, 1], puntos[puntos > 2], puntos)
    _acepta(tensores.indexar, puntos.t()[1], puntos[puntos.gt(2)], puntos)
    assert "segunda_columna tiene los valores correctos, pero es una copia" in \
        _rechaza(tensores.indexar, puntos[:, 1].clone(), puntos[puntos > 2], puntos)
    assert "segunda_columna tiene forma (2,) y se esperaba (3,)" in \
        _rechaza(tensores.indexar, puntos[1], puntos[puntos > 2], puntos)
    assert "segunda_columna tiene forma (3, 1) y se esperaba (3,)" in \
        _rechaza(tensores.indexar, puntos[:, 1:2], puntos[puntos > 2], puntos)   # el enunciado pide un vector
    assert "mayores_que_dos tiene forma (2,) y se esperaba (3,)" in \
        _rechaza(tensores.indexar, puntos[:, 1], puntos[puntos > 3], puntos)
    assert "mayores_que_dos tiene los valores correctos, pero es una vista" in \
        _rechaza(tensores.indexar, puntos[:, 1], puntos.view(-1)[2:5], puntos)


def test_01_centrar():
    _acepta(tensores.centrar, lambda m: m - m.mean(dim=0))
    _acepta(tensores.centrar, lambda m: m - m.sum(dim=0, keepdim=True) / m.shape[0])
    assert "debería valer" in _rechaza(tensores.centrar, lambda m: m - m.mean(dim=1, keepdim=True))
    assert "debería valer" in _rechaza(tensores.centrar, lambda m: m - m.mean())

    def centrar_in_situ(m):
        m -= m.mean(dim=0)
        return m

    assert "modificó su argumento 1" in _rechaza(tensores.centrar, centrar_in_situ)


def test_01_inicializar_():
    _acepta(tensores.inicializar_, lambda pesos: pesos.uniform_(-0.5, 0.5))

    def sin_devolver(pesos):
        pesos.uniform_(-0.5, 0.5)

    def tensor_nuevo(pesos):
        return minitorch.rand(pesos.shape) - 0.5

    assert "tiene que devolver el mismo tensor que recibe" in _rechaza(tensores.inicializar_, sin_devolver)
    assert "los pesos siguen a cero" in _rechaza(tensores.inicializar_, tensor_nuevo)
    assert "debería valer" in _rechaza(tensores.inicializar_, lambda pesos: pesos.uniform_(0, 1))
    assert "debería valer" in _rechaza(tensores.inicializar_, lambda pesos: pesos.normal_(0, 0.5))


# --- Ejercicios sin resolver: los esbozos de las copias del alumnado --------------------------------

def _sin_escribir(*args):
    raise NotImplementedError


_PUNTOS = minitorch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 0.0]])

# Cada comprobador con el esbozo «nombre = ...» que deja la copia del alumnado en cada respuesta.
_CON_PUNTOS_SUSPENSIVOS = [
    (introduccion.dimensiones, (..., ..., ..., ...)),
    (introduccion.magnitud_y_direccion, (...,)),
    (introduccion.perdida, (...,)),
    (introduccion.gradiente, (...,)),
    (introduccion.paso, (...,)),
    (tensores.crear, (...,)),
    (tensores.sin_copiar, (..., minitorch.arange(6.0))),
    (tensores.indexar, (..., ..., _PUNTOS)),
    (tensores.indexar, (_PUNTOS[:, 1], ..., _PUNTOS)),   # resuelta solo la mitad
    (tensores.inicializar_, (...,)),
    (tensores.centrar, (...,)),
]

# Los ejercicios que piden una función: el esbozo es una función que lanza NotImplementedError.
_FUNCIONES = [introduccion.magnitud_y_direccion, introduccion.perdida, introduccion.gradiente, introduccion.paso,
              tensores.inicializar_, tensores.centrar]


@pytest.mark.parametrize("comprobador, args", _CON_PUNTOS_SUSPENSIVOS,
                         ids=lambda x: getattr(x, "__name__", ""))
def test_sin_resolver_con_puntos_suspensivos(comprobador, args):
    assert sin_resolver(comprobador, *args).endswith(
        "todavía sin resolver: cambia cada «...» por tu respuesta y vuelve a ejecutar la celda.")


@pytest.mark.parametrize("comprobador", _FUNCIONES, ids=lambda c: c.__name__)
def test_sin_resolver_con_raise_not_implemented_error(comprobador, capsys):
    mensaje = sin_resolver(comprobador, _sin_escribir)
    assert "todavía no está escrita (lanza NotImplementedError)" in mensaje
    comprobador(_sin_escribir)   # imprime el veredicto, sin traza de error
    assert capsys.readouterr().out == mensaje + "\n"


@pytest.mark.parametrize("funcion", [_sin_escribir, lambda pesos: pesos.uniform_(-0.5, 0.5)],
                         ids=["sin_resolver", "resuelto"])
def test_01_inicializar_no_mueve_la_semilla_global(funcion):
    minitorch.manual_seed(7)
    esperado = minitorch.rand(3)
    minitorch.manual_seed(7)
    tensores.inicializar_.evaluar(funcion)
    assert minitorch.rand(3).equal(esperado)


def test_las_pistas_no_desvelan_el_codigo_de_la_solucion():
    mensajes = [
        _rechaza(tensores.centrar, lambda m: m),
        _rechaza(tensores.sin_copiar, minitorch.zeros(3, 2), minitorch.arange(6.0)),
        _rechaza(introduccion.gradiente, lambda w, x, y: x.sum()),
        _rechaza(introduccion.perdida, lambda w, x, y: x.sum()),
    ]
    for mensaje in mensajes:
        for codigo in ("mean(", "view(", "reshape(", "** 2", "uniform_("):
            assert codigo not in mensaje, mensaje
