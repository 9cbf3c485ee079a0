"""The content pipeline's wing of articles: import (importing.py, its JSON Schema), the quality
gate (quality.py) and the gate's findings (models.py). Items themselves stay in articles/."""
