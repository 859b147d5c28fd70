"""click's own messages in Indonesian: usage errors ("Nilai --before salah: …"), the "Cara
pakai:" and "Pilihan" headings and the help of --help, for every `katalog` command.

click marks these messages for gettext in the process's text domain. :func:`install` points that
domain at ``locale/id/LC_MESSAGES/click.mo`` (compiled from ``click.po`` beside it) and asks
gettext for Indonesian: the people who run these commands are clerks and staff who read
Indonesian, whatever the server's locale is (often ``C``). Nothing else in the product uses the
process-wide gettext domain (WTForms and Babel keep their own translations).

After editing click.po, compile it: ``.venv/bin/python -m catalog.cli_language``.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "click"
PO_FILE = LOCALE / "id" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def install() -> None:
    """Show click's messages in Indonesian from now on, in this process and its children."""
    os.environ["LANGUAGE"] = "id"
    gettext.bindtextdomain(DOMAIN, str(LOCALE))
    gettext.textdomain(DOMAIN)


def compile_catalog() -> bytes:
    """``click.po`` as the bytes of a ``.mo`` file (Babel's compiler)."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with PO_FILE.open("rb") as source:
        catalog = read_po(source, locale="id")
    out = BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


if __name__ == "__main__":
    MO_FILE.write_bytes(compile_catalog())
    print(f"wrote {MO_FILE}")
