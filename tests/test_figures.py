"""Las figuras de img/ salen de minitorch.figures, sus textos salen de los tensores y están en español.

nbval no compara imágenes, así que esta es la única prueba de las figuras:

1. Regenerarlas con ``python -m minitorch.figures --salida DIR`` escribe exactamente los ficheros que hay
   en img/, y cada PNG es igual, píxel a píxel, al guardado. Se comparan las imágenes decodificadas y no
   los bytes, porque la compresión del PNG puede cambiar sin que cambie un solo píxel. Los píxeles sí
   dependen de matplotlib (su rasterizador Agg y las fuentes DejaVu que trae) y de FreeType (que dibuja
   las letras): por eso img/VERSION anota las versiones con las que se dibujaron, y la comparación
   píxel a píxel se salta, diciendo por qué, si las de esta máquina son otras. Tras actualizar
   matplotlib, «make imagenes» vuelve a dibujarlas y a anotar las versiones.
2. Lo dibujado sale de los tensores: los textos de la figura (sus objetos Text) dicen la forma, los
   strides y el desplazamiento que devuelven ``size()``, ``stride()`` y ``storage_offset()``.
3. Todo texto de las figuras que no es código (el código va en letra monoespaciada) pasa la revisión de
   hunspell con el diccionario es_ES y tests/palabras.txt, como la prosa de los cuadernos.
"""

import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # antes de importar pyplot: ninguna prueba debe abrir ventanas

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import ft2font  # noqa: E402
from matplotlib.image import imread  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

import minitorch  # noqa: E402
from minitorch.figures import (  # noqa: E402
    STATIC_FIGURES, draw_broadcast, draw_graph, draw_list_vs_tensor, draw_storage, draw_strides, draw_transpose,
    draw_view_vs_reshape,
)
from minitorch.figures.style import MONO  # noqa: E402
from test_spelling import desconocidas, hunspell  # noqa: E402,F401 (hunspell es un fixture)

pytestmark = pytest.mark.figuras

RAIZ = Path(__file__).resolve().parents[1]
IMG = RAIZ / "img"


def textos(figure, *, code=None):
    """Los textos de una figura; con ``code=False``, solo los que no están en letra monoespaciada."""
    artists = [t for ax in figure.axes for t in ax.texts]
    if code is not None:
        artists = [t for t in artists if (MONO in t.get_fontfamily()) == code]
    return [t.get_text() for t in artists]


# --- 1. regenerar da lo mismo que hay en img/ -------------------------------------------------------

@pytest.fixture(scope="module")
def regeneradas(tmp_path_factory):
    """Ejecuta «python -m minitorch.figures --salida DIR» como lo haría «make imagenes»."""
    carpeta = tmp_path_factory.mktemp("img")
    resultado = subprocess.run(
        [sys.executable, "-m", "minitorch.figures", "--salida", str(carpeta)],
        capture_output=True, text=True, encoding="utf-8", cwd=RAIZ, timeout=300,
    )
    assert resultado.returncode == 0, resultado.stderr
    return carpeta, resultado.stdout


def _ficheros(carpeta):
    return sorted(p.name for p in carpeta.iterdir() if not p.name.startswith("."))


def _versiones(carpeta):
    lineas = (carpeta / "VERSION").read_text(encoding="utf-8").splitlines()
    return dict(linea.split(maxsplit=1) for linea in lineas if linea.strip() and not linea.startswith("#"))


def test_escribe_una_linea_por_fichero(regeneradas):
    carpeta, salida = regeneradas
    lineas = salida.splitlines()
    assert len(lineas) == len(_ficheros(carpeta)) == len(STATIC_FIGURES) + 1  # las figuras y VERSION
    for linea, nombre in zip(lineas, list(STATIC_FIGURES) + ["VERSION"]):
        assert linea.endswith(nombre)


def test_regenerar_da_los_mismos_ficheros_que_hay_en_img(regeneradas):
    carpeta, _ = regeneradas
    assert IMG.is_dir(), "falta la carpeta img/: créala con «make imagenes»"
    assert _ficheros(carpeta) == _ficheros(IMG), (
        "img/ no tiene los ficheros que dibuja minitorch.figures; vuelve a dibujarlos con «make imagenes» "
        "(y borra los que sobren)"
    )


def test_version_anota_las_versiones_de_esta_maquina(regeneradas):
    carpeta, _ = regeneradas
    assert _versiones(carpeta) == {"matplotlib": matplotlib.__version__, "freetype": ft2font.__freetype_version__}


@pytest.mark.parametrize("nombre", sorted(STATIC_FIGURES))
def test_cada_figura_es_igual_pixel_a_pixel(regeneradas, nombre):
    carpeta, _ = regeneradas
    guardadas, actuales = _versiones(IMG), _versiones(carpeta)
    if guardadas != actuales:
        pytest.skip(f"img/ se dibujó con {guardadas} y aquí hay {actuales}: los píxeles pueden cambiar")
    nueva, guardada = imread(carpeta / nombre), imread(IMG / nombre)
    assert nueva.shape == guardada.shape, f"img/{nombre} mide {guardada.shape} y la figura, {nueva.shape}"
    distintos = int(np.any(nueva != guardada, axis=-1).sum())
    assert distintos == 0, (
        f"img/{nombre} no es lo que dibuja minitorch.figures ({distintos} píxeles distintos); "
        "vuelve a dibujarla con «make imagenes»"
    )


def test_dos_dibujos_seguidos_dan_el_mismo_png(tmp_path, dibuja):
    # Sin fechas ni versiones en los metadatos: el mismo dibujo da el mismo fichero, byte a byte.
    from minitorch.figures import save_figure

    primera = save_figure(dibuja(draw_strides), tmp_path / "a.png").read_bytes()
    segunda = save_figure(dibuja(draw_strides), tmp_path / "b.png").read_bytes()
    assert primera == segunda
    assert b"matplotlib" not in primera


@pytest.mark.parametrize("nombre", sorted(STATIC_FIGURES))
def test_las_figuras_miden_800_pixeles_de_ancho(nombre, dibuja):
    figura = dibuja(STATIC_FIGURES[nombre])
    ancho, alto = figura.get_size_inches() * figura.dpi
    assert round(ancho) == 800
    assert 300 <= alto <= 1000


def test_dibujar_no_cambia_la_configuracion_de_matplotlib(dibuja):
    antes = dict(matplotlib.rcParams)
    dibuja(draw_storage)
    assert dict(matplotlib.rcParams) == antes


# --- 2. lo dibujado sale de los tensores --------------------------------------------------------

def test_strides_escribe_la_forma_los_strides_y_el_desplazamiento_del_tensor(dibuja):
    # Con arange, cada valor es su posición en el almacenamiento: se puede comprobar la fórmula.
    base = minitorch.arange(20.0).view(4, 5)
    vista = base[1:3, ::2]
    t = textos(dibuja(draw_strides, vista, name="vista"))
    assert f"forma: {tuple(vista.shape)}" in t
    assert f"strides: {vista.stride()}" in t
    assert f"desplazamiento: {vista.storage_offset()}" in t
    assert f"siguiente fila: +{vista.stride(0)} (stride[0])" in t
    assert f"siguiente columna: +{vista.stride(1)} (stride[1])" in t
    ultimo = int(vista[1, 2].item())
    s0, s1 = vista.stride()
    assert f"[1, 2] → {vista.storage_offset()} + 1·{s0} + 2·{s1} = {ultimo}" in t
    assert "vista" in t


def test_strides_de_un_vector(dibuja):
    vector = minitorch.arange(10.0)[2::3]
    t = textos(dibuja(draw_strides, vector))
    assert f"strides: {vector.stride()}" in t
    assert f"siguiente elemento: +{vector.stride(0)} (stride[0])" in t
    assert "posición =" in t and "desplazamiento + i·stride[0]" in t


def test_storage_dibuja_una_flecha_por_elemento_y_los_valores_del_almacenamiento(dibuja):
    points = minitorch.tensor([[4.0, 1.0], [5.0, 3.0], [2.0, 1.0]])
    tensores = (points, points[1:], points.t())
    figura = dibuja(draw_storage, *tensores, names=["points", "points[1:]", "points.t()"])
    t = textos(figura)
    for tensor in tensores:
        assert f"strides: {tensor.stride()}" in t
        assert f"desplazamiento: {tensor.storage_offset()}" in t
    flechas = [p for ax in figura.axes for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(flechas) == sum(tensor.numel() for tensor in tensores)
    valores = t.count("4.0"), t.count("5.0")
    # 4.0 está en points, en points.t() y en el almacenamiento; 5.0, además, en points[1:].
    assert valores == (3, 4)


def test_storage_exige_un_almacenamiento_comun(dibuja):
    with pytest.raises(ValueError, match="compartir almacenamiento"):
        dibuja(draw_storage, minitorch.zeros(3), minitorch.zeros(3))
    with pytest.raises(ValueError, match="nombres"):
        a = minitorch.zeros(3)
        dibuja(draw_storage, a, a[1:], names=["a"])


def test_rechaza_lo_que_no_sabe_dibujar(dibuja):
    with pytest.raises(TypeError, match="minitorch.Tensor"):
        dibuja(draw_strides, [[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"forma \(2, 2, 2\)"):
        dibuja(draw_storage, minitorch.zeros(2, 2, 2))
    with pytest.raises(ValueError, match="1 o 2 dimensiones"):
        dibuja(draw_strides, minitorch.tensor(3.0))
    with pytest.raises(ValueError, match="2 dimensiones"):
        dibuja(draw_transpose, minitorch.zeros(3))
    with pytest.raises(ValueError, match="entre 1 y 10"):
        dibuja(draw_list_vs_tensor, [])


def test_transpose_recorre_el_almacenamiento_en_el_orden_de_la_traspuesta(dibuja):
    # Con arange, el valor de cada elemento es su posición: leer t.t() por filas da el recorrido.
    t = minitorch.arange(6.0).view(2, 3)
    esperado = ", ".join(str(int(v)) for fila in t.t().tolist() for v in fila)
    textos_figura = textos(dibuja(draw_transpose, t, name="t"))
    assert f"recorre las posiciones {esperado}" in textos_figura
    assert f"strides: {t.t().stride()}" in textos_figura
    assert "contiguo: sí" in textos_figura and "contiguo: no" in textos_figura


def test_list_vs_tensor_mide_los_bytes(dibuja):
    valores = [0.5, 2.0, 3.25]
    t = textos(dibuja(draw_list_vs_tensor, valores))
    bytes_por_elemento = minitorch.tensor(valores).element_size()
    assert f"float32: {bytes_por_elemento} bytes" in t
    assert any(f"objeto de {sys.getsizeof(0.5)} bytes" in texto for texto in t)
    assert t.count("float") == len(valores)
    assert {"0.5", "2.0", "3.25"} <= set(t)


def test_broadcast_escribe_el_stride_0(dibuja):
    fila = minitorch.tensor([1.0, 2.0, 3.0])
    t = textos(dibuja(draw_broadcast, fila, size=(4, 3), name="fila"))
    assert f"strides: {fila.expand(4, 3).stride()}" in t
    assert any("Stride 0 en la dimensión 0" in texto for texto in t)


def test_view_vs_reshape(dibuja):
    points = minitorch.tensor([[4.0, 1.0], [5.0, 3.0], [2.0, 1.0]])
    with pytest.raises(RuntimeError):
        points.t().view(6)
    copia = textos(dibuja(draw_view_vs_reshape, points.t(), name="pt"))
    assert "pt.view(6) → RuntimeError" in copia
    assert "pt.reshape(6)" in copia
    # Un tensor contiguo admite view: reshape no copia y se dibujan los dos sobre el mismo almacenamiento.
    misma = textos(dibuja(draw_view_vs_reshape, points, shape=(2, 3), name="p"))
    assert "p.reshape(2, 3)" in misma
    assert not any("RuntimeError" in texto for texto in misma)


# --- 3. en español --------------------------------------------------------------------------------

def _todas_las_figuras():
    """Las figuras fijas y las variantes que escriben otras frases."""
    yield from (draw() for draw in STATIC_FIGURES.values())
    yield draw_strides(minitorch.arange(10.0)[2::3])
    yield draw_view_vs_reshape(minitorch.zeros(2, 3))
    yield draw_broadcast(minitorch.tensor(1.0), size=(2, 2))
    yield draw_broadcast(minitorch.zeros(3), size=(3,))
    yield draw_storage(minitorch.zeros(3), caption="Una frase al pie")


def test_los_textos_que_no_son_codigo_estan_en_espanol(hunspell):
    frases = []
    for figura in _todas_las_figuras():
        frases += textos(figura, code=False)
        plt.close(figura)
    assert len(frases) > 50  # si no, el filtro de código se lo ha llevado todo
    palabras = " ".join(re.sub(r"[^\w]+|\d+|_", " ", frase) for frase in frases)
    malas = desconocidas(palabras)
    assert not malas, (
        f"textos de las figuras que hunspell (es_ES) no reconoce: {', '.join(malas)}. Corrígelos; si son "
        "código, escríbelos con code=True (letra monoespaciada); si son términos correctos, añádelos a "
        "tests/palabras.txt"
    )


# --- 4. el grafo computacional (draw_graph) ----------------------------------------------------------

def _grafo_de_la_cuenta():
    """L = (a · b + c) · f, con sus resultados intermedios, como en el cuaderno 05."""
    a, b, c, f = (minitorch.tensor(v, requires_grad=True) for v in (2.0, -3.0, 10.0, -2.0))
    e = a * b
    d = e + c
    L = d * f
    return L, {"a": a, "b": b, "c": c, "f": f, "e": e, "d": d, "L": L}


def _flechas(figura):
    """Cuántas flechas de cada color hay en la figura."""
    colores = [matplotlib.colors.to_hex(p.get_facecolor()) for ax in figura.axes for p in ax.patches
               if isinstance(p, FancyArrowPatch)]
    return {color: colores.count(color) for color in set(colores)}


def test_draw_graph_nombra_las_hojas_y_los_resultados_intermedios(dibuja):
    L, nombres = _grafo_de_la_cuenta()
    t = textos(dibuja(draw_graph, L, names=nombres))
    for nombre in nombres:
        assert f"{nombre} []" in t, t
    assert t.count("MulBackward0") == 2 and "AddBackward0" in t and t.count("AccumulateGrad") == 4
    assert not any(texto.startswith("grad") for texto in t)  # antes de backward() no hay gradientes
    assert "propagación hacia adelante" in t


def test_draw_graph_con_backward_muestra_el_gradiente_de_cada_nodo(dibuja):
    L, nombres = _grafo_de_la_cuenta()
    figura = dibuja(draw_graph, L, names=nombres, backward=True)
    t = textos(figura)
    intermedios = [nombres[n] for n in ("e", "d")]
    esperados = minitorch.autograd.grad(L, [nombres[n] for n in "abcf"] + intermedios, retain_graph=True)
    for esperado in esperados:
        assert f"grad {esperado.item():.3g}" in t, t
    assert "grad 1" in t  # el resultado: dL/dL
    assert any(texto.startswith("retropropagación") for texto in t)
    flechas = _flechas(figura)
    assert sorted(flechas.values()) == [7, 7], flechas  # 6 aristas, adelante y atrás, más la leyenda
    # ... sin cambiar nada: ni .grad, ni el grafo, que backward() puede recorrer después
    assert all(nombres[n].grad is None for n in "abcf")
    L.backward()
    assert [nombres[n].grad.item() for n in "abcf"] == [e.item() for e in esperados[:4]]


def test_draw_graph_con_backward_suma_lo_que_llega_por_cada_camino(dibuja):
    x = minitorch.tensor(3.0, requires_grad=True)
    h = x * x
    L = h + h * h
    t = textos(dibuja(draw_graph, L, names={"x": x, "h": h}, backward=True))
    assert "grad 114" in t and "grad 19" in t  # dL/dx = (1 + 2h) · 2x, y dL/dh = 1 + 2h
    assert t.count("57") == 2 and t.count("9") == 2 and "1" in t  # lo que aporta cada arista


def test_draw_graph_tras_backward(dibuja):
    L, nombres = _grafo_de_la_cuenta()
    L.backward()
    t = textos(dibuja(draw_graph, L, names=nombres))
    assert {"grad 6", "grad -4", "grad -2", "grad 4"} <= set(t)  # el .grad de las hojas
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        draw_graph(L, names=nombres, backward=True)
    plt.close("all")


def test_draw_graph_de_tensores_y_con_la_difusion(dibuja):
    torch_x = minitorch.randn(4, 3, generator=minitorch.Generator(0))
    w = minitorch.randn(3, generator=minitorch.Generator(1)).requires_grad_()
    b = minitorch.tensor(0.5, requires_grad=True)
    z = torch_x @ w + b
    salida = z.tanh().sum()
    t = textos(dibuja(draw_graph, salida, names={"w": w, "b": b, "z": z}, backward=True))
    gw, gb, gz = minitorch.autograd.grad(salida, [w, b, z], retain_graph=True)
    assert "z [4]" in t and "w [3]" in t and "b []" in t
    assert f"grad {gb.item():.3g}" in t  # el sesgo, sumado sobre los 4 ejemplos
    assert "grad [" + ", ".join(f"{v:.3g}" for v in gz.tolist()) + "]" in t
    assert z.grad_fn is not None and not z._retains_grad


def test_draw_graph_rechaza_lo_que_no_es_un_grafo():
    with pytest.raises(TypeError, match="minitorch.Tensor"):
        draw_graph([1.0])
    with pytest.raises(ValueError, match="no tiene grafo"):
        draw_graph(minitorch.zeros(2))


def test_draw_graph_en_espanol(hunspell):
    L, nombres = _grafo_de_la_cuenta()
    figura = draw_graph(L, names=nombres, backward=True)
    frases = textos(figura, code=False)
    plt.close(figura)
    assert frases, "la leyenda no está en letra normal"
    assert not desconocidas(" ".join(frases)), desconocidas(" ".join(frases))
