"""The files of deploy/ and the guide that uses them (docs/deploy.md): what the guide runs exists,
and the environment file is read as systemd reads it. make check-production runs the rest."""

import importlib.util
import re
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "deploy.md").read_text()


def _deploy_manage():
    """deploy/manage, the operator's wrapper (a script without .py), loaded as a module."""
    loader = SourceFileLoader("deploy_manage", str(ROOT / "deploy" / "manage"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


read_env_file = _deploy_manage().read_env_file


def test_every_management_command_in_the_guide_exists():
    used = set(re.findall(r"deploy/manage ([a-z_]+)", GUIDE))
    assert used >= {"migrate", "collectstatic", "compilemessages", "createsuperuser", "rotate_encryption_keys"}
    assert used - set(get_commands()) == set()


def test_every_make_target_in_the_guide_exists():
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    assert set(re.findall(r"`make ([a-z-]+)`", GUIDE)) - targets == set()


def test_every_deploy_file_the_guide_names_exists():
    named = set(re.findall(r"deploy/([\w.-]+)", GUIDE))
    assert named - {path.name for path in (ROOT / "deploy").iterdir()} == set()


@pytest.mark.parametrize("unit", ["web", "worker", "beat"])
def test_units_run_from_the_checkout_with_the_environment_file(unit):
    text = (ROOT / "deploy" / f"bestuurderspool-{unit}.service").read_text()
    assert "EnvironmentFile=/etc/bestuurderspool/env\n" in text
    assert "WorkingDirectory=/srv/bestuurderspool\n" in text
    assert re.search(r"^ExecStart=/srv/bestuurderspool/\.venv/bin/\S+ ", text, re.MULTILINE)
    assert "User=bestuurderspool\n" in text


def test_the_example_environment_is_production(tmp_path):
    values = read_env_file(str(ROOT / "deploy" / "env.example"))
    assert (values["DEBUG"], values["BEHIND_PROXY"], values["LOG_FORMAT"]) == ("False", "True", "json")
    assert values["DEFAULT_FROM_EMAIL"] == "Bestuurderspool <noreply@bestuurderspool.nl>"


def test_environment_file_is_read_as_systemd_reads_it(tmp_path):
    env = tmp_path / "env"
    env.write_text("# comment\n\nA=1\nB = two words \nC=\"quoted value\"\nD='single'\nE=\n; also a comment\n")
    assert read_env_file(str(env)) == {"A": "1", "B": "two words", "C": "quoted value", "D": "single", "E": ""}


def test_environment_file_with_a_line_that_is_no_setting_is_refused(tmp_path):
    env = tmp_path / "env"
    env.write_text("A=1\nexport B\n")
    with pytest.raises(SystemExit, match=r"env:2: not KEY=value"):
        read_env_file(str(env))
