"""The answers of /backchannel/authentication, /issue and /complete as frozen dataclasses, read from Authlete's body
by the member table generated with them (one json.loads per answer: one C call per request, no getter calls)."""
from __future__ import annotations

import json
import operator
from typing import Type, TypeVar

from ._generated import ACTION_STATUSES, ACTIONS, MEMBERS
from .errors import ProtocolError

T = TypeVar("T")


class _Plan:
    """How to read one class from Authlete's parsed answer, made once per class: the members handed out as JSON
    gives them (strings, objects) and, by kind, the ones converted."""

    def __init__(self, cls: type):
        self.actions = {action.name: action for action in ACTIONS[cls]}
        self.statuses = ACTION_STATUSES.get(cls)
        members = MEMBERS[cls]
        verbatim = [(key, attribute) for key, attribute, kind, _ in members if kind in ("string", "json")]
        self.verbatim_keys = tuple(key for key, _ in verbatim)
        self.verbatim_attributes = tuple(attribute for _, attribute in verbatim)
        self.boolean_keys = tuple(key for key, _, kind, _ in members if kind == "boolean")
        self.boolean_attributes = tuple(attribute for _, attribute, kind, _ in members if kind == "boolean")
        self.trues = (True,) * len(self.boolean_keys)
        self.integers = tuple((key, attribute) for key, attribute, kind, _ in members if kind in ("int32", "int64"))
        self.lists = tuple((key, attribute) for key, attribute, kind, _ in members if kind == "strings")
        self.names = tuple((key, attribute, extra) for key, attribute, kind, extra in members if kind == "names")
        # A name this version does not know reads as None.
        self.enumerations = tuple((key, attribute, {member.name: member for member in extra})
                                  for key, attribute, kind, extra in members if kind == "enumeration")


_PLANS = {cls: _Plan(cls) for cls in MEMBERS}


def read(cls: Type[T], body: str) -> T:
    """`cls` from Authlete's body, which the library has already checked (a known action, members of the right
    JSON types). Members this version does not know are ignored. The conversions are written out here rather than
    called per member: a Python call costs about a microsecond, and this runs on every call."""
    plan = _PLANS[cls]
    try:
        document = json.loads(body)
        get = document.get
        fields = dict(zip(plan.verbatim_attributes, map(get, plan.verbatim_keys)))
        fields["action"] = action = plan.actions[document["action"]]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ProtocolError(7, f"Authlete's answer cannot be read: {error}") from None
    if plan.statuses is not None:
        fields["http_status"] = plan.statuses[action]
    fields.update(zip(plan.boolean_attributes, map(operator.is_, map(get, plan.boolean_keys), plan.trues)))
    for key, attribute in plan.integers:
        fields[attribute] = get(key) or 0  # the library has checked that it is an integer (or absent, or null)
    for key, attribute in plan.lists:
        fields[attribute] = tuple(get(key) or ())
    for key, attribute, name in plan.names:
        fields[attribute] = tuple([(element or {}).get(name) or "" for element in get(key) or ()])
    for key, attribute, members in plan.enumerations:
        value = get(key)
        fields[attribute] = None if value is None else members.get(value)
    # The frozen dataclass made without its __init__, whose object.__setattr__ per field is a measurable share of a
    # call: equal to cls(**fields), as every field is set above.
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance
