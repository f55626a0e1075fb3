"""What every `dlkurs` sub-command shares: how a Typer app is set up, the consoles, German errors."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err_console = Console(stderr=True)


def typer_app(help: str, **kwargs) -> typer.Typer:
    """A Typer app as dlkurs uses them: German help, rich markup, no completion, no tracebacks."""
    return typer.Typer(
        help=help,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        **kwargs,
    )


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a German error (no traceback) and return the Exit to raise."""
    err_console.print(f"[bold red]Fehler:[/] {escape(message)}")
    return typer.Exit(code)
