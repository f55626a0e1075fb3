"""Show text to the learner: rich output in Jupyter/IPython, plain text elsewhere.

Nothing here imports IPython unless it is already running; outside IPython
everything is printed as plain text.
"""

from __future__ import annotations

import html
import re
import sys

_CODE = re.compile(r"`([^`\n]+)`")


def ipython_shell():
    """The running IPython shell, or None (never imports IPython itself)."""
    if "IPython" not in sys.modules:
        return None
    try:
        from IPython import get_ipython

        return get_ipython()
    except Exception:  # pragma: no cover - broken IPython install
        return None


def execution_count() -> int | None:
    """The number of the cell that is running now, or None outside IPython."""
    shell = ipython_shell()
    return None if shell is None else getattr(shell, "execution_count", None)


def show(plain: str, html_text: str | None = None, markdown: str | None = None) -> None:
    """Display one message: ``html_text``/``markdown`` in Jupyter, ``plain`` elsewhere."""
    shell = ipython_shell()
    if shell is None:
        print(plain)
        return
    bundle = {"text/plain": plain}
    if html_text is not None:
        bundle["text/html"] = html_text
    if markdown is not None:
        bundle["text/markdown"] = markdown
    try:
        from IPython.display import display

        display(bundle, raw=True)
    except Exception:  # pragma: no cover - display machinery broken
        print(plain)


def inline_html(text: str) -> str:
    """Escape ``text`` for HTML; `backticks` become <code>, newlines <br>."""
    escaped = html.escape(text)
    escaped = _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped)
    return escaped.replace("\n", "<br>")


#: Accent colour per kind of box; they read on JupyterLab's light and dark themes.
ACCENTS = {
    "success": "#2e7d32",
    "error": "#c62828",
    "hint": "#1a73e8",
    "note": "#757575",
    "solution": "#7b1fa2",  # not the green of a right answer: a solution is no success
    "warning": "#b06000",
}


def badge(glyph: str, color: str) -> str:
    """A small round badge with one character: an icon that needs no emoji font."""
    return (
        f'<span style="display: inline-block; min-width: 1.3em; height: 1.3em; line-height: 1.3em; '
        f"border-radius: 0.65em; background: {color}; color: #fff; text-align: center; font-weight: bold; "
        f'font-size: 0.85em; margin-right: 0.4em; font-family: sans-serif;">{html.escape(glyph)}</span>'
    )


def box(title: str, body_html: str, *, kind: str, icon: str) -> str:
    """A message box for Jupyter in the colours of ``kind`` (see :data:`ACCENTS`).

    Background and text follow JupyterLab's theme variables (``--jp-layout-color0``,
    ``--jp-content-font-color1``), so the box reads on light and dark themes; the
    first declarations are the fallback where those variables or ``color-mix`` are
    unknown (e.g. a plain HTML export).
    """
    color = ACCENTS[kind]
    return (
        f'<div class="dlkurs-box dlkurs-{kind}" style="border-left: 6px solid {color}; '
        f"background: #f6f7f8; background: color-mix(in srgb, {color} 13%, var(--jp-layout-color0, #fff)); "
        f"color: #1a1a1a; color: var(--jp-content-font-color1, #1a1a1a); "
        f'padding: 0.5em 0.8em; margin: 0.3em 0; border-radius: 3px;">'
        f'<strong style="color: {color}; color: color-mix(in srgb, {color} 70%, var(--jp-content-font-color1, #000));">'
        f"{badge(icon, color)}{html.escape(title)}</strong>"
        + (f"<div>{body_html}</div>" if body_html else "")
        + "</div>"
    )


def code_html(code: str) -> str:
    """``code`` as syntax-highlighted HTML (inline styles), or a plain <pre> block."""
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        code_block = highlight(code, PythonLexer(), HtmlFormatter(noclasses=True, nobackground=True))
    except Exception:
        code_block = f"<pre>{html.escape(code)}</pre>"
    # the highlighting colours are made for a light background: give them one in every theme
    return (f'<div style="background: #fafafa; color: #1a1a1a; padding: 0.2em 0.6em; border-radius: 3px; '
            f'border: 1px solid #ddd;">{code_block}</div>')
