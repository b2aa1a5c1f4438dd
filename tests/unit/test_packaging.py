"""Packaging files: Linux desktop entry + AppStream metainfo, icons, the WiX source, the
PyInstaller spec's data files, and the Linux per-user install script."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import shamir_mnemonic
from PIL import Image
from PyInstaller.utils.hooks import collect_data_files

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "nl.waakvlam.Desktop"
LINUX = ROOT / "resources" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "src" / "waakvlam_desktop" / "resources" / "icons"
ICO = ROOT / "packaging" / "windows" / "waakvlam.ico"
WXS = ROOT / "packaging" / "windows" / "waakvlam.wxs"
SIZES = (16, 24, 32, 48, 64, 128, 256)
WIX = "{http://wixtoolset.org/schemas/v4/wxs}"
UTIL = "{http://wixtoolset.org/schemas/v4/wxs/util}"


def _version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


# ---- Linux --------------------------------------------------------------------------------
def test_desktop_entry() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Waakvlam"
    assert entry["Exec"] == "waakvlam-desktop"  # the gui-script name in pyproject
    assert entry["Icon"] == "waakvlam"  # ui/app.py: QIcon.fromTheme("waakvlam")
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Office" in entry["Categories"].split(";")
    assert entry["Keywords"].endswith(";")
    for key in ("GenericName", "Comment"):
        assert entry[key] and entry[f"{key}[en]"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert entry["Exec"] in scripts["gui-scripts"]


def test_desktop_entry_with_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.fail("desktop-file-validate is missing: 'make test' installs desktop-file-utils")
    proc = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_metainfo_structure() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert root.findtext("project_license") == project["license"]
    assert root.findtext("name") == _desktop_entry()["Name"]
    summaries = root.findall("summary")
    assert summaries and all(0 < len(s.text or "") <= 80 for s in summaries)
    description = root.find("description")
    assert description is not None and description.findall("p")
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("icon") == _desktop_entry()["Icon"]
    assert root.find("content_rating") is not None
    releases = root.findall("releases/release")
    assert releases[0].get("version") == _version()  # newest first, equal to pyproject
    binaries = {b.text for b in root.findall("provides/binary")}
    assert binaries == {"waakvlam-desktop", "waakvlam"}


def test_metainfo_with_appstreamcli() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian package 'appstream')")
    proc = subprocess.run(
        [tool, "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_appstreamcli_would_catch_a_broken_file(tmp_path: Path) -> None:
    """The validation above can fail: a metainfo without a summary is refused."""
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian package 'appstream')")
    broken = tmp_path / f"{APP_ID}.metainfo.xml"
    text = METAINFO.read_text(encoding="utf-8")
    start = text.index("<summary>")
    end = text.index("</summary>", start) + len("</summary>")
    text = text[:start] + text[end:]
    start = text.index('<summary xml:lang="nl">')
    end = text.index("</summary>", start) + len("</summary>")
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    proc = subprocess.run([tool, "validate", "--no-net", str(broken)], capture_output=True)
    assert proc.returncode != 0


# ---- icons --------------------------------------------------------------------------------
def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", SIZES)
def test_png_icons(size: int) -> None:
    path = ICONS / f"waakvlam-{size}.png"
    assert _png_size(path) == (size, size)
    image = Image.open(path).convert("RGBA")
    alpha = image.getchannel("A")
    assert alpha.getpixel((0, size - 1)) == 0  # transparent corner: not a square tile
    assert alpha.getbbox() is not None  # something drawn
    # The flame is in the middle of the house: orange/yellow, not the blue of the walls.
    r, g, b, a = image.getpixel((size // 2, int(size * 0.72)))  # type: ignore[misc]
    assert a > 200 and r > 200 and b < 120, (r, g, b, a)


def test_ico_holds_every_size_from_the_svg() -> None:
    assert (ROOT / "resources" / "icons" / "waakvlam.svg").is_file()
    assert (ICONS / "waakvlam.svg").read_bytes() == (
        ROOT / "resources" / "icons" / "waakvlam.svg"
    ).read_bytes()  # the runtime copy is the master, unchanged
    with Image.open(ICO) as ico:
        assert ico.format == "ICO"
        assert set(ico.info["sizes"]) == {(s, s) for s in SIZES}


# ---- Windows installer source ---------------------------------------------------------------
def test_wix_source() -> None:
    root = ET.parse(WXS).getroot()
    package = root.find(f"{WIX}Package")
    assert package is not None
    assert package.get("Scope") == "perUserOrMachine"  # per user by default, no admin
    assert package.get("Version") == "$(var.Version)"
    assert package.get("UpgradeCode")
    assert package.find(f"{WIX}MajorUpgrade") is not None
    # Program files: ProgramFiles64Folder, redirected to %LOCALAPPDATA%\Programs per user.
    folder = package.find(f"{WIX}StandardDirectory[@Id='ProgramFiles64Folder']/{WIX}Directory")
    assert folder is not None and folder.get("Id") == "INSTALLFOLDER"
    files = package.find(f".//{WIX}ComponentGroup[@Id='AppFiles']/{WIX}Files")
    assert files is not None and files.get("Include") == "!(bindpath.app)\\**"
    shortcut = package.find(f".//{WIX}Component[@Directory='ProgramMenuFolder']/{WIX}Shortcut")
    assert shortcut is not None
    assert shortcut.get("Target") == "[INSTALLFOLDER]waakvlam-desktop.exe"
    # The vault is removed only when asked: REMOVEVAULT=1 at uninstall.
    removal = package.find(f".//{UTIL}RemoveFolderEx")
    assert removal is not None
    assert removal.get("On") == "uninstall"
    assert removal.get("Condition") == "REMOVEVAULT = 1"
    prop = removal.get("Property")
    setter = package.find(f"{WIX}SetProperty[@Id='{prop}']")
    assert setter is not None and setter.get("Value") == "[LocalAppDataFolder]Waakvlam"
    # Matches where the app keeps its data (config.default_data_dir, roaming=False).
    assert "roaming=False" in (ROOT / "src/waakvlam_desktop/config.py").read_text()
    for ref in ("AppFiles", "Integration"):
        assert package.find(f".//{WIX}Feature/{WIX}ComponentGroupRef[@Id='{ref}']") is not None


# ---- PyInstaller spec -----------------------------------------------------------------------
def test_spec_takes_every_runtime_file_along() -> None:
    """Every file the app reads at run time matches the spec's collect_data_files patterns."""
    spec = (ROOT / "packaging" / "pyinstaller" / "waakvlam.spec").read_text(encoding="utf-8")
    for pattern in (
        "resources/**/*",
        "storage/migrations/*.py",
        "storage/migrations/versions/*.py",
    ):
        assert f'"{pattern}"' in spec
    package = ROOT / "src" / "waakvlam_desktop"
    runtime = [
        p
        for p in (package / "resources").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    ]
    assert {p.suffix for p in runtime} >= {".json", ".ttf", ".png", ".svg"}
    for hidden in ("sqlalchemy.dialects.sqlite", "sqlcipher3.dbapi2", "_argon2_cffi_bindings"):
        assert f'"{hidden}"' in spec
    assert 'collect_submodules("keyring.backends")' in spec


def test_spec_takes_the_slip39_word_list_along() -> None:
    """shamir-mnemonic reads wordlist.txt beside its module at import: the spec collects it,
    and the installed package really ships it there (a frozen app without it cannot
    rebuild the organisation recovery key)."""
    spec = (ROOT / "packaging" / "pyinstaller" / "waakvlam.spec").read_text(encoding="utf-8")
    assert 'collect_data_files("shamir_mnemonic", includes=["wordlist.txt"])' in spec
    assert '"shamir_mnemonic"' in spec
    words = Path(shamir_mnemonic.__file__).with_name("wordlist.txt")
    assert len(words.read_text(encoding="utf-8").split()) == 1024
    # What the spec's call really collects (PyInstaller's own function, no build).
    collected = collect_data_files("shamir_mnemonic", includes=["wordlist.txt"])
    assert [(Path(src).name, dest) for src, dest in collected] == [
        ("wordlist.txt", "shamir_mnemonic")
    ]


# ---- Linux per-user install -----------------------------------------------------------------
def test_install_script_installs_and_uninstalls_keeping_the_vault(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    (dist / "_internal").mkdir(parents=True)
    for name in ("waakvlam-desktop", "waakvlam"):
        exe = dist / name
        exe.write_text("#!/bin/sh\necho waakvlam\n")
        exe.chmod(0o755)
    prefix = tmp_path / "prefix"
    vault = prefix / "share" / "Waakvlam" / "Waakvlam" / "vault" / "vault.db"
    vault.parent.mkdir(parents=True)
    vault.write_bytes(b"versleuteld")
    script = ROOT / "packaging" / "linux" / "install.sh"
    env = {**os.environ, "HOME": str(tmp_path)}
    run = [str(script), "--prefix", str(prefix), "--dist", str(dist)]
    proc = subprocess.run(run, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    share = prefix / "share"
    desktop = (share / "applications" / DESKTOP.name).read_text(encoding="utf-8")
    assert f"Exec={prefix}/lib/waakvlam/waakvlam-desktop" in desktop
    assert (share / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    for size in SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "waakvlam.png"
        assert _png_size(icon) == (size, size)
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "waakvlam.svg").is_file()
    launcher = prefix / "bin" / "waakvlam-desktop"
    assert subprocess.run([str(launcher)], capture_output=True, text=True).stdout == "waakvlam\n"

    proc = subprocess.run([*run, "--uninstall"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert not (prefix / "lib" / "waakvlam").exists()
    assert not launcher.exists() and not launcher.is_symlink()
    assert not (share / "applications" / DESKTOP.name).exists()
    assert vault.read_bytes() == b"versleuteld"  # the vault is never touched


def test_install_script_refuses_without_a_build(tmp_path: Path) -> None:
    script = ROOT / "packaging" / "linux" / "install.sh"
    proc = subprocess.run(
        [str(script), "--prefix", str(tmp_path / "p"), "--dist", str(tmp_path / "none")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "make package" in proc.stderr
    assert not (tmp_path / "p").exists()


# ---- the partner app (docs/partner.md) ------------------------------------------------------
def test_partner_app_is_shipped_with_its_own_start_menu_entry() -> None:
    """`waakvlam-partner` is a gui-script, a program in the PyInstaller folder, a shortcut
    of its own in the Windows Start menu and a desktop entry on Linux."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'waakvlam-partner = "waakvlam_desktop.partner:main"' in pyproject
    spec = (ROOT / "packaging" / "pyinstaller" / "waakvlam.spec").read_text(encoding="utf-8")
    assert 'name="waakvlam-partner"' in spec and "partner_entry.py" in spec
    entry = (ROOT / "packaging" / "pyinstaller" / "partner_entry.py").read_text()
    assert "from waakvlam_desktop.partner import main" in entry
    root = ET.parse(WXS).getroot()
    targets = {s.get("Target") for s in root.iter(f"{WIX}Shortcut")}
    assert "[INSTALLFOLDER]waakvlam-partner.exe" in targets
    partner = configparser.ConfigParser(interpolation=None)
    partner.read(LINUX / "nl.waakvlam.Partner.desktop", encoding="utf-8")
    assert partner["Desktop Entry"]["Exec"] == "waakvlam-partner"
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.fail("desktop-file-validate is missing: 'make test' installs desktop-file-utils")
    proc = subprocess.run(
        [tool, str(LINUX / "nl.waakvlam.Partner.desktop")], capture_output=True, text=True
    )
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
