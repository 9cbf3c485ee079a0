"""Modules that every worker imports but few requests use, loaded on first use instead.

allauth's MFA views import its WebAuthn code at module level, and that imports fido2 and
cryptography's Rust bindings: about 10 MiB in every gunicorn worker, for a method this site
does not offer (MFA_SUPPORTED_TYPES has TOTP and recovery codes only). With the standard
library's LazyLoader the module object exists at once (so `from … import auth` works) and its
code runs the first time anything on it is used; if WebAuthn is ever switched on, it loads
then. Installed from clinicalcontext/__init__.py, before Django imports any app.
"""

import importlib.abc
import importlib.util
import sys

LAZY_MODULES = frozenset({"allauth.mfa.webauthn.internal.auth"})


class LazyModuleFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in LAZY_MODULES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = importlib.util.LazyLoader(spec.loader)
                return spec
        return None


def install() -> None:
    if not any(isinstance(finder, LazyModuleFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, LazyModuleFinder())
