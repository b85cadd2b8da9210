"""Pruebas unitarias de la capa de tensores de minitorch (sin PyTorch).

Cada valor esperado escrito aquí se ha comprobado antes con PyTorch 2.13 (las mismas operaciones
con ``import torch``); ``test_tensor_parity.py`` repite muchas de ellas contra PyTorch en vivo.
"""

import numpy as np
import pytest

import minitorch
from minitorch import Storage, Tensor


def spanish(message: str) -> bool:
    """¿Está el mensaje en español? (Basta con alguna palabra o letra que el inglés no usa así.)"""
    words = set(message.lower().replace(",", " ").replace(".", " ").replace(":", " ").split())
    common = {"el", "la", "los", "las", "de", "del", "en", "un", "una", "no", "se", "es", "hay", "con", "por", "para", "que"}
    return bool(words & common) or any(c in message for c in "áéíóúñ¿")


def snapshot(*tensors):
    """Todo lo que una operación fallida no debe cambiar: valores, versión y metadatos."""
    return [(t.tolist(), t._version, tuple(t.shape), t.stride(), t.storage_offset(), t.dtype) for t in tensors]


# --- Storage -----------------------------------------------------------------------------------------------
class TestStorage:
    def test_a_storage_is_a_flat_typed_buffer(self):
        points = minitorch.tensor([[4.0, 1.0], [5.0, 3.0], [2.0, 1.0]])
        storage = points.storage()
        assert len(storage) == 6 and storage.size() == 6
        assert storage[0] == 4.0 and storage[-1] == 1.0 and isinstance(storage[2], float)
        assert list(storage) == [4.0, 1.0, 5.0, 3.0, 2.0, 1.0] == storage.tolist()
        assert storage.dtype is minitorch.float32 and storage.element_size() == 4
        assert storage.nbytes() == 24

    def test_repr_like_pytorch_1(self):
        storage = minitorch.tensor([[4.0, 1.0], [5.0, 3.0], [2.0, 1.0]]).storage()
        assert repr(storage) == " 4.0\n 1.0\n 5.0\n 3.0\n 2.0\n 1.0\n[minitorch.FloatStorage of size 6]"
        assert str(minitorch.tensor([1, 2]).storage()) == " 1\n 2\n[minitorch.LongStorage of size 2]"
        assert str(minitorch.tensor([True]).storage()) == " True\n[minitorch.BoolStorage of size 1]"
        assert str(minitorch.tensor([]).storage()) == " \n[minitorch.FloatStorage of size 0]"

    def test_views_share_the_storage_and_its_address(self):
        points = minitorch.tensor([[4.0, 1.0], [5.0, 3.0], [2.0, 1.0]])
        second = points[1]
        assert second.storage() is points.storage()
        assert second.storage().data_ptr() == points.storage().data_ptr()
        assert second.data_ptr() == points.data_ptr() + 2 * points.element_size()

    def test_writing_into_the_storage_is_seen_by_the_tensor_and_bumps_the_version(self):
        points = minitorch.zeros(2, 3)
        before = points._version
        points.storage()[1] = 5
        assert points.tolist() == [[0.0, 5.0, 0.0], [0.0, 0.0, 0.0]]
        assert points._version == before + 1

    def test_index_out_of_range(self):
        storage = minitorch.arange(6).storage()
        with pytest.raises(IndexError) as info:
            storage[10]
        assert "10" in str(info.value) and "6" in str(info.value) and spanish(str(info.value))

    def test_a_storage_is_one_dimensional(self):
        with pytest.raises(ValueError):
            Storage(np.zeros((2, 2), dtype=np.float32))


# --- metadatos ---------------------------------------------------------------------------------------------
class TestMetadata:
    def test_size_shape_stride_offset(self):
        x = minitorch.zeros(2, 3, 4)
        assert x.size() == (2, 3, 4) and isinstance(x.size(), minitorch.Size)
        assert x.shape == minitorch.Size([2, 3, 4]) and repr(x.shape) == "minitorch.Size([2, 3, 4])"
        assert x.size(1) == 3 and x.size(-1) == 4
        assert x.stride() == (12, 4, 1) and x.stride(0) == 12 and x.stride(-1) == 1
        assert x.storage_offset() == 0 and x[1].storage_offset() == 12
        assert x.dim() == x.ndim == 3 and x.numel() == 24 and len(x) == 2

    def test_size_is_a_tuple(self):
        size = minitorch.zeros(2, 3).shape
        assert size == (2, 3) and size[1:] == minitorch.Size([3]) and isinstance(size[1:], minitorch.Size)
        assert size.numel() == 6 and list(size) == [2, 3]

    def test_element_size_and_dtype(self):
        assert minitorch.zeros(2).element_size() == 4
        assert minitorch.zeros(2, dtype=minitorch.float64).element_size() == 8
        assert minitorch.zeros(2, dtype=minitorch.int32).element_size() == 4
        assert minitorch.zeros(2).long().element_size() == 8
        assert minitorch.zeros(2, dtype=minitorch.bool).element_size() == 1

    def test_the_notes_strides(self):
        """Los ejemplos de los apuntes originales."""
        points = minitorch.tensor([[4, 1], [5, 3], [2, 1]])
        assert points.stride() == (2, 1) and points.t().stride() == (1, 2)
        assert minitorch.zeros(2, 5).stride() == (5, 1) and minitorch.zeros(2, 5).t().stride() == (1, 5)
        assert points[0][1].item() == 1

    def test_item_tolist_len_iteration(self):
        x = minitorch.tensor([[1, 2], [3, 4]])
        assert x.tolist() == [[1, 2], [3, 4]]
        assert minitorch.tensor(2.5).item() == 2.5 and type(minitorch.tensor(2).item()) is int
        assert type(minitorch.tensor(True).item()) is bool and minitorch.tensor(2.5).tolist() == 2.5
        rows = list(x)
        assert [r.tolist() for r in rows] == [[1, 2], [3, 4]]
        assert [r.storage_offset() for r in rows] == [0, 2] and all(r.storage() is x.storage() for r in rows)
        assert minitorch.zeros(1, 1).item() == 0.0

    def test_zero_dimensional_tensors(self):
        x = minitorch.tensor(3.0)
        assert x.shape == () and x.stride() == () and x.dim() == 0 and x.numel() == 1
        with pytest.raises(TypeError):
            len(x)
        with pytest.raises(TypeError):
            iter(x)

    def test_is_contiguous(self):
        x = minitorch.zeros(3, 4)
        assert x.is_contiguous() and not x.t().is_contiguous() and x.t().t().is_contiguous()
        assert not x[:, ::2].is_contiguous() and x[1:].is_contiguous()
        assert not minitorch.zeros(3, 1).expand(3, 4).is_contiguous()

    def test_python_conversions(self):
        assert float(minitorch.tensor([2.5])) == 2.5 and int(minitorch.tensor(7)) == 7
        assert bool(minitorch.tensor([1])) and [10, 20, 30][minitorch.tensor(1)] == 20
        assert 3 in minitorch.tensor([1, 2, 3]) and 5 not in minitorch.tensor([1, 2, 3])


# --- las vistas comparten el almacenamiento y nunca copian ------------------------------------------------
VIEWS = {
    "view": lambda x: x.view(4, 6),
    "view(-1)": lambda x: x.view(-1),
    "t": lambda x: x[0].t(),
    "transpose": lambda x: x.transpose(0, 2),
    "permute": lambda x: x.permute(2, 0, 1),
    "mT": lambda x: x.mT,
    "expand": lambda x: x[:, :1].expand(2, 5, 4),
    "squeeze": lambda x: x[:, :1].squeeze(1),
    "unsqueeze": lambda x: x.unsqueeze(1),
    "narrow": lambda x: x.narrow(2, 1, 2),
    "select": lambda x: x.select(1, -1),
    "as_strided": lambda x: x.as_strided((3, 3), (1, 3), 2),
    "flatten (vista)": lambda x: x.flatten(1),
    "reshape (vista)": lambda x: x.reshape(6, 4),
    "x[1]": lambda x: x[1],
    "x[-1, ::2]": lambda x: x[-1, ::2],
    "x[..., 1:3]": lambda x: x[..., 1:3],
    "x[None, :, 0]": lambda x: x[None, :, 0],
    "x[:, 1:, ::3]": lambda x: x[:, 1:, ::3],
    "detach": lambda x: x.detach(),
    "split": lambda x: x.split(1, dim=2)[2],
    "chunk": lambda x: x.chunk(2, dim=1)[1],
    "unbind": lambda x: x.unbind(2)[3],
    "contiguous (ya contiguo)": lambda x: x.contiguous(),
    "to (mismo tipo)": lambda x: x.to(minitorch.float32),
    "expand_as": lambda x: x[:1].expand_as(x),
    "view_as": lambda x: x.view_as(minitorch.zeros(24)),
}


@pytest.mark.parametrize("make_view", VIEWS.values(), ids=VIEWS.keys())
def test_views_never_copy(make_view):
    x = minitorch.arange(24.0).view(2, 3, 4)
    view = make_view(x)
    assert view.storage() is x.storage()
    # Cada elemento de la vista está donde dicen sus strides, en el almacenamiento del original.
    flat = x.storage().tolist()
    values = np.asarray(view.tolist()).reshape(-1)
    positions = [
        view.storage_offset() + sum(i * s for i, s in zip(index, view.stride())) for index in np.ndindex(*view.shape)
    ]
    assert [flat[p] for p in positions] == values.tolist()


@pytest.mark.parametrize(
    "make_view",
    [v for k, v in VIEWS.items() if k not in ("expand", "expand_as", "as_strided")],
    ids=[k for k in VIEWS if k not in ("expand", "expand_as", "as_strided")],
)
def test_writes_through_a_view_are_seen_by_the_original(make_view):
    x = minitorch.arange(24.0).view(2, 3, 4)
    view = make_view(x)
    view.fill_(-1)
    assert (x == -1).sum().item() == view.numel()


def test_view_creation_does_not_depend_on_the_size():
    """Una vista solo crea metadatos: ni copia ni reserva memoria proporcional al tamaño."""
    big = minitorch.zeros(1000, 1000)
    for view in (big.t(), big[::2, 1:], big.view(-1), big.unsqueeze(0).expand(3, 1000, 1000), big.permute(1, 0)):
        assert view.storage() is big.storage()
        assert view._cached is None  # ni siquiera se ha construido el array de numpy


# --- copias ------------------------------------------------------------------------------------------------
class TestCopies:
    def test_reshape_copies_only_when_it_must(self):
        x = minitorch.arange(6.0).view(2, 3)
        assert x.reshape(3, 2).storage() is x.storage()
        copy = x.t().reshape(6)
        assert copy.storage() is not x.storage() and copy.tolist() == [0.0, 3.0, 1.0, 4.0, 2.0, 5.0]

    def test_flatten_of_a_transpose_copies(self):
        x = minitorch.arange(6.0).view(2, 3).t()
        assert x.flatten().storage() is not x.storage() and x.flatten().tolist() == [0.0, 3.0, 1.0, 4.0, 2.0, 5.0]

    def test_contiguous_copies_a_non_contiguous_tensor(self):
        x = minitorch.arange(6.0).view(2, 3).t()
        c = x.contiguous()
        assert c.storage() is not x.storage() and c.is_contiguous() and c.stride() == (2, 1)
        assert c.tolist() == x.tolist()
        assert c.contiguous() is c  # ya contiguo: el mismo tensor, sin copia

    def test_clone_has_its_own_storage_and_keeps_the_layout(self):
        x = minitorch.arange(6.0).view(2, 3)
        c = x.t().clone()
        assert c.storage() is not x.storage() and c.stride() == (1, 3) and c.tolist() == x.t().tolist()
        c.fill_(0)
        assert x.sum().item() == 15.0
        assert x[:, ::2].clone().stride() == (2, 1)  # con huecos: se compacta

    def test_advanced_indexing_returns_copies(self):
        x = minitorch.arange(12).view(3, 4)
        for copy in (x[minitorch.tensor([0, 2])], x[x > 5], x[[0, 1], [1, 2]], x[:, [0, 3]]):
            assert copy.storage() is not x.storage()
        assert x[minitorch.tensor([0, 2])].tolist() == [[0, 1, 2, 3], [8, 9, 10, 11]]
        assert x[x > 8].tolist() == [9, 10, 11]
        assert x[[0, 1], [1, 2]].tolist() == [1, 6]
        assert x[:, [0, 3]].tolist() == [[0, 3], [4, 7], [8, 11]]
        x[x > 8][0] = 100  # se escribe en la copia: el original no cambia
        assert x.max().item() == 11

    def test_detach_shares_memory(self):
        x = minitorch.ones(3)
        d = x.detach()
        d[0] = 5
        assert x.tolist() == [5.0, 1.0, 1.0] and d.data_ptr() == x.data_ptr()

    def test_conversions(self):
        x = minitorch.tensor([1.7, -2.5])
        assert x.long().tolist() == [1, -2] and x.long().dtype is minitorch.int64
        assert x.int().dtype is minitorch.int32 and x.double().dtype is minitorch.float64
        assert x.to(minitorch.float64).dtype is minitorch.float64
        assert x.to(dtype=minitorch.int64).tolist() == [1, -2]
        assert x.to(minitorch.zeros(1, dtype=minitorch.int32)).dtype is minitorch.int32
        assert x.float() is x and x.to("cpu") is x and x.to(minitorch.float32) is x
        assert minitorch.tensor([0, 2]).bool().tolist() == [False, True]
        assert minitorch.tensor([1, 2]).float().tolist() == [1.0, 2.0]
        assert x.type() == "minitorch.FloatTensor" and minitorch.tensor([1]).type() == "minitorch.LongTensor"
        assert x.t().to(minitorch.float64).storage() is not x.storage()


# --- el puente con numpy -----------------------------------------------------------------------------------
class TestNumpyBridge:
    def test_numpy_shares_memory(self):
        x = minitorch.ones(3)
        array = x.numpy()
        array[0] = 7
        assert x.tolist() == [7.0, 1.0, 1.0] and array.dtype == np.float32

    def test_numpy_of_a_view_shares_memory_with_the_same_strides(self):
        x = minitorch.arange(6.0).view(2, 3)
        array = x.t().numpy()
        assert array.shape == (3, 2) and array.strides == (4, 12)
        array[2, 1] = -1
        assert x[1, 2].item() == -1

    def test_from_numpy_shares_memory(self):
        array = np.arange(6.0).reshape(2, 3)
        t = minitorch.from_numpy(array)
        array[0, 0] = 9
        assert t[0, 0].item() == 9 and t.dtype is minitorch.float64
        t[1, 2] = -5
        assert array[1, 2] == -5

    def test_from_numpy_keeps_non_contiguous_layouts(self):
        array = np.arange(12.0).reshape(3, 4)
        t = minitorch.from_numpy(array.T)
        assert t.stride() == (1, 4) and not t.is_contiguous() and t.tolist() == array.T.tolist()
        t = minitorch.from_numpy(array[:, ::2])
        array[0, 2] = 99
        assert t.stride() == (4, 2) and t[0, 1].item() == 99
        t = minitorch.from_numpy(array[1:, 1:])
        assert t.stride() == (4, 1) and t.tolist() == array[1:, 1:].tolist()

    def test_from_numpy_keeps_the_dtype(self):
        for np_type, dtype in [(np.float32, minitorch.float32), (np.int32, minitorch.int32), (np.bool_, minitorch.bool)]:
            assert minitorch.from_numpy(np.zeros(2, dtype=np_type)).dtype is dtype

    def test_from_numpy_rejects_negative_strides_and_unknown_types(self):
        with pytest.raises(ValueError) as info:
            minitorch.from_numpy(np.arange(3.0)[::-1])
        assert spanish(str(info.value))
        with pytest.raises(TypeError):
            minitorch.from_numpy(np.zeros(2, dtype=np.complex64))
        with pytest.raises(TypeError):
            minitorch.from_numpy([1, 2])

    def test_tensor_copies_a_numpy_array_and_keeps_its_type(self):
        array = np.arange(3, dtype=np.int32)
        t = minitorch.tensor(array)
        array[0] = 5
        assert t.tolist() == [0, 1, 2] and t.dtype is minitorch.int32
        assert minitorch.tensor(np.float64(2.5)).dtype is minitorch.float64
        assert minitorch.as_tensor(array).data_ptr() == array.ctypes.data  # as_tensor no copia


# --- creación ----------------------------------------------------------------------------------------------
class TestCreation:
    def test_tensor_infers_the_dtype(self):
        assert minitorch.tensor([1, 2]).dtype is minitorch.int64
        assert minitorch.tensor([1, 2.5]).dtype is minitorch.float32
        assert minitorch.tensor([True, False]).dtype is minitorch.bool
        assert minitorch.tensor([True, 2]).dtype is minitorch.int64
        assert minitorch.tensor(5).shape == () and minitorch.tensor([]).shape == (0,)
        assert minitorch.tensor([[]]).shape == (1, 0)
        assert minitorch.tensor([1, 2], dtype=minitorch.float64).dtype is minitorch.float64
        assert minitorch.tensor([minitorch.tensor(1.0), minitorch.tensor(2.0)]).tolist() == [1.0, 2.0]

    def test_tensor_copies(self):
        x = minitorch.ones(2)
        y = minitorch.tensor(x)
        y[0] = 5
        assert x.tolist() == [1.0, 1.0]

    def test_legacy_constructor(self):
        x = Tensor(2, 3)
        assert x.shape == (2, 3) and x.dtype is minitorch.float32
        y = Tensor([[1, 2], [3, 4]])
        assert y.dtype is minitorch.float32 and y.tolist() == [[1.0, 2.0], [3.0, 4.0]]
        assert Tensor(minitorch.Size([2, 3])).shape == (2, 3)
        assert Tensor((2, 3)).tolist() == [2.0, 3.0]  # una tupla son datos, como en PyTorch

    def test_filled_tensors(self):
        assert minitorch.zeros(2, 3).tolist() == [[0.0] * 3] * 2
        assert minitorch.ones((2, 2)).tolist() == [[1.0, 1.0], [1.0, 1.0]]
        assert minitorch.ones([3], dtype=minitorch.int64).tolist() == [1, 1, 1]
        assert minitorch.empty(2, 3).shape == (2, 3)
        assert minitorch.zeros(minitorch.Size([1, 2])).shape == (1, 2) and minitorch.zeros(()).shape == ()
        assert minitorch.full((2,), 7).dtype is minitorch.int64
        assert minitorch.full((2,), 7.0).dtype is minitorch.float32
        assert minitorch.full((2,), True).dtype is minitorch.bool
        assert minitorch.full((2, 2), 1.5, dtype=minitorch.float64).tolist() == [[1.5, 1.5], [1.5, 1.5]]

    def test_like_functions(self):
        ref = minitorch.ones(2, 3, dtype=minitorch.int32)
        for make, value in [(minitorch.zeros_like, 0), (minitorch.ones_like, 1), (minitorch.empty_like, None)]:
            t = make(ref)
            assert t.shape == (2, 3) and t.dtype is minitorch.int32 and t.storage() is not ref.storage()
            if value is not None:
                assert t.tolist() == [[value] * 3] * 2
        assert minitorch.full_like(ref, 2.7).tolist() == [[2, 2, 2]] * 2
        assert minitorch.ones_like(ref, dtype=minitorch.float64).dtype is minitorch.float64
        assert minitorch.rand_like(minitorch.zeros(2, dtype=minitorch.float64)).dtype is minitorch.float64
        assert minitorch.randn_like(ref.float()).shape == (2, 3)

    def test_arange(self):
        assert minitorch.arange(5).tolist() == [0, 1, 2, 3, 4] and minitorch.arange(5).dtype is minitorch.int64
        assert minitorch.arange(1, 4).tolist() == [1, 2, 3]
        assert minitorch.arange(5, 0, -2).tolist() == [5, 3, 1]
        assert minitorch.arange(4.0).dtype is minitorch.float32
        assert minitorch.arange(0, 1, 0.25).tolist() == [0.0, 0.25, 0.5, 0.75]
        assert minitorch.arange(0, 1, 0.1).shape == (10,)
        assert minitorch.arange(0.5, 5.5, 1.5, dtype=minitorch.int64).tolist() == [0, 1, 2, 3, 4]
        assert minitorch.arange(3, dtype=minitorch.float64).dtype is minitorch.float64
        assert minitorch.arange(0).shape == (0,)

    def test_linspace_and_eye(self):
        assert minitorch.linspace(0, 1, 5).tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
        assert minitorch.linspace(0, 1, 1).tolist() == [0.0] and minitorch.linspace(0, 1, 0).shape == (0,)
        assert minitorch.linspace(0, 1, 3).dtype is minitorch.float32
        assert minitorch.eye(2).tolist() == [[1.0, 0.0], [0.0, 1.0]]
        assert minitorch.eye(2, 3).tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
        assert minitorch.eye(2, dtype=minitorch.int64).dtype is minitorch.int64

    def test_random_shapes_types_and_ranges(self):
        minitorch.manual_seed(0)
        assert minitorch.rand(2, 3).shape == (2, 3) and minitorch.rand(2).dtype is minitorch.float32
        u = minitorch.rand(1000)
        assert 0 <= u.min().item() and u.max().item() < 1
        assert minitorch.randn(4, dtype=minitorch.float64).dtype is minitorch.float64
        r = minitorch.randint(3, 7, (500,))
        assert r.dtype is minitorch.int64 and 3 <= r.min().item() and r.max().item() < 7
        assert set(minitorch.randint(3, (100,)).tolist()) == {0, 1, 2}
        assert sorted(minitorch.randperm(10).tolist()) == list(range(10))
        x = minitorch.zeros(1000).uniform_(-2, 3)
        assert -2 <= x.min().item() and x.max().item() < 3
        n = minitorch.zeros(10000).normal_(5, 2)
        assert abs(n.mean().item() - 5) < 0.1 and abs(n.std().item() - 2) < 0.1

    def test_the_same_seed_gives_the_same_numbers(self):
        minitorch.manual_seed(42)
        first = (minitorch.rand(5), minitorch.randn(5), minitorch.randint(0, 10, (5,)), minitorch.randperm(5))
        minitorch.manual_seed(42)
        second = (minitorch.rand(5), minitorch.randn(5), minitorch.randint(0, 10, (5,)), minitorch.randperm(5))
        assert all(a.tolist() == b.tolist() for a, b in zip(first, second))
        assert minitorch.initial_seed() == 42

    def test_the_notes_random_values(self):
        """Los números exactos de PyTorch 2.13 (CPU) con la misma semilla."""
        minitorch.manual_seed(0)
        assert minitorch.rand(3).tolist() == pytest.approx([0.49625658988952637, 0.7682217955589294, 0.08847743272781372])
        minitorch.manual_seed(0)
        assert minitorch.randn(3).tolist() == pytest.approx([1.5409960746765137, -0.293428897857666, -2.1787893772125244])
        minitorch.manual_seed(0)
        assert minitorch.randint(0, 10, (5,)).tolist() == [4, 9, 3, 0, 3]
        minitorch.manual_seed(0)
        assert minitorch.randperm(5).tolist() == [4, 0, 1, 3, 2]

    def test_a_generator_has_its_own_state(self):
        g = minitorch.Generator().manual_seed(5)
        a = minitorch.rand(3, generator=g)
        g.manual_seed(5)
        assert minitorch.rand(3, generator=g).tolist() == a.tolist()


# --- tipos y promoción -------------------------------------------------------------------------------------
class TestDtypes:
    def test_aliases_are_the_same_objects(self):
        assert minitorch.float is minitorch.float32 and minitorch.double is minitorch.float64
        assert minitorch.long is minitorch.int64 and minitorch.int is minitorch.int32
        assert repr(minitorch.float32) == "minitorch.float32"
        assert minitorch.float32.is_floating_point and not minitorch.int64.is_floating_point
        assert minitorch.get_default_dtype() is minitorch.float32

    @pytest.mark.parametrize(
        "a, b, expected",
        [
            ("int32", "float32", "float32"),
            ("bool", "int32", "int32"),
            ("int64", "int32", "int64"),
            ("float32", "float64", "float64"),
            ("bool", "bool", "bool"),
            ("int64", "float32", "float32"),
            ("bool", "float64", "float64"),
        ],
    )
    def test_promote_types(self, a, b, expected):
        a, b, expected = (getattr(minitorch, n) for n in (a, b, expected))
        assert minitorch.promote_types(a, b) is expected and minitorch.promote_types(b, a) is expected

    @pytest.mark.parametrize(
        "make, expected",
        [
            (lambda: minitorch.tensor([1, 2], dtype=minitorch.int32) + 7, "int32"),  # un número no sube de tipo
            (lambda: minitorch.tensor([1, 2]) + 2.5, "float32"),  # ...salvo de categoría
            (lambda: minitorch.tensor([1.0, 2.0]) + 2.5, "float32"),
            (lambda: minitorch.tensor([1, 2], dtype=minitorch.int32) + minitorch.tensor(7), "int32"),  # 0-d pesa menos
            (lambda: minitorch.tensor([1, 2], dtype=minitorch.int32) + minitorch.tensor([7]), "int64"),
            (lambda: minitorch.tensor([1.0]) + minitorch.tensor(2.0, dtype=minitorch.float64), "float32"),
            (lambda: minitorch.tensor([1]) + minitorch.tensor(2.0, dtype=minitorch.float64), "float64"),
            (lambda: minitorch.tensor([True]) + True, "bool"),
            (lambda: minitorch.tensor([True]) + 2, "int64"),
            (lambda: minitorch.tensor([True]) * 2.5, "float32"),
            (lambda: minitorch.tensor([1, 2]) / 2, "float32"),  # la división real siempre da reales
            (lambda: minitorch.tensor([1, 2]) // 2, "int64"),
            (lambda: minitorch.tensor([1, 2]) < 2, "bool"),
            (lambda: minitorch.tensor([1, 2]).exp(), "float32"),
            (lambda: minitorch.tensor([1, 2]).sum(), "int64"),
            (lambda: minitorch.tensor([True, True]).sum(), "int64"),
            (lambda: minitorch.tensor([1, 2], dtype=minitorch.int32).sum(), "int64"),
            (lambda: minitorch.tensor([1.0], dtype=minitorch.float64).mean(), "float64"),
            (lambda: 2 ** minitorch.tensor([1, 2]), "int64"),
            (lambda: 2.5 ** minitorch.tensor([1, 2]), "float32"),
            (lambda: minitorch.where(minitorch.tensor([True]), minitorch.tensor([1]), 0.5), "float32"),
            (lambda: minitorch.cat([minitorch.ones(1), minitorch.ones(1, dtype=minitorch.int64)]), "float32"),
            (lambda: minitorch.tensor([1, 2]).clamp(0.5), "float32"),
        ],
    )
    def test_result_types(self, make, expected):
        assert make().dtype is getattr(minitorch, expected)

    def test_result_type_function(self):
        i32 = minitorch.tensor([1, 2], dtype=minitorch.int32)
        assert minitorch.result_type(i32, 2.0) is minitorch.float32
        assert minitorch.result_type(i32, minitorch.tensor(2.0, dtype=minitorch.float64)) is minitorch.float64
        assert minitorch.result_type(minitorch.tensor([1.0]), minitorch.tensor(2.0, dtype=minitorch.float64)) is minitorch.float32

    def test_default_dtype_can_change(self):
        try:
            minitorch.set_default_dtype(minitorch.float64)
            assert minitorch.tensor([1.5]).dtype is minitorch.float64 and minitorch.zeros(1).dtype is minitorch.float64
        finally:
            minitorch.set_default_dtype(minitorch.float32)
        with pytest.raises(TypeError):
            minitorch.set_default_dtype(minitorch.int64)

    def test_can_cast(self):
        assert minitorch.can_cast(minitorch.float64, minitorch.float32)
        assert minitorch.can_cast(minitorch.int64, minitorch.int32) and minitorch.can_cast(minitorch.bool, minitorch.int64)
        assert not minitorch.can_cast(minitorch.float32, minitorch.int64)
        assert not minitorch.can_cast(minitorch.int32, minitorch.bool)


# --- aritmética ------------------------------------------------------------------------------------------
class TestArithmetic:
    def test_broadcasting(self):
        col = minitorch.tensor([[1.0], [2.0], [3.0]])
        row = minitorch.tensor([10.0, 20.0])
        assert (col + row).tolist() == [[11.0, 21.0], [12.0, 22.0], [13.0, 23.0]]
        assert (col * row).shape == (3, 2) and (row - 1).tolist() == [9.0, 19.0]

    def test_operators(self):
        x = minitorch.tensor([1.0, 2.0, 4.0])
        assert (-x).tolist() == [-1.0, -2.0, -4.0] and (x ** 2).tolist() == [1.0, 4.0, 16.0]
        assert (2 - x).tolist() == [1.0, 0.0, -2.0] and (2 / x).tolist() == [2.0, 1.0, 0.5]
        assert (x / 2).tolist() == [0.5, 1.0, 2.0] and (x >= 2).tolist() == [False, True, True]
        assert (x @ x).item() == 21.0 and abs(x).tolist() == [1.0, 2.0, 4.0]

    @pytest.mark.filterwarnings("ignore:divide by zero")
    def test_integer_division_and_remainder_follow_python(self):
        a = minitorch.tensor([5, -5])
        assert (a // 2).tolist() == [2, -3] and (a % 3).tolist() == [2, 1] and (a % -3).tolist() == [-1, -2]
        assert a.div(2, rounding_mode="trunc").tolist() == [2, -2]
        assert (minitorch.tensor([5.0, -5.0]) % -3).tolist() == [-1.0, -2.0]
        assert (minitorch.tensor([5, -5]) / 0).tolist() == [float("inf"), float("-inf")]

    def test_integer_powers_with_negative_exponent_tensors(self):
        base = minitorch.tensor([1, -1, -2, 3])
        assert base.pow(minitorch.tensor([-1, -3, -1, 2])).tolist() == [1, -1, 0, 9]
        assert (2 ** minitorch.tensor([3, -2, 0])).tolist() == [8, 0, 1]

    def test_math_functions(self):
        x = minitorch.tensor([0.0, 1.0])
        assert x.exp().tolist() == pytest.approx([1.0, 2.718281828])
        assert minitorch.tensor([1.0, 4.0]).sqrt().tolist() == [1.0, 2.0]
        assert minitorch.tensor([1.0]).log().tolist() == [0.0]
        assert x.sin().tolist() == pytest.approx([0.0, 0.841470985]) and x.cos().tolist() == pytest.approx([1.0, 0.540302306])
        assert x.tanh().tolist() == pytest.approx([0.0, 0.761594156])
        assert minitorch.tensor([-1000.0, 0.0, 1000.0]).sigmoid().tolist() == [0.0, 0.5, 1.0]
        assert minitorch.tensor([-1.0, 2.0]).relu().tolist() == [0.0, 2.0]
        assert minitorch.tensor([-1.0, 0.5, 2.0]).clamp(0, 1).tolist() == [0.0, 0.5, 1.0]
        assert minitorch.tensor([-1.0, 2.0]).clamp(min=0).tolist() == [0.0, 2.0]
        assert minitorch.maximum(minitorch.tensor([1, 5]), minitorch.tensor([3, 2])).tolist() == [3, 5]
        assert minitorch.where(minitorch.tensor([True, False]), minitorch.tensor([1, 2]), 0).tolist() == [1, 0]

    def test_reductions(self):
        x = minitorch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
        assert x.sum().item() == 21.0 and x.sum(0).tolist() == [5.0, 7.0, 9.0]
        assert x.sum(1, keepdim=True).tolist() == [[9.0], [12.0]] and x.sum((0, 1)).item() == 21.0
        assert x.mean().item() == 3.5 and x.mean(-1).tolist() == [3.0, 4.0]
        assert x.prod(1).tolist() == [15.0, 48.0] and x.max().item() == 6.0 and x.min().item() == 1.0
        assert x.argmax().item() == 5 and x.argmax(1).tolist() == [1, 2] and x.argmin(0).tolist() == [0, 1, 0]
        assert x.std().item() == pytest.approx(1.870828693) and x.var(1).tolist() == pytest.approx([4.0, 4.0])
        assert x.std((0, 1), unbiased=False).item() == pytest.approx(1.707825128)
        assert x.var(0, correction=0, keepdim=True).tolist()[0] == pytest.approx([2.25, 2.25, 2.25])

    def test_max_with_dim_returns_values_and_indices(self):
        x = minitorch.arange(6.0).view(2, 3)
        result = x.max(1)
        values, indices = result
        assert values.tolist() == [2.0, 5.0] and indices.tolist() == [2, 2] and indices.dtype is minitorch.int64
        assert result.values is values and result.indices is indices
        assert repr(result) == (
            "minitorch.return_types.max(\nvalues=tensor([2., 5.]),\nindices=tensor([2, 2]))"
        )
        assert x.min(0, keepdim=True).values.shape == (1, 3)

    def test_matmul(self):
        a = minitorch.arange(6.0).view(2, 3)
        b = minitorch.arange(6.0).view(3, 2)
        assert (a @ b).tolist() == [[10.0, 13.0], [28.0, 40.0]]
        assert (a @ minitorch.ones(3)).tolist() == [3.0, 12.0]
        assert (minitorch.ones(2) @ a).tolist() == [3.0, 5.0, 7.0]
        batch = minitorch.ones(4, 2, 3) @ minitorch.ones(3, 5)
        assert batch.shape == (4, 2, 5) and batch.sum().item() == 120.0
        assert (minitorch.ones(2, 1, 2, 3) @ minitorch.ones(4, 3, 1)).shape == (2, 4, 2, 1)
        assert a.mm(b).shape == (2, 2) and a.mv(minitorch.ones(3)).shape == (2,)
        assert minitorch.ones(3).dot(minitorch.ones(3)).item() == 3.0

    def test_cat_and_stack(self):
        a, b = minitorch.ones(2, 2), minitorch.zeros(1, 2)
        assert minitorch.cat([a, b]).tolist() == [[1.0, 1.0], [1.0, 1.0], [0.0, 0.0]]
        assert minitorch.cat([a, minitorch.zeros(2, 1)], dim=1).shape == (2, 3)
        assert minitorch.cat([a, minitorch.tensor([])]).shape == (2, 2)  # los 1-D vacíos se ignoran
        assert minitorch.stack([a, a * 2], dim=1).shape == (2, 2, 2)
        assert minitorch.stack([a, a], dim=-1).tolist() == [[[1.0, 1.0]] * 2] * 2
        assert minitorch.cat([a.t(), a.t()], 1).is_contiguous()


# --- impresión ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda: minitorch.ones(2, 2), "tensor([[1., 1.],\n        [1., 1.]])"),
        (lambda: minitorch.tensor([1.5, 2.0]), "tensor([1.5000, 2.0000])"),
        (lambda: minitorch.tensor(2.0), "tensor(2.)"),
        (lambda: minitorch.tensor([1, 2]), "tensor([1, 2])"),
        (lambda: minitorch.tensor([1, 2], dtype=minitorch.int32), "tensor([1, 2], dtype=minitorch.int32)"),
        (lambda: minitorch.tensor([True, False]), "tensor([ True, False])"),
        (lambda: minitorch.tensor([1.5], dtype=minitorch.float64), "tensor([1.5000], dtype=minitorch.float64)"),
        (lambda: minitorch.tensor([]), "tensor([])"),
        (lambda: minitorch.zeros(0, 3), "tensor([], size=(0, 3))"),
        (lambda: minitorch.tensor([1e-5, 1e5]), "tensor([1.0000e-05, 1.0000e+05])"),
        (lambda: minitorch.arange(6.0).view(2, 3).t(), "tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]])"),
        (lambda: minitorch.arange(2000.0), "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])"),
        (lambda: minitorch.arange(1001), "tensor([   0,    1,    2,  ...,  998,  999, 1000])"),
        (lambda: minitorch.zeros(2, 3).shape, "minitorch.Size([2, 3])"),
    ],
)
def test_printing(make, expected):
    assert repr(make()) == expected


def test_printing_of_the_notes_programs():
    minitorch.manual_seed(0)
    assert repr(Tensor(2, 2).uniform_(0, 1)) == "tensor([[0.4963, 0.7682],\n        [0.0885, 0.1320]])"
    assert repr(minitorch.ones(2, 2).sum()) == "tensor(4.)"
    assert repr(minitorch.tensor([1.0, 2.0, 3.0, 4.0]).view(4, 1)) == "tensor([[1.],\n        [2.],\n        [3.],\n        [4.]])"
    assert repr(minitorch.tensor([[4.0, 1.0], [5.0, 3.0], [2.0, 1.0]])[0][1]) == "tensor(1.)"


# --- indexación y escritura --------------------------------------------------------------------------------
class TestIndexing:
    def test_basic_indexing(self):
        x = minitorch.arange(24).view(2, 3, 4)
        assert x[1, 2, 3].item() == 23 and x[-1, -1, -1].item() == 23
        assert x[0, :, ::2].tolist() == [[0, 2], [4, 6], [8, 10]]
        assert x[..., 1].shape == (2, 3) and x[None].shape == (1, 2, 3, 4) and x[:, None, 1].shape == (2, 1, 4)
        assert x[1:, 5:].shape == (1, 0, 4) and x[0, -2:].tolist() == [[4, 5, 6, 7], [8, 9, 10, 11]]

    def test_setitem_writes_through_views(self):
        x = minitorch.zeros(3, 3)
        x[:, 1] = minitorch.tensor([1.0, 2.0, 3.0])
        x[0] = 5
        x.t()[2, 2] = 9  # a través de la traspuesta
        assert x.tolist() == [[5.0, 5.0, 5.0], [0.0, 2.0, 0.0], [0.0, 3.0, 9.0]]

    def test_setitem_with_masks_and_integer_tensors(self):
        x = minitorch.arange(6.0).view(2, 3)
        x[x > 3] = 0
        x[[0, 1], [0, 1]] = -1
        x[minitorch.tensor([1]), 2] = 7
        assert x.tolist() == [[-1.0, 1.0, 2.0], [3.0, -1.0, 7.0]]

    def test_setitem_casts_to_the_tensor_type(self):
        x = minitorch.zeros(2, dtype=minitorch.int64)
        x[0] = 2.7
        assert x.tolist() == [2, 0]

    def test_every_write_bumps_the_version(self):
        x = minitorch.zeros(3)
        versions = [x._version]
        for write in (lambda: x.__setitem__(0, 1), lambda: x.add_(1), lambda: x[1:].mul_(2), lambda: x.zero_(),
                      lambda: x.fill_(3), lambda: x.copy_(minitorch.ones(3)), lambda: x.uniform_(),
                      lambda: x.__setitem__(x > 0, 2)):
            write()
            versions.append(x._version)
        assert versions == sorted(set(versions))


# --- operaciones in situ -----------------------------------------------------------------------------------
class TestInPlace:
    def test_inplace_ops_return_self_and_write_the_storage(self):
        x = minitorch.ones(2, 2)
        assert x.add_(1) is x and x.mul_(3) is x and x.sub_(1) is x and x.div_(5) is x
        assert x.tolist() == [[1.0, 1.0], [1.0, 1.0]]
        x.add_(minitorch.tensor([1.0, 2.0]), alpha=2)
        assert x.tolist() == [[3.0, 5.0], [3.0, 5.0]]
        assert x.zero_().sum().item() == 0 and x.fill_(2).sum().item() == 8

    def test_inplace_through_a_view(self):
        x = minitorch.zeros(3, 4)
        x[:, 1::2].add_(1)
        x.t()[0].fill_(7)
        assert x.tolist() == [[7.0, 1.0, 0.0, 1.0]] * 3

    def test_random_fill_follows_memory_order_like_pytorch(self):
        """PyTorch reparte los números en el orden de la memoria: la traspuesta recibe la misma secuencia."""
        minitorch.manual_seed(3)
        a = minitorch.zeros(3, 4).uniform_()
        minitorch.manual_seed(3)
        b = minitorch.zeros(4, 3).t().uniform_()
        assert b.t().tolist() == a.view(4, 3).tolist()

    def test_inplace_keeps_the_dtype(self):
        x = minitorch.zeros(2, dtype=minitorch.int32)
        x.add_(minitorch.ones(2, dtype=minitorch.int64))
        assert x.dtype is minitorch.int32 and x.tolist() == [1, 1]
        y = minitorch.zeros(2)
        y.add_(minitorch.ones(2, dtype=minitorch.float64))
        assert y.dtype is minitorch.float32
        z = minitorch.zeros(2, dtype=minitorch.int64)
        z.copy_(minitorch.tensor([1.7, -2.5]))
        assert z.tolist() == [1, -2]

    def test_fill_and_zero_are_allowed_on_expanded_tensors(self):
        x = minitorch.zeros(3, 1)
        x.expand(3, 4).fill_(2)
        assert x.tolist() == [[2.0]] * 3
        x.expand(3, 4).zero_()
        assert x.sum().item() == 0


# --- errores: el tipo de PyTorch, un mensaje en español con los datos, y nada cambiado -----------------------
def _x():
    return minitorch.arange(6.0).view(2, 3)


ERRORS = [
    # (descripción, función que falla sobre x, excepción, fragmentos que el mensaje debe nombrar)
    ("view incompatible", lambda x: x.t().view(6), RuntimeError, ["[6]", "[3, 2]"]),
    ("view con tamaño erróneo", lambda x: x.view(4, -1), RuntimeError, ["[4, -1]", "6"]),
    ("view con dos -1", lambda x: x.view(-1, -1), RuntimeError, ["-1"]),
    ("view con un real", lambda x: x.view(2.0, 3), TypeError, []),
    ("suma no difundible", lambda x: x + minitorch.ones(4), RuntimeError, ["3", "4"]),
    ("add_ con forma mala", lambda x: x.add_(minitorch.ones(4)), RuntimeError, ["[2, 3]", "[4]"]),
    ("add_ que cambiaría la forma", lambda x: x.add_(minitorch.ones(2, 2, 3)), RuntimeError, ["[2, 3]"]),
    ("mul_ de un entero por un real", lambda x: x.long().mul_(1.5), RuntimeError, ["int64", "float32"]),
    ("copy_ con forma mala", lambda x: x.copy_(minitorch.ones(4)), RuntimeError, ["[2, 3]"]),
    ("escribir en una vista expandida", lambda x: x[:1].expand(2, 3).add_(1), RuntimeError, ["clone"]),
    ("uniform_ en una vista expandida", lambda x: x[:1].expand(2, 3).uniform_(), RuntimeError, ["clone"]),
    ("matmul con formas malas", lambda x: x @ x, RuntimeError, ["2x3"]),
    ("matmul de tipos distintos", lambda x: x @ minitorch.ones(3, dtype=minitorch.int64), RuntimeError, ["int64"]),
    ("índice fuera de rango", lambda x: x[2], IndexError, ["2"]),
    ("índice fuera de rango en la dimensión 1", lambda x: x[0, 3], IndexError, ["3"]),
    ("demasiados índices", lambda x: x[0, 0, 0], IndexError, ["2"]),
    ("dimensión fuera de rango", lambda x: x.sum(2), IndexError, ["2"]),
    ("transpose fuera de rango", lambda x: x.transpose(0, 2), IndexError, ["2"]),
    ("permute repetido", lambda x: x.permute(0, 0), RuntimeError, []),
    ("expand imposible", lambda x: x.expand(4, 3), RuntimeError, ["4", "2"]),
    ("t() de 3 dimensiones", lambda x: x.view(1, 2, 3).t(), RuntimeError, ["3"]),
    ("narrow fuera de rango", lambda x: x.narrow(1, 2, 2), RuntimeError, ["2"]),
    ("select fuera de rango", lambda x: x.select(1, 3), IndexError, ["3"]),
    ("as_strided fuera del almacenamiento", lambda x: x.as_strided((3, 3), (3, 1)), RuntimeError, ["[3, 3]"]),
    ("cat con formas distintas", lambda x: minitorch.cat([x, minitorch.zeros(2, 2)]), RuntimeError, ["3", "2"]),
    ("cat vacío", lambda x: minitorch.cat([]), ValueError, []),
    ("stack con formas distintas", lambda x: minitorch.stack([x, x.t()]), RuntimeError, ["[2, 3]", "[3, 2]"]),
    ("item de varios elementos", lambda x: x.item(), RuntimeError, ["6"]),
    ("bool de varios elementos", lambda x: bool(x), RuntimeError, ["6"]),
    ("mean de enteros", lambda x: x.long().mean(), RuntimeError, ["int64"]),
    ("max de un tensor vacío", lambda x: x[:, :0].max(), RuntimeError, ["[2, 0]"]),
    ("max con dim vacía", lambda x: x[:0].max(0), IndexError, ["0"]),
    ("resta de bools", lambda x: (x > 2) - (x > 3), RuntimeError, []),
    ("negación de un bool", lambda x: -(x > 2), RuntimeError, []),
    ("potencia entera negativa", lambda x: x.long() ** -1, RuntimeError, ["-1"]),
    ("resto entero entre cero", lambda x: x.long() % 0, RuntimeError, []),
    ("división entera entre cero", lambda x: x.long() // 0, RuntimeError, []),
    ("normal_ con std negativa", lambda x: x.normal_(0, -1), RuntimeError, ["-1"]),
    ("uniform_ de enteros", lambda x: x.long().uniform_(), NotImplementedError, ["int64"]),
    ("exp_ de enteros", lambda x: x.long().exp_(), RuntimeError, ["int64"]),
    ("alpha real con enteros", lambda x: x.long().add(1, alpha=2.5), RuntimeError, ["2.5"]),
    ("máscara que no es bool", lambda x: x.masked_fill_(minitorch.ones(3, dtype=minitorch.int64), 0), RuntimeError, ["int64"]),
    ("where con condición no bool", lambda x: minitorch.where(x, x, x), RuntimeError, ["float32"]),
    ("tensor con filas desiguales", lambda x: minitorch.tensor([[1, 2], [3]]), ValueError, []),
    ("entero que no cabe en int64", lambda x: minitorch.tensor([2**63]), ValueError, ["int64"]),
    ("dispositivo que no existe", lambda x: x.to("cuda"), AssertionError, ["cuda"]),  # como un PyTorch sin CUDA
    ("requires_grad en enteros", lambda x: x.long().requires_grad_(), RuntimeError, ["int64"]),
    ("len de un escalar", lambda x: len(x[0, 0]), TypeError, []),
]


@pytest.mark.parametrize("fails, error, fragments", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_errors_have_pytorch_types_spanish_messages_and_change_nothing(fails, error, fragments):
    x = _x()
    other = minitorch.ones(3)
    before = snapshot(x, other)
    with pytest.raises(error) as info:
        fails(x)
    message = str(info.value)
    assert spanish(message), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert snapshot(x, other) == before


def test_a_failed_inplace_add_leaves_values_and_version_unchanged():
    x = minitorch.arange(6.0).view(2, 3)
    version = x._version
    with pytest.raises(RuntimeError):
        x.add_(minitorch.ones(2, 2))
    assert x.tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]] and x._version == version


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "int64"])
@pytest.mark.parametrize("step", [2, 4, 8])
def test_neg_inplace_through_strided_views(dtype, step):
    """numpy 2.4 calcula mal np.negative(x, out=x) con algunos pasos (4 elementos de 4 bytes, 8 de 8):
    el ``neg_`` de una vista debe cambiar de signo justo sus elementos, y solo esos."""
    base = minitorch.arange(1, 8 * step + 1, dtype=getattr(minitorch, dtype))
    expected = base.numpy().copy()
    expected[::step] *= -1
    column = base.view(8, step)[:, 0]
    column.neg_()
    assert base.tolist() == expected.tolist()
    grid = minitorch.arange(1, 2 * 4 * step + 1, dtype=getattr(minitorch, dtype)).view(1, 2, 4 * step)
    grid.squeeze(0).select(1, 0).neg_()  # forma (2,), paso 4·step
    assert grid.view(-1).tolist()[:: 4 * step] == [-1, -(4 * step + 1)]


def test_a_failed_random_fill_does_not_consume_random_numbers():
    minitorch.manual_seed(1)
    expected = minitorch.rand(3).tolist()
    minitorch.manual_seed(1)
    with pytest.raises(RuntimeError):
        minitorch.zeros(3, 1).expand(3, 2).uniform_()
    assert minitorch.rand(3).tolist() == expected


def test_the_spanish_check_can_fail():
    assert not spanish("size mismatch, got input (2), mat (2x3), vec (2)")
    assert spanish("la forma [2, 3] no es compatible")


def test_cuda_dice_que_no_hay_gpu_y_el_codigo_habitual_funciona():
    assert minitorch.cuda.is_available() is False and minitorch.cuda.device_count() == 0
    minitorch.cuda.manual_seed_all(0)  # no hace nada, pero existe
    device = "cuda" if minitorch.cuda.is_available() else "cpu"
    assert minitorch.ones(2).to(device).tolist() == [1.0, 1.0]


def test_meshgrid_son_vistas_expandidas_sin_copia():
    x, y = minitorch.arange(3.0), minitorch.arange(2.0)
    X, Y = minitorch.meshgrid(x, y, indexing="xy")
    assert X.shape == (2, 3) and X.stride() == (0, 1) and Y.stride() == (1, 0)
    assert X.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    np.testing.assert_array_equal(X.numpy(), np.meshgrid(x.numpy(), y.numpy())[0])
    I, J = minitorch.meshgrid(x, y, indexing="ij")
    np.testing.assert_array_equal(J.numpy(), np.meshgrid(x.numpy(), y.numpy(), indexing="ij")[1])


def test_normal_con_tensores_tiene_la_media_y_la_desviacion_pedidas():
    minitorch.manual_seed(0)
    samples = minitorch.normal(minitorch.full((20000,), 3.0), 0.5)
    assert abs(samples.mean().item() - 3.0) < 0.02 and abs(samples.std().item() - 0.5) < 0.02


def test_T_fuera_de_las_matrices_avisa_una_vez_como_pytorch(monkeypatch):
    import importlib
    import warnings

    monkeypatch.setattr(importlib.import_module("minitorch.ops.views"), "_T_WARNED", set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert minitorch.ones(2, 3).T.shape == (3, 2) and minitorch.ones(3).T.shape == (3,)
        assert not caught  # matrices y vectores: sin aviso
        for _ in range(2):
            assert minitorch.ones(2, 3, 4).T.shape == (4, 3, 2)
            assert minitorch.tensor(1.0).T.shape == ()
    assert [type(w.message) for w in caught] == [UserWarning, UserWarning]  # uno por caso, no uno por llamada
    assert "x.mT" in str(caught[0].message) and "dimensión 0" in str(caught[1].message)


@pytest.mark.parametrize("write", [
    lambda a: a[1:].copy_(a[:-1]),
    lambda a: a[1:].add_(a[:-1]),
    lambda a: a.__setitem__([1, 2], a[:2]),
])
def test_escribir_pisando_la_entrada_falla_sin_cambiar_nada(write):
    a = minitorch.arange(6.0)
    with pytest.raises(RuntimeError, match="clone"):
        write(a)
    assert a.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0] and a._version == 0


def test_multinomial_sigue_las_probabilidades():
    minitorch.manual_seed(0)
    p = minitorch.tensor([0.1, 0.2, 0.7])
    with_replacement = p.multinomial(30000, replacement=True)
    one_at_a_time = minitorch.stack([p.multinomial(1) for _ in range(3000)]).view(-1)
    for samples in (with_replacement, one_at_a_time):
        frequencies = np.bincount(samples.numpy(), minlength=3) / samples.numel()
        np.testing.assert_allclose(frequencies, p.numpy(), atol=0.02)
    without = minitorch.tensor([1.0, 0.0, 2.0, 3.0]).multinomial(3)
    assert sorted(without.tolist()) == [0, 2, 3]  # sin reemplazo: nunca se repite, y el peso 0 no sale
