"""BTS routes and THE function that turns a route into a URL (api-notes, "Two generations").

Route form is a setting:

- ``query`` (default, the Yii application of seed 001): ``{base}?r=v1/<controller>/<action>&id=1``
  with base ``http://api.bts.uz:8080/index.php``;
- ``path`` (the newer server of seed 000): ``{base}/v1/<controller>/<action>?id=1``.

If a real answer ever disagrees, this module is the one place to change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final
from urllib.parse import urlencode

from services.settings import RouteStyle

__all__ = ["DEFAULT_BASE_URL", "Route", "build_url", "normalize_route"]

DEFAULT_BASE_URL: Final = "http://api.bts.uz:8080/index.php"


class Route:
    """Routes as ``v1/<controller>/<action>``. The two MXIK routes come from settings."""

    GET_TOKEN: Final = "v1/auth/get-token"
    ORDER_ADD: Final = "v1/order/add"
    ORDER_EDIT: Final = "v1/order/edit"
    ORDER_DETAIL: Final = "v1/order/detail"
    ORDER_CANCEL: Final = "v1/order/cancel"
    ORDER_CALCULATE: Final = "v1/order/calculate"
    ORDER_TRACK: Final = "v1/order/track"
    ORDER_HISTORY: Final = "v1/order/history"
    ORDER_CANCELLATION: Final = "v1/order/cancellation"
    INTERNATIONAL_ADD: Final = "v1/international/add"
    INTERNATIONAL_TRACK: Final = "v1/international/track-by-barcode"
    INTERNATIONAL_MANIFEST: Final = "v1/international/manifest"
    DIRECTORY_BRANCHES: Final = "v1/directory/branches"
    DIRECTORY_BRANCHES_WITH_CITY: Final = "v1/directory/branches-with-city"


def normalize_route(route: str) -> str:
    """``"/order/add"`` or ``"v1/order/add/"`` → ``"v1/order/add"`` (seed 001 writes both forms)."""
    route = route.strip().strip("/")
    if not route.startswith("v1/"):
        route = f"v1/{route}"
    return route


def build_url(
    base_url: str,
    route_style: RouteStyle,
    route: str,
    params: Mapping[str, str | int | None] | None = None,
) -> str:
    """The URL of ``route`` with ``params`` (``None`` values dropped) in the configured style."""
    route = normalize_route(route)
    query = [(key, str(value)) for key, value in (params or {}).items() if value is not None]
    base = base_url.strip()
    if route_style is RouteStyle.QUERY:
        # Yii reads the route from ``r``; keep its slashes readable, as public clients send it.
        encoded = urlencode([("r", route), *query], safe="/")
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}{encoded}"
    url = f"{base.rstrip('/')}/{route}"
    if query:
        url = f"{url}?{urlencode(query, safe='/')}"
    return url
