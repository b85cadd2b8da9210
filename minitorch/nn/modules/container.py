"""Contenedores: módulos cuyo trabajo es guardar otros módulos.

``Sequential`` los encadena (la salida de uno es la entrada del siguiente); ``ModuleList`` y
``ModuleDict`` solo los guardan, como una lista o un diccionario, pero registrados: sus parámetros
aparecen en ``parameters()`` y en ``state_dict()``, cosa que no pasaría con una lista de Python.
Los hijos se guardan con los nombres ``"0"``, ``"1"``…, que son los que aparecen en ``state_dict``.
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from itertools import islice

from .module import Module, _addindent


def _renumbered(modules: dict) -> dict:
    """Los mismos módulos con las claves ``"0"``, ``"1"``…: tras borrar uno, la numeración no deja huecos."""
    return dict(zip(map(str, range(len(modules))), modules.values()))


class Sequential(Module):
    """Encadena módulos: ``Sequential(a, b, c)(x)`` es ``c(b(a(x)))``.

    También acepta un ``OrderedDict`` de nombre a módulo, para dar nombres propios a las capas.
    """

    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for name, module in args[0].items():
                self.add_module(name, module)
        else:
            for index, module in enumerate(args):
                self.add_module(str(index), module)

    def _item_by_index(self, items, index: int):
        size = len(self)
        index = operator.index(index)
        if not -size <= index < size:
            raise IndexError(f"el índice {index} está fuera de rango")
        return next(islice(items, index % size, None))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return type(self)(OrderedDict(list(self._modules.items())[index]))
        return self._item_by_index(iter(self._modules.values()), index)

    def __setitem__(self, index: int, module: Module) -> None:
        setattr(self, self._item_by_index(iter(self._modules.keys()), index), module)

    def __delitem__(self, index) -> None:
        keys = list(self._modules)[index] if isinstance(index, slice) else [self._item_by_index(iter(self._modules), index)]
        for key in keys:
            delattr(self, key)
        self.__dict__["_modules"] = _renumbered(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def append(self, module: Module) -> "Sequential":
        self.add_module(str(len(self)), module)
        return self

    def insert(self, index: int, module: Module) -> "Sequential":
        if not isinstance(module, Module):
            raise AssertionError(f"el módulo debe ser de tipo Module, no {type(module).__name__}")
        size = len(self._modules)
        if not -size <= index <= size:
            raise IndexError(f"índice fuera de rango: {index}")
        if index < 0:
            index += size
        for i in range(size, index, -1):
            self._modules[str(i)] = self._modules[str(i - 1)]
        self._modules[str(index)] = module
        return self

    def extend(self, sequential) -> "Sequential":
        for layer in sequential:
            self.append(layer)
        return self

    def pop(self, key):
        module = self[key]
        del self[key]
        return module

    # a + b, a * 3, 3 * a: otra Sequential con los mismos módulos (los mismos objetos, no copias).
    def __add__(self, other: "Sequential") -> "Sequential":
        return Sequential(*self).__iadd__(other)

    def __iadd__(self, other: "Sequential") -> "Sequential":
        if not isinstance(other, Sequential):
            raise ValueError(f"solo se puede sumar una Sequential con otra Sequential, no con {type(other).__name__}")
        return self.extend(other)

    def __mul__(self, times: int) -> "Sequential":
        return Sequential(*self).__imul__(times)

    __rmul__ = __mul__

    def __imul__(self, times: int) -> "Sequential":
        if not isinstance(times, int) or isinstance(times, bool):
            raise TypeError(f"una Sequential solo se puede multiplicar por un entero, no por {type(times).__name__}")
        if times <= 0:
            raise ValueError(f"el factor de repetición debe ser positivo, pero es {times}")
        return self.extend(list(self) * (times - 1))

    def forward(self, input):  # noqa: A002 (nombre de PyTorch)
        for module in self:
            input = module(input)
        return input


class ModuleList(Module):
    """Una lista de módulos registrados. No tiene ``forward``: el modelo decide cómo usarlos."""

    def __init__(self, modules: Iterable[Module] | None = None):
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def _key(self, index: int) -> str:
        index = operator.index(index)
        if not -len(self) <= index < len(self):
            raise IndexError(f"el índice {index} está fuera de rango")
        return str(index % len(self))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return type(self)(list(self._modules.values())[index])
        return self._modules[self._key(index)]

    def __setitem__(self, index: int, module: Module) -> None:
        setattr(self, self._key(index), module)

    def __delitem__(self, index) -> None:
        keys = [str(i) for i in range(len(self))[index]] if isinstance(index, slice) else [self._key(index)]
        for key in keys:
            delattr(self, key)
        self.__dict__["_modules"] = _renumbered(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def __iadd__(self, modules: Iterable[Module]) -> "ModuleList":
        return self.extend(modules)

    def __add__(self, other: Iterable[Module]) -> "ModuleList":
        return ModuleList([*self, *other])

    def append(self, module: Module) -> "ModuleList":
        self.add_module(str(len(self)), module)
        return self

    def insert(self, index: int, module: Module) -> None:
        for i in range(len(self._modules), index, -1):
            self._modules[str(i)] = self._modules[str(i - 1)]
        self._modules[str(index)] = module

    def extend(self, modules: Iterable[Module]) -> "ModuleList":
        if not isinstance(modules, Iterable):
            raise TypeError(f"ModuleList.extend espera un iterable, pero recibió {type(modules).__name__}")
        offset = len(self)
        for i, module in enumerate(modules):
            self.add_module(str(offset + i), module)
        return self

    def pop(self, key):
        module = self[key]
        del self[key]
        return module

    def __repr__(self) -> str:
        """Como el de ``Module``, pero los módulos seguidos e iguales se agrupan: ``(0-2): 3 x Linear(...)``."""
        reprs = [repr(module) for module in self]
        if not reprs:
            return self._get_name() + "()"
        groups = []  # [primer índice, último índice, texto]
        for i, text in enumerate(reprs):
            if groups and groups[-1][2] == text:
                groups[-1][1] = i
            else:
                groups.append([i, i, text])
        lines = []
        for first, last, text in groups:
            label = f"({first}): {text}" if first == last else f"({first}-{last}): {last - first + 1} x {text}"
            lines.append(_addindent(label, 2))
        return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"


class ModuleDict(Module):
    """Un diccionario de módulos registrados, que conserva el orden de inserción."""

    def __init__(self, modules: Mapping[str, Module] | None = None):
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key: str) -> Module:
        return self._modules[key]

    def __setitem__(self, key: str, module: Module) -> None:
        self.add_module(key, module)

    def __delitem__(self, key: str) -> None:
        del self._modules[key]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules)

    def __contains__(self, key: str) -> bool:
        return key in self._modules

    def clear(self) -> None:
        self._modules.clear()

    def pop(self, key: str) -> Module:
        module = self[key]
        del self[key]
        return module

    def keys(self):
        return self._modules.keys()

    def items(self):
        return self._modules.items()

    def values(self):
        return self._modules.values()

    def update(self, modules) -> None:
        """Añade los módulos de un diccionario o de una secuencia de pares ``(nombre, módulo)``."""
        if not isinstance(modules, Iterable):
            raise TypeError(f"ModuleDict.update espera un iterable de pares (nombre, módulo), pero recibió {type(modules).__name__}")
        if isinstance(modules, (Mapping, ModuleDict)):
            for key, module in modules.items():
                self[key] = module
            return
        for j, pair in enumerate(modules):
            if not isinstance(pair, Iterable):
                raise TypeError(f"el elemento #{j} de la secuencia de ModuleDict.update debe ser iterable, pero es {type(pair).__name__}")
            if len(pair) != 2:
                raise ValueError(f"el elemento #{j} de la secuencia de ModuleDict.update tiene longitud {len(pair)}; debe tener 2")
            self[pair[0]] = pair[1]
