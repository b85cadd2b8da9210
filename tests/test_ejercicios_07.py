"""Los comprobadores de 07_entrenamiento y sus figuras (minitorch/figures/training.py: curvas de pérdida y de
exactitud, frontera de decisión).

Cada respuesta equivocada es la que escribiría un alumno (un reparto sin barajar, el generador olvidado, el
momento que no se guarda entre pasos, la tasa de aprendizaje de self en lugar de la del grupo...), y la prueba
exige la pista concreta, no solo el ❌. Comprobar un ejercicio no debe mover la semilla global del cuaderno.

También el experimento de «De minitorch a PyTorch»: con PyTorch instalado, da lo mismo con las dos bibliotecas.
"""

import math

import matplotlib

matplotlib.use("Agg")  # antes de importar pyplot: ninguna prueba debe abrir ventanas

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import minitorch as torch  # noqa: E402
from minitorch import nn  # noqa: E402
from minitorch.ejercicios import _comprobacion, entrenamiento  # noqa: E402
from minitorch.figures import plot_decision_boundary, plot_losses  # noqa: E402
from minitorch.figures.training import predicted_classes  # noqa: E402
from minitorch.utils.data import Subset, random_split  # noqa: E402
from ayudas_ejercicios import acierta, falla_con, sin_resolver  # noqa: E402
from test_spelling import desconocidas, hunspell  # noqa: E402,F401 (hunspell es un fixture)


# --- Ejercicio 3: entrenamiento y validación ----------------------------------------------------------

def con_random_split(datos, fraccion, generador):
    return random_split(datos, [fraccion, 1 - fraccion], generator=generador)


def con_longitudes(datos, fraccion, generador):
    n = round(fraccion * len(datos))
    return random_split(datos, [n, len(datos) - n], generador)


def con_randperm(datos, fraccion, generador):
    orden = torch.randperm(len(datos), generator=generador).tolist()
    n = int(fraccion * len(datos))
    return Subset(datos, orden[:n]), Subset(datos, orden[n:])


def sin_generador(datos, fraccion, generador):
    return random_split(datos, [fraccion, 1 - fraccion])


def con_semilla_global(datos, fraccion, generador):
    torch.manual_seed(0)
    return random_split(datos, [fraccion, 1 - fraccion])


def sin_barajar(datos, fraccion, generador):
    n = round(fraccion * len(datos))
    return Subset(datos, range(n)), Subset(datos, range(n, len(datos)))


def al_reves(datos, fraccion, generador):
    return random_split(datos, [1 - fraccion, fraccion], generator=generador)


def dos_sorteos(datos, fraccion, generador):
    n = round(fraccion * len(datos))
    primero = torch.randperm(len(datos), generator=generador).tolist()
    segundo = torch.randperm(len(datos), generator=generador).tolist()
    return Subset(datos, primero[:n]), Subset(datos, segundo[n:])


def pierde_ejemplos(datos, fraccion, generador):
    orden = torch.randperm(len(datos), generator=generador).tolist()
    n, m = int(fraccion * len(datos)), int((1 - fraccion) * len(datos))
    return Subset(datos, orden[:n]), Subset(datos, orden[len(datos) - m:])


def devuelve_indices(datos, fraccion, generador):
    return [subconjunto.indices for subconjunto in con_random_split(datos, fraccion, generador)]


def test_dividir_acepta_las_soluciones():
    for solucion in (con_random_split, con_longitudes, con_randperm):
        acierta(entrenamiento.dividir, solucion)


@pytest.mark.parametrize("respuesta, pistas", [
    (sin_generador, ["misma semilla dan repartos distintos"]),
    (con_semilla_global, ["semillas distintas sale el mismo reparto", "generador que recibe"]),
    (sin_barajar, ["son los 240 primeros ejemplos", "al azar", "una sola clase"]),
    (al_reves, ["tiene 60 ejemplos y se esperaban 240", "al revés"]),
    (dos_sorteos, ["comparten", "no puede haberse usado para entrenar"]),
    (pierde_ejemplos, ["con 300 ejemplos", "hay 299 ejemplos", "se pierden"]),
    (devuelve_indices, ["el elemento 0 del conjunto de entrenamiento", "devuelves índices"]),
    (lambda datos, fraccion, generador: datos, ["se esperaba una pareja (entrenamiento, validacion)"]),
    (lambda datos, fraccion: None, ["lanzó TypeError"]),
    (42, ["se esperaba la función dividir"]),
])
def test_dividir_reconoce_los_errores_tipicos(respuesta, pistas):
    falla_con(entrenamiento.dividir, respuesta, pistas=pistas)


def test_dividir_sin_resolver():
    def esbozo(datos, fraccion, generador):
        # TU CÓDIGO AQUÍ
        raise NotImplementedError

    sin_resolver(entrenamiento.dividir, esbozo)
    sin_resolver(entrenamiento.dividir, ...)


# --- Ejercicio 6: SGD con momento ---------------------------------------------------------------------

class SGDConMomento(torch.optim.Optimizer):
    def __init__(self, params, lr, momentum):
        super().__init__(params, dict(lr=lr, momentum=momentum))

    @torch.no_grad()
    def step(self):
        for grupo in self.param_groups:
            for p in grupo["params"]:
                if p.grad is None:
                    continue
                estado = self.state[p]
                if "momentum_buffer" not in estado:
                    estado["momentum_buffer"] = p.grad.clone()
                else:
                    estado["momentum_buffer"].mul_(grupo["momentum"]).add_(p.grad)
                p -= grupo["lr"] * estado["momentum_buffer"]


class VelocidadDesdeCero(torch.optim.Optimizer):
    """Otra solución correcta: la velocidad empieza en cero y se reasigna en cada paso (0 · μ + g = g)."""

    def __init__(self, params, lr, momentum):
        super().__init__(params, {"lr": lr, "momentum": momentum})

    @torch.no_grad()
    def step(self):
        for grupo in self.param_groups:
            for p in (p for p in grupo["params"] if p.grad is not None):
                anterior = self.state[p].get("momentum_buffer", torch.zeros_like(p))
                velocidad = grupo["momentum"] * anterior + p.grad
                self.state[p]["momentum_buffer"] = velocidad
                p.sub_(grupo["lr"] * velocidad)


class ConDecaimiento(torch.optim.Optimizer):
    def __init__(self, params, lr, momentum, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for grupo in self.param_groups:
            for p in grupo["params"]:
                if p.grad is not None:
                    gradiente = p.grad + grupo["weight_decay"] * p
                    estado = self.state[p]
                    if "momentum_buffer" in estado:
                        gradiente = estado["momentum_buffer"].mul_(grupo["momentum"]).add_(gradiente)
                    estado["momentum_buffer"] = gradiente.clone()
                    p -= grupo["lr"] * gradiente


class DecaimientoOlvidado(ConDecaimiento):
    """Acepta weight_decay en la firma, pero no lo usa."""

    @torch.no_grad()
    def step(self):
        SGDConMomento.step(self)


def _con_paso(cuerpo):
    """Una subclase cuyo step() aplica ``cuerpo(optimizador, grupo, p, estado)`` a cada parámetro con gradiente."""

    class Variante(SGDConMomento):
        @torch.no_grad()
        def step(self):
            for grupo in self.param_groups:
                for p in grupo["params"]:
                    if p.grad is not None:
                        cuerpo(self, grupo, p, self.state[p])

    return Variante


def _sin_momento(opt, grupo, p, estado):
    estado["momentum_buffer"] = p.grad.clone()
    p -= grupo["lr"] * p.grad


def _media_movil_desde_cero(opt, grupo, p, estado):
    m = grupo["momentum"]
    estado["momentum_buffer"] = m * estado.get("momentum_buffer", torch.zeros_like(p)) + (1 - m) * p.grad
    p -= grupo["lr"] * estado["momentum_buffer"]


def _media_movil(opt, grupo, p, estado):
    m = grupo["momentum"]
    estado["momentum_buffer"] = m * estado["momentum_buffer"] + (1 - m) * p.grad if estado else p.grad.clone()
    p -= grupo["lr"] * estado["momentum_buffer"]


def _al_reves(opt, grupo, p, estado):
    estado["momentum_buffer"] = grupo["momentum"] * estado["momentum_buffer"] + p.grad if estado else p.grad.clone()
    p += grupo["lr"] * estado["momentum_buffer"]


def _sin_in_situ(opt, grupo, p, estado):
    estado["momentum_buffer"] = grupo["momentum"] * estado["momentum_buffer"] + p.grad if estado else p.grad.clone()
    p = p - grupo["lr"] * estado["momentum_buffer"]  # noqa: F841 (el error que se prueba: solo cambia la variable)


def _hiperparametros_de_self(opt, grupo, p, estado):
    estado["momentum_buffer"] = opt.momentum * estado["momentum_buffer"] + p.grad if estado else p.grad.clone()
    p -= opt.lr * estado["momentum_buffer"]


def _solo_lr_de_self(opt, grupo, p, estado):
    estado["momentum_buffer"] = grupo["momentum"] * estado["momentum_buffer"] + p.grad if estado else p.grad.clone()
    p -= opt.lr * estado["momentum_buffer"]


def _momento_de_self(opt, grupo, p, estado):
    estado["momentum_buffer"] = opt.momentum * estado["momentum_buffer"] + p.grad if estado else p.grad.clone()
    p -= grupo["lr"] * estado["momentum_buffer"]


def _no_guarda_la_velocidad(opt, grupo, p, estado):
    if "momentum_buffer" not in estado:
        estado["momentum_buffer"] = p.grad.clone()
        velocidad = estado["momentum_buffer"]
    else:
        velocidad = grupo["momentum"] * estado["momentum_buffer"] + p.grad
    p -= grupo["lr"] * velocidad


def _comparte_el_gradiente(opt, grupo, p, estado):
    if "momentum_buffer" not in estado:
        estado["momentum_buffer"] = p.grad
    else:
        estado["momentum_buffer"] = grupo["momentum"] * estado["momentum_buffer"] + p.grad
    p -= grupo["lr"] * estado["momentum_buffer"]


def _cambia_el_gradiente(opt, grupo, p, estado):
    if "momentum_buffer" in estado:
        p.grad.add_(grupo["momentum"] * estado["momentum_buffer"])
    estado["momentum_buffer"] = p.grad.clone()
    p -= grupo["lr"] * p.grad


class ConIndices(SGDConMomento):
    @torch.no_grad()
    def step(self):
        for grupo in self.param_groups:
            for i, p in enumerate(grupo["params"]):
                if p.grad is not None:
                    clave = (id(grupo), i)
                    if clave in self.state:
                        self.state[clave].mul_(grupo["momentum"]).add_(p.grad)
                    else:
                        self.state[clave] = p.grad.clone()
                    p -= grupo["lr"] * self.state[clave]


class SinSaltarseNone(SGDConMomento):
    @torch.no_grad()
    def step(self):
        for grupo in self.param_groups:
            for p in grupo["params"]:
                estado = self.state[p]
                if "momentum_buffer" not in estado:
                    estado["momentum_buffer"] = p.grad.clone()
                else:
                    estado["momentum_buffer"].mul_(grupo["momentum"]).add_(p.grad)
                p -= grupo["lr"] * estado["momentum_buffer"]


class SinSuper(torch.optim.Optimizer):
    def __init__(self, params, lr, momentum):
        self.params, self.lr, self.momentum = list(params), lr, momentum

    def step(self):
        pass


class SinDefaults(torch.optim.Optimizer):
    def __init__(self, params, lr, momentum):
        super().__init__(params, {})
        self.lr, self.momentum = lr, momentum

    step = SGDConMomento.step


class ZeroGradPropio(SGDConMomento):
    def zero_grad(self, set_to_none=True):
        pass


class NoHereda:
    def __init__(self, params, lr, momentum):
        pass


def _con_atributos(cuerpo):
    """Como _con_paso, con lr y momentum guardados también en self (para los errores que los usan)."""

    class Variante(_con_paso(cuerpo)):
        def __init__(self, params, lr, momentum):
            super().__init__(params, lr, momentum)
            self.lr, self.momentum = lr, momentum

    return Variante


def test_sgd_con_momento_acepta_las_soluciones():
    assert "también con weight_decay" not in acierta(entrenamiento.sgd_con_momento, SGDConMomento)
    acierta(entrenamiento.sgd_con_momento, VelocidadDesdeCero)
    assert "también con weight_decay" in acierta(entrenamiento.sgd_con_momento, ConDecaimiento)


@pytest.mark.parametrize("respuesta, pistas", [
    (_con_paso(_sin_momento), ["tras el paso 2 el parámetro 0 difiere", "sin momento", "¿guardas el momento entre pasos?"]),
    (_con_paso(_media_movil_desde_cero), ["tras el paso 1", "el primer paso debería usar el gradiente tal cual"]),
    (_con_paso(_media_movil), ["tras el paso 2", "media móvil", "el gradiente se suma entero"]),
    (_con_paso(_al_reves), ["tras el paso 1", "a favor del gradiente"]),
    (_con_paso(_sin_in_situ), ["no ha cambiado", "el propio tensor del parámetro"]),
    (_con_atributos(_hiperparametros_de_self), ["dos grupos", "paso 1 el parámetro 0", "se mueve con lr=0.1, pero su grupo tiene lr=0.3:"]),
    (_con_atributos(_solo_lr_de_self), ["dos grupos", "se mueve con lr=0.1, pero su grupo tiene lr=0.3:"]),
    (_con_atributos(_momento_de_self), ["dos grupos", "tras el paso 2 el parámetro 2",
                                        "se mueve con momentum=0.8, pero su grupo tiene momentum=0.5:"]),
    (_con_paso(_no_guarda_la_velocidad), ["tras el paso 2", "la velocidad guardada", "no es la que se ha usado"]),
    (_con_paso(_comparte_el_gradiente), ["tras el paso 1", "comparte memoria con su .grad"]),
    (_con_paso(_cambia_el_gradiente), ["el paso 2 ha cambiado p.grad", "solo tiene que leer el gradiente"]),
    (ConIndices, ["no hay velocidad en self.state[p]['momentum_buffer']", "el propio parámetro como clave"]),
    (SinSaltarseNone, ["lanzó AttributeError", "su .grad es None", "no debe tocar esos parámetros"]),
    (SinSuper, ["no tiene param_groups", "super().__init__(params, defaults)"]),
    (SinDefaults, ["no tiene la clave 'lr'", "defaults"]),
    (ZeroGradPropio, ["zero_grad(set_to_none=True) no deja los gradientes en None", "no hace falta redefinirlo"]),
    (NoHereda, ["no hereda de torch.optim.Optimizer"]),
    (SGDConMomento([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9), ["sin paréntesis"]),
    (DecaimientoOlvidado, ["weight_decay=0.01", "tras el paso 1 el parámetro 0 difiere", "como si no hubiera weight_decay"]),
])
def test_sgd_con_momento_reconoce_los_errores_tipicos(respuesta, pistas):
    falla_con(entrenamiento.sgd_con_momento, respuesta, pistas=pistas)


def test_sgd_con_momento_sin_resolver():
    class EsbozoEntero(torch.optim.Optimizer):
        def __init__(self, params, lr, momentum):
            # TU CÓDIGO AQUÍ
            raise NotImplementedError

        @torch.no_grad()
        def step(self):
            # TU CÓDIGO AQUÍ
            raise NotImplementedError

    class EsbozoDelPaso(SGDConMomento):
        @torch.no_grad()
        def step(self):
            # TU CÓDIGO AQUÍ
            raise NotImplementedError

    sin_resolver(entrenamiento.sgd_con_momento, EsbozoEntero)
    sin_resolver(entrenamiento.sgd_con_momento, EsbozoDelPaso)
    sin_resolver(entrenamiento.sgd_con_momento, ...)


def test_sgd_con_momento_prueba_lo_que_anuncia():
    """Las configuraciones cubren varios pasos, set_to_none=False y dos grupos con hiperparámetros distintos."""
    configuraciones = entrenamiento.CONFIGURACIONES_SGD
    assert all(c["pasos"] >= 3 for c in configuraciones)
    assert {c["set_to_none"] for c in configuraciones} == {True, False}
    assert len({(c["lr"], c["momentum"]) for c in configuraciones}) == len(configuraciones)
    assert any(c["grupos"] for c in configuraciones)


# --- Las curvas de exactitud del cuaderno -------------------------------------------------------------

def test_plot_losses_dibuja_cualquier_medida():
    figura = plot_losses({"entrenamiento": [0.6, 0.9], "validación": [0.5, 0.8]}, title="Exactitud",
                         ylabel="exactitud")
    ejes = figura.axes[0]
    assert ejes.get_ylabel() == "exactitud"
    assert [texto.get_text() for texto in ejes.get_legend().get_texts()] == ["entrenamiento", "validación"]
    plt.close(figura)
    figura = plot_losses({"Adam": [0.6, 0.1]}, log=True)
    assert figura.axes[0].get_ylabel() == "pérdida (escala logarítmica)"
    plt.close(figura)


# --- Los ejercicios de siempre y las figuras ----------------------------------------------------------

def test_semilla_intacta_restaura_el_generador_aunque_falle():
    torch.manual_seed(5)
    esperado = torch.rand(3)
    torch.manual_seed(5)
    with pytest.raises(ZeroDivisionError):
        with _comprobacion.semilla_intacta():
            torch.rand(100)
            1 / 0
    assert torch.rand(3).equal(esperado)


# --- Ejercicio 5: una época por lotes -----------------------------------------------------------------

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
    acierta(entrenamiento.una_epoca, una_epoca)
    acierta(entrenamiento.una_epoca, con_dataloader)


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
    falla_con(entrenamiento.una_epoca, respuesta, pistas=pistas)


# --- Ejercicio 4: evaluar -----------------------------------------------------------------------------

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
    acierta(entrenamiento.evaluar, evaluar)


@pytest.mark.parametrize("respuesta, pistas", [
    (sin_eval, ["modo entrenamiento", "Dropout apaga elementos"]),
    (sin_no_grad, ["construye el grafo", "torch.no_grad()"]),
    (siempre_train, ["con el modelo en modo evaluación", "se queda en modo entrenamiento"]),
    (se_queda_en_eval, ["se queda en modo evaluación"]),
    (apaga_el_grafo, ["sigue apagado"]),
    (devuelve_el_tensor, ["es un tensor", "item()"]),
])
def test_evaluar_reconoce_los_errores_tipicos(respuesta, pistas):
    falla_con(entrenamiento.evaluar, respuesta, pistas=pistas)
    assert torch.is_grad_enabled()


# --- Ejercicio 2: la tasa de aprendizaje --------------------------------------------------------------

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
        acierta(entrenamiento.tasa_de_aprendizaje, tasa, X, y)
    falla_con(entrenamiento.tasa_de_aprendizaje, 0.01, X, y, pistas=["demasiado cortos", "tasa mayor"])
    falla_con(entrenamiento.tasa_de_aprendizaje, 1.05 * limite, X, y, pistas=["diverge", "más pequeña"])
    falla_con(entrenamiento.tasa_de_aprendizaje, 0.5, X, y, pistas=["diverge"])
    falla_con(entrenamiento.tasa_de_aprendizaje, -0.1, X, y, pistas=["positiva"])
    falla_con(entrenamiento.tasa_de_aprendizaje, torch.tensor(0.05), X, y, pistas=["número de Python"])
    falla_con(entrenamiento.tasa_de_aprendizaje, "0.05", X, y, pistas=["de tipo str"])


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


# --- Ejercicio 1: número de pasos ---------------------------------------------------------------------

def test_numero_de_pasos():
    assert "8 lotes, o 7" in acierta(entrenamiento.numero_de_pasos, (80, 70), 300, 40, 10)
    acierta(entrenamiento.numero_de_pasos, [30, 30], 300, 100, 10)
    falla_con(entrenamiento.numero_de_pasos, (70, 70), 300, 40, 10, pistas=["el último lote", "drop_last"])
    falla_con(entrenamiento.numero_de_pasos, (80, 80), 300, 40, 10, pistas=["el último lote"])
    falla_con(entrenamiento.numero_de_pasos, (3000, 70), 300, 40, 10, pistas=["cuenta ejemplos, no lotes"])
    falla_con(entrenamiento.numero_de_pasos, (75, 70), 300, 40, 10,
               pistas=["el número de pasos sin drop_last vale 75 y se esperaba 80"])
    falla_con(entrenamiento.numero_de_pasos, (80.0, 70), 300, 40, 10, pistas=["número entero"])
    falla_con(entrenamiento.numero_de_pasos, 80, 300, 40, 10, pistas=["pareja"])


# --- Las figuras del cuaderno -------------------------------------------------------------------------

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
    nubes, etiquetas = ax.get_legend_handles_labels()  # las nubes de puntos, una por clase
    assert etiquetas == ["clase 0", "clase 1"]
    assert sorted(len(nube.get_offsets()) for nube in nubes) == [1, 2]
    # La frontera de este modelo es la recta x1 = 0: el contorno entre las dos regiones cae ahí.
    # Antes de matplotlib 3.8, contourf y contour añaden una colección por nivel; desde 3.8, una cada uno.
    # En los dos casos, la línea de la frontera es la última colección que no es una nube.
    contornos = [c for c in ax.collections if c not in nubes]
    frontera = np.concatenate([trazo.vertices for trazo in contornos[-1].get_paths()])
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


# --- El experimento de «de minitorch a PyTorch» -------------------------------------------------------

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
