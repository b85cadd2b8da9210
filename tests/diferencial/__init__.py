"""Pruebas diferenciales: programas cortos al azar que se ejecutan en minitorch y en PyTorch.

- ``programas``: el generador (una estrategia de hypothesis) y la lista de exclusiones;
- ``comparar``: ejecuta un programa en las dos bibliotecas, sentencia a sentencia, y busca la
  primera diferencia;
- ``triaje``: ejecuta miles de programas, agrupa las diferencias y reduce cada una a un programa mínimo.
"""
