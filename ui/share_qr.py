"""A QR code of the current link, so students open the lecturer's case on their phones.

Drawn on the server with ``segno`` (pure Python, PNG without Pillow): nothing leaves the
machine, no remote QR service. ``qr_png`` is pure; ``share_link`` reads the address the browser
shows. Sized for a projector: error correction "M", a 4-module quiet zone, black on white, and
at least half the screen height in the lecture dialog.
"""

from __future__ import annotations

import io
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno
import streamlit as st

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_png(link: str, scale: int = 12) -> tuple[bytes, int]:
    """The QR code of ``link`` as PNG bytes and its width in modules (quiet zone included).

    ``scale`` px per module: 12 makes a ~450 px code for a typical link, which the lecture
    dialog shows at full size (a phone camera needs ~1 module per 1-2 mm on the screen).
    """
    code = segno.make(link, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=QUIET_ZONE, dark="#000000", light="#FFFFFF")
    modules = int(code.symbol_size(border=QUIET_ZONE)[0])
    return buffer.getvalue(), modules


def share_link() -> str:
    """The address of this page with the current query string (as the browser will show it)."""
    parts = urlsplit(st.context.url or "")
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(pairs), ""))
