"""save_setting changes one line of the config file and keeps everything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockround.config_write import save_setting
from mockround.errors import UserError


def test_a_missing_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    save_setting(path, "ui", "theme", "nord")
    assert path.read_text() == '[ui]\ntheme = "nord"\n'


def test_an_existing_value_is_replaced_in_place(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[ui]  # looks\ntheme = "dracula"\n\n[drill]\nseconds = 60\n')
    save_setting(path, "ui", "theme", "nord")
    assert path.read_text() == '[ui]  # looks\ntheme = "nord"\n\n[drill]\nseconds = 60\n'


def test_a_table_without_the_key_gets_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[ui]\n[drill]\nseconds = 60")
    save_setting(path, "ui", "theme", "nord")
    assert path.read_text() == '[ui]\ntheme = "nord"\n[drill]\nseconds = 60\n'


def test_a_file_that_would_not_read_back_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = 'ui = { theme = "dracula" }\n'  # an inline table cannot gain a [ui] header
    path.write_text(original)
    with pytest.raises(UserError, match="edit the file by hand"):
        save_setting(path, "ui", "theme", "nord")
    assert path.read_text() == original
