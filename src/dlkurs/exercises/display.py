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


def box(title: str, body_html: str, *, color: str, background: str, icon: str) -> str:
    """A coloured message box for Jupyter."""
    return (
        f'<div style="border-left: 6px solid {color}; background: {background}; '
        f'padding: 0.5em 0.8em; margin: 0.3em 0; border-radius: 3px; color: #1a1a1a;">'
        f'<strong style="color: {color};">{icon} {html.escape(title)}</strong>'
        + (f"<div>{body_html}</div>" if body_html else "")
        + "</div>"
    )


def code_html(code: str) -> str:
    """``code`` as syntax-highlighted HTML (inline styles), or a plain <pre> block."""
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        return highlight(code, PythonLexer(), HtmlFormatter(noclasses=True, nobackground=True))
    except Exception:
        return f"<pre>{html.escape(code)}</pre>"
