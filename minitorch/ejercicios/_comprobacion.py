"""La maquinaria común de los comprobadores de ejercicios: un veredicto ✅/❌ con una pista precisa.

Un comprobador es una función decorada con ``@ejercicio(titulo)`` que recibe la respuesta del alumno,
calcula con minitorch lo que debería salir (nunca números escritos a mano) y la contrasta con las
funciones ``exigir_*`` de este módulo. Cada una lanza ``RespuestaIncorrecta`` con una pista en español
(forma, dtype, una copia donde se pedía una vista, el primer elemento que no coincide...) y el
decorador la convierte en una línea ``❌ título: pista``. Si nada falla, imprime ``✅ título: ¡correcto!``
y, si el comprobador devuelve un texto, lo añade como comentario final.

Un módulo de ejercicios (uno por cuaderno) se escribe así::

    import minitorch
    from ._comprobacion import ejercicio, exigir_tensor_igual, exigir_vista

    @ejercicio("Ejercicio 2 (una columna)")
    def columna(respuesta, x):
        esperado = x.reshape(-1, 1)              # lo calcula minitorch, no nosotros a mano
        exigir_tensor_igual(respuesta, esperado, nombre="la columna")
        exigir_vista(respuesta, x, nombre="la columna", base_nombre="x")
        return "Una vista no copia: comparte el almacenamiento de x."

y en el cuaderno::

    from minitorch.ejercicios import tensores as comprobar
    comprobar.columna(mi_columna, x)     # imprime ✅ ... o ❌ ... con la pista

El comprobador imprime y no devuelve nada, para que la celda no muestre un ``None`` ni un ``True``.
Las pruebas usan ``columna.evaluar(respuesta, x)``, que no imprime y devuelve ``(correcto, mensaje)``.

Si el ejercicio pide una función, ``exigir_funcion_igual(funcion, referencia, casos)`` la llama con cada
caso y compara con la referencia; un error dentro de la función del alumno se convierte en pista.
Las pistas dicen qué está mal, nunca cómo se escribe la solución.

Un ejercicio sin resolver no es un error: en las copias del alumnado, la solución se cambia por
``raise NotImplementedError`` (dentro de una función) o por ``nombre = ...`` (fuera de ellas). Si el
comprobador recibe ``...`` o el código del alumno lanza ``NotImplementedError``, imprime
``⏳ título: todavía sin resolver`` sin traza de error, y «Run All» sigue con la celda siguiente.

Para los ejercicios de otros cuadernos (los de un profesor que reutiliza minitorch), ``profesorado.py`` es
la parte pública de este módulo, con un ejemplo de cada comprobación.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import math

import numpy as np

import minitorch

__all__ = [
    "RespuestaIncorrecta",
    "SinResolver",
    "ejercicio",
    "exigir",
    "exigir_tensor",
    "exigir_tensor_igual",
    "exigir_igual",
    "exigir_vista",
    "exigir_copia",
    "exigir_funcion_igual",
    "exigir_en_su_sitio",
    "exigir_intactos",
    "fotografiar",
    "llamar",
    "parecidos",
    "semilla_intacta",
    "sin_mover_la_semilla",
]


class RespuestaIncorrecta(Exception):
    """Lo que falla en una respuesta, con la pista que leerá el alumno."""


class SinResolver(RespuestaIncorrecta):
    """El ejercicio sigue con el esbozo de la copia del alumnado: ``...`` o ``raise NotImplementedError``."""


def _sin_resolver(argumentos) -> bool:
    return any(a is Ellipsis for a in argumentos)


def ejercicio(titulo: str):
    """Decorador: convierte una comprobación (que lanza ``RespuestaIncorrecta``) en un comprobador que
    imprime el veredicto. La comprobación puede devolver un texto que se añade al ✅."""

    def decorar(comprobacion):
        def evaluar(*args, **kwargs) -> tuple[bool, str]:
            try:
                if _sin_resolver([*args, *kwargs.values()]):
                    raise SinResolver("cambia cada «...» por tu respuesta y vuelve a ejecutar la celda")
                comentario = comprobacion(*args, **kwargs)
            except NotImplementedError:  # lo lanza el esbozo, en una función o un método del alumno
                return False, (f"⏳ {titulo}: todavía sin resolver. Escribe tu código en lugar de "
                               "«raise NotImplementedError» y vuelve a ejecutar la celda.")
            except SinResolver as pendiente:
                return False, f"⏳ {titulo}: todavía sin resolver: {pendiente}."
            except RespuestaIncorrecta as fallo:
                return False, f"❌ {titulo}: {fallo}"
            return True, f"✅ {titulo}: ¡correcto!" + (f" {comentario}" if comentario else "")

        @functools.wraps(comprobacion)
        def comprobador(*args, **kwargs) -> None:
            print(evaluar(*args, **kwargs)[1])

        comprobador.evaluar = evaluar
        comprobador.titulo = titulo
        return comprobador

    return decorar


def exigir(condicion: bool, pista: str) -> None:
    """La comprobación más general: si ``condicion`` es falsa, la respuesta es incorrecta por ``pista``."""
    if not condicion:
        raise RespuestaIncorrecta(pista)


# --- Tensores -----------------------------------------------------------------------------------

def _tipo(valor) -> str:
    tipo = type(valor)
    return tipo.__name__ if tipo.__module__ == "builtins" else f"{tipo.__module__}.{tipo.__qualname__}"


def exigir_tensor(respuesta, nombre: str = "tu respuesta") -> None:
    """La respuesta tiene que ser un ``minitorch.Tensor`` (y no una lista, un array de numpy o ``None``)."""
    if isinstance(respuesta, minitorch.Tensor):
        return
    if respuesta is None:
        raise RespuestaIncorrecta(f"{nombre} es None: ¿te falta un «return» o asignar la variable?")
    if _tipo(respuesta).startswith("torch."):
        raise RespuestaIncorrecta(f"{nombre} es un tensor de PyTorch; aquí se espera un minitorch.Tensor")
    raise RespuestaIncorrecta(f"{nombre} es de tipo {_tipo(respuesta)} y se esperaba un minitorch.Tensor")


def _numero(valor) -> str:
    """Un elemento escrito para una persona: 2.0, 0.4963, 7, True (nunca ``np.float32(...)``)."""
    valor = valor.item() if hasattr(valor, "item") else valor
    if isinstance(valor, float) and math.isfinite(valor):
        return format(valor, ".6g") if valor != int(valor) else repr(float(int(valor)))
    return repr(valor)


def _indice(indice: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in indice) + "]"


def exigir_tensor_igual(respuesta, esperado: minitorch.Tensor, nombre: str = "tu respuesta", *,
                        rtol: float = 1e-5, atol: float = 1e-6, dtype: bool = True, strides: bool = False) -> None:
    """Mismo tipo, forma, dtype (si ``dtype``), strides (si ``strides``) y valores (con tolerancia de
    float32) que ``esperado``.

    La pista dice lo primero que falla; si son los valores, el primer elemento distinto y cuántos hay.
    """
    exigir_tensor(respuesta, nombre)
    forma, forma_esperada = tuple(respuesta.shape), tuple(esperado.shape)
    if forma != forma_esperada:
        cuantos = "" if respuesta.numel() == esperado.numel() else \
            f" ({respuesta.numel()} elementos frente a {esperado.numel()})"
        raise RespuestaIncorrecta(f"{nombre} tiene forma {forma} y se esperaba {forma_esperada}{cuantos}")
    if dtype and respuesta.dtype != esperado.dtype:
        raise RespuestaIncorrecta(f"{nombre} tiene dtype {respuesta.dtype} y se esperaba {esperado.dtype}")
    if strides and respuesta.stride() != esperado.stride():
        raise RespuestaIncorrecta(f"{nombre} tiene strides {respuesta.stride()} y se esperaban {esperado.stride()}")
    valores, valores_esperados = respuesta.detach().numpy(), esperado.detach().numpy()
    if valores.dtype == np.bool_ or valores_esperados.dtype == np.bool_:
        iguales = valores == valores_esperados
    else:
        iguales = np.isclose(valores, valores_esperados, rtol=rtol, atol=atol, equal_nan=True)
    if iguales.all():
        return
    primero = tuple(int(i) for i in np.argwhere(~iguales)[0])
    distintos = int((~iguales).sum())
    if iguales.size == 1:
        raise RespuestaIncorrecta(f"{nombre} vale {_numero(valores[primero])} y debería valer "
                                  f"{_numero(valores_esperados[primero])}")
    elemento = f"el elemento {_indice(primero)}"
    cuantos = (f"es el único de los {iguales.size} elementos que no coincide" if distintos == 1
               else f"no coinciden {distintos} de los {iguales.size} elementos")
    raise RespuestaIncorrecta(
        f"{nombre} tiene la forma y el dtype correctos, pero {elemento} vale {_numero(valores[primero])} "
        f"y debería valer {_numero(valores_esperados[primero])} ({cuantos})")


def parecidos(a: minitorch.Tensor, b: minitorch.Tensor) -> bool:
    """Misma forma y valores con la tolerancia de float32; sirve para reconocer errores típicos."""
    return tuple(a.shape) == tuple(b.shape) and bool(a.detach().double().allclose(b.detach().double(),
                                                                                   rtol=1e-4, atol=1e-5))


def _comparten_memoria(a: minitorch.Tensor, b: minitorch.Tensor) -> bool:
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def exigir_vista(respuesta, base: minitorch.Tensor, nombre: str = "tu respuesta", base_nombre: str = "el tensor original") -> None:
    """``respuesta`` tiene que ser una vista de ``base``: el mismo almacenamiento, sin copiar nada."""
    exigir_tensor(respuesta, nombre)
    if not _comparten_memoria(respuesta, base):
        raise RespuestaIncorrecta(
            f"{nombre} tiene los valores correctos, pero es una copia: no comparte el almacenamiento de "
            f"{base_nombre}, y se pedía una vista (una operación que no copie los datos)")


def exigir_copia(respuesta, base: minitorch.Tensor, nombre: str = "tu respuesta", base_nombre: str = "el tensor original") -> None:
    """``respuesta`` tiene que tener su propio almacenamiento: escribir en ella no debe tocar ``base``."""
    exigir_tensor(respuesta, nombre)
    if _comparten_memoria(respuesta, base):
        raise RespuestaIncorrecta(
            f"{nombre} tiene los valores correctos, pero es una vista que comparte el almacenamiento de "
            f"{base_nombre}; se pedía una copia independiente")


# --- Valores de Python (formas, strides, números) ------------------------------------------------------

def _normalizar(valor):
    """Lo comparable de un valor: un ``Size`` o una lista pasan a tupla; un tensor de un elemento, no."""
    if isinstance(valor, (list, minitorch.Size)):
        return tuple(_normalizar(v) for v in valor)
    if isinstance(valor, tuple):
        return tuple(_normalizar(v) for v in valor)
    return valor


def _iguales(a, b, rtol: float, atol: float) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_iguales(x, y, rtol, atol) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=rtol, abs_tol=atol) or (math.isnan(a) and math.isnan(b))
    return type(a) is type(b) and a == b


def exigir_igual(respuesta, esperado, nombre: str = "tu respuesta", *, rtol: float = 1e-5, atol: float = 1e-6) -> None:
    """Un valor de Python (número, booleano, tupla como una forma o unos strides) igual a ``esperado``.

    Una lista o un ``minitorch.Size`` valen como la tupla con los mismos elementos; los números se
    comparan con tolerancia; un tensor donde se esperaba un número se rechaza con una pista (``item()``).
    """
    if isinstance(respuesta, minitorch.Tensor) and not isinstance(esperado, minitorch.Tensor):
        raise RespuestaIncorrecta(
            f"{nombre} es un tensor y se esperaba un valor de Python ({_tipo(esperado)}): "
            "¿te falta convertirlo con item() o tolist()?")
    r, e = _normalizar(respuesta), _normalizar(esperado)
    if isinstance(e, tuple) and not isinstance(r, tuple):
        raise RespuestaIncorrecta(f"{nombre} es de tipo {_tipo(respuesta)} y se esperaba una tupla como {e}")
    if isinstance(e, tuple) and len(r) != len(e):
        raise RespuestaIncorrecta(f"{nombre} tiene {len(r)} elementos y se esperaban {len(e)}")
    if isinstance(e, bool) and not isinstance(r, bool):
        raise RespuestaIncorrecta(f"{nombre} es de tipo {_tipo(respuesta)} y se esperaba True o False")
    if not _iguales(r, e, rtol, atol):
        raise RespuestaIncorrecta(f"{nombre} vale {_describir(r)} y se esperaba {_describir(e)}")


def _describir(valor) -> str:
    if isinstance(valor, tuple):
        partes = ", ".join(_describir(v) for v in valor)
        return f"({partes},)" if len(valor) == 1 else f"({partes})"
    return _numero(valor) if isinstance(valor, (int, float)) else repr(valor)


# --- Funciones escritas por el alumno ---------------------------------------------------------------

def _argumentos(caso: tuple) -> str:
    return ", ".join(repr(a) if not isinstance(a, minitorch.Tensor) else f"tensor de forma {tuple(a.shape)}"
                     for a in caso)


def exigir_funcion_igual(funcion, referencia, casos, nombre: str | None = None) -> None:
    """Llama a ``referencia(*caso)`` y a ``funcion(*caso)`` para cada caso y exige el mismo resultado.

    ``casos`` es una lista de tuplas de argumentos. Los resultados tensor se comparan con
    ``exigir_tensor_igual`` y los demás con ``exigir_igual``. La función del alumno no debe modificar
    los tensores que recibe (la referencia se calcula antes, por si acaso). Si lanza una excepción, la
    pista dice cuál y con qué argumentos.
    """
    exigir(callable(funcion), f"se esperaba una función y {_tipo(funcion)} no se puede llamar")
    nombre = nombre or getattr(funcion, "__name__", "tu función")
    for caso in casos:
        llamada = f"{nombre}({_argumentos(caso)})"
        esperado = referencia(*caso)
        antes = fotografiar(caso)
        obtenido = llamar(funcion, caso, llamada, nombre)
        exigir_intactos(antes, caso, llamada)
        if isinstance(esperado, minitorch.Tensor):
            exigir_tensor_igual(obtenido, esperado, nombre=llamada)
        else:
            exigir_igual(obtenido, esperado, nombre=llamada)


# --- Argumentos que se modifican (o no) ----------------------------------------------------------------

def fotografiar(argumentos) -> list:
    """Una copia de cada tensor de ``argumentos`` (``None`` para lo demás), para compararlos después."""
    return [a.detach().clone() if isinstance(a, minitorch.Tensor) else None for a in argumentos]


def exigir_intactos(antes: list, argumentos, llamada: str) -> None:
    """Ningún tensor de ``argumentos`` ha cambiado desde ``antes = fotografiar(argumentos)``."""
    for posicion, (original, argumento) in enumerate(zip(antes, argumentos), start=1):
        exigir(original is None or original.equal(argumento),
               f"{llamada} modificó su argumento {posicion}: debe devolver un resultado nuevo y dejar "
               "intactos los tensores que recibe")


def exigir_en_su_sitio(funcion, referencia, casos, nombre: str | None = None) -> None:
    """Para ejercicios *in situ*: ``funcion(*caso)`` tiene que dejar los tensores de ``caso`` como los
    deja ``referencia`` aplicada a una copia suya (lo que devuelvan no cuenta).

    Si un tensor que la referencia cambia queda intacto, la pista dice que había que modificarlo en su
    sitio (un error típico: ``x = x - 1`` crea un tensor nuevo y no toca el argumento). Los tensores de
    ``casos`` quedan modificados: créalos dentro del comprobador, para que cada llamada empiece de cero.
    """
    exigir(callable(funcion), f"se esperaba una función y {_tipo(funcion)} no se puede llamar")
    nombre = nombre or getattr(funcion, "__name__", "tu función")
    for caso in casos:
        llamada = f"{nombre}({_argumentos(caso)})"
        antes = fotografiar(caso)
        esperados = [a.clone() if isinstance(a, minitorch.Tensor) else a for a in caso]
        referencia(*esperados)
        llamar(funcion, caso, llamada, nombre)
        for posicion, (original, esperado, argumento) in enumerate(zip(antes, esperados, caso), start=1):
            if original is None:
                continue
            if original.equal(argumento) and not original.equal(esperado):
                raise RespuestaIncorrecta(
                    f"{llamada} dejó intacto su argumento {posicion}, y se pedía modificarlo en su sitio "
                    "(in situ), sin crear un tensor nuevo")
            exigir_tensor_igual(argumento, esperado, nombre=f"el argumento {posicion} después de {llamada}")


# --- Código del alumno y números aleatorios ----------------------------------------------------------

def llamar(funcion, args, llamada: str, nombre: str | None = None, pista_extra=None):
    """Llama al código del alumno con ``args``; si falla, el error se convierte en una pista.

    ``llamada`` es el texto de la llamada que se muestra en la pista (``"paso([w, b], 0.1)"``) y
    ``pista_extra(error)`` puede añadir un consejo para un error típico (o devolver ``""``).
    """
    try:
        return funcion(*args)
    except NotImplementedError:
        nombre = nombre or getattr(funcion, "__name__", llamada)
        raise SinResolver(f"{nombre} todavía no está escrita (lanza NotImplementedError); escribe su código "
                          "en lugar de «raise NotImplementedError» y vuelve a ejecutar la celda") from None
    except Exception as error:  # un fallo del código del alumno es una pista, no un error del comprobador
        extra = pista_extra(error) if pista_extra else ""
        raise RespuestaIncorrecta(f"{llamada} lanzó {type(error).__name__}: {error}" + (f". {extra}" if extra else "")) from None


@contextlib.contextmanager
def semilla_intacta():
    """Crear capas, barajar o usar Dropout consume números del generador global; al salir, queda como estaba."""
    generador = minitorch.default_generator
    estado = copy.deepcopy(generador.__dict__)
    try:
        yield
    finally:
        generador.__dict__.update(estado)


def sin_mover_la_semilla(comprobacion):
    """Decorador: la comprobación entera corre dentro de ``semilla_intacta()``.

    Así, comprobar un ejercicio no cambia los números aleatorios que el cuaderno saque después (ni siquiera
    un ``DataLoader``, que saca una semilla del generador global cada vez que se recorre, como en PyTorch).
    """

    @functools.wraps(comprobacion)
    def envuelta(*args, **kwargs):
        with semilla_intacta():
            return comprobacion(*args, **kwargs)

    return envuelta
