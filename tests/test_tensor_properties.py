"""Propiedades de los tensores de minitorch comparadas con numpy, con hypothesis.

Las entradas no son solo tensores recién creados: ``layout_strategies`` construye disposiciones
permutadas, con pasos, desplazadas y expandidas (stride 0), y cadenas de vistas al azar. numpy hace
de referencia para los valores; la posición de cada elemento se comprueba además con la fórmula
de ``minitorch.strides`` (desplazamiento + suma de índice por stride).
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import minitorch
from layout_strategies import DTYPES, basic_indices, broadcastable_shapes, layouts, numpy_index, shapes, view_chains
from minitorch import strides as S

PROPERTY = settings(max_examples=100, deadline=None)
NUMERIC = ("float32", "float64", "int64", "int32")


def values_of(t) -> np.ndarray:
    """Los valores de un tensor leídos con la fórmula de los strides, elemento a elemento, desde su
    almacenamiento: no usa el camino de numpy de minitorch, así que lo comprueba."""
    storage = t.storage().tolist()
    flat = [storage[S.position(i, t.stride(), t.storage_offset())] for i in S.iter_indices(tuple(t.shape))]
    return np.array(flat, dtype=t.dtype.numpy).reshape(tuple(t.shape))


def assert_same(t, expected: np.ndarray, exact: bool = True):
    assert tuple(t.shape) == expected.shape
    assert t.dtype.numpy == expected.dtype, (t.dtype, expected.dtype)
    got = np.asarray(t.tolist(), dtype=expected.dtype).reshape(expected.shape)
    if exact:
        np.testing.assert_array_equal(got, expected)
    else:
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


# --- disposiciones y vistas ----------------------------------------------------------------------------
@PROPERTY
@given(layouts())
def test_every_layout_holds_the_values_numpy_holds(layout):
    t = layout.build(minitorch)
    expected = layout.numpy()
    assert_same(t, expected)
    np.testing.assert_array_equal(values_of(t), expected)
    assert t.is_contiguous() == expected.flags.c_contiguous


@PROPERTY
@given(st.data())
def test_view_chains_match_numpy_and_never_copy(data):
    layout = data.draw(layouts())
    chain = data.draw(view_chains(layout.shape))
    base = layout.build(minitorch)
    view = chain.apply(base)
    expected = chain.numpy(layout.numpy())
    assert_same(view, expected)
    np.testing.assert_array_equal(values_of(view), expected)
    if not any(name in ("reshape", "flatten") for name, _ in chain.ops):  # las demás nunca copian
        assert view.storage() is base.storage()


@PROPERTY
@given(st.data())
def test_reshape_is_a_view_exactly_when_view_strides_allows_it(data):
    layout = data.draw(layouts(kinds=("contiguous", "permuted", "strided")))
    t = layout.build(minitorch)
    count = t.numel()
    new_shape = data.draw(st.sampled_from([(-1,), (count, 1), (1, count)] if count else [(0,), (0, 2)]))
    possible = S.view_strides(tuple(t.shape), t.stride(), S.infer_shape(new_shape, count)) is not None
    reshaped = t.reshape(new_shape)
    assert (reshaped.storage() is t.storage()) == possible
    assert_same(reshaped, layout.numpy().reshape(new_shape))
    if possible:
        assert t.view(new_shape).tolist() == reshaped.tolist()
    else:
        with pytest.raises(RuntimeError):
            t.view(new_shape)


@PROPERTY
@given(st.data())
def test_contiguous_and_clone_copy_the_values_into_a_dense_block(data):
    layout = data.draw(layouts())
    t = layout.build(minitorch)
    expected = layout.numpy()
    for copy in (t.contiguous(), t.clone()):
        assert_same(copy, expected)
        assert S.is_non_overlapping_and_dense(tuple(copy.shape), copy.stride()) or copy.numel() == 0
    assert t.contiguous().is_contiguous()
    assert (t.contiguous() is t) == t.is_contiguous()
    assert t.clone().storage() is not t.storage()


@PROPERTY
@given(st.data())
def test_basic_indexing_with_steps_and_negative_indices(data):
    layout = data.draw(layouts())
    index = data.draw(basic_indices(layout.shape))
    t = layout.build(minitorch)
    view = t[index]
    assert_same(view, numpy_index(layout.numpy(), index))
    assert view.storage() is t.storage()


@PROPERTY
@given(st.data())
def test_setitem_through_basic_indices_writes_the_shared_storage(data):
    layout = data.draw(layouts(dtype=data.draw(st.sampled_from(NUMERIC)), kinds=("contiguous", "permuted", "strided")))
    index = data.draw(basic_indices(layout.shape))
    t = layout.build(minitorch)
    expected = layout.numpy().copy()
    target_shape = numpy_index(expected, index).shape
    value = data.draw(st.sampled_from(["scalar", "row"]))
    if value == "row" and target_shape:
        source = np.arange(target_shape[-1]).astype(expected.dtype)
        t[index] = minitorch.tensor(source)
        numpy_index(expected, index)[...] = source
    else:
        t[index] = 7
        numpy_index(expected, index)[...] = 7
    assert_same(t, expected)


@PROPERTY
@given(st.data())
def test_advanced_indexing_copies_and_matches_numpy(data):
    layout = data.draw(layouts(shape=data.draw(shapes(min_dims=1, min_side=1))))
    t = layout.build(minitorch)
    array = layout.numpy()
    kind = data.draw(st.sampled_from(["mask", "integers", "integers in dim 1"]))
    if kind == "mask":
        mask = np.asarray(data.draw(st.lists(st.booleans(), min_size=array.size, max_size=array.size))).reshape(array.shape)
        got, expected = t[minitorch.tensor(mask)], array[mask]
    elif kind == "integers" or array.ndim < 2:
        rows = data.draw(st.lists(st.integers(-array.shape[0], array.shape[0] - 1), max_size=4))
        got, expected = t[minitorch.tensor(rows, dtype=minitorch.int64)], array[np.array(rows, dtype=np.int64)]
    else:
        cols = data.draw(st.lists(st.integers(0, array.shape[1] - 1), max_size=4))
        got, expected = t[:, cols], array[:, cols]
    assert_same(got, expected)
    assert got.storage() is not t.storage()


# --- operaciones elemento a elemento con difusión -------------------------------------------------------------
BINARY = {
    "+": (lambda a, b: a + b, np.add),
    "-": (lambda a, b: a - b, np.subtract),
    "*": (lambda a, b: a * b, np.multiply),
    "maximum": (lambda a, b: minitorch.maximum(a, b), np.maximum),
    "<": (lambda a, b: a < b, np.less),
    "==": (lambda a, b: a == b, np.equal),
}


@PROPERTY
@given(st.data())
def test_broadcasting_binary_ops_match_numpy(data):
    shape_a, shape_b = data.draw(broadcastable_shapes())
    dtype = data.draw(st.sampled_from(NUMERIC))
    la, lb = data.draw(layouts(shape_a, dtype)), data.draw(layouts(shape_b, dtype))
    name = data.draw(st.sampled_from(list(BINARY)))
    ours, reference = BINARY[name]
    result = ours(la.build(minitorch), lb.build(minitorch))
    assert_same(result, reference(la.numpy(), lb.numpy()))


@PROPERTY
@given(st.data())
def test_division_and_powers_of_floats_match_numpy(data):
    shape_a, shape_b = data.draw(broadcastable_shapes())
    la, lb = data.draw(layouts(shape_a, "float64")), data.draw(layouts(shape_b, "float64"))
    a, b = la.numpy(), lb.numpy()
    assume(np.all(b != 0) and np.all(a > 0) if a.size and b.size else True)
    with np.errstate(all="ignore"):
        assert_same(la.build(minitorch) / lb.build(minitorch), a / b, exact=False)
        assert_same(la.build(minitorch) ** 2, a**2, exact=False)


@PROPERTY
@given(layouts(dtype="float32"), st.sampled_from(["exp", "sin", "cos", "tanh", "abs", "neg", "sigmoid", "relu"]))
def test_unary_functions_match_numpy(layout, name):
    reference = {
        "exp": np.exp, "sin": np.sin, "cos": np.cos, "tanh": np.tanh, "abs": np.abs, "neg": np.negative,
        "sigmoid": lambda v: 1 / (1 + np.exp(-v.astype(np.float64))), "relu": lambda v: np.maximum(v, 0),
    }[name]
    got = getattr(layout.build(minitorch), name)()
    assert_same(got, reference(layout.numpy()).astype(np.float32), exact=False)


@PROPERTY
@given(layouts())
def test_scalar_operands_keep_the_tensor_type(layout):
    t = layout.build(minitorch)
    if t.dtype is minitorch.bool:
        return
    assert (t + 1).dtype is t.dtype and (t * 2).dtype is t.dtype
    assert_same(t * 2, layout.numpy() * np.asarray(2, dtype=layout.numpy().dtype))


# --- reducciones ----------------------------------------------------------------------------------------------
@st.composite
def reduction_dims(draw, ndim: int):
    """``None``, un entero (también negativo) o una tupla de dimensiones distintas."""
    if ndim == 0:
        return draw(st.sampled_from([None, 0, -1, ()]))
    kind = draw(st.sampled_from(["none", "int", "tuple"]))
    if kind == "none":
        return None
    if kind == "int":
        return draw(st.integers(-ndim, ndim - 1))
    return tuple(draw(st.lists(st.integers(0, ndim - 1), unique=True, min_size=1, max_size=ndim)))


def _axis(dim, ndim: int):
    """El ``axis`` de numpy que corresponde al ``dim`` de PyTorch (que admite 0 y -1 en un escalar)."""
    return None if dim is None or dim == () or ndim == 0 else dim


@pytest.mark.filterwarnings("ignore:Mean of empty slice", "ignore:Degrees of freedom")
@PROPERTY
@given(st.data())
def test_sum_mean_prod_match_numpy(data):
    layout = data.draw(layouts(dtype=data.draw(st.sampled_from(NUMERIC))))
    t, array = layout.build(minitorch), layout.numpy()
    dim = data.draw(reduction_dims(array.ndim))
    keepdim = data.draw(st.booleans())
    axis = _axis(dim, array.ndim)
    accumulate = array.dtype if array.dtype.kind == "f" else np.int64  # los enteros se suman en int64
    assert_same(t.sum(dim, keepdim=keepdim), np.asarray(array.sum(axis=axis, keepdims=keepdim, dtype=accumulate)), exact=False)
    if array.dtype.kind == "f":
        with np.errstate(all="ignore"):
            expected = np.asarray(array.mean(axis=axis, keepdims=keepdim))
        assert_same(t.mean(dim, keepdim=keepdim), expected.astype(array.dtype), exact=False)
    if not isinstance(dim, tuple):
        with np.errstate(over="ignore"):  # un producto largo desborda a inf (minitorch, como PyTorch, sin avisar)
            expected = np.asarray(array.prod(axis=axis, keepdims=keepdim, dtype=accumulate))
        assert_same(t.prod(dim, keepdim=keepdim), expected, exact=False)


@pytest.mark.filterwarnings("ignore:Mean of empty slice", "ignore:Degrees of freedom")
@PROPERTY
@given(st.data())
def test_std_and_var_match_numpy(data):
    layout = data.draw(layouts(shape=data.draw(shapes(min_side=1)), dtype="float64"))
    t, array = layout.build(minitorch), layout.numpy()
    dim = data.draw(reduction_dims(array.ndim))
    keepdim, correction = data.draw(st.booleans()), data.draw(st.sampled_from([0, 1]))
    with np.errstate(all="ignore"):
        expected_var = np.asarray(array.var(axis=_axis(dim, array.ndim), ddof=correction, keepdims=keepdim))
    got = t.var(dim, correction=correction, keepdim=keepdim)
    np.testing.assert_allclose(np.asarray(got.tolist()).reshape(expected_var.shape), expected_var, rtol=1e-6, atol=1e-9)
    std = t.std(dim, unbiased=bool(correction), keepdim=keepdim)
    np.testing.assert_allclose(np.asarray(std.tolist()).reshape(expected_var.shape), np.sqrt(expected_var), rtol=1e-6, atol=1e-9)


@PROPERTY
@given(st.data())
def test_max_min_argmax_with_dim_match_numpy(data):
    layout = data.draw(layouts(shape=data.draw(shapes(min_dims=1, min_side=1)), dtype=data.draw(st.sampled_from(NUMERIC))))
    t, array = layout.build(minitorch), layout.numpy()
    dim = data.draw(st.integers(-array.ndim, array.ndim - 1))
    keepdim = data.draw(st.booleans())
    values, indices = t.max(dim, keepdim=keepdim)
    assert_same(values, np.asarray(array.max(axis=dim, keepdims=keepdim)))
    assert_same(indices, np.asarray(array.argmax(axis=dim, keepdims=keepdim)).astype(np.int64))
    assert_same(t.min(dim).values, np.asarray(array.min(axis=dim)))
    assert_same(t.argmin(dim), np.asarray(array.argmin(axis=dim)).astype(np.int64))
    assert t.max().item() == array.max() and t.argmax().item() == int(array.argmax())
    assert_same(t.amax(tuple(range(array.ndim))), np.asarray(array.max()))


# --- álgebra y ensamblado ---------------------------------------------------------------------------------
@st.composite
def matmul_shapes(draw):
    n, k, m = draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 4))
    batch = draw(shapes(max_dims=2, min_side=1, max_side=3))
    kind = draw(st.sampled_from(["1d@1d", "2d@1d", "1d@2d", "2d@2d", "batched", "broadcast batch"]))
    if kind == "1d@1d":
        return (k,), (k,)
    if kind == "2d@1d":
        return (n, k), (k,)
    if kind == "1d@2d":
        return (k,), (k, m)
    if kind == "2d@2d":
        return (n, k), (k, m)
    if kind == "batched":
        return batch + (n, k), batch + (k, m)
    return batch + (n, k), (1,) * len(batch[:1]) + (k, m)


@PROPERTY
@given(st.data())
def test_matmul_matches_numpy(data):
    shape_a, shape_b = data.draw(matmul_shapes())
    dtype = data.draw(st.sampled_from(["float32", "float64", "int64"]))
    la, lb = data.draw(layouts(shape_a, dtype)), data.draw(layouts(shape_b, dtype))
    assert_same(la.build(minitorch) @ lb.build(minitorch), np.asarray(np.matmul(la.numpy(), lb.numpy())), exact=False)


@PROPERTY
@given(st.data())
def test_cat_and_stack_match_numpy(data):
    shape = data.draw(shapes(min_dims=1, max_dims=3, max_side=3))
    dtype = data.draw(st.sampled_from(DTYPES))
    count = data.draw(st.integers(1, 3))
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    pieces = []
    for _ in range(count):
        piece_shape = list(shape)
        piece_shape[dim] = data.draw(st.integers(0, 3))
        pieces.append(data.draw(layouts(tuple(piece_shape), dtype)))
    got = minitorch.cat([p.build(minitorch) for p in pieces], dim)
    assert_same(got, np.concatenate([p.numpy() for p in pieces], axis=dim))
    assert got.is_contiguous()
    same = [data.draw(layouts(shape, dtype)) for _ in range(count)]
    stack_dim = data.draw(st.integers(-len(shape) - 1, len(shape)))
    stacked = minitorch.stack([p.build(minitorch) for p in same], stack_dim)
    assert_same(stacked, np.stack([p.numpy() for p in same], axis=stack_dim))


# --- operaciones in situ a través de vistas ---------------------------------------------------------------
INPLACE = {
    "add_": (lambda v, x: v.add_(x), lambda a, x: np.add(a, x, out=a, casting="unsafe")),
    "mul_": (lambda v, x: v.mul_(x), lambda a, x: np.multiply(a, x, out=a, casting="unsafe")),
    "sub_": (lambda v, x: v.sub_(x), lambda a, x: np.subtract(a, x, out=a, casting="unsafe")),
    "fill_": (lambda v, x: v.fill_(x), lambda a, x: a.fill(x)),
    "copy_": (lambda v, x: v.copy_(minitorch.tensor(x)), lambda a, x: np.copyto(a, x, casting="unsafe")),
    "zero_": (lambda v, x: v.zero_(), lambda a, x: a.fill(0)),
    "clamp_": (lambda v, x: v.clamp_(min=x), lambda a, x: np.maximum(a, x, out=a, casting="unsafe")),
}


@PROPERTY
@given(st.data())
def test_inplace_ops_through_views_write_the_base(data):
    """La misma cadena de vistas en numpy también son vistas (sin reshape): escribir en la vista de
    minitorch y en la de numpy debe dejar igual el bloque de partida."""
    dtype = data.draw(st.sampled_from(["float32", "float64", "int64"]))
    layout = data.draw(layouts(dtype=dtype, kinds=("contiguous", "permuted", "strided")))
    chain = data.draw(view_chains(layout.shape))
    assume(all(name not in ("reshape", "flatten", "expand") for name, _ in chain.ops))  # pueden copiar o solapar
    base = layout.build(minitorch)
    array = layout.numpy().copy()
    view, array_view = chain.apply(base), chain.numpy(array)
    assert np.shares_memory(array_view, array) or array_view.size == 0
    name = data.draw(st.sampled_from(list(INPLACE)))
    ours, reference = INPLACE[name]
    value = data.draw(st.sampled_from([2, -3])) if name != "copy_" else np.ones(array_view.shape[-1:], dtype=dtype)
    version = base._version
    assert ours(view, value) is view
    reference(array_view, value)
    assert_same(base, array)
    assert base._version == version + 1


# --- las operaciones de ordenar, elegir, acumular y redondear, en cualquier disposición ---------------------
def _dim_of(data, layout) -> int:
    ndim = len(layout.shape)
    return data.draw(st.integers(-max(ndim, 1), max(ndim, 1) - 1), label="dim")


@PROPERTY
@given(st.data())
def test_sort_argsort_and_topk_match_numpy(data):
    layout = data.draw(layouts(data.draw(shapes(min_dims=1), label="forma"), dtype=data.draw(st.sampled_from(NUMERIC))))
    t, a = layout.build(minitorch), layout.numpy()
    dim = _dim_of(data, layout)
    descending = data.draw(st.booleans())
    order = np.argsort(-a if descending and a.dtype.kind == "f" else a, axis=dim, kind="stable")
    if descending and a.dtype.kind != "f":
        order = np.argsort(-a.astype(np.int64), axis=dim, kind="stable")
    result = t.sort(dim, descending=descending)
    assert_same(result.values, np.take_along_axis(a, order, dim))
    assert_same(result.indices, order.astype(np.int64))
    assert_same(t.argsort(dim, descending=descending), order.astype(np.int64))
    k = data.draw(st.integers(0, a.shape[dim]))
    top = t.topk(k, dim, largest=descending)
    assert_same(top.values, np.take_along_axis(a, order, dim).take(range(k), axis=dim))


@PROPERTY
@given(st.data())
def test_gather_index_select_and_masked_select_match_numpy(data):
    layout = data.draw(layouts(data.draw(shapes(min_dims=1, min_side=1), label="forma"), dtype=data.draw(st.sampled_from(NUMERIC))))
    t, a = layout.build(minitorch), layout.numpy()
    dim = _dim_of(data, layout) % a.ndim
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="semilla"))
    index_shape = tuple(rng.integers(1, n + 1) if d != dim else rng.integers(0, 4) for d, n in enumerate(a.shape))
    index = rng.integers(0, a.shape[dim], index_shape)
    region = a[tuple(slice(None) if d == dim else slice(0, n) for d, n in enumerate(index_shape))]
    assert_same(t.gather(dim, minitorch.tensor(index)), np.take_along_axis(region, index, dim))
    rows = rng.integers(0, a.shape[dim], rng.integers(0, 5))
    assert_same(t.index_select(dim, minitorch.tensor(rows, dtype=minitorch.int64)), np.take(a, rows, axis=dim))
    mask = rng.integers(0, 2, a.shape).astype(bool)
    assert_same(t.masked_select(minitorch.tensor(mask)), a[mask])
    assert_same(minitorch.tensor(mask).nonzero(), np.argwhere(mask).astype(np.int64))


@PROPERTY
@given(st.data())
def test_cumsum_flip_repeat_and_triangles_match_numpy(data):
    dtype = data.draw(st.sampled_from(NUMERIC))
    layout = data.draw(layouts(data.draw(shapes(min_dims=1), label="forma"), dtype=dtype))
    t, a = layout.build(minitorch), layout.numpy()
    dim = _dim_of(data, layout)
    accumulate = a.dtype if a.dtype.kind == "f" else np.int64
    assert_same(t.cumsum(dim), np.cumsum(a, axis=dim, dtype=accumulate), exact=a.dtype.kind != "f")
    assert_same(t.flip(dim), np.flip(a, dim))
    reps = tuple(data.draw(st.lists(st.integers(0, 2), min_size=a.ndim, max_size=a.ndim + 1), label="repeat"))
    assert_same(t.repeat(*reps), np.tile(a, reps))
    if a.ndim >= 2:
        diagonal = data.draw(st.integers(-2, 2))
        assert_same(t.tril(diagonal), np.tril(a, diagonal))
        assert_same(t.triu(diagonal), np.triu(a, diagonal))


@PROPERTY
@given(st.data())
def test_rounding_logsumexp_norm_and_softmax_match_numpy(data):
    layout = data.draw(layouts(data.draw(shapes(min_dims=1, min_side=1), label="forma"), dtype=data.draw(st.sampled_from(["float32", "float64"]))))
    t, a = layout.build(minitorch), layout.numpy() / 3  # un tercio: valores con muchos decimales
    t = t / 3
    for name, expected in (("floor", np.floor(a)), ("ceil", np.ceil(a)), ("trunc", np.trunc(a)), ("round", np.round(a))):
        assert_same(getattr(t, name)(), expected)
    dim = _dim_of(data, layout)
    wide = a.astype(np.float64)
    expected_lse = np.log(np.exp(wide - wide.max(dim, keepdims=True)).sum(dim)) + wide.max(dim)
    assert_same(t.logsumexp(dim), expected_lse.astype(a.dtype), exact=False)
    assert_same(t.norm(dim=dim), np.sqrt((wide * wide).sum(dim)).astype(a.dtype), exact=False)
    assert_same(t.norm(1, dim=dim), np.abs(wide).sum(dim).astype(a.dtype), exact=False)
    exps = np.exp(wide - wide.max(dim, keepdims=True))
    assert_same(t.softmax(dim), (exps / exps.sum(dim, keepdims=True)).astype(a.dtype), exact=False)
