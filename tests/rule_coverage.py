"""Which rules have tests. `covers(...)` sits next to the tests of a rule (a passing and a
failing case each); test_core_rules.test_every_rule_is_covered compares the ids with every
rule registered in the catalogue, so a new rule without tests fails the suite."""

import importlib

COVERED: set[str] = set()

# The test modules that call covers(): imported by the guard, so it also holds when only
# some of the suite is run.
MODULES = ("test_core_rules", "test_rules_text_years", "test_import_rules")


def covers(*ids: str) -> None:
    COVERED.update(ids)


def covered() -> set[str]:
    for name in MODULES:
        importlib.import_module(name)
    return set(COVERED)
