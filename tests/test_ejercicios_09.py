"""Los comprobadores de 09_convoluciones y sus figuras (minitorch/figures/convolution.py: dígitos con marco, los
filtros y los mapas de características).

Cada respuesta equivocada es la que escribiría un alumno (el relleno contado una vez, la dilatación olvidada, una
división con decimales, el núcleo girado, el sesgo olvidado, los ejes en otro orden, la media en vez del máximo,
ventanas que se solapan...), y la prueba exige la pista concreta, no solo el ❌. Comprobar un ejercicio no debe
mover la semilla global del cuaderno.
"""

import matplotlib

matplotlib.use("Agg")  # antes de importar pyplot: ninguna prueba debe abrir ventanas

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import minitorch as torch  # noqa: E402
from minitorch.ejercicios import convoluciones  # noqa: E402
from minitorch.figures.convolution import plot_feature_maps, plot_filters, plot_framed_digits  # noqa: E402
from minitorch.nn import functional as F  # noqa: E402
from ayudas_ejercicios import acierta, falla_con, sin_resolver  # noqa: E402


def esbozo(*argumentos, **opciones):
    # TU CÓDIGO AQUÍ
    raise NotImplementedError


# --- Ejercicio 1: el tamaño de la salida ------------------------------------------------------------------

def tamano_directo(entrada, nucleo, relleno=0, paso=1, dilatacion=1):
    return (entrada + 2 * relleno - dilatacion * (nucleo - 1) - 1) // paso + 1


def tamano_contando(entrada, nucleo, relleno=0, paso=1, dilatacion=1):
    # Otra solución correcta: cuenta las posiciones de inicio en las que el núcleo dilatado cabe entero.
    abarca = dilatacion * (nucleo - 1) + 1
    return len(range(0, entrada + 2 * relleno - abarca + 1, paso))


def test_tamano_acepta_las_soluciones():
    for solucion in (tamano_directo, tamano_contando):
        acierta(convoluciones.tamano_de_salida, solucion)


@pytest.mark.parametrize("respuesta, pista", [
    (lambda n, k, relleno=0, paso=1, dilatacion=1: (n + relleno - dilatacion * (k - 1) - 1) // paso + 1,
     "por los dos lados"),
    (lambda n, k, relleno=0, paso=1, dilatacion=1: (n + 2 * relleno - k) // paso + 1, "dilatación"),
    (lambda n, k, relleno=0, paso=1, dilatacion=1: (n + 2 * relleno - dilatacion * (k - 1) - 1) // paso,
     "le falta una posición"),
    (lambda n, k, relleno=0, paso=1, dilatacion=1: -(-(n + 2 * relleno - dilatacion * (k - 1) - 1) // paso) + 1,
     "redondea hacia arriba"),
    (lambda n, k, relleno=0, paso=1, dilatacion=1: (n + 2 * relleno - dilatacion * k) // paso + 1,
     "un píxel de más"),
    (lambda n, k, relleno=0, paso=1, dilatacion=1: (n + 2 * relleno - dilatacion * (k - 1) - 1) / paso + 1,
     "con decimales"),
    (lambda n, k, relleno=0, paso=1, dilatacion=1: float((n + 2 * relleno - dilatacion * (k - 1) - 1) // paso + 1),
     "se esperaba un int"),
    (lambda n, k, relleno=0, paso=1, dilatacion=1: torch.tensor(n), "se esperaba un int"),
    (lambda n, k, relleno=0, paso=1, dilatacion=1: n - k + 1, "vale"),
])
def test_tamano_rechaza_los_errores_tipicos(respuesta, pista):
    falla_con(convoluciones.tamano_de_salida, respuesta, pistas=[pista])


def test_tamano_convierte_un_error_en_pista():
    falla_con(convoluciones.tamano_de_salida, lambda n, k: n, pistas=["lanzó TypeError"])


def test_tamano_sin_resolver():
    sin_resolver(convoluciones.tamano_de_salida, ...)
    sin_resolver(convoluciones.tamano_de_salida, esbozo)


# --- Ejercicio 2: una convolución sin bucles ---------------------------------------------------------------

def conv_con_unfold(x, peso, sesgo):
    n, c, _, _ = x.shape
    c_out, _, k_alto, k_ancho = peso.shape
    parches = x.unfold(2, k_alto, 1).unfold(3, k_ancho, 1)
    alto, ancho = parches.shape[2:4]
    filas = parches.permute(0, 2, 3, 1, 4, 5).reshape(n, alto, ancho, -1)
    return (filas @ peso.reshape(c_out, -1).T).permute(0, 3, 1, 2) + sesgo.view(1, -1, 1, 1)


def conv_con_as_strided(x, peso, sesgo):
    # Otra solución correcta: la vista con as_strided y el lote dentro de la matriz (im2col a lo minitorch).
    n, c, alto, ancho = x.shape
    c_out, _, k_alto, k_ancho = peso.shape
    alto_salida, ancho_salida = alto - k_alto + 1, ancho - k_ancho + 1
    sn, sc, sh, sw = x.stride()
    parches = x.as_strided((c, k_alto, k_ancho, n, alto_salida, ancho_salida), (sc, sh, sw, sn, sh, sw))
    salida = peso.reshape(c_out, -1) @ parches.reshape(c * k_alto * k_ancho, -1)
    return salida.reshape(c_out, n, alto_salida, ancho_salida).transpose(0, 1) + sesgo.view(1, -1, 1, 1)


def test_conv_acepta_las_soluciones():
    for solucion in (conv_con_unfold, conv_con_as_strided, F.conv2d):
        acierta(convoluciones.mi_conv2d, solucion)


@pytest.mark.parametrize("respuesta, pistas", [
    (lambda x, w, b: conv_con_unfold(x, w.flip(2, 3), b), ["girado 180°"]),
    (lambda x, w, b: conv_con_unfold(x, w, b * 0), ["sin el sesgo"]),
    (lambda x, w, b: conv_con_unfold(x, w, b).permute(0, 2, 3, 1), ["en otro orden"]),
    (lambda x, w, b: conv_con_unfold(x, w, b)[0], ["tiene forma"]),
    (lambda x, w, b: conv_con_unfold(x, w, b).tolist(), ["se esperaba un minitorch.Tensor"]),
    (lambda x, w, b: conv_con_unfold(x, w, b) + 1, ["no coinciden"]),
    (lambda x, w, b: conv_con_unfold(x, w, b.zero_()), ["modificó"]),
])
def test_conv_rechaza_los_errores_tipicos(respuesta, pistas):
    falla_con(convoluciones.mi_conv2d, respuesta, pistas=pistas)


def test_conv_sin_resolver():
    sin_resolver(convoluciones.mi_conv2d, ...)
    sin_resolver(convoluciones.mi_conv2d, esbozo)


# --- Ejercicio 3: max pooling sobre una vista -------------------------------------------------------------

def pool_con_unfold(x, nucleo):
    return x.unfold(2, nucleo, nucleo).unfold(3, nucleo, nucleo).amax(dim=(-2, -1))


def pool_con_flatten(x, nucleo):
    ventanas = x.unfold(2, nucleo, nucleo).unfold(3, nucleo, nucleo)
    return ventanas.flatten(-2).max(dim=-1).values


def test_pool_acepta_las_soluciones():
    for solucion in (pool_con_unfold, pool_con_flatten, F.max_pool2d):
        acierta(convoluciones.mi_max_pool2d, solucion)


@pytest.mark.parametrize("respuesta, pistas", [
    (lambda x, k: x.unfold(2, k, k).unfold(3, k, k).mean(dim=(-2, -1)), ["la media"]),
    (lambda x, k: x.unfold(2, k, 1).unfold(3, k, 1).amax(dim=(-2, -1)), ["se solapan"]),
    (lambda x, k: pool_con_unfold(x, k).transpose(2, 3), ["no coinciden"]),
    (lambda x, k: pool_con_unfold(x, k)[0], ["tiene forma"]),
    (lambda x, k: None, ["None"]),
    (lambda x, k: pool_con_unfold(x.add_(0.5), k), ["modificó"]),
])
def test_pool_rechaza_los_errores_tipicos(respuesta, pistas):
    falla_con(convoluciones.mi_max_pool2d, respuesta, pistas=pistas)


def test_pool_que_no_descarta_lo_que_sobra():
    def con_relleno(x, nucleo):  # rellena hasta un múltiplo de la ventana en lugar de descartar
        alto, ancho = x.shape[-2:]
        lleno = torch.full((*x.shape[:2], -(-alto // nucleo) * nucleo, -(-ancho // nucleo) * nucleo), -1e9)
        lleno[..., :alto, :ancho] = x
        return pool_con_unfold(lleno, nucleo)
    falla_con(convoluciones.mi_max_pool2d, con_relleno, pistas=["se descartan"])


def test_pool_sin_resolver():
    sin_resolver(convoluciones.mi_max_pool2d, ...)
    sin_resolver(convoluciones.mi_max_pool2d, esbozo)


# --- Figuras ------------------------------------------------------------------------------------------------

def test_figuras_de_convolucion():
    torch.manual_seed(0)
    pesos = torch.randn(8, 1, 3, 3)
    mapas = F.conv2d(torch.rand(1, 1, 8, 8), pesos).relu()
    for figura, paneles in ((plot_filters(pesos), 8), (plot_feature_maps(torch.rand(1, 8, 8), mapas), 9),
                            (plot_framed_digits(torch.rand(3, 1, 8, 8), ["a", "b", "c"]), 3)):
        imagenes = [ax for ax in figura.axes if ax.images]
        assert len(imagenes) == paneles
        plt.close(figura)


def test_figuras_rechazan_formas_equivocadas():
    with pytest.raises(ValueError):
        plot_filters(torch.zeros(8, 3, 3, 3))
    with pytest.raises(ValueError):
        plot_framed_digits(torch.zeros(2, 8, 8), ["solo uno"])
