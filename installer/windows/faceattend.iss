; Inno Setup 6 script for FaceAttend on Windows (x64).
;
; Build on a Windows machine (see installer/README.md, "Windows"):
;   py -3.11 -m venv .venv && .venv\Scripts\pip install --only-binary sqlcipher3 -e ".[installer]"
;   .venv\Scripts\python installer\build.py              -> dist\FaceAttend\ (one-folder bundle) + .zip
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\faceattend.iss
;                                                        -> dist\FaceAttend-0.1.0-windows-x86_64-setup.exe
; Sign faceattend.exe before running ISCC and the setup .exe afterwards (signtool sign /fd SHA256 /tr <TSA> ...),
; or configure SignTool= below.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "FaceAttend"
#define AppExe "faceattend.exe"
#define BundleDir "..\..\dist\FaceAttend"

[Setup]
AppId={{6C1B2D4E-7F3A-4E59-9A57-FACEA77E0D01}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=FaceAttend
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; per-machine install; user data (encrypted database, settings, imported models) stays in %LOCALAPPDATA%
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x86_64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
; LicenseFile=..\..\LICENSE   (add once the repository has a LICENSE file; pyproject says Apache-2.0)
; SignTool=signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 $f

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "kioskicon"; Description: "Start menu entry for the attendance kiosk"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole one-folder bundle: faceattend.exe + _internal\ (runtime, Qt, models\, resources\)
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} kiosk"; Filename: "{app}\{#AppExe}"; Parameters: "kiosk"; Tasks: kioskicon
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; check the shipped models (sha256 against models\manifest.json) before the first start
Filename: "{app}\{#AppExe}"; Parameters: "models list"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the face models..."
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
; the user's data dir (%LOCALAPPDATA%\FaceAttend) is NOT removed: it holds the attendance records.
