"""The intake app sits below the coaching app: it never imports it (the coaching app reacts to
the intake's events instead, see `intake/events.py`; that withdrawing an intake still frees the
coach is tested in `coaching/tests/test_match_lifecycle.py`)."""

import ast
from pathlib import Path

INTAKE = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_intake_code_never_imports_the_coaching_app():
    offenders = {
        str(path.relative_to(INTAKE)): sorted(m for m in _imported_modules(path) if m.split(".")[0] == "coaching")
        for path in INTAKE.rglob("*.py")
        if "tests" not in path.parts
    }
    assert {path: modules for path, modules in offenders.items() if modules} == {}
