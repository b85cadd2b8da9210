"""``Parameter``: un tensor que un módulo reconoce como parámetro suyo.

Un ``Parameter`` es un ``Tensor`` corriente (comparte el almacenamiento del tensor con el que se crea)
con dos diferencias: pide gradiente por defecto y, al asignarlo como atributo de un ``Module``, este lo
registra en su lista de parámetros (ver ``Module.__setattr__``). Las operaciones con un parámetro dan
tensores normales, como en PyTorch.
"""

from __future__ import annotations

from ..creation import empty
from ..tensor import Tensor


class Parameter(Tensor):
    """Un tensor que es parámetro de un módulo: ``Parameter(data=None, requires_grad=True)``."""

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True):
        if data is None:
            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(f"Parameter espera un tensor como datos, pero recibió {type(data).__name__}")
        # Una vista nueva sobre el mismo almacenamiento: el parámetro es una hoja del grafo computacional.
        param = cls._make(data._storage, data._shape, data._stride, data._offset)
        return param.requires_grad_(requires_grad)

    def __init__(self, data: Tensor | None = None, requires_grad: bool = True):
        pass  # todo ocurre en __new__

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __deepcopy__(self, memo: dict) -> "Parameter":
        if id(self) in memo:
            return memo[id(self)]
        copied = Parameter(self.detach().clone(), self.requires_grad)
        memo[id(self)] = copied
        return copied

    def __reduce_ex__(self, protocol):
        # Se guarda el tensor de datos y requires_grad; la vista se reconstruye al cargar.
        return (Parameter, (self.detach(), self.requires_grad))
