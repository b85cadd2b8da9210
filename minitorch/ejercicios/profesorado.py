"""Para el profesorado: escribir ejercicios comprobados con minitorch en tus propios cuadernos.

Este módulo es la parte pública de la maquinaria con la que están hechos los comprobadores de la serie
(``_comprobacion.py``): los mismos objetos, sin copias. Un comprobador es una función decorada con
``@ejercicio(titulo)`` que recibe la respuesta del alumno, calcula con minitorch lo que debería salir y la
contrasta con las funciones ``exigir_*``. Si algo falla, imprime ``❌ título: pista``; si no, ``✅``; y si
recibe el esbozo de la copia del alumnado (``...`` o una función que lanza ``NotImplementedError``),
``⏳ título: todavía sin resolver``, sin traza de error. El cuaderno de ejemplo
``notebooks/profesorado/como_escribir_un_ejercicio.ipynb`` y la guía ``notebooks/profesorado/GUIA.md``
lo cuentan de principio a fin.

Qué comprobar y con qué:

- un número (con tolerancia), un booleano o una tupla (una forma, unos strides): ``exigir_igual``;
- un tensor (tipo, forma, dtype, valores y, si se pide, strides): ``exigir_tensor_igual``;
- una función del alumno frente a la tuya en muchas entradas: ``exigir_funcion_igual`` (también exige que
  no modifique sus argumentos);
- una vista o una copia (si comparte el almacenamiento o no): ``exigir_vista`` y ``exigir_copia``;
- una función *in situ*, que tiene que modificar su argumento: ``exigir_en_su_sitio``; que no lo modifique:
  ``fotografiar`` antes y ``exigir_intactos`` después;
- cualquier otra condición: ``exigir(condicion, pista)``; para llamar al código del alumno y convertir
  sus errores en pistas: ``llamar``.

Un número::

    >>> from minitorch.ejercicios.profesorado import ejercicio, exigir_igual
    >>> @ejercicio("Ejercicio 1 (la media)")
    ... def media(respuesta):
    ...     exigir_igual(respuesta, 2.5, nombre="la media")
    >>> media(2.5000001)
    ✅ Ejercicio 1 (la media): ¡correcto!
    >>> media(3)
    ❌ Ejercicio 1 (la media): la media vale 3 y se esperaba 2.5
    >>> media(...)
    ⏳ Ejercicio 1 (la media): todavía sin resolver: cambia cada «...» por tu respuesta y vuelve a ejecutar la celda.

Lo esperado se calcula con minitorch, nunca con números escritos a mano; el comprobador puede devolver un
comentario que se añade al ✅. Un tensor, con sus strides::

    >>> import minitorch
    >>> from minitorch.ejercicios.profesorado import exigir_tensor_igual
    >>> @ejercicio("Ejercicio 2 (la traspuesta)")
    ... def traspuesta(respuesta, x):
    ...     exigir_tensor_igual(respuesta, x.t(), nombre="la traspuesta", strides=True)
    ...     return "Trasponer solo intercambia los strides."
    >>> x = minitorch.arange(6.0).view(2, 3)
    >>> traspuesta(x.t(), x)
    ✅ Ejercicio 2 (la traspuesta): ¡correcto! Trasponer solo intercambia los strides.
    >>> traspuesta(x.t().contiguous(), x)
    ❌ Ejercicio 2 (la traspuesta): la traspuesta tiene strides (2, 1) y se esperaban (1, 3)

Una función del alumno frente a la de referencia, en varios casos (cada caso es una tupla de argumentos)::

    >>> from minitorch.ejercicios.profesorado import exigir_funcion_igual
    >>> @ejercicio("Ejercicio 3 (el cuadrado)")
    ... def cuadrado(funcion):
    ...     casos = [(minitorch.tensor([1.0, -2.0]),), (minitorch.zeros(2, 3),)]
    ...     exigir_funcion_igual(funcion, lambda x: x * x, casos, nombre="cuadrado")
    >>> cuadrado(lambda x: x * 2)
    ❌ Ejercicio 3 (el cuadrado): cuadrado(tensor de forma (2,)) tiene la forma y el dtype correctos, pero el elemento [0] vale 2.0 y debería valer 1.0 (no coinciden 2 de los 2 elementos)
    >>> def esbozo(x):
    ...     raise NotImplementedError
    >>> cuadrado(esbozo)
    ⏳ Ejercicio 3 (el cuadrado): todavía sin resolver: cuadrado todavía no está escrita (lanza NotImplementedError); escribe su código en lugar de «raise NotImplementedError» y vuelve a ejecutar la celda.

Una vista, y una función *in situ*::

    >>> from minitorch.ejercicios.profesorado import exigir_en_su_sitio, exigir_vista
    >>> @ejercicio("Ejercicio 4 (una fila, sin copiar)")
    ... def fila(respuesta, x):
    ...     exigir_tensor_igual(respuesta, x[0], nombre="la fila")
    ...     exigir_vista(respuesta, x, nombre="la fila", base_nombre="x")
    >>> fila(x[0].clone(), x)
    ❌ Ejercicio 4 (una fila, sin copiar): la fila tiene los valores correctos, pero es una copia: no comparte el almacenamiento de x, y se pedía una vista (una operación que no copie los datos)
    >>> @ejercicio("Ejercicio 5 (poner a cero, in situ)")
    ... def a_cero(funcion):
    ...     exigir_en_su_sitio(funcion, lambda t: t.zero_(), [(minitorch.ones(3),)], nombre="a_cero")
    >>> a_cero(lambda t: t * 0)
    ❌ Ejercicio 5 (poner a cero, in situ): a_cero(tensor de forma (3,)) dejó intacto su argumento 1, y se pedía modificarlo en su sitio (in situ), sin crear un tensor nuevo

Para las pruebas, ``comprobador.evaluar(...)`` devuelve ``(correcto, mensaje)`` sin imprimir::

    >>> media.evaluar(2.5)
    (True, '✅ Ejercicio 1 (la media): ¡correcto!')

Reglas de las pistas, las mismas de la serie: dicen qué está mal y nunca cómo se escribe la solución;
``NotImplementedError`` nunca es un ❌ (si atrapas ``RespuestaIncorrecta`` para afinar una pista, deja
pasar ``SinResolver``, que es una subclase); y si el comprobador usa números aleatorios, decóralo también
con ``@sin_mover_la_semilla`` para no cambiar los que el cuaderno saque después.
"""

from ._comprobacion import (RespuestaIncorrecta, SinResolver, ejercicio, exigir, exigir_copia,
                            exigir_en_su_sitio, exigir_funcion_igual, exigir_igual, exigir_intactos,
                            exigir_tensor, exigir_tensor_igual, exigir_vista, fotografiar, llamar, parecidos,
                            semilla_intacta, sin_mover_la_semilla)

__all__ = [
    "RespuestaIncorrecta",
    "SinResolver",
    "ejercicio",
    "exigir",
    "exigir_igual",
    "exigir_tensor",
    "exigir_tensor_igual",
    "exigir_funcion_igual",
    "exigir_vista",
    "exigir_copia",
    "exigir_en_su_sitio",
    "fotografiar",
    "exigir_intactos",
    "llamar",
    "parecidos",
    "semilla_intacta",
    "sin_mover_la_semilla",
]
