"""One lesson source -> student notebook, solution notebook, learner workspace."""
