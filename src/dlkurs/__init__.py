"""dlkurs: "Deep Learning mit Python & Keras" as software.

The package root stays light: importing it never imports TensorFlow, Keras or
JAX. Lessons use the three functions re-exported here:

>>> import dlkurs
>>> dlkurs.profile()                  # "quick" or "full"
'full'
>>> epochs = dlkurs.pick(quick=1, full=5)
>>> dlkurs.report(test_accuracy=0.978)  # doctest: +SKIP
"""

import os as _os

# A learner should not see TensorFlow's C++ start-up log lines. This only takes
# effect when `dlkurs` is imported before TensorFlow, which is how every lesson
# starts; the course kernel (see dlkurs.build.kernel) sets it as well.
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# TensorFlow's Python warnings such as "N out of the last M calls ... triggered
# tf.function retracing" are for framework developers, not for learners.
import logging as _logging  # noqa: E402

_logging.getLogger("tensorflow").setLevel(_logging.ERROR)

from dlkurs.lessonapi import pick, profile, report  # noqa: E402

__version__ = "0.1.0"
__all__ = ["pick", "profile", "report", "__version__"]
