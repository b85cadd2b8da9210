"""El modo de gradiente: si las operaciones anotan o no el grafo computacional.

Con el modo activado (lo normal), cada operación sobre un tensor que requiere gradiente deja un
nodo en el grafo. Dentro de ``with minitorch.no_grad():`` no se anota nada: es lo que se hace al
evaluar un modelo o al actualizar sus parámetros, donde no se quiere derivar.

El estado es un único booleano de este módulo (``_enabled``). Los envoltorios de las operaciones
lo leen en cada llamada, así que leerlo tiene que ser lo más barato posible.
"""

from __future__ import annotations

import functools

_enabled = True


def is_grad_enabled() -> bool:
    """¿Se está anotando el grafo computacional?"""
    return _enabled


def _set_enabled(mode: bool) -> None:
    global _enabled
    _enabled = bool(mode)


class _GradMode:
    """Base común: sirve como gestor de contexto (``with``) y como decorador de funciones."""

    mode = True

    def __new__(cls, orig_func=None):
        # Como en PyTorch, ``@no_grad`` sin paréntesis también decora.
        if orig_func is not None and callable(orig_func):
            return cls()(orig_func)
        return super().__new__(cls)

    def __enter__(self):
        self._previous = _enabled
        _set_enabled(self.mode)
        return None

    def __exit__(self, *exc_info) -> None:
        _set_enabled(self._previous)

    def clone(self):
        return type(self)()

    def __call__(self, func):
        @functools.wraps(func)
        def decorated(*args, **kwargs):
            with self.clone():
                return func(*args, **kwargs)

        return decorated


class no_grad(_GradMode):  # noqa: N801 (nombre de PyTorch)
    """Desactiva la anotación del grafo: los resultados no tienen ``grad_fn`` ni requieren gradiente.

    >>> with minitorch.no_grad():
    ...     y = x * 2          # y.requires_grad es False aunque x lo requiera
    """

    mode = False


class enable_grad(_GradMode):  # noqa: N801
    """Vuelve a activar la anotación del grafo (por ejemplo, dentro de un bloque ``no_grad``)."""

    mode = True


class inference_mode(_GradMode):  # noqa: N801
    """En minitorch, lo mismo que ``no_grad`` (PyTorch además ahorra la contabilidad de versiones)."""

    def __new__(cls, mode=True):
        if callable(mode):
            return cls()(mode)
        return object.__new__(cls)

    def __init__(self, mode: bool = True):
        self.mode = not mode

    def clone(self):
        return type(self)(not self.mode)


class set_grad_enabled(_GradMode):  # noqa: N801
    """Fija el modo: ``set_grad_enabled(False)`` lo cambia ya; como ``with``, lo restaura al salir."""

    def __new__(cls, mode: bool):
        return object.__new__(cls)

    def __init__(self, mode: bool):
        self._previous = _enabled
        self.mode = bool(mode)
        _set_enabled(self.mode)

    def __enter__(self):
        return None

    def __exit__(self, *exc_info) -> None:
        _set_enabled(self._previous)

    def __call__(self, func):
        _set_enabled(self._previous)  # como decorador no debe cambiar el modo al decorar, solo al llamar
        return super().__call__(func)

    def clone(self):
        return _Restoring(self.mode)

    def __repr__(self) -> str:
        return f"{type(self).__module__}.{type(self).__qualname__}(mode={self.mode})"


class _Restoring(_GradMode):
    """Lo que usa ``set_grad_enabled`` como decorador: fija el modo al entrar y lo restaura al salir."""

    def __new__(cls, mode: bool):
        return object.__new__(cls)

    def __init__(self, mode: bool):
        self.mode = mode
