"""Comprobadores de los ejercicios de los cuadernos, con respuestas en español.

Un módulo por cuaderno; cada función comprueba un ejercicio e imprime ✅ o ❌ con una pista:

- ``introduccion``: 00_introduccion.ipynb
- ``tensores``: 01_tensores.ipynb
- ``almacenamiento``: 02_almacenamiento.ipynb
- ``strides``: 03_strides.ipynb
- ``retropropagacion``: 04_retropropagacion.ipynb
- ``autograd``: 05_autograd.ipynb
- ``nn_module``: 06_nn_module.ipynb
- ``entrenamiento``: 07_entrenamiento.ipynb
- ``datos_reales``: 08_datos_reales.ipynb
- ``convoluciones``: 09_convoluciones.ipynb

Uso en un cuaderno::

    from minitorch.ejercicios import tensores as comprobar
    comprobar.unos(mi_tensor)

La maquinaria común (el decorador ``ejercicio``, las comprobaciones ``exigir_*`` y el aviso «⏳ todavía sin
resolver» ante los esbozos de las copias del alumnado) está en ``_comprobacion.py``; su docstring explica
cómo escribir los comprobadores de un cuaderno nuevo. Para los ejercicios de tus propios cuadernos, importa
esas piezas de ``profesorado`` (``from minitorch.ejercicios.profesorado import ejercicio, exigir_igual``), su
parte pública, documentada con ejemplos; ``notebooks/profesorado/`` tiene un cuaderno de ejemplo y una guía.
Este paquete es la capa más alta de minitorch: puede importar cualquier otra, y ninguna lo importa a él.
"""

from ._comprobacion import RespuestaIncorrecta, SinResolver, ejercicio

__all__ = ["RespuestaIncorrecta", "SinResolver", "ejercicio"]
