"""Training: the doctrine curriculum, quizzes, assignments and reports."""
