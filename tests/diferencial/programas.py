"""El generador de programas: una estrategia de hypothesis que escribe programas cortos con la API de PyTorch.

Un programa es una tupla de ``Sentencia`` (la familia de la operación y su código en Python). Para que las
sentencias tengan sentido (formas que encajan, dimensiones que existen) el generador ejecuta cada una en
PyTorch mientras la escribe y mira los tensores vivos; así sortea sobre todo programas válidos, con una
parte de entradas erróneas a propósito (formas que no encajan, dimensiones fuera de rango, tipos que no
admiten la operación). Como todo sale de las elecciones de hypothesis, al encoger un fallo se encoge el
programa entero, y el código resultante se ejecuta igual con ``import torch`` que con
``import minitorch as torch``.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

DTYPES = ("float32", "float64", "int64", "int32", "bool")
FLOATS = ("float32", "float64")
MAX_ELEMENTOS = 256  # un resultado mayor se descarta: los programas deben ser rápidos


# Con MINITORCH_FUZZ_SIN_EXCLUSIONES=1 no se excluye nada: así se mide cuánto coinciden de verdad.
SIN_EXCLUSIONES = bool(os.environ.get("MINITORCH_FUZZ_SIN_EXCLUSIONES"))


@dataclass(frozen=True)
class Sentencia:
    familia: str
    codigo: str


@dataclass(frozen=True)
class Exclusion:
    """Un caso con una diferencia CONOCIDA: las sentencias de ``familia`` (un prefijo) para las que
    ``cuando(codigo, error_de_pytorch, estado)`` es cierto no se escriben."""

    familia: str
    motivo: str
    cuando: Callable = lambda codigo, error, estado: True


def _usados(codigo, estado):
    """Los tensores vivos que nombra el código, en orden (el destino de una asignación, el primero)."""
    derecha = re.sub(r"^t\d+(, t\d+)* = ", "", codigo)  # sin el nombre del resultado, que ya existe
    return [estado.ns[n] for n in re.findall(r"\bt\d+\b", derecha) if isinstance(estado.ns.get(n), estado.torch.Tensor)]


def _primero(codigo, estado):
    usados = _usados(codigo, estado)
    return usados[0] if usados else estado.torch.zeros(())


def _comparte_con_otro(codigo, estado):
    x = _primero(codigo, estado)
    ptr = x.untyped_storage().data_ptr()
    return sum(t.untyped_storage().data_ptr() == ptr for _, t in estado.tensores()) > 1


def _cero_negativo(t):
    return t.dtype.is_floating_point and bool((t.detach() == 0).logical_and(t.detach().signbit()).any())


# Casos con diferencias CONOCIDAS con PyTorch: el generador no los escribe, para que la prueba con
# presupuesto fijo pase mientras se arreglan. Cada uno, con el motivo y, al final, la etiqueta de su
# reproductor en el informe del issue 13, §3. Cuanto más corta, mejor: fuera de esta lista todo debe
# coincidir. Al arreglar uno, se borra su línea y se comprueba con «make fuzz».
EXCLUSIONES: tuple[Exclusion, ...] = (
    Exclusion("autograd.requires_grad", "requires_grad_() de una hoja con vistas ya creadas: en PyTorch las vistas lo "
              "heredan sin grad_fn ni gradiente; minitorch no, a propósito (lo dice el README) (D7)",
              lambda c, err, e: _comparte_con_otro(c, e)),
    Exclusion("asignacion", "PyTorch escribe a medias antes de fallar; minitorch, a propósito, no cambia nada (D31)",
              lambda c, err, e: err is not None and e.cambio_al_fallar),
    Exclusion("asignacion", "x[i] = y con x vacío o entero e y con gradiente: PyTorch no comprueba los índices o pone requires_grad a x (D32)",
              lambda c, err, e: _primero(c, e).numel() == 0
              or (not _primero(c, e).dtype.is_floating_point and any(t.requires_grad for t in _usados(c, e)))),
    Exclusion("aritmetica.**", "True ** x con gradiente: el backward de PyTorch falla con INTERNAL ASSERT, un error suyo (D38)",
              lambda c, err, e: re.search(r"= (True|False) \*\*", c) and any(t.requires_grad for t in _usados(c, e))),
    Exclusion("producto", "matmul con un producto 0 * negativo: PyTorch da -0., minitorch 0. (D40)",
              lambda c, err, e: err is None and _cero_negativo(e.ns[c.split(" =")[0]])),
)


def como_programa(sentencias, biblioteca: str = "torch") -> str:
    """El programa como código que se ejecuta tal cual (``biblioteca``: ``torch`` o ``minitorch``)."""
    cabecera = "import torch" if biblioteca == "torch" else "import minitorch as torch"
    return "\n".join([cabecera, "torch.manual_seed(0)"] + [s.codigo for s in sentencias])


def ejecutar(codigo: str, ns: dict):
    """Ejecuta una sentencia en ``ns``; devuelve la excepción que lanza, o ``None``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(codigo, ns)  # noqa: S102 (es el objeto de la prueba)
    except Exception as error:  # noqa: BLE001 (se compara el tipo)
        return error
    return None


# --- valores literales --------------------------------------------------------------------------------
def valores(semilla: int, forma, dtype: str):
    rng = np.random.default_rng(semilla)
    if dtype == "bool":
        return rng.integers(0, 2, size=forma).astype(bool).tolist()
    if dtype.startswith("int"):
        return rng.integers(-6, 7, size=forma).tolist()
    # Octavos: exactos en float32, las sumas en otro orden dan lo mismo y se leen bien al fallar.
    return (rng.integers(-24, 25, size=forma) / 8).tolist()


NUMEROS = st.sampled_from([0, 1, 2, -3, 0.5, -1.25, 2.0, True, False])


def formas(max_dims=3, max_lado=4):
    return st.lists(st.integers(0, max_lado), min_size=0, max_size=max_dims).map(tuple)


def _forma(forma) -> str:
    # Una forma vacía se escribe «()»: PyTorch no acepta zeros() ni view() sin argumentos (minitorch sí,
    # véase el reproductor «sin argumentos» del informe).
    return ", ".join(str(n) for n in forma) or "()"


def _tupla(forma) -> str:
    return "(" + "".join(f"{n}, " for n in forma).rstrip(" ") + ")"


# --- el estado mientras se genera ----------------------------------------------------------------------
class Estado:
    def __init__(self, torch):
        self.torch = torch
        self.ns = {"torch": torch}
        self.n = 0
        self.cambio_al_fallar = False  # si la última sentencia falló en PyTorch tras cambiar algún tensor
        torch.manual_seed(0)

    def nuevo(self, prefijo="t") -> str:
        self.n += 1
        return f"{prefijo}{self.n}"

    def tensores(self, filtro=None):
        return [
            (k, v)
            for k, v in self.ns.items()
            if k[0] == "t" and isinstance(v, self.torch.Tensor) and (filtro is None or filtro(v))
        ]


def _elige(draw, estado, filtro=None):
    vivos = estado.tensores(filtro)
    if not vivos:
        return None, None
    return draw(st.sampled_from(vivos))


def _dim(draw, nd: int, extra: int = 0) -> int:
    """Una dimensión: casi siempre válida (también negativa), a veces fuera de rango a propósito."""
    total = nd + extra
    if total == 0 or draw(st.integers(0, 11)) == 0:
        return draw(st.sampled_from([total, -total - 1, total + 1]))
    d = draw(st.integers(0, total - 1))
    return d - total if draw(st.booleans()) else d


def _tensor_literal(draw, forma=None, dtype=None, con_dtype=None) -> str:
    forma = draw(formas()) if forma is None else forma
    dtype = dtype or draw(st.sampled_from(DTYPES))
    texto = repr(valores(draw(st.integers(0, 2**16)), forma, dtype))
    if con_dtype is None:
        con_dtype = draw(st.booleans()) or dtype in ("float64", "int32")
    if not con_dtype and dtype == "int64" and forma == ():
        texto = str(int(texto))
    return f"torch.tensor({texto}, dtype=torch.{dtype})" if con_dtype else f"torch.tensor({texto})"


def _operando(draw, estado, permitir_numero=True) -> str:
    """Un tensor vivo, un literal nuevo o un número de Python."""
    tipo = draw(st.sampled_from(["vivo", "vivo", "vivo", "literal", "numero"] if permitir_numero else ["vivo", "literal"]))
    if tipo == "vivo":
        nombre, _ = _elige(draw, estado)
        if nombre:
            return nombre
    if tipo == "numero":
        return repr(draw(NUMEROS))
    return _tensor_literal(draw, forma=draw(formas(max_dims=2, max_lado=3)))


# --- familias de sentencias ------------------------------------------------------------------------------
# Cada una devuelve (familia, código) o None si no hay con qué escribirla.
def creacion(draw, e):
    nombre = e.nuevo()
    tipo = draw(st.sampled_from(["tensor", "tensor", "zeros", "arange", "randn", "full", "like", "eye"]))
    forma = draw(formas())
    if tipo == "tensor":
        return "creacion.tensor", f"{nombre} = {_tensor_literal(draw, forma)}"
    if tipo == "zeros":
        # Sin empty: sus valores no están definidos en PyTorch (minitorch rellena con ceros, a propósito).
        fn = draw(st.sampled_from(["zeros", "ones"]))
        dt = draw(st.sampled_from((None,) + DTYPES))
        args = _forma(forma) + (f", dtype=torch.{dt}" if dt else "")
        return "creacion.zeros", f"{nombre} = torch.{fn}({args})"
    if tipo == "arange":
        caso = draw(st.integers(0, 3))
        if caso == 0:
            args = str(draw(st.integers(0, 12)))
        elif caso == 1:
            a = draw(st.integers(-4, 4))
            args = f"{a}, {a + draw(st.integers(0, 10))}, {draw(st.sampled_from([1, 2, 3, -1]))}"
        elif caso == 2:
            args = f"{draw(st.sampled_from([0, -1.5, 0.5]))}, {draw(st.sampled_from([2, 3.0, 4.25]))}, {draw(st.sampled_from([0.5, 0.25, 1]))}"
        else:
            args = f"{draw(st.integers(0, 8))}, dtype=torch.{draw(st.sampled_from(DTYPES[:4]))}"
        return "creacion.arange", f"{nombre} = torch.arange({args})"
    if tipo == "randn":
        fn = draw(st.sampled_from(["randn", "rand", "randint"]))
        semilla = draw(st.integers(0, 5))
        args = f"-3, 4, {_tupla(forma)}" if fn == "randint" else _forma(forma)
        return f"creacion.{fn}", f"torch.manual_seed({semilla}); {nombre} = torch.{fn}({args})"
    if tipo == "full":
        return "creacion.full", f"{nombre} = torch.full({_tupla(forma)}, {draw(NUMEROS)!r})"
    if tipo == "eye":
        return "creacion.eye", f"{nombre} = torch.eye({draw(st.integers(0, 4))}, {draw(st.integers(0, 4))})"
    x, _ = _elige(draw, e)
    if x is None:
        return None
    fn = draw(st.sampled_from(["zeros_like", "ones_like", "full_like"]))
    extra = f", {draw(NUMEROS)!r}" if fn == "full_like" else ""
    return "creacion.like", f"{nombre} = torch.{fn}({x}{extra})"


def _forma_compatible(draw, forma, numel):
    """Una forma con el mismo número de elementos (a veces con -1), o a veces una que no encaja."""
    if draw(st.integers(0, 7)) == 0:
        return draw(formas())
    factores = []
    m = numel
    for p in (2, 3, 5, 7):
        while m and m % p == 0:
            factores.append(p)
            m //= p
    if m > 1:
        factores.append(m)
    if numel == 0:
        factores = [0]
    nd = draw(st.integers(1, 4))
    grupos = [1] * nd
    for f in factores:
        grupos[draw(st.integers(0, nd - 1))] *= f
    if numel and draw(st.booleans()):
        grupos[draw(st.integers(0, nd - 1))] = -1
    return tuple(grupos)


def vista(draw, e):
    x, t = _elige(draw, e)
    if x is None:
        return None
    nd, forma = t.dim(), tuple(t.shape)
    nombre = e.nuevo()
    op = draw(st.sampled_from(
        ["view", "reshape", "t", "permute", "transpose", "unsqueeze", "squeeze", "expand", "narrow",
         "select", "diagonal", "as_strided", "flatten", "contiguous", "mT", "split"]
    ))
    if op in ("view", "reshape"):
        return f"vista.{op}", f"{nombre} = {x}.{op}({_forma(_forma_compatible(draw, forma, t.numel()))})"
    if op == "t":
        return "vista.t", f"{nombre} = {x}.t()"
    if op == "mT":
        return "vista.mT", f"{nombre} = {x}.mT"
    if op == "permute":
        perm = list(draw(st.permutations(range(nd))))
        if perm and draw(st.integers(0, 5)) == 0:
            perm[0] = perm[-1]  # una permutación con una dimensión repetida
        return "vista.permute", f"{nombre} = {x}.permute({_forma(perm)})"
    if op == "transpose":
        return "vista.transpose", f"{nombre} = {x}.transpose({_dim(draw, nd)}, {_dim(draw, nd)})"
    if op == "unsqueeze":
        return "vista.unsqueeze", f"{nombre} = {x}.unsqueeze({_dim(draw, nd, extra=1)})"
    if op == "squeeze":
        arg = "" if draw(st.integers(0, 3)) == 0 else str(_dim(draw, nd))
        return "vista.squeeze", f"{nombre} = {x}.squeeze({arg})"
    if op == "expand":
        lider = draw(st.lists(st.integers(0, 3), max_size=2))
        tam = [draw(st.sampled_from([n, -1, 3, 2])) if n == 1 else draw(st.sampled_from([n, n, -1, n + 1])) for n in forma]
        return "vista.expand", f"{nombre} = {x}.expand({_forma(lider + tam)})"
    if op == "narrow":
        d = _dim(draw, nd)
        n = forma[d] if -nd <= d < nd else 2
        inicio = draw(st.integers(-n - 1, n))
        return "vista.narrow", f"{nombre} = {x}.narrow({d}, {inicio}, {draw(st.integers(0, n + 1))})"
    if op == "select":
        d = _dim(draw, nd)
        n = forma[d] if -nd <= d < nd else 2
        return "vista.select", f"{nombre} = {x}.select({d}, {draw(st.integers(-n - 1, n))})"
    if op == "diagonal":
        args = f"{draw(st.integers(-3, 3))}, {_dim(draw, nd)}, {_dim(draw, nd)}"
        return "vista.diagonal", f"{nombre} = {x}.diagonal({args})"
    if op == "as_strided":
        tam_almacen = t.untyped_storage().nbytes() // t.element_size()
        tam = draw(st.lists(st.integers(0, 3), max_size=3))
        pasos = [draw(st.integers(0, 3)) for _ in tam]
        desde = draw(st.integers(0, max(0, tam_almacen - 1)))
        return "vista.as_strided", f"{nombre} = {x}.as_strided({_tupla(tam)}, {_tupla(pasos)}, {desde})"
    if op == "flatten":
        return "vista.flatten", f"{nombre} = {x}.flatten({_dim(draw, max(nd, 1))}, {_dim(draw, max(nd, 1))})"
    if op == "split":
        return "vista.split", f"{nombre} = {x}.split({draw(st.integers(1, 3))}, {_dim(draw, nd)})[-1]"
    return "vista.contiguous", f"{nombre} = {x}.{draw(st.sampled_from(['contiguous', 'clone', 'detach']))}()"


def _indice_basico(draw, forma) -> str:
    partes, d = [], 0
    elipsis = False
    while d < len(forma) and draw(st.booleans()):
        n = forma[d]
        tipo = draw(st.sampled_from(["int", "slice", "slice", "none", "ellipsis"]))
        if tipo == "int":
            partes.append(str(draw(st.integers(-n - 1, n)) if n else 0))
        elif tipo == "none":
            partes.append("None")
            continue
        elif tipo == "ellipsis" and not elipsis:
            partes.append("...")
            elipsis = True
        else:
            a = draw(st.none() | st.integers(-n - 1, n + 1))
            b = draw(st.none() | st.integers(-n - 1, n + 1))
            paso = draw(st.sampled_from([None, 1, 2, 3, 2, -1]))
            partes.append(f"{'' if a is None else a}:{'' if b is None else b}" + ("" if paso is None else f":{paso}"))
        d += 1
    if not partes:
        return draw(st.sampled_from(["...", ":", "None"]))
    return ", ".join(partes)


def _indice_avanzado(draw, forma) -> str:
    partes, avanzados = [], 0
    for n in forma:
        if avanzados and not draw(st.booleans()):
            break
        tipo = draw(st.sampled_from(["lista", "tensor", "mascara", "slice", "int"]))
        if tipo == "lista":
            partes.append(repr(draw(st.lists(st.integers(-n - 1, n), min_size=0 if n == 0 else 1, max_size=3))))
            avanzados += 1
        elif tipo == "tensor":
            ind = draw(st.lists(st.integers(-n, max(n - 1, 0)), min_size=1, max_size=4))
            forma_ind = "" if len(ind) != 4 else ".view(2, 2)"
            dt = draw(st.sampled_from(["", "", ", dtype=torch.int32", ", dtype=torch.float32"]))
            partes.append(f"torch.tensor({ind!r}{dt}){forma_ind}")
            avanzados += 1
        elif tipo == "mascara":
            partes.append(f"torch.tensor({draw(st.lists(st.booleans(), min_size=n, max_size=n))!r}, dtype=torch.bool)")
            avanzados += 1
        elif tipo == "slice":
            partes.append(draw(st.sampled_from([":", "::2", "1:"])))
        else:
            partes.append(str(draw(st.integers(-n, max(n - 1, 0)))))
    if not avanzados:
        partes.append("[0]")
    return ", ".join(partes)


def _indice_mascara_entera(draw, x) -> str:
    return f"{x} > 0"


def _indice_al_azar(draw, x, t) -> tuple[str, str]:
    """Un índice para ``x`` (el tensor ``t``): básico (el doble de veces), avanzado o una máscara."""
    tipo = draw(st.sampled_from(["basico", "basico", "avanzado", "mascara"]))
    if tipo == "basico":
        return tipo, _indice_basico(draw, tuple(t.shape))
    if tipo == "avanzado":
        return tipo, _indice_avanzado(draw, tuple(t.shape))
    return tipo, _indice_mascara_entera(draw, x)


def indexacion(draw, e):
    x, t = _elige(draw, e)
    if x is None:
        return None
    tipo, indice = _indice_al_azar(draw, x, t)
    return f"indexacion.{tipo}", f"{e.nuevo()} = {x}[{indice}]"


def asignacion(draw, e):
    x, t = _elige(draw, e)
    if x is None:
        return None
    tipo, indice = _indice_al_azar(draw, x, t)
    return f"asignacion.{tipo}", f"{x}[{indice}] = {_operando(draw, e)}"


def in_situ(draw, e):
    x, t = _elige(draw, e)
    if x is None:
        return None
    op = draw(st.sampled_from(["add_", "mul_", "sub_", "div_", "zero_", "fill_", "clamp_", "neg_", "exp_", "copy_", "+=", "*="]))
    if op in ("+=", "*="):
        return "in_situ.operador", f"{x} {op} {_operando(draw, e)}"
    if op == "zero_" or op in ("neg_", "exp_"):
        codigo = f"{x}.{op}()"
    elif op == "fill_":
        codigo = f"{x}.fill_({draw(NUMEROS)!r})"
    elif op == "clamp_":
        lo, hi = draw(st.sampled_from([(-1, 1), (0, None), (None, 0.5), (1.5, -1)]))
        codigo = f"{x}.clamp_({'' if lo is None else f'min={lo}'}{', ' if lo is not None and hi is not None else ''}{'' if hi is None else f'max={hi}'})"
    elif op == "copy_":
        codigo = f"{x}.copy_({_operando(draw, e, permitir_numero=False)})"
    else:
        codigo = f"{x}.{op}({_operando(draw, e)})"
    if draw(st.booleans()):
        codigo = f"{e.nuevo()} = {codigo}"
    return f"in_situ.{op.rstrip('_')}", codigo


def aritmetica(draw, e):
    tipo = draw(st.sampled_from(["binaria", "binaria", "binaria", "funcion", "conversion"]))
    nombre = e.nuevo()
    if tipo == "binaria":
        a = _operando(draw, e)
        b = _operando(draw, e)
        if not (a[0] == "t" or a.startswith("torch")) and not (b[0] == "t" or b.startswith("torch")):
            a = _operando(draw, e, permitir_numero=False)
        op = draw(st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "<", "==", "&", "|"]))
        return f"aritmetica.{op}", f"{nombre} = {a} {op} {b}"
    if tipo == "funcion":
        x, _ = _elige(draw, e)
        if x is None:
            return None
        fn = draw(st.sampled_from(["add", "maximum", "where", "sub"]))
        b = _operando(draw, e)
        if fn == "where":
            return "aritmetica.where", f"{nombre} = torch.where({x} > 0, {x}, {b})"
        if fn in ("add", "sub"):
            return f"aritmetica.{fn}", f"{nombre} = torch.{fn}({x}, {b}, alpha={draw(st.sampled_from([2, 0.5, -1]))})"
        return f"aritmetica.{fn}", f"{nombre} = torch.{fn}({x}, {b})"
    x, t = _elige(draw, e)
    if x is None:
        return None
    conv = draw(st.sampled_from(["float()", "double()", "long()", "int()", "bool()", "to(torch.float32)", "to(torch.int64)"]))
    return "aritmetica.conversion", f"{nombre} = {x}.{conv}"


def unaria(draw, e):
    x, t = _elige(draw, e)
    if x is None:
        return None
    nombre = e.nuevo()
    fn = draw(st.sampled_from(
        ["exp", "log", "sqrt", "abs", "neg", "sigmoid", "tanh", "relu", "sin", "floor", "round", "sign",
         "reciprocal", "square", "softmax", "cumsum"]
    ))
    arg = str(_dim(draw, t.dim())) if fn in ("softmax", "cumsum") else ""
    return f"unaria.{fn}", f"{nombre} = {x}.{fn}({arg})"


def reduccion(draw, e):
    x, t = _elige(draw, e)
    if x is None:
        return None
    fn = draw(st.sampled_from(["sum", "mean", "prod", "std", "var", "max", "min", "argmax", "argmin", "amax", "all", "any", "logsumexp", "norm"]))
    forma_llamada = draw(st.sampled_from(["todo", "dim", "dim_keepdim"]))
    if fn == "logsumexp" and forma_llamada == "todo":
        forma_llamada = "dim"
    nombre = e.nuevo()
    if forma_llamada == "todo":
        return f"reduccion.{fn}", f"{nombre} = {x}.{fn}()"
    d = _dim(draw, max(t.dim(), 1))
    if fn == "amax" and draw(st.booleans()):
        d = f"({d}, {_dim(draw, max(t.dim(), 1))})"
    keep = ", keepdim=True" if forma_llamada == "dim_keepdim" else ""
    if fn == "norm":
        return "reduccion.norm", f"{nombre} = {x}.norm(dim={d}{keep})"
    codigo = f"{x}.{fn}({d}{keep})"
    if fn in ("max", "min"):
        otro = e.nuevo()
        return f"reduccion.{fn}_dim", f"{nombre}, {otro} = {codigo}"
    return f"reduccion.{fn}", f"{nombre} = {codigo}"


def union(draw, e):
    vivos = e.tensores()
    if not vivos:
        return None
    nombres = draw(st.lists(st.sampled_from([k for k, _ in vivos]), min_size=1, max_size=3))
    fn = draw(st.sampled_from(["cat", "stack", "cat", "hstack", "vstack"]))
    nd = max(e.ns[nombres[0]].dim(), 1)
    if fn in ("hstack", "vstack"):
        return f"union.{fn}", f"{e.nuevo()} = torch.{fn}([{', '.join(nombres)}])"
    d = _dim(draw, nd, extra=1 if fn == "stack" else 0)
    return f"union.{fn}", f"{e.nuevo()} = torch.{fn}([{', '.join(nombres)}], dim={d})"


def producto(draw, e):
    a, ta = _elige(draw, e)
    if a is None:
        return None
    fn = draw(st.sampled_from(["@", "matmul", "mm", "bmm", "mv", "dot", "outer"]))
    if draw(st.booleans()):
        b, _ = _elige(draw, e)
    else:
        # Un segundo operando que encaja: la última dimensión de a, y luego una al azar.
        k = ta.shape[-1] if ta.dim() else 2
        forma = draw(st.sampled_from([(k,), (k, draw(st.integers(0, 3)))]))
        dt = str(ta.dtype).split(".")[-1] if draw(st.integers(0, 4)) else draw(st.sampled_from(DTYPES))
        b = _tensor_literal(draw, forma, dtype=dt, con_dtype=True)
    nombre = e.nuevo()
    if fn == "@":
        return "producto.@", f"{nombre} = {a} @ {b}"
    return f"producto.{fn}", f"{nombre} = torch.{fn}({a}, {b})"


def autograd(draw, e):
    tipo = draw(st.sampled_from(["requires_grad", "requires_grad", "backward", "detach", "no_grad", "grad", "retain_grad"]))
    if tipo == "no_grad":
        x, _ = _elige(draw, e)
        if x is None:
            return None
        return "autograd.no_grad", f"with torch.no_grad():\n    {e.nuevo()} = {x} * 2"
    x, t = _elige(draw, e, (lambda v: v.requires_grad) if tipo in ("backward", "grad", "retain_grad") and draw(st.integers(0, 4)) else None)
    if x is None:
        return None
    if tipo == "requires_grad":
        return "autograd.requires_grad", f"{x}.requires_grad_()"
    if tipo == "backward":
        if draw(st.integers(0, 5)) == 0:
            return "autograd.backward", f"{x}.backward()"
        return "autograd.backward", f"{x}.sum().backward()"
    if tipo == "grad":
        return "autograd.grad", f"{e.nuevo()} = {x}.grad"
    if tipo == "retain_grad":
        return "autograd.retain_grad", f"{x}.retain_grad()"
    return "autograd.detach", f"{e.nuevo()} = {x}.detach()"


def escalar(draw, e):
    x, t = _elige(draw, e)
    if x is None:
        return None
    que = draw(st.sampled_from(["item()", "tolist()", "shape", "numel()", "is_contiguous()", "size(0)"]))
    return f"escalar.{que.split('(')[0]}", f"{e.nuevo('v')} = {x}.{que}"


def otras(draw, e):
    """Operaciones de la lista de README que no son vistas: index_select, gather, roll, tile, diag…"""
    x, t = _elige(draw, e)
    if x is None:
        return None
    nd, forma = t.dim(), tuple(t.shape)
    nombre = e.nuevo()
    fn = draw(st.sampled_from(["index_select", "gather", "roll", "tile", "diag", "trace", "masked_fill", "flip", "tril", "repeat"]))
    d = _dim(draw, max(nd, 1))
    n = forma[d] if -nd <= d < nd else 1
    if fn == "index_select":
        ind = draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=3))
        return "otras.index_select", f"{nombre} = {x}.index_select({d}, torch.tensor({ind!r}, dtype=torch.int64))"
    if fn == "gather":
        forma_ind = [min(m, draw(st.integers(0, 2))) for m in forma] if draw(st.integers(0, 5)) else list(forma) + [1]
        ind = valores(draw(st.integers(0, 99)), tuple(forma_ind), "int64")
        ind = np.mod(np.array(ind, dtype=np.int64), max(n, 1)).tolist()
        return "otras.gather", f"{nombre} = {x}.gather({d}, torch.tensor({ind!r}, dtype=torch.int64))"
    if fn == "roll":
        return "otras.roll", f"{nombre} = {x}.roll({draw(st.integers(-3, 3))}, {d})"
    if fn in ("tile", "repeat"):
        veces = draw(st.lists(st.integers(0, 2), min_size=nd if fn == "repeat" else 0, max_size=nd + 1))
        return f"otras.{fn}", f"{nombre} = {x}.{fn}({_tupla(veces)})"
    if fn == "diag":
        return "otras.diag", f"{nombre} = {x}.diag({draw(st.integers(-2, 2))})"
    if fn == "trace":
        return "otras.trace", f"{nombre} = {x}.trace()"
    if fn == "masked_fill":
        return "otras.masked_fill", f"{nombre} = {x}.masked_fill({x} > 0, {draw(NUMEROS)!r})"
    if fn == "flip":
        return "otras.flip", f"{nombre} = {x}.flip({d})"
    return "otras.tril", f"{nombre} = {x}.{draw(st.sampled_from(['tril', 'triu']))}({draw(st.integers(-1, 1))})"


FAMILIAS = {
    "creacion": (creacion, 3),
    "vista": (vista, 5),
    "indexacion": (indexacion, 3),
    "asignacion": (asignacion, 2),
    "in_situ": (in_situ, 3),
    "aritmetica": (aritmetica, 4),
    "unaria": (unaria, 2),
    "reduccion": (reduccion, 3),
    "union": (union, 1),
    "producto": (producto, 2),
    "autograd": (autograd, 3),
    "escalar": (escalar, 1),
    "otras": (otras, 2),
}
_SORTEO = [nombre for nombre, (_, peso) in FAMILIAS.items() for _ in range(peso)]


def excluida(familia: str, codigo: str, error, estado) -> bool:
    return not SIN_EXCLUSIONES and any(
        (familia == x.familia or familia.startswith(x.familia + ".")) and x.cuando(codigo, error, estado)
        for x in EXCLUSIONES
    )


@st.composite
def programas(draw, torch, min_sentencias=3, max_sentencias=8):
    """Un programa de ``min_sentencias`` a ``max_sentencias`` sentencias (tupla de ``Sentencia``)."""
    e = Estado(torch)
    sentencias = []
    gradiente = draw(st.booleans())
    objetivo = draw(st.integers(min_sentencias, max_sentencias))
    if gradiente:
        # Un final de autograd: una hoja real que requiere gradiente, operaciones y .sum().backward().
        nombre = e.nuevo()
        forma = draw(formas(max_dims=2, max_lado=3))
        codigo = f"{nombre} = {_tensor_literal(draw, forma, dtype=draw(st.sampled_from(FLOATS)))}.requires_grad_()"
        ejecutar(codigo, e.ns)
        sentencias.append(Sentencia("autograd.hoja", codigo))
    intentos = 0
    while len(sentencias) < objetivo - gradiente and intentos < 3 * max_sentencias:
        intentos += 1
        familia = draw(st.sampled_from(_SORTEO))
        escrita = FAMILIAS[familia][0](draw, e)
        if escrita is None:
            continue
        antes = dict(e.ns)
        valores_antes = {k: v.detach().clone() for k, v in e.tensores()}
        error = ejecutar(escrita[1], e.ns)
        e.cambio_al_fallar = error is not None and any(
            not torch.equal(v.detach(), valores_antes[k]) for k, v in e.tensores() if k in valores_antes
        )
        grande = [k for k, v in e.ns.items() if isinstance(v, torch.Tensor) and v.numel() > MAX_ELEMENTOS]
        if grande or excluida(*escrita, error, e):
            # Un resultado demasiado grande o un caso excluido: la sentencia no entra. (Si era in situ,
            # ya cambió los tensores de PyTorch; el estado solo guía lo que se escribe después.)
            e.ns.clear()
            e.ns.update(antes)
            continue
        sentencias.append(Sentencia(*escrita))
    if gradiente:
        final = [k for k, v in e.tensores(lambda v: v.requires_grad)]
        if final:
            codigo = f"{final[-1]}.sum().backward()"
            if not excluida("autograd.backward", codigo, ejecutar(codigo, e.ns), e):
                sentencias.append(Sentencia("autograd.backward", codigo))
    return tuple(sentencias)
