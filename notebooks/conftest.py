"""Configuración de pytest para los cuadernos (pytest --nbval notebooks/).

Las copias de notebooks/alumnos/ no se comprueban: sus ejercicios lanzan NotImplementedError a propósito.
tests/test_student_notebooks.py comprueba en su lugar que están al día con los cuadernos fuente.

La salida de error (stderr) se compara como cualquier otra salida: un aviso nuevo de numpy o matplotlib
hace fallar la celda, y así nos enteramos antes que el alumnado.
"""

# En una máquina recién instalada, matplotlib construye su caché de fuentes la primera vez que se importa y,
# si tarda más de unos segundos, lo avisa por stderr; dentro de un cuaderno, ese aviso haría fallar la
# primera celda que dibuja. Importarlo aquí construye la caché antes de arrancar ningún núcleo.
import matplotlib.font_manager  # noqa: F401

collect_ignore = ["alumnos"]
