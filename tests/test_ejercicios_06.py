"""Los comprobadores de 06_nn_module y su figura, el árbol de módulos (draw_module_tree).

Cada respuesta equivocada es la que escribiría un alumno (olvidar super().__init__(), un tensor sin
nn.Parameter, los ganchos sin quitar...), y la prueba exige la pista concreta, no solo el ❌. Los dos esbozos
de la copia del alumnado (``...`` y ``raise NotImplementedError``) dan ⏳. Comprobar un ejercicio no debe
mover la semilla global del cuaderno.
"""

import re

import pytest

import minitorch as torch  # noqa: E402
from minitorch import nn  # noqa: E402
from minitorch.ejercicios import nn_module  # noqa: E402
from minitorch.figures import draw_module_tree  # noqa: E402
from minitorch.figures.style import MONO  # noqa: E402
from ayudas_ejercicios import acierta, falla_con, sin_resolver  # noqa: E402


def _sin_numeros_mal_concordados(mensaje):
    """«1 capas», «1 formas», «1 ganchos»: un 1 (que no sea parte de otro número) con un plural detrás."""
    assert not re.search(r"(?<![\d.,])1 (capas|formas|ganchos|claves|parámetros)", mensaje), mensaje


# --- Ejercicio 1: Sequential ------------------------------------------------------------------------

def test_red_secuencial_acepta_la_solucion():
    correcta = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    assert "403 parámetros" in acierta(nn_module.red_secuencial, correcta)


@pytest.mark.parametrize("respuesta, pistas", [
    (nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3)), ["tiene 3 capas y se esperaban 5"]),
    (nn.Sequential(nn.Linear(4, 3)), ["tiene 1 capa y se esperaban 5"]),
    (nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3)),
     ["la capa 1 es Tanh() y se esperaba un ReLU"]),
    (nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 3)),
     ["la capa 2 es Linear(in_features=16, out_features=8, bias=True)"]),
    (nn.ModuleList([nn.Linear(4, 3)]), ["nn.Sequential"]),
    ([nn.Linear(4, 3)], ["se esperaba un módulo"]),
])
def test_red_secuencial_reconoce_los_errores_tipicos(respuesta, pistas):
    _sin_numeros_mal_concordados(falla_con(nn_module.red_secuencial, respuesta, pistas=pistas))


def test_red_secuencial_sin_resolver():
    sin_resolver(nn_module.red_secuencial, ...)


# --- Ejercicio 2: MiLineal --------------------------------------------------------------------------

class MiLineal(nn.Module):
    def __init__(self, entradas, salidas):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(salidas, entradas))
        self.bias = nn.Parameter(torch.randn(salidas))

    def forward(self, x):
        return x @ self.weight.t() + self.bias


class ConLinealDentro(nn.Module):
    """Otra solución válida: no hace falta escribir la fórmula si los nombres y las formas son los pedidos."""

    def __init__(self, entradas, salidas):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(salidas, entradas))
        self.bias = nn.Parameter(torch.zeros(salidas))
        nn.init.uniform_(self.weight, -1, 1)

    def forward(self, x):
        return nn.functional.linear(x, self.weight, self.bias)


class ConRegisterParameter(MiLineal):
    """Otra solución válida: registrar los parámetros con register_parameter en lugar de asignarlos."""

    def __init__(self, entradas, salidas):
        nn.Module.__init__(self)
        self.register_parameter("weight", nn.Parameter(torch.randn(salidas, entradas)))
        self.register_parameter("bias", nn.Parameter(torch.randn(salidas)))


class SinSuper(MiLineal):
    def __init__(self, entradas, salidas):
        self.weight = nn.Parameter(torch.randn(salidas, entradas))


class SinParameter(MiLineal):
    def __init__(self, entradas, salidas):
        nn.Module.__init__(self)
        self.weight = torch.randn(salidas, entradas, requires_grad=True)
        self.bias = torch.randn(salidas, requires_grad=True)


class Traspuesta(MiLineal):
    def __init__(self, entradas, salidas):
        super().__init__(entradas, salidas)
        self.weight = nn.Parameter(torch.randn(entradas, salidas))

    def forward(self, x):
        return x @ self.weight + self.bias


class SinSesgoEnForward(MiLineal):
    def forward(self, x):
        return x @ self.weight.t()


class OtrosNombres(nn.Module):
    def __init__(self, entradas, salidas):
        super().__init__()
        self.w = nn.Parameter(torch.randn(salidas, entradas))
        self.b = nn.Parameter(torch.randn(salidas))

    def forward(self, x):
        return x @ self.w.t() + self.b


class SinForward(nn.Module):
    def __init__(self, entradas, salidas):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(salidas, entradas))
        self.bias = nn.Parameter(torch.randn(salidas))


class SinEscribir(nn.Module):
    """El esbozo de la copia del alumnado: ni __init__ ni forward están escritos."""

    def __init__(self, entradas, salidas):
        # TU CÓDIGO AQUÍ
        raise NotImplementedError

    def forward(self, x):
        # TU CÓDIGO AQUÍ
        raise NotImplementedError


class SinEscribirForward(MiLineal):
    """A medio hacer: __init__ escrito, forward todavía con el esbozo."""

    def forward(self, x):
        # TU CÓDIGO AQUÍ
        raise NotImplementedError


@pytest.mark.parametrize("solucion", [MiLineal, ConLinealDentro, ConRegisterParameter])
def test_mi_lineal_acepta_las_soluciones(solucion):
    assert "8 parámetros" in acierta(nn_module.mi_lineal, solucion)


@pytest.mark.parametrize("respuesta, pistas", [
    (SinSuper, ["AttributeError", "super().__init__()"]),
    (SinParameter, ["no tiene parámetros", "tensor corriente"]),
    (Traspuesta, ["la forma de MiLineal(3, 2).weight vale (3, 2) y se esperaba (2, 3)"]),
    (SinSesgoEnForward, ["MiLineal(3, 2)(x)", "no coinciden"]),
    (OtrosNombres, ["se llaman ['w', 'b']", "weight y bias"]),
    (SinForward, ["no define forward"]),
    (nn.Linear(3, 2), ["se esperaba una clase"]),
    (int, ["no hereda de nn.Module"]),
])
def test_mi_lineal_reconoce_los_errores_tipicos(respuesta, pistas):
    mensaje = falla_con(nn_module.mi_lineal, respuesta, pistas=pistas)
    assert "nn.Parameter(" not in mensaje  # la pista dice qué falla, no cómo se escribe


@pytest.mark.parametrize("esbozo, pista", [
    (SinEscribir, "MiLineal.__init__ todavía no está escrita"),
    (SinEscribirForward, "MiLineal.forward todavía no está escrita"),
    (..., "cambia cada «...»"),
])
def test_mi_lineal_sin_resolver(esbozo, pista):
    assert pista in sin_resolver(nn_module.mi_lineal, esbozo)


# --- Ejercicio 3: claves de state_dict --------------------------------------------------------------

class Bloque(nn.Module):
    def __init__(self):
        super().__init__()
        self.escala = torch.ones(3)
        self.lineal = nn.Linear(3, 3)
        self.register_buffer("media", torch.zeros(3))


CLAVES = ["0.media", "0.lineal.weight", "0.lineal.bias", "2.media", "2.lineal.weight", "2.lineal.bias"]


def _modelo_del_enunciado():
    return nn.Sequential(Bloque(), nn.ReLU(), Bloque())


def test_claves_state_dict_acepta_la_solucion():
    modelo = _modelo_del_enunciado()
    assert list(modelo.state_dict()) == CLAVES
    acierta(nn_module.claves_state_dict, CLAVES, modelo)
    acierta(nn_module.claves_state_dict, tuple(CLAVES), modelo)


@pytest.mark.parametrize("respuesta, pistas", [
    (CLAVES + ["0.escala"], ["'0.escala' no es una clave", "registrados"]),
    (CLAVES[1:3] + CLAVES[4:], ["te faltan 2 claves", "forma (3,)"]),
    (CLAVES[:-1], ["te falta 1 clave, que guarda un tensor de forma (3,)"]),
    ([CLAVES[1], CLAVES[2], CLAVES[0]] + CLAVES[3:], ["en otro orden", "primero sus propios parámetros y buffers"]),
    (["0.lineal.weight"] * 2 + CLAVES, ["repite"]),
    ("0.media", ["lista de cadenas"]),
])
def test_claves_state_dict_reconoce_los_errores_tipicos(respuesta, pistas):
    _sin_numeros_mal_concordados(
        falla_con(nn_module.claves_state_dict, respuesta, _modelo_del_enunciado(), pistas=pistas))


def test_claves_state_dict_sin_resolver():
    sin_resolver(nn_module.claves_state_dict, ..., _modelo_del_enunciado())


def test_las_claves_coinciden_con_pytorch():
    pytorch = pytest.importorskip("torch")

    class BloqueDePyTorch(pytorch.nn.Module):
        def __init__(self):
            super().__init__()
            self.escala = pytorch.ones(3)
            self.lineal = pytorch.nn.Linear(3, 3)
            self.register_buffer("media", pytorch.zeros(3))

    modelo = pytorch.nn.Sequential(BloqueDePyTorch(), pytorch.nn.ReLU(), BloqueDePyTorch())
    assert list(modelo.state_dict()) == CLAVES


# --- Ejercicio 4: ganchos ---------------------------------------------------------------------------

def anotar_formas(modelo, x):
    formas = []
    manejadores = [hijo.register_forward_hook(lambda m, e, s: formas.append(tuple(s.shape)))
                   for hijo in modelo.children()]
    modelo(x)
    for manejador in manejadores:
        manejador.remove()
    return formas


def con_try_finally(modelo, x):
    """Otra solución válida: los manejadores se quitan en un finally, con nombres en vez de una lambda."""
    formas, manejadores = [], []

    def anotar(modulo, entradas, salida):
        formas.append(tuple(salida.shape))

    try:
        for _, hijo in modelo.named_children():
            manejadores.append(hijo.register_forward_hook(anotar))
        modelo(x)
    finally:
        for manejador in manejadores:
            manejador.remove()
    return formas


def sin_quitar(modelo, x):
    formas = []
    for hijo in modelo.children():
        hijo.register_forward_hook(lambda m, e, s: formas.append(tuple(s.shape)))
    modelo(x)
    return formas


def formas_de_entrada(modelo, x):
    formas = []
    manejadores = [hijo.register_forward_hook(lambda m, e, s: formas.append(tuple(e[0].shape)))
                   for hijo in modelo.children()]
    modelo(x)
    for manejador in manejadores:
        manejador.remove()
    return formas


def en_todos_los_modulos(modelo, x):
    formas = []
    manejadores = [m.register_forward_hook(lambda m, e, s: formas.append(tuple(s.shape))) for m in modelo.modules()]
    modelo(x)
    for manejador in manejadores:
        manejador.remove()
    return formas


def sin_escribir(modelo, x):
    # TU CÓDIGO AQUÍ
    raise NotImplementedError


@pytest.mark.parametrize("solucion", [anotar_formas, con_try_finally])
def test_anotar_formas_acepta_las_soluciones(solucion):
    acierta(nn_module.anotar_formas, solucion)


@pytest.mark.parametrize("respuesta, pistas", [
    (sin_quitar, ["conserva 3 ganchos", "siguen registrados"]),
    (formas_de_entrada, ["vale ((4, 3), (4, 5), (4, 5)) y se esperaba ((4, 5), (4, 5), (4, 2))"]),
    (en_todos_los_modulos, ["anotó 4 formas", "3 capas hijas"]),
    (lambda modelo, x: [], ["lista vacía"]),
    (lambda modelo, x: None, ["None"]),
    (lambda modelo, x: {}, ["devolvió un dict"]),
])
def test_anotar_formas_reconoce_los_errores_tipicos(respuesta, pistas):
    _sin_numeros_mal_concordados(falla_con(nn_module.anotar_formas, respuesta, pistas=pistas))


def test_anotar_formas_concuerda_en_singular():
    """El tercer caso tiene una sola capa: «un modelo de 1 capa», «1 capa hija», «1 gancho»."""
    def sin_quitar_en_la_ultima(modelo, x):
        return anotar_formas(modelo, x) if len(modelo) > 1 else sin_quitar(modelo, x)

    def dos_formas_en_la_ultima(modelo, x):
        return anotar_formas(modelo, x) + ([(7, 1)] if len(modelo) == 1 else [])

    mensaje = falla_con(nn_module.anotar_formas, sin_quitar_en_la_ultima,
                         pistas=["un modelo de 1 capa y", "conserva 1 gancho:"])
    _sin_numeros_mal_concordados(mensaje)
    mensaje = falla_con(nn_module.anotar_formas, dos_formas_en_la_ultima,
                         pistas=["anotó 2 formas y el modelo tiene 1 capa hija"])
    _sin_numeros_mal_concordados(mensaje)


def test_anotar_formas_sin_resolver():
    assert "anotar_formas todavía no está escrita" in sin_resolver(nn_module.anotar_formas, sin_escribir)
    sin_resolver(nn_module.anotar_formas, ...)


# --- La figura: draw_module_tree ----------------------------------------------------------------------

class Anidado(nn.Module):
    def __init__(self):
        super().__init__()
        self.cuerpo = nn.Sequential(nn.Linear(2, 3), nn.ReLU())
        self.cabeza = nn.Linear(3, 1, bias=False)
        self.escala = nn.Parameter(torch.ones(1))


def _textos(figura):
    return [t.get_text() for ax in figura.axes for t in ax.texts if MONO in t.get_fontfamily()]


def test_el_arbol_dibuja_cada_modulo_con_su_nombre_su_clase_y_sus_parametros(dibuja):
    modelo = Anidado()
    textos = _textos(dibuja(draw_module_tree, modelo, name="red"))
    # Cada caja, de arriba abajo: el nombre con puntos, la clase y una línea por parámetro propio con su forma.
    esperados = []
    for nombre, modulo in modelo.named_modules():
        esperados.append(["red" if nombre == "" else nombre, type(modulo).__name__,
                          *(f"{n} {tuple(p.shape)}" for n, p in modulo.named_parameters(recurse=False))])
    cajas, i = [], 0
    while i < len(textos):  # las cajas se dibujan en postorden; se reconocen por su nombre
        caja = next(e for e in esperados if e[0] == textos[i])
        cajas.append(textos[i:i + len(caja)])
        i += len(caja)
    assert sorted(cajas) == sorted(esperados)
    assert ["cuerpo.0", "Linear", "weight (3, 2)", "bias (3,)"] in cajas
    assert ["cabeza", "Linear", "weight (1, 3)"] in cajas  # bias=False: no hay sesgo que dibujar
    assert ["red", "Anidado", "escala (1,)"] in cajas  # los parámetros propios, no los de los hijos
    assert ["cuerpo.1", "ReLU"] in cajas


def test_el_arbol_tiene_una_caja_por_modulo_y_una_flecha_por_hijo(dibuja):
    modelo = Anidado()
    figura = dibuja(draw_module_tree, modelo)
    modulos = len(list(modelo.modules()))
    assert len(figura.axes[0].patches) == 2 * modulos - 1


def test_las_flechas_van_del_borde_de_abajo_del_padre_al_de_arriba_del_hijo(dibuja):
    figura = dibuja(draw_module_tree, nn.Sequential(nn.Linear(2, 2)))
    ax = figura.axes[0]
    padre, hijo = sorted((p for p in ax.patches if hasattr(p, "get_boxstyle")), key=lambda p: -p.get_y())
    (flecha,) = (p for p in ax.patches if not hasattr(p, "get_boxstyle"))
    inicio, fin = flecha._posA_posB
    assert inicio[1] == pytest.approx(padre.get_y())
    assert fin[1] == pytest.approx(hijo.get_y() + hijo.get_height())
    assert hijo.get_height() > padre.get_height()  # la caja de la Linear lleva dos líneas más: weight y bias


def test_el_arbol_solo_acepta_modulos():
    with pytest.raises(TypeError, match="nn.Module"):
        draw_module_tree(torch.ones(2))
