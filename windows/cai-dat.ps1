# vanban-kit: the Windows installer run by cai-dat.bat (double-click).
#
# 1. Finds Python 3.10 or later (the "py" launcher, then python.exe on PATH); without one, says where to
#    get it and stops.
# 2. Creates the environment in %LOCALAPPDATA%\vanban-kit\venv.
# 3. Installs the kit with its web extra from this folder: pip install "<repository>[web]" — the unzipped
#    repository, never a package name from the internet.
# 4. Puts a "vanban-kit" shortcut on the desktop that runs chay-vanban-kit.bat (kit serve, which opens the
#    browser).
# Messages are in Vietnamese: the user is a clerk.

$ErrorActionPreference = "Stop"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

$Repository = Split-Path -Parent $PSScriptRoot          # the unzipped repository (pyproject.toml is there)
$Home_ = Join-Path $env:LOCALAPPDATA "vanban-kit"
$Venv = Join-Path $Home_ "venv"
$Launcher = Join-Path $Home_ "chay-vanban-kit.bat"

function Say($text) { Write-Host $text }
function Fail($text) {
    Write-Host ""
    Write-Host "Lỗi: $text" -ForegroundColor Red
    exit 1
}

if (-not (Test-Path (Join-Path $Repository "pyproject.toml"))) {
    Fail "không thấy pyproject.toml ở $Repository — giải nén cả tệp .zip của vanban-kit rồi chạy lại cai-dat.bat trong thư mục windows"
}

# 1. Python 3.10 or later.
$Python = $null
foreach ($candidate in @(@("py", "-3"), @("python"))) {
    $exe = $candidate[0]
    if (Get-Command $exe -ErrorAction SilentlyContinue) {
        $args_ = @($candidate | Select-Object -Skip 1) + @("-c", "import sys; print(sys.version_info >= (3, 10))")
        $ok = & $exe @args_ 2>$null
        if ($ok -eq "True") { $Python = $candidate; break }
    }
}
if ($null -eq $Python) {
    Say "Máy này chưa có Python 3.10 trở lên."
    Say "1. Tải Python tại https://www.python.org/downloads/windows/ (Windows installer 64-bit)."
    Say "2. Khi cài, đánh dấu ô ""Add python.exe to PATH"", rồi bấm Install Now."
    Say "3. Chạy lại cai-dat.bat."
    Start-Process "https://www.python.org/downloads/windows/"
    exit 1
}
$PythonExe = $Python[0]
$PythonArgs = @($Python | Select-Object -Skip 1)
Say "Dùng Python: $(& $PythonExe @PythonArgs --version)"

# 2. The environment.
if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
    Say "Đang tạo môi trường tại $Venv ..."
    New-Item -ItemType Directory -Force -Path $Home_ | Out-Null
    & $PythonExe @PythonArgs -m venv $Venv
    if ($LASTEXITCODE -ne 0) { Fail "không tạo được môi trường Python tại $Venv" }
}
$VenvPython = Join-Path $Venv "Scripts\python.exe"

# 3. The kit with its web extra, from this folder.
Say "Đang cài vanban-kit (vài phút ở lần đầu) ..."
& $VenvPython -m pip install --disable-pip-version-check --quiet --upgrade pip
& $VenvPython -m pip install --disable-pip-version-check "$Repository[web]"
if ($LASTEXITCODE -ne 0) { Fail "pip không cài được vanban-kit (máy cần có mạng để tải các thư viện ở lần đầu)" }
& $VenvPython -m kit --version
if ($LASTEXITCODE -ne 0) { Fail "vanban-kit đã cài nhưng không chạy được" }

# 4. The launcher and the desktop shortcut.
$KitExe = Join-Path $Venv "Scripts\kit.exe"
$Lines = @(
    "@echo off",
    "chcp 65001 >nul",
    "title vanban-kit",
    "echo vanban-kit đang chạy; trình duyệt sẽ mở trang web. Đóng cửa sổ này (hoặc nhấn Ctrl+C) để dừng.",
    """$KitExe"" serve",
    "pause"
)
# UTF-8 without a byte-order mark: cmd.exe would read a mark as part of the first command.
[System.IO.File]::WriteAllText($Launcher, ($Lines -join "`r`n") + "`r`n", (New-Object System.Text.UTF8Encoding $false))

$Desktop = [Environment]::GetFolderPath("Desktop")
$Shortcut = (New-Object -ComObject WScript.Shell).CreateShortcut((Join-Path $Desktop "vanban-kit.lnk"))
$Shortcut.TargetPath = $Launcher
$Shortcut.WorkingDirectory = [Environment]::GetFolderPath("MyDocuments")
$Shortcut.Description = "vanban-kit: lập và kiểm tra văn bản hành chính"
$Shortcut.Save()

Say ""
Say "Đã cài xong. Trên màn hình nền có biểu tượng vanban-kit: nhấp đúp để mở trang web."
Say "Để có PDF, cài thêm LibreOffice (https://www.libreoffice.org) vào thư mục mặc định."
