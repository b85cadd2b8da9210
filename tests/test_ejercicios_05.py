"""Los comprobadores de 05_autograd: aceptan las soluciones correctas y reconocen los errores típicos.

Cada respuesta equivocada es la que escribiría un alumno (un factor olvidado, el signo cambiado, la
actualización fuera de no_grad()...), y la prueba exige la pista concreta, no solo el ❌.
"""

import pytest

import minitorch as torch
from minitorch.ejercicios import autograd as comprobar
from ayudas_ejercicios import acierta, falla_con


def _falla_con(comprobador, respuesta, *fragmentos):
    return falla_con(comprobador, respuesta, pistas=fragmentos)


# --- Ejercicio 3: Softplus ---------------------------------------------------------------------

class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (1 + x.exp()).log()

    @staticmethod
    def backward(ctx, grad_salida):
        (x,) = ctx.saved_tensors
        return grad_salida * x.sigmoid()


class SinCadena(Softplus):
    @staticmethod
    def backward(ctx, grad_salida):
        (x,) = ctx.saved_tensors
        return x.sigmoid()


class DerivadaMal(Softplus):
    @staticmethod
    def backward(ctx, grad_salida):
        (x,) = ctx.saved_tensors
        return grad_salida * x.exp()


class ForwardMal(Softplus):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.exp().log()


class GuardaLaSalida(torch.autograd.Function):
    """Otra solución correcta: σ(x) = 1 − e^(−softplus(x)), así que basta con guardar la salida."""

    @staticmethod
    def forward(ctx, x):
        salida = (1 + x.exp()).log()
        ctx.save_for_backward(salida)
        return salida

    @staticmethod
    def backward(ctx, grad_salida):
        (salida,) = ctx.saved_tensors
        return grad_salida * (1 - (-salida).exp())


def test_softplus_acepta_las_soluciones_correctas():
    acierta(comprobar.softplus, Softplus)
    acierta(comprobar.softplus, GuardaLaSalida)


@pytest.mark.parametrize("clase, pista", [
    (SinCadena, "sin multiplicarla por grad_salida"),
    (DerivadaMal, "el gradiente de x"),
    (ForwardMal, "Softplus.apply(x)"),
])
def test_softplus_reconoce_los_errores_tipicos(clase, pista):
    _falla_con(comprobar.softplus, clase, pista)


def test_softplus_tiene_que_ser_una_function():
    def softplus(x):
        return (1 + x.exp()).log()

    _falla_con(comprobar.softplus, softplus, "torch.autograd.Function")


# --- Ejercicio 2: un paso del descenso del gradiente ---------------------------------------------

def paso_con_none(parametros, tasa):
    with torch.no_grad():
        for p in parametros:
            p -= tasa * p.grad
    for p in parametros:
        p.grad = None


def paso_con_zero(parametros, tasa):
    with torch.no_grad():
        for p in parametros:
            p.sub_(tasa * p.grad)
            p.grad.zero_()


def test_paso_acepta_none_y_zero():
    acierta(comprobar.paso, paso_con_none)
    acierta(comprobar.paso, paso_con_zero)


def test_paso_fuera_de_no_grad():
    def sin_no_grad(parametros, tasa):
        for p in parametros:
            p -= tasa * p.grad
            p.grad = None

    _falla_con(comprobar.paso, sin_no_grad, "lanzó RuntimeError", "torch.no_grad()")


def _paso_con(actualizar, borrar=True):
    def paso(parametros, tasa):
        with torch.no_grad():
            for p in parametros:
                actualizar(p, tasa)
                if borrar:
                    p.grad = None
    return paso


@pytest.mark.parametrize("paso, pista", [
    (_paso_con(lambda p, tasa: p.add_(tasa * p.grad)), "en el sentido del gradiente"),
    (_paso_con(lambda p, tasa: p.sub_(p.grad)), "falta multiplicarlo por la tasa"),
    (_paso_con(lambda p, tasa: None), "w no ha cambiado"),
    (_paso_con(lambda p, tasa: p.sub_(tasa * p.grad), borrar=False), "w.grad sigue teniendo el gradiente"),
    (_paso_con(lambda p, tasa: p.sub_(2 * tasa * p.grad)), "w tras el paso"),
])
def test_paso_reconoce_los_errores_tipicos(paso, pista):
    _falla_con(comprobar.paso, paso, pista)


def test_paso_que_cambia_los_tensores_de_la_lista():
    def paso(parametros, tasa):
        for i, p in enumerate(parametros):
            parametros[i] = (p - tasa * p.grad).detach().requires_grad_()

    _falla_con(comprobar.paso, paso, "otros tensores", "in situ")


def test_paso_que_deja_apagado_el_registro_del_grafo():
    def paso(parametros, tasa):
        torch.set_grad_enabled(False)
        paso_con_none(parametros, tasa)

    _falla_con(comprobar.paso, paso, "sigue apagado")
    assert torch.is_grad_enabled(), "el comprobador tiene que volver a encender el registro del grafo"


# --- Ejercicio 1: el bucle que no borra los gradientes ----------------------------------------------

def ajustar_con_error(x, y, pasos=100, tasa=0.1):
    w = torch.tensor(0.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    for _ in range(pasos):
        ((w * x + b - y) ** 2).mean().backward()
        with torch.no_grad():
            w -= tasa * w.grad
            b -= tasa * b.grad
    return w, b


def ajustar_bien(x, y, pasos=100, tasa=0.1):
    w = torch.tensor(0.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    for _ in range(pasos):
        if w.grad is not None:  # otra forma válida: borrar antes de cada backward(), con zero_()
            w.grad.zero_()
            b.grad.zero_()
        ((w * x + b - y) ** 2).mean().backward()
        with torch.no_grad():
            w -= tasa * w.grad
            b -= tasa * b.grad
    return w, b


def test_ajustar_recta_acepta_la_correccion():
    acierta(comprobar.ajustar_recta, ajustar_bien)


def test_ajustar_recta_reconoce_el_bucle_original():
    _falla_con(comprobar.ajustar_recta, ajustar_con_error, "da lo mismo que la versión con el error")


def test_ajustar_recta_usa_los_argumentos_y_devuelve_la_pareja():
    def ignora_los_pasos(x, y, pasos=100, tasa=0.1):
        return ajustar_bien(x, y)

    _falla_con(comprobar.ajustar_recta, ignora_los_pasos, "pasos=60")
    _falla_con(comprobar.ajustar_recta, lambda x, y, pasos, tasa: ajustar_bien(x, y, pasos, tasa)[0], "la pareja w, b")


def test_el_bucle_con_el_error_se_aleja_de_la_recta():
    """El ejercicio solo tiene sentido si el error se nota: en el cuaderno, w tiene que salir lejos de 2."""
    x = torch.tensor([0.0, 1.0, 2.0, 3.0])
    w_mal, _ = ajustar_con_error(x, 2 * x + 1)
    w_bien, b_bien = ajustar_bien(x, 2 * x + 1)
    assert abs(w_mal.item() - 2) > 0.1
    assert abs(w_bien.item() - 2) < 1e-3 and abs(b_bien.item() - 1) < 1e-3


# --- Todos ---------------------------------------------------------------------------------------

SOLUCIONES = [
    (comprobar.softplus, Softplus),
    (comprobar.paso, paso_con_none),
    (comprobar.ajustar_recta, ajustar_bien),
]


@pytest.mark.parametrize("comprobador, solucion", SOLUCIONES)
def test_imprime_una_linea_y_no_devuelve_nada(capsys, comprobador, solucion):
    assert comprobador(solucion) is None
    salida = capsys.readouterr().out
    assert salida.count("\n") == 1 and salida.startswith("✅")


@pytest.mark.parametrize("comprobador, solucion", SOLUCIONES)
def test_no_mueve_la_semilla_global_ni_apaga_autograd(comprobador, solucion):
    torch.manual_seed(123)
    esperado = torch.rand(3)
    torch.manual_seed(123)
    comprobador.evaluar(solucion)
    assert torch.rand(3).equal(esperado)
    assert torch.is_grad_enabled()


# --- Las copias del alumnado: los esbozos sin escribir dan una pista, no un error ---------------------

class SoloForward(Softplus):
    @staticmethod
    def backward(ctx, grad_salida):
        raise NotImplementedError


class SinEscribir(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        raise NotImplementedError

    @staticmethod
    def backward(ctx, grad_salida):
        raise NotImplementedError


def _sin_escribir(*args):
    raise NotImplementedError


@pytest.mark.parametrize("comprobador, respuesta, pista", [
    (comprobar.softplus, SinEscribir, "Softplus todavía no está escrita"),
    (comprobar.softplus, SoloForward, "la función backward de Softplus todavía no está escrita"),
    (comprobar.paso, _sin_escribir, "paso todavía no está escrita"),
    (comprobar.ajustar_recta, _sin_escribir, "ajustar_recta todavía no está escrita"),
    (comprobar.softplus, ..., "cambia cada «...»"),
    (comprobar.paso, ..., "cambia cada «...»"),
    (comprobar.ajustar_recta, ..., "cambia cada «...»"),
])
def test_los_esbozos_sin_escribir(comprobador, respuesta, pista):
    correcto, mensaje = comprobador.evaluar(respuesta)
    assert not correcto, mensaje
    assert mensaje.startswith(f"⏳ {comprobador.titulo}: todavía sin resolver"), mensaje
    assert pista in mensaje, mensaje
    assert "Traceback" not in mensaje and "❌" not in mensaje
    assert torch.is_grad_enabled()


def test_los_titulos_siguen_el_orden_del_cuaderno():
    """Del más fácil al más difícil: el bucle, el paso y la Function propia."""
    titulos = [getattr(comprobar, nombre).titulo for nombre in comprobar.__all__]
    assert titulos == ["Ejercicio 1 (el error del bucle)", "Ejercicio 2 (un paso del descenso del gradiente)",
                       "Ejercicio 3 (una Function propia)"]
