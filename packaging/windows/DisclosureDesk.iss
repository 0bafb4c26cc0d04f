; Inno Setup 6 script: per-user installer for 依申请公开办理系统 (no administrator rights needed).
;   ISCC /DAppVersion=0.1.0 /DSourceDir=..\..\dist\DisclosureDesk DisclosureDesk.iss   (build.ps1 does this)
; Silent install for IT departments:   DisclosureDesk-Setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   (add /DIR="D:\Apps\DisclosureDesk" to choose the folder, /LOG="setup.log" for a log)
; Silent uninstall:  "%LOCALAPPDATA%\Programs\DisclosureDesk\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES
; The data folder (%LOCALAPPDATA%\DisclosureDesk: the database, its backups) is never touched: it is not
; part of the installation, so uninstalling or upgrading keeps every record.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\DisclosureDesk"
#endif

[Setup]
AppId={{8C1F2A4E-5B7D-4E0A-9C3B-DD0151C13001}
AppName=依申请公开办理系统
AppVersion={#AppVersion}
AppPublisher=Disclosure Desk
DefaultDirName={localappdata}\Programs\DisclosureDesk
DefaultGroupName=依申请公开办理系统
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=DisclosureDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\DisclosureDesk.exe
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"; \
  Check: FileExists(ExpandConstant('{compiler}\Languages\ChineseSimplified.isl'))
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "附加快捷方式："; Flags: unchecked

[Files]
; the whole one-folder bundle; replaced on upgrade (old files of the previous version removed first)
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\依申请公开办理系统\依申请公开办理系统"; Filename: "{app}\DisclosureDesk.exe"
Name: "{userprograms}\依申请公开办理系统\自检（检查本机能否正常出具文书和报告）"; Filename: "{cmd}"; \
  Parameters: "/k ""{app}\DisclosureDeskCLI.exe"" selftest"
Name: "{userprograms}\依申请公开办理系统\卸载依申请公开办理系统"; Filename: "{uninstallexe}"
Name: "{userdesktop}\依申请公开办理系统"; Filename: "{app}\DisclosureDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\DisclosureDesk.exe"; Description: "启动依申请公开办理系统"; \
  Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself created inside {app}; the data folder is elsewhere and stays
Type: filesandordirs; Name: "{app}\_internal"
