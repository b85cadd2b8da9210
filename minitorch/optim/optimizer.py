"""``Optimizer``: la clase base de los optimizadores (SGD, Adam…).

Un optimizador guarda dos cosas:

* ``param_groups``: una lista de grupos de parámetros. Cada grupo es un diccionario con la lista
  ``"params"`` y sus hiperparámetros (``"lr"``, ``"momentum"``…); los que no se indican toman el
  valor por defecto del optimizador. Así, dos partes de un modelo pueden usar tasas de aprendizaje
  distintas.
* ``state``: lo que el optimizador recuerda de cada parámetro entre un paso y el siguiente (la
  velocidad del momento, las medias de Adam…), en un diccionario cuya clave es el propio parámetro.

``step()`` actualiza los parámetros in situ (bajo ``no_grad``): el modelo y el optimizador siguen
mirando los mismos tensores, y su ``.grad`` se conserva.

Las fórmulas se escriben sobre los arrays de numpy que miran la memoria de cada parámetro, de su
gradiente y de su estado (``_arrays``), con operaciones in situ: son las mismas cuentas, en el mismo
orden, que las operaciones de tensores de ``torch.optim``, pero sin el coste fijo de crear un tensor por
cada paso intermedio (PyTorch evita ese coste igual, con sus versiones ``foreach`` y ``fused``). Al
terminar, ``_mark_written`` sube el contador de versiones de cada parámetro, como cualquier escritura
in situ: si un grafo guardó el valor antiguo, ``backward`` lo detectará.
"""

from __future__ import annotations

import functools
import warnings
from collections import defaultdict
from copy import deepcopy
from itertools import chain

import numpy as np

from ..autograd.grad_mode import enable_grad, no_grad
from ..nn.modules.module import zero_grads
from ..tensor import Tensor


class _RequiredParameter:
    """Marca de un hiperparámetro sin valor por defecto (hay que darlo en cada grupo)."""

    def __repr__(self) -> str:
        return "<required parameter>"


required = _RequiredParameter()


def _typename(value) -> str:
    return value.type() if isinstance(value, Tensor) else type(value).__name__


def _no_grad_step(step):
    """Envuelve ``step(closure=None)``: la actualización no se anota en el grafo computacional.

    Si hay ``closure`` (una función que vuelve a calcular la pérdida y sus gradientes), se llama antes,
    con el grafo activado, y ``step`` devuelve la pérdida que calculó.
    """

    @functools.wraps(step)
    def wrapper(self, closure=None):
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        with no_grad():
            step(self)
        self._stepped = True  # lo mira lr_scheduler para avisar si se le llama antes que al optimizador
        return loss

    return wrapper


class Optimizer:
    """Base de los optimizadores: ``Optimizer(params, defaults)``.

    ``params`` es un iterable de tensores o de diccionarios (grupos de parámetros).
    Las subclases implementan ``step()``.
    """

    def __init__(self, params, defaults: dict):
        self.defaults = defaults
        if isinstance(params, Tensor):
            raise TypeError(
                "el argumento params del optimizador debe ser un iterable de tensores o de diccionarios, "
                f"pero es {_typename(params)}"
            )
        self.state: defaultdict = defaultdict(dict)
        self.param_groups: list[dict] = []
        groups = list(params)
        if not groups:
            raise ValueError("el optimizador recibió una lista de parámetros vacía")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group: dict) -> None:
        """Añade un grupo de parámetros; los hiperparámetros que falten toman el valor por defecto."""
        if not isinstance(param_group, dict):
            raise TypeError(f"un grupo de parámetros debe ser un diccionario, pero es {type(param_group).__name__}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError(
                "los parámetros del optimizador deben ir en una colección ordenada; el orden de un conjunto (set) "
                "cambia de una ejecución a otra: usa una lista"
            )
        else:
            params = list(params)
        named = [isinstance(p, tuple) and len(p) == 2 for p in params]
        if any(named):  # model.named_parameters(): pares (nombre, parámetro); los nombres van al grupo
            if not all(named):
                raise ValueError("los parámetros del optimizador deben tener nombre todos o ninguno, y a alguno le falta")
            # params=None solo reserva su sitio: así el grupo tiene las claves en el orden de PyTorch.
            param_group = dict(param_group, params=None, param_names=[name for name, _ in params])
            params = [param for _, param in params]
        if self.param_groups and ("param_names" in self.param_groups[0]) != ("param_names" in param_group):
            raise ValueError("los grupos de parámetros deben tener nombres todos o ninguno: este no encaja con los demás")
        for param in params:
            if not isinstance(param, Tensor):
                raise TypeError(f"un optimizador solo puede optimizar tensores, pero uno de los parámetros es {_typename(param)}")
            if not param.is_leaf:
                raise ValueError("no se puede optimizar un tensor que no es hoja del grafo computacional")
        group = dict(param_group, params=params)
        for name, default in self.defaults.items():
            if default is required and name not in group:
                raise ValueError(f"el grupo de parámetros no indica el hiperparámetro obligatorio {name}")
            group.setdefault(name, default)
        if len({id(p) for p in params}) != len(params):
            warnings.warn(
                "un grupo de parámetros del optimizador tiene parámetros repetidos; en el futuro será un error",
                stacklevel=3,
            )
        existing = {id(p) for g in self.param_groups for p in g["params"]}
        if existing & {id(p) for p in params}:
            raise ValueError("algunos parámetros aparecen en más de un grupo de parámetros")
        self.param_groups.append(group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Borra los gradientes: ``None`` (por defecto) o ceros con ``set_to_none=False``."""
        zero_grads((param for group in self.param_groups for param in group["params"]), set_to_none)

    def step(self, closure=None):
        raise NotImplementedError

    def _params_with_grad(self, group: dict):
        """Los parámetros del grupo que tienen gradiente (los demás no se mueven en este paso)."""
        return [p for p in group["params"] if p.grad is not None]

    @staticmethod
    def _grad_of(param: Tensor, values: np.ndarray, maximize: bool, weight_decay: float) -> np.ndarray:
        """El gradiente que usa la fórmula: cambiado de signo con ``maximize`` y con ``weight_decay · p`` sumado."""
        grad = param.grad._values()
        if maximize:
            grad = -grad
        if weight_decay != 0:
            grad = grad + weight_decay * values
        return grad

    # --- guardar y cargar ----------------------------------------------------------------------------
    def state_dict(self) -> dict:
        """``{"state": {índice: estado}, "param_groups": [...]}``: los parámetros se numeran en orden."""
        index_of: dict[int, int] = {}
        groups = []
        for group in self.param_groups:
            for param in group["params"]:
                index_of.setdefault(id(param), len(index_of))
            packed = {key: value for key, value in group.items() if key != "params"}
            packed["params"] = [index_of[id(p)] for p in group["params"]]
            groups.append(packed)
        state = {index_of[id(p)] if isinstance(p, Tensor) else p: value for p, value in self.state.items()}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict) -> None:
        """Recupera el estado guardado con ``state_dict()``; los grupos deben tener el mismo tamaño."""
        saved_groups = deepcopy(state_dict["param_groups"])
        if len(saved_groups) != len(self.param_groups):
            raise ValueError("el state_dict cargado tiene un número distinto de grupos de parámetros")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(self.param_groups, saved_groups)):
            raise ValueError("el state_dict cargado tiene un grupo de parámetros de tamaño distinto al del optimizador")
        param_of = dict(
            zip(chain.from_iterable(s["params"] for s in saved_groups), chain.from_iterable(g["params"] for g in self.param_groups))
        )
        state: defaultdict = defaultdict(dict)
        for key, value in state_dict["state"].items():
            if key in param_of:
                param = param_of[key]
                state[param] = {name: _cast_like(param, name, v) for name, v in value.items()}
            else:
                state[key] = value
        for group, saved in zip(self.param_groups, saved_groups):
            saved["params"] = group["params"]
        self.state = state
        self.param_groups = saved_groups

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"


def _cast_like(param: Tensor, name: str, value):
    """Como PyTorch: el estado real se convierte al tipo del parámetro, salvo el contador ``step``."""
    if isinstance(value, Tensor) and name != "step" and param.is_floating_point():
        return value.to(param.dtype)
    return value


def _reject_unsupported(differentiable: bool) -> None:
    """``foreach``, ``fused`` y ``capturable`` se aceptan y no cambian nada (minitorch tiene una sola
    implementación); ``differentiable=True`` (derivar a través del paso) no está implementado."""
    if differentiable:
        raise NotImplementedError("minitorch no implementa optimizadores diferenciables (differentiable=True)")


def _arrays(*tensors: Tensor) -> list[np.ndarray]:
    """Los arrays de numpy que miran la memoria de ``tensors``: escribir en ellos cambia los tensores."""
    return [t._values() for t in tensors]


def _mark_written(*tensors: Tensor) -> None:
    """Anota una escritura in situ en ``tensors`` (su contador de versiones sube, como en PyTorch)."""
    for t in tensors:
        t._storage._version += 1
