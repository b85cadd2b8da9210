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
from collections import Counter

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


class MultiStepLR(LRScheduler):
    """Multiplica la tasa por ``gamma`` al llegar a cada época de ``milestones`` (por ``gamma**n`` si la época
    aparece ``n`` veces). Como en PyTorch, no se comprueba que las épocas estén ordenadas: se cuentan."""

    def __init__(self, optimizer: Optimizer, milestones, gamma: float = 0.1, last_epoch: int = -1):
        self.milestones, self.gamma = Counter(milestones), gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list[float]:
        self._warn_outside_step()
        times = self.milestones[self.last_epoch]  # un Counter da 0 (sin añadir la clave) si no es un hito
        if not times:
            return self._current_lrs()
        return [lr * self.gamma ** times for lr in self._current_lrs()]


def _per_group(name: str, value, optimizer: Optimizer) -> list:
    """Un valor por grupo de parámetros: o uno para todos, o una lista con tantos como grupos."""
    groups = len(optimizer.param_groups)
    if isinstance(value, (list, tuple)):
        if len(value) != groups:
            raise ValueError(f"{name} debe tener un valor por grupo de parámetros: tiene {len(value)} y hay {groups} grupos")
        return list(value)
    return [value] * groups


class ReduceLROnPlateau(LRScheduler):
    """Multiplica la tasa por ``factor`` cuando una métrica (la que se pasa a ``step(métrica)``) deja de mejorar
    durante más de ``patience`` épocas seguidas; tras cada reducción espera ``cooldown`` épocas sin contar las
    malas, y nunca baja de ``min_lr``.

    «Mejorar» es superar al mejor valor visto por un margen: ``threshold`` relativo (``mode='min'``: menor que
    ``mejor·(1 − threshold)``) o absoluto (``threshold_mode='abs'``: menor que ``mejor − threshold``); con
    ``mode='max'``, al revés. Un cambio de tasa menor que ``eps`` no se aplica.

    No es encadenable ni calcula la tasa por fórmula, así que (como en PyTorch) no usa el constructor de la base:
    no toca ``initial_lr`` y ``last_epoch`` empieza en 0."""

    def __init__(self, optimizer: Optimizer, mode: str = "min", factor: float = 0.1, patience: int = 10,
                 threshold: float = 1e-4, threshold_mode: str = "rel", cooldown: int = 0, min_lr=0, eps: float = 1e-8):
        if factor >= 1.0:
            raise ValueError(f"factor debe ser menor que 1.0 (la tasa se multiplica por él), pero es {factor}")
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{type(optimizer).__name__} no es un optimizador")
        self.factor = factor
        self.optimizer = optimizer
        # Con un único min_lr, se recuerda para poder repartirlo si luego se añaden grupos al optimizador.
        self.default_min_lr = None if isinstance(min_lr, (list, tuple)) else min_lr
        self.min_lrs = _per_group("min_lr", min_lr, optimizer)
        self.patience, self.cooldown, self.eps = patience, cooldown, eps
        self.last_epoch = 0
        self._last_lr = self._current_lrs()
        self._set_comparison(mode, threshold, threshold_mode)
        self.best = self.mode_worse
        self.cooldown_counter = 0
        self.num_bad_epochs = 0

    def _set_comparison(self, mode: str, threshold: float, threshold_mode: str) -> None:
        if mode not in ("min", "max"):
            raise ValueError(f"modo desconocido: {mode!r} (debe ser 'min' o 'max')")
        if threshold_mode not in ("rel", "abs"):
            raise ValueError(f"threshold_mode desconocido: {threshold_mode!r} (debe ser 'rel' o 'abs')")
        self.mode, self.threshold, self.threshold_mode = mode, threshold, threshold_mode
        self.mode_worse = math.inf if mode == "min" else -math.inf  # el punto de partida: cualquier valor lo mejora

    @property
    def in_cooldown(self) -> bool:
        return self.cooldown_counter > 0

    def _improves(self, value: float) -> bool:
        sign = 1.0 if self.mode == "max" else -1.0
        if self.threshold_mode == "rel":
            bar = self.best * (1.0 + sign * self.threshold)
        else:
            bar = self.best + sign * self.threshold
        return value > bar if self.mode == "max" else value < bar

    def get_lr(self) -> list[float]:
        raise NotImplementedError("ReduceLROnPlateau no calcula la tasa por fórmula: usa get_last_lr()")

    def step(self, metrics, epoch=None) -> None:
        """Una época más, con el valor de la métrica vigilada (un número o un tensor de un elemento)."""
        value = float(metrics)  # admite un tensor de un elemento
        if epoch is None:
            epoch = self.last_epoch + 1
        else:
            warnings.warn("el argumento epoch de step() está desaconsejado: basta con llamar a step(métrica)",
                          UserWarning, stacklevel=2)
        self.last_epoch = epoch
        if self._improves(value):
            self.best, self.num_bad_epochs = value, 0
        else:
            self.num_bad_epochs += 1
        if self.in_cooldown:  # las épocas malas justo después de una reducción no cuentan
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            self._reduce()
            self.cooldown_counter, self.num_bad_epochs = self.cooldown, 0
        self._last_lr = self._current_lrs()

    def _reduce(self) -> None:
        groups = len(self.optimizer.param_groups)
        if groups != len(self.min_lrs):
            if self.default_min_lr is None:
                raise RuntimeError(
                    f"el optimizador tiene ahora {groups} grupos de parámetros y ReduceLROnPlateau se creó con "
                    f"{len(self.min_lrs)} valores de min_lr (¿se ha añadido un grupo?): ajusta min_lrs a {groups} valores"
                )
            self.min_lrs = [self.default_min_lr] * groups
        for group, floor in zip(self.optimizer.param_groups, self.min_lrs):
            old = float(group["lr"])
            new = max(old * self.factor, floor)
            if old - new > self.eps:
                group["lr"] = new

    def load_state_dict(self, state_dict: dict) -> None:
        self.__dict__.update(state_dict)
        self._set_comparison(self.mode, self.threshold, self.threshold_mode)


class OneCycleLR(LRScheduler):
    """La política de un ciclo, paso a paso (se llama a ``step()`` tras cada lote, no tras cada época): la tasa
    sube de ``max_lr/div_factor`` a ``max_lr`` en la fracción ``pct_start`` del ciclo y después baja hasta
    ``max_lr/(div_factor·final_div_factor)``, por medio coseno (``anneal_strategy='cos'``) o en línea recta
    (``'linear'``). Con ``three_phase=True`` la bajada es simétrica a la subida y una tercera fase lleva la tasa
    al mínimo. El momento (``momentum`` o el primer ``beta`` de Adam) hace el camino inverso, entre
    ``max_momentum`` y ``base_momentum``, si ``cycle_momentum``.

    El ciclo dura ``total_steps`` pasos, o ``epochs·steps_per_epoch``; pasarse de ahí es un error. No es
    encadenable: calcula la tasa a partir de los extremos que guarda en cada grupo (``initial_lr``, ``max_lr``,
    ``min_lr``, ``max_momentum``, ``base_momentum``)."""

    def __init__(self, optimizer: Optimizer, max_lr, total_steps: int | None = None, epochs: int | None = None,
                 steps_per_epoch: int | None = None, pct_start: float = 0.3, anneal_strategy: str = "cos",
                 cycle_momentum: bool = True, base_momentum=0.85, max_momentum=0.95, div_factor: float = 25.0,
                 final_div_factor: float = 1e4, three_phase: bool = False, last_epoch: int = -1):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"{type(optimizer).__name__} no es un optimizador")
        self.optimizer = optimizer
        if total_steps is not None:
            if total_steps <= 0 or not isinstance(total_steps, int):
                raise ValueError(f"total_steps debe ser un entero positivo, pero es {total_steps}")
            self.total_steps = total_steps
        elif epochs is not None and steps_per_epoch is not None:
            for name, value in (("epochs", epochs), ("steps_per_epoch", steps_per_epoch)):
                if not isinstance(value, int) or value <= 0:
                    raise ValueError(f"{name} debe ser un entero positivo, pero es {value}")
            self.total_steps = epochs * steps_per_epoch
        else:
            raise ValueError("hay que dar total_steps, o bien epochs y steps_per_epoch (el ciclo tiene epochs·steps_per_epoch pasos)")

        # Cada fase va del paso anterior a end_step; los extremos se leen del grupo con esos nombres. Se guardan
        # con las mismas claves que PyTorch para que los state_dict sean intercambiables.
        def phase(end_step, start_lr, end_lr, start_momentum, end_momentum):
            return {"end_step": end_step, "start_lr": start_lr, "end_lr": end_lr,
                    "start_momentum": start_momentum, "end_momentum": end_momentum}

        warmup_end = float(pct_start * self.total_steps) - 1
        last = self.total_steps - 1
        if three_phase:
            self._schedule_phases = [
                phase(warmup_end, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                phase(float(2 * pct_start * self.total_steps) - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                phase(last, "initial_lr", "min_lr", "max_momentum", "max_momentum"),
            ]
        else:
            self._schedule_phases = [
                phase(warmup_end, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                phase(last, "max_lr", "min_lr", "base_momentum", "max_momentum"),
            ]

        if pct_start < 0 or pct_start > 1 or not isinstance(pct_start, float):
            raise ValueError(f"pct_start debe ser un float entre 0 y 1, pero es {pct_start}")
        if anneal_strategy not in ("cos", "linear"):
            raise ValueError(f"anneal_strategy debe ser 'cos' o 'linear', pero es {anneal_strategy!r}")
        self._anneal_func_type = anneal_strategy

        max_lrs = _per_group("max_lr", max_lr, optimizer)
        if last_epoch == -1:
            for group, peak in zip(optimizer.param_groups, max_lrs):
                group["initial_lr"] = peak / div_factor
                group["max_lr"] = peak
                group["min_lr"] = group["initial_lr"] / final_div_factor

        self.cycle_momentum = cycle_momentum
        if cycle_momentum:
            if "momentum" not in optimizer.defaults and "betas" not in optimizer.defaults:
                raise ValueError(
                    f"con cycle_momentum=True el optimizador debe tener momentum o betas, y {type(optimizer).__name__} "
                    "no tiene ninguno (usa cycle_momentum=False)"
                )
            self.use_beta1 = "betas" in optimizer.defaults
            highs = _per_group("max_momentum", max_momentum, optimizer)
            lows = _per_group("base_momentum", base_momentum, optimizer)
            if last_epoch == -1:
                for group, high, low in zip(optimizer.param_groups, highs, lows):
                    self._set_momentum(group, high)
                    group["max_momentum"], group["base_momentum"] = high, low
        super().__init__(optimizer, last_epoch)

    def _set_momentum(self, group: dict, value: float) -> None:
        if self.use_beta1:
            group["betas"] = (value, *group["betas"][1:])
        else:
            group["momentum"] = value

    def _anneal(self, start: float, end: float, fraction: float) -> float:
        if self._anneal_func_type == "cos":
            return end + (start - end) * (1 + math.cos(math.pi * fraction)) / 2
        return start + (end - start) * fraction

    def get_lr(self) -> list[float]:
        """La tasa del paso actual; si ``cycle_momentum``, también escribe el momento en cada grupo."""
        self._warn_outside_step()
        step = self.last_epoch
        if step > self.total_steps:
            raise ValueError(f"se ha llegado al paso {step}, pero el ciclo solo tiene total_steps={self.total_steps} pasos")
        lrs = []
        for group in self.optimizer.param_groups:
            start_step = 0.0
            for i, phase in enumerate(self._schedule_phases):
                # La última fase también cubre el paso total_steps (uno más allá de su end_step).
                if step <= phase["end_step"] or i == len(self._schedule_phases) - 1:
                    fraction = (step - start_step) / (phase["end_step"] - start_step)
                    lrs.append(self._anneal(group[phase["start_lr"]], group[phase["end_lr"]], fraction))
                    if self.cycle_momentum:
                        self._set_momentum(group, self._anneal(group[phase["start_momentum"]], group[phase["end_momentum"]], fraction))
                    break
                start_step = phase["end_step"]
        return lrs


__all__ = [
    "CosineAnnealingLR", "ExponentialLR", "LRScheduler", "LambdaLR", "MultiStepLR", "OneCycleLR", "ReduceLROnPlateau",
    "StepLR",
]
