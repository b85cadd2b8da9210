"""Los comprobadores de 05_nn_module y 06_entrenamiento, y las figuras de minitorch/figures/training.py.

Cada respuesta equivocada es la que escribiría un alumno (olvidar super().__init__(), un tensor sin
nn.Parameter, los hooks sin quitar, el gradiente acumulado, Dropout encendido al evaluar...), y la prueba
exige la pista concreta, no solo el ❌. Comprobar un ejercicio no debe mover la semilla global del cuaderno.
"""

import math

import matplotlib

matplotlib.use("Agg")  # antes de importar pyplot: ninguna prueba debe abrir ventanas

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import minitorch as torch  # noqa: E402
from minitorch import nn  # noqa: E402
from minitorch.ejercicios import _comprobacion, entrenamiento, nn_module  # noqa: E402
from minitorch.figures import draw_module_tree, plot_decision_boundary, plot_losses  # noqa: E402
from minitorch.figures.style import MONO  # noqa: E402
from minitorch.figures.training import predicted_classes  # noqa: E402
from test_spelling import desconocidas, hunspell  # noqa: E402,F401 (hunspell es un fixture)


def _evaluar_sin_mover_la_semilla(comprobador, *respuesta):
    """Evalúa la respuesta y exige que el generador global siga dando lo mismo que antes de comprobarla."""
    torch.manual_seed(123)
    esperado = torch.rand(4)
    torch.manual_seed(123)
    resultado = comprobador.evaluar(*respuesta)
    assert torch.rand(4).equal(esperado), f"{comprobador.titulo} ha movido la semilla global"
    return resultado


def _falla_con(comprobador, *respuesta, pistas=()):
    correcto, mensaje = _evaluar_sin_mover_la_semilla(comprobador, *respuesta)
    assert not correcto, mensaje
    assert mensaje.startswith(f"❌ {comprobador.titulo}: ")
    for pista in pistas:
        assert pista in mensaje, mensaje
    return mensaje


def _acierta(comprobador, *respuesta):
    correcto, mensaje = _evaluar_sin_mover_la_semilla(comprobador, *respuesta)
    assert correcto, mensaje
    assert mensaje.startswith(f"✅ {comprobador.titulo}: ¡correcto!")
    return mensaje


# --- 05, ejercicio 1: MiLineal ----------------------------------------------------------------------

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


class SinSuper(MiLineal):
    def __init__(self, entradas, salidas):
        self.weight = nn.Parameter(torch.randn(salidas, entradas))


class SinParameter(MiLineal):
    def __init__(self, entradas, salidas):
        super().__init__(entradas, salidas)
        del self.weight, self.bias
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


class SinEscribir(nn.Module):
    def __init__(self, entradas, salidas):
        raise NotImplementedError


def test_mi_lineal_acepta_las_soluciones():
    assert "8 parámetros" in _acierta(nn_module.mi_lineal, MiLineal)
    _acierta(nn_module.mi_lineal, ConLinealDentro)


@pytest.mark.parametrize("respuesta, pistas", [
    (SinSuper, ["AttributeError", "super().__init__()"]),
    (SinParameter, ["no tiene parámetros", "nn.Parameter"]),
    (Traspuesta, ["la forma de MiLineal(3, 2).weight vale (3, 2) y se esperaba (2, 3)"]),
    (SinSesgoEnForward, ["MiLineal(3, 2)(x)", "no coinciden"]),
    (OtrosNombres, ["se llaman ['w', 'b']", "weight y bias"]),
    (SinEscribir, ["SinEscribir todavía no está escrita"]),
    (nn.Linear(3, 2), ["se esperaba una clase"]),
    (int, ["heredar de nn.Module"]),
])
def test_mi_lineal_reconoce_los_errores_tipicos(respuesta, pistas):
    _falla_con(nn_module.mi_lineal, respuesta, pistas=pistas)


# --- 05, ejercicio 2: Sequential --------------------------------------------------------------------

def test_red_secuencial():
    correcta = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    assert "403 parámetros" in _acierta(nn_module.red_secuencial, correcta)
    _falla_con(nn_module.red_secuencial, nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3)),
               pistas=["tiene 3 capas y se esperaban 5"])
    _falla_con(nn_module.red_secuencial,
               nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3)),
               pistas=["la capa 1 es Tanh() y se esperaba un ReLU"])
    _falla_con(nn_module.red_secuencial,
               nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 3)),
               pistas=["la capa 2 es Linear(in_features=16, out_features=8, bias=True)"])
    _falla_con(nn_module.red_secuencial, nn.ModuleList([nn.Linear(4, 3)]), pistas=["nn.Sequential"])
    _falla_con(nn_module.red_secuencial, [nn.Linear(4, 3)], pistas=["se esperaba un módulo"])


# --- 05, ejercicio 3: claves de state_dict ----------------------------------------------------------

class Bloque(nn.Module):
    def __init__(self):
        super().__init__()
        self.escala = torch.ones(3)
        self.lineal = nn.Linear(3, 3)
        self.register_buffer("media", torch.zeros(3))


CLAVES = ["0.media", "0.lineal.weight", "0.lineal.bias", "2.media", "2.lineal.weight", "2.lineal.bias"]


def test_claves_state_dict():
    modelo = nn.Sequential(Bloque(), nn.ReLU(), Bloque())
    assert list(modelo.state_dict()) == CLAVES  # el enunciado del cuaderno, comprobado con PyTorch a mano
    _acierta(nn_module.claves_state_dict, CLAVES, modelo)
    _falla_con(nn_module.claves_state_dict, CLAVES + ["0.escala"], modelo,
               pistas=["'0.escala' no es una clave", "registrados"])
    _falla_con(nn_module.claves_state_dict, CLAVES[1:3] + CLAVES[4:], modelo,
               pistas=["te faltan 2 claves", "forma (3,)"])
    _falla_con(nn_module.claves_state_dict, [CLAVES[1], CLAVES[2], CLAVES[0]] + CLAVES[3:], modelo,
               pistas=["en otro orden", "primero sus propios parámetros y buffers"])
    _falla_con(nn_module.claves_state_dict, ["0.lineal.weight"] * 2 + CLAVES, modelo, pistas=["repite"])
    _falla_con(nn_module.claves_state_dict, "0.media", modelo, pistas=["lista de cadenas"])


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


# --- 05, ejercicio 4: hooks -------------------------------------------------------------------------

def anotar_formas(modelo, x):
    formas = []
    manejadores = [hijo.register_forward_hook(lambda m, e, s: formas.append(tuple(s.shape)))
                   for hijo in modelo.children()]
    modelo(x)
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
    with_handles = [hijo.register_forward_hook(lambda m, e, s: formas.append(tuple(e[0].shape)))
                    for hijo in modelo.children()]
    modelo(x)
    for handle in with_handles:
        handle.remove()
    return formas


def en_todos_los_modulos(modelo, x):
    formas = []
    manejadores = [m.register_forward_hook(lambda m, e, s: formas.append(tuple(s.shape))) for m in modelo.modules()]
    modelo(x)
    for manejador in manejadores:
        manejador.remove()
    return formas


def test_anotar_formas():
    _acierta(nn_module.anotar_formas, anotar_formas)
    _falla_con(nn_module.anotar_formas, sin_quitar, pistas=["conserva 3 hooks", "handle"])
    _falla_con(nn_module.anotar_formas, formas_de_entrada, pistas=["vale ((4, 3), (4, 5), (4, 5)) y se esperaba ((4, 5), (4, 5), (4, 2))"])
    _falla_con(nn_module.anotar_formas, en_todos_los_modulos, pistas=["anotó 4 formas", "3 capas hijas"])
    _falla_con(nn_module.anotar_formas, lambda modelo, x: [], pistas=["lista vacía"])
    _falla_con(nn_module.anotar_formas, lambda modelo, x: None, pistas=["None"])


def test_semilla_intacta_restaura_el_generador_aunque_falle():
    torch.manual_seed(5)
    esperado = torch.rand(3)
    torch.manual_seed(5)
    with pytest.raises(ZeroDivisionError):
        with _comprobacion.semilla_intacta():
            torch.rand(100)
            1 / 0
    assert torch.rand(3).equal(esperado)


# --- 06, ejercicio 1: una época por lotes -----------------------------------------------------------

def _pasos_del_lote(modelo, funcion_perdida, optimizador, xb, yb, borrar=True):
    perdida = funcion_perdida(modelo(xb), yb)
    if borrar:
        optimizador.zero_grad()
    perdida.backward()
    optimizador.step()
    return perdida.item()


def una_epoca(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    total = 0.0
    for inicio in range(0, len(X), tamano_lote):
        xb, yb = X[inicio:inicio + tamano_lote], y[inicio:inicio + tamano_lote]
        total += _pasos_del_lote(modelo, funcion_perdida, optimizador, xb, yb) * len(xb)
    return total / len(X)


def con_dataloader(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    cargador = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=tamano_lote)
    total = 0.0
    for xb, yb in cargador:
        total += _pasos_del_lote(modelo, funcion_perdida, optimizador, xb, yb) * len(xb)
    return total / len(X)


def sin_zero_grad(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    total = 0.0
    for inicio in range(0, len(X), tamano_lote):
        xb, yb = X[inicio:inicio + tamano_lote], y[inicio:inicio + tamano_lote]
        total += _pasos_del_lote(modelo, funcion_perdida, optimizador, xb, yb, borrar=False) * len(xb)
    return total / len(X)


def zero_grad_tarde(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    for inicio in range(0, len(X), tamano_lote):
        perdida = funcion_perdida(modelo(X[inicio:inicio + tamano_lote]), y[inicio:inicio + tamano_lote])
        perdida.backward()
        optimizador.zero_grad()
        optimizador.step()
    return 0.0


def todo_de_golpe(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    return _pasos_del_lote(modelo, funcion_perdida, optimizador, X, y)


def media_sin_ponderar(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    perdidas = [_pasos_del_lote(modelo, funcion_perdida, optimizador, X[i:i + tamano_lote], y[i:i + tamano_lote])
                for i in range(0, len(X), tamano_lote)]
    return sum(perdidas) / len(perdidas)


def suma(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    return sum(_pasos_del_lote(modelo, funcion_perdida, optimizador, X[i:i + tamano_lote], y[i:i + tamano_lote])
               for i in range(0, len(X), tamano_lote))


def sin_ultimo_lote(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    total = 0.0
    for inicio in range(0, len(X) - tamano_lote + 1, tamano_lote):
        xb, yb = X[inicio:inicio + tamano_lote], y[inicio:inicio + tamano_lote]
        total += _pasos_del_lote(modelo, funcion_perdida, optimizador, xb, yb) * len(xb)
    return total / len(X)


def devuelve_tensor(modelo, funcion_perdida, optimizador, X, y, tamano_lote):
    una_epoca(modelo, funcion_perdida, optimizador, X, y, tamano_lote)
    return torch.tensor(0.5)


def test_una_epoca_acepta_las_soluciones():
    _acierta(entrenamiento.una_epoca, una_epoca)
    _acierta(entrenamiento.una_epoca, con_dataloader)


@pytest.mark.parametrize("respuesta, pistas", [
    (sin_zero_grad, ["gradiente acumulado", "zero_grad", "antes de cada backward()"]),
    (zero_grad_tarde, ["los parámetros siguen igual", "step() tiene que ir después de backward()"]),
    (todo_de_golpe, ["un solo paso con los 23 ejemplos", "lote de 5"]),
    (media_sin_ponderar, ["media de las pérdidas de los lotes", "último lote tiene menos ejemplos"]),
    (suma, ["la suma de las pérdidas"]),
    (sin_ultimo_lote, ["el último, más pequeño"]),
    (devuelve_tensor, ["es un tensor", "item()"]),
    (lambda *args: None, ["los parámetros siguen igual"]),
])
def test_una_epoca_reconoce_los_errores_tipicos(respuesta, pistas):
    _falla_con(entrenamiento.una_epoca, respuesta, pistas=pistas)


# --- 06, ejercicio 2: evaluar ------------------------------------------------------------------------

def evaluar(modelo, funcion_perdida, X, y):
    modo = modelo.training
    modelo.eval()
    with torch.no_grad():
        perdida = funcion_perdida(modelo(X), y).item()
    modelo.train(modo)
    return perdida


def sin_eval(modelo, funcion_perdida, X, y):
    with torch.no_grad():
        return funcion_perdida(modelo(X), y).item()


def sin_no_grad(modelo, funcion_perdida, X, y):
    modo = modelo.training
    modelo.eval()
    perdida = funcion_perdida(modelo(X), y).item()
    modelo.train(modo)
    return perdida


def siempre_train(modelo, funcion_perdida, X, y):
    modelo.eval()
    with torch.no_grad():
        perdida = funcion_perdida(modelo(X), y).item()
    modelo.train()
    return perdida


def se_queda_en_eval(modelo, funcion_perdida, X, y):
    modelo.eval()
    with torch.no_grad():
        return funcion_perdida(modelo(X), y).item()


def apaga_el_grafo(modelo, funcion_perdida, X, y):
    modo = modelo.training
    modelo.eval()
    torch.set_grad_enabled(False)
    perdida = funcion_perdida(modelo(X), y).item()
    modelo.train(modo)
    return perdida


def devuelve_el_tensor(modelo, funcion_perdida, X, y):
    modo = modelo.training
    modelo.eval()
    with torch.no_grad():
        perdida = funcion_perdida(modelo(X), y)
    modelo.train(modo)
    return perdida


def test_evaluar_acepta_la_solucion():
    _acierta(entrenamiento.evaluar, evaluar)


@pytest.mark.parametrize("respuesta, pistas", [
    (sin_eval, ["modo entrenamiento", "Dropout apaga elementos"]),
    (sin_no_grad, ["construye el grafo", "torch.no_grad()"]),
    (siempre_train, ["con el modelo en modo evaluación", "se queda en modo entrenamiento"]),
    (se_queda_en_eval, ["se queda en modo evaluación"]),
    (apaga_el_grafo, ["sigue apagado"]),
    (devuelve_el_tensor, ["es un tensor", "item()"]),
])
def test_evaluar_reconoce_los_errores_tipicos(respuesta, pistas):
    _falla_con(entrenamiento.evaluar, respuesta, pistas=pistas)
    assert torch.is_grad_enabled()


# --- 06, ejercicio 3: la tasa de aprendizaje ---------------------------------------------------------

@pytest.fixture(scope="module")
def regresion():
    generador = torch.Generator().manual_seed(7)
    X = torch.randn(100, 2, generator=generador) * torch.tensor([1.0, 3.0])
    return X, X @ torch.tensor([[3.0], [-2.0]]) + 1.0


def test_la_tasa_de_aprendizaje_tiene_una_ventana(regresion):
    X, y = regresion
    # La MSE de un modelo lineal tiene hessiana H = 2·AᵀA/n, con A = [X, 1]. El descenso del gradiente diverge
    # con tasas mayores que 2/λmax(H) (≈ 2/18: la segunda variable tiene escala 3) y es lento con las pequeñas.
    A = np.c_[X.numpy(), np.ones(len(X))].astype(np.float64)
    limite = 2 / np.linalg.eigvalsh(2 * A.T @ A / len(X)).max()
    assert 0.1 < limite < 0.15
    for tasa in (0.04, 0.05, 0.1):
        _acierta(entrenamiento.tasa_de_aprendizaje, tasa, X, y)
    _falla_con(entrenamiento.tasa_de_aprendizaje, 0.01, X, y, pistas=["demasiado cortos", "tasa mayor"])
    _falla_con(entrenamiento.tasa_de_aprendizaje, 1.05 * limite, X, y, pistas=["diverge", "más pequeña"])
    _falla_con(entrenamiento.tasa_de_aprendizaje, 0.5, X, y, pistas=["diverge"])
    _falla_con(entrenamiento.tasa_de_aprendizaje, -0.1, X, y, pistas=["positiva"])
    _falla_con(entrenamiento.tasa_de_aprendizaje, torch.tensor(0.05), X, y, pistas=["número de Python"])
    _falla_con(entrenamiento.tasa_de_aprendizaje, "0.05", X, y, pistas=["de tipo str"])


def test_la_referencia_de_la_regresion_es_sgd_con_mse(regresion):
    """El descenso del gradiente del comprobador, contra su fórmula escrita con numpy."""
    X, y = regresion
    perdidas = entrenamiento._perdidas_regresion(0.05, X, y, pasos=5)
    A, b = np.c_[X.numpy(), np.ones(100)].astype(np.float64), y.numpy()[:, 0].astype(np.float64)
    w = np.zeros(3)
    esperadas = []
    for _ in range(5):
        error = A @ w - b
        esperadas.append((error ** 2).mean())
        w -= 0.05 * 2 * A.T @ error / len(b)
    np.testing.assert_allclose(perdidas, esperadas, rtol=1e-5)


# --- 06, ejercicio 4: número de pasos ---------------------------------------------------------------

def test_numero_de_pasos():
    assert "8 lotes, o 7" in _acierta(entrenamiento.numero_de_pasos, (80, 70), 300, 40, 10)
    _acierta(entrenamiento.numero_de_pasos, [30, 30], 300, 100, 10)
    _falla_con(entrenamiento.numero_de_pasos, (70, 70), 300, 40, 10, pistas=["el último lote", "drop_last"])
    _falla_con(entrenamiento.numero_de_pasos, (80, 80), 300, 40, 10, pistas=["el último lote"])
    _falla_con(entrenamiento.numero_de_pasos, (3000, 70), 300, 40, 10, pistas=["cuenta ejemplos, no lotes"])
    _falla_con(entrenamiento.numero_de_pasos, (75, 70), 300, 40, 10,
               pistas=["el número de pasos sin drop_last vale 75 y se esperaba 80"])
    _falla_con(entrenamiento.numero_de_pasos, (80.0, 70), 300, 40, 10, pistas=["número entero"])
    _falla_con(entrenamiento.numero_de_pasos, 80, 300, 40, 10, pistas=["pareja"])


# --- Las figuras de los cuadernos 05 y 06 --------------------------------------------------------------

def _textos(figura, *, code=None):
    artistas = [t for ax in figura.axes for t in ax.texts]
    if code is not None:
        artistas = [t for t in artistas if (MONO in t.get_fontfamily()) == code]
    return [t.get_text() for t in artistas]


@pytest.fixture
def dibuja():
    figuras = []

    def llamar(funcion, *args, **kwargs):
        figura = funcion(*args, **kwargs)
        figuras.append(figura)
        return figura

    yield llamar
    for figura in figuras:
        plt.close(figura)


class Anidado(nn.Module):
    def __init__(self):
        super().__init__()
        self.cuerpo = nn.Sequential(nn.Linear(2, 3), nn.ReLU())
        self.cabeza = nn.Linear(3, 1)


def test_el_arbol_dibuja_cada_modulo_con_su_nombre_y_su_clase(dibuja):
    modelo = Anidado()
    figura = dibuja(draw_module_tree, modelo, name="red")
    textos = _textos(figura, code=True)
    esperados = ["red" if nombre == "" else nombre for nombre, _ in modelo.named_modules()]
    assert sorted(textos[0::2]) == sorted(esperados)
    assert sorted(textos[1::2]) == sorted(type(m).__name__ for m in modelo.modules())
    assert len(figura.axes[0].patches) == 2 * len(esperados) - 1  # una caja por módulo y una flecha por hijo
    with pytest.raises(TypeError, match="nn.Module"):
        draw_module_tree(torch.ones(2))


def test_las_curvas_de_perdida(dibuja):
    curvas = {"SGD": [0.7, 0.6, 0.5], "Adam": [0.7, 0.3, 0.1]}
    figura = dibuja(plot_losses, curvas, log=True)
    ax = figura.axes[0]
    assert [linea.get_label() for linea in ax.get_lines()] == ["SGD", "Adam"]
    assert list(ax.get_lines()[1].get_ydata()) == curvas["Adam"]
    assert list(ax.get_lines()[0].get_xdata()) == [1, 2, 3]
    assert ax.get_yscale() == "log"
    figura.canvas.draw()
    etiquetas = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert etiquetas and not any("$" in e for e in etiquetas), etiquetas
    with pytest.raises(ValueError, match="vacío"):
        plot_losses({})


def test_la_frontera_de_decision_sale_del_modelo(dibuja):
    modelo = nn.Linear(2, 2)
    with torch.no_grad():
        modelo.weight.copy_(torch.tensor([[1.0, 0.0], [-1.0, 0.0]]))
        modelo.bias.zero_()
    X = torch.tensor([[-1.0, 0.0], [1.0, 1.0], [2.0, -1.0]])
    y = torch.tensor([1, 0, 0])
    assert predicted_classes(modelo, X).tolist() == [1, 0, 0]
    figura = dibuja(plot_decision_boundary, modelo, X, y, resolution=50)
    ax = figura.axes[0]
    regiones, contorno, *nubes = ax.collections
    assert sorted(len(nube.get_offsets()) for nube in nubes) == [1, 2]  # una nube de puntos por clase
    # La frontera de este modelo es la recta x1 = 0: el contorno entre las dos regiones cae ahí.
    frontera = np.concatenate([trazo.vertices for trazo in contorno.get_paths()])
    assert len(frontera) and np.allclose(frontera[:, 0], 0.0, atol=0.05)
    solo_puntos = dibuja(plot_decision_boundary, None, X, y)
    assert len(solo_puntos.axes[0].collections) == 2  # sin modelo, solo las dos nubes
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        plot_decision_boundary(modelo, torch.ones(3, 3), y)


def test_la_frontera_no_cambia_el_modo_del_modelo():
    modelo = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
    X = torch.randn(4, 2)
    predicted_classes(modelo, X)
    assert modelo.training
    modelo.eval()
    predicted_classes(modelo, X)
    assert not modelo.training


def test_los_textos_de_las_figuras_estan_en_espanol(hunspell, dibuja):
    figuras = [dibuja(plot_losses, {"a": [1.0, 0.5], "b": [1.0, 0.2]}, log=True),
               dibuja(plot_decision_boundary, nn.Linear(2, 2), torch.randn(5, 2), torch.tensor([0, 1, 0, 1, 1]))]
    textos = []
    for figura in figuras:
        for ax in figura.axes:
            textos += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
            legend = ax.get_legend()
            if legend is not None:
                textos += [t.get_text() for t in legend.get_texts()]
    assert desconocidas("\n".join(textos)) == []


# --- El experimento de «de minitorch a PyTorch» --------------------------------------------------------

def _experimento(biblioteca, epocas):
    """El de 06_entrenamiento: datos, modelo y Adam con la biblioteca que se pase."""
    biblioteca.manual_seed(0)
    angulo = biblioteca.sqrt(biblioteca.rand(150)) * 2.5 * math.pi
    brazo = biblioteca.stack([angulo * biblioteca.cos(angulo), angulo * biblioteca.sin(angulo)], dim=1) / (2.5 * math.pi)
    X = biblioteca.cat([brazo, -brazo]) + 0.04 * biblioteca.randn(300, 2)
    y = biblioteca.cat([biblioteca.zeros(150, dtype=biblioteca.long), biblioteca.ones(150, dtype=biblioteca.long)])
    datos = biblioteca.utils.data.TensorDataset(X, y)
    cargador = biblioteca.utils.data.DataLoader(datos, batch_size=30, shuffle=True)
    biblioteca.manual_seed(1)
    nn_ = biblioteca.nn
    modelo = nn_.Sequential(nn_.Linear(2, 64), nn_.Tanh(), nn_.Linear(64, 64), nn_.Tanh(), nn_.Linear(64, 2))
    optimizador = biblioteca.optim.Adam(modelo.parameters(), lr=0.01)
    perdidas = []
    biblioteca.manual_seed(2)
    for _ in range(epocas):
        for xb, yb in cargador:
            perdida = nn_.functional.cross_entropy(modelo(xb), yb)
            optimizador.zero_grad()
            perdida.backward()
            optimizador.step()
            perdidas.append(perdida.item())
    return perdidas


def test_el_experimento_del_cuaderno_da_lo_mismo_que_pytorch():
    pytorch = pytest.importorskip("torch")
    nuestras, suyas = _experimento(torch, 3), _experimento(pytorch, 3)
    np.testing.assert_allclose(nuestras, suyas, rtol=1e-4, atol=1e-5)
