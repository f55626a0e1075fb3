"""Tensor: a NumPy array that remembers how it was made, and can backpropagate.

The whole engine in one idea (as in micrograd, but on arrays): every operation
computes its value *and* stores, right beside it, its local backward rule
``backward(g) -> (gradient for each input)``, where ``g`` is dLoss/d(output).
`Tensor.backward` walks the graph once in reverse topological order and applies
the chain rule: each input's gradient is the sum over all paths of these local
rules.

>>> from dlkurs.scratch import Tensor
>>> w = Tensor([[1.0, 2.0]], requires_grad=True)
>>> x = Tensor([[3.0], [4.0]])
>>> y = (w @ x).sum()          # 1*3 + 2*4 = 11
>>> y.backward()
>>> w.grad                      # dy/dw = x transposed
array([[3., 4.]])
"""

from __future__ import annotations

import contextlib
from typing import Callable, Sequence

import numpy as np

__all__ = ["Tensor", "as_tensor", "no_grad", "is_grad_enabled", "concatenate", "stack", "where"]

_grad_enabled = True


@contextlib.contextmanager
def no_grad():
    """Compute without recording the graph (evaluation, prediction): no backward rules are kept."""
    global _grad_enabled
    previous, _grad_enabled = _grad_enabled, False
    try:
        yield
    finally:
        _grad_enabled = previous


def is_grad_enabled() -> bool:
    """True unless inside `no_grad()`."""
    return _grad_enabled


def as_tensor(value, dtype=None) -> "Tensor":
    """Return `value` as a Tensor (a Tensor stays itself; anything array-like is wrapped, no gradient)."""
    return value if isinstance(value, Tensor) else Tensor(value, dtype=dtype)


def _unbroadcast(grad: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum a gradient over the axes that broadcasting added or stretched, back to `shape`.

    If x of shape (3, 1) was broadcast to (3, 4), each x[i, 0] was used 4 times,
    so its gradient is the sum of those 4 gradients: sum over axis 1, keepdims.
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    return np.asarray(grad).reshape(shape)


def _is_basic_index(index) -> bool:
    parts = index if isinstance(index, tuple) else (index,)
    return all(p is None or p is Ellipsis or isinstance(p, (slice, int, np.integer)) for p in parts)


def _shape_error(a: np.ndarray, b: np.ndarray, symbol: str) -> ValueError:
    return ValueError(
        f"Form passt nicht: {a.shape} {symbol} {b.shape} – die Formen lassen sich nicht "
        "broadcasten (von rechts verglichen muss jede Dimension gleich oder 1 sein)."
    )


class Tensor:
    """An n-dimensional array with an optional gradient.

    data: the value, a NumPy array (dtype follows the input; float64 for Python floats).
    requires_grad: whether `backward` should compute dLoss/d(this tensor) into `.grad`.
    """

    __slots__ = ("data", "grad", "requires_grad", "parents", "_backward", "op", "logits", "name")
    __array_ufunc__ = None  # `ndarray * Tensor` calls Tensor.__rmul__; np.exp(tensor) is an error, use .exp()

    def __init__(self, data, requires_grad: bool = False, dtype=None, name: str = ""):
        self.data = np.asarray(data, dtype=dtype)
        if requires_grad and self.data.dtype.kind != "f":
            self.data = self.data.astype(np.float64)  # Tensor([1, 2], requires_grad=True): gradients need floats
        self.grad: np.ndarray | None = None
        self.requires_grad = requires_grad
        self.parents: tuple[Tensor, ...] = ()
        self._backward: Callable | None = None
        self.op = ""
        self.logits: Tensor | None = None  # set by softmax/sigmoid: the input they came from
        self.name = name

    @staticmethod
    def from_op(data: np.ndarray, parents: Sequence["Tensor"], backward: Callable, op: str) -> "Tensor":
        """Make the result of an operation: its value, its inputs, and its local backward rule.

        backward(g) receives dLoss/d(result) and returns one gradient per parent,
        in the order of `parents` (None where a parent needs none). Nothing is
        recorded inside `no_grad()` or when no parent requires a gradient.
        """
        out = Tensor.__new__(Tensor)
        out.data = data if isinstance(data, np.ndarray) else np.asarray(data)
        out.grad = None
        out.op = op
        out.logits = None
        out.name = ""
        needs = _grad_enabled and any(p.requires_grad for p in parents)
        out.requires_grad = needs
        out.parents = tuple(parents) if needs else ()
        out._backward = backward if needs else None
        return out

    # ----------------------------------------------------------------- info
    shape = property(lambda self: self.data.shape)
    dtype = property(lambda self: self.data.dtype)
    ndim = property(lambda self: self.data.ndim)
    size = property(lambda self: self.data.size)
    T = property(lambda self: self.transpose())

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        body = np.array2string(self.data, prefix="Tensor(")
        extra = ", requires_grad=True" if self.requires_grad else ""
        extra += f", op='{self.op}'" if self.op else ""
        return f"Tensor({body}{extra})"

    def __array__(self, dtype=None, copy=None):
        """np.asarray(tensor) and plotting see the value."""
        return self.data if dtype is None else self.data.astype(dtype)

    # Comparisons give plain boolean arrays (no gradient flows through a comparison).
    def __gt__(self, other):
        return self.data > getattr(other, "data", other)

    def __ge__(self, other):
        return self.data >= getattr(other, "data", other)

    def __lt__(self, other):
        return self.data < getattr(other, "data", other)

    def __le__(self, other):
        return self.data <= getattr(other, "data", other)

    def numpy(self) -> np.ndarray:
        """The value as a NumPy array (no copy)."""
        return self.data

    def item(self) -> float:
        """The value of a one-element tensor as a Python number."""
        return self.data.item()

    def detach(self) -> "Tensor":
        """The same value, cut off from the graph."""
        return Tensor(self.data)

    def zero_grad(self) -> None:
        """Forget the accumulated gradient."""
        self.grad = None

    def _lift(self, other) -> "Tensor":
        """Wrap a number or array; a Python number takes this tensor's dtype (float32 stays float32)."""
        if isinstance(other, Tensor):
            return other
        if isinstance(other, (int, float)) and self.data.dtype.kind == "f":
            return Tensor(np.asarray(other, dtype=self.data.dtype))
        return Tensor(other)

    # ------------------------------------------------- elementwise arithmetic
    def __add__(self, other):
        """out = a + b;  da = g, db = g (summed back over broadcast axes)."""
        other = self._lift(other)
        try:
            value = self.data + other.data
        except ValueError:
            raise _shape_error(self.data, other.data, "+") from None
        return Tensor.from_op(value, (self, other), lambda g: (g, g), "+")

    def __sub__(self, other):
        """out = a - b;  da = g, db = -g."""
        other = self._lift(other)
        try:
            value = self.data - other.data
        except ValueError:
            raise _shape_error(self.data, other.data, "-") from None
        return Tensor.from_op(value, (self, other), lambda g: (g, -g), "-")

    def __mul__(self, other):
        """out = a * b;  da = g * b, db = g * a."""
        other = self._lift(other)
        a, b = self.data, other.data
        try:
            value = a * b
        except ValueError:
            raise _shape_error(a, b, "*") from None

        def backward(g):
            return (g * b if self.requires_grad else None, g * a if other.requires_grad else None)

        return Tensor.from_op(value, (self, other), backward, "*")

    def __truediv__(self, other):
        """out = a / b;  da = g / b, db = -g * a / b²."""
        other = self._lift(other)
        a, b = self.data, other.data
        try:
            value = a / b
        except ValueError:
            raise _shape_error(a, b, "/") from None

        def backward(g):
            return (g / b if self.requires_grad else None, -g * value / b if other.requires_grad else None)

        return Tensor.from_op(value, (self, other), backward, "/")

    def __neg__(self):
        """out = -a;  da = -g."""
        return Tensor.from_op(-self.data, (self,), lambda g: (-g,), "neg")

    def __pow__(self, exponent: float):
        """out = a**k for a constant k;  da = g * k * a**(k-1)."""
        if isinstance(exponent, Tensor):
            raise TypeError("Nur konstante Exponenten werden unterstützt: a ** 2, nicht a ** b.")
        a = self.data
        return Tensor.from_op(a**exponent, (self,), lambda g: (g * exponent * a ** (exponent - 1),), f"**{exponent}")

    def __radd__(self, other):
        return self._lift(other) + self

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rmul__(self, other):
        return self._lift(other) * self

    def __rtruediv__(self, other):
        return self._lift(other) / self

    # ------------------------------------------------------ matrix product
    def __matmul__(self, other):
        """out = a @ b;  da = g @ bᵀ, db = aᵀ @ g (batch axes summed back, 1-D operands as in NumPy)."""
        other = self._lift(other)
        a, b = self.data, other.data
        if a.ndim == 0 or b.ndim == 0 or a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
            inner_b = b.shape[-2 if b.ndim > 1 else 0] if b.ndim else "–"
            raise ValueError(
                f"Form passt nicht: {a.shape} @ {b.shape} – die inneren Dimensionen "
                f"{a.shape[-1] if a.ndim else '–'} und {inner_b} müssen gleich sein."
            )

        def backward(g):
            if a.ndim == 1 and b.ndim == 1:  # dot product of two vectors
                return g * b, g * a
            # View 1-D operands as a row (a) or column (b) matrix, as np.matmul does.
            a2 = a[None, :] if a.ndim == 1 else a
            b2 = b[:, None] if b.ndim == 1 else b
            g2 = g
            if a.ndim == 1:
                g2 = np.expand_dims(g2, -2)
            if b.ndim == 1:
                g2 = np.expand_dims(g2, -1)
            da = db = None
            if self.requires_grad:
                da = g2 @ np.swapaxes(b2, -1, -2)
                da = da[..., 0, :] if a.ndim == 1 else da
            if other.requires_grad:
                db = np.swapaxes(a2, -1, -2) @ g2
                db = db[..., :, 0] if b.ndim == 1 else db
            return da, db

        return Tensor.from_op(a @ b, (self, other), backward, "@")

    def __rmatmul__(self, other):
        return self._lift(other) @ self

    # ----------------------------------------------------------- reductions
    def sum(self, axis=None, keepdims: bool = False):
        """out = Σ a over `axis`;  da = g copied back along the summed axes."""
        shape = self.data.shape

        def backward(g):
            if axis is not None and not keepdims:
                g = np.expand_dims(g, axis)
            return (np.broadcast_to(g, shape),)

        return Tensor.from_op(self.data.sum(axis=axis, keepdims=keepdims), (self,), backward, "sum")

    def mean(self, axis=None, keepdims: bool = False):
        """out = Σ a / n over `axis`;  da = g / n copied back along the averaged axes."""
        axes = range(self.data.ndim) if axis is None else np.atleast_1d(axis)
        n = int(np.prod([self.data.shape[i] for i in axes]))
        return self.sum(axis=axis, keepdims=keepdims) * (1.0 / n)

    def max(self, axis=None, keepdims: bool = False):
        """out = max of a over `axis`;  da = g where a is the maximum (shared equally among ties)."""
        a = self.data
        value = a.max(axis=axis, keepdims=True)

        def backward(g):
            if axis is not None and not keepdims:
                g = np.expand_dims(g, axis)
            mask = a == value
            return (g * mask / mask.sum(axis=axis, keepdims=True),)

        out = value if keepdims else (value.reshape(()) if axis is None else np.squeeze(value, axis))
        return Tensor.from_op(out, (self,), backward, "max")

    # ------------------------------------------------------ shape operations
    def reshape(self, *shape):
        """out = a with a new shape;  da = g with the old shape."""
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        old = self.data.shape
        try:
            value = self.data.reshape(shape)
        except ValueError:
            raise ValueError(
                f"Form passt nicht: {old} ({self.data.size} Werte) lässt sich nicht in {shape} umformen."
            ) from None
        return Tensor.from_op(value, (self,), lambda g: (g.reshape(old),), "reshape")

    def transpose(self, *axes):
        """out = a with its axes permuted (default: reversed);  da = g permuted back."""
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        axes = axes or tuple(reversed(range(self.data.ndim)))
        inverse = tuple(np.argsort(axes))
        return Tensor.from_op(self.data.transpose(axes), (self,), lambda g: (g.transpose(inverse),), "transpose")

    def swapaxes(self, axis1: int, axis2: int):
        """out = a with two axes exchanged (e.g. kᵀ over the last two);  da = g swapped back."""
        return Tensor.from_op(
            np.swapaxes(self.data, axis1, axis2), (self,), lambda g: (np.swapaxes(g, axis1, axis2),), "swapaxes"
        )

    def __getitem__(self, index):
        """out = a[index];  da = zeros with g added at the indexed places."""
        if isinstance(index, Tensor):
            index = index.data
        a = self.data

        def backward(g):
            grad = np.zeros_like(a, dtype=g.dtype)
            if _is_basic_index(index):
                grad[index] = g  # slices and integers never pick an element twice
            else:
                np.add.at(grad, index, g)  # fancy indices may repeat: add every pick
            return (grad,)

        return Tensor.from_op(a[index], (self,), backward, "getitem")

    # ------------------------------------------------ elementwise functions
    def exp(self):
        """out = eᵃ;  da = g * eᵃ."""
        value = np.exp(self.data)
        return Tensor.from_op(value, (self,), lambda g: (g * value,), "exp")

    def log(self):
        """out = ln a;  da = g / a."""
        a = self.data
        return Tensor.from_op(np.log(a), (self,), lambda g: (g / a,), "log")

    def sqrt(self):
        """out = √a;  da = g / (2√a)."""
        value = np.sqrt(self.data)
        return Tensor.from_op(value, (self,), lambda g: (g / (2 * value),), "sqrt")

    def abs(self):
        """out = |a|;  da = g * sign(a) (0 at a = 0)."""
        a = self.data
        return Tensor.from_op(np.abs(a), (self,), lambda g: (g * np.sign(a),), "abs")

    def clip(self, low, high):
        """out = a limited to [low, high];  da = g inside the range, 0 outside."""
        a = self.data
        return Tensor.from_op(np.clip(a, low, high), (self,), lambda g: (g * ((a >= low) & (a <= high)),), "clip")

    # ------------------------------------------------------------- backward
    def backward(self, grad=None) -> None:
        """Compute dself/dx for every x in the graph that requires a gradient, into x.grad.

        grad: dLoss/dself; defaults to 1 (self is then usually the scalar loss).
        Gradients of leaves (tensors you created) add up over calls: reset them
        with `zero_grad()` (an optimizer's `step` does not). Intermediate results
        get fresh gradients on every call, so they can be inspected.
        """
        if not self.requires_grad:
            raise RuntimeError(
                "Dieser Tensor hängt von keinem Tensor mit requires_grad=True ab – "
                "es gibt nichts abzuleiten."
            )
        order = self._topological_order()
        for node in order:
            if node.parents:
                node.grad = None
        seed = np.ones_like(self.data) if grad is None else np.asarray(grad, dtype=self.data.dtype)
        self.grad = seed if self.grad is None else self.grad + seed
        for node in reversed(order):
            if node._backward is None or node.grad is None:
                continue
            for parent, g in zip(node.parents, node._backward(node.grad)):
                if g is None or not parent.requires_grad:
                    continue
                g = _unbroadcast(g, parent.data.shape)
                parent.grad = g if parent.grad is None else parent.grad + g

    def _topological_order(self) -> list["Tensor"]:
        """All tensors self depends on, each after its inputs; iterative, so 10,000+ deep graphs work."""
        order: list[Tensor] = []
        visited: set[int] = set()
        stack: list[tuple[Tensor, bool]] = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
                continue
            if id(node) in visited:
                continue
            visited.add(id(node))
            stack.append((node, True))
            for parent in node.parents:
                if parent.requires_grad and id(parent) not in visited:
                    stack.append((parent, False))
        return order


# ---------------------------------------------------------------- functions
def concatenate(tensors: Sequence[Tensor], axis: int = 0) -> Tensor:
    """out = the tensors joined along `axis`;  each input gets its slice of g."""
    tensors = [as_tensor(t) for t in tensors]
    sizes = np.cumsum([t.data.shape[axis] for t in tensors])[:-1]
    value = np.concatenate([t.data for t in tensors], axis=axis)
    return Tensor.from_op(value, tensors, lambda g: tuple(np.split(g, sizes, axis=axis)), "concatenate")


def stack(tensors: Sequence[Tensor], axis: int = 0) -> Tensor:
    """out = the tensors stacked along a new `axis`;  each input gets its slice of g."""
    tensors = [as_tensor(t) for t in tensors]
    value = np.stack([t.data for t in tensors], axis=axis)

    def backward(g):
        return tuple(np.take(g, i, axis=axis) for i in range(len(tensors)))

    return Tensor.from_op(value, tensors, backward, "stack")


def where(condition, a, b) -> Tensor:
    """out = a where condition holds, else b;  da = g where condition, db = g elsewhere."""
    cond = condition.data if isinstance(condition, Tensor) else np.asarray(condition)
    a, b = as_tensor(a), as_tensor(b)

    def backward(g):
        zero = np.zeros((), dtype=g.dtype)
        return np.where(cond, g, zero), np.where(cond, zero, g)

    return Tensor.from_op(np.where(cond, a.data, b.data), (a, b), backward, "where")
