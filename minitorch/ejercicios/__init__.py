"""Comprobadores de los ejercicios de los cuadernos, con respuestas en español.

Un módulo por cuaderno; cada función comprueba un ejercicio e imprime ✅ o ❌ con una pista:

- ``introduccion``: 00_introduccion.ipynb
- ``tensores``: 01_tensores.ipynb
- ``almacenamiento``: 02_almacenamiento.ipynb
- ``strides``: 03_strides.ipynb
- ``autograd``: 04_autograd.ipynb

Uso en un cuaderno::

    from minitorch.ejercicios import tensores as comprobar
    comprobar.unos(mi_tensor)

La maquinaria común (el decorador ``ejercicio`` y las comprobaciones ``exigir_*``) está en
``_comprobacion.py``; su docstring explica cómo escribir los comprobadores de un cuaderno nuevo.
Este paquete es la capa más alta de minitorch: puede importar cualquier otra, y ninguna lo importa a él.
"""

from ._comprobacion import RespuestaIncorrecta, ejercicio

__all__ = ["RespuestaIncorrecta", "ejercicio"]
