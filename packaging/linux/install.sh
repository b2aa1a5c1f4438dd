#!/usr/bin/env bash
# Install the one-folder build (dist/waakvlam from `make package`) for one user, or system
# wide, with its menu entry, icons and AppStream metadata. The vault is never touched.
#
#   packaging/linux/install.sh                      # into ~/.local (no root needed)
#   sudo packaging/linux/install.sh --prefix /opt/waakvlam-root   # any prefix
#   packaging/linux/install.sh --uninstall          # removes the program, keeps the vault
#
# Options: --prefix DIR (default ~/.local), --dist DIR (default dist/waakvlam), --uninstall.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix="$HOME/.local"
dist="$root/dist/waakvlam"
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --dist) dist=$2; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    *) echo "Onbekende optie: $1" >&2; exit 2 ;;
  esac
done
app_id=nl.waakvlam.Desktop
partner_id=nl.waakvlam.Partner
libdir="$prefix/lib/waakvlam"
bindir="$prefix/bin"
share="$prefix/share"
sizes="16 24 32 48 64 128 256"
icons="$root/src/waakvlam_desktop/resources/icons"

refresh() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "$uninstall" = 1 ]; then
  rm -rf "$libdir"
  rm -f "$bindir/waakvlam-desktop" "$bindir/waakvlam" "$bindir/waakvlam-partner"
  rm -f "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
  rm -f "$share/applications/$partner_id.desktop"
  for s in $sizes; do rm -f "$share/icons/hicolor/${s}x${s}/apps/waakvlam.png"; done
  rm -f "$share/icons/hicolor/scalable/apps/waakvlam.svg"
  refresh
  echo "Waakvlam is verwijderd uit $prefix. De kluis is bewaard (zie docs/packaging.md)."
  exit 0
fi

if [ ! -x "$dist/waakvlam-desktop" ]; then
  echo "Geen build in $dist: voer eerst 'make package' uit." >&2
  exit 1
fi
mkdir -p "$prefix/lib" "$bindir" "$share/applications" "$share/metainfo"
# Copy next to the old version first, then swap: a failed copy leaves the old one working.
rm -rf "$libdir.new"
cp -a "$dist" "$libdir.new"
rm -rf "$libdir"
mv "$libdir.new" "$libdir"
ln -sfn "$libdir/waakvlam-desktop" "$bindir/waakvlam-desktop"
ln -sfn "$libdir/waakvlam" "$bindir/waakvlam"
sed "s|^Exec=.*|Exec=$libdir/waakvlam-desktop|; s|^TryExec=.*|TryExec=$libdir/waakvlam-desktop|" \
  "$root/resources/linux/$app_id.desktop" > "$share/applications/$app_id.desktop"
if [ -x "$libdir/waakvlam-partner" ]; then  # the partner app (docs/partner.md)
  ln -sfn "$libdir/waakvlam-partner" "$bindir/waakvlam-partner"
  sed "s|^Exec=.*|Exec=$libdir/waakvlam-partner|; s|^TryExec=.*|TryExec=$libdir/waakvlam-partner|" \
    "$root/resources/linux/$partner_id.desktop" > "$share/applications/$partner_id.desktop"
fi
cp "$root/resources/linux/$app_id.metainfo.xml" "$share/metainfo/$app_id.metainfo.xml"
for s in $sizes; do
  mkdir -p "$share/icons/hicolor/${s}x${s}/apps"
  cp "$icons/waakvlam-$s.png" "$share/icons/hicolor/${s}x${s}/apps/waakvlam.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$icons/waakvlam.svg" "$share/icons/hicolor/scalable/apps/waakvlam.svg"
refresh
echo "Waakvlam is geïnstalleerd in $libdir ($bindir/waakvlam-desktop)."
