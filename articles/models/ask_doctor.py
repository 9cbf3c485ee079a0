"""Ask-the-doctor models (issue 5): questions, answers, access log."""

__all__: list[str] = []
