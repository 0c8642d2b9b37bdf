@echo off
rem vanban-kit: cài đặt trên Windows bằng một cú nhấp đúp.
rem Chạy cai-dat.ps1 ở cùng thư mục (PowerShell có sẵn trên Windows 10 và 11), không đổi chính sách
rem của máy: -ExecutionPolicy Bypass chỉ áp dụng cho lần chạy này.
chcp 65001 >nul
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0cai-dat.ps1"
echo.
pause
