"""A computational graph, drawn with matplotlib (no graphviz needed): notebook 08.

Each node of a ``Value``'s graph is a box with its name or operation, its value
and, after ``backward()``, its gradient. Arrows run from the inputs of each
operation to its result, left to right, so the backward pass runs right to left.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..autograd import Value, topological_order
from ..style import COLORS, POINT, TANGENT, in_course_style

__all__ = [
    "box_centre",
    "computational_graph_figure",
    "draw_graph",
    "draw_graph_down",
    "graph_layout",
    "graph_layout_down",
    "graph_size",
    "node_title",
]

BOX_WIDTH, BOX_HEIGHT = 1.25, 0.78  # in layout units: one column, one row
COLUMN_GAP = 1.75
#: Drawn top to bottom (a phone): each box's width and height in lanes and levels.
DOWN_BOX_WIDTH, DOWN_BOX_HEIGHT = 0.9, BOX_HEIGHT
#: ... the distance between levels, in rows of the wide graph: room for the arrows;
#: and the room beyond the outer lanes, for an outline an explorer draws round a box.
LEVEL_GAP, DOWN_MARGIN = 1.3, 0.05
#: Where a box's name is written, over its centre, when an explorer writes its numbers.
TITLE_ABOVE = 0.22


def graph_layout(output):
    """Where each node of ``output``'s graph goes: {node: (column, row)}, in topological order.

    An operation sits one column right of its rightmost input; a leaf (an input,
    a parameter or a constant) one column left of the first operation that uses
    it. Rows come from a walk from the output back to the leaves: the leaves
    get rows 0, 1, 2, … in the order the walk meets them, and each operation
    the mean row of its inputs, so every operation sits between its inputs.
    """
    order = topological_order(output)
    column = {}
    for node in order:  # children come first
        column[node] = 1 + max((column[child] for child in node.children), default=-1)
    users = {node: [] for node in order}
    for node in order:
        for child in node.children:
            users[child].append(node)
    for node in order:
        if not node.children and users[node]:
            column[node] = min(column[user] for user in users[node]) - 1

    rows = _rows(output)
    return {node: (column[node], rows[node]) for node in order}


def graph_layout_down(output, *, lanes):
    """Where each node of ``output``'s graph goes when drawn top to bottom, at most
    ``lanes`` boxes side by side (a phone's width): {node: (lane, level)}.

    Each operation sits on the first level under all its inputs that has a free lane,
    in the free lane nearest the mean lane of its inputs (the left one of two as near);
    its leaves (inputs, parameters, constants) sit together on the first level, at or
    under its other inputs, with room for them all (level by level if they are more than
    ``lanes``), so that every arrow points down.
    """
    if not isinstance(lanes, int) or lanes < 1:
        raise ValueError(f"lanes must be a whole number at least 1, but got {lanes!r}.")
    taken = []  # taken[level]: the set of lanes used there
    place = {}

    def free(level):
        while len(taken) <= level:
            taken.append(set())
        return [lane for lane in range(lanes) if lane not in taken[level]]

    def put(node, level, near):
        lane = min(free(level), key=lambda lane: (abs(lane - near), lane))
        taken[level].add(lane)
        place[node] = (lane, level)

    for node in topological_order(output):  # children come first
        if not node.children:
            continue  # a leaf goes in with the first operation that uses it
        leaves = list(dict.fromkeys(c for c in node.children if c not in place))
        placed = [place[c] for c in node.children if c in place]
        level = max((lv for _, lv in placed), default=0)
        near = sum(lane for lane, _ in placed) / len(placed) if placed else 0
        while leaves:  # together on one level if they fit in its lanes, else level by level
            while len(free(level)) < min(len(leaves), lanes):
                level += 1
            for leaf in leaves[: len(free(level))]:
                put(leaf, level, near)
            leaves = [leaf for leaf in leaves if leaf not in place]
        level = 1 + max(place[c][1] for c in node.children)
        while not free(level):
            level += 1
        inputs = [place[c][0] for c in node.children]
        put(node, level, sum(inputs) / len(inputs))
    if not place:  # a graph of one leaf
        place[output] = (0, 0)
    return place


def lane_centre(lane, level):
    """The centre of a box of a top-to-bottom graph (graph_layout_down), in its data
    coordinates: lanes one unit apart to the right, levels LEVEL_GAP apart downwards."""
    return lane, -LEVEL_GAP * level


def box_centre(column, row):
    """The centre of a node's box in the figure's data coordinates (x to the right, y up)."""
    return column * COLUMN_GAP, -row


def _rows(output):
    """Each node's row: leaves 0, 1, 2, … as a walk from the output meets them, each
    operation the mean row of its inputs. With a list, not recursion, for deep graphs."""
    row, next_leaf, stack = {}, 0, [(output, False)]
    while stack:
        node, children_done = stack.pop()
        if node in row:
            continue
        if not node.children:
            row[node], next_leaf = next_leaf, next_leaf + 1
        elif children_done:
            row[node] = sum(row[child] for child in node.children) / len(node.children)
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.children))
    return row


def node_title(node):
    """What a box says a node is: its name and operation ("z = +"), "×", "x1" or "constant"."""
    if node.children:
        return f"{node.label} = {node.op}" if node.label else node.op
    return node.label or "constant"


def graph_size(output):
    """A figure size (inches) that gives every box of ``output``'s graph room."""
    layout = graph_layout(output)
    columns = max(c for c, _ in layout.values()) + 1
    rows = max(r for _, r in layout.values()) + 1
    return min(1.0 + 1.5 * columns, 13.0), min(0.8 + 0.95 * rows, 9.0)


@in_course_style
def computational_graph_figure(output, *, gradients=True, title=None, values=True):
    """Draw ``output``'s computational graph, each box with its value (and gradient).

    Parameters
    ----------
    output : Value
        The result whose graph is drawn (it is drawn last, on the right).
    gradients : bool
        Show each node's ``.grad`` too (call ``output.backward()`` first).
    title : str, optional
    values : bool
        Show the numbers at all; without them the boxes say only what each node is
        (a background on which an explorer writes the numbers, at ``box_centre``).

    Returns
    -------
    matplotlib Figure. Inputs and parameters (leaves) are shaded rounded boxes,
    constants dashed boxes, operations white square boxes.
    """
    if not isinstance(output, Value):
        raise TypeError(f"output must be a Value, but got {type(output).__name__}.")
    fig, ax = plt.subplots(figsize=graph_size(output), layout="constrained")
    draw_graph(ax, output, gradients, values)
    if title:
        ax.set_title(title)
    return fig


def draw_graph(ax, output, gradients=True, values=True):
    """Draw ``output``'s computational graph on ``ax`` (see computational_graph_figure)."""
    layout = graph_layout(output)
    columns = max(c for c, _ in layout.values()) + 1
    rows = max(r for _, r in layout.values()) + 1

    def centre(node):
        return box_centre(*layout[node])

    for node in layout:
        x, y = centre(node)
        for i, child in enumerate(node.children):
            repeats = node.children.count(child)
            bend = 0.0 if repeats == 1 else 0.35 * (1 if node.children.index(child) == i else -1)
            start = centre(child)
            ax.add_patch(
                FancyArrowPatch(
                    (start[0] + BOX_WIDTH / 2, start[1]),
                    (x - BOX_WIDTH / 2, y),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color="#666666",
                    linewidth=1.2,
                    connectionstyle=f"arc3,rad={bend}",
                )
            )
    for node in layout:
        x, y = centre(node)
        _box(ax, node, (x, y), (BOX_WIDTH, BOX_HEIGHT), output)
        if not values:
            ax.text(x, y + TITLE_ABOVE, node_title(node), ha="center", va="center", fontsize=9)
            continue
        head = f"{node_title(node)}\nvalue {node.data:.3g}"
        ax.text(x, y + (0.1 if gradients else 0.0), head, ha="center", va="center", fontsize=9)
        if gradients:
            grad = f"grad {node.grad:.3g}"
            ax.text(x, y - 0.24, grad, ha="center", va="center", fontsize=9, color=TANGENT)
    ax.set_xlim(-BOX_WIDTH, (columns - 1) * COLUMN_GAP + BOX_WIDTH)
    ax.set_ylim(-(rows - 1) - BOX_HEIGHT, BOX_HEIGHT)
    ax.set_aspect("equal")
    ax.axis("off")


def _box(ax, node, centre, size, output):
    """The box of ``node``: leaves shaded and rounded, constants dashed, operations white."""
    (x, y), (width, height) = centre, size
    is_leaf, is_constant = not node.children, not node.children and not node.label
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0.02,rounding_size=0.18" if is_leaf else "square,pad=0.02",
            facecolor="#e8f1f8" if is_leaf and not is_constant else "white",
            edgecolor=COLORS["blue"] if is_leaf and not is_constant else POINT,
            linestyle="--" if is_constant else "-",
            linewidth=1.8 if node is output else 1.2,
        )
    )


def draw_graph_down(ax, output, *, lanes):
    """Draw ``output``'s graph on ``ax`` top to bottom (graph_layout_down), each box with
    its name only: a background on which an explorer writes the numbers. Returns the
    layout, {node: (lane, level)}; each box is centred at ``lane_centre(lane, level)``,
    DOWN_BOX_WIDTH × DOWN_BOX_HEIGHT."""
    layout = graph_layout_down(output, lanes=lanes)
    levels = max(level for _, level in layout.values()) + 1
    for node in layout:
        x, y = lane_centre(*layout[node])
        for i, child in enumerate(node.children):
            repeats = node.children.count(child)
            bend = 0.0 if repeats == 1 else 0.35 * (1 if node.children.index(child) == i else -1)
            start = lane_centre(*layout[child])
            ax.add_patch(
                FancyArrowPatch(
                    (start[0], start[1] - DOWN_BOX_HEIGHT / 2),
                    (x, y + DOWN_BOX_HEIGHT / 2),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color="#666666",
                    linewidth=1.2,
                    connectionstyle=f"arc3,rad={bend}",
                )
            )
    for node in layout:
        x, y = lane_centre(*layout[node])
        _box(ax, node, (x, y), (DOWN_BOX_WIDTH, DOWN_BOX_HEIGHT), output)
        ax.text(x, y + TITLE_ABOVE, node_title(node), ha="center", va="center", fontsize=9)
    ax.set_xlim(-0.5 - DOWN_MARGIN, lanes - 0.5 + DOWN_MARGIN)
    ax.set_ylim(-LEVEL_GAP * (levels - 1) - 0.5, 0.5)
    ax.axis("off")
    return layout
