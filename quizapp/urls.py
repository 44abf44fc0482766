"""url_for for templates: a URL built once per endpoint, values and script root."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, request

MAX_URLS = 4096


def template_url_for(app: Flask) -> Callable[..., str]:
    """The templates' url_for: Flask's app.url_for, its results kept per (script root,
    endpoint, values) when every value is a string.

    A page's layout builds the same URLs on every request (style sheet, nav links, a link
    per article on the home page) at 3-5 us each. For this app a URL built inside a request
    depends on nothing else: no URL defaults, no subdomain or host matching, and the
    adapter always builds a path under the script root. Calls with options (_external,
    _anchor ...), relative endpoints or non-string values go to Flask every time, and so
    does everything when the app is configured otherwise."""
    build = app.url_for
    if (
        app.url_default_functions
        or app.subdomain_matching
        or app.url_map.host_matching
        or any(rule.subdomain for rule in app.url_map.iter_rules())
    ):
        return build
    built: dict[tuple, str] = {}

    def url_for(endpoint: str, /, **values: object) -> str:
        if endpoint[:1] == "." or not all(
            type(value) is str and name[:1] != "_" for name, value in values.items()
        ):
            return build(endpoint, **values)
        try:
            key = (request.script_root, endpoint, *values.items())
        except RuntimeError:  # outside a request: Flask builds an external URL
            return build(endpoint, **values)
        url = built.get(key)
        if url is None:
            url = build(endpoint, **values)
            if len(built) >= MAX_URLS:
                built.clear()
            built[key] = url
        return url

    return url_for
