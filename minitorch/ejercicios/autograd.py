"""Comprobadores de los ejercicios de 04_autograd.ipynb.

Lo esperado se calcula con el autograd de minitorch sobre datos propios, sacados de un ``Generator`` con
semilla fija para no mover la semilla global del cuaderno. Antes de la pista genérica («el elemento [1] vale
...»), cada comprobador busca el error típico del ejercicio (un factor 2 olvidado, el gradiente que se sigue
acumulando...) y, si lo reconoce, lo dice.
"""

import minitorch

from ._comprobacion import (
    RespuestaIncorrecta, ejercicio, exigir, exigir_funcion_igual, exigir_tensor, exigir_tensor_igual, llamar,
)

__all__ = ["gradiente_mse", "softplus", "paso", "ajustar_recta"]


def _parecidos(a: minitorch.Tensor, b: minitorch.Tensor) -> bool:
    """Misma forma y valores con la tolerancia de float32; sirve para reconocer errores típicos."""
    return tuple(a.shape) == tuple(b.shape) and bool(a.detach().double().allclose(b.detach().double(),
                                                                                   rtol=1e-4, atol=1e-5))


# --- Ejercicio 1 ------------------------------------------------------------------------------------

def _gradiente_mse_con_autograd(X, w, y):
    with minitorch.enable_grad():  # el comprobador llama a la referencia dentro de no_grad()
        w = w.detach().clone().requires_grad_()
        ((X @ w - y) ** 2).mean().backward()
    return w.grad


def _casos_mse():
    generador = minitorch.Generator(40)
    casos = []
    for n, d in [(5, 3), (1, 4), (8, 1), (20, 6)]:
        casos.append((minitorch.randn(n, d, generator=generador), minitorch.randn(d, generator=generador),
                      minitorch.randn(n, generator=generador)))
    return casos


def _diagnostico_mse(funcion, X, w, y) -> str:
    """El error típico que explica la respuesta, si se reconoce; si no, el texto vacío."""
    try:
        with minitorch.no_grad():
            obtenido = funcion(X, w, y)
    except Exception:  # noqa: BLE001 (el fallo ya lo ha contado la pista principal)
        return ""
    if not isinstance(obtenido, minitorch.Tensor):
        return ""
    esperado = _gradiente_mse_con_autograd(X, w, y)
    n = X.shape[0]
    if tuple(obtenido.shape) == (n,) and n != w.shape[0]:
        return (". Tiene un valor por ejemplo, la forma de y: falta combinar el error de cada ejemplo con su "
                "fila de X para llegar a la forma de w")
    errores_tipicos = [
        (0.5, "es la mitad de lo esperado: ¿falta el 2 que baja al derivar el cuadrado?"),
        (n, f"es {n} veces lo esperado: ¿falta dividir entre n = {n}, por la media?"),
        (n / 2, f"es {n / 2:g} veces lo esperado: ¿faltan el 2 del cuadrado y dividir entre n = {n}?"),
        (-1, "tiene el signo cambiado: revisa el orden de la resta del error"),
    ]
    for factor, pista in errores_tipicos:
        if _parecidos(obtenido, esperado * factor):
            return f". Con X de forma {tuple(X.shape)}, tu resultado {pista}"
    return ""


@ejercicio("Ejercicio 1 (el gradiente a mano)")
def gradiente_mse(funcion):
    casos = _casos_mse()
    try:
        # Dentro de no_grad(), un backward() del alumno falla: el ejercicio pide la fórmula a mano.
        with minitorch.no_grad():
            exigir_funcion_igual(funcion, _gradiente_mse_con_autograd, casos, nombre="gradiente_mse")
    except RespuestaIncorrecta as fallo:
        if _usa_autograd(funcion, casos[0]):
            raise RespuestaIncorrecta(
                "gradiente_mse usa backward() (o autograd.grad): el ejercicio pide el gradiente a mano, "
                "con la regla de la cadena y operaciones de tensores") from None
        raise RespuestaIncorrecta(f"{fallo}{_diagnostico_mse(funcion, *casos[0])}") from None
    return "Es el gradiente de la regresión lineal: 2/n · Xᵀ(Xw − y), y autograd da lo mismo."


def _usa_autograd(funcion, caso) -> bool:
    """Con el registro del grafo encendido, ¿acierta? Entonces dentro de no_grad() falló por usar autograd."""
    try:
        obtenido = funcion(*caso)
    except Exception:  # noqa: BLE001
        return False
    return isinstance(obtenido, minitorch.Tensor) and _parecidos(obtenido, _gradiente_mse_con_autograd(*caso))


# --- Ejercicio 2 ------------------------------------------------------------------------------------

@ejercicio("Ejercicio 2 (una Function propia)")
def softplus(clase):
    exigir(isinstance(clase, type) and issubclass(clase, minitorch.autograd.Function),
           "Softplus tiene que ser una clase hija de torch.autograd.Function")
    generador = minitorch.Generator(41)
    x = (minitorch.randn(3, 4, generator=generador) * 3).requires_grad_()
    y = llamar(clase.apply, (x,), "Softplus.apply(x)", "Softplus")
    exigir_tensor(y, "Softplus.apply(x)")
    exigir_tensor_igual(y, (1 + x.detach().exp()).log(), nombre="Softplus.apply(x)")
    exigir(y.grad_fn is not None,
           "el resultado de Softplus.apply(x) no está en el grafo (su grad_fn es None), aunque x requiere "
           "gradiente: ¿lo has calculado con apply?")

    grad_salida = minitorch.randn(3, 4, generator=generador)
    llamar(y.backward, (grad_salida,), "y.backward(grad_salida)", "la función backward de Softplus")
    exigir(x.grad is not None, "tras backward(), x.grad es None: ¿devuelve algo tu backward?")
    derivada = x.detach().sigmoid()
    esperado = grad_salida * derivada
    if _parecidos(x.grad, derivada) and not _parecidos(x.grad, esperado):
        raise RespuestaIncorrecta("tu backward devuelve la derivada de softplus, pero sin multiplicarla por "
                                  "grad_salida: la regla de la cadena pide las dos cosas")
    exigir_tensor_igual(x.grad, esperado, nombre="el gradiente de x (x.grad)")

    x64 = minitorch.randn(6, dtype=minitorch.float64, generator=generador).requires_grad_()
    exigir(minitorch.autograd.gradcheck(clase.apply, (x64,), raise_exception=False),
           "con una entrada de tipo float64 tu Softplus no pasa gradcheck: ¿depende tu backward del tipo de dato?")
    return "La derivada de softplus es la sigmoide, y gradcheck la confirma en float64."


# --- Ejercicio 3 ------------------------------------------------------------------------------------

@ejercicio("Ejercicio 3 (un paso del descenso del gradiente)")
def paso(funcion):
    exigir(callable(funcion), "se esperaba una función paso(parametros, tasa)")
    generador = minitorch.Generator(42)
    w = minitorch.randn(3, 2, generator=generador).requires_grad_()
    b = minitorch.randn(2, generator=generador).requires_grad_()
    x = minitorch.randn(5, 3, generator=generador)
    ((x @ w + b) ** 2).mean().backward()
    tasa = 0.1
    parametros = [w, b]
    antes = [(p.detach().clone(), p.grad.clone()) for p in parametros]

    try:
        llamar(funcion, (parametros, tasa), "paso([w, b], 0.1)", "paso",
                pista_extra=lambda error: "¿Actualizas los parámetros dentro de torch.no_grad()?" if isinstance(error, RuntimeError) else "")
    finally:
        registro_apagado = not minitorch.is_grad_enabled()
        minitorch.set_grad_enabled(True)  # que un error del alumno no deje el cuaderno sin autograd
    exigir(not registro_apagado,
           "después de paso el registro del grafo sigue apagado: usa with torch.no_grad(): para que se "
           "vuelva a encender al salir del bloque")
    exigir(parametros[0] is w and parametros[1] is b,
           "la lista tiene ahora otros tensores, pero el modelo sigue usando los de antes: hay que modificar "
           "cada parámetro in situ")

    for nombre, p, (valor, gradiente) in zip(["w", "b"], parametros, antes):
        esperado = valor - tasa * gradiente
        exigir(not _parecidos(p, valor), f"{nombre} no ha cambiado: el paso tiene que modificar cada parámetro")
        exigir(not _parecidos(p, valor + tasa * gradiente),
               f"{nombre} se ha movido en el sentido del gradiente, hacia donde la función sube: para bajar, "
               "hay que ir en sentido contrario")
        exigir(not _parecidos(p, valor - gradiente),
               f"{nombre} se ha movido el gradiente entero: ¿falta multiplicarlo por la tasa?")
        exigir_tensor_igual(p, esperado, nombre=f"{nombre} tras el paso")
        exigir(p.is_leaf and p.grad_fn is None,
               f"{nombre} ya no es una hoja: la actualización ha quedado registrada en el grafo")
        exigir(p.requires_grad, f"{nombre} ya no requiere gradiente, y el siguiente backward() no lo calcularía")
        exigir(p.grad is None or not p.grad.detach().ne(0).any().item(),
               f"{nombre}.grad sigue teniendo el gradiente de este paso: el siguiente backward() se lo sumaría")
    return "Es lo que hacen optimizer.step() y optimizer.zero_grad() con SGD, que veremos en el cuaderno 06."


# --- Ejercicio 4 ------------------------------------------------------------------------------------

def _ajustar_recta(x, y, pasos, tasa, borrar_gradientes=True):
    """La referencia: el bucle del cuaderno, con o sin borrar los gradientes en cada paso."""
    with minitorch.enable_grad():
        w = minitorch.tensor(0.0, requires_grad=True)
        b = minitorch.tensor(0.0, requires_grad=True)
        for _ in range(pasos):
            ((w * x + b - y) ** 2).mean().backward()
            with minitorch.no_grad():
                w -= tasa * w.grad
                b -= tasa * b.grad
            if borrar_gradientes:
                w.grad = b.grad = None
    return w.detach(), b.detach()


def _casos_recta():
    generador = minitorch.Generator(43)
    x1 = minitorch.tensor([0.0, 1.0, 2.0, 3.0])
    x2 = minitorch.linspace(-1, 2, 7)
    y2 = -0.5 * x2 + 3 + 0.1 * minitorch.randn(7, generator=generador)
    return [(x1, 2 * x1 + 1, 100, 0.1), (x2, y2, 60, 0.05)]


@ejercicio("Ejercicio 4 (el error del bucle)")
def ajustar_recta(funcion):
    exigir(callable(funcion), "se esperaba la función ajustar_recta(x, y, pasos, tasa)")
    for x, y, pasos, tasa in _casos_recta():
        llamada = f"ajustar_recta(x, y, pasos={pasos}, tasa={tasa})"
        resultado = llamar(funcion, (x, y, pasos, tasa), llamada, "ajustar_recta")
        exigir(isinstance(resultado, tuple) and len(resultado) == 2,
               f"{llamada} tiene que devolver la pareja w, b, como la versión original")
        w, b = resultado
        exigir_tensor(w, f"la w de {llamada}")
        exigir_tensor(b, f"la b de {llamada}")
        w_sin_borrar, b_sin_borrar = _ajustar_recta(x, y, pasos, tasa, borrar_gradientes=False)
        exigir(not (_parecidos(w, w_sin_borrar) and _parecidos(b, b_sin_borrar)),
               f"{llamada} da lo mismo que la versión con el error: en cada paso, backward() suma el gradiente "
               "nuevo al de los pasos anteriores")
        w_esperada, b_esperada = _ajustar_recta(x, y, pasos, tasa)
        exigir_tensor_igual(w, w_esperada, nombre=f"la w de {llamada}")
        exigir_tensor_igual(b, b_esperada, nombre=f"la b de {llamada}")
    return "Sin borrar el gradiente, cada paso empujaba con la suma de todos los anteriores."
