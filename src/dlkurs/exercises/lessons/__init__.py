"""Check modules, one per lesson: ``l1_2.py`` holds the exercises of lesson 1.2.

See docs/exercises.md. A check module declares exercises as module attributes
(the attribute name is the exercise name and the name of the solution region
in the lesson source) and imports nothing heavy at module level: build Keras
models and data inside ``lazy(...)`` factories.
"""
