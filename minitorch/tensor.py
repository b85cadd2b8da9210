"""El tensor de minitorch: un almacenamiento más la forma, los strides y el desplazamiento para leerlo.

Este módulo es la capa de datos: vistas (que comparten almacenamiento y nunca copian), el puente
con numpy, la impresión y las operaciones matemáticas. Cada operación pide a numpy que trabaje
sobre una vista con los mismos strides que el tensor (ver ``_values``), así que el cálculo masivo
nunca recorre elementos en Python.

Aquí no hay diferenciación automática: la capa ``autograd`` envuelve después los métodos de
``Tensor`` para anotar el grafo computacional, igual que en PyTorch el código de autograd
envuelve cada operación del tensor (su *dispatcher*).
"""

from __future__ import annotations

import builtins
import copy
import functools
import math
import operator
import sys
import warnings
from collections import namedtuple
from typing import Sequence

import numpy as np

from . import dtypes, strides, temporaries
from .dtypes import dtype as DType
from .dtypes import result_type
from .printing import tensor_repr
from .random import Generator, default_generator
from .size import Size
from .storage import Storage, UntypedStorage

# PyTorch no avisa al dividir entre cero ni al calcular log(0): da inf o nan en silencio. Los avisos
# de numpy que nacen en el código de minitorch solo ensuciarían la salida de los cuadernos.
warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"minitorch\.")

_Number = (builtins.int, builtins.float, builtins.bool, np.number, np.bool_)

# PyTorch devuelve inf o nan en silencio (log(0), 1/0, un exp que desborda); numpy además avisa por
# stderr. Callamos solo esos avisos, y solo cuando los provoca una operación de minitorch: así el
# comportamiento es el de PyTorch sin cambiar el de numpy para quien lo use directamente.
warnings.filterwarnings(
    "ignore",
    message=r"(overflow|divide by zero|invalid value|underflow) encountered",
    category=RuntimeWarning,
    module=r"minitorch\.",
)


class device:
    """Un dispositivo, como ``torch.device('cuda')``. Se puede nombrar la GPU (el código de PyTorch lo hace al
    elegir dónde calcular), pero minitorch solo calcula en la CPU: usarla falla (``_check_cpu``)."""

    __slots__ = ("type", "index")

    def __init__(self, type: str = "cpu", index: int | None = None):  # noqa: A002 (nombre de PyTorch)
        if isinstance(type, device):
            type, index = type.type, type.index  # noqa: A001
        kind, _, number = str(type).partition(":")
        if kind not in ("cpu", "cuda"):
            raise RuntimeError(f"dispositivo desconocido: {type!r}; se esperaba 'cpu' o 'cuda'")
        self.type = kind
        self.index = int(number) if number else index

    def __repr__(self) -> str:
        return f"device(type='{self.type}')" if self.index is None else f"device(type='{self.type}', index={self.index})"

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other) -> bool:
        return isinstance(other, device) and (self.type, self.index) == (other.type, other.index)

    def __hash__(self) -> int:
        return hash((self.type, self.index))


def _check_cpu(where) -> None:
    """Pedir la GPU falla como en un PyTorch sin CUDA (``AssertionError``)."""
    if device(where).type != "cpu":
        raise AssertionError(
            "minitorch no tiene CUDA: calcula solo en la CPU. Elige el dispositivo con "
            "'cuda' if minitorch.cuda.is_available() else 'cpu'"
        )


CPU = device("cpu")

# Lo que devuelven max(dim), min(dim), etc.: una tupla con nombre, como torch.return_types.
class _ReturnType:
    def __repr__(self) -> str:
        fields = ",\n".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"minitorch.return_types.{self._op}(\n{fields})"


def _return_type(op: str):
    return type(op, (_ReturnType, namedtuple(op, ["values", "indices"])), {"_op": op, "__slots__": ()})


_MAX, _MIN, _SORT, _TOPK = _return_type("max"), _return_type("min"), _return_type("sort"), _return_type("topk")
_MEDIAN = _return_type("median")


def _shape_arg(args) -> tuple[int, ...]:
    """Admite ``f(2, 3)``, ``f((2, 3))``, ``f([2, 3])`` y ``f(Size([2, 3]))``, como PyTorch."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = args[0]
    for a in args:  # un bucle y no all(...): esto lo recorre cada view y cada reshape
        if type(a) is not builtins.int:
            break
    else:
        return tuple(args)
    try:
        return tuple(operator.index(a) for a in args)  # como en PyTorch, 2.0 no vale como tamaño
    except (TypeError, ValueError, RuntimeError):
        raise TypeError(f"se esperaba una secuencia de enteros como forma, pero se recibió {args!r}") from None


# Los nombres de numpy que PyTorch admite como alias: ``x.sum(axis=0, keepdims=True)`` es ``x.sum(dim=0, keepdim=True)``.
_NUMPY_ALIASES = {"axis": "dim", "keepdims": "keepdim"}


def _numpy_keywords(name: str, kwargs: dict) -> dict:
    """``kwargs`` con los alias de numpy cambiados por los nombres de PyTorch (el mismo diccionario si no hay)."""
    if "axis" not in kwargs and "keepdims" not in kwargs:
        return kwargs
    kwargs = dict(kwargs)
    for alias, canonical in _NUMPY_ALIASES.items():
        if alias in kwargs:
            if canonical in kwargs:  # PyTorch tampoco lo admite (y da el mismo tipo de error)
                raise TypeError(f"{name}() recibió a la vez {canonical}= y {alias}=, que son el mismo argumento: usa solo uno")
            kwargs[canonical] = kwargs.pop(alias)
    return kwargs


def _accepting_numpy_keywords(function):
    """Envuelve ``function`` (un método o una función de ``minitorch``) para que admita ``axis=`` y ``keepdims=``.

    Un único sitio para todas las operaciones con ``dim``: la capa de autograd ve ya los nombres de PyTorch
    (``autograd/derivatives.py`` envuelve igual los nodos, que reciben los argumentos tal como llegan)."""
    name = function.__name__.lstrip("_")

    @functools.wraps(function)
    def accepting(*args, **kwargs):
        if kwargs:
            return function(*args, **_numpy_keywords(name, kwargs))
        return function(*args)  # sin reenviar un **kwargs vacío, que cuesta casi tanto como la llamada

    accepting._numpy_keywords = True
    return accepting


# Para el atajo de _binary: un int no cambia un tensor numérico; un float no cambia un tensor real.
_PY_FLOAT, _PY_INT = object(), object()
_SCALAR_KIND = {builtins.float: _PY_FLOAT, builtins.int: _PY_INT}
_refcount = sys.getrefcount
_new_object = object.__new__  # crea la instancia sin pasar por __new__ ni __init__ (el camino caliente)
# Cuántas referencias tiene un operando temporal dentro de un operador (None: no se reutiliza).
_TEMPORARY_SELF, _TEMPORARY_OTHER = temporaries.TEMPORARY_REFS or (None, None)


# numpy calcula estas en Python: sus avisos no pasan por el filtro de arriba (no vienen de minitorch).
_REDUCTIONS_IN_PYTHON = (np.ndarray.var, np.ndarray.std)


# Los avisos de .T obsoleto que ya se han dado ("0-D", "N-D"): PyTorch da cada uno una sola vez.
_T_WARNED: set = set()


# Lo que ni pickle ni deepcopy copian del ``__dict__`` de un tensor: su lugar en el grafo computacional.
_GRAPH_STATE = frozenset(
    {"_requires_grad", "grad", "grad_fn", "_output_nr", "_base", "_view_fn", "_view_version", "_retains_grad", "_hooks"}
)


def _rebuild_tensor(kind: type, storage: Storage, shape, stride, offset: int, requires_grad: bool, extra: dict) -> "Tensor":
    """Rehace un tensor guardado con pickle (ver ``Tensor.__reduce_ex__``)."""
    tensor = Tensor._make(storage, shape, stride, offset)
    if kind is not Tensor:
        tensor.__class__ = kind
    if requires_grad:
        tensor._requires_grad = True
    tensor.__dict__.update(extra)
    return tensor


# Las mismas disposiciones se repiten en cada paso de un bucle: se recuerdan sus strides calculados.
_elementwise_strides = functools.lru_cache(maxsize=1024)(strides.elementwise_strides)


_CONTIGUOUS: dict = {}  # forma -> sus strides contiguos: un diccionario es más barato que lru_cache

# Las cuentas de strides.py para las vistas más usadas, memorizadas. Solo dependen de formas, strides y
# tamaños (tuplas de enteros, ya normalizadas por _shape_arg), y un bucle de entrenamiento pide una y otra
# vez las mismas: recordarlas ahorra casi todo el coste fijo de view, reshape, expand y permute. Los
# errores no se memorizan: una petición no válida vuelve a calcularse y a fallar.
_view_layout = functools.lru_cache(maxsize=4096)(strides.view_layout)
_expand_layout = functools.lru_cache(maxsize=4096)(strides.expand_layout)
_permute_layout = functools.lru_cache(maxsize=4096)(strides.permute_layout)


def _contiguous_strides(shape: tuple[int, ...]) -> tuple[int, ...]:
    stride = _CONTIGUOUS.get(shape)
    if stride is None:
        if len(_CONTIGUOUS) > 4096:
            _CONTIGUOUS.clear()
        stride = _CONTIGUOUS[shape] = strides.contiguous_strides(shape)
    return stride


_BROADCAST: dict = {}  # (forma, forma) -> forma difundida: en un bucle se repiten las mismas parejas


def _broadcast_pair(a: tuple, b: tuple) -> tuple:
    shape = _BROADCAST.get((a, b))
    if shape is None:
        shape = strides.broadcast_shapes(a, b)  # lanza el error si no se pueden difundir
        if len(_BROADCAST) > 4096:
            _BROADCAST.clear()
        _BROADCAST[a, b] = shape
    return shape


def _is_scalar(value) -> bool:
    return isinstance(value, _Number)


class Tensor:
    """Un tensor: una vista ``(forma, strides, desplazamiento)`` sobre un ``Storage``.

    Como en PyTorch, ``Tensor(2, 3)`` crea un tensor ``float32`` de forma ``(2, 3)`` y
    ``Tensor([[1, 2], [3, 4]])`` lo crea a partir de datos. Lo habitual es usar ``minitorch.tensor``.
    """

    __slots__ = ("_storage", "_shape", "_stride", "_offset", "_cached", "__weakref__", "__dict__")

    # Datos de la diferenciación automática. Sus valores por defecto viven en la clase, de modo que
    # crear un tensor corriente solo escribe los cinco atributos de la vista.
    _requires_grad = False
    grad = None
    grad_fn = None
    _retains_grad = False

    # --- construcción -------------------------------------------------------------------------------
    def __new__(cls, *args):
        if len(args) == 1 and isinstance(args[0], (list, tuple, np.ndarray)) and not isinstance(args[0], Size):
            array = _array_from_data(args[0], dtypes.get_default_dtype(), dtypes.get_default_dtype())
            return Tensor._from_array(array, kind=cls)
        if len(args) == 1 and isinstance(args[0], Tensor):
            return args[0].detach()
        shape = _shape_arg(args) if args else (0,)  # Tensor() sin argumentos es un vector vacío, como en PyTorch
        return Tensor._from_array(np.zeros(shape, dtype=dtypes.get_default_dtype().numpy), kind=cls)

    def __init__(self, *args):
        pass  # todo ocurre en __new__: así las subclases (como nn.Parameter) reciben un tensor ya hecho

    @classmethod
    def _make(cls, storage: Storage, shape, stride, offset: int, like: "Tensor | None" = None) -> "Tensor":
        """Crea una vista sobre ``storage``; ``like`` es el tensor del que procede (su subclase no se hereda)."""
        t = object.__new__(cls)
        t._storage = storage
        t._shape = tuple(shape)
        t._stride = tuple(stride)
        t._offset = offset
        t._cached = None
        return t

    @staticmethod
    def _from_array(array, dtype: DType | None = None, kind: type | None = None) -> "Tensor":
        """Envuelve el resultado de numpy en un tensor, sin copiarlo si ya es un bloque denso.

        numpy conserva la disposición de sus entradas (un resultado calculado sobre una traspuesta
        sale «en columnas»), igual que PyTorch: se aprovecha y se guardan sus strides tal cual.
        """
        if type(array) is not np.ndarray:
            array = np.asarray(array)
        if dtype is not None:
            if array.dtype is not dtype.numpy and array.dtype != dtype.numpy:
                array = array.astype(dtype.numpy)
        else:
            dtype = dtypes._BY_NUMPY.get(array.dtype)
            if dtype is None:
                array = array.astype(_numpy_equivalent(array.dtype))
                dtype = dtypes.from_numpy_dtype(array.dtype)
        if array.flags.c_contiguous:
            flat = array.ravel()  # una vista: el array es contiguo
            shape = array.shape
            stride = _CONTIGUOUS.get(shape)
            if stride is None:
                stride = _contiguous_strides(shape)
        elif _is_dense(array):
            flat = np.lib.stride_tricks.as_strided(array, (array.size,), (array.itemsize,))
            shape = array.shape
            stride = tuple(s // array.itemsize for s in array.strides)
        else:
            array = np.ascontiguousarray(array)
            flat = array.reshape(-1)
            shape = array.shape
            stride = _contiguous_strides(shape)
        # Camino caliente (lo recorre cada operación): se rellenan los atributos sin llamar a _make ni a
        # Storage._wrap; cada llamada que se ahorra aquí se nota en el coste fijo de todas las operaciones.
        storage = _new_object(Storage)
        storage._data, storage.dtype, storage._version = flat, dtype, 0
        t = _new_object(kind or Tensor)
        t._storage, t._shape, t._stride, t._offset, t._cached = storage, shape, stride, 0, array
        return t

    # --- metadatos ----------------------------------------------------------------------------------
    @property
    def shape(self) -> Size:
        return Size(self._shape)

    def size(self, dim: int | None = None):
        """La forma (``minitorch.Size``) o, con ``dim``, el tamaño de esa dimensión."""
        if dim is None:
            return Size(self._shape)
        if not self._shape:  # a diferencia de casi todo, size(d) no trata un escalar como de una dimensión
            raise IndexError(f"se pidió la dimensión {dim}, pero el tensor no tiene dimensiones")
        return self._shape[strides.normalize_dim(dim, self.dim())]

    def stride(self, dim: int | None = None):
        """Cuántas posiciones del almacenamiento se avanza al pasar al siguiente índice de cada dimensión."""
        if dim is None:
            return self._stride
        if not self._shape:
            raise IndexError(f"se pidió la dimensión {dim}, pero el tensor no tiene dimensiones")
        return self._stride[strides.normalize_dim(dim, self.dim())]

    def storage_offset(self) -> int:
        """Posición del almacenamiento donde está el primer elemento del tensor."""
        return self._offset

    def storage(self) -> Storage:
        """El almacenamiento que este tensor comparte con todas sus vistas."""
        return self._storage

    def untyped_storage(self) -> UntypedStorage:
        """El mismo almacenamiento visto como bytes sin tipo, como en PyTorch 2: seis ``float32`` son 24 bytes."""
        return self._storage.untyped()

    @property
    def dtype(self) -> DType:
        return self._storage.dtype

    @property
    def device(self) -> device:
        return CPU

    @property
    def is_cuda(self) -> bool:
        return False

    @property
    def ndim(self) -> int:
        return len(self._shape)

    def dim(self) -> int:
        return len(self._shape)

    def ndimension(self) -> int:
        return len(self._shape)

    def numel(self) -> int:
        return strides.numel(self._shape)

    def nelement(self) -> int:
        return self.numel()

    def element_size(self) -> int:
        return self.dtype.itemsize

    def data_ptr(self) -> int:
        """Dirección del primer elemento del tensor (la del almacenamiento más el desplazamiento)."""
        return self._storage.data_ptr() + self._offset * self.dtype.itemsize

    def is_contiguous(self) -> bool:
        return strides.is_contiguous(self._shape, self._stride)

    def is_floating_point(self) -> bool:
        return self.dtype.is_floating_point

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    def _set_requires_grad(self, value) -> None:
        """``t.requires_grad = …``: como en PyTorch, solo en las hojas y solo en tensores reales."""
        if type(value) is not bool:
            raise RuntimeError(f"requires_grad debe ser un booleano (True o False), no {type(value).__name__}")
        if self.grad_fn is not None:
            hint = " Para usar un resultado intermedio sin gradiente, sepáralo del grafo con .detach()." if not value else ""
            raise RuntimeError("solo se puede cambiar requires_grad en las hojas del grafo." + hint)
        if value and not self._storage.dtype.is_floating_point:
            raise RuntimeError(f"solo los tensores de tipo real pueden requerir gradiente (este es {self.dtype})")
        self._requires_grad = value

    # Leerlo es lo más frecuente (cada operación lo consulta): un getter de C, sin llamada a Python.
    requires_grad = property(operator.attrgetter("_requires_grad"), _set_requires_grad)

    @property
    def _version(self) -> int:
        return self._storage._version

    # --- el puente con numpy ------------------------------------------------------------------------
    def _values(self) -> np.ndarray:
        """Un ``ndarray`` que mira la misma memoria con los mismos strides (sin copiar nada)."""
        array = self._cached
        if array is None:
            itemsize = self.dtype.itemsize
            try:
                array = np.ndarray(
                    self._shape,
                    dtype=self.dtype.numpy,
                    buffer=self._storage._data,
                    offset=self._offset * itemsize,
                    strides=tuple(s * itemsize for s in self._stride),
                )
            except (TypeError, ValueError):
                # Una vista vacía puede empezar más allá del final del almacenamiento (x[5:][1:]):
                # no lee nada, pero numpy no acepta ese desplazamiento.
                if self.numel():
                    raise
                array = np.empty(self._shape, dtype=self.dtype.numpy)
            self._cached = array
        return array

    def numpy(self, *, force: bool = False) -> np.ndarray:
        """Un array de numpy que comparte memoria con el tensor: escribir en uno cambia el otro."""
        if self.requires_grad and not force:
            raise RuntimeError(
                "no se puede llamar a numpy() sobre un tensor que requiere gradiente; "
                "usa tensor.detach().numpy()"
            )
        return self._values().view()

    # numpy cede a los operadores del tensor: np.float64(2) * t y np.int64(1) + t dan tensores, como en PyTorch.
    __array_priority__ = 1000

    def __array_wrap__(self, array, context=None, return_scalar=False):
        """np.exp(t) y demás funciones de numpy sobre un tensor devuelven un tensor, como en PyTorch."""
        return array[()] if return_scalar else Tensor._from_array(array)

    def __array__(self, dtype=None, copy=None):
        # np.asarray(t), np.mean([...]) o plt.plot(t) pasan por aquí y, como en PyTorch, por numpy(): así un
        # tensor que requiere gradiente (el olvido de .detach() antes de dibujar) da el mismo error.
        array = self.numpy()
        if dtype is not None:
            array = array.astype(dtype)
        return array.copy() if copy else array

    def tolist(self):
        return self._values().tolist()

    def item(self):
        """El único valor de un tensor de un elemento, como número de Python."""
        if self.numel() != 1:
            raise RuntimeError(
                f"un tensor con {self.numel()} elementos no se puede convertir en un número (item() necesita exactamente uno)"
            )
        return self._values().reshape(()).item()

    # --- impresión ----------------------------------------------------------------------------------
    def __repr__(self, *, tensor_contents=None) -> str:
        suffixes = []
        try:
            grad_fn = self.grad_fn
        except RuntimeError:  # una salida de split cuya base cambió in situ: no tiene historia válida
            grad_fn = type("Invalid", (), {})()
        if grad_fn is not None:
            suffixes.append(f"grad_fn=<{type(grad_fn).__name__}>")
        elif self.requires_grad:
            suffixes.append("requires_grad=True")
        return tensor_repr(
            self._values(),
            dtype_name=self.dtype.name,
            default_float=dtypes.get_default_dtype().name,
            suffixes=suffixes,
        )

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        if self.dim() == 0:  # f"{perdida:.4f}": como el número que contiene
            return format(self.item(), spec)
        if spec:
            raise TypeError(f"un tensor de forma {list(self._shape)} no admite el formato '{spec}'; solo uno de dimensión 0 (usa .item())")
        return repr(self)

    # --- conversiones de Python ---------------------------------------------------------------------
    def __len__(self) -> int:
        if not self._shape:
            raise TypeError("len() de un tensor de dimensión 0")
        return self._shape[0]

    def __iter__(self):
        if not self._shape:
            raise TypeError("no se puede iterar sobre un tensor de dimensión 0")
        return iter(self.unbind(0))

    def __bool__(self) -> bool:
        if self.numel() != 1:
            raise RuntimeError(
                f"el valor de verdad de un tensor con {self.numel()} elementos es ambiguo (solo lo tiene un tensor de un elemento)"
            )
        return builtins.bool(self.item())

    def __float__(self) -> float:
        _check_python_scalar(self)
        if self.requires_grad:
            warnings.warn(
                "se convierte en número un tensor que requiere gradiente: el número ya no forma parte del grafo "
                "computacional; si es lo que quieres, usa tensor.detach() (o .item()) antes",
                UserWarning,
                stacklevel=2,
            )
        return builtins.float(self.item())

    def __int__(self) -> int:
        _check_python_scalar(self)
        return builtins.int(self.item())

    def __index__(self) -> int:
        if self.dtype.is_floating_point or self.numel() != 1:
            raise TypeError("solo un tensor entero de un elemento puede usarse como índice de Python")
        return builtins.int(self.item())

    __hash__ = object.__hash__

    def __contains__(self, element) -> bool:
        return builtins.bool((self == element).any().item())

    # --- vistas: mismos datos, otra forma de leerlos ------------------------------------------------
    def _view_of(self, shape: tuple, stride: tuple, offset=None) -> "Tensor":
        """Un tensor nuevo sobre el mismo almacenamiento; ``shape`` y ``stride`` son tuplas (no se copian)."""
        view = _new_object(Tensor)
        view._storage, view._shape, view._stride = self._storage, shape, stride
        view._offset = self._offset if offset is None else offset
        view._cached = None
        return view

    def as_strided(self, size, stride, storage_offset: int | None = None) -> "Tensor":
        """La vista más general: forma, strides y desplazamiento elegidos a mano."""
        size, stride = tuple(size), tuple(stride)
        offset = self._offset if storage_offset is None else storage_offset
        if len(size) != len(stride):
            raise RuntimeError(f"as_strided: la forma {list(size)} y los strides {list(stride)} tienen longitudes distintas")
        if any(s < 0 for s in size) or any(s < 0 for s in stride) or offset < 0:
            raise RuntimeError("as_strided: la forma, los strides y el desplazamiento no pueden ser negativos")
        needed = 0 if strides.numel(size) == 0 else offset + 1 + sum((n - 1) * s for n, s in zip(size, stride))
        if needed > len(self._storage):
            raise RuntimeError(
                f"as_strided: la forma {list(size)}, los strides {list(stride)} y el desplazamiento {offset} "
                f"necesitan un almacenamiento de {needed} elementos, pero el almacenamiento tiene {len(self._storage)}"
            )
        return self._view_of(size, stride, offset)

    def view(self, *shape) -> "Tensor":
        """La misma memoria con otra forma. Falla si los strides no lo permiten sin copiar."""
        if len(shape) == 1 and isinstance(shape[0], DType):
            raise NotImplementedError("minitorch no reinterpreta los bytes con view(dtype)")
        shape, new_stride = _view_layout(self._shape, self._stride, _shape_arg(shape))
        if new_stride is None:
            raise RuntimeError(
                f"view: la forma {list(shape)} no es compatible con la forma {list(self._shape)} y los strides "
                f"{list(self._stride)} del tensor (al menos una dimensión abarca dos bloques contiguos distintos); "
                f"usa .reshape(...), que copia cuando hace falta"
            )
        return self._view_of(shape, new_stride)

    def view_as(self, other: "Tensor") -> "Tensor":
        return self.view(other._shape)

    def reshape(self, *shape) -> "Tensor":
        """Como ``view`` cuando los strides lo permiten; si no, copia a un bloque contiguo."""
        shape, new_stride = _view_layout(self._shape, self._stride, _shape_arg(shape))
        if new_stride is not None:
            return self._view_of(shape, new_stride)
        return self.contiguous()._view_of(shape, _contiguous_strides(shape))  # una copia: no es vista de nadie

    def reshape_as(self, other: "Tensor") -> "Tensor":
        return self.reshape(other._shape)

    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> "Tensor":
        if not self._shape:
            strides.normalize_dim(start_dim, 0)  # un escalar solo admite 0 y -1
            strides.normalize_dim(end_dim, 0)
            return self.reshape(1)
        start = strides.normalize_dim(start_dim, self.dim())
        end = strides.normalize_dim(end_dim, self.dim())
        if start > end:
            raise RuntimeError("flatten: start_dim no puede ir después de end_dim")
        if start == end:
            return self  # como PyTorch: nada que juntar, ni siquiera una vista nueva
        merged = strides.numel(self._shape[start : end + 1])
        return self.reshape(self._shape[:start] + (merged,) + self._shape[end + 1 :])

    def unflatten(self, dim: int, sizes) -> "Tensor":
        dim = strides.normalize_dim(dim, self.dim())
        sizes = strides.infer_shape(tuple(sizes), self._shape[dim])
        return self.view(self._shape[:dim] + sizes + self._shape[dim + 1 :])

    def permute(self, *dims) -> "Tensor":
        return self._view_of(*_permute_layout(self._shape, self._stride, _shape_arg(dims)))

    def movedim(self, source, destination) -> "Tensor":
        """Lleva las dimensiones ``source`` a las posiciones ``destination``; las demás conservan su orden.
        Es un ``permute`` (una vista, con el mismo ``grad_fn`` que en PyTorch)."""
        source = (source,) if isinstance(source, builtins.int) else tuple(source)
        destination = (destination,) if isinstance(destination, builtins.int) else tuple(destination)
        if len(source) != len(destination):
            raise RuntimeError(
                f"movedim: source y destination deben tener el mismo número de dimensiones, pero tienen "
                f"{len(source)} ({list(source)}) y {len(destination)} ({list(destination)})"
            )
        ndim = self.dim()
        moved = [strides.normalize_dim(d, ndim) for d in source]
        places = [strides.normalize_dim(d, ndim) for d in destination]
        for name, dims, given in (("source", moved, source), ("destination", places, destination)):
            if len(set(dims)) != len(dims):
                raise RuntimeError(f"movedim: hay una dimensión repetida en {name} ({list(given)})")
        rest = iter(d for d in range(ndim) if d not in moved)
        where = dict(zip(places, moved))
        return self.permute([where[k] if k in where else next(rest) for k in range(ndim)])

    moveaxis = movedim

    def transpose(self, dim0: int, dim1: int) -> "Tensor":
        """Intercambia dos dimensiones intercambiando sus strides: no se mueve ningún dato."""
        return self._view_of(*strides.transpose_layout(self._shape, self._stride, dim0, dim1))

    swapaxes = swapdims = transpose

    def t(self) -> "Tensor":
        if self.dim() > 2:
            raise RuntimeError(f"t() espera un tensor de como mucho 2 dimensiones, pero este tiene {self.dim()}")
        if len(self._shape) == 2:
            return self._view_of(self._shape[::-1], self._stride[::-1])
        return self._view_of(self._shape, self._stride)

    @property
    def T(self) -> "Tensor":
        """La traspuesta de una matriz. En PyTorch, ``.T`` de otras dimensiones está obsoleto y avisa
        (una vez): para lotes de matrices, ``mT``; para invertir el orden de todas, ``permute``."""
        if self.dim() > 2 or self.dim() == 0:
            kind = "0-D" if self.dim() == 0 else "N-D"
            if kind not in _T_WARNED:
                _T_WARNED.add(kind)
                warnings.warn(
                    "Tensor.T está obsoleto en los tensores de dimensión 0: ahí no hace nada" if self.dim() == 0 else
                    "usar x.T para invertir las dimensiones de un tensor que no es 2-D está obsoleto y dará un error "
                    "en una versión futura; para trasponer lotes de matrices usa x.mT, y para invertir el orden de "
                    "todas las dimensiones, x.permute(*reversed(range(x.ndim)))",
                    UserWarning,
                    stacklevel=2,
                )
        return self.permute(list(reversed(range(self.dim()))))

    @property
    def mT(self) -> "Tensor":
        if self.dim() == 0:  # PyTorch, por compatibilidad, devuelve el mismo objeto y avisa
            warnings.warn("mT de un tensor 0-d está obsoleto: es la identidad", UserWarning, stacklevel=2)
            return self
        if self.dim() < 2:
            raise RuntimeError(f"mT necesita un tensor de al menos 2 dimensiones, pero este tiene {self.dim()}")
        return self.transpose(-2, -1)

    def expand(self, *sizes) -> "Tensor":
        """Repite los datos a lo largo de las dimensiones de tamaño 1 poniendo su stride a 0."""
        return self._view_of(*_expand_layout(self._shape, self._stride, _shape_arg(sizes)))

    def expand_as(self, other: "Tensor") -> "Tensor":
        return self.expand(other._shape)

    def broadcast_to(self, shape) -> "Tensor":
        return self.expand(shape)

    def squeeze(self, dim=None) -> "Tensor":
        if dim is None:
            keep = [i for i, n in enumerate(self._shape) if n != 1]
        else:
            dims = {strides.normalize_dim(d, self.dim()) for d in (dim if isinstance(dim, (tuple, list)) else [dim])}
            keep = [i for i, n in enumerate(self._shape) if not (i in dims and n == 1)]
        return self._view_of(tuple([self._shape[i] for i in keep]), tuple([self._stride[i] for i in keep]))

    def unsqueeze(self, dim: int) -> "Tensor":
        return self._view_of(*strides.unsqueeze_layout(self._shape, self._stride, dim))

    def narrow(self, dim: int, start: int, length: int) -> "Tensor":
        if not self._shape:
            raise RuntimeError("narrow() no se puede aplicar a un tensor de dimensión 0")
        dim = strides.normalize_dim(dim, self.dim())
        size = self._shape[dim]
        if not -size <= start <= size:
            raise IndexError(f"narrow: el inicio {start} está fuera de rango para la dimensión {dim}, de tamaño {size}")
        start = start + size if start < 0 else start
        if length < 0 or start + length > size:
            raise RuntimeError(f"narrow: inicio ({start}) + longitud ({length}) supera el tamaño de la dimensión ({size})")
        return self[(slice(None),) * dim + (slice(start, start + length),)]

    def select(self, dim: int, index: int) -> "Tensor":
        if not self._shape:
            raise IndexError("select() no se puede aplicar a un tensor de dimensión 0")
        dim = strides.normalize_dim(dim, self.dim())
        if not -self._shape[dim] <= index < self._shape[dim]:
            raise IndexError(
                f"select(): el índice {index} está fuera de rango para un tensor de forma {list(self._shape)} en la dimensión {dim}"
            )
        return self[(slice(None),) * dim + (index,)]

    def unbind(self, dim: int = 0) -> tuple["Tensor", ...]:
        dim = strides.normalize_dim(dim, self.dim())
        return tuple(self.select(dim, i) for i in range(self._shape[dim]))

    def split(self, split_size, dim: int = 0) -> tuple["Tensor", ...]:
        if not self._shape:
            raise RuntimeError("split necesita un tensor de al menos una dimensión, y este es 0-d")
        dim = strides.normalize_dim(dim, self.dim())
        size = self._shape[dim]
        if isinstance(split_size, builtins.int):
            if split_size <= 0 and size:
                raise RuntimeError(f"split: el tamaño de cada trozo debe ser positivo, no {split_size}")
            lengths = [min(split_size, size - i) for i in range(0, size, split_size)] or [0]
        else:
            lengths = list(split_size)
            if sum(lengths) != size:
                raise RuntimeError(f"split: los tamaños {lengths} no suman el tamaño de la dimensión {dim} ({size})")
        pieces, start = [], 0
        for length in lengths:
            pieces.append(self.narrow(dim, start, length))
            start += length
        return tuple(pieces)

    def chunk(self, chunks: int, dim: int = 0) -> tuple["Tensor", ...]:
        if not self._shape:
            raise RuntimeError("chunk necesita un tensor de al menos una dimensión, y este tiene dimensión 0")
        if chunks <= 0:
            raise RuntimeError(f"chunk espera un número de trozos mayor que 0, pero recibió {chunks}")
        size = self._shape[strides.normalize_dim(dim, self.dim())]
        if size == 0:  # PyTorch: tantos trozos vacíos como se piden (partir en trozos de tamaño 0)
            return self.split([0] * chunks, dim)
        return self.split(max(1, -(-size // chunks)), dim)

    def detach(self) -> "Tensor":
        """El mismo tensor (la misma memoria) desligado del grafo computacional."""
        return self._view_of(self._shape, self._stride)

    def detach_(self) -> "Tensor":
        self.grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self) -> "Tensor":
        """Los mismos datos fuera del grafo, como ``detach()``, pero con un contador de versiones nuevo.

        Por eso es peligroso: lo que se escriba a través de ``.data`` no lo ve la diferenciación automática,
        que no podrá avisar si cambia un valor que guardó para ``backward()``. ``detach()`` sí comparte
        el contador, y lo avisa.
        """
        # Otro Storage sobre el mismo array de numpy: misma memoria, su propio contador de versiones.
        storage = Storage._wrap(self._storage._data, self._storage.dtype)
        return Tensor._make(storage, self._shape, self._stride, self._offset)

    @data.setter
    def data(self, other: "Tensor") -> None:
        self._storage, self._shape, self._stride = other._storage, other._shape, other._stride
        self._offset, self._cached = other._offset, other._cached

    # --- indexación ---------------------------------------------------------------------------------
    def __getitem__(self, index) -> "Tensor":
        """Enteros, slices, ``None`` y ``...`` dan una vista; tensores o listas de índices, una copia."""
        if type(index) is builtins.int and self._shape and -self._shape[0] <= index < self._shape[0]:
            # Atajo del caso más frecuente, x[i]: solo se mueve el desplazamiento.
            position = self._offset + (index % self._shape[0]) * self._stride[0]
            return self._view_of(self._shape[1:], self._stride[1:], position)
        items = index if isinstance(index, tuple) else (index,)
        for item in items:
            if type(item) is not slice and not _is_basic_index(item):
                break
        else:  # solo índices básicos: una vista
            shape, stride, offset = strides.index_layout(self._shape, self._stride, self._offset, items)
            return self._view_of(shape, stride, offset)
        basic, advanced = _numpy_index(items, self._shape, empty_ok=True)
        view = self[basic]
        try:
            result = view._values()[advanced]
        except IndexError:  # una selección vacía con posiciones que no existen: no hay nada que leer
            result = np.empty(_index_result_shape(view._shape, advanced), dtype=self._storage.dtype.numpy)
        stride = strides.advanced_index_strides(view._shape, view._stride, self.dtype.itemsize, _index_operands(view._shape, advanced))
        return _with_layout(result, stride, self._storage.dtype)

    def __setitem__(self, index, value) -> None:
        """Escribe a través de la vista ``self[index]``: cambia el almacenamiento compartido."""
        original, value = value, _assignable(value, self)
        if index is False:  # PyTorch no escribe nada, y ni siquiera mira el valor
            return
        items = index if isinstance(index, tuple) else (index,)
        if all(_is_basic_index(item) for item in items):
            view = self[index]
        elif all(_is_basic_index(item) or item is True for item in items):
            # Un True de Python (no un tensor bool) es para PyTorch un índice básico: añade una dimensión.
            view = self[tuple(None if item is True else item for item in items)]
        else:
            view = None
        if view is not None:
            if not isinstance(original, Tensor) or original._shape == view._shape:
                view.copy_(original)
            elif not original._shape:
                view.fill_(original)  # un valor de dimensión 0 se lee como un número: puede estar en la vista
            else:
                # PyTorch expande el valor antes de copiar: el solape se juzga con los strides expandidos.
                view.copy_(value.expand(view._shape))
            return
        basic, advanced = self._check_assignment(items, value)
        target = self._values()[basic]
        source = _operand(value, self.dtype)
        if any(stride == 0 and size > 1 for size, stride in zip(self._shape, self._stride)):
            # PyTorch no lo prohíbe aquí (como en copy_ o add_): solo avisa de que dejará de admitirlo.
            warnings.warn(
                "escribir con índices avanzados en una vista expandida (con stride 0) está desaconsejado y PyTorch "
                "dejará de admitirlo: haz antes .clone()",
                UserWarning,
                stacklevel=2,
            )
        target[advanced] = source
        self._storage._version += 1

    def _check_assignment(self, items: tuple, value) -> tuple[tuple, tuple]:
        """Todo lo que puede hacer fallar ``self[items] = value`` con índices avanzados, en el orden de
        PyTorch y antes de escribir nada. Devuelve los dos pasos del índice (ver ``_numpy_index``).

        PyTorch escribe en la vista del primer paso: la memoria de esa vista no puede compartir nada con
        la del valor, ni siquiera toda (con índices básicos, eso sí vale), porque los índices pueden
        repetir o desordenar las posiciones. Solo después mira los índices, la forma, el tipo y los límites.
        """
        basic, advanced = _numpy_index(items, self._shape, validate=False)
        masked = isinstance(value, Tensor) and _fills_a_mask(items, value)  # el valor se lee como un número
        if isinstance(value, Tensor) and not masked and value._storage._data is self._storage._data:
            shape, stride, offset = strides.index_layout(self._shape, self._stride, self._offset, basic)
            itself = value is self and (tuple(shape), tuple(stride), offset) == (tuple(self._shape), tuple(self._stride), self._offset)
            if itself or strides.memory_overlap(shape, stride, offset, value._shape, value._stride, value._offset):
                raise RuntimeError(
                    f"operación no admitida: el valor (forma {list(value._shape)}) comparte memoria con el tensor en "
                    f"el que se escribe (forma {list(self._shape)}), y con índices avanzados una posición podría "
                    f"leerse después de escribirla; asigna una copia: x[...] = valor.clone()"
                )
        if any(isinstance(item, Tensor) and item.dtype.is_floating_point for item in items):
            raise IndexError("los tensores usados como índices deben ser de tipo long, int o bool")
        view = _shape_probe(self._shape)[basic]
        try:  # lo normal: todo encaja, y de paso se sabe la forma de la selección
            result, out_of_range = view[advanced].shape, None
        except IndexError as error:  # si falla por los límites, antes se mira lo demás
            out_of_range = error
            try:
                result = _index_result_shape(view.shape, advanced)
            except IndexError as error:
                raise IndexError(f"índice no válido para un tensor de forma {list(self._shape)}: {error}") from None
        value_shape = tuple(value._shape) if isinstance(value, Tensor) else ()
        try:
            fits = strides.broadcast_shapes(result, value_shape) == tuple(result)
        except RuntimeError:
            fits = False
        if not fits:
            raise RuntimeError(
                f"no cuadran las formas: un valor de forma {list(value_shape)} no se puede difundir a la "
                f"selección, de forma {list(result)}"
            )
        if isinstance(value, Tensor) and value.dtype is not self.dtype and not masked:
            raise RuntimeError(
                f"una asignación con índices avanzados necesita un valor del tipo del tensor: el destino es "
                f"{self.dtype} y el valor, {value.dtype} (conviértelo antes con .to({self.dtype}))"
            )
        if out_of_range is not None:  # por último, que cada posición exista
            raise IndexError(f"índice no válido para un tensor de forma {list(self._shape)}: {out_of_range}")
        return basic, advanced

    # --- softmax ------------------------------------------------------------------------------------
    def softmax(self, dim: int, dtype: DType | None = None) -> "Tensor":
        """``e^x / Σ e^x`` a lo largo de ``dim``: números positivos que suman 1 (probabilidades)."""
        x, axis, out = self._along_dim(dim, dtype, "softmax")
        # e^x desborda con x grandes (e^100 no cabe en float32), pero restar una constante no cambia el
        # resultado: con el máximo, todos los exponentes son ≤ 0.
        exps = np.exp(x - np.maximum.reduce(x, axis=axis, keepdims=True, initial=-np.inf))  # initial: por si dim mide 0
        exps /= np.add.reduce(exps, axis=axis, keepdims=True)
        # PyTorch calcula softmax sobre una copia contigua de la entrada: el resultado es siempre contiguo.
        return Tensor._from_array(np.asarray(exps.reshape(out), order="C"), self._storage.dtype if dtype is None else dtype)

    def log_softmax(self, dim: int, dtype: DType | None = None) -> "Tensor":
        """``x − log Σ e^x`` a lo largo de ``dim``: el logaritmo de ``softmax``, sin pasar por números enormes."""
        x, axis, out = self._along_dim(dim, dtype, "log_softmax")
        shifted = x - np.maximum.reduce(x, axis=axis, keepdims=True, initial=-np.inf)  # initial: por si dim mide 0
        shifted -= np.log(np.add.reduce(np.exp(shifted), axis=axis, keepdims=True))
        return Tensor._from_array(np.asarray(shifted.reshape(out), order="C"), self._storage.dtype if dtype is None else dtype)

    def _along_dim(self, dim: int, dtype: DType | None, name: str):
        """Los valores (en ``dtype``), el eje de ``dim`` y la forma del resultado; un escalar cuenta como 1-D."""
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))  # PyTorch mira dim antes que el tipo
        source = self if dtype is None else self.to(dtype)
        # PyTorch no tiene este cálculo para enteros; con un tensor vacío no llega a buscarlo (y el resultado
        # vacío conserva el tipo entero)
        if not source.dtype.is_floating_point and 0 not in source._shape:
            raise NotImplementedError(f"{name} necesita un tensor real, pero la entrada es {source.dtype}")
        values = source._values()
        if not source.dtype.is_floating_point:
            values = values.astype(np.float64)  # vacío: el cálculo no hace nada, pero numpy lo necesita real
        return (values if values.ndim else values.reshape(1)), axis, values.shape

    # --- tensores nuevos del mismo tipo (x.new_zeros(2, 3)…) ------------------------------------------
    # Las funciones de creation.py (que importa este módulo: por eso se importan al llamarlas), con el
    # tipo de este tensor si no se pide otro.
    def new_tensor(self, data, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        from .creation import tensor  # noqa: PLC0415

        return tensor(data, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_full(self, size, fill_value, *, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        from .creation import full  # noqa: PLC0415

        return full(size, fill_value, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_zeros(self, *size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        from .creation import zeros  # noqa: PLC0415

        return zeros(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_ones(self, *size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        from .creation import ones  # noqa: PLC0415

        return ones(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_empty(self, *size, dtype: DType | None = None, device=None, requires_grad: bool = False) -> "Tensor":
        from .creation import empty  # noqa: PLC0415

        return empty(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    # --- copy.deepcopy y pickle ---------------------------------------------------------------------
    # Se copia la vista (almacenamiento, forma, strides y desplazamiento), nunca el array ``_cached``:
    # copiado aparte dejaría de mirar la memoria del almacenamiento. Como pickle y deepcopy copian
    # cada objeto una sola vez, dos vistas de un almacenamiento copiadas juntas lo siguen compartiendo.
    def __reduce_ex__(self, protocol):
        """pickle guarda los datos y ``requires_grad``, como PyTorch: ni el gradiente ni el grafo."""
        extra = {k: v for k, v in self.__dict__.items() if k not in _GRAPH_STATE}
        return (_rebuild_tensor, (type(self), self._storage, self._shape, self._stride, self._offset, self.requires_grad, extra))

    def __deepcopy__(self, memo: dict) -> "Tensor":
        """Una copia independiente, con su gradiente; como en PyTorch, solo de las hojas del grafo."""
        if self.grad_fn is not None:
            raise RuntimeError(
                "solo se pueden copiar con deepcopy los tensores creados directamente por el usuario (hojas del "
                "grafo); este es el resultado de una operación: haz una copia con .detach().clone()"
            )
        extra = {k: v for k, v in self.__dict__.items() if k not in _GRAPH_STATE}
        storage = copy.deepcopy(self._storage, memo)
        copied = _rebuild_tensor(type(self), storage, self._shape, self._stride, self._offset, self.requires_grad, {})
        memo[id(self)] = copied
        copied.__dict__.update(copy.deepcopy(extra, memo))
        if self.grad is not None:
            copied.grad = copy.deepcopy(self.grad, memo)
        return copied

    # --- copias -------------------------------------------------------------------------------------
    def contiguous(self) -> "Tensor":
        """El propio tensor si ya es contiguo; si no, una copia con strides contiguos."""
        if self.is_contiguous():
            return self
        return Tensor._from_array(np.ascontiguousarray(self._values()))

    def clone(self) -> "Tensor":
        """Una copia con su propio almacenamiento; conserva la disposición del original (como PyTorch)."""
        return self._cast(self.dtype)

    def to(self, *args, **kwargs) -> "Tensor":
        """Convierte a otro ``dtype`` (``to(minitorch.float64)``); ``to('cpu')`` no hace nada."""
        flags = [arg for arg in args if isinstance(arg, bool)]  # to(dtype, non_blocking, copy)
        target = dtype_of_to_args([arg for arg in args if not isinstance(arg, bool)], kwargs)
        if kwargs.get("copy", len(flags) > 1 and flags[1]):  # una copia aunque no cambie el tipo, como en PyTorch
            return self._cast(target or self.dtype)
        if target is None or target is self.dtype:
            return self
        return self._cast(target)

    def _cast(self, target: DType) -> "Tensor":
        """Una copia de tipo ``target`` con la disposición que le daría PyTorch (``dense_strides_like``)."""
        if _has_standard_strides(self):
            return Tensor._from_array(self._values().astype(target.numpy), target)
        return _strided_copy(self._values(), strides.dense_strides_like(self._shape, self._stride), target)

    def type(self, dtype=None):
        """Sin argumento, el nombre de su tipo a la antigua (``'minitorch.FloatTensor'``); con uno (un dtype,
        ``minitorch.LongTensor`` o su nombre), una copia de ese tipo."""
        if dtype is None:
            return f"minitorch.{_legacy_name(self.dtype)}"
        if isinstance(dtype, str):
            wanted = dtype.rsplit(".", 1)[-1]
            matches = [d for d in dtypes.ALL if _legacy_name(d) == wanted]
            if not matches:
                raise ValueError(f"tipo de tensor desconocido: {dtype!r}")
            dtype = matches[0]
        return self.to(getattr(dtype, "dtype", dtype))  # minitorch.LongTensor lleva su dtype dentro

    def type_as(self, other: "Tensor") -> "Tensor":
        """El tensor con el tipo de ``other`` (el mismo tensor si ya lo tiene)."""
        return self.to(other.dtype)

    def float(self) -> "Tensor":
        return self.to(dtypes.float32)

    def double(self) -> "Tensor":
        return self.to(dtypes.float64)

    def long(self) -> "Tensor":
        return self.to(dtypes.int64)

    def int(self) -> "Tensor":
        return self.to(dtypes.int32)

    def bool(self) -> "Tensor":
        return self.to(dtypes.bool)

    def cpu(self) -> "Tensor":
        return self

    def cuda(self, device=None, non_blocking: bool = False) -> "Tensor":
        _check_cpu("cuda")

    # --- escritura in situ --------------------------------------------------------------------------
    def _check_writable(self) -> None:
        """Escribir en una vista con stride 0 cambiaría varios elementos a la vez: PyTorch lo prohíbe."""
        if any(stride == 0 and size > 1 for size, stride in zip(self._shape, self._stride)) and self.numel():
            raise RuntimeError(
                "operación no admitida: más de un elemento del tensor escrito apunta a la misma posición de "
                "memoria (es una vista expandida, con stride 0); haz .clone() antes de escribir"
            )

    def _check_no_partial_overlap(self, sources) -> None:
        """Leer de una vista que pisa en parte la memoria que se escribe: PyTorch lo prohíbe (ver ``strides``)."""
        for source in sources:
            if (
                isinstance(source, Tensor) and source._storage._data is self._storage._data
                and strides.partially_overlap(self._shape, self._stride, self._offset, source._shape, source._stride, source._offset)
            ):
                raise RuntimeError(
                    "operación no admitida: algunos elementos de la entrada y del tensor que se escribe ocupan la misma "
                    "posición de memoria; haz antes una copia de la entrada con .clone()"
                )

    def _write(self, values, *, overlapping: bool = False) -> "Tensor":
        """Escribe ``values`` (ya validados y del tamaño justo) en la memoria del tensor.

        ``overlapping=True`` admite vistas expandidas: solo para escribir un mismo valor en todas
        partes (``fill_``, ``zero_``), que PyTorch permite porque el resultado no es ambiguo.
        """
        if not overlapping:
            self._check_writable()
        self._values()[...] = values
        self._storage._version += 1
        return self

    def _inplace(self, ufunc, *operands) -> "Tensor":
        """``self = ufunc(self, *operands)`` escrito sobre la misma memoria."""
        compute = result_type(self, *operands)
        if compute is not self.dtype and not dtypes.can_cast(compute, self.dtype):
            raise RuntimeError(
                f"el tipo del resultado, {compute}, no se puede convertir al tipo del tensor que se modifica, {self.dtype}"
            )
        values = [self._values().astype(compute.numpy, copy=False)] + [_operand(o, compute) for o in operands]
        _check_broadcast_into(self._shape, [np.shape(v) for v in values[1:]])
        self._check_no_partial_overlap(operands)
        self._check_writable()
        out = self._values()
        if not isinstance(ufunc, np.ufunc) or (ufunc is np.negative and not out.flags.c_contiguous):
            # Las divisiones enteras (con sus casos de PyTorch) no son ufuncs: no tienen ``out``. Y numpy 2.4
            # se equivoca en np.negative(x, out=y) si y tiene pasos: su bucle vectorial lee algunos elementos
            # de x en posiciones que no son (tests/test_tensor.py lo comprueba). En los dos casos, el
            # resultado se calcula aparte y se copia.
            out[...] = ufunc(*values)
        else:
            ufunc(*values, out=out, casting="unsafe")
        self._storage._version += 1
        return self

    def copy_(self, src) -> "Tensor":
        """Copia ``src`` (difundido a la forma de ``self``) en la memoria de ``self``."""
        if (
            isinstance(src, Tensor) and src._storage._data is self._storage._data and src._storage.dtype is self._storage.dtype
            and (src._shape, src._stride, src._offset) == (self._shape, self._stride, self._offset)
        ):  # los mismos datos vistos igual: como PyTorch, no hace nada (ni mira si es una vista expandida), pero cuenta como escritura
            self._storage._version += 1
            return self
        source = _operand(src, self.dtype)
        _check_broadcast_into(self._shape, [np.shape(source)])
        self._check_no_partial_overlap((src,))
        return self._write(source)

    def fill_(self, value) -> "Tensor":
        if isinstance(value, Tensor) and value.dim() != 0:
            raise RuntimeError(f"fill_ solo acepta un valor de dimensión 0, pero recibió uno con {value.dim()} dimensiones")
        if not isinstance(value, Tensor):
            _check_fits(value, self.dtype)
        # Un número se escribe igual en todas partes; un tensor de dimensión 0, en cambio, PyTorch lo copia como
        # cualquier otra entrada, y no admite que el destino sea una vista expandida.
        return self._write(_operand(value, self.dtype), overlapping=not isinstance(value, Tensor))

    def zero_(self) -> "Tensor":
        return self._write(0, overlapping=True)

    def add_(self, other, *, alpha=1) -> "Tensor":
        return self._inplace(np.add, other if alpha == 1 else self._scaled(other, alpha))

    def sub_(self, other, *, alpha=1) -> "Tensor":
        _check_no_bool_subtraction(self, other)
        return self._inplace(np.subtract, other if alpha == 1 else self._scaled(other, alpha))

    def mul_(self, other) -> "Tensor":
        return self._inplace(np.multiply, other)

    def div_(self, other) -> "Tensor":
        if not self.dtype.is_floating_point:
            raise RuntimeError(f"div_ con división real no puede escribir el resultado en un tensor {self.dtype}")
        return self._inplace(np.true_divide, other)

    def pow_(self, exponent) -> "Tensor":
        if not self.dtype.is_floating_point and _has_negative_integer(exponent):
            raise RuntimeError(f"no se permite elevar enteros a potencias enteras negativas (exponente {exponent})")
        return self._inplace(_power, exponent)

    def neg_(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise RuntimeError("la negación con '-' de un tensor bool no está definida; usa logical_not() o '~'")
        return self._inplace(np.negative)

    def exp_(self) -> "Tensor":
        self._require_float_result("exp_")
        return self._inplace(np.exp)

    def abs_(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise NotImplementedError("abs_ no está implementado para tensores bool")
        return self._inplace(np.abs)

    def floor_(self) -> "Tensor":
        return self._rounded_(np.floor, "floor_")

    def round_(self, *, decimals: int = 0) -> "Tensor":
        return self._rounded_(lambda values: np.round(values, decimals), "round_")

    def _rounded_(self, rounding, name: str) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise NotImplementedError(f"{name} no está implementado para tensores bool")
        if not self.dtype.is_floating_point:  # un entero ya está redondeado (PyTorch tampoco lo cambia)
            self._check_writable()
            return self
        return self._inplace(rounding)

    def erf_(self) -> "Tensor":
        self._require_float_result("erf_")
        return self._inplace(_erf)

    def sqrt_(self) -> "Tensor":
        self._require_float_result("sqrt_")
        return self._inplace(np.sqrt)

    def clamp_(self, min=None, max=None) -> "Tensor":  # noqa: A002
        _check_broadcast_into(self._shape, [b._shape for b in (min, max) if isinstance(b, Tensor)])
        result = self.clamp(min, max)
        if not dtypes.can_cast(result.dtype, self.dtype):
            raise RuntimeError(f"clamp_: el resultado es de tipo {result.dtype} y no cabe en un tensor {self.dtype}")
        return self._write(result._values())

    def relu_(self) -> "Tensor":
        return self._write(self.relu()._values())

    def sigmoid_(self) -> "Tensor":
        self._require_float_result("sigmoid_")
        return self._write(self.sigmoid()._values())

    def tanh_(self) -> "Tensor":
        self._require_float_result("tanh_")
        return self._write(self.tanh()._values())

    def _require_float_result(self, name: str) -> None:
        """Una función real da un resultado real, que una operación in situ no puede guardar en un entero."""
        if not self.dtype.is_floating_point:
            raise RuntimeError(
                f"{name}: el resultado es de tipo {dtypes.get_default_dtype()} y no cabe en un tensor {self.dtype}"
            )

    def addcmul_(self, tensor1, tensor2, *, value=1) -> "Tensor":
        return self.add_(tensor1 * tensor2 * value)

    def addcdiv_(self, tensor1, tensor2, *, value=1) -> "Tensor":
        _check_addcdiv(tensor1, tensor2)
        return self.add_(tensor1 / tensor2 * value)

    def lerp_(self, end, weight) -> "Tensor":
        if isinstance(weight, Tensor) and not dtypes.can_cast(result_type(self, end, weight), self.dtype):
            raise RuntimeError(
                f"lerp_: el resultado es de tipo {result_type(self, end, weight)} y no cabe en un tensor {self.dtype}"
            )
        _check_lerp(self, end, weight)
        return self._inplace(_lerp_values, end, weight)

    def masked_fill_(self, mask: "Tensor", value) -> "Tensor":
        _check_mask(mask, "masked_fill")
        _check_fill_value(value)
        _check_broadcast_into(self._shape, [mask._shape])
        np.copyto(self._values(), _operand(value, self.dtype), where=mask._values())
        self._storage._version += 1
        return self

    def masked_fill(self, mask: "Tensor", value) -> "Tensor":
        """Una copia con ``value`` donde ``mask`` es verdadero; el valor se convierte al tipo de ``self``
        (en un tensor de enteros, 3.7 se escribe como 3), así que el resultado nunca cambia de tipo."""
        _check_mask(mask, "masked_fill")
        _check_fill_value(value)
        value = value.to(self.dtype) if isinstance(value, Tensor) else _operand(value, self.dtype).item()
        # PyTorch copia en contiguo y rellena (también si está vacío: entonces .contiguous() no cambia nada)
        return _empty_unary_layout(self.where(mask.logical_not(), value).contiguous())

    # --- números aleatorios in situ: el generador de PyTorch, los mismos números ----------------------
    def _fill_random(self, draw) -> "Tensor":
        """Escribe ``draw(numel)`` números en el orden en que los reparte PyTorch: el de la memoria.

        Su TensorIterator recorre las dimensiones de mayor a menor stride, así que una traspuesta
        recibe los números «por columnas». Se comprueba antes de sortear: un fallo no gasta números.
        """
        self._check_writable()
        order = sorted(range(len(self._shape)), key=lambda d: -self._stride[d])
        shape, stride = strides.permute_layout(self._shape, self._stride, order)
        self._view_of(shape, stride)._write(draw(self.numel()).reshape(shape))
        return self

    def uniform_(self, a: float = 0.0, b: float = 1.0, *, generator: Generator | None = None) -> "Tensor":
        """Rellena con números uniformes en ``[a, b)``."""
        self._require_float("uniform_")
        gen = generator or default_generator
        return self._fill_random(lambda n: gen.uniform(n, a, b, double=self.dtype is dtypes.float64))

    def normal_(self, mean: float = 0.0, std: float = 1.0, *, generator: Generator | None = None) -> "Tensor":
        """Rellena con números de una normal de media ``mean`` y desviación ``std``."""
        if self.numel():  # PyTorch no mira el tipo de un tensor vacío
            self._require_float("normal_")
        if std < 0:
            raise RuntimeError(f"normal_ espera std >= 0.0, pero se recibió std={std}")
        gen = generator or default_generator
        double, contiguous = self.dtype is dtypes.float64, self.is_contiguous()
        return self._fill_random(lambda n: gen.normal(n, mean, std, double=double, contiguous=contiguous))

    def random_(self, from_: int = 0, to: int | None = None, *, generator: Generator | None = None) -> "Tensor":
        if to is None:
            # Sin límites, PyTorch usa todo el rango del tipo: [0, 2^mantisa] en los reales, [0, máximo] en los enteros.
            full_range = {"float32": 2**24 + 1, "float64": 2**53 + 1, "int64": 2**63, "int32": 2**31, "bool": 2}
            from_, to = 0, from_ if from_ else full_range[self.dtype.name]
        gen = generator or default_generator
        return self._fill_random(lambda n: gen.integers(n, from_, to))

    def bernoulli_(self, p: float = 0.5, *, generator: Generator | None = None) -> "Tensor":
        return self._fill_random(lambda n: (generator or default_generator).bernoulli(n, p))

    def exponential_(self, lambd: float = 1.0, *, generator: Generator | None = None) -> "Tensor":
        """Rellena con números de una exponencial de parámetro ``lambd`` (de media ``1 / lambd``)."""
        if not self.dtype.is_floating_point:
            raise RuntimeError(f"la distribución exponencial es continua: el tensor debe ser real, no {self.dtype}")
        if not lambd > 0:
            raise RuntimeError(f"exponential_ espera lambd > 0, pero recibió lambd={lambd}")
        return self._fill_random(lambda n: (generator or default_generator).exponential(n, lambd))

    def multinomial(self, num_samples: int, replacement: bool = False, *, generator: Generator | None = None) -> "Tensor":
        """Sortea ``num_samples`` índices de la última dimensión, cada uno con probabilidad proporcional a su
        valor (no hace falta que sumen 1): una fila de muestras por distribución. Mismos números que PyTorch."""
        if not 1 <= self.dim() <= 2:
            raise RuntimeError(f"multinomial: las probabilidades deben tener 1 o 2 dimensiones, no {self.dim()}")
        if not self.dtype.is_floating_point:
            raise RuntimeError(f"multinomial solo admite probabilidades de tipo real, no {self.dtype}")
        if num_samples <= 0:
            raise RuntimeError(f"multinomial: no se pueden sortear {num_samples} muestras")
        categories = self._shape[-1]
        if not replacement and num_samples > categories:
            raise RuntimeError(
                f"multinomial: sin reemplazo no se pueden sortear {num_samples} muestras entre {categories} categorías"
            )
        rows = self._values().reshape(strides.numel(self._shape[:-1]), categories)
        gen = generator or default_generator
        if num_samples == 1 or not replacement:
            # El truco de Gumbel: con q exponencial, argmax(p / q) sale con probabilidad proporcional a p, y
            # los k mayores son k muestras sin reemplazo. PyTorch lo usa también para una sola muestra.
            if not (np.all(rows >= 0) and np.all(rows < np.inf)):
                raise RuntimeError("multinomial: las probabilidades contienen inf, nan o algún valor negativo")
            if np.any(rows.sum(axis=1) == 0):
                raise RuntimeError("multinomial: distribución no válida (la suma de las probabilidades es 0)")
            q = Tensor._from_array(np.empty_like(self._values())).exponential_(generator=gen)._values()
            ratio = (self._values() / q).reshape(rows.shape)
            chosen = np.argsort(-ratio, axis=-1, kind="stable")[:, :num_samples]
        else:
            chosen = np.stack([_sample_with_replacement(row, num_samples, gen) for row in rows]) if rows.size else rows
        return Tensor._from_array(chosen.astype(np.int64).reshape(self._shape[:-1] + (num_samples,)))

    def _require_float(self, name: str) -> None:
        if not self.dtype.is_floating_point:
            raise NotImplementedError(f"{name} solo está implementado para tensores reales, no para {self.dtype}")

    def requires_grad_(self, requires_grad: bool = True) -> "Tensor":
        """Pide (o deja de pedir) el gradiente de esta hoja; en un resultado intermedio, True no cambia nada."""
        if type(requires_grad) is not bool:
            raise TypeError(f"requires_grad_(): requires_grad debe ser un booleano, no {type(requires_grad).__name__}")
        if not (requires_grad and self.grad_fn is not None):
            self.requires_grad = requires_grad
        return self

    # --- aritmética elemento a elemento (con difusión) ---------------------------------------------
    def _binary(self, other, ufunc, out_dtype: DType | None = None, compute: DType | None = None, into=None) -> "Tensor":
        """``ufunc(self, other)`` en el tipo promovido; el resultado es de tipo ``out_dtype`` si se indica.

        ``into``: el ``ndarray`` de un operando temporal sobre el que escribir el resultado si tiene su
        forma y su tipo (ver ``temporaries.py``)."""
        own = self._storage.dtype
        if type(other) is Tensor and compute is None and into is None:
            # Atajo del caso más común, ``x + y`` con dos tensores contiguos del mismo tipo y la misma forma:
            # numpy los combina tal cual y su resultado ya tiene la disposición de PyTorch.
            a, b = self._cached, other._cached
            if (
                a is not None and b is not None and other._storage.dtype is own and other._shape == self._shape
                and a.flags.c_contiguous and b.flags.c_contiguous
            ):
                return Tensor._from_array(ufunc(a, b), out_dtype or own)
        is_tensor = isinstance(other, Tensor)
        if not is_tensor and isinstance(other, (np.generic, np.ndarray)):
            other, is_tensor = _numpy_operand(other), isinstance(other, np.ndarray)
        if compute is None:
            # Atajo del caso más común (mismo tipo, o un número que no cambia de categoría).
            kind = other._storage.dtype if is_tensor else _SCALAR_KIND.get(type(other))
            if (
                kind is own
                or (kind is _PY_FLOAT and own.is_floating_point)
                or (kind is _PY_INT and own is not dtypes.bool)
            ):
                compute = own
            else:
                compute = result_type(self, other)
        a = self._cached
        if a is None:
            a = self._values()
        if compute is not own:
            a = a.astype(compute.numpy)
        if is_tensor:
            b = other._cached
            if b is None:
                b = other._values()
            # Un bool se combina con cualquier tipo sin cambiarlo (también en numpy): no hace falta convertirlo.
            if other._storage.dtype is not compute and other._storage.dtype is not dtypes.bool:
                b = b.astype(compute.numpy)
        else:
            b = _operand(other, compute)
        if is_tensor and other._shape == self._shape:
            shape = self._shape
            standard = a.flags.c_contiguous and b.flags.c_contiguous
        else:
            shape = _broadcast_pair(self._shape, other._shape) if is_tensor else self._shape
            standard = _has_standard_strides(self) and (not is_tensor or _has_standard_strides(other))
        if into is not None and standard and out_dtype is None and into.shape == shape and into.dtype == compute.numpy:
            return Tensor._from_array(ufunc(a, b, out=into), compute)
        result = ufunc(a, b)
        if not standard:
            return _elementwise_result(result, (self, other), out_dtype or compute)
        return Tensor._from_array(result, out_dtype or compute)

    def _unary(self, ufunc, floating: bool = False) -> "Tensor":
        """``floating``: como en PyTorch, las funciones reales de un tensor entero dan ``float32``."""
        values = self._cached
        if values is None:
            values = self._values()
        target = self._storage.dtype
        standard = values.flags.c_contiguous
        if floating and not target.is_floating_point:
            target = dtypes.get_default_dtype()
            values = values.astype(target.numpy)
        result = ufunc(values)
        if not standard:
            return _elementwise_result(result, (self,), target)
        return Tensor._from_array(result, target)

    def _scaled(self, other, alpha):
        """``other * alpha`` para ``add`` y ``sub``: como PyTorch, un alpha real no vale entre enteros, y alpha no
        interviene en el tipo del resultado: se multiplica en el tipo común de ``self`` y ``other``."""
        compute = result_type(self, other)
        if isinstance(alpha, builtins.float) and not compute.is_floating_point:
            raise RuntimeError(f"con tensores enteros, alpha no puede ser un número real (se recibió alpha={alpha})")
        if compute is dtypes.bool:
            return other & builtins.bool(alpha)  # entre bools, alpha solo dice si other se suma o no
        if isinstance(other, Tensor) and other.dtype is not compute:
            other = other.to(compute)
        return other * alpha

    def add(self, other, *, alpha=1) -> "Tensor":
        return self._binary(other if alpha == 1 else self._scaled(other, alpha), np.add)

    def sub(self, other, *, alpha=1) -> "Tensor":
        _check_no_bool_subtraction(self, other)
        return self._binary(other if alpha == 1 else self._scaled(other, alpha), np.subtract)

    def rsub(self, other, *, alpha=1) -> "Tensor":
        """``other - self`` (lo que calcula ``2 - x``)."""
        _check_no_bool_subtraction(self, other)
        return self._binary(other, lambda a, b: np.subtract(b, a))

    def mul(self, other) -> "Tensor":
        return self._binary(other, np.multiply)

    def div(self, other, *, rounding_mode: str | None = None) -> "Tensor":
        """División real; con ``rounding_mode='floor'`` o ``'trunc'``, redondeada."""
        if rounding_mode is None:
            return self._binary(other, np.true_divide, compute=_true_division_dtype(self, other))
        if rounding_mode == "floor":
            return self._binary(other, _floor_divide)
        if rounding_mode == "trunc":
            return self._binary(other, _trunc_divide)
        raise ValueError(f"div: rounding_mode debe ser None, 'trunc' o 'floor', no '{rounding_mode}'")

    true_divide = divide = div
    multiply = mul
    subtract = sub

    def floor_divide(self, other) -> "Tensor":
        """``self // other``, redondeada hacia abajo. Como en PyTorch, sin derivada: ``backward()`` falla."""
        return self._binary(other, _floor_divide)

    def _rfloor_divide(self, base) -> "Tensor":
        """``base // self`` con ``base`` un número."""
        return self._binary(base, lambda a, b: _floor_divide(b, a))

    def remainder(self, other) -> "Tensor":
        """El resto de ``self / other`` con el signo de ``other``, como el ``%`` de Python."""
        return self._binary(other, _remainder)

    def _rremainder(self, base) -> "Tensor":
        """``base % self`` con ``base`` un número."""
        return self._binary(base, lambda a, b: _remainder(b, a))

    def floor_divide_(self, other) -> "Tensor":
        return self._inplace(_floor_divide, other)

    def remainder_(self, other) -> "Tensor":
        return self._inplace(_remainder, other)

    def reciprocal(self) -> "Tensor":
        return self._unary(np.reciprocal, floating=True)

    def pow(self, exponent) -> "Tensor":
        if not self.dtype.is_floating_point and _has_negative_integer(exponent):
            raise RuntimeError(f"no se permite elevar enteros a potencias enteras negativas (exponente {exponent})")
        if self.dtype is dtypes.bool and getattr(exponent, "dtype", None) is dtypes.bool:
            strides.broadcast_shapes(self._shape, exponent._shape)  # PyTorch mira antes las formas
            raise NotImplementedError("pow no está implementada entre tensores bool")
        result = self._binary(exponent, _power)
        return result if isinstance(exponent, Tensor) else _empty_unary_layout(result)

    def _rpow(self, base) -> "Tensor":
        """``base ** self`` con ``base`` un número."""
        if self.dtype is dtypes.bool and isinstance(base, builtins.bool):
            raise NotImplementedError("pow no está implementada entre valores bool")
        return _empty_unary_layout(self._binary(base, lambda a, b: _power(b, a)))

    def neg(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise RuntimeError("la negación con '-' de un tensor bool no está definida; usa logical_not() o '~'")
        return self._unary(np.negative)

    negative = neg

    def abs(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise NotImplementedError("abs no está implementada para tensores bool")
        return self._unary(np.abs)

    def sign(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            return Tensor._from_array(self._values().copy())  # el signo de True es True
        return self._unary(_sign)

    # Redondeos: un entero ya está redondeado (se copia); un bool no se redondea, como en PyTorch.
    def floor(self) -> "Tensor":
        return self._rounded(np.floor, "floor")

    def ceil(self) -> "Tensor":
        return self._rounded(np.ceil, "ceil")

    def trunc(self) -> "Tensor":
        return self._rounded(np.trunc, "trunc")

    def round(self, *, decimals: int = 0) -> "Tensor":
        """Al entero más cercano; en el empate, al par (``2.5 → 2``, ``3.5 → 4``), como PyTorch y numpy."""
        if decimals and not self.dtype.is_floating_point:
            raise NotImplementedError(f"round con decimals no está implementado para tensores {self.dtype}")
        return self._rounded(lambda values: np.round(values, decimals), "round")

    def _rounded(self, rounding, name: str) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise NotImplementedError(f"{name} no está implementado para tensores bool")
        if not self.dtype.is_floating_point:
            return _empty_unary_layout(self.clone())
        return self._unary(rounding)

    def exp(self) -> "Tensor":
        return self._unary(np.exp, floating=True)

    def log(self) -> "Tensor":
        return self._unary(np.log, floating=True)

    def log1p(self) -> "Tensor":
        return self._unary(np.log1p, floating=True)

    def sqrt(self) -> "Tensor":
        return self._unary(np.sqrt, floating=True)

    def rsqrt(self) -> "Tensor":
        return self._unary(lambda v: 1 / np.sqrt(v), floating=True)

    def log2(self) -> "Tensor":
        return self._unary(np.log2, floating=True)

    def log10(self) -> "Tensor":
        return self._unary(np.log10, floating=True)

    def expm1(self) -> "Tensor":
        """``eˣ − 1``, exacto también para ``x`` muy pequeños (donde ``exp(x) - 1`` pierde las cifras)."""
        return self._unary(np.expm1, floating=True)

    def sin(self) -> "Tensor":
        return self._unary(np.sin, floating=True)

    def tan(self) -> "Tensor":
        return self._unary(np.tan, floating=True)

    def asin(self) -> "Tensor":
        return self._unary(np.arcsin, floating=True)

    def acos(self) -> "Tensor":
        return self._unary(np.arccos, floating=True)

    def atan(self) -> "Tensor":
        return self._unary(np.arctan, floating=True)

    def sinh(self) -> "Tensor":
        return self._unary(np.sinh, floating=True)

    def cosh(self) -> "Tensor":
        return self._unary(np.cosh, floating=True)

    def atan2(self, other: "Tensor") -> "Tensor":
        """El ángulo de ``(other, self)`` (x = ``other``, y = ``self``), entre −π y π: sabe en qué cuadrante está."""
        return self._binary(other, np.arctan2, compute=_true_division_dtype(self, other))

    arcsin, arccos, arctan, arctan2 = asin, acos, atan, atan2

    def cos(self) -> "Tensor":
        return self._unary(np.cos, floating=True)

    def tanh(self) -> "Tensor":
        return self._unary(np.tanh, floating=True)

    def sigmoid(self) -> "Tensor":
        return self._unary(_sigmoid, floating=True)

    def erf(self) -> "Tensor":
        """La función de error, ``erf(x) = 2/√π ∫₀ˣ e^(−t²) dt`` (numpy no la tiene: ver ``_erf``)."""
        return self._unary(_erf, floating=True)

    def relu(self) -> "Tensor":
        if self.dtype is dtypes.bool:
            raise RuntimeError("relu no está definida para tensores bool")
        return self._unary(_relu)

    def square(self) -> "Tensor":
        return self.pow(2)

    def clamp(self, min=None, max=None) -> "Tensor":  # noqa: A002 (nombres de PyTorch)
        if min is None and max is None:
            raise RuntimeError("clamp: al menos uno de 'min' o 'max' no puede ser None")
        compute = result_type(self, *(b for b in (min, max) if b is not None))
        strides.broadcast_shapes(self._shape, *(b._shape for b in (min, max) if isinstance(b, Tensor)))
        values = self._values().astype(compute.numpy, copy=False)
        # como PyTorch, un valor igual al límite se queda tal cual (clamp(-0., min=0) da -0.); nan se propaga
        if min is not None:
            bound = _operand(min, compute)
            values = np.where(values == bound, values, np.maximum(values, bound))
        if max is not None:
            bound = _operand(max, compute)
            values = np.where(values == bound, values, np.minimum(values, bound))
        if values is self._values():
            values = values.copy()
        bounds = tuple(b for b in (min, max) if isinstance(b, Tensor))  # los números no cuentan en PyTorch
        if not _has_standard_strides(self) or any(not _has_standard_strides(b) for b in bounds):
            return _elementwise_result(values, (self,) + bounds, compute)
        return Tensor._from_array(values, compute)

    clip = clamp

    def maximum(self, other: "Tensor") -> "Tensor":
        _check_tensor_argument(other, "maximum")  # PyTorch no admite aquí un número
        return self._binary(other, np.maximum)

    def minimum(self, other: "Tensor") -> "Tensor":
        _check_tensor_argument(other, "minimum")  # PyTorch no admite aquí un número
        return self._binary(other, np.minimum)

    def where(self, condition: "Tensor", other) -> "Tensor":
        """``condition ? self : other`` elemento a elemento (``minitorch.where(condition, self, other)``)."""
        if not isinstance(condition, Tensor) or condition.dtype is not dtypes.bool:
            found = condition.dtype if isinstance(condition, Tensor) else type(condition).__name__
            raise RuntimeError(f"where espera una condición de tipo bool, pero recibió {found}")
        compute = result_type(self, other)
        strides.broadcast_shapes(condition._shape, self._shape, getattr(other, "_shape", ()))
        chosen = np.where(condition._values(), self._values().astype(compute.numpy, copy=False), _operand(other, compute))
        inputs = (condition, self, other)
        if not all(_has_standard_strides(t) for t in inputs if isinstance(t, Tensor)):
            return _elementwise_result(chosen, inputs, compute)
        return Tensor._from_array(chosen, compute)

    def lerp(self, end, weight) -> "Tensor":
        """``self + weight · (end − self)``: el punto a una fracción ``weight`` del camino de ``self`` a ``end``."""
        _check_lerp(self, end, weight)
        return self + (end - self) * weight

    # --- comparaciones y lógica ---------------------------------------------------------------------
    def eq(self, other) -> "Tensor":
        return self._binary(other, np.equal, dtypes.bool)

    def ne(self, other) -> "Tensor":
        return self._binary(other, np.not_equal, dtypes.bool)

    def lt(self, other) -> "Tensor":
        return self._binary(other, np.less, dtypes.bool)

    def le(self, other) -> "Tensor":
        return self._binary(other, np.less_equal, dtypes.bool)

    def gt(self, other) -> "Tensor":
        return self._binary(other, np.greater, dtypes.bool)

    def ge(self, other) -> "Tensor":
        return self._binary(other, np.greater_equal, dtypes.bool)

    def equal(self, other: "Tensor") -> bool:
        """¿Misma forma y mismos valores?"""
        _check_tensor_argument(other, "equal")
        return self._shape == other._shape and builtins.bool(np.array_equal(self._values(), other._values()))

    def allclose(self, other: "Tensor", rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> bool:
        """¿Cumplen todos los elementos ``|self − other| ≤ atol + rtol·|other|``? (ver ``isclose``)."""
        return builtins.bool(np.all(self.isclose(other, rtol, atol, equal_nan)._values()))

    def isclose(self, other: "Tensor", rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> "Tensor":
        """Elemento a elemento, ``|self − other| ≤ atol + rtol·|other|``; los dos tensores, del mismo tipo."""
        _check_tensor_argument(other, "isclose")
        if other._storage.dtype is not self._storage.dtype:
            raise RuntimeError(f"isclose: los dos tensores deben ser del mismo tipo, pero son {self.dtype} y {other.dtype}")
        for name, tolerance in (("rtol", rtol), ("atol", atol)):
            if tolerance < 0:
                raise RuntimeError(f"isclose: {name} no puede ser negativa, pero vale {tolerance}")
        _broadcast_pair(self._shape, other._shape)  # el error de PyTorch si las formas no se pueden difundir
        close = np.isclose(self._values(), other._values(), rtol=rtol, atol=atol, equal_nan=equal_nan)
        return Tensor._from_array(close)

    def logical_not(self) -> "Tensor":
        return _elementwise_like(np.logical_not(self._values()), self, dtypes.bool)

    def logical_and(self, other) -> "Tensor":
        return self._logical(other, np.logical_and)

    def logical_or(self, other) -> "Tensor":
        return self._logical(other, np.logical_or)

    def logical_xor(self, other) -> "Tensor":
        return self._logical(other, np.logical_xor)

    def _logical(self, other, ufunc) -> "Tensor":
        """Cada operando es verdadero si no es 0 en su propio tipo, sin promoverlo: ``0.5`` es verdadero
        aunque el otro operando sea entero (convertido a entero sería 0)."""
        if isinstance(other, Tensor):
            _broadcast_pair(self._shape, other._shape)  # RuntimeError, como en PyTorch, si no se pueden difundir
            result = ufunc(self._values(), other._values())
        else:
            result = ufunc(self._values(), np.asarray(other))
        if _has_standard_strides(self) and (not isinstance(other, Tensor) or _has_standard_strides(other)):
            return Tensor._from_array(result, dtypes.bool)
        return _elementwise_result(result, (self, other), dtypes.bool)

    def isnan(self) -> "Tensor":
        return _elementwise_like(np.isnan(self._values()), self, dtypes.bool)

    def isinf(self) -> "Tensor":
        return _elementwise_like(np.isinf(self._values()), self, dtypes.bool)

    def isfinite(self) -> "Tensor":
        return _elementwise_like(np.isfinite(self._values()), self, dtypes.bool)

    def any(self, dim=None, keepdim: bool = False) -> "Tensor":
        return self._reduce(np.any, dim, keepdim, dtypes.bool)

    def all(self, dim=None, keepdim: bool = False) -> "Tensor":
        return self._reduce(np.all, dim, keepdim, dtypes.bool)

    # --- reducciones --------------------------------------------------------------------------------
    def _reduce_axes(self, dim) -> tuple[int, ...] | None:
        if dim is None:
            return None
        if type(dim) is builtins.int and self._shape:  # lo más común: una sola dimensión
            return (strides.normalize_dim(dim, len(self._shape)),)
        dims = dim if isinstance(dim, (tuple, list)) else (dim,)
        if not dims:
            return None
        axes = tuple(strides.normalize_dim(d, self.dim()) for d in dims)
        if len(set(axes)) != len(axes):
            raise RuntimeError(f"la dimensión {axes[0]} aparece más de una vez en la lista de dimensiones {list(dims)}")
        return axes if self._shape else ()

    def _reduce(self, npfunc, dim, keepdim: bool, out_dtype: DType, **kwargs) -> "Tensor":
        """Reduce con ``npfunc``: un ufunc (``np.add`` para sumar: se usa su ``reduce``, sin la capa de Python
        de ``np.sum``, y acumula en ``out_dtype``) o una función con los argumentos ``axis`` y ``keepdims``."""
        axes = self._reduce_axes(dim)
        values = self._cached
        if values is None:
            values = self._values()
        if values.dtype is not out_dtype.numpy and out_dtype.is_floating_point and values.dtype != out_dtype.numpy:
            values = values.astype(out_dtype.numpy)
        if type(npfunc) is np.ufunc:  # sum y prod: su reduce, con argumentos posicionales (lo más barato)
            if axes is None and not keepdim:
                # Al reducir todo, un out= de dimensión 0 hace que reduce dé un array (ya contiguo) y no un
                # escalar de numpy, que habría que volver a convertir.
                total = npfunc.reduce(values, None, out_dtype.numpy, np.empty((), out_dtype.numpy), False)
                return Tensor._from_array(total, out_dtype)
            result = npfunc.reduce(values, axes, out_dtype.numpy, None, keepdim)
        elif npfunc in _REDUCTIONS_IN_PYTHON:
            with warnings.catch_warnings():  # PyTorch da inf o nan sin avisar (también con 0 elementos)
                warnings.simplefilter("ignore", RuntimeWarning)
                result = npfunc(values, axis=axes, keepdims=keepdim, **kwargs)
        else:
            result = npfunc(values, axis=axes, keepdims=keepdim, **kwargs)
        return Tensor._from_array(_reduction_result(result), out_dtype)

    def _accumulating_dtype(self, requested: DType | None) -> DType:
        """Sumas y productos de enteros o bools se acumulan en ``int64`` (como en PyTorch)."""
        if requested is not None:
            return requested
        dtype = self._storage.dtype
        return dtype if dtype.is_floating_point else dtypes.int64

    def sum(self, dim=None, keepdim: bool = False, *, dtype: DType | None = None) -> "Tensor":
        return self._reduce(np.add, dim, keepdim, self._accumulating_dtype(dtype))

    def nansum(self, dim=None, keepdim: bool = False, *, dtype: DType | None = None) -> "Tensor":
        """La suma sin contar los NaN (como si valieran 0)."""
        out = self._accumulating_dtype(dtype)
        return self._reduce(np.nansum, dim, keepdim, out, dtype=out.numpy)

    def count_nonzero(self, dim=None) -> "Tensor":
        """Cuántos elementos no son cero (en todo el tensor o a lo largo de ``dim``, que puede ser una lista)."""
        return (self != 0).sum(dim)

    def median(self, dim=None, keepdim: bool = False):
        """La mediana; con un número par de datos, el menor de los dos centrales (como PyTorch, no su media).
        Sin ``dim``, de todo el tensor; con ``dim``, la tupla ``(values, indices)``. Un NaN es la mediana de su fila."""
        if self.dtype is dtypes.bool:
            raise NotImplementedError("median no está implementado para tensores bool")
        if dim is None:
            values = self._values().reshape(-1)
            if values.size == 0:
                return Tensor._from_array(np.array(np.nan, self._storage.dtype.numpy), self.dtype)
            return Tensor._from_array(self._median_along(values, 0)[0], self.dtype)
        _check_single_dim("median", dim)
        self._check_reducible("median", dim, IndexError)
        axis = strides.normalize_dim(dim, self.dim())
        values = self._values() if self._shape else self._values().reshape(1)
        chosen, indices = self._median_along(values, 0 if not self._shape else axis)
        if not self._shape:
            chosen, indices = chosen.reshape(()), indices.reshape(())
        elif keepdim:
            chosen, indices = np.expand_dims(chosen, axis), np.expand_dims(indices, axis)
        return _MEDIAN(Tensor._from_array(chosen, self.dtype), Tensor._from_array(indices, dtypes.int64))

    @staticmethod
    def _median_along(values: np.ndarray, axis: int):
        """Los valores y posiciones de la mediana a lo largo de ``axis`` (sin esa dimensión)."""
        order = np.argsort(values, axis=axis, kind="stable")  # numpy deja los NaN al final
        middle = np.take(order, [(values.shape[axis] - 1) // 2], axis=axis)
        if values.dtype.kind == "f":
            nan = np.isnan(values)
            first_nan = np.expand_dims(np.argmax(nan, axis=axis), axis)
            middle = np.where(np.expand_dims(nan.any(axis=axis), axis), first_nan, middle)
        chosen = np.take_along_axis(values, middle, axis)
        return chosen.squeeze(axis), middle.squeeze(axis).astype(np.int64)

    def prod(self, dim=None, keepdim: bool = False, *, dtype: DType | None = None) -> "Tensor":
        if isinstance(dim, (tuple, list)):
            raise TypeError("prod() solo acepta una dimensión (un entero), no una lista")
        out = self._accumulating_dtype(dtype)
        with np.errstate(over="ignore"):  # un producto grande da inf sin avisar, como en PyTorch
            return self._reduce(np.multiply, dim, keepdim, out)

    def _require_float_reduction(self, name: str, dtype: DType | None) -> DType:
        out = dtype or self.dtype
        if not out.is_floating_point:
            raise RuntimeError(
                f"{name}(): no se puede deducir el tipo del resultado: la entrada debe ser real, pero es {self.dtype}"
            )
        return out

    def mean(self, dim=None, keepdim: bool = False, *, dtype: DType | None = None) -> "Tensor":
        out = self._require_float_reduction("mean", dtype)
        return self._reduce(_mean, dim, keepdim, out, dtype=out.numpy)

    def var(self, dim=None, unbiased: bool | None = None, keepdim: bool = False, *, correction=None) -> "Tensor":
        out = self._require_float_reduction("var", None)
        ddof = _correction(unbiased, correction)
        return self._warn_no_freedom("var", self._reduce(np.ndarray.var, dim, keepdim, out, ddof=ddof), ddof)

    def std(self, dim=None, unbiased: bool | None = None, keepdim: bool = False, *, correction=None) -> "Tensor":
        out = self._require_float_reduction("std", None)
        ddof = _correction(unbiased, correction)
        return self._warn_no_freedom("std", self._reduce(np.ndarray.std, dim, keepdim, out, ddof=ddof), ddof)

    def _warn_no_freedom(self, name: str, result: "Tensor", ddof) -> "Tensor":
        """La varianza de un solo dato (con la corrección de Bessel) es 0/0: sale nan y, como PyTorch, se avisa."""
        if result.numel() and self.numel() // result.numel() - ddof <= 0:
            warnings.warn(
                f"{name}(): no quedan grados de libertad (datos por resultado: {self.numel() // result.numel()}; "
                f"corrección: {ddof}): el resultado es nan o infinito",
                UserWarning,
                stacklevel=3,
            )
        return result

    def _extreme(self, name: str, npfunc, argfunc, dim, keepdim: bool, result_type_):
        if isinstance(dim, Tensor):
            return self.maximum(dim) if name == "max" else self.minimum(dim)
        _check_single_dim(name, dim)
        self._check_reducible(name, dim)
        if dim is None:
            return Tensor._from_array(npfunc(self._values()), self.dtype)
        axis = strides.normalize_dim(dim, self.dim())
        values = self._values() if self._shape else self._values().reshape(1)
        if not self._shape:
            axis = 0
        indices = argfunc(values, axis=axis, keepdims=keepdim)
        chosen = np.take_along_axis(values, indices if keepdim else np.expand_dims(indices, axis), axis)
        if not keepdim:
            chosen = chosen.squeeze(axis)
        if not self._shape:
            chosen, indices = chosen.reshape(()), indices.reshape(())
        return result_type_(Tensor._from_array(chosen, self.dtype), Tensor._from_array(indices, dtypes.int64))

    def max(self, dim=None, keepdim: bool = False):
        """Sin ``dim``, el máximo; con ``dim``, la tupla ``(values, indices)``; con un tensor, ``maximum``."""
        # numpy y PyTorch coinciden: un NaN es a la vez el máximo y el mínimo, y gana el primero.
        return self._extreme("max", np.max, np.argmax, dim, keepdim, _MAX)

    def min(self, dim=None, keepdim: bool = False):
        return self._extreme("min", np.min, np.argmin, dim, keepdim, _MIN)

    def _check_reducible(self, name: str, dim, no_dim_error=RuntimeError) -> None:
        """max, min, argmax... no tienen valor neutro: no pueden reducir una dimensión vacía."""
        if self.numel() != 0:
            return
        dims = () if dim is None else dim if isinstance(dim, (tuple, list)) else (dim,)
        if not dims:
            raise no_dim_error(
                f"{name}(): el tensor de forma {list(self._shape)} está vacío; indica con 'dim' qué dimensión reducir"
            )
        for d in dims:
            d = strides.normalize_dim(d, self.dim())
            if self._shape[d] == 0:
                raise IndexError(f"{name}(): la dimensión {d} que se reduce tiene tamaño 0 (forma {list(self._shape)})")

    def _check_not_bool(self, name: str) -> None:
        if self.dtype is dtypes.bool:
            raise RuntimeError(f"{name}() no admite tensores bool")

    # --- ordenar y elegir con índices ---------------------------------------------------------------
    def sort(self, dim: int = -1, descending: bool = False, stable: bool = False):
        """Los valores ordenados a lo largo de ``dim`` y de qué posición venía cada uno: ``(values, indices)``.

        Siempre es estable (los empates conservan su orden), como PyTorch con ``stable=True``; los NaN van
        al final (al principio si ``descending``).
        """
        indices = self._sorting_indices(dim, descending)
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        values = self._values()
        chosen = np.take_along_axis(values, indices, axis) if values.ndim else values.copy()
        return _SORT(_like_layout(chosen, self, self._storage.dtype), _like_layout(indices, self, dtypes.int64))

    def argsort(self, dim: int = -1, descending: bool = False, stable: bool = False) -> "Tensor":
        return _like_layout(self._sorting_indices(dim, descending), self, dtypes.int64)

    def unique(self, sorted: bool = True, return_inverse: bool = False, return_counts: bool = False,  # noqa: A002
               dim: int | None = None):
        """Los valores distintos, ordenados. Con ``return_inverse``, además, la posición de cada elemento en
        esa lista; con ``return_counts``, cuántas veces aparece cada valor; con ``dim``, los cortes distintos
        a lo largo de esa dimensión (las filas distintas, con ``dim=0``). Cada ``nan`` cuenta aparte."""
        values = self._values()
        if dim is None:
            distinct, inverse, counts = np.unique(values.reshape(-1), return_inverse=True, return_counts=True, equal_nan=False)
            inverse = inverse.reshape(self._shape)
        else:
            axis = strides.normalize_dim(dim, self.dim())
            distinct, inverse, counts = np.unique(values, return_inverse=True, return_counts=True, axis=axis, equal_nan=False)
            inverse = inverse.reshape(-1)
        result = [Tensor._from_array(distinct, self._storage.dtype)]
        if return_inverse:
            result.append(Tensor._from_array(inverse.astype(np.int64)))
        if return_counts:
            result.append(Tensor._from_array(counts.astype(np.int64)))
        return result[0] if len(result) == 1 else tuple(result)

    def topk(self, k: int, dim: int = -1, largest: bool = True, sorted: bool = True):  # noqa: A002 (nombre de PyTorch)
        """Los ``k`` mayores (o menores, con ``largest=False``) a lo largo de ``dim``: ``(values, indices)``."""
        if self.dtype is dtypes.bool:
            raise RuntimeError("topk no admite tensores bool (conviértelo antes, por ejemplo con .int())")
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        size = self._shape[axis] if self._shape else 1
        if not 0 <= k <= size:
            raise RuntimeError(f"topk: k ({k}) debe estar entre 0 y el tamaño de la dimensión {axis} ({size})")
        values, indices = self.sort(dim, descending=largest)
        if self._shape:
            values, indices = values.narrow(axis, 0, k), indices.narrow(axis, 0, k)
        # Contiguos del todo, también en las dimensiones de tamaño 1 (que ``contiguous()`` no retoca).
        return _TOPK(*(Tensor._from_array(np.asarray(t._values(), order="C"), t.dtype) for t in (values, indices)))

    def _sorting_indices(self, dim: int, descending: bool) -> np.ndarray:
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        values = self._values()
        if not values.ndim:
            return np.zeros((), np.int64)
        if not descending:
            return np.argsort(values, axis=axis, kind="stable")
        # De mayor a menor sin perder la estabilidad: se ordena de menor a mayor la fila al revés y se da
        # la vuelta al resultado. Los empates quedan en su orden original y los NaN, al principio.
        last = values.shape[axis] - 1
        reversed_order = np.argsort(np.flip(values, axis), axis=axis, kind="stable")
        return np.ascontiguousarray(np.flip(last - reversed_order, axis))

    def gather(self, dim: int, index: "Tensor") -> "Tensor":
        """``out[i][j] = self[i][index[i][j]]`` (con ``dim=1``): elige en cada fila las posiciones de ``index``."""
        axis, positions = _check_gather_index(self, dim, index)
        if not positions.size:  # PyTorch no comprueba nada más: un resultado vacío con la forma del índice
            return Tensor._from_array(np.empty(positions.shape, self._storage.dtype.numpy), self._storage.dtype)
        # Un tensor 0-d cuenta como uno de un elemento (en la entrada y en el índice).
        values, chosen_shape = self._values().reshape(self._shape or (1,)), positions.shape
        positions = positions.reshape(chosen_shape or (1,))
        # Solo cuenta la parte de la entrada que cubre el índice (en las dimensiones que no son ``dim``).
        region = values[tuple(slice(None) if d == axis else slice(0, n) for d, n in enumerate(positions.shape))]
        return Tensor._from_array(np.take_along_axis(region, positions, axis).reshape(chosen_shape), self._storage.dtype)

    def take_along_dim(self, indices: "Tensor", dim: int | None = None) -> "Tensor":
        """Como ``numpy.take_along_axis``: ``gather`` tras difundir la entrada y los índices en las demás
        dimensiones; sin ``dim``, sobre los dos tensores aplanados."""
        if not isinstance(indices, Tensor):
            raise TypeError(f"take_along_dim(): el argumento 'indices' debe ser un tensor, no {type(indices).__name__}")
        if indices.dtype is not dtypes.int64:
            raise RuntimeError(f"torch.take_along_dim(): los índices deben ser de tipo int64, pero son {indices.dtype}")
        if dim is None:
            return self.reshape(-1).gather(0, indices.reshape(-1))
        if self.dim() != indices.dim():
            raise RuntimeError(
                f"torch.take_along_dim(): la entrada y los índices deben tener el mismo número de dimensiones, pero la "
                f"entrada tiene {self.dim()} (forma {list(self._shape)}) y los índices {indices.dim()} (forma {list(indices._shape)})"
            )
        if not self._shape:
            raise IndexError(f"take_along_dim: se pidió la dimensión {dim}, pero el tensor tiene dimensión 0 (no tiene dimensiones)")
        axis = strides.normalize_dim(dim, self.dim())
        common = list(strides.broadcast_shapes(
            tuple(1 if d == axis else n for d, n in enumerate(self._shape)),
            tuple(1 if d == axis else n for d, n in enumerate(indices._shape)),
        ))
        common[axis] = self._shape[axis]
        source = self if tuple(common) == self._shape else self.expand(common)
        common[axis] = indices._shape[axis]
        index = indices if tuple(common) == indices._shape else indices.expand(common)
        return source.gather(axis, index)

    def index_select(self, dim: int, index: "Tensor") -> "Tensor":
        """Las rebanadas de ``dim`` en las posiciones de ``index`` (un vector de enteros), en ese orden."""
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        if not isinstance(index, Tensor):
            raise TypeError(f"index_select: index debe ser un tensor, no {type(index).__name__}")
        if index.dtype not in (dtypes.int64, dtypes.int32):
            raise RuntimeError(f"index_select: index debe ser un tensor de enteros (int64 o int32), no {index.dtype}")
        if index.dim() > 1:
            raise IndexError(f"index_select: index debe ser un vector, pero tiene {index.dim()} dimensiones")
        positions = index._values().reshape(-1).astype(np.int64)
        if not self._shape and positions.size != 1:
            raise RuntimeError(f"index_select: el índice de un escalar solo puede tener 1 valor, y tiene {positions.size}")
        size = self._shape[axis] if self._shape else 1
        # Con una entrada vacía de más de una dimensión, PyTorch falla por otro camino: RuntimeError.
        empty_matrix = self.numel() == 0 and self.dim() > 1
        if positions.size and not size and empty_matrix:
            raise RuntimeError(f"index_select: la dimensión {axis} tiene tamaño 0 y no hay nada que elegir")
        if positions.size and not 0 <= positions.min() <= positions.max() < size:  # sin índices negativos
            wrong = positions.min() if positions.min() < 0 else positions.max()
            raise (RuntimeError if empty_matrix else IndexError)(
                f"index_select: el índice {wrong} está fuera de rango para la dimensión {axis}, de tamaño {size} "
                "(no admite índices negativos)"
            )
        values = self._values()
        chosen = np.take(values, positions, axis=axis) if values.ndim else values.reshape(1)[positions].reshape(())
        return Tensor._from_array(chosen, self._storage.dtype)

    def tile(self, *dims) -> "Tensor":
        """Como ``repeat``, pero con menos repeticiones que dimensiones se repite solo en las últimas."""
        dims = _shape_arg(dims)
        return self.repeat((1,) * (len(self._shape) - len(dims)) + dims)

    def ravel(self) -> "Tensor":
        """Los elementos en un vector, en el orden de las filas: una vista si el tensor es contiguo."""
        return self.contiguous().view(-1)

    def outer(self, vec2: "Tensor") -> "Tensor":
        """El producto exterior de dos vectores: la matriz ``self[i] · vec2[j]``."""
        for name, t in (("self", self), ("vec2", vec2)):
            if t.dim() != 1:
                raise RuntimeError(f"outer: el argumento {name} debe ser un vector (1-D), pero tiene {t.dim()} dimensiones")
        return self.reshape(self.numel(), 1) * vec2

    def roll(self, shifts, dims=None) -> "Tensor":
        """Desplaza los elementos ``shifts`` posiciones a lo largo de ``dims``; los que salen por un extremo
        entran por el otro. Sin ``dims``, sobre el tensor aplanado."""
        shifts = (shifts,) if isinstance(shifts, builtins.int) else tuple(shifts)
        if dims is None:
            if len(shifts) != 1:
                raise RuntimeError(f"roll: sin dims, shifts debe ser un solo número, no {list(shifts)}")
            rolled = np.roll(self._values().reshape(-1), shifts[0]).reshape(self._shape)
        else:
            dims = (dims,) if isinstance(dims, builtins.int) else tuple(dims)
            if len(shifts) != len(dims):
                raise RuntimeError(f"roll: shifts y dims deben tener la misma longitud, pero son {list(shifts)} y {list(dims)}")
            if not self._shape:
                raise IndexError(f"roll: se pidió la dimensión {dims[0]}, pero el tensor tiene dimensión 0 (no tiene dimensiones)")
            if self.numel() == 0:  # nada que mover: PyTorch ni siquiera comprueba dims, y copia como clone()
                return self._cast(self._storage.dtype)
            else:
                axes = tuple(strides.normalize_dim(d, self.dim()) for d in dims)
                rolled = np.roll(self._values(), shifts, axes)
        # ascontiguousarray convierte un array de dimensión 0 en uno de dimensión 1: se le devuelve su forma.
        return Tensor._from_array(np.ascontiguousarray(rolled).reshape(rolled.shape), self._storage.dtype)

    def nan_to_num(self, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None) -> "Tensor":
        """Cambia cada ``nan`` por ``nan`` (0 si no se indica) y los infinitos por ``posinf`` y ``neginf`` (si no
        se indican, el mayor y el menor número que caben en el tipo)."""
        values = self._values()
        if not self.dtype.is_floating_point:
            return _like_layout(values, self, self._storage.dtype, copy=True)  # como clone()
        # PyTorch escribe en un empty_like de la entrada: la disposición de clone(), no la de exp().
        return _like_layout(np.nan_to_num(values, nan=nan, posinf=posinf, neginf=neginf), self, self._storage.dtype)

    def diagonal(self, offset: int = 0, dim1: int = 0, dim2: int = 1) -> "Tensor":
        """La diagonal ``offset`` de las dimensiones ``dim1`` y ``dim2``: una vista, sin copiar nada."""
        d1, d2 = strides.normalize_dim(dim1, self.dim()), strides.normalize_dim(dim2, self.dim())
        return self._view_of(*strides.diagonal_layout(self._shape, self._stride, self._offset, offset, d1, d2))

    def trace(self) -> "Tensor":
        """La suma de la diagonal de una matriz."""
        if self.dtype is dtypes.bool:  # PyTorch rechaza el tipo antes de mirar la forma
            raise NotImplementedError("trace no está implementado para tensores de tipo bool")
        if self.dim() != 2:
            raise RuntimeError(f"trace: se esperaba una matriz, pero el tensor tiene {self.dim()} dimensiones")
        return self.diagonal().sum()

    def diag(self, diagonal: int = 0) -> "Tensor":
        """De un vector, la matriz cuadrada con él en la diagonal ``diagonal``; de una matriz, esa diagonal (copiada)."""
        if self.dim() == 2:
            return Tensor._from_array(np.array(self.diagonal(diagonal)._values()), self._storage.dtype)
        if self.dim() != 1:
            raise RuntimeError(f"diag: admite tensores de 1 o 2 dimensiones, pero este tiene {self.dim()}")
        size = self._shape[0] + builtins.abs(diagonal)
        matrix = Tensor._from_array(np.zeros((size, size), dtype=self.dtype.numpy), self._storage.dtype)
        matrix.diagonal(diagonal)._values()[...] = self._values()  # se escribe a través de la vista de la diagonal
        return matrix

    def repeat(self, *sizes) -> "Tensor":
        """Repite el tensor ``sizes[d]`` veces a lo largo de cada dimensión (una copia, como ``np.tile``)."""
        sizes = _shape_arg(sizes)
        if len(sizes) < len(self._shape):
            raise RuntimeError(
                f"repeat: hacen falta al menos tantas repeticiones ({len(sizes)}) como dimensiones tiene el "
                f"tensor ({len(self._shape)})"
            )
        if any(n < 0 for n in sizes):
            raise RuntimeError(f"repeat: las repeticiones no pueden ser negativas: {list(sizes)}")
        return Tensor._from_array(np.asarray(np.tile(self._values(), sizes), order="C"), self._storage.dtype)  # contiguo, como PyTorch

    def masked_select(self, mask: "Tensor") -> "Tensor":
        """Los elementos donde ``mask`` es ``True`` (las dos formas se difunden), en un vector."""
        _check_mask(mask, "masked_select")
        shape = _broadcast_pair(self._shape, mask._shape)
        chosen = np.broadcast_to(self._values(), shape)[np.broadcast_to(mask._values(), shape)]
        return Tensor._from_array(chosen, self._storage.dtype)

    def nonzero(self, *, as_tuple: bool = False):
        """Los índices de los elementos que no son cero: una fila por elemento (o una tupla de vectores)."""
        values = self._values()
        if as_tuple:
            found = np.nonzero(values) if values.ndim else np.nonzero(values.reshape(1))
            return tuple(Tensor._from_array(np.ascontiguousarray(i, dtype=np.int64), dtypes.int64) for i in found)
        # PyTorch lo guarda por columnas: la columna de cada dimensión es contigua (strides (1, n)).
        rows = np.argwhere(values).astype(np.int64)
        count, ndim = rows.shape
        storage = Storage._wrap(np.ascontiguousarray(rows.T).reshape(-1), dtypes.int64)
        return Tensor._make(storage, (count, ndim), (1, count), 0)

    def cumsum(self, dim: int, *, dtype: DType | None = None) -> "Tensor":
        """Sumas acumuladas a lo largo de ``dim``: ``[a, a + b, a + b + c, …]`` (enteros y bools, en ``int64``)."""
        out = self._accumulating_dtype(dtype)
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        values = self._values()
        if out is dtypes.bool and values.ndim and values.size:  # PyTorch no acumula en bool (salvo sin nada que sumar)
            raise NotImplementedError("cumsum no está implementado con dtype=minitorch.bool")
        if not values.ndim:
            return Tensor._from_array(values.astype(out.numpy), out)
        return Tensor._from_array(np.ascontiguousarray(np.cumsum(values, axis=axis, dtype=out.numpy)), out)  # como PyTorch

    def cumprod(self, dim: int, *, dtype: DType | None = None) -> "Tensor":
        """Productos acumulados a lo largo de ``dim``: ``[a, a·b, a·b·c, …]`` (enteros y bools, en ``int64``)."""
        out = self._accumulating_dtype(dtype)
        axis = strides.normalize_dim(dim, max(len(self._shape), 1))
        values = self._values()
        if out is dtypes.bool and values.ndim and values.size:  # como cumsum: PyTorch no acumula en bool
            raise NotImplementedError("cumprod no está implementado con dtype=minitorch.bool")
        if not values.ndim:
            return Tensor._from_array(values.astype(out.numpy), out)
        with np.errstate(over="ignore", invalid="ignore"):  # inf y nan sin avisar, como en PyTorch
            return Tensor._from_array(np.ascontiguousarray(np.cumprod(values, axis=axis, dtype=out.numpy)), out)

    def logsumexp(self, dim, keepdim: bool = False) -> "Tensor":
        """``log Σ e^x`` a lo largo de ``dim``, sin desbordar: se resta el máximo antes de calcular las exponenciales."""
        source = self if self.dtype.is_floating_point else self.to(dtypes.get_default_dtype())
        axes = source._reduce_axes(dim)
        values = source._values()
        if values.size == 0:
            largest = np.full(np.add.reduce(values, axis=axes, keepdims=True).shape, -np.inf, values.dtype)
        else:
            largest = np.maximum.reduce(values, axis=axes, keepdims=True)
        finite = np.where(np.isfinite(largest), largest, 0)  # -inf - (-inf) sería nan: con todo -inf sale -inf
        with np.errstate(divide="ignore"):
            result = np.log(np.add.reduce(np.exp(values - finite), axis=axes, keepdims=True)) + finite
        if not keepdim:
            result = result.reshape(np.add.reduce(values, axis=axes).shape)
        return Tensor._from_array(_reduction_result(result), source.dtype)

    def flip(self, *dims) -> "Tensor":
        """Invierte el orden a lo largo de ``dims``. Como en PyTorch, es una copia, no una vista."""
        dims = _shape_arg(dims)
        axes = tuple(strides.normalize_dim(d, max(len(self._shape), 1)) for d in dims)
        if len(set(axes)) != len(axes):
            raise RuntimeError(f"flip: la dimensión {axes[0]} aparece más de una vez en {list(dims)}")
        values = self._values()
        return _like_layout(np.flip(values, axes) if values.ndim else values, self, self._storage.dtype, copy=True)

    def tril(self, diagonal: int = 0) -> "Tensor":
        """El triángulo inferior de las matrices (las dos últimas dimensiones); el resto, a cero."""
        return self._triangle(np.tril, "tril", diagonal)

    def triu(self, diagonal: int = 0) -> "Tensor":
        """El triángulo superior de las matrices (las dos últimas dimensiones); el resto, a cero."""
        return self._triangle(np.triu, "triu", diagonal)

    def _triangle(self, keep, name: str, diagonal: int) -> "Tensor":
        if len(self._shape) < 2:
            raise RuntimeError(f"{name}: el tensor necesita al menos 2 dimensiones, pero tiene {len(self._shape)}")
        return Tensor._from_array(np.asarray(keep(self._values(), diagonal), order="C"), self._storage.dtype)  # contiguo, como PyTorch

    def amax(self, dim=(), keepdim: bool = False) -> "Tensor":
        self._check_reducible("amax", dim)
        return self._reduce(np.max, dim, keepdim, self.dtype)

    def amin(self, dim=(), keepdim: bool = False) -> "Tensor":
        self._check_reducible("amin", dim)
        return self._reduce(np.min, dim, keepdim, self.dtype)

    def argmax(self, dim: int | None = None, keepdim: bool = False) -> "Tensor":
        _check_single_dim("argmax", dim)
        self._check_not_bool("argmax")
        self._check_reducible("argmax", dim, IndexError)
        if dim is None:
            return Tensor._from_array(np.argmax(self._values().reshape(-1), axis=0), dtypes.int64)
        return self.max(dim, keepdim).indices

    def argmin(self, dim: int | None = None, keepdim: bool = False) -> "Tensor":
        _check_single_dim("argmin", dim)
        self._check_not_bool("argmin")
        self._check_reducible("argmin", dim, IndexError)
        if dim is None:
            return Tensor._from_array(np.argmin(self._values().reshape(-1), axis=0), dtypes.int64)
        return self.min(dim, keepdim).indices

    def norm(self, p="fro", dim=None, keepdim: bool = False, dtype: DType | None = None) -> "Tensor":
        """La norma ``p`` de los elementos (de todos, o a lo largo de ``dim``): ``(Σ |x|^p)^(1/p)``.

        ``p=2`` (o ``'fro'``) es la longitud euclídea; ``p=1``, la suma de los valores absolutos;
        ``p=inf``, el mayor valor absoluto, y ``p=0``, cuántos elementos no son cero.
        """
        source = self if dtype is None else self.to(dtype)
        if not source.dtype.is_floating_point:
            raise RuntimeError(f"norm: se esperaba un tensor real (de coma flotante), pero es de tipo {source.dtype}")
        order = _norm_order(p)
        axes = source._reduce_axes(dim)
        magnitude = np.abs(source._values())
        if magnitude.size == 0 and order == math.inf:
            raise RuntimeError("norm: la norma infinito de un tensor vacío no está definida (el máximo de nada)")
        if order == math.inf:
            result = np.maximum.reduce(magnitude, axis=axes, keepdims=keepdim)
        elif order == -math.inf:
            result = np.minimum.reduce(magnitude, axis=axes, keepdims=keepdim, initial=math.inf)
        elif order == 0:
            result = np.add.reduce(magnitude != 0, axis=axes, keepdims=keepdim, dtype=magnitude.dtype)
        elif order == 1:
            result = np.add.reduce(magnitude, axis=axes, keepdims=keepdim)
        elif order == 2:
            result = np.sqrt(np.add.reduce(magnitude * magnitude, axis=axes, keepdims=keepdim))
        else:
            result = np.add.reduce(magnitude**order, axis=axes, keepdims=keepdim) ** (1 / order)
        return Tensor._from_array(_reduction_result(result), source.dtype)

    # --- álgebra lineal -----------------------------------------------------------------------------
    def matmul(self, other: "Tensor") -> "Tensor":
        """Producto matricial con las reglas de ``torch.matmul`` (1-D, 2-D y por lotes con difusión)."""
        _check_matmul(self, other)
        a, b = _blas_ready(self._values()), _blas_ready(other._values())
        if a.ndim <= 2 and b.ndim <= 2:
            # Sin lotes, ndarray.dot hace el mismo producto que np.matmul (la misma llamada a BLAS) con la mitad
            # de coste fijo: se nota en matrices pequeñas.
            return Tensor._from_array(a.dot(b), self._storage.dtype)
        return Tensor._from_array(np.matmul(a, b), self._storage.dtype)

    __matmul__ = matmul  # el mismo método (y, con autograd, el mismo envoltorio): una llamada menos por cada x @ y

    def mm(self, other: "Tensor") -> "Tensor":
        if self.dim() != 2 or other.dim() != 2:
            raise RuntimeError(f"mm espera dos matrices (2-D), pero recibió tensores de {self.dim()} y {other.dim()} dimensiones")
        return self.matmul(other)

    def bmm(self, other: "Tensor") -> "Tensor":
        if self.dim() != 3 or other.dim() != 3:
            raise RuntimeError(f"bmm espera dos tensores 3-D, pero recibió tensores de {self.dim()} y {other.dim()} dimensiones")
        if self._shape[0] != other._shape[0]:
            raise RuntimeError(f"bmm: los lotes deben tener el mismo tamaño ({self._shape[0]} frente a {other._shape[0]})")
        return self.matmul(other)

    def mv(self, vec: "Tensor") -> "Tensor":
        if not self._shape:  # PyTorch mira antes el tamaño de la primera dimensión de la matriz
            raise IndexError("mv: se pidió la dimensión 0 de la matriz, pero es un tensor 0-d")
        if self.dim() != 2 or vec.dim() != 1:
            raise RuntimeError(f"mv espera una matriz y un vector, pero recibió {self.dim()} y {vec.dim()} dimensiones")
        return self.matmul(vec)

    def dot(self, other: "Tensor") -> "Tensor":
        if self.dim() != 1 or other.dim() != 1:
            raise RuntimeError(f"dot espera dos vectores 1-D, pero recibió {self.dim()} y {other.dim()} dimensiones")
        return self.matmul(other)

    # --- operadores de Python -----------------------------------------------------------------------
    # Los operadores aritméticos escriben encima de un operando temporal grande si pueden (ver
    # temporaries.py). El contador de referencias se lee aquí mismo, a la profundidad calibrada.
    def __add__(self, other):
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        return self.add(other) if into is None else self._binary(other, np.add, into=into)

    def __radd__(self, other):
        _reject_array_on_the_left(other, "__radd__")
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        return self.add(other) if into is None else self._binary(other, np.add, into=into)

    def __sub__(self, other):
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        if into is None:
            return self.sub(other)
        _check_no_bool_subtraction(self, other)
        return self._binary(other, np.subtract, into=into)

    def __rsub__(self, other):
        _reject_array_on_the_left(other, "__rsub__")
        return self.rsub(other)

    def __mul__(self, other):
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        return self.mul(other) if into is None else self._binary(other, np.multiply, into=into)

    def __rmul__(self, other):
        _reject_array_on_the_left(other, "__rmul__")
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        return self.mul(other) if into is None else self._binary(other, np.multiply, into=into)

    def __truediv__(self, other):
        temporary = _refcount(self) == _TEMPORARY_SELF, _refcount(other) == _TEMPORARY_OTHER
        into = _reusable_operand(self, other, *temporary) if True in temporary else None
        if into is None:
            return self.div(other)
        return self._binary(other, np.true_divide, compute=_true_division_dtype(self, other), into=into)

    def __rtruediv__(self, other):
        _reject_array_on_the_left(other, "__rtruediv__")
        return self.reciprocal().mul(other)

    def __floordiv__(self, other):
        return self.floor_divide(other)

    def __rfloordiv__(self, other):
        _reject_array_on_the_left(other, "__rfloordiv__")
        return self._rfloor_divide(other)

    def __mod__(self, other):
        return self.remainder(other)

    def __rmod__(self, other):
        _reject_array_on_the_left(other, "__rmod__")
        return self._rremainder(other)

    def __pow__(self, exponent):
        return self.pow(exponent)

    def __rpow__(self, base):
        _reject_array_on_the_left(base, "__rpow__")
        return self._rpow(base)

    def __rmatmul__(self, other):
        _reject_array_on_the_left(other, "__rmatmul__")
        return other.matmul(self)

    def __neg__(self):
        return self.neg()

    def __pos__(self):
        return self

    def __abs__(self):
        return self.abs()

    def __invert__(self):
        if self.dtype.is_floating_point:
            raise TypeError(f"~ (operator.invert) solo está definido para tensores enteros y bool, no para {self.dtype}")
        if self.dtype is not dtypes.bool:
            return Tensor._from_array(np.invert(self._values()))
        return self.logical_not()

    def __and__(self, other):
        _check_bitwise("bitwise_and", self, other)  # entre bools, el «y» bit a bit es el lógico
        return self._binary(other, np.bitwise_and)

    def __or__(self, other):
        _check_bitwise("bitwise_or", self, other)
        return self._binary(other, np.bitwise_or)

    __rand__ = __and__  # las dos son conmutativas: ``1 & x`` es ``x & 1``
    __ror__ = __or__

    def bitwise_xor(self, other) -> "Tensor":
        """«O exclusivo» bit a bit (``^``): solo para enteros y bools, como en PyTorch."""
        _check_bitwise("bitwise_xor", self, other)
        return self._binary(other, np.bitwise_xor)

    def bitwise_xor_(self, other) -> "Tensor":
        _check_bitwise("bitwise_xor_", self, other)
        return self._inplace(np.bitwise_xor, other)

    def __xor__(self, other):
        return self.bitwise_xor(other)

    __rxor__ = __xor__  # es conmutativa

    def __ixor__(self, other):
        return self.bitwise_xor_(other)

    def __eq__(self, other):
        return self.eq(other)

    def __ne__(self, other):
        return self.ne(other)

    def __lt__(self, other):
        return self.lt(other)

    def __le__(self, other):
        return self.le(other)

    def __gt__(self, other):
        return self.gt(other)

    def __ge__(self, other):
        return self.ge(other)

    def __iadd__(self, other):
        return self.add_(other)

    def __isub__(self, other):
        return self.sub_(other)

    def __imul__(self, other):
        return self.mul_(other)

    def __itruediv__(self, other):
        return self.div_(other)

    def __ifloordiv__(self, other):
        return self.floor_divide_(other)

    def __imod__(self, other):
        return self.remainder_(other)

    # --- operaciones de varios tensores -------------------------------------------------------------
    @staticmethod
    def _cat(tensors: Sequence["Tensor"], dim: int = 0) -> "Tensor":
        """Concatena a lo largo de una dimensión existente (``minitorch.cat``)."""
        tensors = _tensor_list(tensors, "cat")
        if not tensors:
            raise ValueError("cat espera una lista no vacía de tensores")
        for i, t in enumerate(tensors):  # PyTorch lo comprueba antes que dim
            if not t._shape:
                raise RuntimeError(f"cat: el tensor {i} de la lista es 0-d y no se puede concatenar")
        # Como en PyTorch, los tensores 1-D vacíos se ignoran (compatibilidad histórica); si solo hay de
        # esos, el resultado es otro igual, sin mirar siquiera dim.
        shaped = [t for t in tensors if t._shape != (0,)]
        if not shaped:
            return Tensor._from_array(np.empty(0, dtype=result_type(*tensors).numpy))
        reference = shaped[0]
        d = strides.normalize_dim(dim, reference.dim())
        for i, t in enumerate(shaped):
            if t.dim() != reference.dim():
                raise RuntimeError(
                    f"cat: todos los tensores deben tener el mismo número de dimensiones; el tensor 0 tiene "
                    f"{reference.dim()} y el tensor {i} tiene {t.dim()}"
                )
            for k, (a, b) in enumerate(zip(reference._shape, t._shape)):
                if k != d and a != b:
                    raise RuntimeError(
                        f"cat: los tamaños deben coincidir salvo en la dimensión {d}; se esperaba tamaño {a} "
                        f"pero el tensor número {i} de la lista tiene tamaño {b} en la dimensión {k}"
                    )
        shape = list(reference._shape)
        shape[d] = builtins.sum(t._shape[d] for t in shaped)
        out = np.empty(shape, dtype=result_type(*shaped).numpy)  # contiguo, como el de PyTorch
        np.concatenate([t._values() for t in shaped], axis=d, out=out)
        return Tensor._from_array(out)

    @staticmethod
    def _stack(tensors: Sequence["Tensor"], dim: int = 0) -> "Tensor":
        """Apila tensores de la misma forma a lo largo de una dimensión nueva (``minitorch.stack``)."""
        tensors = _tensor_list(tensors, "stack")
        if not tensors:
            raise RuntimeError("stack espera una lista no vacía de tensores")
        d = strides.normalize_dim(dim, tensors[0].dim() + 1)  # PyTorch mira dim antes que las formas
        for i, t in enumerate(tensors):
            if t._shape != tensors[0]._shape:
                raise RuntimeError(
                    f"stack espera que todos los tensores tengan la misma forma, pero recibió {list(tensors[0]._shape)} "
                    f"en la posición 0 y {list(t._shape)} en la posición {i}"
                )
        shape = tensors[0]._shape[:d] + (len(tensors),) + tensors[0]._shape[d:]
        out = np.empty(shape, dtype=result_type(*tensors).numpy)  # contiguo, como el de PyTorch
        np.stack([t._values() for t in tensors], axis=d, out=out)
        return Tensor._from_array(out)


# Las operaciones con ``dim`` que PyTorch también acepta con ``axis=`` (y ``keepdims=`` las que tienen ``keepdim``).
_WITH_NUMPY_KEYWORDS = (
    "sum", "mean", "max", "min", "cumsum", "std", "var", "any", "all", "prod", "argmax", "argmin", "amax", "amin",
    "logsumexp", "softmax", "log_softmax", "squeeze", "unsqueeze", "sort", "argsort", "topk", "gather",
    "index_select", "unbind", "chunk", "narrow", "select", "cumprod", "nansum", "count_nonzero", "median",
    "take_along_dim",
)
for _name in _WITH_NUMPY_KEYWORDS:
    setattr(Tensor, _name, _accepting_numpy_keywords(Tensor.__dict__[_name]))
for _name in ("_cat", "_stack"):
    setattr(Tensor, _name, staticmethod(_accepting_numpy_keywords(Tensor.__dict__[_name].__func__)))


# --- funciones auxiliares (numpy) ---------------------------------------------------------------------
def dtype_of_to_args(args, kwargs) -> DType | None:
    """El ``dtype`` que piden los argumentos de ``to(...)`` (de un tensor o de un módulo), o ``None``.

    Acepta ``to(minitorch.float64)``, ``to(otro_tensor)``, ``to(dtype=...)`` y dispositivos (``'cpu'``),
    que solo se validan.
    """
    target = kwargs.get("dtype")
    for arg in args:
        if isinstance(arg, DType):
            target = arg
        elif isinstance(arg, Tensor):
            target = arg.dtype
        else:
            _check_cpu(arg)
    return target


def _numpy_equivalent(np_dtype) -> np.dtype:
    kind = np.dtype(np_dtype).kind
    if kind == "b":
        return np.dtype(np.bool_)
    if kind in "iu":
        return np.dtype(np.int64)
    if kind == "f":
        return np.dtype(np.float64) if np.dtype(np_dtype).itemsize > 4 else np.dtype(np.float32)
    raise TypeError(f"minitorch no admite datos de tipo {np.dtype(np_dtype)}")


def _is_dense(array: np.ndarray) -> bool:
    """¿Ocupa el array un bloque sin huecos, con strides positivos (en algún orden de dimensiones)?"""
    if any(s <= 0 for s, n in zip(array.strides, array.shape) if n > 1):
        return False
    span = sum((n - 1) * s for n, s in zip(array.shape, array.strides)) // array.itemsize + 1
    return span == array.size


def _reject_array_on_the_left(other, name: str) -> None:
    if isinstance(other, np.ndarray):
        raise TypeError(
            f"no se puede operar un array de numpy (a la izquierda) con un tensor ({name}); convierte antes el array "
            "con minitorch.from_numpy(...) o minitorch.tensor(...)"
        )


def _numpy_operand(value):
    """Un número de numpy cuenta como un número de Python (``tensor_float32 * np.float64(2)`` sigue en float32) y
    un array, como un tensor (copiado), igual que en PyTorch."""
    if isinstance(value, np.generic):
        return value.item()
    return Tensor._from_array(np.array(value))


def _operand(value, compute: DType):
    """Un tensor o un número, listo para numpy en el tipo ``compute``."""
    if isinstance(value, Tensor):
        return value._values().astype(compute.numpy, copy=False)
    if _is_scalar(value):
        if type(value) is builtins.int and not -(2**63) <= value < 2**64:
            raise OverflowError(f"el entero {value} no cabe en 64 bits")
        try:
            return compute.numpy.type(value)
        except OverflowError:  # como en PyTorch, un entero que no cabe en el tipo se queda con sus bits bajos
            bits = 8 * compute.itemsize
            return compute.numpy.type((value + 2 ** (bits - 1)) % 2**bits - 2 ** (bits - 1))
    if isinstance(value, np.ndarray):
        return value.astype(compute.numpy, copy=False)
    raise TypeError(f"no se puede operar un tensor con un objeto de tipo {type(value).__name__}")


def _assignable(value, target: Tensor):
    """El valor de ``target[...] = value`` tal como lo acepta PyTorch: un número, o un tensor sin sus
    dimensiones iniciales de tamaño 1 (así ``x[0] = t`` con ``t`` de forma ``[1, n]`` escribe una fila)."""
    if isinstance(value, Tensor):
        shape, leading = value._shape, 0
        while leading < len(shape) and shape[leading] == 1:
            leading += 1
        return value.view(shape[leading:]) if leading else value
    if _is_scalar(value):
        return value
    raise TypeError(
        f"no se puede asignar un objeto de tipo {type(value).__name__} a un {target.type()}: "
        f"conviértelo antes en un tensor (minitorch.tensor(...))"
    )


def _check_broadcast_into(shape, other_shapes) -> None:
    """Una operación in situ no puede cambiar la forma del tensor que escribe."""
    for other in other_shapes:
        try:
            result = strides.broadcast_shapes(shape, other)
        except RuntimeError:
            result = None
        if result != tuple(shape):
            raise RuntimeError(
                f"el resultado tendría la forma {list(result) if result else '(no difundible)'}, distinta de la del "
                f"tensor que se modifica, {list(shape)} (el valor tiene forma {list(other)})"
            )


def _true_division_dtype(a: Tensor, b) -> DType:
    compute = result_type(a, b)
    return compute if compute.is_floating_point else dtypes.get_default_dtype()  # 7 / 2 es 3.5 también entre enteros


def _reusable_operand(a: Tensor, b, a_is_temporary: bool, b_is_temporary: bool):
    """El ``ndarray`` de ``a`` o de ``b`` sobre el que puede escribir ``a ⊕ b``, o ``None``.

    Los operadores llaman aquí si el contador de referencias de alguno de los dos es el de un
    temporal (medido en el propio operador: la misma expresión que calibra ``temporaries.py``)."""
    if isinstance(b, Tensor):
        if b.requires_grad or a.requires_grad:
            return None  # en un grafo, los operandos pueden hacer falta para derivar
        if b_is_temporary:
            into = temporaries.reusable(b)
            if into is not None:
                return into
    return temporaries.reusable(a) if a_is_temporary else None


def _check_matmul(a: Tensor, b: Tensor) -> None:
    if not isinstance(b, Tensor):
        raise TypeError(f"matmul espera un tensor como segundo argumento, no {type(b).__name__}")
    dtype = a._storage.dtype
    if dtype is not b._storage.dtype:
        raise RuntimeError(f"matmul espera dos tensores del mismo tipo, pero recibió {a.dtype} y {b.dtype}")
    a_dim, b_dim = len(a._shape), len(b._shape)
    if a_dim == 0 or b_dim == 0:
        raise RuntimeError("matmul: ambos argumentos necesitan al menos una dimensión")
    inner_a = a._shape[-1]
    inner_b = b._shape[-2] if b_dim > 1 else b._shape[0]
    if inner_a != inner_b:
        rows = "x".join(str(n) for n in (a._shape if a_dim <= 2 else (strides.numel(a._shape[:-1]), a._shape[-1])))
        cols = "x".join(str(n) for n in b._shape)
        raise RuntimeError(f"no se pueden multiplicar las formas de mat1 y mat2 ({rows} y {cols})")
    if a_dim > 2 and b_dim > 2:
        strides.broadcast_shapes(a._shape[:-2], b._shape[:-2])
    # PyTorch mira antes las formas, y con un operando vacío no llega a multiplicar (salvo el producto escalar)
    if dtype is dtypes.bool and (a_dim == b_dim == 1 or (a.numel() and b.numel())):
        raise NotImplementedError("matmul no está implementado para tensores bool")


def _blas_ready(array: np.ndarray) -> np.ndarray:
    """Una matriz que BLAS sabe multiplicar: filas o columnas contiguas.

    numpy solo llama a BLAS cuando cada matriz tiene una de sus dos últimas dimensiones con paso de
    un elemento; con cualquier otra disposición (un stride 0 de ``expand``, un slice con paso) usa
    un bucle genérico decenas de veces más lento. Copiar antes cuesta O(n²) y ahorra O(n³).
    """
    if array.ndim < 2 or array.flags.c_contiguous or array.size == 0:  # lo habitual: filas contiguas
        return array
    itemsize = array.itemsize
    row, col = array.strides[-2:]
    rows, cols = array.shape[-2:]
    if (col == itemsize and row >= cols * itemsize) or (row == itemsize and col >= rows * itemsize):
        return array
    return np.ascontiguousarray(array)


def _legacy_name(dtype: DType) -> str:
    """``FloatTensor`` para ``float32``…: el nombre del tipo de tensor en las primeras versiones de PyTorch."""
    return dtype.storage_name.replace("Storage", "Tensor")


def _is_basic_index(item) -> bool:
    """¿Da una vista? Enteros (también un tensor entero de dimensión 0, como en PyTorch), slices, None y ``...``."""
    if isinstance(item, Tensor):
        return not item._shape and not item.dtype.is_floating_point and item.dtype is not dtypes.bool
    return item is None or item is Ellipsis or isinstance(item, (slice, builtins.int, np.integer)) and not isinstance(
        item, (builtins.bool, np.bool_)
    )


_PROBE_BUFFER = np.zeros(1, dtype=np.bool_)
_PROBE_BUFFER.flags.writeable = False


def _shape_probe(shape) -> np.ndarray:
    """Un array de forma ``shape`` sin memoria (todos sus strides son 0, y es de solo lectura): indexarlo
    da los mismos errores y formas que indexar los datos, sin tocarlos ni copiarlos. Construirlo así es
    varias veces más barato que con ``np.broadcast_to``."""
    return np.ndarray(shape, np.bool_, _PROBE_BUFFER, 0, (0,) * len(shape))


def _numpy_index(items: tuple, shape, *, validate: bool = True, empty_ok: bool = False) -> tuple[tuple, tuple]:
    """Un índice de PyTorch con tensores o listas, como dos índices de numpy que se aplican uno tras otro.

    PyTorch indexa en dos pasos: primero lo básico (enteros, slices, ``None``, ``...``), que da una vista,
    y después los tensores de índices sobre esa vista. numpy lo hace todo de una vez y, si se mezclan
    enteros y listas, los trata a todos como índices avanzados: ``x[1, :, [0, 2]]`` saldría con otra
    forma. Devuelve ``(básico, avanzado)``: el primer paso (cada índice avanzado, sustituido por ``:``)
    y el segundo, sobre la vista que deja el primero.

    Con ``validate=False`` solo se comprueba lo que PyTorch mira al preparar la vista (el número de
    índices, sus tipos de Python): una asignación mira lo demás (tensores reales como índices,
    máscaras, límites) después de otras cosas (ver ``Tensor._check_assignment``). Con ``empty_ok=True``
    (una lectura) valen posiciones fuera de rango si la selección queda vacía: PyTorch no las comprueba.
    """
    basic, advanced = [], []
    for item in items:
        if _is_basic_index(item):
            basic.append(builtins.int(item) if isinstance(item, Tensor) else item)
            if item is None or item is Ellipsis or isinstance(item, slice):
                advanced.append(Ellipsis if item is Ellipsis else slice(None))  # ya aplicado en el primer paso
            continue  # un entero quita su dimensión: en el segundo paso ya no está
        if isinstance(item, (builtins.bool, np.bool_)) or (isinstance(item, Tensor) and item.dtype is dtypes.bool and not item._shape):
            # x[True] añade una dimensión de tamaño 1 y se queda con ella; x[False], con ninguna.
            basic.append(None)
            advanced.append(np.zeros(1 if item else 0, dtype=np.int64))
            continue
        if isinstance(item, Tensor):
            if validate and item.dtype.is_floating_point:
                raise IndexError("los tensores usados como índices deben ser de tipo long, int o bool")
            array = item._values()
        elif isinstance(item, list):
            array = np.asarray(item) if item else np.zeros(0, dtype=np.int64)  # [] no es un real
        elif isinstance(item, str):
            raise TypeError(f"un tensor no se puede indexar con un texto ({item!r})")
        else:
            array = np.asarray(item)
        basic.extend([slice(None)] * (array.ndim if array.dtype == np.bool_ else 1))
        advanced.append(array)
    basic, advanced = tuple(basic), tuple(advanced)
    view = None  # la vista del primer paso (None si ya falla ese paso: entonces no hay nada que perdonar)
    try:  # se valida sobre un array sin memoria (stride 0): los mismos errores, sin tocar los datos
        view = _shape_probe(shape)[basic]
        if validate:
            view[advanced]
    except IndexError as error:
        empty = view is not None and "out of bounds" in str(error) and _empty_selection(view.shape, advanced)
        if not (empty_ok and empty):
            raise IndexError(f"índice no válido para un tensor de forma {list(shape)}: {error}") from None
    return basic, advanced


def _empty_selection(view_shape, advanced: tuple) -> bool:
    """¿Deja ``vista[avanzado]`` un resultado sin elementos? (Falso si además no encaja una máscara.)"""
    try:
        return 0 in _index_result_shape(view_shape, advanced)
    except IndexError:
        return False


def _index_result_shape(view_shape, advanced: tuple) -> tuple:
    """La forma de ``vista[avanzado]`` sin mirar si los enteros caben en su dimensión: una asignación
    comprueba antes la forma del valor que los límites. Las máscaras sí deben encajar (``IndexError``)."""
    consumed = builtins.sum(
        1 if isinstance(a, slice) else a.ndim if a.dtype == np.bool_ else 1 for a in advanced if a is not Ellipsis
    )
    shape, safe, dim = list(view_shape), [], 0
    for a in advanced:
        if a is Ellipsis:
            dim += len(view_shape) - consumed
        elif isinstance(a, slice) or a.dtype == np.bool_:
            dim += 1 if isinstance(a, slice) else a.ndim
        else:  # la forma del resultado no depende de los valores: vale cualquier posición válida…
            if dim < len(shape) and not shape[dim] and a.size:  # … salvo donde no hay ninguna
                raise IndexError(f"un índice está fuera de rango en la dimensión {dim}, de tamaño 0")
            a = np.zeros(a.shape, dtype=np.intp)
            dim += 1
        safe.append(a)
    return _shape_probe(shape)[tuple(safe)].shape


def _index_operands(view_shape, advanced: tuple) -> list[tuple]:
    """Los índices del segundo paso como los ve PyTorch: ``(dimensión, forma, strides, bytes)`` de cada
    uno; una máscara de k dimensiones son k índices (las columnas de sus posiciones ``nonzero``)."""
    consumed = builtins.sum(
        1 if isinstance(a, slice) else a.ndim if a.dtype == np.bool_ else 1 for a in advanced if a is not Ellipsis
    )
    operands, dim = [], 0
    for a in advanced:
        if a is Ellipsis:
            dim += len(view_shape) - consumed
        elif isinstance(a, slice):
            dim += 1
        elif a.dtype == np.bool_:
            count = builtins.int(np.count_nonzero(a))
            operands.extend((dim + j, (count,), (a.ndim,), 8) for j in range(a.ndim))
            dim += a.ndim
        else:
            operands.append((dim, a.shape, tuple(s // a.itemsize for s in a.strides), a.itemsize))
            dim += 1
    return operands


def _check_no_bool_subtraction(a: Tensor, b) -> None:
    if a.dtype is dtypes.bool or getattr(b, "dtype", None) is dtypes.bool or isinstance(b, (builtins.bool, np.bool_)):
        raise RuntimeError(
            "la resta ('-') con un tensor bool no está definida; para invertir una máscara usa '~' o logical_not()"
        )


def _has_standard_strides(t: Tensor) -> bool:
    """¿Tiene exactamente los strides de un tensor contiguo recién creado? Entonces el resultado
    de una operación elemento a elemento es contiguo, en numpy y en PyTorch."""
    return t._stride == _contiguous_strides(t._shape) and 0 not in t._shape  # vacío: PyTorch desempata distinto


def _strided_copy(values: np.ndarray, stride, dtype: DType) -> Tensor:
    """Un tensor nuevo, de tipo ``dtype``, con los valores de ``values`` y exactamente esos strides."""
    itemsize = dtype.itemsize
    span = 1 + builtins.sum((n - 1) * s for n, s in zip(values.shape, stride)) if values.size else 0
    block = np.empty(span, dtype=dtype.numpy)
    array = np.ndarray(values.shape, dtype=dtype.numpy, buffer=block, strides=tuple(s * itemsize for s in stride))
    array[...] = values
    t = Tensor._make(Storage._wrap(block, dtype), values.shape, stride, 0)
    t._cached = array
    return t


def _elementwise_result(result: np.ndarray, inputs, dtype: DType) -> Tensor:
    """El tensor con los valores ``result`` y los strides que le daría PyTorch según sus entradas.

    numpy también imita la disposición de las entradas, pero desempata de otra manera (dimensiones de
    tamaño 1, entradas con disposiciones distintas); por eso, si alguna entrada no es un bloque
    contiguo corriente, se calculan con ``strides.elementwise_strides`` y se copia.
    """
    operands = tuple((t._shape, t._stride, t.dtype.itemsize) if isinstance(t, Tensor) else ((), (), 0) for t in inputs)
    return _with_layout(result, _elementwise_strides(result.shape, operands), dtype)


def _empty_unary_layout(result: Tensor) -> Tensor:
    """El resultado vacío de una operación de una sola entrada (``exp``, ``x ** 2``, ``masked_fill``…), con
    strides contiguos: PyTorch no copia la disposición de una entrada vacía cuando el recorrido tiene un solo
    tensor (con dos, ``x + y``, sí la sigue). Un resultado no vacío se devuelve tal cual."""
    if result._shape.count(0) == 0 or result._stride == _contiguous_strides(result._shape):
        return result
    return Tensor._from_array(np.empty(result._shape, dtype=result._storage.dtype.numpy), result._storage.dtype)


def _elementwise_like(result: np.ndarray, source: Tensor, dtype: DType) -> Tensor:
    """El resultado de una operación elemento a elemento de una sola entrada, con los strides de PyTorch."""
    if _has_standard_strides(source):
        return Tensor._from_array(result, dtype)
    return _elementwise_result(result, (source,), dtype)


def _like_layout(result: np.ndarray, like: Tensor, dtype: DType, *, copy: bool = False) -> Tensor:
    """El tensor con los valores ``result`` y la disposición de ``clone()`` de ``like`` (la de ``empty_like``).

    Es la regla de PyTorch para los resultados de la forma de su entrada que no salen de un recorrido elemento
    a elemento (``flip``, ``sort``): los strides de ``like`` si es un bloque denso y, si tiene huecos o
    repeticiones, unos compactos en el mismo orden de dimensiones (``strides.dense_strides_like``).
    ``copy=True`` cuando ``result`` puede ser una vista de la memoria de ``like`` (se copia siempre).
    """
    stride = strides.dense_strides_like(like._shape, like._stride)
    return _strided_copy(result, stride, dtype) if copy else _with_layout(result, stride, dtype)


def _with_layout(result: np.ndarray, stride, dtype: DType) -> Tensor:
    """El tensor con los valores ``result`` y exactamente esos strides (sin copiar, si numpy ya los eligió)."""
    itemsize = result.itemsize
    if result.dtype == dtype.numpy and all(
        s * itemsize == b for s, b, n in zip(stride, result.strides, result.shape) if n > 1
    ) and _is_dense(result):
        # numpy ya eligió esa disposición (lo normal con una entrada expandida): no hace falta copiar.
        t = Tensor._from_array(result, dtype)
        t._stride = tuple(stride)  # solo cambia en dimensiones de tamaño 1: la vista de numpy sigue valiendo
        return t
    return _strided_copy(result, stride, dtype)


def _check_single_dim(name: str, dim) -> None:
    if isinstance(dim, (tuple, list)):
        raise TypeError(f"{name}() reduce una sola dimensión (un entero), no {dim!r}; usa amax/amin para varias")


def _tensor_list(tensors, name: str) -> list:
    """Los tensores de ``cat`` o ``stack``: como en PyTorch, una lista o una tupla, y solo de tensores
    (un tensor suelto no vale: se recorrería por filas sin que nadie lo notara)."""
    if not isinstance(tensors, (list, tuple)):
        raise TypeError(f"{name}(): el argumento 'tensors' debe ser una lista o una tupla de tensores, no {type(tensors).__name__}")
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"{name}(): se esperaba un tensor en la posición {i}, pero hay un {type(t).__name__}")
    return list(tensors)


def _check_tensor_argument(other, name: str) -> None:
    if not isinstance(other, Tensor):
        raise TypeError(f"{name}(): el argumento 'other' debe ser un tensor, no {type(other).__name__}")


def _check_mask(mask, name: str) -> None:
    if not isinstance(mask, Tensor) or mask.dtype is not dtypes.bool:
        found = mask.dtype if isinstance(mask, Tensor) else type(mask).__name__
        raise RuntimeError(f"{name} solo admite máscaras de tipo bool, pero la máscara es {found}")


def _check_fill_value(value) -> None:
    if isinstance(value, Tensor) and value._shape:
        raise RuntimeError(
            f"masked_fill solo admite como valor un número o un tensor de dimensión 0, pero el valor tiene forma "
            f"{list(value._shape)}"
        )
    if not isinstance(value, Tensor) and not _is_scalar(value):
        raise TypeError(f"masked_fill: el valor debe ser un número o un tensor, no {type(value).__name__}")


def _check_not_bool_division(a, b, name: str) -> None:
    if np.result_type(a, b).kind == "b":
        raise NotImplementedError(f"{name} no está implementada para tensores bool")


def _remainder(a, b):
    """Resto con el signo del divisor (el ``%`` de Python), con los casos límite de PyTorch."""
    _check_not_bool_division(a, b, "remainder")
    if np.issubdtype(np.result_type(a, b), np.integer):
        if _divides_by_zero(a, b):
            raise RuntimeError("ZeroDivisionError: resto de una división entera entre cero")
        return np.mod(a, b)
    rest = np.fmod(a, b)  # con el signo del dividendo; si no es el del divisor, se pasa al otro lado
    return np.where((rest != 0) & ((rest < 0) != (b < 0)), rest + b, rest)


def _reduction_result(result):
    """PyTorch entrega contiguo el resultado de una reducción (numpy conserva el orden de la entrada)."""
    if type(result) is np.ndarray and not result.flags.c_contiguous:
        return np.ascontiguousarray(result)
    return result


def _lerp_values(start, end, weight, out=None, casting="unsafe"):
    """``lerp`` sobre arrays de numpy, con la firma de un ufunc (para ``Tensor._inplace``)."""
    return np.add(start, weight * (end - start), out=out, casting=casting)


def _check_gather_index(source: Tensor, dim: int, index: Tensor):
    """El eje y las posiciones (un array ``int64``) de ``gather``, con los errores de PyTorch."""
    ndim = len(source._shape)
    axis = strides.normalize_dim(dim, max(ndim, 1))
    if isinstance(index, Tensor) and index.numel() == 0:  # ni su tipo ni su forma: PyTorch no mira más
        return axis, np.empty(index._shape, np.int64)
    if not isinstance(index, Tensor) or index.dtype is not dtypes.int64:
        raise RuntimeError("gather(): se esperaba un índice de tipo int64")
    # Un tensor 0-d cuenta como uno de un elemento.
    if max(index.dim(), 1) != max(ndim, 1):
        raise RuntimeError(f"gather(): el índice tiene {index.dim()} dimensiones y la entrada {ndim}; deben ser las mismas")
    for d, (n, m) in enumerate(zip(index._shape or (1,), source._shape or (1,))):
        if d != axis and n > m:
            raise RuntimeError(
                f"gather(): el índice, de forma {list(index._shape)}, no cabe en la entrada, de forma "
                f"{list(source._shape)}, en la dimensión {d}"
            )
    positions = index._values()
    size = source._shape[axis] if source._shape else 1
    if positions.size and (positions.min() < 0 or positions.max() >= size):  # sin índices negativos
        bad = positions[(positions < 0) | (positions >= size)].flat[0]
        raise RuntimeError(f"gather(): el índice {bad} está fuera de rango para la dimensión {axis}, de tamaño {size}")
    return axis, positions


def _norm_order(p) -> float:
    """El orden de ``norm`` como número: ``'fro'`` es la norma 2 (la de Frobenius, para matrices)."""
    if p == "fro":
        return 2.0
    if isinstance(p, builtins.bool) or not isinstance(p, (builtins.int, builtins.float)):
        raise RuntimeError(f"norm: el orden p debe ser un número o 'fro', no {p!r}")
    return builtins.float(p)


_ZERO_ROWS: dict = {}  # (longitud, dtype) -> fila de ceros de solo lectura


def _relu(values: np.ndarray) -> np.ndarray:
    """max(x, 0). numpy compara mucho más deprisa con una fila de ceros que con el número 0 (que
    difunde con stride 0 y se queda sin instrucciones vectoriales): se usa una fila guardada."""
    length = values.shape[-1] if values.ndim else 0
    if length < 16:
        return np.maximum(values, 0).astype(values.dtype, copy=False)
    zeros = _ZERO_ROWS.get((length, values.dtype))
    if zeros is None:
        if len(_ZERO_ROWS) > 64:
            _ZERO_ROWS.clear()
        zeros = _ZERO_ROWS[length, values.dtype] = np.zeros(length, values.dtype)
        zeros.flags.writeable = False
    return np.maximum(values, zeros)


def _mean(values: np.ndarray, axis, keepdims: bool, dtype) -> np.ndarray:
    """La suma entre el número de elementos sumados (sin pasar por la capa de Python de ``np.mean``)."""
    total = np.add.reduce(values, axis=axis, keepdims=keepdims, dtype=dtype)
    count = values.size if axis is None else strides.numel(tuple(values.shape[a] for a in axis))
    if count == 0:
        with np.errstate(invalid="ignore"):  # sin elementos: 0 / 0 = nan, como PyTorch (sin aviso)
            return np.true_divide(total, count, dtype=dtype)
    return np.true_divide(total, count, dtype=dtype)


def _power(a, b, **ufunc_kwargs):
    """``a ** b``. Entre enteros, como PyTorch, un exponente negativo da 0 (salvo las bases 1 y -1)."""
    if np.result_type(a, b).kind not in "iu" or not np.any(np.less(b, 0)):
        return np.power(a, b, **ufunc_kwargs)
    b = np.asarray(b)
    result = np.power(a, np.maximum(b, 0))
    inverse = np.where(a == 1, 1, np.where(a == -1, np.where(b % 2 == 0, 1, -1), 0))
    result = np.where(b < 0, inverse, result).astype(result.dtype, copy=False)
    out = ufunc_kwargs.get("out")
    if out is None:
        return result
    out[...] = result
    return out


def _sample_with_replacement(probabilities: np.ndarray, count: int, gen: Generator) -> np.ndarray:
    """``count`` muestras de una distribución, como PyTorch con reemplazo: la distribución acumulada (en el
    tipo de las probabilidades), normalizada para acabar en 1, y una búsqueda binaria por cada uniforme."""
    if np.any(probabilities < 0):
        raise RuntimeError("multinomial: distribución no válida (hay una probabilidad negativa)")
    if not np.all(np.isfinite(probabilities)):
        raise RuntimeError("multinomial: distribución no válida (hay una probabilidad infinita o nan)")
    cumulative = np.cumsum(probabilities, dtype=probabilities.dtype)  # suma a suma, en orden, como PyTorch
    if not cumulative[-1] > 0:
        raise RuntimeError("multinomial: distribución no válida (la suma de las probabilidades es 0)")
    cumulative /= cumulative[-1]
    cumulative[-1] = 1
    return np.searchsorted(cumulative.astype(np.float64), gen.uniform(count, 0.0, 1.0, double=True), side="left")


def _sign(x: np.ndarray) -> np.ndarray:
    """1, 0 o -1; el de ``nan`` es 0, como en PyTorch (numpy da ``nan``)."""
    result = np.sign(x)
    return np.where(np.isnan(result), 0, result).astype(result.dtype) if result.dtype.kind == "f" else result


def _divides_by_zero(a, b) -> bool:
    """¿Hay algún divisor entero 0 que llegue a usarse? Con un resultado vacío (``a`` vacío), PyTorch no falla."""
    return builtins.bool(np.size(a)) and builtins.bool(np.any(np.asarray(b) == 0))


def _floor_divide(a, b):
    _check_not_bool_division(a, b, "floor_divide")
    if np.issubdtype(np.result_type(a, b), np.integer) and _divides_by_zero(a, b):
        raise RuntimeError("ZeroDivisionError: división entera entre cero")
    return np.floor_divide(a, b)


def _trunc_divide(a, b):
    _check_not_bool_division(a, b, "div(rounding_mode='trunc')")
    if np.issubdtype(np.result_type(a, b), np.integer):
        if _divides_by_zero(a, b):
            raise RuntimeError("ZeroDivisionError: división entera entre cero")
        quotient = np.abs(a) // np.abs(b)
        return np.where((np.sign(a) * np.sign(b)) < 0, -quotient, quotient)
    return np.trunc(np.true_divide(a, b))


def _has_negative_integer(exponent) -> bool:
    """¿Es el exponente un entero de Python negativo? (Con un tensor de exponentes, PyTorch da 0.)"""
    return isinstance(exponent, builtins.int) and not isinstance(exponent, builtins.bool) and exponent < 0


def _sigmoid(values: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x) sin desbordar: para x negativos se usa la forma equivalente e^x / (1 + e^x)."""
    e = np.exp(-np.abs(values))
    return np.where(values >= 0, 1 / (1 + e), e / (1 + e)).astype(values.dtype, copy=False)


# erf(x) = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n!·(2n+1)): los coeficientes de la serie de Taylor, en potencias de x².
# Con 40 términos, para |x| < 2.5 el último es < 1e-17 y la cancelación entre términos cuesta menos de tres
# cifras: el error relativo queda por debajo de 1e-13 en float64.
_ERF_SERIES_LIMIT = 2.5
_ERF_SERIES = np.array([(-1) ** n / (math.factorial(n) * (2 * n + 1)) for n in range(40)]) * (2 / math.sqrt(math.pi))
_ERFC_FRACTION_DEPTH = 60


def _erf(values: np.ndarray) -> np.ndarray:
    """La función de error, vectorizada (numpy no la trae). Cerca de 0, la serie de Taylor; lejos, erf = 1 − erfc
    con la fracción continua de Laplace, erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
    que converge deprisa para x ≥ 2.5 (allí erfc < 1e-3, así que su error apenas toca a erf)."""
    x = np.asarray(values, dtype=np.float64)
    result = np.empty_like(x)
    near = np.abs(x) < _ERF_SERIES_LIMIT
    z = x[near] ** 2
    series = np.full_like(z, _ERF_SERIES[-1])
    for c in _ERF_SERIES[-2::-1]:  # Horner: un recorrido por coeficiente, no por elemento
        series = series * z + c
    result[near] = x[near] * series
    far = ~near
    a = np.abs(x[far])
    with np.errstate(invalid="ignore", over="ignore"):
        tail = a.copy()
        for n in range(_ERFC_FRACTION_DEPTH, 0, -1):
            tail = a + (n / 2) / tail
        erfc = np.exp(-a * a) / (math.sqrt(math.pi) * tail)
    result[far] = np.copysign(1 - erfc, x[far])
    return result.astype(values.dtype, copy=False) if values.dtype.kind == "f" else result


def _fills_a_mask(items: tuple, value: Tensor) -> bool:
    """¿Es ``x[máscara] = valor`` con una sola máscara bool y un valor de un elemento? PyTorch lo resuelve
    como ``masked_fill_``, que convierte el valor; con otros índices avanzados exige el mismo tipo."""
    advanced = [item for item in items if not _is_basic_index(item)]
    if value.numel() != 1 or len(advanced) != 1:
        return False
    mask = advanced[0]
    if isinstance(mask, (Tensor, np.ndarray)):  # una máscara de dimensión 0 es otro caso: x[True]
        return mask.dtype in (dtypes.bool, np.bool_) and len(mask.shape) > 0
    return isinstance(mask, list) and builtins.bool(mask) and all(type(m) is builtins.bool for m in mask)


def _check_python_scalar(t: Tensor) -> None:
    """``int(t)`` y ``float(t)`` necesitan un único elemento (PyTorch: ValueError; ``item()`` da RuntimeError)."""
    if t.numel() != 1:
        raise ValueError(f"solo un tensor de un elemento se puede convertir en un número de Python (este tiene {t.numel()})")


def _check_lerp(start: Tensor, end, weight) -> None:
    """``end`` ha de ser un tensor del tipo de ``start``, como ``weight`` si es un tensor con dimensiones (uno de
    dimensión 0 se convierte); y PyTorch solo interpola tensores reales."""
    if not isinstance(end, Tensor):
        raise TypeError(f"lerp: end debe ser un tensor, no {type(end).__name__}")
    for name, other in (("end", end), ("weight", weight)):
        if isinstance(other, Tensor) and (name == "end" or other.dim()) and other.dtype is not start.dtype:
            raise RuntimeError(f"lerp: se esperaba {name} de tipo {start.dtype}, pero es {other.dtype}")
    if not start.dtype.is_floating_point:
        raise NotImplementedError(f"lerp no está implementado para tensores {start.dtype} (solo para reales)")


def _check_addcdiv(tensor1, tensor2) -> None:
    if all(isinstance(t, Tensor) and not t.dtype.is_floating_point for t in (tensor1, tensor2)):
        raise RuntimeError(
            f"addcdiv ya no admite la división entera ({tensor1.dtype} entre {tensor2.dtype}): convierte antes "
            "tensor1 o tensor2 a un tipo real (por ejemplo, con .float())"
        )


def _check_bitwise(name: str, a, b) -> None:
    """Las operaciones bit a bit solo existen para enteros y bools (PyTorch: NotImplementedError con reales).
    Como en PyTorch, unas formas que no encajan se notan antes que un tipo real."""
    if isinstance(b, Tensor):
        if name.endswith("_"):
            _check_broadcast_into(a._shape, [b._shape])
        else:
            strides.broadcast_shapes(a._shape, b._shape)
    compute = result_type(a, b)
    if compute.is_floating_point:
        raise NotImplementedError(f"{name} no está implementado para tensores {compute} (solo para enteros y bools)")


def _correction(unbiased, correction) -> int:
    if correction is not None:
        return correction
    return 0 if unbiased is False else 1


def _check_fits(values, dtype: DType) -> None:
    """Un número (o los de un array) que se escribe en un tensor de enteros tiene que caber en su tipo:
    PyTorch no lo deja desbordarse en silencio al crear o rellenar un tensor (en una operación, sí)."""
    if dtype.is_floating_point or dtype is dtypes.bool:
        return
    array = np.asarray(values)
    if array.size and array.dtype.kind in "iuf":
        info = np.iinfo(dtype.numpy)
        low, high = array.min(), array.max()
        if (array.dtype.kind == "f" and not np.isfinite([low, high]).all()) or low < info.min or high > info.max:
            raise RuntimeError(f"hay un valor que no cabe en el tipo {dtype} sin desbordarse (de {info.min} a {info.max})")
    elif array.dtype.kind == "O":  # enteros de Python más grandes que 64 bits
        raise RuntimeError(f"hay un valor que no cabe en el tipo {dtype} sin desbordarse")


def _array_from_data(data, default_float: DType, dtype: DType | None = None) -> np.ndarray:
    """Convierte listas, tuplas, números o arrays en un array de numpy con un tipo de minitorch."""
    if isinstance(data, Tensor):
        array = data._values().copy()
        return array if dtype is None else array.astype(dtype.numpy)
    if isinstance(data, (np.ndarray, np.generic)):
        array = np.array(data)  # una copia, que conserva el tipo de numpy si minitorch lo tiene
        if dtype is None:
            return array if array.dtype in dtypes._BY_NUMPY else array.astype(_numpy_equivalent(array.dtype))
        return array.astype(dtype.numpy)
    try:
        array = np.array(_unwrap_tensors(data))
    except ValueError:
        raise ValueError(f"los datos no forman un bloque rectangular (hay secuencias de longitudes distintas): {data!r}") from None
    if array.dtype.kind == "u" or (array.dtype.kind == "O" and builtins.all(isinstance(v, builtins.int) for v in array.flat)):
        raise ValueError(f"desbordamiento: hay enteros que no caben en int64 (de -2**63 a 2**63 - 1): {data!r}")
    if array.dtype.kind not in "biuf":
        raise TypeError(f"tipo de dato no válido para un tensor: {type(data).__name__} con elementos {array.dtype}")
    if dtype is not None:
        _check_fits(array, dtype)
        return array.astype(dtype.numpy)
    if array.dtype.kind == "f":
        return array.astype(default_float.numpy)
    return array.astype(_numpy_equivalent(array.dtype), copy=False)


def _unwrap_tensors(data):
    if isinstance(data, Tensor):
        return data.item() if data.dim() == 0 else data.tolist()
    if isinstance(data, (list, tuple)):
        return [_unwrap_tensors(d) for d in data]
    return data
