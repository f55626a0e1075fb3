"""The course itself: lesson sources (jupytext percent format) and one catalog.

The sources live in ``tag<N>/``, the catalog in ``catalog.toml``; the catalog
reader is :mod:`dlkurs.catalog` (re-exported here).

>>> from dlkurs.lessons import get
>>> get("1.2").title
'Jupyter & Markdown'
"""

from dlkurs.catalog import (
    CATALOG_FILE,
    LESSONS_DIR,
    Figure,
    Lesson,
    UnknownLessonError,
    by_day,
    catalog,
    catalog_file,
    find,
    get,
    source_text,
)

__all__ = [
    "CATALOG_FILE",
    "LESSONS_DIR",
    "Figure",
    "Lesson",
    "UnknownLessonError",
    "by_day",
    "catalog",
    "catalog_file",
    "find",
    "get",
    "source_text",
]
