"""Comprobadores de los ejercicios de 05_autograd.ipynb.

Lo esperado se calcula con el autograd de minitorch sobre datos propios, sacados de un ``Generator`` con
semilla fija para no mover la semilla global del cuaderno. Antes de la pista genérica («el elemento [1] vale
...»), cada comprobador busca el error típico del ejercicio (el gradiente que se sigue acumulando, el paso en el
sentido del gradiente, la derivada sin la regla de la cadena...) y, si lo reconoce, lo dice.
"""

import minitorch

from ._comprobacion import (
    RespuestaIncorrecta, ejercicio, exigir, exigir_tensor, exigir_tensor_igual, llamar, parecidos,
)

__all__ = ["ajustar_recta", "paso", "softplus"]


# --- Ejercicio 1 ------------------------------------------------------------------------------------

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


@ejercicio("Ejercicio 1 (el error del bucle)")
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
        exigir(not (parecidos(w, w_sin_borrar) and parecidos(b, b_sin_borrar)),
               f"{llamada} da lo mismo que la versión con el error: en cada paso, backward() suma el gradiente "
               "nuevo al de los pasos anteriores")
        w_esperada, b_esperada = _ajustar_recta(x, y, pasos, tasa)
        exigir_tensor_igual(w, w_esperada, nombre=f"la w de {llamada}")
        exigir_tensor_igual(b, b_esperada, nombre=f"la b de {llamada}")
    return "Sin borrar el gradiente, cada paso empujaba con la suma de todos los anteriores."


# --- Ejercicio 2 ------------------------------------------------------------------------------------

@ejercicio("Ejercicio 2 (un paso del descenso del gradiente)")
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
        exigir(not parecidos(p, valor), f"{nombre} no ha cambiado: el paso tiene que modificar cada parámetro")
        exigir(not parecidos(p, valor + tasa * gradiente),
               f"{nombre} se ha movido en el sentido del gradiente, hacia donde la función sube: para bajar, "
               "hay que ir en sentido contrario")
        exigir(not parecidos(p, valor - gradiente),
               f"{nombre} se ha movido el gradiente entero: ¿falta multiplicarlo por la tasa?")
        exigir_tensor_igual(p, esperado, nombre=f"{nombre} tras el paso")
        exigir(p.is_leaf and p.grad_fn is None,
               f"{nombre} ya no es una hoja: la actualización ha quedado registrada en el grafo")
        exigir(p.requires_grad, f"{nombre} ya no requiere gradiente, y el siguiente backward() no lo calcularía")
        exigir(p.grad is None or not p.grad.detach().ne(0).any().item(),
               f"{nombre}.grad sigue teniendo el gradiente de este paso: el siguiente backward() se lo sumaría")
    return "Es lo que hacen optimizer.step() y optimizer.zero_grad() con SGD, que veremos en el cuaderno 07."


# --- Ejercicio 3 ------------------------------------------------------------------------------------

@ejercicio("Ejercicio 3 (una Function propia)")
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
    if parecidos(x.grad, derivada) and not parecidos(x.grad, esperado):
        raise RespuestaIncorrecta("tu backward devuelve la derivada de softplus, pero sin multiplicarla por "
                                  "grad_salida: la regla de la cadena pide las dos cosas")
    exigir_tensor_igual(x.grad, esperado, nombre="el gradiente de x (x.grad)")

    x64 = minitorch.randn(6, dtype=minitorch.float64, generator=generador).requires_grad_()
    exigir(minitorch.autograd.gradcheck(clase.apply, (x64,), raise_exception=False),
           "con una entrada de tipo float64 tu Softplus no pasa gradcheck: ¿depende tu backward del tipo de dato?")
    return "La derivada de softplus es la sigmoide, y gradcheck la confirma en float64."
