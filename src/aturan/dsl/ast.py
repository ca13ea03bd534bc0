"""Typed AST nodes of the DSL; each knows its (line, col) inside the expression."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Node:
    pos: tuple[int, int]
    type: Any = field(default=None, init=False, repr=False)  # filled by the type checker


@dataclass(eq=False)
class Literal(Node):
    value: Any = None


@dataclass(eq=False)
class ListLit(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(eq=False)
class Name(Node):
    name: str = ""
    kind: str = ""      # var | param | field | const | special — set by the type checker
    ref: Any = None     # what it resolved to


@dataclass(eq=False)
class Attr(Node):
    obj: Node = None
    name: str = ""


@dataclass(eq=False)
class Unary(Node):
    op: str = ""        # not | neg
    operand: Node = None


@dataclass(eq=False)
class Binary(Node):
    op: str = ""        # and or == != < <= > >= before after + - * / in not_in
    left: Node = None
    right: Node = None


@dataclass(eq=False)
class Call(Node):
    name: str = ""
    args: list[Node] = field(default_factory=list)
    ref: Any = None     # the resolved function (set by the type checker)


@dataclass(eq=False)
class Quant(Node):
    kind: str = ""      # all any count sum min max collect
    var: str = ""
    iterable: Node = None
    where: Node | None = None
    body: Node | None = None


def children(node: Node) -> list[Node]:
    if isinstance(node, ListLit):
        return list(node.items)
    if isinstance(node, Attr):
        return [node.obj]
    if isinstance(node, Unary):
        return [node.operand]
    if isinstance(node, Binary):
        return [node.left, node.right]
    if isinstance(node, Call):
        return list(node.args)
    if isinstance(node, Quant):
        return [n for n in (node.iterable, node.where, node.body) if n is not None]
    return []


def walk(node: Node):
    yield node
    for c in children(node):
        yield from walk(c)


def unguarded_proofs(node: Node) -> list[Node]:
    """The terbukti(...) calls of a requirement that are not negated.

    terbukti() turns "cannot be judged" into false. Under an odd number of `not` (reached through
    and/or only) that can only move a finding towards compliance: "no violation is on record". Anywhere
    else it would turn an unrecorded fact into a violation, so a requirement may not use it there.
    """
    found: list[Node] = []

    def walk(n: Node, negated: bool | None) -> None:
        if isinstance(n, Call) and n.name == "terbukti":
            if negated is not True:
                found.append(n)
            for c in n.args:
                walk(c, None)
        elif isinstance(n, Unary) and n.op == "not":
            walk(n.operand, None if negated is None else not negated)
        elif isinstance(n, Binary) and n.op in ("and", "or"):
            walk(n.left, negated)
            walk(n.right, negated)
        else:
            for c in children(n):
                walk(c, None)

    walk(node, False)
    return found
