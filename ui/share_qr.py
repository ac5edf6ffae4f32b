"""A QR code of the current link, so students open the lecturer's case on their phones.

Drawn on the server with ``segno`` (pure Python): nothing leaves the machine, no remote QR
service. ``qr_svg`` is pure; ``share_link`` reads the address the browser shows.
Sized for a projector: error correction "M", a 4-module quiet zone and dark-on-white modules,
so a phone camera reads it from the back of a room when it fills ~40 % of the screen height.
"""

from __future__ import annotations

import io
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno
import streamlit as st


def qr_svg(link: str, size_px: int = 420) -> str:
    """The QR code of ``link`` as an inline SVG, ``size_px`` wide and high (labelled for AT)."""
    code = segno.make(link, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        border=4,
        dark="#000000",
        light="#FFFFFF",
        xmldecl=False,
        svgns=True,
        title=f"QR code of {link}",
        omitsize=True,
    )
    svg = buffer.getvalue().decode("utf-8")
    style = f'style="width:{size_px}px;max-width:100%;aspect-ratio:1" role="img"'
    return svg.replace("<svg ", f"<svg {style} ", 1)


def share_link() -> str:
    """The address of this page with the current query string (as the browser will show it)."""
    parts = urlsplit(st.context.url or "")
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(pairs), ""))
