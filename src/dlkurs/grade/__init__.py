"""Class grading: learners' notebooks run isolated, verdicts come from the course's checkers.

``dlkurs grade EINREICHUNGEN`` (see :mod:`dlkurs.grade.batch`) finds the
learners' notebooks, runs each one in a fresh sandboxed kernel
(:mod:`dlkurs.grade.launch`, :mod:`dlkurs.grade.execute`), carries the values
the learner's code produced out of the kernel as plain data
(:mod:`dlkurs.grade.wire`, :mod:`dlkurs.grade.agent`) and judges them with the
exercises' own checkers in the grading process. The threat model is in
``docs/grading.md``. Importing this package imports nothing heavy.
"""
