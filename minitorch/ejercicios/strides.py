"""Comprobadores de los ejercicios de 03_strides.ipynb, y ``TensorDeLista``, la base de «tu propio tensor».

Lo esperado sale siempre de minitorch: los strides de un tensor recién creado, ``is_contiguous()``,
``storage_offset()`` y ``stride()`` de las vistas del enunciado, si ``view`` funciona o lanza un error. Las
pistas señalan qué dato falla y dónde mirar, sin dar la fórmula ni la llamada que lo resuelve.
"""

import minitorch
from minitorch.strides import numel

from ._comprobacion import (RespuestaIncorrecta, SinResolver, ejercicio, exigir, exigir_funcion_igual,
                            exigir_tensor_igual, exigir_vista, llamar)

__all__ = ["TensorDeLista", "strides_contiguos", "contiguidad", "disposicion", "prediccion_view",
           "columnas_repetidas", "ventanas", "mi_tensor_con_strides"]


# --- La base de «tu propio tensor» --------------------------------------------------------------------

class TensorDeLista:
    """Un tensor de juguete: una lista de Python como almacenamiento, más forma, strides y desplazamiento.

    Es la parte que se escribe en 02_almacenamiento; en 03_strides, ``MiTensor`` hereda de ella y añade
    las vistas. No copia la lista: dos tensores creados con la misma lista comparten sus datos.
    """

    def __init__(self, almacenamiento, forma, strides, desplazamiento=0):
        self.almacenamiento = almacenamiento  # la misma lista, no una copia
        self.forma = tuple(forma)
        self.strides = tuple(strides)
        self.desplazamiento = desplazamiento

    def posicion(self, indice):
        """La posición del almacenamiento del elemento ``indice``: desplazamiento + Σ índice × stride."""
        if not isinstance(indice, tuple):
            indice = (indice,)  # t[2] en un tensor de una dimensión
        if len(indice) != len(self.forma):
            raise IndexError(f"el índice {indice} tiene {len(indice)} componentes y el tensor, "
                             f"{len(self.forma)} dimensiones")
        posicion = self.desplazamiento
        for dimension, (i, tamano, paso) in enumerate(zip(indice, self.forma, self.strides)):
            if not 0 <= i < tamano:
                raise IndexError(f"el índice {i} está fuera de rango en la dimensión {dimension}, de tamaño {tamano}")
            posicion += i * paso
        return posicion

    def __getitem__(self, indice):
        return self.almacenamiento[self.posicion(indice)]

    def tolist(self):
        """Los elementos en listas anidadas, leídos por filas (un número suelto si no hay dimensiones)."""
        def desde(prefijo):
            if len(prefijo) == len(self.forma):
                return self[prefijo]
            return [desde(prefijo + (i,)) for i in range(self.forma[len(prefijo)])]

        return desde(())

    def __repr__(self):
        return (f"{type(self).__name__}(forma={self.forma}, strides={self.strides}, "
                f"desplazamiento={self.desplazamiento})")


# --- Ejercicios ------------------------------------------------------------------------------------------

@ejercicio("Ejercicio 1 (los strides de un tensor contiguo)")
def strides_contiguos(funcion):
    formas = [(3, 2), (2, 5), (2, 3, 4), (7,), (), (4, 1, 3), (2, 3, 4, 5)]
    exigir_funcion_igual(funcion, lambda forma: minitorch.zeros(forma).stride(), [(forma,) for forma in formas],
                         nombre="strides_contiguos")
    return "Son los strides que minitorch da a todo tensor recién creado."


def _exigir_predicciones(respuesta, casos, acierto, pista):
    """Una lista con un True o un False por caso, en orden; ``acierto(caso)`` da la respuesta correcta."""
    exigir(isinstance(respuesta, (list, tuple)),
           f"tu respuesta es de tipo {type(respuesta).__name__} y se esperaba una lista con un True o un False "
           "por caso")
    exigir(len(respuesta) == len(casos), f"tu lista tiene {len(respuesta)} respuestas y hay {len(casos)} casos")
    for (nombre, caso), prediccion in zip(casos.items(), respuesta):
        exigir(isinstance(prediccion, bool), f"la respuesta para {nombre} es {prediccion!r}; se esperaba True o False")
        exigir(prediccion == acierto(caso), f"te has equivocado con {nombre}: {pista}")


@ejercicio("Ejercicio 2 (¿contiguo o no?)")
def contiguidad(respuesta, tensores):
    _exigir_predicciones(respuesta, tensores, lambda tensor: tensor.is_contiguous(),
                         "recorre sus elementos por filas y mira si las posiciones del almacenamiento salen "
                         "seguidas, una tras otra (stride() te ayuda)")
    return "Contiguo quiere decir que leer por filas es leer el almacenamiento en orden, sin huecos."


@ejercicio("Ejercicio 3 (desplazamiento y strides de un corte)")
def disposicion(respuesta, vista):
    exigir(isinstance(respuesta, (list, tuple)) and len(respuesta) == 2,
           "se esperaba una pareja (desplazamiento, strides), por ejemplo (0, (1, 1))")
    desplazamiento, strides = respuesta
    exigir(not isinstance(desplazamiento, minitorch.Tensor) and not isinstance(strides, minitorch.Tensor),
           "se esperaban números de Python, no tensores")
    exigir(desplazamiento == vista.storage_offset(),
           f"el desplazamiento {desplazamiento!r} no es correcto: ¿en qué posición del almacenamiento está "
           "el primer elemento de la vista?")
    exigir(isinstance(strides, (list, tuple, minitorch.Size)) and tuple(strides) == vista.stride(),
           f"los strides {strides!r} no son correctos: un paso en un corte multiplica el stride de esa "
           "dimensión, y empezar más adelante no lo cambia")
    return "Un corte nunca copia: solo cambia el desplazamiento y los strides."


def _view_funciona(caso):
    tensor, forma = caso
    try:
        tensor.view(forma)
    except RuntimeError:
        return False
    return True


@ejercicio("Ejercicio 4 (¿funcionará view?)")
def prediccion_view(respuesta, casos):
    _exigir_predicciones(respuesta, casos, _view_funciona,
                         "mira los strides del tensor y piensa qué dimensiones junta la forma nueva y cuáles divide")
    return "view solo puede juntar dimensiones que, en el almacenamiento, ya van seguidas."


@ejercicio("Ejercicio 5 (repetir sin copiar)")
def columnas_repetidas(respuesta, valores, veces):
    exigir_tensor_igual(respuesta, minitorch.stack([valores] * veces, dim=1), nombre="tu tabla")
    exigir_vista(respuesta, valores, nombre="tu tabla", base_nombre="valores")
    return (f"Con strides {respuesta.stride()}, sus {respuesta.numel()} elementos leen los "
            f"{len(valores.storage())} números del almacenamiento de valores.")


@ejercicio("Ejercicio 6 (ventanas deslizantes)")
def ventanas(respuesta, serie, tamano, salto):
    cuantas = (serie.numel() - tamano) // salto + 1
    inicios = range(0, cuantas * salto, salto)
    esperado = minitorch.stack([serie[inicio:inicio + tamano] for inicio in inicios])
    exigir_tensor_igual(respuesta, esperado, nombre="tu tensor de ventanas")
    exigir_vista(respuesta, serie, nombre="tu tensor de ventanas", base_nombre="serie")
    return (f"Con strides {respuesta.stride()}, {cuantas} ventanas de {tamano} elementos leen los mismos "
            f"{serie.numel()} números de serie, sin copiarlos.")


# --- Ejercicio 7: MiTensor con is_contiguous, t, view y expand -------------------------------------------
# Cada disposición es (forma, strides, desplazamiento). El tensor del alumno y el de minitorch leen el mismo
# almacenamiento, los números 0, 1, 2..., así que cada valor dice de qué posición sale.

DISPOSICIONES = [
    ((3, 4), (4, 1), 0),        # contiguo
    ((2, 4), (4, 1), 4),        # m[1:]: contiguo, pero empieza en la posición 4
    ((2, 3, 4), (12, 4, 1), 0),
    ((4, 3), (1, 4), 0),        # m.t()
    ((3, 2), (4, 1), 1),        # m[:, 1:3]
    ((2, 4), (8, 1), 0),        # m[::2]
    ((5,), (2,), 1),
    ((1, 3), (1, 1), 0),        # torch.zeros(3, 1).t(): contiguo, aunque no con los strides de uno nuevo
    ((3, 1, 4), (4, 99, 1), 0),  # el stride de una dimensión de tamaño 1 no cuenta
    ((3, 1), (2, 1), 0),        # una columna de una matriz de 3×2
    ((4, 3), (0, 1), 0),        # una fila expandida
]

# (disposición, forma nueva). Los no contiguos son casos en los que view falla: ahí la regla sencilla
# («view solo si es contiguo») y la de PyTorch coinciden (tests/test_ejercicios_03.py lo comprueba).
CASOS_VIEW = [
    (((3, 4), (4, 1), 0), (12,)),
    (((3, 4), (4, 1), 0), (2, 2, 3)),
    (((3, 4), (4, 1), 0), (4, 3, 1)),
    (((2, 4), (4, 1), 4), (8,)),
    (((2, 3, 4), (12, 4, 1), 0), (6, 4)),
    (((1, 3), (1, 1), 0), (3,)),
    (((3, 4), (4, 1), 0), (5, 2)),     # 10 elementos donde hay 12
    (((4, 3), (1, 4), 0), (12,)),
    (((3, 2), (4, 1), 1), (6,)),
    (((2, 4), (8, 1), 0), (8,)),
    (((4, 3), (0, 1), 0), (12,)),
]

CASOS_EXPAND = [
    (((3,), (1,), 0), (4, 3)),
    (((3, 1), (1, 1), 0), (3, 4)),
    (((3, 1), (1, 1), 0), (2, 3, 4)),
    (((3, 1), (1, 1), 0), (1, 3, 4)),
    (((1, 3), (3, 1), 2), (2, 3)),
    (((4, 3), (1, 4), 0), (2, 4, 3)),
    (((2, 1, 3), (3, 3, 1), 0), (2, 5, 3)),
    (((3,), (1,), 0), (3,)),
    (((3,), (1,), 0), (3, 4)),         # el 3 no se puede estirar a 4
    (((2, 3), (3, 1), 0), (3,)),       # menos dimensiones de las que tiene
]


def _tamano_del_almacenamiento(forma, strides, desplazamiento):
    return desplazamiento + 1 + sum((n - 1) * s for n, s in zip(forma, strides))


def _los_dos(clase, disposicion):
    """El tensor del alumno, su lista y el de minitorch con la misma disposición sobre los mismos números."""
    forma, strides, desplazamiento = disposicion
    lista = list(range(_tamano_del_almacenamiento(forma, strides, desplazamiento)))
    referencia = minitorch.arange(len(lista)).as_strided(forma, strides, desplazamiento)
    return llamar(clase, (lista, forma, strides, desplazamiento), f"{clase.__name__}(...)"), lista, referencia


def _describir(clase, disposicion):
    forma, strides, desplazamiento = disposicion
    return f"{clase.__name__}(forma={forma}, strides={strides}, desplazamiento={desplazamiento})"


def _sin_lanzar(metodo):
    """El método del alumno, pero devolviendo (resultado, None) o (None, error) en vez de lanzarlo.

    NotImplementedError sí se lanza: ``llamar`` la convierte en «todavía sin resolver».
    """
    def envuelto(*args):
        try:
            return metodo(*args), None
        except NotImplementedError:
            raise
        except Exception as error:
            return None, error

    return envuelto


def _llamar_metodo(clase, disposicion, metodo, args=()):
    """Llama a ``metodo`` en el tensor del alumno. Devuelve (resultado, error, lista, referencia, llamada)."""
    tensor, lista, referencia = _los_dos(clase, disposicion)
    argumentos = ", ".join(str(a) for a in args)
    llamada = f"{_describir(clase, disposicion)}.{metodo}({argumentos})"
    resultado, error = llamar(_sin_lanzar(getattr(tensor, metodo)), args, llamada, f"{clase.__name__}.{metodo}")
    exigir((tensor.almacenamiento is lista and tensor.forma == disposicion[0] and tensor.strides == disposicion[1]
            and tensor.desplazamiento == disposicion[2]),
           f"{llamada} cambió el tensor original: una vista es un tensor nuevo, y el original se queda como estaba")
    return resultado, error, lista, referencia, llamada


def _exigir_sin_error(error, llamada):
    if error is not None:
        raise RespuestaIncorrecta(f"{llamada} lanzó {type(error).__name__}: {error}")


def _exigir_misma_vista(resultado, referencia, lista, clase, llamada):
    """El resultado del alumno es un tensor de su clase, sobre la misma lista y con la disposición de minitorch."""
    if not isinstance(resultado, clase):
        otra = " de otra clase con el mismo nombre" if type(resultado).__name__ == clase.__name__ else ""
        raise RespuestaIncorrecta(f"{llamada} devolvió un {type(resultado).__name__}{otra} y se esperaba un "
                                  f"{clase.__name__} nuevo")
    exigir(resultado.almacenamiento is lista,
           f"{llamada} devolvió un tensor con otra lista: una vista no copia, usa el mismo almacenamiento")
    forma, strides = tuple(referencia.shape), referencia.stride()
    exigir(tuple(resultado.forma) == forma, f"{llamada} tiene forma {tuple(resultado.forma)} y se esperaba {forma}")
    # Por una dimensión de tamaño 1 nunca se avanza: su stride puede ser cualquiera.
    exigir(len(resultado.strides) == len(strides)
           and all(n == 1 or s == e for n, s, e in zip(forma, resultado.strides, strides)),
           f"{llamada} tiene strides {tuple(resultado.strides)} y se esperaban {strides}")
    exigir(resultado.desplazamiento == referencia.storage_offset(),
           f"{llamada} tiene desplazamiento {resultado.desplazamiento} y se esperaba {referencia.storage_offset()}")
    valores = llamar(resultado.tolist, (), f"{llamada}.tolist()")
    exigir(valores == referencia.tolist(), f"{llamada}.tolist() vale {valores} y se esperaba {referencia.tolist()}")


def _comprobar_is_contiguous(clase):
    for disposicion in DISPOSICIONES:
        respuesta, error, _, referencia, llamada = _llamar_metodo(clase, disposicion, "is_contiguous")
        _exigir_sin_error(error, llamada)
        exigir(isinstance(respuesta, bool), f"{llamada} devolvió {respuesta!r} y se esperaba True o False")
        esperado = referencia.is_contiguous()
        if esperado and not respuesta and 1 in disposicion[0]:
            raise RespuestaIncorrecta(f"{llamada} devolvió {respuesta} y se esperaba {esperado}: por una dimensión "
                                      "de tamaño 1 nunca se avanza, así que su stride no cuenta")
        exigir(respuesta == esperado,
               f"{llamada} devolvió {respuesta} y se esperaba {esperado}: recórrelo por filas y mira si visita "
               "posiciones seguidas del almacenamiento")


def _comprobar_t(clase):
    for disposicion in DISPOSICIONES:
        if len(disposicion[0]) != 2:
            continue
        resultado, error, lista, referencia, llamada = _llamar_metodo(clase, disposicion, "t")
        _exigir_sin_error(error, llamada)
        _exigir_misma_vista(resultado, referencia.t(), lista, clase, llamada)


def _por_que_falla_view(disposicion, forma):
    elementos, pedidos = numel(disposicion[0]), numel(forma)
    if elementos != pedidos:
        return f"la forma {forma} tiene {pedidos} elementos y el tensor, {elementos}"
    return "el tensor no es contiguo, y esa forma no se puede leer sin copiar"


def _por_que_falla_expand(disposicion, forma):
    if len(forma) < len(disposicion[0]):
        return f"la forma {forma} tiene menos dimensiones que el tensor"
    return "solo se pueden estirar las dimensiones de tamaño 1"


def _comprobar_vista(clase, casos, metodo, por_que_falla):
    """``view`` o ``expand``: la misma vista que minitorch o, donde minitorch falla, RuntimeError."""
    for disposicion, forma in casos:
        resultado, error, lista, referencia, llamada = _llamar_metodo(clase, disposicion, metodo, forma)
        try:
            esperado = getattr(referencia, metodo)(*forma)
        except RuntimeError:
            motivo = por_que_falla(disposicion, forma)
            exigir(error is not None, f"{llamada} tenía que lanzar RuntimeError ({motivo}) y devolvió {resultado!r}")
            exigir(isinstance(error, RuntimeError),
                   f"{llamada} lanzó {type(error).__name__} y PyTorch lanza RuntimeError ({motivo})")
            continue
        _exigir_sin_error(error, llamada)
        _exigir_misma_vista(resultado, esperado, lista, clase, llamada)


@ejercicio("Ejercicio 7 (tu propio tensor, segunda parte)")
def mi_tensor_con_strides(clase):
    exigir(isinstance(clase, type) and issubclass(clase, TensorDeLista),
           f"se esperaba la clase MiTensor, hija de TensorDeLista, y se recibió {clase!r}")
    pasos = [
        ("is_contiguous", lambda: _comprobar_is_contiguous(clase)),
        ("t", lambda: _comprobar_t(clase)),
        ("view", lambda: _comprobar_vista(clase, CASOS_VIEW, "view", _por_que_falla_view)),
        ("expand", lambda: _comprobar_vista(clase, CASOS_EXPAND, "expand", _por_que_falla_expand)),
    ]
    hechos = []
    for metodo, comprobar in pasos:
        try:
            comprobar()
        except SinResolver as pendiente:
            if not hechos:
                raise
            raise SinResolver(f"{pendiente} (ya están bien: {', '.join(hechos)})") from None
        hechos.append(metodo)
    return ("Tus cuatro métodos solo calculan una forma, unos strides y un desplazamiento nuevos: "
            "igual que las vistas de minitorch y de PyTorch.")
