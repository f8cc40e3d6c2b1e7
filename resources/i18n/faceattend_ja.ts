<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="86"/>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="87"/>
        <source>The new user signs in with this name and PIN. The role decides what they can see and do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="94"/>
        <source>e.g. bob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="97"/>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="101"/>
        <source>the same again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="102"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="103"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="104"/>
        <source>PIN or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="105"/>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="114"/>
        <source>Enter a name for the new user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="120"/>
        <source>User {name} ({role}) added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="43"/>
        <source>FaceAttend — {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="62"/>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminDialogs</name>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="21"/>
        <source>Admin — everything, including users and the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="24"/>
        <source>Enroller — enrol and edit people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="25"/>
        <source>HR — people, reports, corrections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="26"/>
        <source>Kiosk — runs the check-in screen only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../app/ui/app.py" line="71"/>
        <location filename="../../app/ui/app.py" line="79"/>
        <source>FaceAttend — database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="80"/>
        <source>The database could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../app/ui/audit_view.py" line="65"/>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="66"/>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="67"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="68"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../app/ui/audit_view.py" line="180"/>
        <source>Search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="181"/>
        <source>Text in the actor, the action or the details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="187"/>
        <location filename="../../app/ui/audit_view.py" line="310"/>
        <source>All actors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="190"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="192"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="200"/>
        <source>Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="203"/>
        <source>Check the hash chain, its head and the keyring seal of the whole log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="207"/>
        <source>The log is append-only and hash-chained; “Verify chain” finds any entry edited or removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="326"/>
        <source> — scroll for older entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="328"/>
        <source>{shown} entries shown, newest first{more}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="339"/>
        <source>Verifying the whole audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="363"/>
        <source>Verification failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="370"/>
        <source>Audit log OK: {checked} entries, chain and head intact (keyring seal: {seal}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="379"/>
        <source>entry #{bad}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="382"/>
        <source>first bad entry #{bad} (highlighted below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="384"/>
        <source>the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_view.py" line="389"/>
        <source>Audit log TAMPERED — {first}: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <location filename="../../app/ui/core_texts.py" line="22"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="23"/>
        <source>Employee ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="24"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="25"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="26"/>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="27"/>
        <source>First in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="28"/>
        <source>Last out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="29"/>
        <source>Hours worked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="30"/>
        <source>Pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="31"/>
        <source>Late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="32"/>
        <source>Late (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="33"/>
        <source>Absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="34"/>
        <source>Missing check-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="35"/>
        <source>Missing check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="36"/>
        <source>Corrected events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="37"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="38"/>
        <source>Working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="39"/>
        <source>Days present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="40"/>
        <source>Absences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="41"/>
        <source>Late days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="42"/>
        <source>Missing check-outs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="43"/>
        <source>Missing check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="44"/>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="45"/>
        <source>Present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="46"/>
        <source>Presence rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="47"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="48"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="50"/>
        <source>Timesheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="51"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="52"/>
        <source>Daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="53"/>
        <source>Summary per person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="54"/>
        <source>Daily presence and lateness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="55"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="57"/>
        <source>Good morning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="58"/>
        <source>Good afternoon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="59"/>
        <source>Good evening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="61"/>
        <source>end before start = night shift, counted on the day it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="62"/>
        <source>mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="63"/>
        <source>tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="64"/>
        <source>wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="65"/>
        <source>thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="66"/>
        <source>fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="67"/>
        <source>sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="68"/>
        <source>sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="70"/>
        <source>passive model installed + active challenge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/core_texts.py" line="71"/>
        <source>active challenge only (no passive anti-spoof model installed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionsDialog</name>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="47"/>
        <location filename="../../app/ui/corrections_dialog.py" line="172"/>
        <source>Local time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="48"/>
        <source>Working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="49"/>
        <location filename="../../app/ui/corrections_dialog.py" line="173"/>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="50"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="51"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="52"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="53"/>
        <source>Last correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="56"/>
        <source>A reason is required: say why the attendance log is corrected (e.g. “forgot to check out, confirmed by the team lead”). It is kept with the correction and in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="75"/>
        <source>/etc/localtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="96"/>
        <source>FaceAttend — Attendance corrections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="102"/>
        <source>Attendance corrections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="106"/>
        <source>Corrections never overwrite the log: an edited or voided event is kept (marked void) next to its manual replacement, and every correction is recorded with its reason in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="130"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="131"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="132"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="158"/>
        <source>Correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="164"/>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="165"/>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="168"/>
        <source>Required: why is the log corrected?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="174"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="177"/>
        <source>Add event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="178"/>
        <source>Apply edit to selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="179"/>
        <source>Void selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="184"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="294"/>
        <source>{name} shift {start:%H:%M}–{end:%H:%M}: events are listed by working day, so a check-out after midnight is shown with the day the shift started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="333"/>
        <source>Times are local to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="367"/>
        <source>Select the event to edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="374"/>
        <source>Change the time or the direction first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="386"/>
        <source>Select the event to void.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="418"/>
        <source>Not corrected: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="430"/>
        <source> (the original is kept, marked void)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/corrections_dialog.py" line="434"/>
        <source>Event {0}{kept}. Reason recorded: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditPersonDialog</name>
    <message>
        <location filename="../../app/ui/people_view.py" line="79"/>
        <source>Edit {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="86"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="87"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="88"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="89"/>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="79"/>
        <source>FaceAttend — Create the administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="80"/>
        <source>This is the first start. Create the administrator account: it can enrol, erase people, run reports, change settings and add the other users (enroller, HR, kiosk).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="89"/>
        <source>e.g. alice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="91"/>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="95"/>
        <source>the same again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="96"/>
        <source>Admin name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="97"/>
        <source>PIN or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="98"/>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="99"/>
        <source>Create administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="109"/>
        <source>Enter a name for the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="112"/>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="85"/>
        <source>Time: {seconds:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="89"/>
        <source>Report file: {report_path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="93"/>
        <source>Input problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="96"/>
        <source>People not imported:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="99"/>
        <source>Photos rejected:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="104"/>
        <source>Imported, but check:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="118"/>
        <source>Import people from photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="124"/>
        <source>A folder with one sub-folder per person (ID_Name), photos named ID_Name.jpg, or a CSV with the columns id, name, department, photo and consent (yes / no).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="135"/>
        <source>Folder or CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="136"/>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="137"/>
        <source>CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="145"/>
        <source>Everyone in this import consented to storing their face template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="148"/>
        <source>Tick only when you collected everyone&apos;s consent: it is recorded as your declaration (audited). Unticked, only CSV rows whose consent column says yes are imported; a &apos;no&apos; is never imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="170"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="172"/>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="174"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="183"/>
        <source>Folder of photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="190"/>
        <source>CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="192"/>
        <source>CSV (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="201"/>
        <source>Choose an existing folder or CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="220"/>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="227"/>
        <source>Cancelling after the current person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/import_dialog.py" line="233"/>
        <source>{done} / {total} photos — {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../app/ui/kiosk_layout.py" line="321"/>
        <location filename="../../app/ui/kiosk_layout.py" line="329"/>
        <source>Not you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_layout.py" line="343"/>
        <location filename="../../app/ui/kiosk_layout.py" line="348"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="50"/>
        <source>Esc: admin exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="68"/>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="73"/>
        <source>Sorry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="74"/>
        <location filename="../../app/ui/kiosk_texts.py" line="136"/>
        <source>Not recognised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="75"/>
        <location filename="../../app/ui/kiosk_texts.py" line="137"/>
        <source>Please try again, or see the front desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="81"/>
        <source>Already registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="85"/>
        <source>Already checked in at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="87"/>
        <source>Already checked out at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="88"/>
        <source>Hello again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="91"/>
        <source>Goodbye</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="93"/>
        <source>Checked out at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="99"/>
        <source>Checked in at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="109"/>
        <source>Not recognised. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="111"/>
        <source>Goodbye, {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="113"/>
        <source>Hello again, {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="114"/>
        <source>{greeting}, {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="121"/>
        <source>Look at the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="122"/>
        <source>Stand in front of the screen, face inside the oval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="124"/>
        <source>Hold still…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="124"/>
        <source>Checking who you are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="126"/>
        <source>Please blink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="127"/>
        <source>Blink once, so the camera knows you are really here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="131"/>
        <source>Please look at the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="132"/>
        <source>Face the screen directly, one person at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="141"/>
        <source>Not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="142"/>
        <source>Please see the front desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="146"/>
        <source>Thank you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_texts.py" line="147"/>
        <source>Have a good day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="90"/>
        <source>Connecting to the camera…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="103"/>
        <source>FaceAttend kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="159"/>
        <source>Cannot check the PIN: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="171"/>
        <source>Leave kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="172"/>
        <source>Administrator PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="282"/>
        <source>Camera: {state}   ·   Database: {database}   ·   Sync: {sync}   ·   Liveness: {liveness} ({model})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="345"/>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="347"/>
        <source>Camera: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="351"/>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="353"/>
        <source>Database: error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="357"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="359"/>
        <source>Sync: {sync}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="362"/>
        <source>Liveness: {mode}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="369"/>
        <source>Camera lost — reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/kiosk_view.py" line="370"/>
        <source>Starting the camera…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../../app/ui/people_view.py" line="37"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="38"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="39"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="40"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="41"/>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="42"/>
        <source>Frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="43"/>
        <source>Enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="47"/>
        <source>Erase {name} (ID {ident})?

Deleted now, here and (through sync) on the cloud and every kiosk: the face template{s}, any face image, the name, employee ID, department, groups and consent.

{kept}

The audit log keeps the fact that an erasure happened (by uuid, without the name). This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="56"/>
        <source>Kept: their attendance records, under an anonymous “[erased]” entry, because working-time records must be kept for the legal period (GDPR art. 17(3)(b)); they are removed with the normal attendance retention. Export the report for the current pay period first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="62"/>
        <source>Their attendance records are deleted too (the erasure setting is “delete”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="119"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="130"/>
        <source>Search name, ID or department…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="133"/>
        <source>Import photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="157"/>
        <source>Template quality: mean quality of the frames averaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="164"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="165"/>
        <source>Re-enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="166"/>
        <location filename="../../app/ui/people_view.py" line="289"/>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="167"/>
        <source>Export data (GDPR)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="169"/>
        <source>Everything held about this person, as a JSON file (GDPR art. 15)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="171"/>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="210"/>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="236"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="236"/>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="237"/>
        <source>no template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="248"/>
        <source>{shown} {noun}, {active} active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="252"/>
        <source> · {n_erased} erased (anonymous attendance records kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="287"/>
        <source>Activate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="316"/>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="336"/>
        <source>{name} is now inactive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="338"/>
        <source>{name} is now active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="352"/>
        <source>Erase person (GDPR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="358"/>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="378"/>
        <source>, {events} attendance records kept anonymously</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="385"/>
        <source>{name} was erased ({templates} template(s) deleted{kept}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="397"/>
        <source>Export personal data (GDPR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="399"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="415"/>
        <source>Export failed: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/people_view.py" line="418"/>
        <source>Saved {name}: {0} events, {1} template fingerprint(s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../app/ui/reports_view.py" line="50"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="59"/>
        <source>Run report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="60"/>
        <source>Choose a period and run the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="64"/>
        <source>Export {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="70"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="71"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="72"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="73"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="85"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="86"/>
        <source>Timesheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="114"/>
        <source>Corrections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="116"/>
        <source>Add, edit or void attendance events (HR), with a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="137"/>
        <source>Error: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="141"/>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="165"/>
        <source>All groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="169"/>
        <source>All people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="191"/>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="205"/>
        <source>{organisation}, {period_label} ({timezone}): {persons} people, {worked_hours:,.1f} h worked, {late_days} late arrivals, {absences} absences, {missing_checkouts} missing check-outs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="227"/>
        <source>Daily presence (% of expected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="232"/>
        <source>Late arrivals per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="241"/>
        <source>Export {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/reports_view.py" line="251"/>
        <source>Writing {path}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="129"/>
        <source>Reset PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="130"/>
        <source>Set a new PIN for {name}. It also clears a lockout after wrong PINs. Tell them the new PIN in person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="139"/>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="143"/>
        <source>the same again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="144"/>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="145"/>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="153"/>
        <source>PIN of {name} changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="164"/>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="165"/>
        <source>{name} is {role} now. Choose the new role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="172"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/admin_dialogs.py" line="185"/>
        <source>{name} is now {role}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduleView</name>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="60"/>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="61"/>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="62"/>
        <source>Grace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="63"/>
        <source>Weekdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="64"/>
        <source>Departments / groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="66"/>
        <source>(the zone the devices report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="67"/>
        <source>Reports use a saved schedule at once; a kiosk that is already running uses it from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="237"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="252"/>
        <source>Shifts decide who is late and who is absent, in the reports and at the kiosk. People work the shift of their department (or else of their first group that has one), otherwise the default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="264"/>
        <source>Default shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="269"/>
        <source>Shifts by department or group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="283"/>
        <source>Add shift…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="284"/>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="285"/>
        <location filename="../../app/ui/schedule_view.py" line="308"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="295"/>
        <source>Holidays (no absences are counted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="307"/>
        <source>Add date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="317"/>
        <source>Time zone of the shifts and reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="345"/>
        <source>Save schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="347"/>
        <source>Cancel changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="417"/>
        <source> (night)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="421"/>
        <source>{grace_minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="451"/>
        <source>Select the shift to edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="466"/>
        <location filename="../../app/ui/schedule_view.py" line="474"/>
        <location filename="../../app/ui/schedule_view.py" line="498"/>
        <source>Not saved yet: press “Save schedule”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="491"/>
        <source>{0} is already a holiday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="531"/>
        <source>Only HR and administrators can change the work schedule. {RESTART_NOTE}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="542"/>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="548"/>
        <source>Saved ({0} changed; recorded in the audit log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="555"/>
        <source>Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="158"/>
        <source>Edit shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="158"/>
        <source>Add shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="168"/>
        <source>e.g. Night</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="169"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="172"/>
        <source>departments or groups, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="178"/>
        <source>Worked by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="180"/>
        <source>Known: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="182"/>
        <source>No departments or groups yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="194"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="196"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="216"/>
        <source>Say which departments or groups work “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftEditor</name>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="86"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="105"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="108"/>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="110"/>
        <source>Grace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="111"/>
        <source>Weekdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="142"/>
        <source>Night shift: ends the next day, counted on the day it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/schedule_view.py" line="146"/>
        <source>Day shift ({NIGHT_HINT}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="134"/>
        <source>FaceAttend — Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="136"/>
        <source>FaceAttend — Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="137"/>
        <source>The screen of {locked_user} is locked (after 15 minutes without activity, or by “Lock”). Enter the PIN to continue, or sign in as another user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="143"/>
        <source>Sign in with your name and PIN. What you can see and do depends on your role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="151"/>
        <source>user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="152"/>
        <source>PIN or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="153"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="154"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="156"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="156"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="170"/>
        <source>Enter your name and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/access_dialogs.py" line="180"/>
        <source>{exc} Several wrong PINs lock the account for a while.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="107"/>
        <location filename="../../app/ui/sync_panel.py" line="114"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="110"/>
        <source>Push queued changes and pull the other sites&apos; changes now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="136"/>
        <source>Last error: {last_error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="138"/>
        <source>Cloud sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="141"/>
        <source>
{0} item(s) refused by the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="150"/>
        <source> · syncing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="38"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="39"/>
        <source>up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="40"/>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="41"/>
        <source>key refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="42"/>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="49"/>
        <source>Sync: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="51"/>
        <source>Sync: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="54"/>
        <source>{queue_length} queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="60"/>
        <source>last {last:%H:%M}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="62"/>
        <source>last {day} {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="67"/>
        <source>never synced</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncSettingsGroup</name>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="163"/>
        <source>Cloud sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="169"/>
        <source>https://sync.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="171"/>
        <source>Service URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="175"/>
        <source>device API key (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="178"/>
        <source>Device API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="180"/>
        <source>End-to-end: templates encrypted on this device (no server-side search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="186"/>
        <source>Save and connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="189"/>
        <source>Disable sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="217"/>
        <source>Enter the service URL and the device API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="229"/>
        <source>Sync on; {queued} existing record(s) queued. Recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_panel.py" line="248"/>
        <source>Sync off; the API key was removed from the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../app/ui/today_view.py" line="42"/>
        <source>All groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="162"/>
        <location filename="../../app/ui/today_view.py" line="190"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="169"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="176"/>
        <location filename="../../app/ui/today_view.py" line="187"/>
        <source>Present now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="177"/>
        <location filename="../../app/ui/today_view.py" line="195"/>
        <source>Late today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="178"/>
        <location filename="../../app/ui/today_view.py" line="203"/>
        <source>Not yet arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="179"/>
        <location filename="../../app/ui/today_view.py" line="211"/>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="180"/>
        <location filename="../../app/ui/today_view.py" line="359"/>
        <source>Unknown faces today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="189"/>
        <location filename="../../app/ui/today_view.py" line="197"/>
        <location filename="../../app/ui/today_view.py" line="205"/>
        <location filename="../../app/ui/today_view.py" line="212"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="191"/>
        <source>In since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="198"/>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="199"/>
        <source>Late by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="206"/>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="207"/>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="212"/>
        <source>In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="212"/>
        <source>Left at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="278"/>
        <source>Cannot read today&apos;s attendance: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="311"/>
        <source> (late)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="321"/>
        <source>{late_minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/today_view.py" line="330"/>
        <source>{day} · updated {at}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <location filename="../../app/ui/users_view.py" line="34"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="35"/>
        <source>Locked (wrong PINs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="36"/>
        <source>Deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="47"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="48"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="49"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="50"/>
        <source>Last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="64"/>
        <source>Who may sign in on this workstation, and with which role. A deactivated account cannot sign in until it is reactivated. Every change is written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="74"/>
        <source>Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="76"/>
        <source>Change role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="77"/>
        <source>Reset PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="78"/>
        <location filename="../../app/ui/users_view.py" line="169"/>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="127"/>
        <source> (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="130"/>
        <source>Locked until {0:%H:%M}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="138"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="169"/>
        <source>Reactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="216"/>
        <source>FaceAttend — Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/users_view.py" line="227"/>
        <source>Deactivate {name}? They cannot sign in until an admin reactivates the account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
