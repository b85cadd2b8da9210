"""Los comprobadores de los ejercicios de 02_almacenamiento.

Cada comprobador acepta las respuestas correctas (también las que se escriben de otra manera), rechaza los
errores típicos con la pista en español que les corresponde y no delata el código de la solución. Las
soluciones de los propios cuadernos las ejecuta nbval.
"""

import itertools

import numpy as np
import pytest

import minitorch
from minitorch.ejercicios import almacenamiento
from minitorch.ejercicios.strides import TensorDeLista
from minitorch.ejercicios._comprobacion import RespuestaIncorrecta
from minitorch.ejercicios.almacenamiento import _exigir_index_error
from minitorch.strides import position
from ayudas_ejercicios import acierta, datos, puntos, rechaza

# --- 02_almacenamiento -------------------------------------------------------------------------------

class TestBytesAlmacenamiento:
    def test_acepta_los_bytes_de_todo_el_almacenamiento(self):
        fila = puntos()[1]
        mensaje = acierta(almacenamiento.bytes_almacenamiento, 24, fila)
        assert "solo usa 8 bytes" in mensaje and "almacenamiento de 24" in mensaje
        acierta(almacenamiento.bytes_almacenamiento, 24.0, fila)

    def test_lo_esperado_sale_del_tensor_que_recibe(self):
        fila = minitorch.zeros(5, 3, dtype=minitorch.float64)[1]  # 15 elementos de 8 bytes
        acierta(almacenamiento.bytes_almacenamiento, 120, fila)
        rechaza(almacenamiento.bytes_almacenamiento, 40, fila, pista="no es lo que ocupa el almacenamiento")

    def test_contar_solo_la_vista_tiene_su_pista(self):
        rechaza(almacenamiento.bytes_almacenamiento, 8, puntos()[1], pista="la fila es una vista")

    def test_contar_elementos_y_no_bytes_tiene_su_pista(self):
        rechaza(almacenamiento.bytes_almacenamiento, 6, puntos()[1], pista="6 es el número de elementos")

    def test_sin_resolver(self):
        assert almacenamiento.bytes_almacenamiento.evaluar(..., puntos()[1])[1].startswith("⏳")

    def test_si_no_es_una_vista_los_bytes_de_la_fila_son_los_correctos(self):
        acierta(almacenamiento.bytes_almacenamiento, 8, minitorch.tensor([2.0, 1.0]))

    @pytest.mark.parametrize("respuesta, pista", [
        (30, "30 bytes no es lo que ocupa el almacenamiento"),
        (minitorch.tensor(24), "¿te falta item()?"),
        ("24", "es de tipo str"),
        (None, "es de tipo NoneType"),
    ])
    def test_rechaza(self, respuesta, pista):
        rechaza(almacenamiento.bytes_almacenamiento, respuesta, puntos()[1], pista=pista)


class TestUltimaFila:
    def test_acepta_una_vista(self):
        d = datos()
        mensaje = acierta(almacenamiento.ultima_fila, d[-1], d)
        assert "posición 8" in mensaje
        acierta(almacenamiento.ultima_fila, d[2, :], d)
        acierta(almacenamiento.ultima_fila, d.select(0, 2), d)

    def test_rechaza_una_copia(self):
        d = datos()
        rechaza(almacenamiento.ultima_fila, d[-1].clone(), d, pista="es una copia")

    def test_rechaza_otra_forma_y_otra_fila(self):
        d = datos()
        rechaza(almacenamiento.ultima_fila, d[-1:], d, pista="tiene forma (1, 4) y se esperaba (4,)")
        rechaza(almacenamiento.ultima_fila, d[0], d, pista="el elemento [0] vale 0.0 y debería valer 8.0")

    def test_rechaza_lo_que_no_es_un_tensor(self):
        rechaza(almacenamiento.ultima_fila, [8.0, 9.0, 10.0, 11.0], datos(), pista="es de tipo list")


class TestColumnaIndependiente:
    def test_acepta_una_copia_de_la_columna(self):
        d = datos()
        mensaje = acierta(almacenamiento.columna_independiente, d[:, 0].clone(), d)
        assert "solo 3 elementos" in mensaje
        acierta(almacenamiento.columna_independiente, d[:, 0].contiguous(), d)
        acierta(almacenamiento.columna_independiente, minitorch.tensor(d[:, 0].tolist()), d)

    def test_rechaza_una_columna_de_dos_dimensiones(self):
        d = datos()  # el enunciado pide un vector de 3 elementos
        rechaza(almacenamiento.columna_independiente, d[:, :1].clone(), d,
                pista="tiene forma (3, 1) y se esperaba (3,)")

    def test_rechaza_la_vista(self):
        d = datos()
        rechaza(almacenamiento.columna_independiente, d[:, 0], d, pista="es una vista")

    def test_rechaza_copiar_todo_el_tensor(self):
        d = datos()
        rechaza(almacenamiento.columna_independiente, d.clone()[:, 0], d,
                pista="su almacenamiento tiene 12 elementos para 3 valores")


class TestColumnaACero:
    @pytest.mark.parametrize("escribir", [
        lambda d: d[:, 1].zero_(),
        lambda d: d[:, 1].fill_(0),
        lambda d: d.t()[1].mul_(0),
        lambda d: d.__setitem__((slice(None), 1), 0.0) or d[:, 1],
    ])
    def test_acepta_escribir_a_traves_de_una_vista(self, escribir):
        d = datos()
        antes = d.clone()
        columna = escribir(d)
        acierta(almacenamiento.columna_a_cero, columna, d, antes)
        assert antes.equal(datos()), "el comprobador no debe modificar «antes»"

    def test_rechaza_escribir_en_una_copia(self):
        d = datos()
        antes = d.clone()
        columna = d[:, 1].clone().zero_()
        rechaza(almacenamiento.columna_a_cero, columna, d, antes, pista="datos no ha cambiado")

    def test_rechaza_un_tensor_nuevo(self):
        antes = datos()
        nuevo = minitorch.where(minitorch.arange(4) == 1, 0.0, antes)
        rechaza(almacenamiento.columna_a_cero, nuevo[:, 1], nuevo, antes, pista="es un tensor nuevo")

    def test_rechaza_otra_columna(self):
        d = datos()
        antes = d.clone()
        d[:, 2] = 0.0
        rechaza(almacenamiento.columna_a_cero, d[:, 2], d, antes,
                pista="el elemento [0, 1] vale 1.0 y debería valer 0.0")

    def test_columna_tiene_que_ser_la_vista(self):
        d = datos()
        antes = d.clone()
        d[:, 1] = 0.0
        rechaza(almacenamiento.columna_a_cero, d[:, 1].clone(), d, antes, pista="columna tiene los valores "
                "correctos, pero es una copia")
        rechaza(almacenamiento.columna_a_cero, d[:, 0], d, antes, pista="columna tiene la forma y el dtype")
        rechaza(almacenamiento.columna_a_cero, None, d, antes, pista="columna es None")

    def test_sin_resolver(self):
        d = datos()
        assert almacenamiento.columna_a_cero.evaluar(..., d, d.clone())[1].startswith("⏳")


class TestComparteConNumpy:
    def test_acepta_un_tensor_que_comparte_memoria(self):
        lecturas = np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32)
        acierta(almacenamiento.comparte_con_numpy, minitorch.from_numpy(lecturas), lecturas)
        acierta(almacenamiento.comparte_con_numpy, minitorch.as_tensor(lecturas), lecturas)

    def test_rechaza_una_copia(self):
        lecturas = np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32)
        rechaza(almacenamiento.comparte_con_numpy, minitorch.tensor(lecturas), lecturas, pista="es una copia")

    def test_rechaza_otro_dtype_y_el_propio_array(self):
        lecturas = np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32)
        rechaza(almacenamiento.comparte_con_numpy, minitorch.from_numpy(lecturas.astype(np.float64)), lecturas,
                pista="dtype minitorch.float64 y se esperaba minitorch.float32")
        rechaza(almacenamiento.comparte_con_numpy, lecturas, lecturas, pista="es de tipo numpy.ndarray")


# --- Ejercicio 6: posicion(indice, strides, desplazamiento) --------------------------------------------

def posicion_con_bucle(indice, strides, desplazamiento=0):
    resultado = desplazamiento
    for i, paso in zip(indice, strides):
        resultado += i * paso
    return resultado


def no_escrita(*args):
    raise NotImplementedError


class TestPosicion:
    @pytest.mark.parametrize("funcion", [
        posicion_con_bucle,
        lambda indice, strides, desplazamiento: desplazamiento + sum(i * s for i, s in zip(indice, strides)),
        position,
    ])
    def test_acepta(self, funcion):
        mensaje = acierta(almacenamiento.posicion, funcion)
        assert "12 vistas" in mensaje

    def test_olvidar_el_desplazamiento(self):
        rechaza(almacenamiento.posicion, lambda i, s, d: posicion_con_bucle(i, s), pista="se quedan 4 por debajo")

    def test_strides_al_reves(self):
        rechaza(almacenamiento.posicion, lambda i, s, d: posicion_con_bucle(i, s[::-1], d),
                pista="si los strides estuvieran en el orden contrario")

    def test_otro_error_dice_indice_y_posicion(self):
        rechaza(almacenamiento.posicion, lambda i, s, d: posicion_con_bucle(i, s, d) + (i == (2, 0)),
                pista="el elemento de índice (2, 0) está en la posición 8 del almacenamiento, pero "
                      "posicion((2, 0), (4, 1), 0) da 9")

    def test_rechaza_lo_que_no_es_un_entero(self):
        rechaza(almacenamiento.posicion, lambda i, s, d: float(posicion_con_bucle(i, s, d)), pista="de tipo float")
        rechaza(almacenamiento.posicion, lambda i, s, d: minitorch.tensor(posicion_con_bucle(i, s, d)),
                pista="es un tensor y una posición de la lista es un entero de Python")

    def test_un_error_de_la_funcion_es_una_pista(self):
        rechaza(almacenamiento.posicion, lambda i, s, d: d + i[0] * s[0] + i[1] * s[1],
                pista="posicion((0,), (1,), 0) lanzó IndexError")
        rechaza(almacenamiento.posicion, 3, pista="no se puede llamar")

    def test_sin_resolver(self):
        for esbozo in (..., no_escrita):
            correcto, mensaje = almacenamiento.posicion.evaluar(esbozo)
            assert not correcto and mensaje.startswith("⏳"), mensaje


# --- Ejercicio 7: MiTensor ---------------------------------------------------------------------------

class MiTensor(TensorDeLista):
    """Una solución correcta: la de referencia, la base de la que parte MiTensor en 03_strides."""


class MiTensorConOtroTolist(MiTensor):
    """Otra solución correcta: tolist sobre la lista plana de elementos, troceada de la última dimensión a la primera."""

    def posicion(self, indice):
        if any(i >= n or i < 0 for i, n in zip(indice, self.forma)):
            raise IndexError("fuera de rango")
        return sum((i * s for i, s in zip(indice, self.strides)), self.desplazamiento)

    def tolist(self):
        plano = [self[i] for i in itertools.product(*(range(n) for n in self.forma))]
        for n in reversed(self.forma[1:]):
            plano = [plano[k:k + n] for k in range(0, len(plano), n)]
        return plano if self.forma else plano[0]


class CopiaLaLista(MiTensor):
    def __init__(self, almacenamiento, forma, strides, desplazamiento=0):
        super().__init__(list(almacenamiento), forma, strides, desplazamiento)


class FormaEnLista(MiTensor):
    def __init__(self, almacenamiento, forma, strides, desplazamiento=0):
        super().__init__(almacenamiento, forma, strides, desplazamiento)
        self.forma = list(forma)


class SinDesplazamiento(MiTensor):
    def posicion(self, indice):
        return super().posicion(indice) - self.desplazamiento


class StridesAlReves(MiTensor):
    def posicion(self, indice):
        super().posicion(indice)
        return posicion_con_bucle(indice, self.strides[::-1], self.desplazamiento)


class SinIndexError(MiTensor):
    def posicion(self, indice):
        return posicion_con_bucle(indice, self.strides, self.desplazamiento)


class OtroError(MiTensor):
    def posicion(self, indice):
        if any(i >= n for i, n in zip(indice, self.forma)):
            raise ValueError("fuera de rango")
        return super().posicion(indice)


class DevuelveLaPosicion(MiTensor):
    def __getitem__(self, indice):
        return self.posicion(indice)


class TolistConTuplas(MiTensor):
    def tolist(self):
        lista = super().tolist()
        return tuple(tuple(x) if isinstance(x, list) else x for x in lista) if isinstance(lista, list) else lista


class TolistPlano(MiTensor):
    def tolist(self):
        return [self[i] for i in itertools.product(*(range(n) for n in self.forma))]


class EsbozoDelAlumno:
    def __init__(self, almacenamiento, forma, strides, desplazamiento=0):
        raise NotImplementedError

    def posicion(self, indice):
        raise NotImplementedError

    def __getitem__(self, indice):
        raise NotImplementedError

    def tolist(self):
        raise NotImplementedError


class AMedias(MiTensor):
    def __getitem__(self, indice):
        raise NotImplementedError


class TestMiTensor:
    @pytest.mark.parametrize("clase", [MiTensor, MiTensorConOtroTolist])
    def test_acepta(self, clase):
        mensaje = acierta(almacenamiento.mi_tensor, clase)
        assert "sin copiar la lista" in mensaje

    @pytest.mark.parametrize("clase, pista", [
        (CopiaLaLista, "guarda una copia de la lista que recibe"),
        (FormaEnLista, "el atributo forma de tu MiTensor vale [5] y se esperaba (5,)"),
        (SinDesplazamiento, "en la fila 1 de esa matriz (forma (4,), strides (1,), desplazamiento 4), todas tus "
                            "posiciones se quedan 4 por debajo"),
        (StridesAlReves, "si los strides estuvieran en el orden contrario"),
        (SinIndexError, "t.posicion((5,)) da 5, pero la dimensión 0 solo tiene 5 elementos"),
        (OtroError, "lanza ValueError"),
        (DevuelveLaPosicion, "que es la posición del elemento y no el número guardado en ella"),
        (TolistConTuplas, "se esperaban listas de Python anidadas"),
        (TolistPlano, "con una matriz contigua de 3×4 (forma (3, 4), strides (4, 1), desplazamiento 0), t.tolist() da "
                      "[100, 101,"),
    ])
    def test_rechaza(self, clase, pista):
        rechaza(almacenamiento.mi_tensor, clase, pista=pista)

    def test_una_dimension_de_tamano_1_concuerda_en_singular(self):
        vector = minitorch.tensor([100])
        with pytest.raises(RespuestaIncorrecta, match=r"solo tiene 1 elemento \(índices 0 a 0\)"):
            _exigir_index_error(SinIndexError([100], (1,), (1,), 0), vector, "un vector de 1 elemento")

    def test_rechaza_lo_que_no_es_una_clase(self):
        rechaza(almacenamiento.mi_tensor, MiTensor([1], (1,), (1,)), pista="se esperaba la clase MiTensor")

    def test_sin_resolver(self):
        for esbozo, metodo in ((EsbozoDelAlumno, "MiTensor.__init__"), (AMedias, "MiTensor.__getitem__")):
            correcto, mensaje = almacenamiento.mi_tensor.evaluar(esbozo)
            assert not correcto and mensaje.startswith("⏳") and metodo in mensaje, mensaje
        assert almacenamiento.mi_tensor.evaluar(...)[1].startswith("⏳")
