"""Los comprobadores de 08_datos_reales y sus figuras (minitorch/figures/data.py: la rejilla de dígitos, las curvas
de entrenamiento y validación, la matriz de confusión y los dígitos peor clasificados).

Cada respuesta equivocada es la que escribiría un alumno (los aciertos en vez de la fracción, un porcentaje, filas y
columnas al revés, las clases que no aparecen, parar una época tarde, un empate tomado por una mejora, la media de
las medias de los lotes, Dropout encendido al evaluar...), y la prueba exige la pista concreta, no solo el ❌. Comprobar un ejercicio no debe mover la semilla
global del cuaderno.
"""

import matplotlib

matplotlib.use("Agg")  # antes de importar pyplot: ninguna prueba debe abrir ventanas

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import minitorch as torch  # noqa: E402
from minitorch import nn  # noqa: E402
from minitorch.datasets import Digits  # noqa: E402
from minitorch.ejercicios import datos_reales  # noqa: E402
from minitorch.figures.data import (  # noqa: E402
    plot_confusion_matrix, plot_digits, plot_history, plot_worst_digits, worst_classified,
)
from ayudas_ejercicios import acierta, falla_con, sin_resolver  # noqa: E402
from test_spelling import desconocidas, hunspell  # noqa: E402,F401 (hunspell es un fixture)


def esbozo(*argumentos):
    # TU CÓDIGO AQUÍ
    raise NotImplementedError


# --- Ejercicio 1: la exactitud ------------------------------------------------------------------------

def exactitud_media(logits, etiquetas):
    return (logits.argmax(dim=1) == etiquetas).float().mean().item()


def exactitud_contando(logits, etiquetas):
    return (logits.argmax(1) == etiquetas).sum().item() / len(etiquetas)


def exactitud_con_bucle(logits, etiquetas):
    predichas = logits.argmax(dim=1).tolist()
    return sum(p == e for p, e in zip(predichas, etiquetas.tolist())) / len(predichas)


def test_exactitud_acepta_las_soluciones():
    for solucion in (exactitud_media, exactitud_contando, exactitud_con_bucle):
        acierta(datos_reales.exactitud, solucion)


def en_el_sitio(logits, etiquetas):
    etiquetas.zero_()
    return 0.5


@pytest.mark.parametrize("respuesta, pistas", [
    (lambda l, e: (l.argmax(dim=1) == e).float().mean(), ["devuelve un tensor", "número de Python"]),
    (lambda l, e: (l.argmax(dim=1) == e).sum().item(), ["el número de aciertos", "fracción"]),
    (lambda l, e: 100 * exactitud_media(l, e), ["un porcentaje", "fracción"]),
    (lambda l, e: (l.argmax(dim=0) == e).float().mean().item(), ["lanzó RuntimeError"]),
    (lambda l, e: (l.argmin(dim=1) == e).float().mean().item(), ["con 8 ejemplos y 3 clases vale 0.125 y se esperaba 0.625"]),
    (lambda l, e: str(exactitud_media(l, e)), ["devuelve str"]),
    (en_el_sitio, ["modificó los tensores que recibe"]),
    (42, ["se esperaba la función exactitud"]),
])
def test_exactitud_reconoce_los_errores_tipicos(respuesta, pistas):
    falla_con(datos_reales.exactitud, respuesta, pistas=pistas)


def test_exactitud_sin_resolver():
    sin_resolver(datos_reales.exactitud, esbozo)
    sin_resolver(datos_reales.exactitud, ...)


# --- Ejercicio 2: la matriz de confusión ---------------------------------------------------------------

def con_one_hot(verdaderas, predichas, num_clases):
    return nn.functional.one_hot(verdaderas, num_clases).T @ nn.functional.one_hot(predichas, num_clases)


def con_difusion(verdaderas, predichas, num_clases):
    clases = torch.arange(num_clases)
    filas = verdaderas.view(-1, 1, 1) == clases.view(1, -1, 1)
    columnas = predichas.view(-1, 1, 1) == clases.view(1, 1, -1)
    return (filas & columnas).sum(dim=0)


def con_indices_planos(verdaderas, predichas, num_clases):
    planos = verdaderas * num_clases + predichas
    return (planos.view(-1, 1) == torch.arange(num_clases * num_clases)).sum(dim=0).view(num_clases, num_clases)


def con_bucle(verdaderas, predichas, num_clases):
    matriz = torch.zeros(num_clases, num_clases, dtype=torch.long)
    for v, p in zip(verdaderas.tolist(), predichas.tolist()):
        matriz[v, p] += 1
    return matriz


def test_matriz_de_confusion_acepta_las_soluciones():
    for solucion in (con_one_hot, con_difusion, con_indices_planos, con_bucle):
        acierta(datos_reales.matriz_de_confusion, solucion)


def doble_cuenta(verdaderas, predichas, num_clases):
    return 2 * con_one_hot(verdaderas, predichas, num_clases)


@pytest.mark.parametrize("respuesta, pistas", [
    (lambda v, p, k: con_one_hot(p, v, k), ["filas y columnas al revés", "la fila es la clase verdadera"]),
    (lambda v, p, k: con_one_hot(v, p, int(max(v.max(), p.max())) + 1),
     ["tiene forma (3, 3) y se esperaba (4, 4)", "las clases que no aparecen"]),
    (lambda v, p, k: con_one_hot(v, p, k).float(), ["dtype minitorch.float32", "minitorch.int64"]),
    (doble_cuenta, ["suman 40 y hay 20 ejemplos", "una sola casilla"]),
    (lambda v, p, k: nn.functional.one_hot(v, k).T @ nn.functional.one_hot(v, k), ["no coinciden"]),
    (lambda v, p, k: [[0] * k for _ in range(k)], ["minitorch.Tensor"]),
    (42, ["se esperaba la función matriz_de_confusion"]),
])
def test_matriz_de_confusion_reconoce_los_errores_tipicos(respuesta, pistas):
    falla_con(datos_reales.matriz_de_confusion, respuesta, pistas=pistas)


def test_matriz_de_confusion_sin_resolver():
    sin_resolver(datos_reales.matriz_de_confusion, esbozo)
    sin_resolver(datos_reales.matriz_de_confusion, ...)


def test_la_matriz_de_referencia_cuenta_cada_pareja():
    verdaderas, predichas = torch.tensor([0, 1, 2, 2, 1]), torch.tensor([0, 2, 2, 1, 2])
    matriz = datos_reales.matriz_de_referencia(verdaderas, predichas, 4)
    assert matriz.dtype == torch.int64
    assert matriz.equal(con_bucle(verdaderas, predichas, 4))
    assert matriz.tolist()[1] == [0, 0, 2, 0]  # los dos unos se predijeron como dos


# --- Ejercicio 3: parada temprana con paciencia ------------------------------------------------------

def parada_bien(perdidas, paciencia):
    mejor, mejor_epoca, sin_mejorar = float("inf"), 0, 0
    for epoca, perdida in enumerate(perdidas, start=1):
        if perdida < mejor:
            mejor, mejor_epoca, sin_mejorar = perdida, epoca, 0
        else:
            sin_mejorar += 1
        if sin_mejorar == paciencia:
            return mejor_epoca, epoca
    return mejor_epoca, len(perdidas)


def parada_con_minimos(perdidas, paciencia):
    """Otra forma correcta: para en la primera época cuyas `paciencia` anteriores no bajan del mínimo previo."""
    for epoca in range(paciencia + 1, len(perdidas) + 1):
        antes = perdidas[:epoca - paciencia]
        if min(perdidas[epoca - paciencia:epoca]) >= min(antes):
            return antes.index(min(antes)) + 1, epoca
    return perdidas.index(min(perdidas)) + 1, len(perdidas)


def test_parada_temprana_acepta_las_soluciones():
    for solucion in (parada_bien, parada_con_minimos):
        acierta(datos_reales.parada_temprana, solucion)


def test_la_parada_de_referencia():
    assert [datos_reales.parada_de_referencia(p, k) for p, k in datos_reales.CASOS_DE_PARADA] == [
        (3, 6), (2, 4), (5, 5), (1, 2)]
    # Cada caso distingue la respuesta correcta de los errores que el comprobador reconoce.
    for variante in ({"tarde": True}, {"empates": True}):
        assert any(datos_reales.parada_de_referencia(p, k, **variante) != datos_reales.parada_de_referencia(p, k)
                   for p, k in datos_reales.CASOS_DE_PARADA)


@pytest.mark.parametrize("respuesta, pistas", [
    (lambda p, k: tuple(e - 1 for e in parada_bien(p, k)), ["las épocas se cuentan desde 1"]),
    (lambda p, k: datos_reales.parada_de_referencia(p, k, tarde=True), ["se para una época tarde", "paciencia 3"]),
    (lambda p, k: datos_reales.parada_de_referencia(p, k, empates=True),
     ["una pérdida igual a la mejor no es una mejora"]),
    (lambda p, k: (p.index(min(p)) + 1, parada_bien(p, k)[1]), ["las épocas posteriores no se llegan a entrenar"]),
    (lambda p, k: parada_bien(p, k)[1], ["se esperaba una pareja"]),
    (lambda p, k: (parada_bien(p, k)[0], None), ["se esperaba (3, 6)"]),
    (42, ["se esperaba la función parada_temprana"]),
])
def test_parada_temprana_reconoce_los_errores_tipicos(respuesta, pistas):
    falla_con(datos_reales.parada_temprana, respuesta, pistas=pistas)


def test_parada_temprana_sin_resolver():
    sin_resolver(datos_reales.parada_temprana, esbozo)
    sin_resolver(datos_reales.parada_temprana, ...)


# --- Ejercicio 4: evaluar con un DataLoader -----------------------------------------------------------

def evaluar_bien(modelo, cargador, funcion_perdida):
    modo = modelo.training
    modelo.eval()
    suma, aciertos, total = 0.0, 0, 0
    with torch.no_grad():
        for xb, yb in cargador:
            salida = modelo(xb)
            suma += funcion_perdida(salida, yb).item() * len(yb)
            aciertos += (salida.argmax(dim=1) == yb).sum().item()
            total += len(yb)
    modelo.train(modo)
    return suma / total, aciertos / total


def evaluar_con_suma(modelo, cargador, funcion_perdida):
    """Otra forma correcta: la suma de las pérdidas con reduction="sum" y el modo restaurado con try/finally."""
    modo = modelo.training
    modelo.eval()
    try:
        with torch.no_grad():
            salidas, etiquetas = zip(*((modelo(xb), yb) for xb, yb in cargador))
        salida, y = torch.cat(salidas), torch.cat(etiquetas)
        perdida = nn.functional.cross_entropy(salida, y, reduction="sum").item() / len(y)
        return perdida, (salida.argmax(dim=1) == y).float().mean().item()
    finally:
        modelo.train(modo)


def _medir(modelo, cargador, funcion_perdida):
    suma, aciertos, total = 0.0, 0, 0
    for xb, yb in cargador:
        salida = modelo(xb)
        suma += funcion_perdida(salida, yb).item() * len(yb)
        aciertos += (salida.argmax(dim=1) == yb).sum().item()
        total += len(yb)
    return suma / total, aciertos / total


def sin_eval(modelo, cargador, funcion_perdida):
    with torch.no_grad():
        return _medir(modelo, cargador, funcion_perdida)


def sin_no_grad(modelo, cargador, funcion_perdida):
    modo = modelo.training
    modelo.eval()
    resultado = _medir(modelo, cargador, funcion_perdida)
    modelo.train(modo)
    return resultado


def sin_restaurar(modelo, cargador, funcion_perdida):
    modelo.eval()
    with torch.no_grad():
        return _medir(modelo, cargador, funcion_perdida)


def media_de_medias(modelo, cargador, funcion_perdida):
    return datos_reales._media_de_medias(modelo, cargador, funcion_perdida)


def apaga_el_grafo(modelo, cargador, funcion_perdida):
    modo = modelo.training
    modelo.eval()
    torch.set_grad_enabled(False)
    resultado = _medir(modelo, cargador, funcion_perdida)
    modelo.train(modo)
    return resultado


def devuelve_tensores(modelo, cargador, funcion_perdida):
    perdida, exactitud = evaluar_bien(modelo, cargador, funcion_perdida)
    return torch.tensor(perdida), exactitud


def solo_el_primer_lote(modelo, cargador, funcion_perdida):
    modo = modelo.training
    modelo.eval()
    with torch.no_grad():
        xb, yb = next(iter(cargador))
        salida = modelo(xb)
        resultado = funcion_perdida(salida, yb).item(), (salida.argmax(dim=1) == yb).float().mean().item()
    modelo.train(modo)
    return resultado


def test_evaluar_acepta_las_soluciones():
    for solucion in (evaluar_bien, evaluar_con_suma):
        acierta(datos_reales.evaluar, solucion)


@pytest.mark.parametrize("respuesta, pistas", [
    (sin_eval, ["en modo entrenamiento, y Dropout apaga elementos al azar"]),
    (sin_no_grad, ["construye el grafo computacional", "torch.no_grad()"]),
    (sin_restaurar, ["se queda en modo evaluación", "modelo.training"]),
    (media_de_medias, ["la media de las de los lotes", "el último lote solo tiene 3 ejemplos"]),
    (apaga_el_grafo, ["el registro del grafo sigue apagado"]),
    (devuelve_tensores, ["la pérdida que devuelve", "es un tensor"]),
    (solo_el_primer_lote, ["llama al modelo 1 veces y el cargador tiene 3 lotes"]),
    (lambda modelo, cargador, funcion_perdida: 0.5, ["no llama al modelo"]),
    (42, ["se esperaba la función evaluar"]),
])
def test_evaluar_reconoce_los_errores_tipicos(respuesta, pistas):
    falla_con(datos_reales.evaluar, respuesta, pistas=pistas)
    assert torch.is_grad_enabled()  # el comprobador vuelve a encender el grafo que apagó la respuesta


def test_evaluar_sin_resolver():
    sin_resolver(datos_reales.evaluar, esbozo)
    sin_resolver(datos_reales.evaluar, ...)


# --- Las figuras del cuaderno -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def digitos():
    datos = Digits()
    return torch.stack([datos[i][0] for i in range(12)]), datos.targets[:12]


def test_la_rejilla_de_digitos(dibuja, digitos):
    imagenes, etiquetas = digitos
    figura = dibuja(plot_digits, imagenes, etiquetas, columns=5)
    ejes = figura.axes
    assert len(ejes) == 15  # 3 filas de 5, la última con 2 huecos vacíos
    assert [ax.get_title() for ax in ejes[:12]] == [str(e) for e in etiquetas.tolist()]
    assert np.array_equal(ejes[0].get_images()[0].get_array(), imagenes[0, 0].numpy())
    assert not ejes[12].get_images()
    with pytest.raises(ValueError, match="12 imágenes y 3 etiquetas"):
        plot_digits(imagenes, etiquetas[:3])


def test_la_rejilla_marca_los_errores(dibuja, digitos):
    imagenes, etiquetas = digitos
    predichas = etiquetas.clone()
    predichas[1] = (etiquetas[1] + 1) % 10
    figura = dibuja(plot_digits, imagenes[:3], etiquetas[:3], predicted=predichas[:3], probabilities=[0.9, 0.4, 0.8])
    titulos = [ax.title for ax in figura.axes]
    assert titulos[1].get_text() == f"es {etiquetas[1].item()} · dice {predichas[1].item()}"
    assert titulos[1].get_color() != titulos[0].get_color()
    assert [t.get_text() for t in figura.axes[1].texts] == ["p = 0.40"]


def test_las_curvas_de_entrenamiento_y_validacion(dibuja):
    historial = {"pérdida": {"entrenamiento": [1.0, 0.5, 0.2], "validación": [1.1, 0.7, 0.8]},
                 "exactitud": {"entrenamiento": [0.5, 0.8, 1.0], "validación": [0.4, 0.7, 0.7]}}
    figura = dibuja(plot_history, historial, best_epoch=2)
    perdida, exactitud = figura.axes
    assert [ax.get_title() for ax in figura.axes] == ["Pérdida", "Exactitud"]
    assert list(perdida.get_lines()[1].get_ydata()) == [1.1, 0.7, 0.8]
    assert list(exactitud.get_lines()[0].get_xdata()) == [1, 2, 3]
    assert list(perdida.get_lines()[2].get_xdata()) == [2, 2]  # la línea de la mejor época
    with pytest.raises(ValueError, match="«pérdida» y «exactitud»"):
        plot_history({"pérdida": {}})


def test_la_matriz_de_confusion_escribe_cada_cuenta(dibuja):
    matriz = torch.tensor([[5, 1, 0], [0, 3, 0], [2, 0, 4]])
    figura = dibuja(plot_confusion_matrix, matriz)
    ax = figura.axes[0]
    textos = {(t.get_position(), t.get_text()) for t in ax.texts}
    assert textos == {((0, 0), "5"), ((1, 0), "1"), ((1, 1), "3"), ((0, 2), "2"), ((2, 2), "4")}  # (columna, fila)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("clase predicha", "clase verdadera")
    with pytest.raises(ValueError, match="cuadrada"):
        plot_confusion_matrix(torch.ones(2, 3))


def test_los_peor_clasificados(dibuja, digitos):
    imagenes, etiquetas = digitos
    probabilidades = torch.full((12, 10), 0.05)
    probabilidades[torch.arange(12), etiquetas] = 0.55
    probabilidades[3, etiquetas[3]], probabilidades[3, (etiquetas[3] + 1) % 10] = 0.1, 0.5
    probabilidades[7, etiquetas[7]], probabilidades[7, (etiquetas[7] + 2) % 10] = 0.3, 0.3
    assert worst_classified(probabilidades, etiquetas, 2) == [3, 7]
    figura = dibuja(plot_worst_digits, imagenes, etiquetas, probabilidades, count=2)
    primero = figura.axes[0]
    assert primero.get_title() == f"es {etiquetas[3].item()} · dice {(etiquetas[3].item() + 1) % 10}"
    assert [t.get_text() for t in primero.texts] == ["p = 0.50"]


def test_los_textos_de_las_figuras_estan_en_espanol(hunspell, dibuja, digitos):
    imagenes, etiquetas = digitos
    probabilidades = nn.functional.one_hot(etiquetas, 10).float()
    historial = {"pérdida": {"entrenamiento": [1.0], "validación": [1.0]},
                 "exactitud": {"entrenamiento": [0.5], "validación": [0.5]}}
    figuras = [dibuja(plot_history, historial, best_epoch=1),
               dibuja(plot_confusion_matrix, torch.eye(3, dtype=torch.long)),
               dibuja(plot_worst_digits, imagenes, etiquetas, probabilidades, count=2)]
    textos = []
    for figura in figuras:
        textos.append(figura._suptitle.get_text() if figura._suptitle else "")
        for ax in figura.axes:
            textos += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
            legend = ax.get_legend()
            if legend is not None:
                textos += [t.get_text() for t in legend.get_texts()]
    assert desconocidas("\n".join(textos)) == []
