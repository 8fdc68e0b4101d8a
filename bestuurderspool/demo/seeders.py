"""The demo data, app by app, in the order seed_demo runs them.

Each entry is the dotted path of a function `seed(stdout) -> None` that must be idempotent:
running `seed_demo` twice changes nothing.
"""

SEEDERS = [
    "bestuurderspool.demo.people.seed",
    "intake.demo.seed",
    "coaching.demo.seed",
    "tracks.demo.seed",
]
