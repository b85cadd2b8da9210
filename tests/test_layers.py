"""Las capas de minitorch: ningún módulo importa nada de una capa superior.

La prueba lee cada ``minitorch/**/*.py`` con ``ast`` (sin ejecutarlo), resuelve sus ``import``
(también los relativos y los que están dentro de funciones) y comprueba cada uno contra la tabla.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "minitorch"

# Las capas, de abajo arriba. Un módulo solo importa de capas inferiores; de su misma capa, solo si
# la última columna lo permite (las capas más bajas deben ser independientes entre sí).
#
#   nivel  módulos (primer componente tras «minitorch.»)   ¿puede importar de su propia capa?
LAYERS = [
    (0, ("strides",), False),
    (1, ("dtypes", "printing", "random", "cuda", "tracebacks"), False),
    (2, ("storage", "size", "temporaries"), True),
    (3, ("tensor",), True),  # el núcleo: almacenamiento, forma, strides, desplazamiento, numpy, impresión
    (4, ("creation", "serialization"), True),
    (5, ("ops", "functions"), True),  # las operaciones, por familias, y sus versiones minitorch.f(x)
    (6, ("autograd",), True),
    (7, ("nn",), True),
    (8, ("optim", "utils", "datasets"), True),
    (9, ("ejercicios", "figures"), True),
]
# ``import minitorch`` a secas carga todo lo que el paquete publica (hasta optim y utils): cuenta
# como una importación de esa capa, así que solo pueden hacerla ejercicios y figures.
WHOLE_PACKAGE_LEVEL = 8

LEVEL = {name: level for level, names, _ in LAYERS for name in names}
SAME_LAYER_OK = {level: ok for level, _, ok in LAYERS}


def module_name(path: Path) -> str:
    """``minitorch/nn/modules/linear.py`` -> ``minitorch.nn.modules.linear`` (``__init__`` es el paquete)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Los módulos de minitorch que importa ``source``, como ``(línea, nombre absoluto)``.

    ``from . import a, b`` importa ``paquete.a`` y ``paquete.b``; ``from .x import y``, ``paquete.x``.
    """
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            if node.module is None:  # from . import a, b: cada nombre es un módulo (o algo de él)
                found += [(node.lineno, f"{prefix}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, prefix))
    return [(line, name) for line, name in found if name == "minitorch" or name.startswith("minitorch.")]


def level_of(name: str) -> int | None:
    """El nivel de un módulo de minitorch (``None`` si no está en la tabla)."""
    if name == "minitorch":
        return WHOLE_PACKAGE_LEVEL
    return LEVEL.get(name.split(".")[1])


def violations(path: Path, source: str) -> list[str]:
    module = module_name(path)
    if module == "minitorch":
        return []  # el __init__ del paquete está por encima de todo: junta las capas
    own = level_of(module)
    problems = []
    for line, target in imported_modules(source, module, path.name == "__init__.py"):
        level = level_of(target)
        if level is None:
            problems.append(f"{path.name}:{line}: importa {target}, que no está en la tabla de capas")
        elif level > own or (level == own and not SAME_LAYER_OK[own] and target.split(".")[1] != module.split(".")[1]):
            problems.append(f"{module}:{line} (nivel {own}) importa {target} (nivel {level})")
    return problems


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_is_found():
    assert len(SOURCES) > 10 and (PACKAGE / "tensor.py") in SOURCES


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_has_a_layer(path):
    module = module_name(path)
    assert module == "minitorch" or level_of(module) is not None, (
        f"{module} no está en la tabla LAYERS de tests/test_layers.py: decide en qué capa va"
    )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_from_a_higher_layer(path):
    assert violations(path, path.read_text(encoding="utf-8")) == []


# --- la prueba misma debe poder fallar ---------------------------------------------------------------
@pytest.mark.parametrize(
    "relative, source",
    [
        ("strides.py", "from .tensor import Tensor\n"),
        ("strides.py", "def f():\n    from . import dtypes\n"),  # también dentro de una función
        ("dtypes.py", "from .printing import tensor_repr\n"),  # misma capa, prohibido en la 1
        ("printing.py", "import minitorch.storage\n"),
        ("tensor.py", "from .autograd import grad_mode\n"),
        ("nn/modules/linear.py", "from ...optim import SGD\n"),
        ("autograd/engine.py", "from .. import nn\n"),
        ("storage.py", "import minitorch\n"),
        ("tensor.py", "from .nuevo import algo\n"),  # un módulo sin capa
        ("tensor.py", "from .creation import zeros\n"),  # el núcleo no conoce a quien crea tensores
        ("tensor.py", "def f():\n    from .ops import views\n"),  # ni a las operaciones
    ],
)
def test_a_forbidden_import_is_reported(relative, source):
    assert violations(PACKAGE / relative, source)


@pytest.mark.parametrize(
    "relative, source",
    [
        ("storage.py", "from . import dtypes\nfrom .printing import storage_repr\n"),
        ("tensor.py", "from .storage import Storage\nfrom . import strides\n"),
        ("creation.py", "from .tensor import Tensor\n"),
        ("ops/copies.py", "from .. import creation\nfrom .elementwise import _erf\n"),  # misma capa, permitido en la 5
        ("nn/modules/linear.py", "from .. import functional as F\nfrom ...tensor import Tensor\n"),
        ("ejercicios/tensores.py", "import minitorch\nfrom ._comprobacion import ejercicio\n"),
        ("strides.py", "import numpy as np\nfrom typing import Sequence\n"),
    ],
)
def test_an_allowed_import_is_accepted(relative, source):
    assert violations(PACKAGE / relative, source) == []


def test_relative_imports_are_resolved():
    source = "from . import a, b\nfrom ..parameter import P\nfrom ...tensor import T\nimport minitorch.nn\n"
    found = [name for _, name in imported_modules(source, "minitorch.nn.modules.linear", False)]
    assert sorted(found) == [
        "minitorch.nn", "minitorch.nn.modules.a", "minitorch.nn.modules.b", "minitorch.nn.parameter",
        "minitorch.tensor",
    ]


# --- ningún ciclo de importaciones ---------------------------------------------------------------------
# Aunque cada importación respete las capas, dos módulos de una misma capa podrían importarse el uno al
# otro (también dentro de una función, que es como se suelen esconder). Un ciclo obliga a leerlos juntos.
def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """``módulo -> módulos de minitorch que importa``, a partir de ``{módulo: código}`` (``__init__`` es el paquete).

    ``from .x import y`` cuenta como importar ``x``, y ``from . import y``, como importar ``y`` si es un
    módulo o el paquete si no lo es."""
    graph = {}
    for module, source in sources.items():
        is_package = source.startswith("#paquete\n") or module + ".__init__" in sources
        targets = set()
        for _, target in imported_modules(source, module, is_package):
            while target not in sources and "." in target:
                target = target.rpartition(".")[0]
            if target in sources and target != module:
                targets.add(target)
        graph[module] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Los grupos de módulos que se importan entre sí, directa o indirectamente (componentes fuertemente
    conexas de más de un módulo, con el algoritmo de Tarjan)."""
    order, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_no_import_cycles():
    sources = {module_name(path): ("#paquete\n" if path.name == "__init__.py" else "") + path.read_text(encoding="utf-8")
               for path in SOURCES}
    assert cycles(import_graph(sources)) == []


def test_a_cycle_is_found():
    sources = {
        "minitorch.a": "from .b import x\n",
        "minitorch.b": "def f():\n    from .c import y\n",  # escondido dentro de una función
        "minitorch.c": "from . import a\n",
        "minitorch.d": "from .a import x\n",  # importa el ciclo, pero no forma parte de él
    }
    assert cycles(import_graph(sources)) == [["minitorch.a", "minitorch.b", "minitorch.c"]]
