"""Reutilización de temporales (``minitorch/temporaries.py``): más rápida, y nunca visible.

Lo importante es lo segundo: un tensor que alguien puede volver a leer (con nombre, en una lista,
visto por otra vista o por un ``ndarray``) no se sobrescribe nunca.
"""

import functools
import operator
import sys
import tracemalloc

import numpy as np
import pytest

import minitorch
from minitorch import temporaries

N = temporaries.MIN_BYTES // 4  # float32: justo el tamaño a partir del cual se reutiliza
active = pytest.mark.skipif(temporaries.TEMPORARY_REFS is None, reason="este intérprete no distingue temporales")


def fresh(n=N, value=1.0):
    return minitorch.full((n,), value)


def test_calibration_is_on_where_refcounts_tell_temporaries_apart():
    expected_on = sys.implementation.name == "cpython" and sys.version_info < (3, 14)
    assert (temporaries.TEMPORARY_REFS is not None) == expected_on


@active
def test_a_chain_of_temporaries_needs_two_blocks_instead_of_four():
    a, b, c = fresh(value=2.0), fresh(value=3.0), fresh(value=4.0)
    nbytes = N * 4
    tracemalloc.start()
    result = (a * b + c) * 0.5 - a
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # a*b es nuevo; +c, *0.5 y -a escriben encima de él. Sin reutilizar, harían falta dos bloques vivos a la vez.
    assert peak < 1.5 * nbytes
    np.testing.assert_array_equal(result.numpy(), np.full(N, (2 * 3 + 4) * 0.5 - 2, np.float32))
    for t, v in ((a, 2.0), (b, 3.0), (c, 4.0)):
        assert (t.numpy() == v).all()


@active
def test_the_other_operand_can_be_the_temporary():
    x, y = fresh(value=5.0), fresh(value=2.0)
    tracemalloc.start()
    result = x - y * 3  # y*3 es el temporal, a la derecha
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1.5 * N * 4
    assert (result.numpy() == -1.0).all() and (x.numpy() == 5.0).all() and (y.numpy() == 2.0).all()


def _named_uses():
    """Maneras de usar un tensor que sigue siendo visible después: ninguna puede cambiarlo."""
    holder = type("Holder", (), {})()
    holder.t = fresh(value=3.0)
    box = {"t": fresh(value=3.0)}
    listed = [fresh(value=3.0), fresh(value=3.0)]
    x = fresh(value=3.0)
    yield "variable local", x, lambda: x + 1
    yield "método add", x, lambda: x.add(1)
    yield "dunder explícito", x, lambda: minitorch.Tensor.__add__(x, 1)
    yield "operator.mul", x, lambda: operator.mul(x, 2)
    yield "número a la izquierda", x, lambda: 1 - x
    yield "x * x", x, lambda: x * x
    yield "atributo", holder.t, lambda: holder.t * 2
    yield "diccionario", box["t"], lambda: box["t"] / 2
    yield "sum de una lista", listed[0], lambda: sum(listed)
    yield "functools.reduce", listed[1], lambda: functools.reduce(operator.add, listed)
    base = fresh(value=3.0)
    yield "vista temporal del mismo almacenamiento", base, lambda: base.view(-1) + 1
    yield "slice temporal", base, lambda: base[:] * 2
    array = np.full(N, 3.0, np.float32)
    yield "ndarray del usuario", minitorch.from_numpy(array), lambda: minitorch.from_numpy(array) * 2
    shared = fresh(value=3.0)
    exported = shared.numpy()
    yield "tensor cuyo ndarray se exportó", shared, lambda: shared.detach() + exported.sum() * 0


@pytest.mark.parametrize("case", list(range(14)))
def test_visible_tensors_are_never_overwritten(case):
    name, watched, operation = list(_named_uses())[case]
    before = watched.numpy().copy()
    operation()
    np.testing.assert_array_equal(watched.numpy(), before, err_msg=name)


def test_a_temporary_exported_to_numpy_keeps_its_values():
    x = fresh(value=3.0)
    exported = (x * 1).numpy()  # el temporal muere, pero su memoria sigue viva en exported
    (minitorch.from_numpy(exported) + 1)
    assert (exported == 3.0).all()


def test_temporaries_in_a_graph_are_kept_for_backward():
    x = fresh(value=3.0)
    w = minitorch.full((N,), 2.0, requires_grad=True)
    y = (x * 2) * w  # el temporal x*2 se guarda para derivar respecto de w
    z = (w * 1) + 1  # w*1 está en el grafo: no se reutiliza
    (y.sum() + z.sum()).backward()
    np.testing.assert_array_equal(w.grad.numpy(), np.full(N, 7.0, np.float32))


def test_shapes_and_types_that_do_not_fit_are_left_alone():
    rows, cols = 4, N // 4
    x, row = minitorch.ones(rows, cols), minitorch.full((cols,), 2.0)
    np.testing.assert_array_equal(((x * 1) + row).numpy(), np.full((rows, cols), 3.0, np.float32))
    np.testing.assert_array_equal(((row * 1) + x).numpy(), np.full((rows, cols), 3.0, np.float32))
    ints = minitorch.ones(N, dtype=minitorch.int64)
    half = (ints * 3) / 2  # el resultado es float32: no cabe en el temporal int64
    assert half.dtype is minitorch.float32 and (half.numpy() == 1.5).all()
    with pytest.raises(RuntimeError):
        (x * 1) - minitorch.ones(rows, cols, dtype=minitorch.bool)
    small = minitorch.ones(4)
    assert ((small * 2) + 1).tolist() == [3.0] * 4
