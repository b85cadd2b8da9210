"""El tensor de minitorch: un almacenamiento más la forma, los strides y el desplazamiento para leerlo.

Este módulo es el núcleo del tensor: cómo se construye, sus metadatos (forma, strides, desplazamiento),
el puente con numpy, la impresión y las conversiones de Python. El puente es ``Tensor._values``: un
``ndarray`` que mira la misma memoria con los mismos strides, así que el cálculo masivo lo hace numpy y
nunca se recorren elementos en Python. ``Tensor._from_array`` hace el camino inverso sin copiar.

Las operaciones (vistas, índices, aritmética, reducciones…) están en ``minitorch/ops/``, un fichero por
familia; ``ops/__init__.py`` las une a esta clase. Aquí tampoco hay diferenciación automática: la capa
``autograd`` envuelve después los métodos de ``Tensor`` para anotar el grafo computacional, igual que en
PyTorch el código de autograd envuelve cada operación del tensor (su *dispatcher*).
"""

from __future__ import annotations

import builtins
import copy
import functools
import operator
import warnings
from collections import namedtuple

import numpy as np

from . import dtypes, strides
from .dtypes import dtype as DType
from .printing import tensor_repr
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
    (``autograd/derivatives/numpy_keywords.py`` envuelve igual los nodos, que reciben los argumentos tal como llegan)."""
    name = function.__name__.lstrip("_")

    @functools.wraps(function)
    def accepting(*args, **kwargs):
        if kwargs:
            return function(*args, **_numpy_keywords(name, kwargs))
        return function(*args)  # sin reenviar un **kwargs vacío, que cuesta casi tanto como la llamada

    accepting._numpy_keywords = True
    return accepting


_new_object = object.__new__  # crea la instancia sin pasar por __new__ ni __init__ (el camino caliente)


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

    Esta clase define el núcleo; sus operaciones (``view``, ``sum``, ``x + y``…) están en ``minitorch/ops/``,
    una familia por fichero, y ``ops/__init__.py`` las añade aquí.
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


# --- funciones auxiliares: operandos y disposición de los resultados (las usan varias familias de ops/) ---
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


def _legacy_name(dtype: DType) -> str:
    """``FloatTensor`` para ``float32``…: el nombre del tipo de tensor en las primeras versiones de PyTorch."""
    return dtype.storage_name.replace("Storage", "Tensor")


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


def _reduction_result(result):
    """PyTorch entrega contiguo el resultado de una reducción (numpy conserva el orden de la entrada)."""
    if type(result) is np.ndarray and not result.flags.c_contiguous:
        return np.ascontiguousarray(result)
    return result


def _check_python_scalar(t: Tensor) -> None:
    """``int(t)`` y ``float(t)`` necesitan un único elemento (PyTorch: ValueError; ``item()`` da RuntimeError)."""
    if t.numel() != 1:
        raise ValueError(f"solo un tensor de un elemento se puede convertir en un número de Python (este tiene {t.numel()})")


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
