"""``Module``: la clase base de todas las capas y de todos los modelos.

Un módulo es un nodo de un árbol: guarda sus parámetros (``Parameter``), sus *buffers* (tensores
que forman parte del estado pero no se entrenan, como una media acumulada) y sus submódulos. No hace
falta registrarlos a mano: ``__setattr__`` mira qué se asigna (``self.fc = Linear(...)``) y lo anota en
el diccionario que corresponde. A partir de ahí todo es recorrer el árbol: ``parameters()``,
``named_modules()``, ``state_dict()``, ``train()``, ``zero_grad()``…

Un módulo se llama como una función porque implementa ``__call__``: ``modelo(x)`` ejecuta los
*hooks* previos, luego ``forward(x)`` (lo que escribe cada subclase) y por último los *hooks* posteriores.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict, namedtuple
from collections.abc import Mapping
from typing import Callable, Iterator

from ...autograd import grad_mode
from ...autograd.grad_mode import no_grad
from ...tensor import Tensor, _check_cpu, dtype_of_to_args
from ..parameter import Parameter
from .backward_hook import BackwardHook


def _typename(value) -> str:
    """Nombre del tipo de ``value`` para los mensajes de error, como ``torch.typename``."""
    if isinstance(value, Tensor):
        return value.type()
    kind = type(value)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _addindent(text: str, spaces: int) -> str:
    """Sangra todas las líneas de ``text`` salvo la primera (las vacías se quedan vacías)."""
    first, *rest = text.split("\n")
    if not rest:
        return text
    return "\n".join([first] + [" " * spaces + line if line.strip() else "" for line in rest])


class RemovableHandle:
    """Lo que devuelve ``register_forward_hook``: ``handle.remove()`` quita el *hook* registrado."""

    _next_id = 0

    def __init__(self, hooks: dict, *, extra_dict: dict | None = None):
        self.hooks = hooks
        self.extra_dicts = [] if extra_dict is None else [extra_dict]
        self.id = RemovableHandle._next_id
        RemovableHandle._next_id += 1

    def remove(self) -> None:
        for table in [self.hooks, *self.extra_dicts]:
            table.pop(self.id, None)

    def __enter__(self) -> "RemovableHandle":
        return self

    def __exit__(self, *exc_info) -> None:
        self.remove()


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    """Lo que devuelve ``load_state_dict``: las claves que faltaban y las que sobraban."""

    __slots__ = ()

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return super().__repr__()

    __str__ = __repr__


class Module:
    """Clase base de las capas y los modelos. Una subclase llama a ``super().__init__()`` y define ``forward``."""

    training: bool
    # Versión del formato de state_dict de la clase (PyTorch la guarda en los metadatos).
    _version: int = 1

    def __init__(self) -> None:
        # object.__setattr__: nuestro __setattr__ necesita que estos diccionarios ya existan.
        set_ = super().__setattr__
        set_("training", True)
        set_("_parameters", {})
        set_("_buffers", {})
        set_("_non_persistent_buffers_set", set())
        set_("_modules", {})
        set_("_forward_pre_hooks", OrderedDict())
        set_("_forward_pre_hooks_with_kwargs", {})
        set_("_forward_hooks", OrderedDict())
        set_("_forward_hooks_with_kwargs", {})
        set_("_backward_hooks", OrderedDict())
        set_("_backward_pre_hooks", OrderedDict())

    def forward(self, *args, **kwargs):
        raise NotImplementedError(f'al módulo [{type(self).__name__}] le falta la función obligatoria "forward"')

    # --- llamar al módulo: hooks previos, forward y hooks posteriores --------------------------------------
    def __call__(self, *args, **kwargs):
        if not (self._forward_pre_hooks or self._forward_hooks or self._backward_hooks or self._backward_pre_hooks):
            return self.forward(*args, **kwargs)  # el caso habitual, sin hooks: nada más que forward
        for hook_id, hook in list(self._forward_pre_hooks.items()):
            if hook_id in self._forward_pre_hooks_with_kwargs:
                result = hook(self, args, kwargs)
                if result is not None:
                    if not (isinstance(result, tuple) and len(result) == 2):
                        raise RuntimeError(
                            f"un hook previo con with_kwargs=True debe devolver None o una tupla (args, kwargs), "
                            f"pero devolvió {result}"
                        )
                    args, kwargs = result
            else:
                result = hook(self, args)
                if result is not None:
                    args = result if isinstance(result, tuple) else (result,)
        backward_hook = None
        if (self._backward_hooks or self._backward_pre_hooks) and grad_mode._enabled:
            backward_hook = BackwardHook(self, self._backward_hooks, self._backward_pre_hooks)
            args = backward_hook.wrap_inputs(args)
        output = self.forward(*args, **kwargs)
        for hook_id, hook in list(self._forward_hooks.items()):
            if hook_id in self._forward_hooks_with_kwargs:
                result = hook(self, args, kwargs, output)
            else:
                result = hook(self, args, output)
            if result is not None:
                output = result
        return output if backward_hook is None else backward_hook.wrap_outputs(output)

    def register_forward_pre_hook(self, hook: Callable, *, prepend: bool = False, with_kwargs: bool = False) -> RemovableHandle:
        """``hook(module, args)`` se llama antes de ``forward``; si devuelve algo, sustituye a ``args``."""
        return self._add_hook(self._forward_pre_hooks, self._forward_pre_hooks_with_kwargs, hook, prepend, with_kwargs)

    def register_forward_hook(self, hook: Callable, *, prepend: bool = False, with_kwargs: bool = False) -> RemovableHandle:
        """``hook(module, args, output)`` se llama después de ``forward``; si devuelve algo, sustituye a la salida."""
        return self._add_hook(self._forward_hooks, self._forward_hooks_with_kwargs, hook, prepend, with_kwargs)

    def register_full_backward_hook(self, hook: Callable, prepend: bool = False) -> RemovableHandle:
        """``hook(module, grad_input, grad_output)`` se llama cuando la retropropagación ha calculado el
        gradiente respecto de las entradas del módulo; si devuelve algo, sustituye a ``grad_input``."""
        return self._add_hook(self._backward_hooks, {}, hook, prepend, False)

    def register_full_backward_pre_hook(self, hook: Callable, prepend: bool = False) -> RemovableHandle:
        """``hook(module, grad_output)`` se llama al llegar el gradiente de las salidas; si devuelve algo, lo sustituye."""
        return self._add_hook(self._backward_pre_hooks, {}, hook, prepend, False)

    @staticmethod
    def _add_hook(hooks: OrderedDict, with_kwargs_ids: dict, hook, prepend: bool, with_kwargs: bool) -> RemovableHandle:
        handle = RemovableHandle(hooks, extra_dict=with_kwargs_ids)
        hooks[handle.id] = hook
        if with_kwargs:
            with_kwargs_ids[handle.id] = True
        if prepend:
            hooks.move_to_end(handle.id, last=False)
        return handle

    # --- registro: parámetros, buffers y submódulos ----------------------------------------------------
    def _check_new_name(self, what: str, name, table: dict) -> None:
        if not isinstance(name, str):
            raise TypeError(f"el nombre de un {what} debe ser una cadena, no {_typename(name)}")
        if "." in name:
            raise KeyError(f'el nombre de un {what} no puede contener ".": {name}')
        if name == "":
            raise KeyError(f'el nombre de un {what} no puede ser la cadena vacía ""')
        if hasattr(self, name) and name not in table:
            raise KeyError(f"el atributo '{name}' ya existe")

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        """Añade un parámetro (o ``None``, que reserva el nombre sin parámetro)."""
        if "_parameters" not in self.__dict__:
            raise AttributeError("no se puede asignar un parámetro antes de llamar a Module.__init__()")
        self._check_new_name("parámetro", name, self._parameters)
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"no se puede asignar un objeto '{_typename(param)}' al parámetro '{name}' "
                "(hace falta un minitorch.nn.Parameter o None)"
            )
        if param is not None and param.grad_fn is not None:
            raise ValueError(
                f"no se puede asignar un tensor que no es hoja al parámetro '{name}': los parámetros se crean "
                f"explícitamente; para expresar '{name}' en función de otro tensor, calcúlalo en forward()"
            )
        self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        """Añade un *buffer*: un tensor del estado del módulo que no es un parámetro (no se entrena).

        Los persistentes se guardan en ``state_dict``; los demás, no.
        """
        if "_buffers" not in self.__dict__:
            raise AttributeError("no se puede asignar un buffer antes de llamar a Module.__init__()")
        self._check_new_name("buffer", name, self._buffers)
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(
                f"no se puede asignar un objeto '{_typename(tensor)}' al buffer '{name}' (hace falta un tensor o None)"
            )
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name: str, module: "Module | None") -> None:
        """Añade un submódulo, accesible después como atributo ``name``."""
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{_typename(module)} no es una subclase de Module")
        self._check_new_name("módulo", name, self._modules)
        self._modules[name] = module

    register_module = add_module

    def __setattr__(self, name: str, value) -> None:
        params = self.__dict__.get("_parameters")
        modules = self.__dict__.get("_modules")
        buffers = self.__dict__.get("_buffers")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError(
                    "no se pueden asignar parámetros antes de llamar a Module.__init__() (¿falta super().__init__()?)"
                )
            self._forget(name, self.__dict__, buffers, modules, self._non_persistent_buffers_set)
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"no se puede asignar '{_typename(value)}' como parámetro '{name}' "
                    "(se esperaba un minitorch.nn.Parameter o None)"
                )
            self.register_parameter(name, value)
        elif isinstance(value, Module):
            if modules is None:
                raise AttributeError(
                    "no se puede asignar un módulo antes de llamar a Module.__init__() (¿falta super().__init__()?)"
                )
            self._forget(name, self.__dict__, params, buffers, self._non_persistent_buffers_set)
            modules[name] = value
        elif modules is not None and name in modules:
            if value is not None:
                raise TypeError(
                    f"no se puede asignar '{_typename(value)}' como submódulo '{name}' "
                    "(se esperaba un minitorch.nn.Module o None)"
                )
            modules[name] = value
        elif buffers is not None and name in buffers:
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(
                    f"no se puede asignar '{_typename(value)}' como buffer '{name}' (se esperaba un tensor o None)"
                )
            buffers[name] = value
        else:
            super().__setattr__(name, value)

    @staticmethod
    def _forget(name: str, *tables) -> None:
        """Quita ``name`` de los sitios donde podía estar antes (un nombre solo vive en uno)."""
        for table in tables:
            if isinstance(table, dict):
                table.pop(name, None)
            else:
                table.discard(name)

    def __getattr__(self, name: str):
        # Solo se llega aquí si el atributo no está en el objeto: se busca en los tres registros.
        for table in ("_parameters", "_buffers", "_modules"):
            registry = self.__dict__.get(table)
            if registry is not None and name in registry:
                return registry[name]
        raise AttributeError(f"el objeto '{type(self).__name__}' no tiene el atributo '{name}'")

    def __delattr__(self, name: str) -> None:
        if name in self._parameters:
            del self._parameters[name]
        elif name in self._buffers:
            del self._buffers[name]
            self._non_persistent_buffers_set.discard(name)
        elif name in self._modules:
            del self._modules[name]
        else:
            super().__delattr__(name)

    def __dir__(self):
        names = itertools.chain(dir(type(self)), self.__dict__, self._parameters, self._modules, self._buffers)
        return sorted({name for name in names if not name[0].isdigit()})

    def get_submodule(self, target: str) -> "Module":
        """El submódulo de nombre con puntos ``target`` (``"encoder.0"``); ``""`` es el propio módulo."""
        module = self
        if target == "":
            return module
        for item in target.split("."):
            if not hasattr(module, item):
                raise AttributeError(f"{module._get_name()} no tiene el atributo `{item}`")
            module = getattr(module, item)
            if not isinstance(module, Module):
                raise AttributeError(f"`{item}` no es un nn.Module")
        return module

    def get_parameter(self, target: str) -> Parameter:
        """El parámetro de nombre con puntos ``target`` (``"0.weight"``)."""
        return self._get_member(target, "_parameters", "parámetro", Parameter)

    def get_buffer(self, target: str) -> Tensor:
        return self._get_member(target, "_buffers", "buffer", Tensor)

    def _get_member(self, target: str, table: str, what: str, kind: type):
        module_path, _, name = target.rpartition(".")
        module = self.get_submodule(module_path)
        if not hasattr(module, name):
            raise AttributeError(f"{module._get_name()} no tiene el atributo `{name}`")
        value = getattr(module, name)
        if name not in getattr(module, table) or not isinstance(value, kind):
            raise AttributeError(f"`{name}` no es un {what} del módulo")
        return value

    # --- recorrer el árbol -------------------------------------------------------------------------------
    def named_modules(self, memo: set | None = None, prefix: str = "", remove_duplicate: bool = True):
        """Este módulo y todos sus descendientes, en preorden, con su nombre completo (``"0.fc.weight"``)."""
        if memo is None:
            memo = set()
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, module in self._modules.items():
            if module is not None:
                yield from module.named_modules(memo, prefix + ("." if prefix else "") + name, remove_duplicate)

    def modules(self) -> Iterator["Module"]:
        for _, module in self.named_modules():
            yield module

    def named_children(self) -> Iterator[tuple[str, "Module"]]:
        """Los hijos directos (sin repetir el mismo módulo)."""
        seen = set()
        for name, module in self._modules.items():
            if module is not None and module not in seen:
                seen.add(module)
                yield name, module

    def children(self) -> Iterator["Module"]:
        for _, module in self.named_children():
            yield module

    def _named_members(self, members_of: Callable, prefix: str, recurse: bool, remove_duplicate: bool):
        """Los miembros (parámetros o buffers) de cada módulo del árbol, cada uno una vez, con su nombre."""
        seen = set()
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse else [(prefix, self)]
        for module_prefix, module in modules:
            for name, value in members_of(module):
                if value is None or value in seen:
                    continue
                if remove_duplicate:
                    seen.add(value)
                yield module_prefix + ("." if module_prefix else "") + name, value

    def named_parameters(self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True):
        return self._named_members(lambda m: m._parameters.items(), prefix, recurse, remove_duplicate)

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        """Todos los parámetros del árbol: lo que se le pasa al optimizador."""
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True):
        return self._named_members(lambda m: m._buffers.items(), prefix, recurse, remove_duplicate)

    def buffers(self, recurse: bool = True) -> Iterator[Tensor]:
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    def apply(self, fn: Callable[["Module"], None]) -> "Module":
        """Llama a ``fn`` con cada submódulo (primero los hijos) y con el propio módulo."""
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # --- modos y gradientes ------------------------------------------------------------------------------
    def train(self, mode: bool = True) -> "Module":
        """Pone el módulo y sus descendientes en modo entrenamiento (o evaluación, con ``mode=False``)."""
        if not isinstance(mode, bool):
            raise ValueError("se esperaba un booleano como modo de entrenamiento")
        self.training = mode
        for module in self.children():
            module.train(mode)
        return self

    def eval(self) -> "Module":
        """Modo evaluación: ``Dropout`` deja de apagar neuronas, por ejemplo."""
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> "Module":
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Borra los gradientes de los parámetros (``None``, o ceros con ``set_to_none=False``)."""
        zero_grads(self.parameters(), set_to_none)

    # --- tipo de dato y dispositivo ----------------------------------------------------------------------
    def _apply(self, fn: Callable[[Tensor], Tensor]) -> "Module":
        """Transforma cada parámetro y cada buffer; los parámetros conservan su identidad (el optimizador los sigue)."""
        for module in self.children():
            module._apply(fn)
        with no_grad():
            for param in self._parameters.values():
                if param is None:
                    continue
                param.data = fn(param.data)
                if param.grad is not None:
                    param.grad.data = fn(param.grad.data)
            for name, buffer in self._buffers.items():
                if buffer is not None:
                    self._buffers[name] = fn(buffer)
        return self

    def to(self, *args, **kwargs) -> "Module":
        """``to(minitorch.float64)`` convierte los parámetros y buffers reales; ``to('cpu')`` no hace nada."""
        dtype = dtype_of_to_args(args, kwargs)
        if dtype is not None and not dtype.is_floating_point:
            raise TypeError(f"nn.Module.to solo admite tipos de dato reales, pero se pidió dtype={dtype}")
        return self._apply(lambda t: t.to(*args, **kwargs) if t.is_floating_point() else t)

    def float(self) -> "Module":
        return self._apply(lambda t: t.float() if t.is_floating_point() else t)

    def double(self) -> "Module":
        return self._apply(lambda t: t.double() if t.is_floating_point() else t)

    def cpu(self) -> "Module":
        return self

    def cuda(self, device=None) -> "Module":
        _check_cpu("cuda")

    # --- state_dict: guardar y cargar el estado ----------------------------------------------------------
    def _state_items(self):
        """Lo que este módulo (sin sus hijos) guarda: sus parámetros y sus buffers persistentes."""
        for name, param in self._parameters.items():
            if param is not None:
                yield name, param
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent_buffers_set:
                yield name, buffer

    def state_dict(self, *, destination=None, prefix: str = "", keep_vars: bool = False) -> OrderedDict:
        """Un ``OrderedDict`` con los parámetros y buffers persistentes, con nombres completos.

        Los valores comparten memoria con el modelo pero están separados del grafo (salvo ``keep_vars``).
        """
        if destination is None:
            destination = OrderedDict()
            destination._metadata = OrderedDict()
        if hasattr(destination, "_metadata"):
            destination._metadata[prefix[:-1]] = {"version": self._version}
        for name, value in self._state_items():
            destination[prefix + name] = value if keep_vars else value.detach()
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + ".", keep_vars=keep_vars)
        return destination

    def load_state_dict(self, state_dict, strict: bool = True, assign: bool = False) -> _IncompatibleKeys:
        """Copia (in situ) los valores de ``state_dict`` en los parámetros y buffers del modelo.

        Con ``strict=True`` (por defecto), las claves deben coincidir exactamente con las de
        ``self.state_dict()``. Devuelve las claves que faltaban y las que sobraban.
        """
        if not isinstance(state_dict, Mapping):
            raise TypeError(f"se esperaba un state_dict con forma de diccionario, pero se recibió {type(state_dict)}")
        missing, unexpected, errors = [], [], []
        self._load_tree(dict(state_dict), "", assign, missing, unexpected, errors)
        if strict:
            if unexpected:
                errors.insert(0, "Clave(s) inesperada(s) en el state_dict: {}. ".format(", ".join(f'"{k}"' for k in unexpected)))
            if missing:
                errors.insert(0, "Falta(n) clave(s) en el state_dict: {}. ".format(", ".join(f'"{k}"' for k in missing)))
        if errors:
            raise RuntimeError(f"Error(es) al cargar el state_dict de {type(self).__name__}:\n\t" + "\n\t".join(errors))
        return _IncompatibleKeys(missing, unexpected)

    def _load_tree(self, state_dict: dict, prefix: str, assign: bool, missing, unexpected, errors) -> None:
        local = dict(self._state_items())
        for name, current in local.items():
            key = prefix + name
            if key not in state_dict:
                missing.append(key)
                continue
            incoming = state_dict[key]
            if not isinstance(incoming, Tensor):
                errors.append(
                    f'al copiar el parámetro "{key}" se esperaba un tensor en el state_dict, pero se recibió {type(incoming)}'
                )
                continue
            if current.dim() == 0 and incoming.shape == (1,):
                incoming = incoming[0]  # compatibilidad con los state_dict antiguos de PyTorch
            if incoming.shape != current.shape:
                errors.append(
                    f"no coinciden los tamaños de {key}: se copia un parámetro de forma {incoming.shape} desde el "
                    f"state_dict, pero la forma en el modelo actual es {current.shape}."
                )
                continue
            with no_grad():
                if not assign:
                    current.copy_(incoming)  # in situ: el optimizador conserva sus referencias
                elif isinstance(current, Parameter):
                    setattr(self, name, Parameter(incoming, requires_grad=current.requires_grad))
                else:
                    setattr(self, name, incoming)
        for key in state_dict:
            if not key.startswith(prefix):
                continue
            first, *rest = key[len(prefix):].split(".", 1)
            if (rest and first not in self._modules) or (not rest and first not in local):
                unexpected.append(key)
        for name, module in self._modules.items():
            if module is not None:
                child_prefix = prefix + name + "."
                child_state = {k: v for k, v in state_dict.items() if k.startswith(child_prefix)}
                module._load_tree(child_state, child_prefix, assign, missing, unexpected, errors)

    # --- impresión --------------------------------------------------------------------------------------
    def _get_name(self) -> str:
        return type(self).__name__

    def extra_repr(self) -> str:
        """Lo que una capa quiere mostrar entre paréntesis (``in_features=3, ...``); vacío por defecto."""
        return ""

    def __repr__(self) -> str:
        extra_lines = self.extra_repr().split("\n") if self.extra_repr() else []
        child_lines = [f"({name}): " + _addindent(repr(module), 2) for name, module in self._modules.items()]
        lines = extra_lines + child_lines
        text = self._get_name() + "("
        if len(extra_lines) == 1 and not child_lines:
            text += extra_lines[0]  # una sola línea de datos: todo en una línea, como Linear(...)
        elif lines:
            text += "\n  " + "\n  ".join(lines) + "\n"
        return text + ")"


def zero_grads(params, set_to_none: bool = True) -> None:
    """Borra el gradiente de cada parámetro; lo comparten ``Module.zero_grad`` y ``Optimizer.zero_grad``.

    Con ``set_to_none=True`` (lo que hace PyTorch por defecto) se suelta el tensor del gradiente, y el
    siguiente ``backward`` lo crea de nuevo en vez de sumar sobre ceros.
    """
    for param in params:
        if param.grad is None:
            continue
        if set_to_none:
            param.grad = None
            continue
        if param.grad.grad_fn is not None:
            param.grad.detach_()
        else:
            param.grad.requires_grad_(False)
        param.grad.zero_()
