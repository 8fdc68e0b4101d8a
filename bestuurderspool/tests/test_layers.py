"""The portal's layers run one way (README, "Architecture"): bestuurderspool/ (site-wide parts)
← intake ← councils ← coaching ← instruments, cockpit, tracks. A lower app never imports a higher
one; when it must react to something a higher one owns, the higher one listens to the lower
one's event (`intake/events.py`) or registers itself in the lower one's registry (the reminder
sources in `bestuurderspool/notifications/sources.py`, the data rights in
`bestuurderspool/privacy/registry.py`) from its `AppConfig.ready()`.

Every module outside the tests is read (with `ast`, so an import inside a function counts too)."""

import ast
import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LAYERS = {
    "bestuurderspool": 0,
    "intake": 1,
    "councils": 2,
    "coaching": 3,
    "instruments": 4,
    "cockpit": 4,
    "tracks": 4,
}
#: Project wiring: the URLconf, the settings and the process entry points name every app.
WIRING = ["urls.py", "settings*.py", "wsgi.py", "asgi.py", "celery.py"]
#: Apps of one layer that build on one another, with the reason.
SIDEWAYS = {
    # A group track holds a leadership mirror and goals in the instruments' own forms.
    ("tracks", "instruments"),
}


def _imported_apps(path: Path) -> set[str]:
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            apps.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            apps.add(node.module.split(".")[0])
    return apps & LAYERS.keys()


def _is_wiring(path: Path) -> bool:
    return path.parent == ROOT / "bestuurderspool" and any(fnmatch.fnmatch(path.name, name) for name in WIRING)


def _modules(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if "tests" not in path.relative_to(ROOT).parts and not _is_wiring(path)
    ]


def _may_import(app: str, other: str) -> bool:
    return other == app or LAYERS[other] < LAYERS[app] or (app, other) in SIDEWAYS


def test_no_app_imports_a_higher_layer_or_a_neighbour():
    offenders = {}
    for app in LAYERS:
        for path in _modules(app):
            wrong = sorted(other for other in _imported_apps(path) if not _may_import(app, other))
            if wrong:
                offenders[str(path.relative_to(ROOT))] = wrong
    assert offenders == {}


def test_every_app_has_its_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"bestuurderspool"}
    assert apps == set(LAYERS)


def test_the_walk_sees_the_modules_it_checks():
    """Guards the test itself: an empty walk would pass anything."""
    assert {app: bool(_modules(app)) for app in LAYERS} == dict.fromkeys(LAYERS, True)
    assert ROOT / "bestuurderspool" / "urls.py" not in _modules("bestuurderspool")
    assert ROOT / "bestuurderspool" / "privacy" / "selectors.py" in _modules("bestuurderspool")
