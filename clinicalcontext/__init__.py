from .lazy_imports import install as _install_lazy_imports

_install_lazy_imports()  # before any app is imported: see lazy_imports.py
