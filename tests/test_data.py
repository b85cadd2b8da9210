"""Pruebas de ``minitorch.utils.data``: conjuntos de datos, muestreadores y ``DataLoader``.

Las pruebas de paridad (marca ``paridad``) comparan los lotes y el estado del generador con PyTorch y
se saltan si torch no está instalado.
"""

from collections import namedtuple

import numpy as np
import pytest

import minitorch
from minitorch.utils.data import (
    BatchSampler, ConcatDataset, DataLoader, Dataset, RandomSampler, SequentialSampler, Subset, TensorDataset,
    default_collate, random_split,
)


def make_dataset(n=10):
    return TensorDataset(minitorch.arange(float(n)).view(n, 1) * 10, minitorch.arange(n))


def test_tensor_dataset():
    data = make_dataset()
    assert len(data) == 10
    x, y = data[3]
    assert x.tolist() == [30.0] and y.item() == 3
    with pytest.raises(AssertionError, match=r"\[3, 2\]"):
        TensorDataset(minitorch.zeros(3, 2), minitorch.zeros(2))


def test_dataloader_por_lotes_en_orden():
    loader = DataLoader(make_dataset(), batch_size=4)
    batches = list(loader)
    assert len(loader) == 3 and len(batches) == 3
    x, y = batches[0]
    assert x.shape == (4, 1) and y.dtype is minitorch.int64
    assert [b[1].tolist() for b in batches] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert x.tolist() == [[0.0], [10.0], [20.0], [30.0]]


def test_drop_last():
    loader = DataLoader(make_dataset(), batch_size=4, drop_last=True)
    assert len(loader) == 2
    assert [b[1].tolist() for b in loader] == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_shuffle_reproducible_con_la_semilla():
    def epochs(seed):
        minitorch.manual_seed(seed)
        loader = DataLoader(make_dataset(), batch_size=3, shuffle=True)
        return [[b[1].tolist() for b in loader] for _ in range(2)]

    first = epochs(0)
    assert first == epochs(0)
    assert first != epochs(1)
    assert first[0] != first[1]  # cada época, otro orden
    for epoch in first:
        assert sorted(i for batch in epoch for i in batch) == list(range(10))


def test_shuffle_con_generador_propio_no_toca_el_global():
    minitorch.manual_seed(0)
    expected = minitorch.rand(3)
    minitorch.manual_seed(0)
    loader = DataLoader(make_dataset(), batch_size=5, shuffle=True, generator=minitorch.Generator(42))
    order = [b[1].tolist() for b in loader]
    assert minitorch.rand(3).equal(expected)
    again = [b[1].tolist() for b in DataLoader(make_dataset(), batch_size=5, shuffle=True, generator=minitorch.Generator(42))]
    assert order == again


def test_default_collate():
    assert default_collate([1, 2]).tolist() == [1, 2] and default_collate([1, 2]).dtype is minitorch.int64
    assert default_collate([0.5, 1.5]).dtype is minitorch.float64
    assert default_collate([True, False]).dtype is minitorch.bool
    assert default_collate(["a", "b"]) == ["a", "b"]
    assert default_collate([np.zeros(2, np.float32), np.ones(2, np.float32)]).shape == (2, 2)
    pairs = default_collate([(1, 2.0), (3, 4.0)])
    assert isinstance(pairs, list) and pairs[0].tolist() == [1, 3] and pairs[1].tolist() == [2.0, 4.0]
    dicts = default_collate([{"x": minitorch.ones(2), "y": 0}, {"x": minitorch.zeros(2), "y": 1}])
    assert dicts["x"].shape == (2, 2) and dicts["y"].tolist() == [0, 1]
    Point = namedtuple("Point", "x y")
    point = default_collate([Point(1, 2), Point(3, 4)])
    assert isinstance(point, Point) and point.y.tolist() == [2, 4]
    with pytest.raises(RuntimeError):
        default_collate([[1, 2], [3]])
    with pytest.raises(TypeError):
        default_collate([object()])


def test_collate_fn_y_batch_size_none():
    loader = DataLoader(make_dataset(4), batch_size=2, collate_fn=lambda batch: len(batch))
    assert list(loader) == [2, 2]
    single = list(DataLoader(make_dataset(3), batch_size=None))
    assert len(single) == 3 and single[1][1].item() == 1


def test_dataset_propio_y_subconjuntos():
    class Cuadrados(Dataset):
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return minitorch.tensor(float(i * i))

    assert [b.tolist() for b in DataLoader(Cuadrados(), batch_size=2)] == [[0.0, 1.0], [4.0, 9.0], [16.0]]
    sub = Subset(Cuadrados(), [4, 0])
    assert len(sub) == 2 and sub[0].item() == 16.0
    both = Cuadrados() + make_dataset(2)
    assert isinstance(both, ConcatDataset) and len(both) == 7 and both[5][1].item() == 0 and both[-1][1].item() == 1
    with pytest.raises(NotImplementedError):
        Dataset()[0]


def test_random_split():
    minitorch.manual_seed(0)
    train, test = random_split(make_dataset(), [0.7, 0.3])
    assert (len(train), len(test)) == (7, 3)
    assert sorted(list(train.indices) + list(test.indices)) == list(range(10))
    parts = random_split(range(5), [2, 3], generator=minitorch.Generator(1))
    assert [len(p) for p in parts] == [2, 3]
    with pytest.raises(ValueError):
        random_split(range(5), [2, 2])


def test_muestreadores():
    assert list(SequentialSampler(range(3))) == [0, 1, 2]
    minitorch.manual_seed(0)
    assert sorted(RandomSampler(range(6))) == list(range(6))
    with_replacement = list(RandomSampler(range(3), replacement=True, num_samples=50))
    assert len(with_replacement) == 50 and set(with_replacement) <= {0, 1, 2}
    batches = BatchSampler(SequentialSampler(range(5)), batch_size=2, drop_last=False)
    assert list(batches) == [[0, 1], [2, 3], [4]] and len(batches) == 3
    with pytest.raises(ValueError):
        BatchSampler(SequentialSampler(range(5)), batch_size=0, drop_last=False)
    loader = DataLoader(make_dataset(4), batch_sampler=[[3, 0], [1]])
    assert [b[1].tolist() for b in loader] == [[3, 0], [1]]


def test_argumentos_incompatibles():
    with pytest.raises(ValueError):
        DataLoader(make_dataset(), sampler=SequentialSampler(range(10)), shuffle=True)
    with pytest.raises(ValueError):
        DataLoader(make_dataset(), batch_sampler=[[0]], batch_size=4)
    with pytest.raises(ValueError, match="-1"):
        DataLoader(make_dataset(), num_workers=-1)
    with pytest.raises(ValueError):
        DataLoader(make_dataset(), prefetch_factor=2)
    with pytest.raises(ValueError):
        DataLoader(make_dataset(), persistent_workers=True)


def test_num_workers_da_los_mismos_lotes_en_el_propio_proceso():
    """El código de PyTorch con num_workers=2 funciona: mismos lotes y mismo orden que con 0."""
    batches = []
    for options in ({}, {"num_workers": 2, "prefetch_factor": 4, "persistent_workers": True, "pin_memory": True}):
        minitorch.manual_seed(1)
        loader = DataLoader(make_dataset(), batch_size=3, shuffle=True, **options)
        batches.append([b[1].tolist() for b in loader])
    assert batches[1] == batches[0]
    assert loader.num_workers == 2 and loader.prefetch_factor == 4 and loader.persistent_workers


class NumpyDataset(Dataset):
    """El patrón habitual en un curso: un Dataset sobre arrays de numpy, que devuelve y[i] (un np.int64)."""

    def __init__(self, label_dtype):
        self.x = np.arange(12, dtype=np.float32).reshape(4, 3)
        self.y = np.array([0, 1, 1, 0]).astype(label_dtype)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


@pytest.mark.parametrize("label_dtype", [np.int64, np.int32, np.float32, np.float64, np.bool_])
def test_default_collate_de_numeros_de_numpy(label_dtype):
    x, y = next(iter(DataLoader(NumpyDataset(label_dtype), batch_size=3)))
    assert x.dtype is minitorch.float32 and x.shape == (3, 3)
    assert y.dtype is minitorch.from_numpy(np.zeros(1, label_dtype)).dtype
    assert y.tolist() == np.array([0, 1, 1]).astype(label_dtype).tolist()


# --- paridad con PyTorch ---------------------------------------------------------------------------
@pytest.mark.paridad
@pytest.mark.parametrize(
    "options",
    [
        {"batch_size": 4},
        {"batch_size": 4, "shuffle": True},
        {"batch_size": 3, "shuffle": True, "drop_last": True},
        {"batch_size": 1, "shuffle": True},
    ],
)
def test_mismos_lotes_que_pytorch(options):
    """Mismos lotes en dos épocas, y el generador global queda en el mismo estado (los siguientes
    números aleatorios coinciden): un entrenamiento con DataLoader sigue igual que en PyTorch."""
    torch = pytest.importorskip("torch")
    results = []
    for lib in (torch, minitorch):
        data = lib.utils.data.TensorDataset(lib.arange(13.0), lib.arange(13))
        lib.manual_seed(3)
        loader = lib.utils.data.DataLoader(data, **options)
        epochs = [[batch[1].tolist() for batch in loader] for _ in range(2)]
        results.append((epochs, len(loader), lib.rand(4).tolist()))
    assert results[1] == results[0]


@pytest.mark.paridad
@pytest.mark.parametrize("label_dtype", [np.int64, np.int32, np.float32, np.float64, np.bool_])
def test_default_collate_de_numeros_de_numpy_como_pytorch(label_dtype):
    torch = pytest.importorskip("torch")
    ours, theirs = (next(iter(lib.utils.data.DataLoader(NumpyDataset(label_dtype), batch_size=3))) for lib in (minitorch, torch))
    for a, b in zip(ours, theirs):
        assert str(a.dtype).split(".")[-1] == str(b.dtype).split(".")[-1]
        assert a.tolist() == b.tolist()


@pytest.mark.paridad
@pytest.mark.parametrize(
    "options", [{"num_workers": -1}, {"prefetch_factor": 2}, {"persistent_workers": True}, {"num_workers": 1, "prefetch_factor": 2}]
)
def test_opciones_de_procesos_auxiliares_como_pytorch(options):
    """Las mismas combinaciones válidas e inválidas (se construye el DataLoader, sin iterar)."""
    torch = pytest.importorskip("torch")
    outcomes = []
    for lib in (torch, minitorch):
        try:
            lib.utils.data.DataLoader(lib.utils.data.TensorDataset(lib.arange(4)), **options)
            outcomes.append(None)
        except ValueError:
            outcomes.append(ValueError)
    assert outcomes[1] == outcomes[0]


@pytest.mark.paridad
@pytest.mark.parametrize(
    "samples",
    [
        lambda lib: lib.utils.data.TensorDataset(lib.arange(3.0), lib.arange(3)),
        lambda lib: [(np.zeros(2, np.float32), 1), (np.ones(2, np.float32), 2)],
        lambda lib: [{"x": np.zeros(2), "nombre": "a"}],
        lambda lib: [np.int64(4), np.float32(2.5)],
    ],
    ids=["TensorDataset", "tuplas con arrays", "diccionarios", "números de numpy"],
)
def test_sin_lotes_como_pytorch(samples):
    """batch_size=None: cada ejemplo sale solo, con los arrays de numpy hechos tensores y las tuplas, listas."""
    torch = pytest.importorskip("torch")

    def describe(value):
        if isinstance(value, (torch.Tensor, minitorch.Tensor)):
            return ("tensor", str(value.dtype).split(".")[-1], value.tolist())
        if isinstance(value, dict):
            return {k: describe(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return (type(value).__name__, [describe(v) for v in value])
        return value

    results = [[describe(s) for s in lib.utils.data.DataLoader(samples(lib), batch_size=None)] for lib in (torch, minitorch)]
    assert results[1] == results[0]


@pytest.mark.paridad
def test_random_split_y_generador_propio_como_pytorch():
    torch = pytest.importorskip("torch")
    results = []
    for lib in (torch, minitorch):
        lib.manual_seed(5)
        parts = lib.utils.data.random_split(range(20), [0.5, 0.25, 0.25])
        loader = lib.utils.data.DataLoader(
            lib.utils.data.TensorDataset(lib.arange(9)), batch_size=2, shuffle=True, generator=lib.Generator().manual_seed(7)
        )
        results.append(([list(p.indices) for p in parts], [b[0].tolist() for b in loader], lib.rand(2).tolist()))
    assert results[1] == results[0]


@pytest.mark.paridad
def test_subset_random_sampler_como_pytorch():
    """Un conjunto de validación sacado de los mismos datos: mismos índices, en el mismo orden, época a época."""
    torch = pytest.importorskip("torch")
    results = []
    for lib in (torch, minitorch):
        lib.manual_seed(4)
        data = lib.utils.data.TensorDataset(lib.arange(20))
        sampler = lib.utils.data.SubsetRandomSampler([1, 5, 7, 11, 13, 17, 19])
        loader = lib.utils.data.DataLoader(data, batch_size=3, sampler=sampler)
        own = lib.utils.data.SubsetRandomSampler(range(4), generator=lib.Generator().manual_seed(2))
        results.append(([[b[0].tolist() for b in loader] for _ in range(2)], len(sampler), list(own), lib.rand(2).tolist()))
    assert results[1] == results[0]


def test_subset_random_sampler_baraja_solo_esos_indices():
    minitorch.manual_seed(0)
    sampler = minitorch.utils.data.SubsetRandomSampler([2, 4, 6, 8])
    orders = [list(sampler) for _ in range(3)]
    assert len(sampler) == 4 and all(sorted(o) == [2, 4, 6, 8] for o in orders)
    assert len({tuple(o) for o in orders}) > 1  # otra permutación en cada época


@pytest.mark.paridad
def test_weighted_random_sampler_como_pytorch():
    """Clases desequilibradas: un peso por ejemplo, y los mismos índices que PyTorch, época a época."""
    torch = pytest.importorskip("torch")
    weights = [0.1] * 8 + [0.9] * 2
    results = []
    for lib in (torch, minitorch):
        lib.manual_seed(5)
        data = lib.utils.data.TensorDataset(lib.arange(10))
        sampler = lib.utils.data.WeightedRandomSampler(weights, num_samples=12)
        loader = lib.utils.data.DataLoader(data, batch_size=4, sampler=sampler)
        once = lib.utils.data.WeightedRandomSampler(lib.tensor(weights), 5, replacement=False, generator=lib.Generator().manual_seed(1))
        results.append(([[b[0].tolist() for b in loader] for _ in range(2)], len(sampler), list(once), lib.rand(2).tolist()))
    assert results[1] == results[0]


@pytest.mark.parametrize("arguments", [([1.0, 2.0], 0), ([1.0, 2.0], 2.5), ([[1.0, 2.0]], 2), ([1.0, 2.0], 2, "sí")])
def test_weighted_random_sampler_rechaza_lo_que_rechaza_pytorch(arguments):
    with pytest.raises(ValueError):
        minitorch.utils.data.WeightedRandomSampler(*arguments)


def test_weighted_random_sampler_sigue_los_pesos():
    minitorch.manual_seed(0)
    counts = np.bincount(list(minitorch.utils.data.WeightedRandomSampler([1.0, 3.0], 20000)), minlength=2)
    assert abs(counts[1] / 20000 - 0.75) < 0.02
