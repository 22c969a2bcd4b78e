; Témoin's installer for Windows (NSIS 3). tools/windows.sh builds it with
;   makensis -DVERSION=1.2.0 -DVERSION_NUM=1.2.0.0 -DEXE=…\temoin.exe
;            -DICON=…\temoin.ico -DSIDEBAR=…\sidebar.bmp -DOUTFILE=…\temoin-setup-windows-amd64.exe
;
; - For the person's own account only, without administrator rights: into
;   %LOCALAPPDATA%\Programs\Temoin, a shortcut in the Start menu, an entry
;   in "Add or remove programs".
; - The uninstaller removes the program and leaves the journal
;   (%LOCALAPPDATA%\Temoin) in place, unless the person answers "Yes" to
;   the question, or runs it with /DELETEJOURNAL. Silent: /S.
; - In French on a French Windows, in English elsewhere.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!include MUI2.nsh
!include FileFunc.nsh

!define APP "Témoin"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\fr.temoin.app"
!define JOURNAL "$LOCALAPPDATA\Temoin"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Temoin"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION_NUM}"
VIFileVersion "${VERSION_NUM}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "FileDescription" "Installation de ${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "EUPL-1.2"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\temoin.exe"
!define MUI_FINISHPAGE_NOREBOOTSUPPORT

!define MUI_WELCOMEFINISHPAGE_BITMAP "${SIDEBAR}"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "${SIDEBAR}"
!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString WelcomeText ${LANG_FRENCH} "Témoin s’installe pour votre compte seulement, sans droits d’administrateur.$\r$\n$\r$\nVotre journal n’est pas dans le programme : il reste chiffré dans votre dossier personnel, et une mise à jour ou une désinstallation ne l’efface pas.$\r$\n$\r$\nCliquez sur Installer pour continuer."
LangString WelcomeText ${LANG_ENGLISH} "Témoin is installed for your account only, without administrator rights.$\r$\n$\r$\nYour journal is not part of the program: it stays encrypted in your own folder, and updating or uninstalling does not erase it.$\r$\n$\r$\nClick Install to continue."
LangString AskJournal ${LANG_FRENCH} "Témoin a été désinstallé. Votre journal chiffré est resté sur cet ordinateur, dans :$\r$\n${JOURNAL}$\r$\n$\r$\nVoulez-vous l’effacer aussi ? C’est définitif : sans une sauvegarde, les faits et les preuves qu’il contient seront perdus.$\r$\n$\r$\nRépondez Non pour le garder (conseillé)."
LangString AskJournal ${LANG_ENGLISH} "Témoin was uninstalled. Your encrypted journal is still on this computer, in:$\r$\n${JOURNAL}$\r$\n$\r$\nDo you want to erase it too? This cannot be undone: without a backup, the facts and evidence it holds will be lost.$\r$\n$\r$\nAnswer No to keep it (recommended)."
LangString Running ${LANG_FRENCH} "Témoin est ouvert. Fermez-le, puis cliquez sur Réessayer."
LangString Running ${LANG_ENGLISH} "Témoin is open. Close it, then click Retry."

Section "Témoin"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  SetOverwrite try ; a running temoin.exe cannot be replaced: say so, offer to retry
retry:
  ClearErrors
  File "/oname=temoin.exe" "${EXE}"
  IfErrors 0 +3
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(Running)" /SD IDCANCEL IDRETRY retry
    Abort
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\Témoin.lnk" "$INSTDIR\temoin.exe" "" "$INSTDIR\temoin.exe" 0 \
    SW_SHOWNORMAL "" "Journal confidentiel des atteintes subies au travail"

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\temoin.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Témoin"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\Témoin.lnk"
  Delete "$INSTDIR\temoin.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"

  ; The journal stays unless the person asks, or /DELETEJOURNAL was given.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEJOURNAL" $1
  IfErrors 0 erase
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$(AskJournal)" /SD IDNO IDYES erase
  Goto done
erase:
  RMDir /r "${JOURNAL}"
  RMDir /r "$APPDATA\fyne\fr.temoin.app" ; the preferences (language, theme)
done:
SectionEnd
