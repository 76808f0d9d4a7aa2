"""Reverse-mode automatic differentiation: a number that remembers how it was made.

Every operation on a ``Value`` makes a new ``Value`` that records its inputs
(``children``) and the operation (``op``): together they are the
**computational graph** of the result. ``backward()`` walks that graph from the
result L back to the inputs and applies the chain rule at every node,

    child.grad += (local slope d node / d child) · node.grad,

so each ``.grad`` ends up as dL/d(that value). Where a value is used twice, the
two paths' contributions add up (the ``+=``). One backward pass costs about as
much as computing L once, however many inputs there are.

After micrograd's engine.py (Andrej Karpathy, MIT licence), with the checks a
learner needs.

Examples
--------
>>> a, b = Value(2.0, "a"), Value(-3.0, "b")
>>> c = a * b + a          # c = ab + a
>>> c.backward()
>>> c.data, a.grad, b.grad  # dc/da = b + 1, dc/db = a
(-4.0, -2.0, 2.0)
"""

import math

from .validation import require_finite_number

__all__ = ["Value", "sigmoid", "topological_order"]


def sigmoid(x):
    """σ(x) = 1/(1 + e⁻ˣ), to full relative precision for every float x.

    Written as e^x/(1 + e^x) when x < 0, so that e^x never overflows and no
    1 − (almost 1) cancels away the tiny answer far to the left.

    >>> sigmoid(0.0), sigmoid(-40.0)
    (0.5, 4.248354255291589e-18)
    """
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


class Value:
    """One number of a computation, with ``.data`` (its value) and ``.grad`` (dL/d it).

    ``label`` names it in drawings; ``children`` and ``op`` say how it was made
    (a value you make yourself has no children and op "").
    """

    def __init__(self, data, label="", children=(), op=""):
        self.data = require_finite_number(data, "Value(data)")
        if not isinstance(label, str):
            raise TypeError(f"label must be text, like 'x', but got {type(label).__name__}.")
        self.grad = 0.0
        self.label = label
        self.children = tuple(children)
        self.op = op
        self._backward = lambda: None  # pushes self.grad down to the children

    def __repr__(self):
        named = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{named})"

    def _result(self, data, children, op):
        """The Value an operation made, refused if it overflowed."""
        if not math.isfinite(data):
            shown = f" {op} ".join(f"{child.data:.6g}" for child in children)
            raise ValueError(f"{op}: {shown} = {data}, too large for a float (overflow).")
        return Value(data, children=children, op=op)

    # --- + − × ÷ ----------------------------------------------------------------

    def __add__(self, other):
        other = _as_value(other, "+")
        out = self._result(self.data + other.data, (self, other), "+")

        def _backward():  # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = _as_value(other, "−")
        out = self._result(self.data - other.data, (self, other), "−")

        def _backward():  # d(a − b)/da = 1, d(a − b)/db = −1
            self.grad += out.grad
            other.grad -= out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = _as_value(other, "×")
        out = self._result(self.data * other.data, (self, other), "×")

        def _backward():  # d(ab)/da = b, d(ab)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = _as_value(other, "÷")
        if other.data == 0:
            raise ValueError(f"÷: cannot divide {self!r} by zero ({other!r}).")
        out = self._result(self.data / other.data, (self, other), "÷")

        def _backward():  # d(a/b)/da = 1/b, d(a/b)/db = −a/b²
            self.grad += out.grad / other.data
            other.grad -= self.data / other.data**2 * out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        out = self._result(-self.data, (self,), "neg")

        def _backward():  # d(−a)/da = −1
            self.grad -= out.grad

        out._backward = _backward
        return out

    # With a plain number on the left (2 + a, 2 − a, 2·a, 2/a), Python calls these.
    def __radd__(self, other):
        return _as_value(other, "+") + self

    def __rsub__(self, other):
        return _as_value(other, "−") - self

    def __rmul__(self, other):
        return _as_value(other, "×") * self

    def __rtruediv__(self, other):
        return _as_value(other, "÷") / self

    # --- powers and functions ---------------------------------------------------

    def __pow__(self, exponent):
        if isinstance(exponent, Value):
            raise TypeError(
                f"a ** b needs a plain number b, like 2 or 0.5, but got {exponent!r}: powers "
                "by a Value are not supported (write (b * a.log()).exp() for a varying b)."
            )
        p = require_finite_number(exponent, "the exponent in a ** exponent")
        x = self.data
        if x < 0 and not p.is_integer():
            raise ValueError(f"**: {x:.6g} ** {p:g} is not a real number (a negative base).")
        if x == 0 and p < 0:
            raise ValueError(f"**: 0 ** {p:g} divides by zero.")
        try:
            data = x**p
        except OverflowError:
            raise ValueError(f"**: {x:.6g} ** {p:g} is too large for a float.") from None
        out = self._result(data, (self,), f"**{p:g}")

        def _backward():  # d(xᵖ)/dx = p·xᵖ⁻¹, and d(x⁰)/dx = 0 (x⁰ is the constant 1)
            if p == 0:
                return
            if x == 0 and 0 < p < 1:
                raise ValueError(f"the slope of x ** {p:g} at x = 0 is infinite.")
            self.grad += p * x ** (p - 1) * out.grad

        out._backward = _backward
        return out

    def __rpow__(self, base):
        raise TypeError(
            f"{base!r:.20} ** Value needs a plain-number exponent; powers by a Value are not "
            f"supported (write (Value * math.log(base)).exp() instead), got {self!r}."
        )

    def exp(self):
        try:
            data = math.exp(self.data)
        except OverflowError:
            raise ValueError(f"exp: e ** {self.data:.6g} is too large for a float.") from None
        out = self._result(data, (self,), "exp")

        def _backward():  # d(eˣ)/dx = eˣ
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, but got {self!r}.")
        out = self._result(math.log(self.data), (self,), "log")

        def _backward():  # d(log x)/dx = 1/x
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    def tanh(self):
        out = self._result(math.tanh(self.data), (self,), "tanh")

        def _backward():  # d(tanh x)/dx = 1 − tanh²x
            self.grad += (1 - out.data**2) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        out = self._result(sigmoid(self.data), (self,), "σ")

        def _backward():  # dσ/dx = σ(x)·(1 − σ(x)) = σ(x)·σ(−x), without the cancelling 1 − σ
            self.grad += out.data * sigmoid(-self.data) * out.grad

        out._backward = _backward
        return out

    # --- the backward pass --------------------------------------------------------

    def backward(self):
        """Fill in ``.grad`` = d(self)/d(node) for every node of self's graph.

        Nodes are visited in reverse topological order, so each node has its
        whole gradient before it passes it on to its children.

        A second ``backward()`` adds the same gradients again to the values you
        made yourself (the leaves), as PyTorch does: their ``.grad`` doubles.
        The values an operation made show the latest pass. Call ``zero_grad()``
        first to start from 0.

        Examples
        --------
        >>> a = Value(3.0)
        >>> b = a + a              # a is used twice: the two paths add up
        >>> b.backward(); a.grad
        2.0
        >>> b.backward(); a.grad   # a second pass accumulates
        4.0
        >>> b.zero_grad(); b.backward(); a.grad
        2.0
        """
        order = topological_order(self)
        for node in order:
            if node.children:
                node.grad = 0.0
        self.grad += 1.0  # d(self)/d(self) = 1
        for node in reversed(order):
            try:
                node._backward()
            except OverflowError:
                raise ValueError(f"backward: the gradient below {node!r} overflowed.") from None
        for node in order:
            if not math.isfinite(node.grad):
                raise ValueError(f"backward: the gradient of {node!r} overflowed.")

    def zero_grad(self):
        """Set ``.grad`` to 0 on every node of self's graph, the leaves included."""
        for node in topological_order(self):
            node.grad = 0.0


def _as_value(other, op):
    """``other`` as a Value: a plain number becomes a constant leaf of the graph."""
    if isinstance(other, Value):
        return other
    try:
        number = require_finite_number(other, f"the number in {op}")
    except TypeError:
        raise TypeError(
            f"{op}: a Value can be combined with a number or a Value, but got "
            f"{type(other).__name__} {other!r:.60}."
        ) from None
    return Value(number)


def topological_order(output):
    """Every node of ``output``'s graph once, each after all of its children; output last.

    Depth-first, with a list instead of recursion, so a chain of thousands of
    operations (a sum over 3000 weights) does not hit Python's recursion limit.

    Examples
    --------
    >>> x = Value(1.0, "x")
    >>> [node.label or node.op for node in topological_order((x * 2).exp())]
    ['x', '', '×', 'exp']
    """
    if not isinstance(output, Value):
        raise TypeError(f"output must be a Value, but got {type(output).__name__}.")
    order, visited, stack = [], set(), [(output, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.children))
    return order
