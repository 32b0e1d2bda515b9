"""The rule catalogue of spec/rules.md. Importing this package registers every rule."""

from . import arithmetic, cells, crosscheck, imported, structure, text, years  # noqa: F401  (registration)
from .engine import (ERROR, INFO, RULES, SEVERITY_LABEL, SEVERITY_ORDER, WARNING, Context, Problem,
                     Rule, check, counts)

__all__ = ["ERROR", "WARNING", "INFO", "RULES", "SEVERITY_LABEL", "SEVERITY_ORDER", "Context",
           "Problem", "Rule", "check", "counts"]
