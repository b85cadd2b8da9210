"""Los comprobadores de los ejercicios de 02_almacenamiento y 03_strides.

Cada comprobador acepta las respuestas correctas (también las que se escriben de otra manera), rechaza los
errores típicos con la pista en español que les corresponde y no delata el código de la solución. Las
soluciones de los propios cuadernos las ejecuta nbval.
"""

import numpy as np
import pytest

import minitorch
from minitorch.ejercicios import almacenamiento, strides
from minitorch.strides import contiguous_strides

# Palabras del código de las soluciones que ninguna pista debe contener.
DELATORAS = ("from_numpy", "as_tensor", "expand", "as_strided", "clone", "zero_", "fill_", "storage()")


def acepta(comprobador, *args):
    correcto, mensaje = comprobador.evaluar(*args)
    assert correcto, mensaje
    assert mensaje.startswith(f"✅ {comprobador.titulo}: ¡correcto!")
    return mensaje


def rechaza(comprobador, *args, pista):
    correcto, mensaje = comprobador.evaluar(*args)
    assert not correcto, f"se aceptó una respuesta incorrecta: {mensaje}"
    assert mensaje.startswith(f"❌ {comprobador.titulo}: ")
    assert pista in mensaje, f"se esperaba la pista «{pista}» y llegó: {mensaje}"
    for palabra in DELATORAS:
        assert palabra not in mensaje, f"la pista delata la solución ({palabra}): {mensaje}"
    return mensaje


def puntos():
    return minitorch.tensor([[1.0, 4.0], [2.0, 1.0], [3.0, 5.0]])


def datos():
    return minitorch.arange(12.0).view(3, 4)


# --- 02_almacenamiento -------------------------------------------------------------------------------

class TestBytesAlmacenamiento:
    def test_acepta_los_bytes_de_todo_el_almacenamiento(self):
        fila = puntos()[1]
        mensaje = acepta(almacenamiento.bytes_almacenamiento, 24, fila)
        assert "solo usa 8 bytes" in mensaje and "almacenamiento de 24" in mensaje
        acepta(almacenamiento.bytes_almacenamiento, 24.0, fila)

    def test_lo_esperado_sale_del_tensor_que_recibe(self):
        fila = minitorch.zeros(5, 3, dtype=minitorch.float64)[1]  # 15 elementos de 8 bytes
        acepta(almacenamiento.bytes_almacenamiento, 120, fila)
        rechaza(almacenamiento.bytes_almacenamiento, 40, fila, pista="no es lo que ocupa el almacenamiento")

    def test_contar_solo_la_vista_tiene_su_pista(self):
        rechaza(almacenamiento.bytes_almacenamiento, 8, puntos()[1], pista="la fila es una vista")

    def test_si_no_es_una_vista_los_bytes_de_la_fila_son_los_correctos(self):
        acepta(almacenamiento.bytes_almacenamiento, 8, minitorch.tensor([2.0, 1.0]))

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
        mensaje = acepta(almacenamiento.ultima_fila, d[-1], d)
        assert "posición 8" in mensaje
        acepta(almacenamiento.ultima_fila, d[2, :], d)
        acepta(almacenamiento.ultima_fila, d.select(0, 2), d)

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
        mensaje = acepta(almacenamiento.columna_independiente, d[:, 0].clone(), d)
        assert "solo 3 elementos" in mensaje
        acepta(almacenamiento.columna_independiente, d[:, 0].contiguous(), d)

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
        lambda d: d.__setitem__((slice(None), 1), 0.0),
        lambda d: d.t()[1].mul_(0),
    ])
    def test_acepta_escribir_a_traves_de_una_vista(self, escribir):
        d = datos()
        antes = d.clone()
        escribir(d)
        acepta(almacenamiento.columna_a_cero, d, antes)
        assert antes.equal(datos()), "el comprobador no debe modificar «antes»"

    def test_rechaza_escribir_en_una_copia(self):
        d = datos()
        antes = d.clone()
        d[:, 1].clone().zero_()
        rechaza(almacenamiento.columna_a_cero, d, antes, pista="datos no ha cambiado")

    def test_rechaza_un_tensor_nuevo(self):
        antes = datos()
        nuevo = minitorch.where(minitorch.arange(4) == 1, 0.0, antes)
        rechaza(almacenamiento.columna_a_cero, nuevo, antes, pista="es un tensor nuevo")

    def test_rechaza_otra_columna(self):
        d = datos()
        antes = d.clone()
        d[:, 2] = 0.0
        rechaza(almacenamiento.columna_a_cero, d, antes, pista="el elemento [0, 1] vale 1.0 y debería valer 0.0")


class TestComparteConNumpy:
    def test_acepta_un_tensor_que_comparte_memoria(self):
        lecturas = np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32)
        acepta(almacenamiento.comparte_con_numpy, minitorch.from_numpy(lecturas), lecturas)
        acepta(almacenamiento.comparte_con_numpy, minitorch.as_tensor(lecturas), lecturas)

    def test_rechaza_una_copia(self):
        lecturas = np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32)
        rechaza(almacenamiento.comparte_con_numpy, minitorch.tensor(lecturas), lecturas, pista="es una copia")

    def test_rechaza_otro_dtype_y_el_propio_array(self):
        lecturas = np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32)
        rechaza(almacenamiento.comparte_con_numpy, minitorch.from_numpy(lecturas.astype(np.float64)), lecturas,
                pista="dtype minitorch.float64 y se esperaba minitorch.float32")
        rechaza(almacenamiento.comparte_con_numpy, lecturas, lecturas, pista="es de tipo numpy.ndarray")


# --- 03_strides -------------------------------------------------------------------------------------

def _strides_bien(forma):
    strides, paso = [], 1
    for tamano in reversed(forma):
        strides.append(paso)
        paso *= tamano
    return list(reversed(strides))  # una lista también vale


class TestStridesContiguos:
    def test_acepta_la_regla(self):
        acepta(strides.strides_contiguos, _strides_bien)
        acepta(strides.strides_contiguos, contiguous_strides)

    def test_rechaza_el_orden_al_reves(self):
        rechaza(strides.strides_contiguos, lambda forma: tuple(_strides_bien(forma))[::-1],
                pista="strides_contiguos((3, 2)) vale (1, 2) y se esperaba (2, 1)")

    def test_rechaza_una_funcion_sin_escribir_o_que_falla(self):
        def sin_escribir(forma):
            raise NotImplementedError

        rechaza(strides.strides_contiguos, sin_escribir, pista="todavía no está escrita")
        rechaza(strides.strides_contiguos, lambda forma: (forma[1] * forma[2], forma[2], 1),
                pista="strides_contiguos((3, 2)) lanzó IndexError")
        rechaza(strides.strides_contiguos, None, pista="no se puede llamar")


def _tensores_del_ejercicio():
    m = datos()
    return {"m": m, "m.t()": m.t(), "m[1:]": m[1:], "m[:, 1:]": m[:, 1:], "m.t().contiguous()": m.t().contiguous()}


class TestContiguidad:
    # Lo que responde PyTorch 2.13 para esos cinco tensores.
    CORRECTA = [True, False, True, False, True]

    def test_acepta_la_prediccion_correcta(self):
        acepta(strides.contiguidad, self.CORRECTA, _tensores_del_ejercicio())
        acepta(strides.contiguidad, tuple(self.CORRECTA), _tensores_del_ejercicio())

    def test_lo_esperado_sale_de_is_contiguous(self):
        tensores = _tensores_del_ejercicio()
        assert self.CORRECTA == [t.is_contiguous() for t in tensores.values()]
        otros = {"x[:, ::2]": datos()[:, ::2], "x[::2]": datos()[::2]}
        acepta(strides.contiguidad, [False, False], otros)

    def test_la_pista_nombra_el_primer_tensor_equivocado(self):
        respuesta = [True, False, True, True, False]
        rechaza(strides.contiguidad, respuesta, _tensores_del_ejercicio(), pista="te has equivocado con m[:, 1:]")

    @pytest.mark.parametrize("respuesta, pista", [
        ([True, False], "tiene 2 respuestas y hay 5 tensores"),
        ([1, 0, 1, 0, 1], "la respuesta para m es 1; se esperaba True o False"),
        (True, "es de tipo bool y se esperaba una lista"),
    ])
    def test_rechaza_respuestas_mal_formadas(self, respuesta, pista):
        rechaza(strides.contiguidad, respuesta, _tensores_del_ejercicio(), pista=pista)


class TestDisposicion:
    def corte(self):
        return minitorch.arange(20.0).view(4, 5)[1:, ::2]

    def test_acepta_desplazamiento_y_strides(self):
        corte = self.corte()
        esperado = (corte.storage_offset(), corte.stride())
        acepta(strides.disposicion, esperado, corte)
        acepta(strides.disposicion, [5, [5, 2]], corte)  # lo que da PyTorch 2.13 para m[1:, ::2]

    def test_lo_esperado_sale_de_la_vista(self):
        otro = minitorch.arange(20.0).view(4, 5)[2:, 1::3]
        acepta(strides.disposicion, (11, (5, 3)), otro)  # comprobado con PyTorch 2.13
        rechaza(strides.disposicion, (5, (5, 2)), otro, pista="el desplazamiento 5 no es correcto")

    @pytest.mark.parametrize("respuesta, pista", [
        ((0, (5, 2)), "el desplazamiento 0 no es correcto"),
        ((5, (5, 1)), "los strides (5, 1) no son correctos"),
        ((5, 5), "los strides 5 no son correctos"),
        (5, "se esperaba una pareja"),
        ((minitorch.tensor(5), (5, 2)), "no tensores"),
    ])
    def test_rechaza(self, respuesta, pista):
        rechaza(strides.disposicion, respuesta, self.corte(), pista=pista)


class TestColumnasRepetidas:
    def test_acepta_una_vista_con_stride_cero(self):
        valores = minitorch.tensor([1.0, 2.0, 3.0])
        mensaje = acepta(strides.columnas_repetidas, valores.view(3, 1).expand(3, 4), valores, 4)
        assert "strides (1, 0)" in mensaje
        acepta(strides.columnas_repetidas, valores[:, None].expand(-1, 4), valores, 4)
        acepta(strides.columnas_repetidas, valores.as_strided((3, 4), (1, 0)), valores, 4)

    def test_rechaza_una_copia(self):
        valores = minitorch.tensor([1.0, 2.0, 3.0])
        copia = minitorch.stack([valores] * 4, dim=1)
        rechaza(strides.columnas_repetidas, copia, valores, 4, pista="es una copia")

    def test_rechaza_filas_en_vez_de_columnas(self):
        valores = minitorch.tensor([1.0, 2.0, 3.0])
        rechaza(strides.columnas_repetidas, valores.expand(4, 3), valores, 4,
                pista="tiene forma (4, 3) y se esperaba (3, 4)")


class TestVentanas:
    def test_acepta_las_ventanas_como_vista(self):
        serie = minitorch.arange(10.0)
        mensaje = acepta(strides.ventanas, serie.as_strided((4, 4), (2, 1)), serie, 4, 2)
        assert "strides (2, 1), 4 ventanas" in mensaje

    def test_lo_esperado_depende_del_tamano_y_del_salto(self):
        serie = minitorch.arange(7.0)
        acepta(strides.ventanas, serie.as_strided((5, 3), (1, 1)), serie, 3, 1)
        serie = minitorch.arange(8.0)
        acepta(strides.ventanas, serie.as_strided((3, 2), (3, 1)), serie, 2, 3)
        rechaza(strides.ventanas, serie.as_strided((3, 2), (3, 1)), serie, 2, 2, pista="forma (3, 2) y se esperaba (4, 2)")

    def test_rechaza_una_copia(self):
        serie = minitorch.arange(10.0)
        copia = minitorch.stack([serie[i:i + 4] for i in (0, 2, 4, 6)])
        rechaza(strides.ventanas, copia, serie, 4, 2, pista="es una copia")

    def test_rechaza_un_salto_equivocado(self):
        serie = minitorch.arange(10.0)
        rechaza(strides.ventanas, serie.as_strided((4, 4), (1, 1)), serie, 4, 2,
                pista="el elemento [1, 0] vale 1.0 y debería valer 2.0")


def test_el_comprobador_imprime_una_linea_y_no_devuelve_nada(capsys):
    d = datos()
    assert almacenamiento.ultima_fila(d[-1], d) is None
    assert strides.disposicion((0, (1,)), d[:, 0]) is None
    salida = capsys.readouterr().out.splitlines()
    assert len(salida) == 2
    assert salida[0].startswith("✅ Ejercicio 2 (una fila sin copiar): ¡correcto!")
    assert salida[1].startswith("❌ Ejercicio 3 (desplazamiento y strides de un corte): los strides (1,)")
