"""The answers of /backchannel/authentication, /issue and /complete as frozen dataclasses, read from Authlete's body
by the member table generated with them (one json.loads per answer: one C call per request, no getter calls)."""
from __future__ import annotations

import json
from typing import Any, Type, TypeVar

from ._generated import ACTION_STATUSES, ACTIONS, MEMBERS
from .errors import ProtocolError

T = TypeVar("T")


def _value(kind: str, value: Any, extra: Any) -> Any:
    if kind == "string":
        return value
    if kind == "boolean":
        return bool(value)
    if kind in ("int32", "int64"):
        return 0 if value is None else int(value)
    if kind == "strings":
        return tuple(value or ())
    if kind == "names":
        return tuple((element or {}).get(extra) or "" for element in value or ())
    if kind == "enumeration":
        try:
            return None if value is None else extra[value]
        except KeyError:  # a name this version does not know
            return None
    return value  # json: the parsed object or array


def read(cls: Type[T], body: str) -> T:
    """`cls` from Authlete's body, which the library has already checked (a known action, members of the right
    JSON types). Members this version does not know are ignored."""
    try:
        document = json.loads(body)
        action = ACTIONS[cls][document["action"]]
    except (ValueError, KeyError, TypeError) as error:
        raise ProtocolError(7, f"Authlete's answer cannot be read: {error}") from None
    fields = {"action": action}
    if cls in ACTION_STATUSES:
        fields["http_status"] = ACTION_STATUSES[cls][action]
    for key, attribute, kind, extra in MEMBERS[cls]:
        fields[attribute] = _value(kind, document.get(key), extra)
    return cls(**fields)
