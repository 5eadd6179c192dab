"""The clinic's look and contact line on every page, from data/clinic.yml (no MkDocs here: hooks.py
applies these to the site settings). Its colour must keep the header readable."""

from __future__ import annotations

from ..content.model import Clinic
from ..content.site_texts import SiteTexts
from . import markup


def _mix(colour: str, other: str, share: float) -> str:
    parts = [
        round(int(colour[i : i + 2], 16) * (1 - share) + int(other[i : i + 2], 16) * share) for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{p:02x}" for p in parts)


def theme_css(primary: str) -> str:
    """Material's primary colour variables for the clinic's colour (light and dark shades derived)."""
    primary = primary.lower()
    return (
        "/* The clinic's colours, from data/clinic.yml (primary_colour), added at every build. */\n"
        ":root, [data-md-color-scheme] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {_mix(primary, '#ffffff', 0.25)};\n"
        f"  --md-primary-fg-color--dark: {_mix(primary, '#000000', 0.25)};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        "  --md-primary-bg-color--light: rgba(255, 255, 255, 0.7);\n"
        f"  --md-accent-fg-color: {_mix(primary, '#000000', 0.25)};\n"
        "}\n"
    )


def footer_html(clinic: Clinic, texts: SiteTexts) -> str:
    """The clinic's line at the foot of every page: emergency number, name, phone, booking link; its words
    from data/site_texts.yml (`texts`)."""
    emergency = markup.filled(
        texts.footer.emergency,
        in_html=True,
        emergency_number=markup.phone_link(clinic.emergency_number, in_html=True),
    )
    phone = markup.filled(
        texts.footer.phone, in_html=True, phone=markup.phone_link(clinic.phone, in_html=True)
    )
    return (
        f'<span class="clinic-footer"><strong>{emergency}</strong> · {markup.html(clinic.name)} · {phone} · '
        f"{markup.html_link(texts.contact.book, clinic.booking_url)}</span>"
    )


def theme_texts(texts: SiteTexts) -> dict[str, str]:
    """The words the theme's templates show (the draft notice, the page-not-found page), HTML-escaped
    for overrides/main.html and overrides/404.html; {home} stays for the template's link."""
    not_found = texts.not_found
    return {
        "draft_title": markup.html(texts.draft_notice.title),
        "draft_text": markup.html(texts.draft_notice.text),
        "not_found_title": markup.html(not_found.title),
        "not_found_text": markup.html(not_found.text),
        "not_found_search": markup.html(not_found.search),
        "not_found_main_pages": markup.html(not_found.main_pages),
        "not_found_help": markup.filled(not_found.help, in_html=True, home="{home}"),
        "not_found_home": markup.html(not_found.home),
        "languages_label": markup.html(texts.language.others),
    }


def logo_in_docs(clinic: Clinic) -> str:
    """The logo's path inside the docs folder, as the theme wants it."""
    return clinic.logo.removeprefix("docs/")


# The logo drawn as PNG, for what cannot show SVG: a phone's home-screen icon (apple-touch-icon, 180 px
# square) and the picture a shared link shows (og:image, 1200 x 630, the size the big social sites ask for).
# Both are the logo on the clinic's colour, as in the header.
HOME_SCREEN_ICON = "assets/home-screen-icon.png"
SHARE_PICTURE = "assets/share-picture.png"
SHARE_SIZE = (1200, 630)
_PICTURE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


def _logo_on_colour(logo: bytes, kind: str, colour: str, width: int, height: int, share: float) -> bytes:
    """A PNG of `width` x `height` filled with `colour`, the logo in its middle, `share` of the height."""
    import base64

    import resvg_py

    side = round(height * share)
    x, y = (width - side) // 2, (height - side) // 2
    picture = f"data:{kind};base64,{base64.b64encode(logo).decode('ascii')}"
    drawing = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="{colour}"/>'
        f'<image x="{x}" y="{y}" width="{side}" height="{side}" href="{picture}"/></svg>'
    )
    return bytes(resvg_py.svg_to_bytes(svg_string=drawing, skip_system_fonts=True))


def png_pictures(clinic: Clinic, logo: bytes) -> dict[str, bytes]:
    """The home-screen icon and the share picture, by their paths in the docs folder. `logo` is the logo
    file's bytes (checked by macros/checks/images.py: a drawing, or a raster picture)."""
    suffix = "." + clinic.logo.rsplit(".", 1)[-1].lower()
    kind = _PICTURE_TYPES.get(suffix, "image/png")
    colour = clinic.primary_colour.lower()
    return {
        HOME_SCREEN_ICON: _logo_on_colour(logo, kind, colour, 180, 180, 0.75),
        SHARE_PICTURE: _logo_on_colour(logo, kind, colour, *SHARE_SIZE, 0.6),
    }
