"""Headless execution of lessons: profiles, time budgets, results, report.

``dlkurs.run.runner`` executes lessons (imports nbclient, jupytext);
``dlkurs.run.results`` reads and writes their results (light).
"""
