# «PyTorch por dentro»: las órdenes de siempre.
#   make lab    abre JupyterLab sobre notebooks/ (crea antes el entorno .venv si hace falta)
#   make test   comprueba el paquete (tests/) y los cuadernos (nbval)
# Las recetas usan solo sh POSIX. Hace falta Python 3.10 o posterior: make PYTHON=python3.12 ...

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Los cuadernos fuente. Las copias de notebooks/alumnos/ no se comprueban ni se ejecutan:
# sus ejercicios lanzan NotImplementedError a propósito.
CUADERNOS := $(wildcard notebooks/*.ipynb) $(wildcard notebooks/profesorado/*.ipynb)

# Jupyter busca primero los núcleos de .venv, así el núcleo «python3» es .venv/bin/python
# aunque el usuario tenga otro «python3» registrado en ~/.local/share/jupyter.
export JUPYTER_PREFER_ENV_PATH := 1

COMPRUEBA_310 := import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)
# Falla si el núcleo «python3» que usaría Jupyter no es el Python de .venv.
NUCLEO_DE_VENV := import sys; from jupyter_client.kernelspec import KernelSpecManager; \
  a = KernelSpecManager().get_kernel_spec('python3').argv[0]; \
  sys.exit(a not in ('python', 'python3', sys.executable) and 'Error: el núcleo python3 usa ' + a + ', no el Python de .venv.')

.DEFAULT_GOAL := ayuda
.PHONY: ayuda .venv lab test torch fuzz imagenes alumnos ejecutar bench libro clean

ayuda:
	@echo "Órdenes disponibles:"
	@echo "  make lab       abre JupyterLab en notebooks/"
	@echo "  make test      comprueba el paquete y los cuadernos"
	@echo "  make torch     instala PyTorch en .venv (para las pruebas de paridad)"
	@echo "  make fuzz      compara minitorch con PyTorch en miles de programas al azar"
	@echo "  make imagenes  vuelve a dibujar las figuras de img/"
	@echo "  make alumnos   regenera las copias de notebooks/alumnos/ (también la del cuaderno del profesorado)"
	@echo "  make ejecutar  ejecuta de nuevo todos los cuadernos y regenera las copias"
	@echo "  make bench     mide el rendimiento de minitorch"
	@echo "  make libro     construye la serie como libro HTML en build/libro/html"
	@echo "  make clean     borra .venv y las cachés"

.venv: $(STAMP)

$(STAMP): pyproject.toml
	@if [ ! -x $(BIN)/python ]; then \
	  if ! command -v $(PYTHON) >/dev/null 2>&1; then \
	    echo "Error: no se encuentra «$(PYTHON)». Hace falta Python 3.10 o posterior." >&2; \
	    echo "Indica el intérprete, por ejemplo: make PYTHON=python3.12 $(MAKECMDGOALS)" >&2; \
	    exit 1; \
	  fi; \
	  if ! $(PYTHON) -c '$(COMPRUEBA_310)'; then \
	    echo "Error: hace falta Python 3.10 o posterior y «$(PYTHON)» es $$($(PYTHON) --version 2>&1)." >&2; \
	    echo "Indica otro intérprete, por ejemplo: make PYTHON=python3.12 $(MAKECMDGOALS)" >&2; \
	    exit 1; \
	  fi; \
	  echo "Creando el entorno virtual $(VENV) con $$($(PYTHON) --version 2>&1)..."; \
	  if ! $(PYTHON) -m venv $(VENV); then \
	    rm -rf $(VENV); \
	    echo "Error: no se pudo crear $(VENV). En Debian o Ubuntu instala el paquete python3-venv." >&2; \
	    exit 1; \
	  fi; \
	fi
	@if ! $(BIN)/python -c '$(COMPRUEBA_310)'; then \
	  echo "Error: $(VENV) usa $$($(BIN)/python --version 2>&1), anterior a 3.10. Bórralo con «make clean»." >&2; \
	  exit 1; \
	fi
	@echo "Instalando minitorch y sus dependencias en $(VENV)..."
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[test,lab]'
	@touch $(STAMP)

# Servido desde la raíz del repositorio (así se ven las figuras ../img/ de los cuadernos), abierto en notebooks/.
# Como root (un contenedor, por ejemplo) Jupyter se niega a arrancar sin --allow-root.
# jupyter-config/ elige el español (el paquete de idioma va en el extra «lab») como idioma por omisión.
lab: $(STAMP)
	@echo "Abriendo JupyterLab en notebooks/ (Ctrl+C para cerrarlo)."
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest tests
	@if [ -z "$(CUADERNOS)" ]; then \
	  echo "No hay cuadernos en notebooks/: nbval no tiene nada que comprobar."; \
	else \
	  echo "Comprobando los cuadernos con nbval..."; \
	  $(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg notebooks/; \
	fi

# Opcional: sin torch, las pruebas de paridad se saltan.
torch: $(STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check torch==2.13.0

# Compara minitorch con PyTorch en muchos programas al azar, distintos en cada llamada (hace falta torch:
# make torch). make test ejecuta siempre los mismos, pocos.
MINITORCH_FUZZ_EJEMPLOS ?= 5000
fuzz: $(STAMP)
	MINITORCH_FUZZ_EJEMPLOS=$(MINITORCH_FUZZ_EJEMPLOS) $(BIN)/python -m pytest -p no:cacheprovider tests/test_diferencial.py

imagenes: $(STAMP)
	$(BIN)/python -m minitorch.figures

alumnos: $(STAMP)
	$(BIN)/python tools/make_student_notebooks.py
	$(BIN)/python tools/make_student_notebooks.py notebooks/profesorado/ --destino notebooks/alumnos/profesorado

# Ejecuta cada cuaderno de arriba abajo con el núcleo de .venv y lo guarda con sus salidas (sin tiempos en
# los metadatos, para que git solo vea cambios reales). Como en «Run All» de JupyterLab, solo las celdas con
# la etiqueta raises-exception pueden fallar: un error en cualquier otra detiene la orden.
ejecutar: $(STAMP)
	@if [ -z "$(CUADERNOS)" ]; then \
	  echo "No hay cuadernos en notebooks/ que ejecutar."; \
	else \
	  $(BIN)/python -c "$(NUCLEO_DE_VENV)" || exit 1; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.kernel_name=python3 \
	    --ExecutePreprocessor.timeout=600 \
	    --ExecutePreprocessor.record_timing=False \
	    $(CUADERNOS); \
	fi
	$(BIN)/python tools/make_student_notebooks.py
	$(BIN)/python tools/make_student_notebooks.py notebooks/profesorado/ --destino notebooks/alumnos/profesorado

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# La serie como libro HTML estático (libro/conf.py): una página por cuaderno con las salidas guardadas, sin
# ejecutarlos. Sphinx, myst-nb y sphinx-book-theme van en el extra «libro», que se instala la primera vez.
# -W: un aviso (una figura o un enlace que no se encuentra) hace fallar la construcción.
LIBRO       := build/libro
LIBRO_STAMP := $(VENV)/.libro

$(LIBRO_STAMP): $(STAMP)
	@echo "Instalando el extra «libro» (Sphinx, myst-nb, sphinx-book-theme) en $(VENV)..."
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[test,lab,libro]'
	@touch $(LIBRO_STAMP)

libro: $(LIBRO_STAMP)
	rm -rf $(LIBRO)
	$(BIN)/python -m sphinx -b html -W --keep-going -q -c libro -d $(LIBRO)/doctrees . $(LIBRO)/html
	@echo "Libro listo: abre $(LIBRO)/html/index.html en el navegador."

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist
	find . -name .git -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints -o -name '*.egg-info' -o -name .pytest_cache -o -name .hypothesis \) -prune -exec rm -rf {} +
