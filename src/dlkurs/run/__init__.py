"""Headless execution of lessons: profiles, time budgets, results, report."""

from dlkurs.run.runner import LessonRun, run_lesson, run_lessons

__all__ = ["LessonRun", "run_lesson", "run_lessons"]
