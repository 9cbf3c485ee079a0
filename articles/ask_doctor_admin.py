"""Django admin for ask-the-doctor (issue 5)."""
