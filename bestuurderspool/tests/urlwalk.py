"""Walk the URLconf: every route with a concrete example path, for tests that must cover
every URL rather than a hand-picked few."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Example values for path converters; a view that gets an unknown id answers 404 itself.
EXAMPLE_VALUES = {
    "int": "999999",
    "str": "example",
    "slug": "example",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "example",
}


@dataclass(frozen=True)
class Route:
    name: str | None
    path: str
    callback: object


def _example_path(pattern) -> str:
    route = str(pattern.pattern)
    converters = getattr(pattern.pattern, "converters", {})
    for param, converter in converters.items():
        kind = {
            "IntConverter": "int",
            "UUIDConverter": "uuid",
            "SlugConverter": "slug",
            "PathConverter": "path",
            "StringConverter": "str",
        }.get(type(converter).__name__)
        # A converter of the project's own: its example, or (a choice of words) its first word.
        example = EXAMPLE_VALUES[kind] if kind else getattr(converter, "example", converter.regex.split("|")[0])
        route = re.sub(rf"<(\w+:)?{param}>", example, route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "example", route)
    return route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")


def walk(patterns=None, prefix="/"):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + _example_path(pattern))
        elif isinstance(pattern, URLPattern):
            path = prefix + _example_path(pattern)
            if "(" in path:
                continue  # an admin route with optional parts; /admin/ itself is walked
            yield Route(pattern.name, path, pattern.callback)


def is_public(callback) -> bool:
    view = getattr(callback, "view_class", None)
    dispatch = getattr(view, "dispatch", None) if view else None
    return getattr(callback, "login_required", True) is False or getattr(dispatch, "login_required", True) is False
