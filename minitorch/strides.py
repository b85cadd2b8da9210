"""Aritmética de índices: la única pieza de minitorch que sabe traducir índices en posiciones.

Un tensor es una *vista* (*view*) sobre un almacenamiento (*storage*) unidimensional. Tres datos bastan
para describirla:

- la forma (*shape* o *size*): cuántos elementos hay en cada dimensión;
- los strides (*pasos*): cuántas posiciones del almacenamiento hay que avanzar para pasar al
  siguiente elemento de cada dimensión;
- el desplazamiento (*offset*): la posición del almacenamiento donde está el elemento ``[0, 0, ...]``.

El elemento de índice ``(i_0, i_1, ..., i_{n-1})`` vive en la posición::

    offset + i_0 * stride_0 + i_1 * stride_1 + ... + i_{n-1} * stride_{n-1}

Todo este módulo es Python puro y legible, sin numpy: es lo que los cuadernos enseñan. El cálculo
masivo lo hace numpy (ver ``tensor.py``) sobre vistas con estos mismos strides.
"""

from __future__ import annotations

from typing import Iterable, Sequence

Shape = tuple[int, ...]
Strides = tuple[int, ...]


def numel(shape: Sequence[int]) -> int:
    """Número de elementos de un tensor con esta forma (1 para un escalar, de forma ``()``)."""
    count = 1
    for size in shape:
        count *= size
    return count


def contiguous_strides(shape: Sequence[int]) -> Strides:
    """Strides de un tensor contiguo (orden de filas, como en C).

    La última dimensión avanza de 1 en 1; cada dimensión anterior salta tantas posiciones como
    elementos tiene todo lo que queda a su derecha. Por ejemplo, ``(3, 2) -> (2, 1)``.
    """
    strides = []
    step = 1
    for size in reversed(shape):
        strides.append(step)
        step *= max(size, 1)  # una dimensión vacía no debe anular los strides anteriores
    return tuple(reversed(strides))


def position(index: Sequence[int], strides: Sequence[int], offset: int = 0) -> int:
    """Posición en el almacenamiento del elemento ``index``: ``offset + sum(i_k * stride_k)``."""
    return offset + sum(i * s for i, s in zip(index, strides))


def is_contiguous(shape: Sequence[int], strides: Sequence[int]) -> bool:
    """¿Recorre la vista el almacenamiento en orden, sin huecos ni saltos atrás?

    Como PyTorch, ignora los strides de las dimensiones de tamaño 1 (nunca se avanza por ellas) y
    considera contiguo cualquier tensor vacío.
    """
    if numel(shape) == 0:
        return True
    expected = 1
    for size, stride in zip(reversed(shape), reversed(strides)):
        if size != 1 and stride != expected:
            return False
        expected *= size
    return True


def normalize_dim(dim: int, ndim: int) -> int:
    """Convierte una dimensión negativa (``-1`` es la última) en su número positivo.

    Un escalar admite las dimensiones ``0`` y ``-1``, como en PyTorch.
    """
    bound = max(ndim, 1)
    if not -bound <= dim < bound:
        raise IndexError(
            f"Dimensión fuera de rango (se esperaba un valor en [{-bound}, {bound - 1}], pero se recibió {dim})"
        )
    return dim + bound if dim < 0 else dim


def infer_shape(shape: Sequence[int], count: int) -> Shape:
    """Resuelve el ``-1`` de una forma pedida a ``view``/``reshape`` para ``count`` elementos."""
    shape = tuple(shape)
    known, unknown = 1, None  # el producto de los tamaños dados y la posición del -1
    for i, size in enumerate(shape):
        if size == -1:
            if unknown is not None:
                raise RuntimeError("solo se puede deducir una dimensión (hay más de un -1)")
            unknown = i
        elif size < 0:
            raise RuntimeError(f"tamaño no válido {size} en la forma {list(shape)}")
        else:
            known *= size
    if unknown is None and known == count:
        return shape
    if unknown is None or known == 0 or count % known != 0:
        raise RuntimeError(f"la forma '{list(shape)}' no es válida para una entrada de tamaño {count}")
    return shape[:unknown] + (count // known,) + shape[unknown + 1 :]


def view_strides(shape: Sequence[int], strides: Sequence[int], new_shape: Sequence[int]) -> Strides | None:
    """Strides con los que ``new_shape`` recorre los mismos elementos, o ``None`` si no es posible.

    Una vista solo reinterpreta los índices: no mueve datos. Las dimensiones viejas se agrupan en
    *bloques*: tramos de dimensiones consecutivas en los que cada una salta exactamente
    ``tamaño x stride`` de la siguiente, de modo que el bloque se recorre como una sola fila.
    Una forma nueva es una vista válida si cada bloque se puede repartir, sin huecos, entre
    dimensiones nuevas consecutivas cuyo producto sea el número de elementos del bloque.
    """
    if numel(shape) == 0:
        # Sin elementos no hay nada que recorrer: como PyTorch, se conservan los strides si la forma
        # no cambia y, si cambia, se usan los de un tensor contiguo.
        return tuple(strides) if tuple(shape) == tuple(new_shape) else contiguous_strides(new_shape)
    if not shape:
        shape, strides = (1,), (1,)
    new_strides = [0] * len(new_shape)
    new_i = len(new_shape) - 1
    block_numel, block_stride = 1, strides[-1]
    for old_i in reversed(range(len(shape))):
        block_numel *= shape[old_i]
        block_ends = old_i == 0 or (shape[old_i - 1] != 1 and strides[old_i - 1] != block_numel * block_stride)
        if not block_ends:
            continue
        # Repartimos el bloque entre las dimensiones nuevas, de derecha a izquierda.
        covered = 1
        while new_i >= 0 and (covered < block_numel or new_shape[new_i] == 1):
            new_strides[new_i] = covered * block_stride
            covered *= new_shape[new_i]
            new_i -= 1
        if covered != block_numel:
            return None
        if old_i > 0:
            block_numel, block_stride = 1, strides[old_i - 1]
    return tuple(new_strides) if new_i == -1 else None


def view_layout(shape: Sequence[int], strides: Sequence[int], requested: Sequence[int]) -> tuple[Shape, Strides | None]:
    """La forma de ``tensor.view(*requested)`` (con el ``-1`` resuelto) y sus strides, o ``None`` en lugar de
    los strides si esa forma no se puede leer sin copiar (ver ``view_strides``)."""
    new_shape = infer_shape(requested, numel(shape))
    return new_shape, view_strides(shape, strides, new_shape)


def broadcast_shapes(*shapes: Sequence[int]) -> Shape:
    """Forma resultante de la difusión (*broadcasting*) de varias formas.

    Se alinean por la derecha; en cada posición, los tamaños deben coincidir o ser 1 (el 1 se
    «estira»). A las formas más cortas se les suponen unos a la izquierda.
    """
    ndim = max((len(shape) for shape in shapes), default=0)
    result = [1] * ndim
    for shape in shapes:
        for i, size in enumerate(shape, start=ndim - len(shape)):
            if size == result[i] or size == 1:
                continue
            if result[i] == 1:
                result[i] = size
            else:
                raise RuntimeError(
                    f"el tamaño {result[i]} no coincide con el tamaño {size} en la dimensión {i} "
                    f"(que no es de tamaño 1): no se pueden difundir las formas "
                    f"{', '.join(str(list(s)) for s in shapes)}"
                )
    return tuple(result)


def expand_layout(shape: Sequence[int], strides: Sequence[int], new_shape: Sequence[int]) -> tuple[Shape, Strides]:
    """Forma y strides de ``expand``: las dimensiones estiradas reciben stride 0 (se relee el mismo dato)
    y un ``-1`` conserva el tamaño existente."""
    if len(new_shape) < len(shape):
        raise RuntimeError(
            f"el número de tamaños pedidos a expand ({len(new_shape)}: {list(new_shape)}) no puede ser menor "
            f"que el número de dimensiones del tensor ({len(shape)}: {list(shape)})"
        )
    lead = len(new_shape) - len(shape)
    sizes, new_strides = [], []
    for i in range(lead):  # las dimensiones nuevas, delante: siempre se releen
        if new_shape[i] < 0:
            raise RuntimeError(f"no se puede usar -1 en la dimensión nueva {i} de expand")
        sizes.append(new_shape[i])
        new_strides.append(0)
    for i, (size, stride, target) in enumerate(zip(shape, strides, new_shape[lead:]), start=lead):
        if target == -1 or target == size:
            sizes.append(size)
            new_strides.append(stride)
        elif size == 1:
            sizes.append(target)
            new_strides.append(0)
        else:
            raise RuntimeError(
                f"el tamaño expandido ({target}) debe coincidir con el existente ({size}) en la dimensión "
                f"{i}, que no es de tamaño 1. Tamaños pedidos: {list(new_shape)}. Tamaños del tensor: {list(shape)}"
            )
    if lead and shape:
        # Como PyTorch, una dimensión nueva de tamaño 1 no recibe 0 sino el stride que la haría
        # contigua con la de su derecha (nunca se avanza por ella, pero se ve en stride()).
        for i in reversed(range(lead)):
            if sizes[i] == 1:
                new_strides[i] = sizes[i + 1] * new_strides[i + 1]
    return tuple(sizes), tuple(new_strides)


def expand_strides(shape: Sequence[int], strides: Sequence[int], new_shape: Sequence[int]) -> Strides:
    """Strides de ``expand`` (ver ``expand_layout``)."""
    return expand_layout(shape, strides, new_shape)[1]


def expanded_shape(shape: Sequence[int], new_shape: Sequence[int]) -> Shape:
    """Forma final de ``expand``: el ``-1`` conserva el tamaño existente (ver ``expand_layout``)."""
    return expand_layout(shape, contiguous_strides(shape), new_shape)[0]


def permute_layout(shape: Sequence[int], strides: Sequence[int], dims: Sequence[int]) -> tuple[Shape, Strides]:
    """Reordena las dimensiones: la forma y los strides se permutan juntos (no se mueve ningún dato)."""
    if len(dims) != len(shape):  # antes que el rango de cada una: permute(0, 1, 2) de una matriz es este error
        raise RuntimeError(
            f"permute: el número de dimensiones no coincide (el tensor tiene {len(shape)} y se pidieron {len(dims)})"
        )
    dims = [normalize_dim(d, len(shape)) for d in dims]
    if sorted(dims) != list(range(len(shape))):
        raise RuntimeError(f"permute: hay dimensiones repetidas en {list(dims)}")
    return tuple(shape[d] for d in dims), tuple(strides[d] for d in dims)


def slice_layout(size: int, stride: int, item: slice) -> tuple[int, int, int]:
    """Efecto de un ``slice`` sobre una dimensión: ``(tamaño nuevo, stride nuevo, desplazamiento extra)``.

    Como en PyTorch, los límites fuera de rango se recortan y el paso debe ser positivo.
    """
    step = 1 if item.step is None else item.step
    if step <= 0:
        raise ValueError("el paso de un slice debe ser mayor que cero")
    start, stop, _ = slice(item.start, item.stop, 1).indices(size)
    length = max(0, (stop - start + step - 1) // step)
    return length, stride * step, start * stride  # PyTorch mueve el desplazamiento aunque quede vacío


def iter_indices(shape: Sequence[int]) -> Iterable[tuple[int, ...]]:
    """Todos los índices de un tensor en orden de filas (el último índice es el que cambia más rápido).

    Solo sirve para explicar y comprobar: minitorch nunca recorre elementos en Python en sus
    operaciones masivas.
    """
    if numel(shape) == 0:
        return
    index = [0] * len(shape)
    while True:
        yield tuple(index)
        dim = len(shape) - 1
        while dim >= 0:
            index[dim] += 1
            if index[dim] < shape[dim]:
                break
            index[dim] = 0
            dim -= 1
        if dim < 0:
            return


def index_layout(
    shape: Sequence[int], strides: Sequence[int], offset: int, index: tuple
) -> tuple[Shape, Strides, int]:
    """Forma, strides y desplazamiento de la vista ``tensor[index]`` (indexación básica).

    ``index`` es una tupla de enteros, ``slice``, ``None`` (añade una dimensión de tamaño 1) y como
    mucho un ``...`` (tantas dimensiones completas como falten). Un entero fija una dimensión y la
    elimina: solo mueve el desplazamiento. Nada se copia.
    """
    consumed = ellipses = 0  # las dimensiones que el índice recorre, y cuántos «...» hay
    for item in index:
        if item is Ellipsis:
            ellipses += 1
        elif item is not None:
            consumed += 1
    if consumed > len(shape):
        raise IndexError(f"demasiados índices para un tensor de dimensión {len(shape)}")
    if ellipses > 1:
        raise IndexError("un índice solo puede tener un único '...'")
    new_shape: list[int] = []
    new_strides: list[int] = []
    dim = 0
    for item in index:
        if item is None:
            # Como el unsqueeze de PyTorch, que se aplica en este momento: el stride lo fija la
            # siguiente dimensión original todavía sin tocar (un slice posterior no lo cambia).
            new_shape.append(1)
            new_strides.append(shape[dim] * strides[dim] if dim < len(shape) else 1)
        elif item is Ellipsis:
            for _ in range(len(shape) - consumed):
                new_shape.append(shape[dim])
                new_strides.append(strides[dim])
                dim += 1
        elif isinstance(item, slice):
            size, stride, extra = slice_layout(shape[dim], strides[dim], item)
            new_shape.append(size)
            new_strides.append(stride)
            offset += extra
            dim += 1
        else:
            i = int(item)
            if not -shape[dim] <= i < shape[dim]:
                raise IndexError(f"el índice {i} está fuera de rango en la dimensión {dim}, de tamaño {shape[dim]}")
            offset += (i + shape[dim] if i < 0 else i) * strides[dim]
            dim += 1
    new_shape.extend(shape[dim:])
    new_strides.extend(strides[dim:])
    return tuple(new_shape), tuple(new_strides), offset


def whole_dimension_items(shape: Sequence[int], index: tuple) -> list[bool]:
    """Para cada elemento de un índice básico, si deja su dimensión tal cual: ``...`` y los slices que
    empiezan en 0 (escrito así o sin escribir), con paso 1 y que llegan al final o más allá.

    PyTorch se salta esos elementos al indexar: de ellos dependen el nombre del nodo de ``x[...]`` y que
    ``x[:] = v`` sea un ``copy_`` de ``x`` entero. ``-n:`` no cuenta, aunque también lo cubra todo.
    """
    consumed = sum(1 for item in index if item is not None and item is not Ellipsis)
    dim = 0
    whole = []
    for item in index:
        if item is Ellipsis:
            whole.append(True)
            dim += len(shape) - consumed
        elif isinstance(item, slice) and dim < len(shape):
            start = 0 if item.start is None else item.start
            stop = shape[dim] if item.stop is None else item.stop
            step = 1 if item.step is None else item.step
            whole.append(bool(start == 0 and stop >= shape[dim] and step == 1))
            dim += 1
        else:
            whole.append(False)
            dim += item is not None
    return whole


def diagonal_layout(
    shape: Sequence[int], strides: Sequence[int], offset: int, k: int, dim1: int, dim2: int
) -> tuple[Shape, Strides, int]:
    """Forma, strides y desplazamiento de la diagonal ``k`` de las dimensiones ``dim1`` y ``dim2`` (una vista).

    Recorrer la diagonal es avanzar a la vez una posición en cada una de las dos dimensiones: un solo
    stride, su suma. La diagonal pasa a ser la última dimensión; las demás se quedan como estaban. Con
    ``k > 0`` empieza ``k`` columnas a la derecha; con ``k < 0``, ``-k`` filas más abajo.
    """
    if dim1 == dim2:
        raise RuntimeError(f"las dos dimensiones de la diagonal no pueden ser la misma: {dim1}, {dim2}")
    rows, columns = shape[dim1], shape[dim2]
    length = max(0, min(rows, columns - k) if k >= 0 else min(rows + k, columns))
    if length:
        offset += k * strides[dim2] if k >= 0 else -k * strides[dim1]
    rest = [d for d in range(len(shape)) if d not in (dim1, dim2)]
    return (
        tuple(shape[d] for d in rest) + (length,),
        tuple(strides[d] for d in rest) + (strides[dim1] + strides[dim2],),
        offset,
    )


def _inserted_stride(shape: Sequence[int], strides: Sequence[int], dim: int) -> int:
    """Stride de una dimensión nueva de tamaño 1 que se inserta delante de la dimensión ``dim`` (como hace PyTorch).

    Nunca se avanza por ella, así que cualquier valor serviría; PyTorch elige el que la haría
    contigua con la dimensión de su derecha (la que ahora es ``dim``).
    """
    return shape[dim] * strides[dim] if dim < len(shape) else 1


def unsqueeze_layout(shape: Sequence[int], strides: Sequence[int], dim: int) -> tuple[Shape, Strides]:
    """Inserta una dimensión de tamaño 1 en la posición ``dim`` (``unsqueeze``)."""
    ndim = len(shape)
    if not -ndim - 1 <= dim <= ndim:
        raise IndexError(f"Dimensión fuera de rango (se esperaba un valor en [{-ndim - 1}, {ndim}], pero se recibió {dim})")
    dim = dim + ndim + 1 if dim < 0 else dim
    shape, strides = tuple(shape), tuple(strides)
    inserted = _inserted_stride(shape, strides, dim)
    return shape[:dim] + (1,) + shape[dim:], strides[:dim] + (inserted,) + strides[dim:]


def transpose_layout(shape: Sequence[int], strides: Sequence[int], dim0: int, dim1: int) -> tuple[Shape, Strides]:
    """Intercambia dos dimensiones (``transpose``): sus tamaños y sus strides cambian de sitio."""
    ndim = len(shape)
    dim0, dim1 = normalize_dim(dim0, ndim), normalize_dim(dim1, ndim)
    if not ndim:  # un escalar admite transpose(0, 0) y transpose(-1, 0): no hay nada que mover
        return (), ()
    shape, strides = list(shape), list(strides)
    shape[dim0], shape[dim1] = shape[dim1], shape[dim0]
    strides[dim0], strides[dim1] = strides[dim1], strides[dim0]
    return tuple(shape), tuple(strides)


def unfold_layout(shape: Sequence[int], strides: Sequence[int], dim: int, size: int, step: int) -> tuple[Shape, Strides]:
    """Las ventanas de ``size`` elementos, una cada ``step``, a lo largo de ``dim`` (``unfold``, una vista).

    La dimensión ``dim`` pasa a contar ventanas: avanzar una ventana es saltar ``step`` elementos, así que su
    stride es ``step`` veces el de antes. Dentro de cada ventana se avanza de uno en uno por la dimensión
    original: una dimensión nueva al final, de tamaño ``size``, con el stride que tenía ``dim``. Las
    ventanas se solapan cuando ``step < size``: distintas posiciones leen el mismo elemento.
    """
    ndim = len(shape)
    dim = normalize_dim(dim, ndim)
    length = shape[dim] if ndim else 1  # un escalar se trata como un vector de un elemento
    if size > length:
        raise RuntimeError(f"unfold: el tamaño máximo de la dimensión {dim} es {length}, pero se pidió un tamaño {size}")
    if size < 0:
        raise RuntimeError(f"unfold: el tamaño es {size}, pero debe ser >= 0")
    if step <= 0:
        raise RuntimeError(f"unfold: el paso (step) es {step}, pero debe ser > 0")
    if not ndim:
        return (size,), (1,)
    shape, strides = list(shape), list(strides)
    inner = strides[dim]
    shape[dim] = (length - size) // step + 1
    strides[dim] = step * inner
    return tuple(shape) + (size,), tuple(strides) + (inner,)


# --- la disposición de un resultado nuevo ------------------------------------------------------------
# Un resultado recién calculado (``x.exp()``, ``x + y``, ``x.clone()``) no tiene por qué ser contiguo:
# PyTorch imita la disposición de las entradas, para recorrer la memoria en orden. Las funciones de
# esta sección deciden sus strides con las mismas reglas que PyTorch.


def is_non_overlapping_and_dense(shape: Sequence[int], strides: Sequence[int]) -> bool:
    """¿Ocupa la vista un bloque sin huecos ni repeticiones, en algún orden de dimensiones?

    Es «contiguo salvo por el orden»: una traspuesta lo es; un slice con paso o una expansión, no.
    Como en PyTorch, todo tensor contiguo (también uno vacío) lo es.
    """
    if is_contiguous(shape, strides):
        return True
    if len(shape) == 1:
        return shape[0] < 2 or strides[0] == 1
    expected = 1
    for d in sorted(range(len(shape)), key=lambda d: (shape[d] < 2, strides[d])):
        if shape[d] < 2:
            return True  # las que quedan también son de tamaño 0 o 1: no importan
        if strides[d] != expected:
            return False
        expected *= shape[d]
    return True


def memory_overlap(shape_a, strides_a, offset_a: int, shape_b, strides_b, offset_b: int) -> str | None:
    """Cómo comparten memoria dos vistas de un mismo almacenamiento: ``"total"`` (las mismas posiciones,
    recorridas en el mismo orden), ``"parcial"`` (solo parte, o toda en otro orden) o ``None``.

    Como PyTorch, solo se decide con dos bloques densos: ocupan las posiciones de ``desplazamiento`` a
    ``desplazamiento + numel``. Si alguna tiene huecos o repeticiones, no se sabe sin recorrerla, y
    también da ``None``: se deja pasar.
    """
    count_a, count_b = numel(shape_a), numel(shape_b)
    if not count_a or not count_b:
        return None
    if not (is_non_overlapping_and_dense(shape_a, strides_a) and is_non_overlapping_and_dense(shape_b, strides_b)):
        return None
    end_a, end_b = offset_a + count_a, offset_b + count_b
    if (offset_a, end_a) == (offset_b, end_b):
        return "total" if tuple(strides_a) == tuple(strides_b) else "parcial"
    return "parcial" if offset_a < end_b and offset_b < end_a else None


def partially_overlap(shape_a, strides_a, offset_a: int, shape_b, strides_b, offset_b: int) -> bool:
    """¿Comparten dos vistas solo parte de su memoria (o toda, en otro orden)? Escribir en una leyendo
    de la otra daría un resultado que depende del orden del recorrido: PyTorch lo prohíbe. La misma
    memoria recorrida en el mismo orden sí vale (ver ``memory_overlap``)."""
    return memory_overlap(shape_a, strides_a, offset_a, shape_b, strides_b, offset_b) == "parcial"


def _inner_to_outer(shape: Sequence[int], operand_strides: Sequence[Sequence[int]]) -> list[int]:
    """Las dimensiones de la más interna a la más externa según los strides de las entradas.

    Es una ordenación por inserción estable: decide la primera entrada cuyos strides desempatan
    (un stride 0, de una dimensión difundida, no decide; a igual stride va dentro la más pequeña).
    """
    def should_swap(d0: int, d1: int) -> int:
        for st in operand_strides:
            s0, s1 = st[d0], st[d1]
            if s0 == 0 or s1 == 0:
                continue
            if s0 != s1:
                return 1 if s0 > s1 else -1
            if shape[d0] > shape[d1]:
                return 1
        return 0

    order = list(reversed(range(len(shape))))  # sin más información, el orden de un tensor contiguo
    for i in range(1, len(order)):
        d1 = i
        for d0 in reversed(range(i)):
            comparison = should_swap(order[d0], order[d1])
            if comparison > 0:
                order[d0], order[d1] = order[d1], order[d0]
                d1 = d0
            elif comparison < 0:
                break
    return order


def dense_strides_like(shape: Sequence[int], strides: Sequence[int]) -> Strides:
    """Strides de una copia (``clone``, ``to``) que conserva la disposición del original.

    Si el original ya es denso, se copian sus strides tal cual; si tiene huecos (un slice con paso)
    o repeticiones (una expansión), se compactan respetando el orden de sus dimensiones.
    """
    if is_non_overlapping_and_dense(shape, strides):
        return tuple(strides)
    if len(shape) == 1:
        return (1,)
    result = [0] * len(shape)
    step = 1
    for d in _inner_to_outer(shape, [strides]):
        result[d] = step
        step *= max(shape[d], 1)
    return tuple(result)


def advanced_index_strides(shape: Sequence[int], strides: Sequence[int], itemsize: int, indices: Sequence[tuple]) -> Strides:
    """Strides del resultado de ``vista[tensores de índices]``, como los elige PyTorch.

    PyTorch lo calcula con el mismo recorrido que las operaciones elemento a elemento. Sus entradas son
    la vista, con las dimensiones indexadas sustituidas por la forma (difundida) de los índices y stride
    0, y los propios índices. Si las dimensiones indexadas no son vecinas, antes las lleva al principio
    (como numpy). ``indices`` tiene una entrada ``(dimensión, forma, strides, bytes por elemento)`` por
    índice, en orden (una máscara booleana de k dimensiones cuenta como k índices).
    """
    dims = [d for d, _, _, _ in indices]
    if dims != list(range(dims[0], dims[0] + len(dims))):
        order = dims + [d for d in range(len(shape)) if d not in dims]
        shape, strides = [shape[d] for d in order], [strides[d] for d in order]
        dims = list(range(len(dims)))
    first, last = dims[0], dims[-1] + 1
    replaced = broadcast_shapes(*(index_shape for _, index_shape, _, _ in indices))
    result_shape = tuple(shape[:first]) + replaced + tuple(shape[last:])
    operands = [(result_shape, tuple(strides[:first]) + (0,) * len(replaced) + tuple(strides[last:]), itemsize)]
    viewed = (1,) * first + replaced + (1,) * (len(shape) - last)
    for _, index_shape, index_strides, index_itemsize in indices:
        # Cada índice se difunde a la forma común y se ve con forma [1]·antes + esa forma + [1]·después.
        expanded = expand_strides(index_shape, index_strides, replaced)
        operands.append((viewed, view_strides(replaced, expanded, viewed), index_itemsize))
    return elementwise_strides(result_shape, operands)


def elementwise_strides(shape: Sequence[int], operands: Sequence[tuple]) -> Strides:
    """Strides del resultado de una operación elemento a elemento, como los elige PyTorch.

    ``operands`` son las entradas, en orden, como ``(forma, strides, bytes por elemento)``; un número
    suelto cuenta como una entrada de dimensión 0. Tres casos:

    1. todas las entradas tienen la forma del resultado y son contiguas: resultado contiguo;
    2. todas tienen su forma, son densas y comparten strides: el resultado los copia;
    3. si no, se ordenan las dimensiones según las entradas y se asignan strides compactos.
    """
    ndim = len(shape)
    same_shape = all(tuple(s) == tuple(shape) for s, _, _ in operands)
    if same_shape and all(is_contiguous(s, st) for s, st, _ in operands):
        return contiguous_strides(shape)
    if (
        same_shape
        and len({tuple(st) for _, st, _ in operands}) == 1
        and is_non_overlapping_and_dense(shape, operands[0][1])
    ):
        return tuple(operands[0][1])
    # Strides en bytes de cada entrada difundida a la forma del resultado (0 si se difunde).
    byte_strides = []
    for op_shape, op_strides, itemsize in operands:
        lead = ndim - len(op_shape)
        byte_strides.append(
            [0] * lead
            + [0 if n == 1 and shape[lead + i] != 1 else s * itemsize for i, (n, s) in enumerate(zip(op_shape, op_strides))]
        )
    order = _inner_to_outer(shape, byte_strides)
    if order == list(reversed(range(ndim))):
        return contiguous_strides(shape)
    result = [0] * ndim
    step = 1
    for d in order:
        result[d] = step
        step *= shape[d]
    return tuple(result)
