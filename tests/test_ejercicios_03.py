"""Los comprobadores de los ejercicios de 03_strides.

Cada comprobador acepta las respuestas correctas (también las que se escriben de otra manera), rechaza los
errores típicos con la pista en español que les corresponde y no delata el código de la solución. Las
soluciones de los propios cuadernos las ejecuta nbval.
"""

import pytest

import minitorch
from minitorch.ejercicios import strides
from minitorch.ejercicios.strides import CASOS_EXPAND, CASOS_VIEW, DISPOSICIONES, TensorDeLista
from minitorch.strides import contiguous_strides, expand_strides, expanded_shape, is_contiguous, view_strides
from ayudas_ejercicios import acierta, datos, falla_con, rechaza, sin_resolver


def _esbozo(*args):
    raise NotImplementedError


def _strides_bien(forma):
    strides, paso = [], 1
    for tamano in reversed(forma):
        strides.append(paso)
        paso *= tamano
    return list(reversed(strides))  # una lista también vale


class TestStridesContiguos:
    def test_acepta_la_regla(self):
        acierta(strides.strides_contiguos, _strides_bien)
        acierta(strides.strides_contiguos, contiguous_strides)

    def test_rechaza_el_orden_al_reves(self):
        rechaza(strides.strides_contiguos, lambda forma: tuple(_strides_bien(forma))[::-1],
                pista="strides_contiguos((3, 2)) vale (1, 2) y se esperaba (2, 1)")

    def test_el_esbozo_esta_sin_resolver(self):
        sin_resolver(strides.strides_contiguos, _esbozo)
        sin_resolver(strides.strides_contiguos, ...)

    def test_rechaza_una_funcion_que_falla_o_que_no_lo_es(self):
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
        acierta(strides.contiguidad, self.CORRECTA, _tensores_del_ejercicio())
        acierta(strides.contiguidad, tuple(self.CORRECTA), _tensores_del_ejercicio())

    def test_lo_esperado_sale_de_is_contiguous(self):
        tensores = _tensores_del_ejercicio()
        assert self.CORRECTA == [t.is_contiguous() for t in tensores.values()]
        otros = {"x[:, ::2]": datos()[:, ::2], "x[::2]": datos()[::2]}
        acierta(strides.contiguidad, [False, False], otros)

    def test_la_pista_nombra_el_primer_tensor_equivocado(self):
        respuesta = [True, False, True, True, False]
        rechaza(strides.contiguidad, respuesta, _tensores_del_ejercicio(), pista="te has equivocado con m[:, 1:]")

    @pytest.mark.parametrize("respuesta, pista", [
        ([True, False], "tiene 2 respuestas y hay 5 casos"),
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
        acierta(strides.disposicion, esperado, corte)
        acierta(strides.disposicion, [5, [5, 2]], corte)  # lo que da PyTorch 2.13 para m[1:, ::2]

    def test_lo_esperado_sale_de_la_vista(self):
        otro = minitorch.arange(20.0).view(4, 5)[2:, 1::3]
        acierta(strides.disposicion, (11, (5, 3)), otro)  # comprobado con PyTorch 2.13
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
        mensaje = acierta(strides.columnas_repetidas, valores.view(3, 1).expand(3, 4), valores, 4)
        assert "strides (1, 0)" in mensaje
        acierta(strides.columnas_repetidas, valores[:, None].expand(-1, 4), valores, 4)
        acierta(strides.columnas_repetidas, valores.as_strided((3, 4), (1, 0)), valores, 4)

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
        mensaje = acierta(strides.ventanas, serie.as_strided((4, 4), (2, 1)), serie, 4, 2)
        assert "strides (2, 1), 4 ventanas" in mensaje

    def test_lo_esperado_depende_del_tamano_y_del_salto(self):
        serie = minitorch.arange(7.0)
        acierta(strides.ventanas, serie.as_strided((5, 3), (1, 1)), serie, 3, 1)
        serie = minitorch.arange(8.0)
        acierta(strides.ventanas, serie.as_strided((3, 2), (3, 1)), serie, 2, 3)
        rechaza(strides.ventanas, serie.as_strided((3, 2), (3, 1)), serie, 2, 2, pista="forma (3, 2) y se esperaba (4, 2)")

    def test_rechaza_una_copia(self):
        serie = minitorch.arange(10.0)
        copia = minitorch.stack([serie[i:i + 4] for i in (0, 2, 4, 6)])
        rechaza(strides.ventanas, copia, serie, 4, 2, pista="es una copia")

    def test_rechaza_un_salto_equivocado(self):
        serie = minitorch.arange(10.0)
        rechaza(strides.ventanas, serie.as_strided((4, 4), (1, 1)), serie, 4, 2,
                pista="el elemento [1, 0] vale 1.0 y debería valer 2.0")


@pytest.mark.parametrize("comprobador, args", [
    (strides.contiguidad, (..., _tensores_del_ejercicio())),
    (strides.disposicion, (..., datos()[1:])),
    (strides.columnas_repetidas, (..., minitorch.tensor([1.0, 2.0, 3.0]), 4)),
    (strides.ventanas, (..., minitorch.arange(10.0), 4, 2)),
])
def test_las_respuestas_sin_escribir_estan_sin_resolver(comprobador, args):
    sin_resolver(comprobador, *args)


def test_el_comprobador_imprime_una_linea_y_no_devuelve_nada(capsys):
    d = datos()
    assert strides.disposicion((0, (1,)), d[:, 0]) is None
    assert strides.disposicion((0, (4,)), d[:, 0]) is None
    salida = capsys.readouterr().out.splitlines()
    assert len(salida) == 2
    assert salida[0].startswith("❌ Ejercicio 3 (desplazamiento y strides de un corte): los strides (1,)")
    assert salida[1].startswith("✅ Ejercicio 3 (desplazamiento y strides de un corte): ¡correcto!")


# --- Ejercicio 4: ¿funcionará view? ---------------------------------------------------------------------

def _casos_de_view():
    m = datos()
    return {"m.view(6, 2)": (m, (6, 2)), "m[1:].view(8)": (m[1:], (8,)), "m.t().view(12)": (m.t(), (12,)),
            "m[:, :2].view(6)": (m[:, :2], (6,)), "m[::2].view(2, 2, 2)": (m[::2], (2, 2, 2)),
            "m[::2].view(8)": (m[::2], (8,))}


class TestPrediccionView:
    # Lo que hace PyTorch 2.13 con esos seis casos (TestComoPyTorch lo vuelve a comprobar si está instalado).
    CORRECTA = [True, True, False, False, True, False]

    def test_acepta_la_prediccion_correcta(self):
        acierta(strides.prediccion_view, self.CORRECTA, _casos_de_view())
        acierta(strides.prediccion_view, tuple(self.CORRECTA), _casos_de_view())

    def test_rechaza_la_regla_sencilla(self):
        # «view solo si es contiguo» se equivoca con m[::2].view(2, 2, 2), que divide una dimensión
        solo_contiguos = [tensor.is_contiguous() for tensor, _ in _casos_de_view().values()]
        rechaza(strides.prediccion_view, solo_contiguos, _casos_de_view(),
                pista="te has equivocado con m[::2].view(2, 2, 2): mira los strides")

    def test_rechaza_que_todo_funcione(self):
        rechaza(strides.prediccion_view, [True] * 6, _casos_de_view(), pista="te has equivocado con m.t().view(12)")

    @pytest.mark.parametrize("respuesta, pista", [
        ([True, False], "tiene 2 respuestas y hay 6 casos"),
        (["sí", True, False, False, True, False], "la respuesta para m.view(6, 2) es 'sí'"),
        ({"m.view(6, 2)": True}, "es de tipo dict y se esperaba una lista"),
    ])
    def test_rechaza_respuestas_mal_formadas(self, respuesta, pista):
        rechaza(strides.prediccion_view, respuesta, _casos_de_view(), pista=pista)

    def test_sin_resolver(self):
        sin_resolver(strides.prediccion_view, ..., _casos_de_view())


# --- Ejercicio 7: tu propio tensor (2) ------------------------------------------------------------------

class TestTensorDeLista:
    def test_lee_la_lista_con_la_formula(self):
        lista = list(range(12))
        x = TensorDeLista(lista, [4, 3], [1, 4], 0)
        assert x.almacenamiento is lista and x.forma == (4, 3) and x.strides == (1, 4) and x.desplazamiento == 0
        assert x.posicion((2, 1)) == 6 and x[2, 1] == 6
        assert x.tolist() == minitorch.arange(12).view(3, 4).t().tolist()
        assert TensorDeLista(lista, (5,), (2,), 1)[4] == 9
        assert TensorDeLista(lista, (), (), 7).tolist() == 7

    @pytest.mark.parametrize("indice", [(3, 0), (0, -1), (1,), (0, 0, 0)])
    def test_indice_fuera_de_rango(self, indice):
        with pytest.raises(IndexError):
            TensorDeLista(list(range(6)), (3, 2), (2, 1)).posicion(indice)

    def test_repr(self):
        assert repr(TensorDeLista([0] * 6, (3, 2), (2, 1))) == "TensorDeLista(forma=(3, 2), strides=(2, 1), desplazamiento=0)"


def _numel(forma):
    n = 1
    for tamano in forma:
        n *= tamano
    return n


class MiTensor(TensorDeLista):
    """La solución del cuaderno, con la regla sencilla de view (y type(self), para que _con la herede)."""

    def is_contiguous(self):
        esperado = 1
        for tamano, paso in zip(reversed(self.forma), reversed(self.strides)):
            if tamano != 1 and paso != esperado:
                return False
            esperado *= tamano
        return True

    def t(self):
        (filas, columnas), (paso_filas, paso_columnas) = self.forma, self.strides
        return type(self)(self.almacenamiento, (columnas, filas), (paso_columnas, paso_filas), self.desplazamiento)

    def view(self, *forma):
        if _numel(forma) != _numel(self.forma) or not self.is_contiguous():
            raise RuntimeError("view imposible")
        return type(self)(self.almacenamiento, forma, contiguous_strides(forma), self.desplazamiento)

    def expand(self, *forma):
        nuevas = len(forma) - len(self.forma)
        if nuevas < 0:
            raise RuntimeError("faltan dimensiones")
        strides_nuevos = []
        for d, tamano in enumerate(forma):
            if d < nuevas or (self.forma[d - nuevas] == 1 and tamano != 1):
                strides_nuevos.append(0)
            elif tamano == self.forma[d - nuevas]:
                strides_nuevos.append(self.strides[d - nuevas])
            else:
                raise RuntimeError("no se puede estirar")
        return type(self)(self.almacenamiento, forma, strides_nuevos, self.desplazamiento)


def _con(**metodos):
    """Una variante de MiTensor con algunos métodos cambiados (los errores típicos)."""
    return type("MiTensor", (MiTensor,), metodos)


def falla(comprobador, *args, pista):
    # Como rechaza, pero sin buscar palabras delatoras: aquí «view» y «expand» son el enunciado.
    return falla_con(comprobador, *args, pistas=(pista,))


class TestMiTensor:
    comprobar = staticmethod(strides.mi_tensor_con_strides)

    def test_acepta_la_solucion(self):
        acierta(self.comprobar, MiTensor)

    def test_acepta_la_regla_de_pytorch_y_type_self(self):
        # Con view_strides y expand_strides, los strides de las dimensiones de tamaño 1 son los de PyTorch, no
        # siempre los mismos que los de la regla sencilla: no cuentan.
        def view(self, *forma):
            nuevos = view_strides(self.forma, self.strides, forma) if _numel(forma) == _numel(self.forma) else None
            if nuevos is None:
                raise RuntimeError("view imposible")
            return type(self)(self.almacenamiento, forma, nuevos, self.desplazamiento)

        def expand(self, *forma):
            return type(self)(self.almacenamiento, expanded_shape(self.forma, forma),
                              expand_strides(self.forma, self.strides, forma), self.desplazamiento)

        acierta(self.comprobar, _con(is_contiguous=lambda self: is_contiguous(self.forma, self.strides),
                                    view=view, expand=expand))

    def test_rechaza_contiguo_sin_la_regla_del_tamano_1(self):
        falla(self.comprobar, _con(is_contiguous=lambda self: self.strides == contiguous_strides(self.forma)),
              pista="MiTensor(forma=(1, 3), strides=(1, 1), desplazamiento=0).is_contiguous() devolvió False y se "
                    "esperaba True: por una dimensión de tamaño 1 nunca se avanza")

    def test_rechaza_contiguo_mirando_solo_el_ultimo_stride(self):
        falla(self.comprobar, _con(is_contiguous=lambda self: self.strides[-1] == 1),
              pista="MiTensor(forma=(3, 2), strides=(4, 1), desplazamiento=1).is_contiguous() devolvió True y se "
                    "esperaba False: recórrelo por filas")

    def test_rechaza_un_return_olvidado(self):
        falla(self.comprobar, _con(is_contiguous=lambda self: None), pista="devolvió None y se esperaba True o False")

    def test_rechaza_t_que_copia_la_lista(self):
        def t(self):
            return type(self)(list(self.almacenamiento), self.forma[::-1], self.strides[::-1], self.desplazamiento)
        falla(self.comprobar, _con(t=t), pista=".t() devolvió un tensor con otra lista: una vista no copia")

    def test_rechaza_t_que_olvida_el_desplazamiento(self):
        falla(self.comprobar, _con(t=lambda self: type(self)(self.almacenamiento, self.forma[::-1], self.strides[::-1])),
              pista="MiTensor(forma=(2, 4), strides=(4, 1), desplazamiento=4).t() tiene desplazamiento 0 y se esperaba 4")

    def test_rechaza_t_que_no_cambia_los_strides(self):
        falla(self.comprobar, _con(t=lambda self: type(self)(self.almacenamiento, self.forma[::-1], self.strides)),
              pista=".t() tiene strides (4, 1) y se esperaban (1, 4)")

    def test_rechaza_t_que_cambia_el_original(self):
        def t(self):
            self.forma, self.strides = self.forma[::-1], self.strides[::-1]
            return self
        falla(self.comprobar, _con(t=t), pista=".t() cambió el tensor original")

    def test_rechaza_t_que_devuelve_la_clase_base(self):
        falla(self.comprobar, _con(t=lambda self: TensorDeLista(self.almacenamiento, self.forma[::-1],
                                                                 self.strides[::-1], self.desplazamiento)),
              pista=".t() devolvió un TensorDeLista y se esperaba un MiTensor nuevo")

    def test_rechaza_view_sin_mirar_los_strides(self):
        def view(self, *forma):
            if _numel(forma) != _numel(self.forma):
                raise RuntimeError("no")
            return type(self)(self.almacenamiento, forma, contiguous_strides(forma), self.desplazamiento)
        falla(self.comprobar, _con(view=view),
              pista="MiTensor(forma=(4, 3), strides=(1, 4), desplazamiento=0).view(12) tenía que lanzar RuntimeError")

    def test_rechaza_view_sin_contar_los_elementos(self):
        def view(self, *forma):
            if not self.is_contiguous():
                raise RuntimeError("no")
            return type(self)(self.almacenamiento, forma, contiguous_strides(forma), self.desplazamiento)
        falla(self.comprobar, _con(view=view), pista=".view(5, 2) tenía que lanzar RuntimeError")

    def test_rechaza_view_con_otro_error(self):
        def view(self, *forma):
            if not self.is_contiguous() or _numel(forma) != _numel(self.forma):
                raise ValueError("no")
            return type(self)(self.almacenamiento, forma, contiguous_strides(forma), self.desplazamiento)
        falla(self.comprobar, _con(view=view), pista=".view(5, 2) lanzó ValueError y PyTorch lanza RuntimeError")

    def test_rechaza_view_que_olvida_el_desplazamiento(self):
        def view(self, *forma):
            return MiTensor.view(type(self)(self.almacenamiento, self.forma, self.strides), *forma)
        falla(self.comprobar, _con(view=view),
              pista="MiTensor(forma=(2, 4), strides=(4, 1), desplazamiento=4).view(8) tiene desplazamiento 0 y se esperaba 4")

    def test_rechaza_view_que_recibe_una_tupla(self):
        def view(self, forma):
            return MiTensor.view(self, *forma)
        falla(self.comprobar, _con(view=view), pista=".view(12) lanzó TypeError")

    def test_rechaza_expand_sin_stride_cero(self):
        def expand(self, *forma):
            resultado = MiTensor.expand(self, *forma)
            nuevas = len(forma) - len(self.forma)
            resultado.strides = tuple(s if d < nuevas else self.strides[d - nuevas] for d, s in enumerate(resultado.strides))
            return resultado
        falla(self.comprobar, _con(expand=expand),
              pista="MiTensor(forma=(3, 1), strides=(1, 1), desplazamiento=0).expand(3, 4) tiene strides (1, 1) y se "
                    "esperaban (1, 0)")

    def test_rechaza_expand_que_estira_cualquier_dimension(self):
        def expand(self, *forma):
            nuevas = len(forma) - len(self.forma)
            return type(self)(self.almacenamiento, forma, [0] * nuevas + [0 if n != m else s for n, m, s in
                                                                       zip(self.forma, forma[nuevas:], self.strides)],
                            self.desplazamiento)
        falla(self.comprobar, _con(expand=expand),
              pista="MiTensor(forma=(3,), strides=(1,), desplazamiento=0).expand(3, 4) tenía que lanzar RuntimeError")

    def test_rechaza_algo_que_no_es_la_clase(self):
        falla(self.comprobar, MiTensor([0], (1,), (1,)), pista="se esperaba la clase MiTensor, hija de TensorDeLista")
        falla(self.comprobar, int, pista="se esperaba la clase MiTensor")

    def test_el_esbozo_esta_sin_resolver(self):
        esbozo = type("MiTensor", (TensorDeLista,), {n: _esbozo for n in ("is_contiguous", "t", "view", "expand")})
        mensaje = sin_resolver(self.comprobar, esbozo)
        assert "MiTensor.is_contiguous todavía no está escrita" in mensaje and "ya están bien" not in mensaje
        sin_resolver(self.comprobar, ...)

    def test_a_medio_hacer_dice_lo_que_ya_esta_bien(self):
        mensaje = sin_resolver(self.comprobar, _con(view=_esbozo, expand=_esbozo))
        assert "MiTensor.view todavía no está escrita" in mensaje
        assert "ya están bien: is_contiguous, t" in mensaje

    def test_los_view_no_contiguos_del_comprobador_fallan_en_minitorch(self):
        # Solo ahí coinciden la regla sencilla del enunciado y la de PyTorch.
        for (forma, strides_, desplazamiento), nueva in CASOS_VIEW:
            if not is_contiguous(forma, strides_):
                tensor = minitorch.arange(100).as_strided(forma, strides_, desplazamiento)
                with pytest.raises(RuntimeError):
                    tensor.view(nueva)


class TestComoPyTorch:
    """Lo que esperan los comprobadores (calculado con minitorch) es lo que hace PyTorch."""

    torch = None

    @pytest.fixture(autouse=True)
    def _torch(self):
        self.torch = pytest.importorskip("torch")

    def _los_dos(self, disposicion):
        forma, strides_, desplazamiento = disposicion
        return (minitorch.arange(100).as_strided(forma, strides_, desplazamiento),
                self.torch.arange(100).as_strided(forma, strides_, desplazamiento))

    def _igual(self, mini, real):
        assert tuple(mini.shape) == tuple(real.shape) and mini.stride() == real.stride()
        assert mini.storage_offset() == real.storage_offset() and mini.tolist() == real.tolist()

    def test_disposiciones_y_traspuestas(self):
        for disposicion in DISPOSICIONES:
            mini, real = self._los_dos(disposicion)
            assert mini.is_contiguous() == real.is_contiguous(), disposicion
            if mini.dim() == 2:
                self._igual(mini.t(), real.t())

    @pytest.mark.parametrize("metodo, casos", [("view", CASOS_VIEW), ("expand", CASOS_EXPAND)])
    def test_view_y_expand(self, metodo, casos):
        for disposicion, forma in casos:
            mini, real = self._los_dos(disposicion)
            try:
                esperado = getattr(real, metodo)(*forma)
            except RuntimeError:
                with pytest.raises(RuntimeError):
                    getattr(mini, metodo)(*forma)
            else:
                self._igual(getattr(mini, metodo)(*forma), esperado)

    def test_las_respuestas_de_los_ejercicios(self):
        m = self.torch.arange(12.0).view(3, 4)
        assert [t.is_contiguous() for t in (m, m.t(), m[1:], m[:, 1:], m.t().contiguous())] == TestContiguidad.CORRECTA
        casos = [(m, (6, 2)), (m[1:], (8,)), (m.t(), (12,)), (m[:, :2], (6,)), (m[::2], (2, 2, 2)), (m[::2], (8,))]
        funciona = []
        for tensor, forma in casos:
            try:
                tensor.view(forma)
                funciona.append(True)
            except RuntimeError:
                funciona.append(False)
        assert funciona == TestPrediccionView.CORRECTA
