"""Attack: guess the passphrase from what everybody tries first (issue #12 E).

zxcvbn (score >= 3) with the organisation's and the user's names as inputs, Dutch password
words, and a core that must be strong without the digits and marks around it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.errors import WeakPassphraseError
from waakvlam_desktop.storage.keys import check_passphrase_policy
from waakvlam_desktop.storage.strength import assess
from waakvlam_desktop.storage.vault import Vault

NAMES = ("Woonstichting Voorbeeld", "Anouk de Vries")
REFUSED = [
    "wachtwoord123",  # the four
    "Welkom2026!!",
    "123456789012",
    "qwertyuiop12",
    "Woonstichting Voorbeeld 2026",  # the organisation's name
    "Anouk de Vries 1975!",  # the user's name
    "Waakvlam2026!!",
    "Zomer2025!!!",
    "aaaaaaaaaaaa",
    "kort maar",
]
ACCEPTED = ["correct horse battery staple", "paars olifant fietst snel", "Z7#kq!pL9@wx"]


@pytest.mark.parametrize("passphrase", REFUSED)
def test_guessable_passphrases_are_refused(passphrase: str) -> None:
    verdict = assess(passphrase, NAMES)
    assert not verdict.acceptable and verdict.score < 3
    with pytest.raises(WeakPassphraseError) as caught:
        check_passphrase_policy(passphrase, NAMES)
    assert caught.value.code.startswith("passphrase.")
    assert "Sterk genoeg" not in str(caught.value)


@pytest.mark.parametrize("passphrase", ACCEPTED)
def test_strong_passphrases_pass(passphrase: str) -> None:
    verdict = assess(passphrase, NAMES)
    assert verdict.acceptable and verdict.score >= 3
    check_passphrase_policy(passphrase, NAMES)


def test_names_make_the_difference() -> None:
    assert assess("Woonstichting Voorbeeld 2026").acceptable  # zxcvbn alone: fine
    verdict = assess("Woonstichting Voorbeeld 2026", NAMES)
    assert not verdict.acceptable
    assert "organisatie" in verdict.render("nl")


def test_vault_create_refuses_a_weak_passphrase(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphraseError):
        Vault.create(tmp_path / "v", "Welkom2026!!", kdf_target_seconds=0)
    assert not (tmp_path / "v" / "vault.db").exists()


@pytest.mark.parametrize("weak", ["wachtwoord123", "Welkom2026!!", "123456789012", "qwertyuiop12"])
def test_cli_init_and_passwd_refuse(tmp_path: Path, weak: str) -> None:
    fresh = Cli(tmp_path / "nieuw", WAAKVLAM_PASSPHRASE=weak)
    proc = fresh.run("init", "--organisation", NAMES[0], "--name", NAMES[1], ok=False)
    one_line_error(proc, 1)
    assert not (tmp_path / "nieuw" / "vault.key.json").exists()
    cli = Cli(tmp_path / "vault").init()
    before = (cli.data_dir / "vault.key.json").read_bytes()
    one_line_error(cli.run("passwd", ok=False, WAAKVLAM_NEW_PASSPHRASE=weak), 1)
    assert (cli.data_dir / "vault.key.json").read_bytes() == before
