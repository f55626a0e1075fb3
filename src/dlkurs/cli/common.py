"""What every `dlkurs` sub-command shares: how a Typer app is set up, the consoles, German errors."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err_console = Console(stderr=True)

HELP_OPTION_TEXT = "Diese Hilfe zeigen und beenden."


def _german_help_screens() -> None:
    """Typer writes its help frame in English; a German course speaks German there too.

    Uses Typer's module constants and the help option's text; if a future Typer
    moves them, the help stays English rather than failing.
    """
    from typer import rich_utils

    for name, text in {
        "ARGUMENTS_PANEL_TITLE": "Argumente",
        "OPTIONS_PANEL_TITLE": "Optionen",
        "COMMANDS_PANEL_TITLE": "Befehle",
        "DEFAULT_STRING": "[Standard: {}]",
        "ENVVAR_STRING": "[Umgebungsvariable: {}]",
        "REQUIRED_LONG_STRING": "[erforderlich]",
    }.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    try:
        from typer._click.core import Command
    except ImportError:  # older Typer on Click: Click's own text stays
        return
    original = Command.get_help_option
    if getattr(original, "_dlkurs", False):
        return

    def get_help_option(self, ctx):
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    get_help_option._dlkurs = True
    Command.get_help_option = get_help_option


_german_help_screens()


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
