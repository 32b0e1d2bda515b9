; 政务公开年报助手 — Windows installer: per user, no administrator rights, Simplified Chinese.
;
; Built by installer/build-windows.sh (Linux, makensis 3.08) and .github/workflows/windows.yml:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DAPP_NAME=… -DAPP_ID=…
;            -DEXE_NAME=… -DPUBLISHER=… -DDIST=<PyInstaller one-folder> -DROOT=<checkout>
;            -DOUTFILE=<Setup.exe> installer/govreport.nsi
; Every value comes from govreport_desktop/__init__.py through installer/appinfo.py.
;
; Silent use (office IT):  Setup.exe /S [/NODESKTOP] [/D=C:\path\to\folder]   (/D= last)
;                          "%LOCALAPPDATA%\Programs\govreport-desktop\uninstall.exe" /S

!ifndef VERSION | DIST | OUTFILE | ROOT
  !error "Build with installer/build-windows.sh: VERSION, DIST, OUTFILE and ROOT must be defined"
!endif

Unicode true
; 64-bit stub: the app is x64 anyway, and Debian's default x86 stub does not run on wine64
; (it exits 0 without installing anything).
Target amd64-unicode
RequestExecutionLevel user      ; never a UAC prompt: everything goes under the user's profile
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 32

!define EXE "${EXE_NAME}.exe"
!define APP_KEY "Software\${APP_ID}"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define PROGID "${APP_ID}.xlsx"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${EXE_NAME}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include Sections.nsh

!define MUI_ICON "${ROOT}/resources/icon.ico"
!define MUI_UNICON "${ROOT}/resources/icon.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!define MUI_WELCOMEPAGE_TEXT "本向导将在这台电脑上安装 ${APP_NAME} ${VERSION}。$\r$\n$\r$\n只为当前用户安装，不需要管理员权限，也不需要联网。$\r$\n$\r$\n如已安装旧版本，请先关闭正在运行的${APP_NAME}；旧版本会被直接替换，报告文件不受影响。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在运行 ${APP_NAME}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; The program file cannot be replaced or removed while the program runs: ask to close it.
!macro RemoveProgramExe un
Function ${un}RemoveProgramExe
  retry:
  Delete "$INSTDIR\${EXE}"
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME}正在运行。$\r$\n请先关闭它（保存好报告），然后点击“重试”。" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Abort "${APP_NAME}正在运行，已取消。"
  ${EndIf}
FunctionEnd
!macroend
!insertmacro RemoveProgramExe ""
!insertmacro RemoveProgramExe "un."

Section "!${APP_NAME}（必需）" SecMain
  SectionIn RO
  ; Upgrade: remove the older version's files first so no stale DLL or module lingers next to
  ; the new ones. Only our own names: the folder may have been chosen by the user.
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    Call RemoveProgramExe
    DetailPrint "删除旧版本的文件"
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\uninstall.exe"
    Delete "$SMPROGRAMS\${APP_NAME}.lnk"
    Delete "$DESKTOP\${APP_NAME}.lnk"
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${DIST}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu: one shortcut at the top level, as Windows 10/11 recommend.
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APP_KEY}" "Version" "${VERSION}"

  ; Programs and Features (设置 → 应用) for this user.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  ; "Open with" for .xlsx: a ProgID listed under OpenWithProgids, plus the Applications entry.
  ; The default value of .xlsx (Excel, or the user's choice) is never written.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Excel 工作簿"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "FriendlyTypeName" "Excel 工作簿"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\.xlsx\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\SupportedTypes" ".xlsx" ""
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

Section "桌面快捷方式" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

Function .onInit
  ; Qt 6.10+ loads Windows' own ICU (icuuc.dll), present since Windows 10 1703; Qt itself needs
  ; Windows 10 1809 or later. Say so plainly instead of failing at the first start.
  ${IfNot} ${FileExists} "$SYSDIR\icuuc.dll"
    MessageBox MB_ICONSTOP "${APP_NAME}需要 Windows 10（1809 或更高版本）或 Windows 11。$\r$\n这台电脑的 Windows 版本过旧，无法安装。" /SD IDOK
    SetErrorLevel 3
    Abort
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Call un.RemoveProgramExe
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"      ; only if empty: files the user put there are never deleted
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\${EXE}"
  DeleteRegValue HKCU "Software\Classes\.xlsx\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty /ifnovalues HKCU "Software\Classes\.xlsx\OpenWithProgids"
  DeleteRegKey /ifempty /ifnovalues HKCU "Software\Classes\.xlsx"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; The user's reports, settings and logs (%APPDATA%\${APP_ID}) are kept on purpose.
SectionEnd
