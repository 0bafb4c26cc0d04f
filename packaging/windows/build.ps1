# Build the Windows bundle and (when Inno Setup is installed) the installer.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Python py] [-SkipInstaller]
# Needs: Python 3.11+ (64-bit) from python.org; Inno Setup 6 (https://jrsoftware.org) for the installer.
# Output: dist\DisclosureDesk\ (DisclosureDesk.exe windowed, DisclosureDeskCLI.exe console) and
#         dist\DisclosureDesk-Setup-<version>.exe
param(
    [string]$Python = "py",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

# A clean virtual environment: only the app's dependencies travel into the bundle.
$venv = Join-Path $root "build\win-venv"
if (-not (Test-Path $venv)) { & $Python -m venv $venv }
$py = Join-Path $venv "Scripts\python.exe"
& $py -m pip install --upgrade pip
& $py -m pip install . "pyinstaller>=6.10"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\disclosure-desk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The bundle must do the whole job before it is shipped: selftest in a temporary folder, in Chinese.
$cli = Join-Path $root "dist\DisclosureDesk\DisclosureDeskCLI.exe"
& $cli selftest
if ($LASTEXITCODE -ne 0) { throw "selftest failed in the bundle" }

$size = (Get-ChildItem -Recurse dist\DisclosureDesk | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("bundle: {0:N1} MB" -f $size)

if ($SkipInstaller) { return }
$iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
          "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) { Write-Warning "Inno Setup 6 not found: bundle built, installer skipped"; return }
$version = (Select-String -Path pyproject.toml -Pattern '^version = "(.+)"').Matches[0].Groups[1].Value
& $iscc "/DAppVersion=$version" "/DSourceDir=$root\dist\DisclosureDesk" "/O$root\dist" packaging\windows\DisclosureDesk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
