from . import ask_doctor_admin  # noqa: F401  (registers the ask-the-doctor models)
