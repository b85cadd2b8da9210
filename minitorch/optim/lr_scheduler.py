"""Programadores de la tasa de aprendizaje (``torch.optim.lr_scheduler``): cambian el ``lr`` del optimizador
a medida que avanza el entrenamiento.

Se usan así, una vez por época (después de ``optimizer.step()``)::

    programador = StepLR(optimizador, step_size=10, gamma=0.5)
    for epoca in range(100):
        entrenar_una_epoca()
        programador.step()

Cada programador calcula la tasa de la época siguiente a partir de la actual (como PyTorch), así que se
pueden encadenar dos sobre el mismo optimizador.
"""

from __future__ import annotations

import math
import warnings

from .optimizer import Optimizer


class LRScheduler:
    """La base: recuerda las tasas iniciales (``base_lrs``) y la época (``last_epoch``), y en cada ``step()``
    escribe en cada grupo de parámetros la tasa que da ``get_lr()``."""

    def __init__(self, optimizer: Optimizer, last_epoch: int = -1):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{type(optimizer).__name__} no es un optimizador")
        self.optimizer = optimizer
        if not getattr(optimizer, "_scheduled", False):
            # Como PyTorch, el aviso de step() mira solo los optimizer.step() posteriores al primer planificador.
            optimizer._scheduled, optimizer._stepped = True, False
        if last_epoch == -1:
            for group in optimizer.param_groups:
                group.setdefault("initial_lr", group["lr"])
        else:
            missing = [i for i, group in enumerate(optimizer.param_groups) if "initial_lr" not in group]
            if missing:
                raise KeyError(f"falta 'initial_lr' en el grupo de parámetros {missing[0]} al reanudar con last_epoch={last_epoch}")
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        self.last_epoch = last_epoch
        self._step_count = 0
        self._get_lr_called_within_step = False
        self._is_initial = True
        self.step()  # la época 0: la tasa inicial
        self._is_initial = False

    def get_lr(self) -> list[float]:
        """La tasa de la época siguiente, calculada a partir de la actual: solo tiene sentido dentro de ``step()``."""
        raise NotImplementedError

    def get_last_lr(self) -> list[float]:
        """Las tasas que se escribieron en el último ``step()``."""
        return self._last_lr

    def _warn_outside_step(self) -> None:
        if not self._get_lr_called_within_step:
            warnings.warn(
                "get_lr() calcula la tasa del paso siguiente a partir de la actual; para saber la tasa que se está "
                "usando, llama a get_last_lr()",
                UserWarning,
                stacklevel=3,
            )

    def step(self, epoch=None) -> None:
        if epoch is not None:
            raise NotImplementedError("minitorch no implementa step(epoch), que PyTorch ya desaconseja")
        if self._step_count == 1 and not getattr(self.optimizer, "_stepped", False):
            warnings.warn(
                "se ha llamado a lr_scheduler.step() antes que a optimizer.step(); el orden correcto es el "
                "contrario (primero optimizer.step(), después lr_scheduler.step()): si no, se salta la primera "
                "tasa de aprendizaje del programa",
                UserWarning,
                stacklevel=2,
            )
        self._step_count += 1
        self.last_epoch += 1
        self._get_lr_called_within_step = True
        try:
            lrs = self.get_lr()
        finally:
            self._get_lr_called_within_step = False
        for group, lr in zip(self.optimizer.param_groups, lrs):
            group["lr"] = lr
        self._last_lr = self._current_lrs()

    def _current_lrs(self) -> list[float]:
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self) -> dict:
        """Todo el estado menos el optimizador (que tiene el suyo)."""
        return {key: value for key, value in self.__dict__.items() if key != "optimizer"}

    def load_state_dict(self, state_dict: dict) -> None:
        self.__dict__.update(state_dict)


class StepLR(LRScheduler):
    """Multiplica la tasa por ``gamma`` cada ``step_size`` épocas."""

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1, last_epoch: int = -1):
        self.step_size, self.gamma = step_size, gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        self._warn_outside_step()
        if self.last_epoch == 0 or self.last_epoch % self.step_size:
            return self._current_lrs()
        return [lr * self.gamma for lr in self._current_lrs()]


class ExponentialLR(LRScheduler):
    """Multiplica la tasa por ``gamma`` en cada época."""

    def __init__(self, optimizer: Optimizer, gamma: float, last_epoch: int = -1):
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        self._warn_outside_step()
        if self.last_epoch == 0:
            return self._current_lrs()
        return [lr * self.gamma for lr in self._current_lrs()]


class LambdaLR(LRScheduler):
    """La tasa es la inicial por ``lr_lambda(época)`` (una función, o una por grupo de parámetros)."""

    def __init__(self, optimizer: Optimizer, lr_lambda, last_epoch: int = -1):
        groups = len(optimizer.param_groups)
        if isinstance(lr_lambda, (list, tuple)):
            if len(lr_lambda) != groups:
                raise ValueError(f"se esperaban {groups} funciones lr_lambda (una por grupo), pero hay {len(lr_lambda)}")
            self.lr_lambdas = list(lr_lambda)
        else:
            self.lr_lambdas = [lr_lambda] * groups
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        self._warn_outside_step()
        return [base * factor(self.last_epoch) for base, factor in zip(self.base_lrs, self.lr_lambdas)]

    def state_dict(self) -> dict:
        """Sin las funciones (no se pueden guardar con pickle si son lambdas), como PyTorch."""
        state = super().state_dict()
        state["lr_lambdas"] = [None] * len(self.lr_lambdas)
        return state

    def load_state_dict(self, state_dict: dict) -> None:
        lr_lambdas = self.lr_lambdas
        super().load_state_dict(state_dict)
        self.lr_lambdas = lr_lambdas


class CosineAnnealingLR(LRScheduler):
    """La tasa baja de la inicial a ``eta_min`` siguiendo medio coseno en ``T_max`` épocas (y vuelve a subir después):
    ``eta_min + (inicial − eta_min)·(1 + cos(π·época/T_max))/2``."""

    def __init__(self, optimizer: Optimizer, T_max: int, eta_min: float = 0.0, last_epoch: int = -1):  # noqa: N803
        self.T_max, self.eta_min = T_max, eta_min
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        self._warn_outside_step()
        epoch, period = self.last_epoch, self.T_max
        if epoch == 0:
            return self._current_lrs()
        if self._step_count == 1:  # se reanuda a mitad de camino: la fórmula directa
            return [self.eta_min + (base - self.eta_min) * (1 + math.cos(math.pi * epoch / period)) / 2 for base in self.base_lrs]
        # De una época a la siguiente: el cociente entre dos puntos del coseno (así se puede encadenar).
        if (epoch - 1 - period) % (2 * period) == 0:  # el fondo del valle: se vuelve a subir
            return [lr + (base - self.eta_min) * (1 - math.cos(math.pi / period)) / 2
                    for lr, base in zip(self._current_lrs(), self.base_lrs)]
        ratio = (1 + math.cos(math.pi * epoch / period)) / (1 + math.cos(math.pi * (epoch - 1) / period))
        return [self.eta_min + ratio * (lr - self.eta_min) for lr in self._current_lrs()]


__all__ = ["CosineAnnealingLR", "ExponentialLR", "LRScheduler", "LambdaLR", "StepLR"]
