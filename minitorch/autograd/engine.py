"""El motor de la retropropagación (*backpropagation*): recorre el grafo del resultado a las hojas.

``y.backward()`` empieza en ``y.grad_fn`` con el gradiente ``dy/dy = 1`` y aplica la regla de la
cadena nodo a nodo. Un nodo solo puede ejecutarse cuando ya ha recibido el gradiente de *todos*
los nodos que usan su resultado (si un valor intermedio se usa dos veces, sus dos contribuciones
se suman antes de seguir): por eso primero se cuentan las dependencias de cada nodo y después se
procesan en orden topológico, como el motor de PyTorch.

Aquí vive también, en un único sitio, la reducción de un gradiente a la forma de su entrada
(``sum_to``): si una suma difundió (*broadcasting*) un tensor de forma ``(3,)`` a ``(2, 3)``, su
gradiente llega con forma ``(2, 3)`` y hay que sumarlo sobre la dimensión añadida.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from . import grad_mode
from .node import AccumulateGrad, Node, accumulate_grad, gradient_edge
from ..tensor import Tensor


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None) -> None:
    """Suma en ``.grad`` de cada hoja el gradiente de ``tensors`` (ponderado por ``grad_tensors``)."""
    outputs = _as_tuple(tensors)
    grads = _root_grads(outputs, grad_tensors)
    keep = create_graph if retain_graph is None else retain_graph
    if inputs is None:
        _run(outputs, grads, keep, create_graph)
        return
    targets = _as_tuple(inputs)
    if not targets:
        raise RuntimeError("backward: el argumento inputs no puede ser una secuencia vacía")
    captured = _run(outputs, grads, keep, create_graph, targets)
    previous = grad_mode._enabled
    grad_mode._set_enabled(create_graph)
    try:
        for tensor, grad in zip(targets, captured):
            if grad is not None:
                accumulate_grad(tensor, grad, owned=False)
    finally:
        grad_mode._set_enabled(previous)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True,
         allow_unused=None, is_grads_batched=False, materialize_grads=False) -> tuple:
    """Los gradientes de ``outputs`` respecto de ``inputs``, sin tocar el ``.grad`` de nadie."""
    if is_grads_batched:
        raise NotImplementedError("minitorch no implementa is_grads_batched=True")
    outputs, targets = _as_tuple(outputs), _as_tuple(inputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    if materialize_grads and not allow_unused:
        raise ValueError("autograd.grad: materialize_grads=True necesita allow_unused=True (o sin indicar)")
    grads = _root_grads(outputs, grad_outputs)
    keep = create_graph if retain_graph is None else retain_graph
    captured = _run(outputs, grads, keep, create_graph, targets)
    result = []
    for i, (tensor, g) in enumerate(zip(targets, captured)):
        if g is None:
            if not allow_unused:
                raise RuntimeError(
                    f"el tensor respecto del que se deriva en la posición {i} no se ha usado en el grafo; "
                    f"pasa allow_unused=True si es lo que quieres"
                )
            if materialize_grads:
                g = Tensor._from_array(np.zeros(tensor._shape, tensor.dtype.numpy), tensor.dtype)
        result.append(g)
    return tuple(result)


# --- preparación -------------------------------------------------------------------------------------
def _as_tuple(tensors) -> tuple:
    if isinstance(tensors, Tensor):
        return (tensors,)
    return tuple(tensors)


def _root_grads(outputs: Sequence[Tensor], grad_outputs) -> list:
    """El gradiente inicial de cada resultado; sin indicarlo, 1 (solo para resultados escalares)."""
    if grad_outputs is None:
        grad_outputs = [None] * len(outputs)
    else:
        grad_outputs = list(_as_tuple(grad_outputs))
    if len(grad_outputs) != len(outputs):
        raise RuntimeError(
            f"hay {len(outputs)} resultados pero {len(grad_outputs)} gradientes iniciales (grad_tensors)"
        )
    grads = []
    for i, (out, g) in enumerate(zip(outputs, grad_outputs)):
        if not isinstance(out, Tensor):
            raise TypeError(f"se esperaba un tensor como resultado {i}, no {type(out).__name__}")
        if not out.requires_grad:
            raise RuntimeError(
                f"el elemento {i} de los tensores no requiere gradiente y no tiene grad_fn: "
                f"no hay grafo que recorrer hacia atrás"
            )
        if g is None:
            if out.numel() != 1:
                raise RuntimeError(
                    f"el gradiente solo se puede crear implícitamente para resultados escalares, y este tiene "
                    f"forma {list(out._shape)}; pasa el gradiente inicial con backward(gradient=...)"
                )
            g = Tensor._from_array(np.ones(out._shape, out.dtype.numpy), out.dtype)
        elif not isinstance(g, Tensor):
            raise TypeError(f"el gradiente inicial {i} debe ser un tensor, no {type(g).__name__}")
        elif g._shape != out._shape:
            raise RuntimeError(
                f"no coinciden las formas: el gradiente inicial {i} tiene forma {list(g._shape)} y el "
                f"resultado {i} tiene forma {list(out._shape)}"
            )
        grads.append(g)
    return grads


def _count_dependencies(roots) -> dict:
    """Cuántas aristas llegan a cada nodo desde los nodos alcanzables (sin recursión: hay cadenas largas)."""
    dependencies: dict = {}
    seen = set(roots)
    stack = list(seen)
    while stack:
        for following, _ in stack.pop().next_functions:
            if following is None:
                continue
            dependencies[following] = dependencies.get(following, 0) + 1
            if following not in seen:
                seen.add(following)
                stack.append(following)
    return dependencies


def _nodes_to_execute(roots, dependencies: dict, targets: set) -> set:
    """Los nodos por los que pasa algún camino hacia un nodo de ``targets`` (el resto no se ejecuta)."""
    order, remaining = [], dict(dependencies)
    ready = [node for node in set(roots) if not remaining.get(node)]
    while ready:
        node = ready.pop()
        order.append(node)
        for following, _ in node.next_functions:
            if following is not None:
                remaining[following] -= 1
                if remaining[following] == 0:
                    ready.append(following)
    needed: set = set()
    for node in reversed(order):  # de las hojas hacia la raíz
        if any(f is not None and (f in targets or f in needed) for f, _ in node.next_functions):
            needed.add(node)
    return needed


# --- el recorrido ------------------------------------------------------------------------------------
def _run(outputs, grads, keep_graph: bool, create_graph: bool, targets=None):
    """Propaga ``grads`` desde ``outputs`` hacia atrás.

    Sin ``targets``, acumula en el ``.grad`` de las hojas. Con ``targets``, no toca ninguna hoja:
    devuelve el gradiente que llega a cada tensor de ``targets`` (``None`` si no le llega ninguno).
    """
    roots = [gradient_edge(out) for out in outputs]
    root_nodes = [node for node, _ in roots]
    dependencies = _count_dependencies(root_nodes)

    buffers: dict = {}  # nodo -> lista con el gradiente acumulado de cada una de sus salidas
    owned: set = set()  # los AccumulateGrad cuyo gradiente solo tiene el motor: la hoja lo adopta sin copiarlo
    for (node, nr), g in zip(roots, grads):
        _add_to_buffer(buffers, owned, node, nr, g, False)

    captures = execute = None
    if targets is not None:
        captures = {}
        for i, tensor in enumerate(targets):
            if not isinstance(tensor, Tensor) or not tensor.requires_grad:
                raise RuntimeError(f"el tensor {i} respecto del que se deriva no requiere gradiente")
            captures.setdefault(gradient_edge(tensor), []).append(i)
        execute = _nodes_to_execute(root_nodes, dependencies, {node for node, _ in captures})
    captured = [None] * (len(targets) if targets is not None else 0)

    ready = [node for node in dict.fromkeys(root_nodes) if node not in dependencies]
    previous = grad_mode._enabled
    grad_mode._set_enabled(create_graph)  # con create_graph, el propio cálculo del gradiente se anota
    try:
        while ready:
            node = ready.pop()
            buffer = buffers.pop(node, None) or [None] * node._num_outputs
            if type(node) is AccumulateGrad:
                hooks = node.variable.__dict__.get("_hooks")
                if hooks and buffer[0] is not None:
                    buffer[0] = _run_hooks(hooks, buffer[0], owned, node)
            else:
                if node._pre_hooks:
                    for nr, hooks in node._pre_hooks.items():
                        if hooks and buffer[nr] is not None:
                            buffer[nr] = _run_hooks(hooks, buffer[nr], owned, node)
                if node._retained:
                    _retain_grads(node, buffer)
            if captures is not None:
                for nr, g in enumerate(buffer):
                    for i in captures.get((node, nr), ()):
                        captured[i] = g
                if node not in execute:
                    continue
            if type(node) is AccumulateGrad:
                if buffer[0] is not None:
                    accumulate_grad(node.variable, buffer[0], node in owned)
                continue
            # La regla de la cadena en este nodo; después, el reparto de los gradientes entre los
            # nodos siguientes (escrito aquí mismo y no en una función aparte: es el bucle más caliente).
            next_functions = node.next_functions
            if buffer[0] is None and all(g is None for g in buffer):  # no llegó ningún gradiente: tampoco sale ninguno
                grads = (None,) * len(next_functions)
            else:
                grads = node.apply(buffer)
                if len(grads) != len(next_functions):
                    raise RuntimeError(
                        f"la función {node.name()} devolvió un número incorrecto de gradientes "
                        f"(se esperaban {len(next_functions)}, llegaron {len(grads)})"
                    )
            if not keep_graph:
                node._release()
            for i, (following, nr) in enumerate(next_functions):
                if following is None:
                    continue
                g = grads[i]
                if g is not None:
                    shape, dtype = node._input_meta[i]
                    is_new = False
                    if g._shape != shape:
                        g, is_new = sum_to(g, shape, node, i), True
                    if g._storage.dtype is not dtype:
                        g, is_new = g.to(dtype), True
                    if type(following) is AccumulateGrad:
                        if not is_new:
                            is_new = node._exclusive_grads or (node._fresh_grads and _is_exclusive(g, buffer, grads, i))
                        if (dependencies[following] == 1 and following not in buffers and captures is None
                                and _no_hooks(following)):
                            # Una hoja a la que solo llega este gradiente: se acumula ya, sin pasar por la cola.
                            accumulate_grad(following.variable, g, is_new)
                            dependencies[following] = 0
                            continue
                    _add_to_buffer(buffers, owned, following, nr, g, is_new)
                remaining = dependencies[following] - 1
                dependencies[following] = remaining
                if remaining == 0:
                    ready.append(following)
    finally:
        grad_mode._set_enabled(previous)
    return captured


def _no_hooks(node: AccumulateGrad) -> bool:
    return not node.variable.__dict__.get("_hooks")


def _is_exclusive(g: Tensor, incoming: list, grads: tuple, i: int) -> bool:
    """¿Es ``g`` un tensor nuevo que nadie más tiene? No, si es (una vista de) un gradiente que entró
    en el nodo o si el nodo lo devolvió también para otra entrada."""
    storage = g._storage
    for b in incoming:
        if b is not None and b._storage is storage:
            return False
    for j, other in enumerate(grads):
        if j != i and other is not None and other._storage is storage:
            return False
    return True


def _add_to_buffer(buffers: dict, owned: set, node: Node, nr: int, grad, is_new: bool) -> None:
    buffer = buffers.get(node)
    if buffer is None:
        buffer = buffers[node] = [None] * node._num_outputs
    if grad is None:
        return
    previous = buffer[nr]
    if previous is None:
        buffer[nr] = grad
        if is_new:
            owned.add(node)
    else:
        buffer[nr] = previous + grad  # dos caminos llegan al mismo valor: sus gradientes se suman
        owned.add(node)


def _run_hooks(hooks: list, grad: Tensor, owned: set, node: Node) -> Tensor:
    for hook in list(hooks):
        result = hook(grad)
        if result is not None:
            grad = result
            owned.discard(node)  # lo que devuelve un gancho puede tenerlo también quien lo escribió
    return grad


def _retain_grads(node: Node, buffer: list) -> None:
    for nr, ref in node._retained.items():
        tensor = ref()
        if tensor is not None and buffer[nr] is not None and tensor.grad_fn is node:
            accumulate_grad(tensor, buffer[nr], owned=False)


def sum_to(grad: Tensor, shape: tuple, node: Node | None = None, index: int = 0) -> Tensor:
    """Suma ``grad`` hasta la forma ``shape``: deshace la difusión (*broadcasting*) de la entrada.

    La difusión solo sabe hacer dos cosas, y aquí se deshacen las dos: añadir dimensiones por la
    izquierda (se suman y desaparecen) y estirar dimensiones de tamaño 1 (se suman con keepdim).
    """
    shape = tuple(shape)
    extra = grad.dim() - len(shape)
    kept = grad._shape[extra:] if extra >= 0 else ()
    if extra < 0 or any(n != 1 and n != m for n, m in zip(shape, kept)):
        where = f"la función {node.name()} devolvió para la entrada {index}" if node else "se recibió"
        raise RuntimeError(
            f"{where} un gradiente de forma {list(grad._shape)}, que no se puede reducir a la forma "
            f"de la entrada, {list(shape)}"
        )
    stretched = tuple(extra + i for i, (n, m) in enumerate(zip(shape, kept)) if n == 1 and m != 1)
    if not stretched and not extra:
        return grad
    axes = tuple(range(extra)) + stretched
    if not grad_mode._enabled:  # nada que anotar: la misma suma, directamente con numpy
        values = grad._values()
        summed = np.add.reduce(values, axis=axes, dtype=values.dtype, keepdims=bool(stretched))
        return Tensor._from_array(np.reshape(summed, shape), grad._storage.dtype)
    if not stretched:  # solo dimensiones añadidas: al sumarlas desaparecen y queda la forma justa
        return grad.sum(axes)
    return grad.sum(axes, keepdim=True).view(shape)
