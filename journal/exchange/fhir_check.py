"""Validating a stream of FHIR resources with ``fhir.resources``, and writing them, at a
fraction of the cost of validating each with its model.

What a ``fhir.resources`` model checks splits in two:

- **structure**: which elements are present, their nesting, that each is an element of its
  type (``extra="forbid"``), one type per choice element (``value[x]``), required elements, no
  null inside a list, the ``resourceType`` — the model validators, which read no value;
- **values**: each primitive against its element's FHIR type (``id``, ``code``, ``uri``,
  ``string``, ``dateTime``, ``integer``, ``decimal``…), through pydantic, one at a time.

The resources of one export are made by a few functions from journal rows, so they share a
handful of structures and differ in their values. The *shape* of a resource is its structure
with every value replaced by its Python type (keys, nesting, list lengths; ``resourceType``
by its value). The first resource of each shape is validated whole with the model; walking the
validated model beside the dict gives, for every value, its element's type — the annotated type
the model itself validates it with. Every later resource of that shape has each of its values
validated with that type's pydantic validator (a value equal to the one the same place held
last time is skipped: equal values of one type validate alike). So every resource is checked
for what the model checks: its structure once per shape, its values every time. A value that
fails is checked again by the whole model, which says where and why (a bug of ours: every
value was checked when it entered the journal).

**Shared parts.** A part that many resources hold unchanged (a code, a body site, the subject)
is made once with ``freeze``: it cannot be changed in place, and it knows its JSON. In a shape
it is one value, validated, the first time it stands in a place, with the model of the
element there (what the whole model does with it: ``model_validate`` of that element), and
written as its JSON.

**Writing.** The JSON of a resource is its shape's text with each value's text put in: a
``%``-template per shape, byte for byte what ``json`` writes.

At most ``MAX_SHAPES`` shapes are kept (a few dozen in practice); beyond that a resource of a
new shape is validated whole and not kept, so memory stays flat.
"""

from __future__ import annotations

import json
import math
import types
import typing
from collections.abc import Callable
from json.encoder import encode_basestring
from operator import attrgetter

MAX_SHAPES = 512
_KEEP = 1024  # shared parts remembered as validated, per place

_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_OPEN, _CLOSE = object(), object()  # in a shape: a dict starts, ends


# ---- shared parts --------------------------------------------------------------------------
def _refuse(self, *args: object, **kwargs: object) -> typing.NoReturn:  # noqa: ANN001
    raise TypeError("a shared part of FHIR resources cannot be changed; copy it first")


class FrozenDict(dict):
    """A JSON object that cannot be changed in place (``freeze``); ``json`` is its text."""

    __slots__ = ("json",)
    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple:  # a copy is an ordinary dict
        return dict, (dict(self),)


class FrozenList(list):
    """A JSON array that cannot be changed in place (``freeze``); ``json`` is its text."""

    __slots__ = ("json",)
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __reduce__(self) -> tuple:
        return list, (list(self),)


_FROZEN = (FrozenDict, FrozenList)


def freeze(value: typing.Any) -> typing.Any:
    """``value`` (dicts and lists of JSON values) made shared: frozen all the way down."""
    if isinstance(value, dict):
        out: typing.Any = FrozenDict({k: freeze(v) for k, v in value.items()})
    elif isinstance(value, list):
        out = FrozenList(freeze(v) for v in value)
    else:
        return value
    out.json = _json(out)
    return out


# ---- the shape of a resource ---------------------------------------------------------------
def shape(node: object, sig: list, leaves: list) -> None:
    """Append ``node``'s shape to ``sig`` and its values, in order, to ``leaves``."""
    if type(node) is dict:
        sig.append(_OPEN)
        for key, value in node.items():
            sig.append(key)
            kind = type(value)
            if kind is dict or kind is list:
                shape(value, sig, leaves)
            elif key == "resourceType":  # not an element: the model's class checks it
                sig.append(value)
            else:
                sig.append(kind)
                leaves.append(value)
        sig.append(_CLOSE)
    else:  # a list
        sig.append(len(node))  # type: ignore[arg-type]
        for value in node:  # type: ignore[union-attr]
            kind = type(value)
            if kind is dict or kind is list:
                shape(value, sig, leaves)
            else:
                sig.append(kind)
                leaves.append(value)


class Checker:
    """``dumps(resource)``: the resource as compact JSON once validated; raises pydantic's
    ValidationError where the model would."""

    def __init__(self, models: dict[str, type]) -> None:
        self.models = models
        #: shape → (validator per value, the values last seen, JSON template, encoder per value)
        self.shapes: dict[tuple, tuple[list, list, str | None, list]] = {}
        self._aliases: dict[type, dict[str, str]] = {}
        self._types: dict[tuple[type, str], Callable[[object], object]] = {}
        self._parts: dict[type, _Part] = {}
        self.whole = 0  # resources validated whole by the model (for tests and curiosity)

    def dumps(self, resource: dict) -> str:
        sig: list = []
        leaves: list = []
        shape(resource, sig, leaves)
        key = tuple(sig)
        known = self.shapes.get(key)
        if known is None:
            return self._first(resource, key, leaves)
        validators, seen, template, encoders = known
        try:
            for i, value in enumerate(leaves):
                last = seen[i]  # a shared part is skipped only if it is the same one
                if value is not last and (type(value) in _FROZEN or value != last):
                    validators[i](value)
                    seen[i] = value
        except ValueError:  # pydantic's ValidationError is one: let the model say where
            self.whole += 1
            self.models[resource["resourceType"]].model_validate(resource)
        if template is None:
            return _json(resource)
        return template % tuple([encode(value) for encode, value in zip(encoders, leaves)])

    def _first(self, resource: dict, key: tuple, leaves: list) -> str:
        """A resource of a shape not seen yet: validated whole; its shape kept."""
        model = self.models[resource["resourceType"]].model_validate(resource)
        self.whole += 1
        if len(self.shapes) < MAX_SHAPES:
            validators: list[Callable[[object], object]] = []
            try:
                self._walk(resource, model, validators)
            except (AttributeError, KeyError, TypeError):  # a model unlike those we know
                return _json(resource)  # valid: its shape is simply not kept
            if len(validators) == len(leaves):
                self.shapes[key] = (validators, list(leaves), *_template(resource))
        return _json(resource)

    # ---- what the model validates each value with -------------------------------------------
    def _walk(self, node: dict, model: object, out: list) -> None:
        """``out`` += one validator per value of ``node`` (validated as ``model``), in the
        order ``shape`` lists them."""
        cls = type(model)
        names = self._aliases.get(cls)
        if names is None:
            names = {}
            for name, field in cls.model_fields.items():  # type: ignore[attr-defined]
                names[name] = name
                if field.alias:
                    names[field.alias] = name
            self._aliases[cls] = names
        for key, value in node.items():
            kind = type(value)
            if kind is not dict and kind is not list and key == "resourceType":
                continue  # in the shape itself
            name = names[key]  # the model accepted the key: it is one of its elements
            if kind is dict:
                self._walk(value, getattr(model, name), out)
            elif kind is list:
                for item, obj in zip(value, getattr(model, name)):
                    if type(item) is dict:
                        self._walk(item, obj, out)
                    else:
                        out.append(self._value(cls, name, item, obj))
            else:
                out.append(self._value(cls, name, value, getattr(model, name)))

    def _value(self, cls: type, name: str, value: object, validated: object) -> Callable:
        """The validator of ``value``, element ``name`` of ``cls`` (``validated``: what the
        model made of it)."""
        if value is None:  # the model took a null here; the shape keeps it there
            return _accept
        if type(value) is FrozenDict:
            return self._part(type(validated)).one
        if type(value) is FrozenList:
            items = {type(v) for v in validated or ()}  # type: ignore[attr-defined]
            return self._part(items.pop()).each if len(items) == 1 else _refuse_part
        found = self._types.get((cls, name))
        if found is None:
            from pydantic import TypeAdapter

            field = cls.model_fields[name]  # type: ignore[attr-defined]
            found = TypeAdapter(_element_type(field.annotation)).validate_python
            self._types[(cls, name)] = found
        return found

    def _part(self, model: type) -> _Part:
        part = self._parts.get(model)
        if part is None:
            part = self._parts[model] = _Part(model)
        return part


class _Part:
    """Validates shared parts as elements of one model, each (by identity) once."""

    def __init__(self, model: type) -> None:
        self.model = model
        self.done: dict[int, object] = {}  # id → the part itself (so the id stays its own)

    def one(self, part: object) -> None:
        if self.done.get(id(part)) is not part:
            self.model.model_validate(part)  # type: ignore[attr-defined]
            if len(self.done) >= _KEEP:
                self.done.clear()
            self.done[id(part)] = part

    def each(self, parts: object) -> None:
        if self.done.get(id(parts)) is not parts:
            for part in parts:  # type: ignore[attr-defined]
                if part is None:  # a null in a list: let the whole model say so
                    raise ValueError("null in a list")
                self.model.model_validate(part)  # type: ignore[attr-defined]
            if len(self.done) >= _KEEP:
                self.done.clear()
            self.done[id(parts)] = parts


def _accept(value: object) -> object:
    return value


def _refuse_part(value: object) -> object:
    """A shared list whose first one held no element or mixed ones: the whole model checks."""
    raise ValueError("checked by the whole model")


def _element_type(annotation: object) -> object:
    """``Optional[List[Annotated[str, Code()]]]`` → ``Annotated[str, Code()]``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Union or origin is types.UnionType:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


# ---- JSON: the text of a shape with each value's text put in --------------------------------
def _float(value: float) -> str:
    return float.__repr__(value) if math.isfinite(value) else _json(value)


#: What ``_json`` writes for a value of each type (exactly: the output is byte for byte its).
_ENCODERS: dict[type, Callable[[typing.Any], str]] = {
    str: encode_basestring, int: int.__repr__, float: _float,
    bool: lambda v: "true" if v else "false", type(None): lambda v: "null",
    FrozenDict: attrgetter("json"), FrozenList: attrgetter("json"),
}  # fmt: skip


def _template(resource: dict) -> tuple[str | None, list[Callable[[typing.Any], str]]]:
    """(``%``-template, one encoder per value) such that ``template % tuple(encoded values)``
    is ``_json(resource)``; (None, []) if a value is of a type ``_json`` writes otherwise."""
    parts: list[str] = []
    encoders: list[Callable[[typing.Any], str]] = []
    try:
        _text(resource, parts, encoders)
    except KeyError:
        return None, []
    return "".join(parts), encoders


def _text(node: object, parts: list[str], encoders: list) -> None:
    """Walks ``node`` in ``shape``'s order."""
    if type(node) is dict:
        parts.append("{")
        for n, (key, value) in enumerate(node.items()):
            parts.append(("," if n else "") + _json(key).replace("%", "%%") + ":")
            _text_of(key, value, parts, encoders)
        parts.append("}")
    else:
        parts.append("[")
        for n, value in enumerate(node):  # type: ignore[arg-type]
            if n:
                parts.append(",")
            _text_of(None, value, parts, encoders)
        parts.append("]")


def _text_of(key: str | None, value: object, parts: list[str], encoders: list) -> None:
    kind = type(value)
    if kind is dict or kind is list:
        _text(value, parts, encoders)
    elif key == "resourceType":  # in the shape itself
        parts.append(_json(value).replace("%", "%%"))
    else:
        encoders.append(_ENCODERS[kind])
        parts.append("%s")
