# Build the Windows installer: PyInstaller one-folder app, frozen self-test, WiX MSI.
# Run from the repository root in PowerShell on Windows 10/11 x64 (see docs/packaging.md):
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-msi.ps1
#
# Needs: Python 3.11 x64 (py launcher), .NET SDK 8+ with the WiX tool
#   dotnet tool install --global wix --version 5.0.2
#   wix extension add --global WixToolset.Util.wixext/5.0.2
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")

if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install --quiet --upgrade pip
.venv\Scripts\python -m pip install --quiet -e ".[dev]"

# Compiled Dutch translations (the Makefile's `make translations`).
New-Item -ItemType Directory -Force src\waakvlam_desktop\resources\i18n | Out-Null
.venv\Scripts\pyside6-lrelease -silent -nounfinished src\waakvlam_desktop\resources\i18n\waakvlam_nl.ts -qm src\waakvlam_desktop\resources\i18n\waakvlam_nl.qm
if ($LASTEXITCODE -ne 0) { throw "pyside6-lrelease failed" }

.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN --distpath dist `
    --workpath build\pyinstaller packaging\pyinstaller\waakvlam.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The frozen self-test. The GUI exe is windowed (no console): it writes its lines to
# %LOCALAPPDATA%\Waakvlam\Waakvlam\Logs\zelftest.txt and reports through the exit code.
$proc = Start-Process -FilePath dist\waakvlam\waakvlam-desktop.exe -ArgumentList "--self-test" -Wait -PassThru
Get-Content "$env:LOCALAPPDATA\Waakvlam\Waakvlam\Logs\zelftest.txt"
if ($proc.ExitCode -ne 0) { throw "self-test failed (exit $($proc.ExitCode))" }
dist\waakvlam\waakvlam.exe --version

$version = (.venv\Scripts\python -c "from importlib.metadata import version; print(version('waakvlam-desktop'))").Trim()
$msi = "dist\Waakvlam-$version-x64.msi"
wix build -arch x64 -ext WixToolset.Util.wixext -d "Version=$version" `
    -bindpath "app=dist\waakvlam" -o $msi packaging\windows\waakvlam.wxs
if ($LASTEXITCODE -ne 0) { throw "wix build failed" }
Get-Item $msi | Select-Object Name, Length
