"""Pruebas de ``minitorch/strides.py``, la aritmética de índices que enseñan los cuadernos.

Primero, casos concretos de cada función (los valores esperados se han comprobado con PyTorch 2.13
y numpy); después, propiedades con hypothesis: el recorrido de un tensor contiguo, la compatibilidad
de ``view`` frente a numpy y la difusión frente a ``numpy.broadcast_shapes``.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_strategies import layouts, shapes
from minitorch import strides as S

PROPERTY = settings(max_examples=200, deadline=None)


# --- numel, contiguous_strides, position, iter_indices ---------------------------------------------------
@pytest.mark.parametrize("shape, expected", [((), 1), ((5,), 5), ((3, 2), 6), ((2, 0, 4), 0), ((1, 1, 1), 1)])
def test_numel(shape, expected):
    assert S.numel(shape) == expected


@pytest.mark.parametrize(
    "shape, expected",
    [
        ((), ()),
        ((5,), (1,)),
        ((3, 2), (2, 1)),  # el ejemplo de los apuntes: 3 filas de 2
        ((2, 5), (5, 1)),
        ((2, 3, 4), (12, 4, 1)),
        ((2, 1, 3), (3, 3, 1)),
        ((3, 0), (1, 1)),  # como PyTorch: un 0 cuenta como 1 para las dimensiones de su izquierda
        ((0, 3), (3, 1)),
        ((2, 0, 4), (4, 4, 1)),
    ],
)
def test_contiguous_strides(shape, expected):
    assert S.contiguous_strides(shape) == expected


def test_position_is_offset_plus_index_times_strides():
    assert S.position((0, 0), (2, 1)) == 0
    assert S.position((2, 1), (2, 1)) == 5
    assert S.position((1, 2), (1, 2), offset=3) == 3 + 1 + 4  # la traspuesta de un 3x2, desplazada
    assert S.position((), ()) == 0
    assert S.position((), (), offset=7) == 7


def test_iter_indices_goes_in_row_major_order():
    assert list(S.iter_indices((2, 3))) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert list(S.iter_indices(())) == [()]
    assert list(S.iter_indices((2, 0, 3))) == []
    assert list(S.iter_indices((3,))) == [(0,), (1,), (2,)]


@PROPERTY
@given(shapes(max_dims=5))
def test_iter_indices_agrees_with_numpy(shape):
    assert list(S.iter_indices(shape)) == list(np.ndindex(*shape))


@PROPERTY
@given(shapes(max_dims=5))
def test_position_enumerates_a_contiguous_layout(shape):
    """Recorrer un tensor contiguo en orden de filas visita 0, 1, ..., numel - 1, una vez cada una."""
    stride = S.contiguous_strides(shape)
    assert [S.position(i, stride) for i in S.iter_indices(shape)] == list(range(S.numel(shape)))


# --- is_contiguous -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "shape, stride, expected",
    [
        ((3, 2), (2, 1), True),
        ((2, 3), (1, 2), False),  # la traspuesta de un 3x2
        ((2, 3), (3, 2), False),
        ((1, 4), (99, 1), True),  # el stride de una dimensión de tamaño 1 no importa
        ((4, 1), (1, 7), True),
        ((3, 0), (5, 9), True),  # vacío: siempre contiguo
        ((), (), True),
        ((3,), (0,), False),  # expandido
        ((3, 2), (4, 2), False),  # con pasos
    ],
)
def test_is_contiguous(shape, stride, expected):
    assert S.is_contiguous(shape, stride) is expected


@PROPERTY
@given(layouts(dtype="int64"))
def test_is_contiguous_agrees_with_numpy(layout):
    array = layout.numpy()
    itemsize = array.itemsize
    stride = tuple(s // itemsize for s in array.strides)
    # numpy marca C_CONTIGUOUS con la misma regla (ignora las dimensiones de tamaño 1).
    assert S.is_contiguous(array.shape, stride) == array.flags.c_contiguous


# --- normalize_dim -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("dim, ndim, expected", [(0, 3, 0), (2, 3, 2), (-1, 3, 2), (-3, 3, 0), (0, 0, 0), (-1, 0, 0)])
def test_normalize_dim(dim, ndim, expected):
    assert S.normalize_dim(dim, ndim) == expected


@pytest.mark.parametrize("dim, ndim", [(3, 3), (-4, 3), (1, 0), (-2, 0)])
def test_normalize_dim_out_of_range_is_an_index_error_naming_the_range(dim, ndim):
    with pytest.raises(IndexError) as info:
        S.normalize_dim(dim, ndim)
    assert str(dim) in str(info.value) and "rango" in str(info.value)


# --- infer_shape -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "shape, count, expected",
    [
        ((4, 1), 4, (4, 1)),
        ((-1, 2), 6, (3, 2)),
        ((2, -1, 1), 6, (2, 3, 1)),
        ((-1,), 0, (0,)),
        ((0, -1), 0, None),  # ambiguo: error (PyTorch también)
        ((), 1, ()),
        ((4, -1), 6, None),
        ((-1, -1), 6, None),
        ((2, 2), 6, None),
        ((-2, 3), 6, None),
    ],
)
def test_infer_shape(shape, count, expected):
    if expected is None:
        with pytest.raises(RuntimeError):
            S.infer_shape(shape, count)
    else:
        assert S.infer_shape(shape, count) == expected


def test_infer_shape_error_names_the_shape_and_the_size():
    with pytest.raises(RuntimeError) as info:
        S.infer_shape((4, -1), 6)
    assert "[4, -1]" in str(info.value) and "6" in str(info.value)


# --- view_strides ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "shape, stride, new_shape, expected",
    [
        ((4,), (1,), (4, 1), (1, 1)),  # view(4, 1) de los apuntes
        ((4,), (1,), (1, 4), (4, 1)),  # view(1, 4)
        ((2, 3), (3, 1), (6,), (1,)),
        ((2, 3), (1, 2), (6,), None),  # la traspuesta no se puede aplanar sin copiar
        ((2, 3), (1, 2), (2, 3, 1), (1, 2, 2)),  # pero sí añadir unos
        ((4, 6), (6, 1), (2, 2, 3, 2), (12, 6, 2, 1)),
        ((4, 3), (6, 2), (2, 2, 3), (12, 6, 2)),  # x[:, ::2] de un 4x6: cada fila sigue siendo un bloque
        ((4, 3), (6, 2), (12,), (2,)),  # ...y el total también: el elemento k está en 2k
        ((3, 1, 2), (2, 9, 1), (3, 2), (2, 1)),  # el stride de la dimensión de tamaño 1 no importa
        ((2, 0), (1, 1), (0, 5), (5, 1)),  # sin elementos: strides contiguos
        ((2, 0), (7, 7), (2, 0), (7, 7)),  # ... salvo si la forma no cambia
        ((), (), (1, 1), (1, 1)),
        ((1,), (1,), (), ()),
        ((2, 2), (0, 1), (4,), None),  # expandido
        ((2, 2), (0, 1), (2, 1, 2), (0, 2, 1)),
    ],
)
def test_view_strides(shape, stride, new_shape, expected):
    assert S.view_strides(shape, stride, new_shape) == expected


def _numpy_can_view(array: np.ndarray, shape) -> bool:
    try:
        np.reshape(array, shape, copy=False)
    except ValueError:
        return False
    except TypeError:  # numpy < 2.1 no tiene copy=: se prueba a cambiar la forma de una vista
        view = array.view()
        try:
            view.shape = shape
        except AttributeError:
            return False
    return True


@st.composite
def layouts_and_new_shapes(draw):
    layout = draw(layouts(dtype="int64", kinds=("contiguous", "permuted", "strided")))
    count = S.numel(layout.shape)
    if count == 0:
        return layout, tuple(draw(st.lists(st.integers(0, 3), max_size=2)) + [0])
    sizes, left = [], count
    while left > 1 and draw(st.booleans()):
        d = draw(st.sampled_from([d for d in range(2, left + 1) if left % d == 0]))
        sizes.append(d)
        left //= d
    sizes.append(left)
    sizes += [1] * draw(st.integers(0, 2))
    return layout, tuple(draw(st.permutations(sizes)))


@settings(max_examples=400, deadline=None)
@given(layouts_and_new_shapes())
def test_view_strides_agrees_with_numpy_and_reads_the_same_elements(case):
    """``view_strides`` acepta exactamente las formas que numpy acepta sin copiar, y la vista nueva
    recorre las mismas posiciones del almacenamiento, en el mismo orden, que la original."""
    layout, new_shape = case
    array = layout.numpy()
    stride = tuple(s // array.itemsize for s in array.strides)
    new_stride = S.view_strides(array.shape, stride, new_shape)
    if S.numel(array.shape):  # numpy no siempre acepta vistas de arrays vacíos; PyTorch sí
        assert (new_stride is not None) == _numpy_can_view(array, new_shape)
    if new_stride is not None:
        old_positions = [S.position(i, stride) for i in S.iter_indices(array.shape)]
        new_positions = [S.position(i, new_stride) for i in S.iter_indices(new_shape)]
        assert new_positions == old_positions


@settings(max_examples=200, deadline=None)
@given(layouts_and_new_shapes())
def test_view_strides_agrees_with_pytorch(case):
    torch = pytest.importorskip("torch")
    layout, new_shape = case
    t = layout.build(torch)
    expected = S.view_strides(tuple(t.shape), t.stride(), new_shape)
    try:
        got = t.view(new_shape).stride()
    except RuntimeError:
        got = None
    assert got == expected


# --- broadcast_shapes, expand_strides ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "shapes_, expected",
    [
        (((3, 1), (1, 4)), (3, 4)),
        (((2, 3), (3,)), (2, 3)),
        (((), (2, 2)), (2, 2)),
        (((5, 1, 4), (3, 1), (1,)), (5, 3, 4)),
        (((0,), (1,)), (0,)),
        (((2, 0), (1, 0)), (2, 0)),
        ((), ()),
    ],
)
def test_broadcast_shapes(shapes_, expected):
    assert S.broadcast_shapes(*shapes_) == expected


def test_broadcast_shapes_error_names_the_sizes_and_the_shapes():
    with pytest.raises(RuntimeError) as info:
        S.broadcast_shapes((2, 3), (4,))
    message = str(info.value)
    assert "3" in message and "4" in message and "[2, 3]" in message and "[4]" in message


@st.composite
def shape_lists(draw):
    """Listas de formas, casi siempre difundibles entre sí (a veces no, para probar el error)."""
    result = draw(shapes(max_dims=4, max_side=3))
    out = []
    for _ in range(draw(st.integers(1, 3))):
        lead = draw(st.integers(0, len(result)))
        out.append(tuple(draw(st.sampled_from([1, n, n, 2])) for n in result[lead:]))
    return out


@settings(max_examples=300, deadline=None)
@given(shape_lists())
def test_broadcast_shapes_agrees_with_numpy(shape_list):
    try:
        expected = np.broadcast_shapes(*shape_list)
    except ValueError:
        with pytest.raises(RuntimeError):
            S.broadcast_shapes(*shape_list)
    else:
        assert S.broadcast_shapes(*shape_list) == expected


@pytest.mark.parametrize(
    "shape, stride, new_shape, expected",
    [
        ((3, 1), (1, 1), (3, 4), (1, 0)),  # la columna se repite: stride 0
        ((3,), (1,), (2, 3), (0, 1)),
        ((3,), (1,), (1, 3), (3, 1)),  # una dimensión nueva de tamaño 1 no recibe 0 (como PyTorch)
        ((3, 1), (1, 1), (1, 3, 4), (3, 1, 0)),
        ((1, 3), (1, 1), (1, 4, 3), (0, 0, 1)),
        ((), (), (1,), (0,)),
        ((), (), (2, 1), (0, 0)),
        ((3, 1), (1, 1), (-1, 4), (1, 0)),
        ((2, 3), (3, 1), (2, 3), (3, 1)),
    ],
)
def test_expand_strides(shape, stride, new_shape, expected):
    assert S.expand_strides(shape, stride, new_shape) == expected


@pytest.mark.parametrize(
    "shape, new_shape",
    [((3, 1), (4, 4)), ((2, 3), (3,)), ((3,), (-1, 3)), ((2,), (3,))],
)
def test_expand_strides_rejects_impossible_sizes(shape, new_shape):
    with pytest.raises(RuntimeError) as info:
        S.expand_strides(shape, S.contiguous_strides(shape), new_shape)
    assert any(str(n) in str(info.value) for n in new_shape)


def test_expanded_shape_resolves_minus_one():
    assert S.expanded_shape((3, 1), (-1, 4)) == (3, 4)
    assert S.expanded_shape((3,), (2, -1)) == (2, 3)


# --- permute_layout, slice_layout, unsqueeze_layout, index_layout ------------------------------------------
def test_permute_layout_moves_sizes_and_strides_together():
    assert S.permute_layout((2, 3, 4), (12, 4, 1), (2, 0, 1)) == ((4, 2, 3), (1, 12, 4))
    assert S.permute_layout((2, 3), (3, 1), (-1, 0)) == ((3, 2), (1, 3))
    assert S.permute_layout((), (), ()) == ((), ())


@pytest.mark.parametrize("dims, error", [((0, 0), RuntimeError), ((0,), RuntimeError), ((0, 2), IndexError)])
def test_permute_layout_errors(dims, error):
    with pytest.raises(error):
        S.permute_layout((2, 3), (3, 1), dims)


@pytest.mark.parametrize(
    "size, stride, item, expected",
    [
        (5, 1, slice(None), (5, 1, 0)),
        (5, 1, slice(1, 4), (3, 1, 1)),
        (5, 2, slice(None, None, 2), (3, 4, 0)),
        (5, 3, slice(-2, None), (2, 3, 9)),
        (5, 1, slice(1, 100), (4, 1, 1)),  # los límites se recortan
        (5, 1, slice(4, 1), (0, 1, 4)),  # vacío: el desplazamiento también se mueve (PyTorch)
        (5, 1, slice(7, 9), (0, 1, 5)),
        (0, 1, slice(None), (0, 1, 0)),
    ],
)
def test_slice_layout(size, stride, item, expected):
    assert S.slice_layout(size, stride, item) == expected


@pytest.mark.parametrize("step", [0, -1])
def test_slice_layout_rejects_non_positive_steps(step):
    with pytest.raises(ValueError):
        S.slice_layout(5, 1, slice(None, None, step))


@pytest.mark.parametrize(
    "dim, expected",
    [
        (0, ((1, 2, 3), (6, 3, 1))),
        (1, ((2, 1, 3), (3, 3, 1))),
        (2, ((2, 3, 1), (3, 1, 1))),
        (-1, ((2, 3, 1), (3, 1, 1))),
        (-3, ((1, 2, 3), (6, 3, 1))),
    ],
)
def test_unsqueeze_layout(dim, expected):
    assert S.unsqueeze_layout((2, 3), (3, 1), dim) == expected


def test_unsqueeze_layout_out_of_range():
    with pytest.raises(IndexError):
        S.unsqueeze_layout((2, 3), (3, 1), 3)


@pytest.mark.parametrize(
    "index, expected",
    [
        ((0,), ((3, 4), (4, 1), 0)),
        ((1,), ((3, 4), (4, 1), 12)),
        ((-1, 2), ((4,), (1,), 20)),
        ((slice(None), 1), ((2, 4), (12, 1), 4)),
        ((Ellipsis, 1), ((2, 3), (12, 4), 1)),
        ((None,), ((1, 2, 3, 4), (24, 12, 4, 1), 0)),
        ((0, None, slice(None, None, 2)), ((1, 2, 4), (12, 8, 1), 0)),
        # El None se inserta antes que el slice siguiente: su stride es el de la dimensión aún sin
        # recortar (4 x 1), no el del resultado (como PyTorch).
        ((1, Ellipsis, None, slice(1, 3)), ((3, 1, 2), (4, 4, 1), 13)),
        ((slice(1, None), slice(None, None, 2), slice(None, None, 3)), ((1, 2, 2), (12, 8, 3), 12)),
        ((), ((2, 3, 4), (12, 4, 1), 0)),
        ((Ellipsis,), ((2, 3, 4), (12, 4, 1), 0)),
        ((0, 0, 0), ((), (), 0)),
        ((1, 2, 3, None), ((1,), (1,), 23)),
    ],
)
def test_index_layout(index, expected):
    assert S.index_layout((2, 3, 4), (12, 4, 1), 0, index) == expected


@pytest.mark.parametrize(
    "index, error",
    [((2,), IndexError), ((0, 3), IndexError), ((0, 0, 0, 0), IndexError), ((-3,), IndexError)],
)
def test_index_layout_errors(index, error):
    with pytest.raises(error):
        S.index_layout((2, 3, 4), (12, 4, 1), 0, index)


def test_index_layout_error_names_the_index_and_the_size():
    with pytest.raises(IndexError) as info:
        S.index_layout((2, 3), (3, 1), 0, (0, 7))
    assert "7" in str(info.value) and "3" in str(info.value)


# --- la disposición de un resultado nuevo -------------------------------------------------------------------
@pytest.mark.parametrize(
    "shape, stride, expected",
    [
        ((2, 3), (3, 1), True),
        ((2, 3), (1, 2), True),  # traspuesta: densa en otro orden
        ((2, 3), (4, 1), False),  # con un hueco entre filas
        ((3, 4), (0, 1), False),  # expandida
        ((1, 3), (7, 1), True),
        ((4,), (2,), False),
        ((), (), True),
    ],
)
def test_is_non_overlapping_and_dense(shape, stride, expected):
    assert S.is_non_overlapping_and_dense(shape, stride) is expected


@pytest.mark.parametrize(
    "shape, stride, expected",
    [
        ((2, 3), (1, 2), (1, 2)),  # densa: se conserva
        ((1, 3), (7, 1), (7, 1)),
        ((2, 3), (6, 2), (3, 1)),  # x[:, ::2] de un 2x6: se compacta en el mismo orden
        ((3, 2), (2, 12), (1, 3)),  # su traspuesta
        ((3, 4), (0, 1), (4, 1)),  # expandida: contigua
        ((4, 2), (1, 0), (2, 1)),  # un stride 0 no decide el orden
    ],
)
def test_dense_strides_like(shape, stride, expected):
    assert S.dense_strides_like(shape, stride) == expected


@pytest.mark.parametrize(
    "shape, operands, expected",
    [
        ((2, 3), [((2, 3), (3, 1), 4), ((2, 3), (3, 1), 4)], (3, 1)),
        ((2, 3), [((2, 3), (1, 2), 4), ((2, 3), (1, 2), 4)], (1, 2)),  # dos traspuestas
        ((2, 3), [((2, 3), (1, 2), 4), ((), (), 0)], (1, 2)),  # traspuesta y un número
        ((2, 3), [((2, 3), (1, 2), 4), ((2, 3), (3, 1), 4)], (1, 2)),  # manda la primera
        ((2, 3), [((2, 3), (3, 1), 4), ((2, 3), (1, 2), 4)], (3, 1)),
        ((3, 4), [((3, 1), (1, 1), 4), ((3, 4), (1, 3), 4)], (1, 3)),  # la difundida no decide
    ],
)
def test_elementwise_strides(shape, operands, expected):
    assert S.elementwise_strides(shape, operands) == expected


@st.composite
def two_views_of_one_block(draw):
    """Dos vistas (forma, strides, desplazamiento) de un bloque de 12 posiciones: densas o con huecos."""
    def view():
        shape = draw(st.sampled_from([(2, 3), (3, 2), (6,), (4,), (2, 2), (3,)]))
        stride = S.contiguous_strides(shape)
        if len(shape) == 2 and draw(st.booleans()):
            shape, stride = shape[::-1], stride[::-1]  # la traspuesta: densa, en otro orden
        if draw(st.booleans()):
            stride = tuple(2 * s for s in stride)  # con huecos
        span = 1 + sum((n - 1) * s for n, s in zip(shape, stride))
        return shape, stride, draw(st.integers(0, 12 - span))

    return view(), view()


@PROPERTY
@given(two_views_of_one_block())
def test_partially_overlap_agrees_with_the_positions_each_view_reads(views):
    (shape_a, stride_a, offset_a), (shape_b, stride_b, offset_b) = views
    order_a = [S.position(i, stride_a, offset_a) for i in S.iter_indices(shape_a)]
    order_b = [S.position(i, stride_b, offset_b) for i in S.iter_indices(shape_b)]
    dense = S.is_non_overlapping_and_dense(shape_a, stride_a) and S.is_non_overlapping_and_dense(shape_b, stride_b)
    # Con dos bloques densos se sabe: se pisan en parte si comparten posiciones sin ser el mismo recorrido.
    expected = dense and bool(set(order_a) & set(order_b)) and not (shape_a == shape_b and order_a == order_b)
    assert S.partially_overlap(shape_a, stride_a, offset_a, shape_b, stride_b, offset_b) == expected


@PROPERTY
@given(layouts(dtype="int64"), st.integers(-4, 4), st.data())
def test_diagonal_layout_reads_the_positions_of_numpys_diagonal(layout, k, data):
    """La vista de la diagonal recorre, en orden, las posiciones de los elementos que da ``np.diagonal``."""
    array = layout.numpy()
    if array.ndim < 2:
        return
    dim1, dim2 = data.draw(st.permutations(range(array.ndim)).map(lambda p: p[:2]))
    stride = tuple(s // array.itemsize for s in array.strides)
    positions = np.array([S.position(i, stride) for i in S.iter_indices(array.shape)], dtype=np.int64).reshape(array.shape)
    shape, new_stride, offset = S.diagonal_layout(array.shape, stride, 0, k, dim1, dim2)
    read = [S.position(i, new_stride, offset) for i in S.iter_indices(shape)]
    assert read == np.diagonal(positions, k, dim1, dim2).reshape(-1).tolist()
