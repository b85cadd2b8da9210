"""Benchmark de la convolución: ``conv2d`` hacia adelante y hacia atrás (gradientes de la entrada, los filtros
y el sesgo), con las formas de una red pequeña para MNIST.

    python benchmarks/bench_conv.py

La referencia de numpy está escrita aquí a mano, como la escribiría quien conoce el truco: *im2col* con
``as_strided`` (los parches, sin copiar, y una sola copia a una matriz con todo el lote), un producto de
matrices con BLAS, y hacia atrás otros dos productos y *col2im* sumando una vez por cada posición del núcleo. minitorch hace lo
mismo, más el coste de ser una biblioteca: validar los argumentos y anotar el grafo. Objetivo: ≤ 1.2× numpy.
"""

from __future__ import annotations

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import minitorch  # noqa: E402
from timing import Row, interleaved_best, torch  # noqa: E402

_as_strided = np.lib.stride_tricks.as_strided


def numpy_conv2d_forward_backward(x: np.ndarray, w: np.ndarray, b: np.ndarray, g: np.ndarray, padding: int):
    """La convolución de referencia (stride 1, dilatación 1) y sus tres gradientes, solo con numpy.

    Los parches de todo el lote van en una sola matriz ``(C·kH·kW, N·H_out·W_out)``: cada paso es un único
    producto grande, que BLAS reparte entre hilos mejor que un producto pequeño por ejemplo (la versión
    «un ``matmul`` por ejemplo del lote», ``(N, C·kH·kW, H_out·W_out)``, es entre un 10 % y un 30 % más lenta).
    """
    n, c, h, wd = x.shape
    out_channels, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho, wo = xp.shape[2] - kh + 1, xp.shape[3] - kw + 1
    sn, sc, sh, sw = xp.strides
    patches = _as_strided(xp, (c, kh, kw, n, ho, wo), (sc, sh, sw, sn, sh, sw), writeable=False)
    cols = patches.reshape(c * kh * kw, n * ho * wo)  # la única copia de la entrada: im2col
    w2 = w.reshape(out_channels, -1)
    out = (w2 @ cols).reshape(out_channels, n, ho, wo).transpose(1, 0, 2, 3) + b[:, None, None]
    # hacia atrás
    g2 = np.ascontiguousarray(g.transpose(1, 0, 2, 3)).reshape(out_channels, -1)
    grad_b = g2.sum(axis=1)
    grad_w = (g2 @ cols.T).reshape(w.shape)
    grad_cols = (w2.T @ g2).reshape(c, kh, kw, n, ho, wo)
    grad_xp = np.zeros_like(xp)
    for i in range(kh):  # col2im: una suma por posición del núcleo
        for j in range(kw):
            grad_xp[:, :, i : i + ho, j : j + wo] += grad_cols[:, i, j].transpose(1, 0, 2, 3)
    grad_x = grad_xp[:, :, padding : padding + h, padding : padding + wd]
    return out, grad_x, grad_w, grad_b


def _case(batch: int, in_channels: int, out_channels: int, size: int) -> Row:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, in_channels, size, size), dtype=np.float32)
    w = rng.standard_normal((out_channels, in_channels, 3, 3), dtype=np.float32) * 0.1
    b = rng.standard_normal(out_channels, dtype=np.float32)
    g = rng.standard_normal((batch, out_channels, size, size), dtype=np.float32)

    mx, mw, mb = (minitorch.tensor(a, requires_grad=True) for a in (x, w, b))
    mg = minitorch.tensor(g)

    def ours():
        mx.grad = mw.grad = mb.grad = None
        minitorch.nn.functional.conv2d(mx, mw, mb, padding=1).backward(mg)

    theirs = None
    if torch is not None:
        tx, tw, tb = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
        tg = torch.tensor(g)

        def pytorch():
            tx.grad = tw.grad = tb.grad = None
            torch.nn.functional.conv2d(tx, tw, tb, padding=1).backward(tg)

        theirs = pytorch

    # Antes de medir, que las tres den lo mismo.
    ours()
    expected = numpy_conv2d_forward_backward(x, w, b, g, 1)
    for got, want in zip((mx.grad, mw.grad, mb.grad), expected[1:]):
        np.testing.assert_allclose(got.numpy(), want, rtol=1e-3, atol=1e-3)

    times = interleaved_best({
        "minitorch": ours,
        "numpy": lambda: numpy_conv2d_forward_backward(x, w, b, g, 1),
        "torch": theirs,
    }, rounds=15, block=0.1)
    return Row(
        f"conv2d adelante + atrás, lote {batch}, {in_channels}→{out_channels} canales, {size}×{size}, núcleo 3×3",
        times["minitorch"], times["numpy"], times["torch"], target="≤ 1.2× numpy (im2col a mano)",
    )


def _cnn(lib):
    """La red convolucional pequeña de los cuadernos, para imágenes 1×8×8: con la misma semilla, los mismos pesos
    en minitorch y en PyTorch."""
    lib.manual_seed(0)
    nn = lib.nn
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 2 * 2, 10),
    )


def _training_step() -> Row:
    """Un paso de entrenamiento (propagación, pérdida, retropropagación y Adam) sobre un lote de 64 dígitos reales."""
    digits = minitorch.datasets.Digits()
    images, labels = digits.data[:64].numpy().astype(np.float32)[:, None] / 16, digits.targets[:64].numpy()

    def trainer(lib):
        model = _cnn(lib)
        optimizer = lib.optim.Adam(model.parameters(), lr=1e-3)
        x, y = lib.tensor(images), lib.tensor(labels)

        def step():
            optimizer.zero_grad()
            loss = lib.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            return loss

        return step

    ours = trainer(minitorch)
    theirs = trainer(torch) if torch is not None else None
    if theirs is not None:  # antes de medir, que las dos aprendan lo mismo
        for _ in range(3):
            np.testing.assert_allclose(ours().item(), theirs().item(), rtol=1e-4)
    times = interleaved_best({"minitorch": ours, "torch": theirs}, rounds=12, block=0.1)
    return Row(
        "paso de entrenamiento de una CNN (2 convoluciones, pooling, Adam), lote de 64 dígitos 8×8",
        times["minitorch"], None, times["torch"], target="se informa", note="mismos pesos y lote; pérdidas comprobadas",
    )


def run() -> list[Row]:
    return [_case(64, 1, 16, 28), _case(64, 16, 32, 14), _training_step()]


if __name__ == "__main__":
    from timing import print_table  # noqa: PLC0415

    print_table(run(), "minitorch frente a numpy (im2col + BLAS a mano) y PyTorch: convolución")
