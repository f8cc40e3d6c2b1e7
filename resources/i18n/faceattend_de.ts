<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>The new user signs in with this name and PIN. The role decides what they can see and do.</source>
        <translation>Der neue Benutzer meldet sich mit diesem Namen und dieser PIN an. Die Rolle bestimmt, was er sehen und tun darf.</translation>
    </message>
    <message>
        <source>e.g. bob</source>
        <translation>z. B. bob</translation>
    </message>
    <message>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation>{MIN_PIN_DIGITS}+ Ziffern oder {MIN_PASSWORD_CHARS}+ Zeichen</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>noch einmal dasselbe</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>PIN or password</source>
        <translation>PIN oder Passwort</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Enter a name for the new user.</source>
        <translation>Geben Sie einen Namen für den neuen Benutzer ein.</translation>
    </message>
    <message>
        <source>User {name} ({role}) added.</source>
        <translation>Benutzer {name} ({role}) hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <source>FaceAttend — {title}</source>
        <translation>FaceAttend — {title}</translation>
    </message>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>Die beiden PINs unterscheiden sich; geben Sie zweimal dieselbe PIN ein.</translation>
    </message>
</context>
<context>
    <name>AdminDialogs</name>
    <message>
        <source>Admin — everything, including users and the audit log</source>
        <translation>Admin — alles, einschließlich Benutzer und Prüfprotokoll</translation>
    </message>
    <message>
        <source>Enroller — enrol and edit people</source>
        <translation>Erfasser — Personen erfassen und bearbeiten</translation>
    </message>
    <message>
        <source>HR — people, reports, corrections</source>
        <translation>Personal — Personen, Berichte, Korrekturen</translation>
    </message>
    <message>
        <source>Kiosk — runs the check-in screen only</source>
        <translation>Kiosk — nur der Anmeldebildschirm</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>enroller</source>
        <translation>Erfasser</translation>
    </message>
    <message>
        <source>hr</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>Kiosk</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>FaceAttend — database</source>
        <translation>FaceAttend — Datenbank</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>Die Datenbank konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Search…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Text in the actor, the action or the details</source>
        <translation>Text im Akteur, in der Aktion oder in den Details</translation>
    </message>
    <message>
        <source>All actors</source>
        <translation>Alle Akteure</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>Kette prüfen</translation>
    </message>
    <message>
        <source>Check the hash chain, its head and the keyring seal of the whole log</source>
        <translation>Hash-Kette, Kopf und Schlüsselbund-Siegel des ganzen Protokolls prüfen</translation>
    </message>
    <message>
        <source>The log is append-only and hash-chained; “Verify chain” finds any entry edited or removed.</source>
        <translation>Das Protokoll wird nur ergänzt und ist per Hash verkettet; „Kette prüfen“ findet jeden geänderten oder entfernten Eintrag.</translation>
    </message>
    <message>
        <source> — scroll for older entries</source>
        <translation> — für ältere Einträge scrollen</translation>
    </message>
    <message>
        <source>1 entry shown{more}.</source>
        <translation>1 Eintrag angezeigt{more}.</translation>
    </message>
    <message>
        <source>{shown} entries shown, newest first{more}.</source>
        <translation>{shown} Einträge angezeigt, neueste zuerst{more}.</translation>
    </message>
    <message>
        <source>Verifying the whole audit log…</source>
        <translation>Das gesamte Prüfprotokoll wird geprüft…</translation>
    </message>
    <message>
        <source>Verification failed: {0}</source>
        <translation>Prüfung fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Audit log OK: {checked} entries, chain and head intact (keyring seal: {seal}).</source>
        <translation>Prüfprotokoll in Ordnung: {checked} Einträge, Kette und Kopf intakt (Schlüsselbund-Siegel: {seal}).</translation>
    </message>
    <message>
        <source>entry #{bad}: </source>
        <translation>Eintrag #{bad}: </translation>
    </message>
    <message>
        <source>first bad entry #{bad} (highlighted below)</source>
        <translation>erster fehlerhafter Eintrag #{bad} (unten hervorgehoben)</translation>
    </message>
    <message>
        <source>the log</source>
        <translation>das Protokoll</translation>
    </message>
    <message>
        <source>Audit log TAMPERED — {first}: {problems}</source>
        <translation>Prüfprotokoll MANIPULIERT — {first}: {problems}</translation>
    </message>
</context>
<context>
    <name>CameraCalibrationGroup</name>
    <message>
        <source>learning: {sessions} of {needed} sessions</source>
        <translation>lernt: {sessions} von {needed} Sitzungen</translation>
    </message>
    <message>
        <source>calibrated: threshold {threshold} ({sessions} sessions)</source>
        <translation>kalibriert: Schwelle {threshold} ({sessions} Sitzungen)</translation>
    </message>
    <message>
        <source>Camera calibration (liveness)</source>
        <translation>Kamerakalibrierung (Lebenderkennung)</translation>
    </message>
    <message>
        <source>Each camera learns its own live-face scores from enrolments and confident check-ins; the liveness threshold then follows that camera, never below the level set on attack data.</source>
        <translation>Jede Kamera lernt ihre eigenen Werte echter Gesichter aus Registrierungen und sicheren Anmeldungen; die Schwelle der Lebenderkennung folgt dann dieser Kamera, nie unter dem an Angriffsdaten festgelegten Wert.</translation>
    </message>
    <message>
        <source>Camera calibration could not be read: {0}</source>
        <translation>Die Kamerakalibrierung konnte nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>No camera has recorded a session yet: every camera uses the shipped threshold.</source>
        <translation>Noch keine Kamera hat eine Sitzung aufgezeichnet: Jede Kamera nutzt die mitgelieferte Schwelle.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Sign in as an administrator to reset a camera.</source>
        <translation>Melden Sie sich als Administrator an, um eine Kamera zurückzusetzen.</translation>
    </message>
    <message>
        <source>{key}: calibration reset ({dropped} sessions forgotten).</source>
        <translation>{key}: Kalibrierung zurückgesetzt ({dropped} Sitzungen verworfen).</translation>
    </message>
</context>
<context>
    <name>CameraPicker</name>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Demo camera (built in)</source>
        <translation>Demokamera (eingebaut)</translation>
    </message>
    <message>
        <source>Webcam {index}</source>
        <translation>Webcam {index}</translation>
    </message>
    <message>
        <source>Network camera…</source>
        <translation>Netzwerkkamera…</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>Videodatei…</translation>
    </message>
    <message>
        <source>Choose a video</source>
        <translation>Video wählen</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.webm *.avi *.mov *.mkv);;All files (*)</source>
        <translation>Videos (*.mp4 *.webm *.avi *.mov *.mkv);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Employee ID</source>
        <translation>Pers.-Nr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>First in</source>
        <translation>Erstes Kommen</translation>
    </message>
    <message>
        <source>Last out</source>
        <translation>Letztes Gehen</translation>
    </message>
    <message>
        <source>Hours worked</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Verspätet</translation>
    </message>
    <message>
        <source>Late (min)</source>
        <translation>Verspätung (Min.)</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>Missing check-out</source>
        <translation>Fehlendes Gehen</translation>
    </message>
    <message>
        <source>Missing check-in</source>
        <translation>Fehlendes Kommen</translation>
    </message>
    <message>
        <source>Corrected events</source>
        <translation>Korrekturen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Arbeitstage</translation>
    </message>
    <message>
        <source>Days present</source>
        <translation>Tage anwesend</translation>
    </message>
    <message>
        <source>Absences</source>
        <translation>Fehltage</translation>
    </message>
    <message>
        <source>Late days</source>
        <translation>Tage verspätet</translation>
    </message>
    <message>
        <source>Missing check-outs</source>
        <translation>Fehlendes Gehen</translation>
    </message>
    <message>
        <source>Missing check-ins</source>
        <translation>Fehlendes Kommen</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Anwesend</translation>
    </message>
    <message>
        <source>Presence rate</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>Zeitnachweis</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Summary per person</source>
        <translation>Übersicht je Person</translation>
    </message>
    <message>
        <source>Daily presence and lateness</source>
        <translation>Anwesenheit und Verspätungen je Tag</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Cannot open video {name}: not a video, unsupported or corrupt.</source>
        <translation>Das Video {name} kann nicht geöffnet werden: kein Video, nicht unterstützt oder beschädigt.</translation>
    </message>
    <message>
        <source>Total ({persons} people)</source>
        <translation>Summe ({persons} Personen)</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>abwesend</translation>
    </message>
    <message>
        <source>late {minutes} min</source>
        <translation>{minutes} Min. verspätet</translation>
    </message>
    <message>
        <source>missing check-out</source>
        <translation>Gehen fehlt</translation>
    </message>
    <message>
        <source>missing check-in</source>
        <translation>Kommen fehlt</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>korrigiert</translation>
    </message>
    <message>
        <source>Video file not found: {path}</source>
        <translation>Videodatei nicht gefunden: {path}</translation>
    </message>
    <message>
        <source>Passive model: live probability {score} &lt; {threshold}.</source>
        <translation>Passives Modell: Lebendwahrscheinlichkeit {score} &lt; {threshold}.</translation>
    </message>
    <message>
        <source>Flat picture: the face moved like a plane (residual {residual} &lt;= {limit}).</source>
        <translation>Flaches Bild: Das Gesicht bewegte sich wie eine Ebene (Rest {residual} &lt;= {limit}).</translation>
    </message>
    <message>
        <source>The surroundings move with the face (ratio {ratio} &gt;= {limit}): a hand-held picture or screen, or a moving camera (the camera must be fixed).</source>
        <translation>Die Umgebung bewegt sich mit dem Gesicht (Verhältnis {ratio} &gt;= {limit}): ein in der Hand gehaltenes Bild oder Display oder eine bewegte Kamera (die Kamera muss fest stehen).</translation>
    </message>
    <message>
        <source>No blink and no facial motion for {seconds} s.</source>
        <translation>Kein Blinzeln und keine Gesichtsbewegung seit {seconds} s.</translation>
    </message>
    <message>
        <source>Timed out after {seconds} s.</source>
        <translation>Zeitüberschreitung nach {seconds} s.</translation>
    </message>
    <message>
        <source>The face left the picture.</source>
        <translation>Das Gesicht hat das Bild verlassen.</translation>
    </message>
    <message>
        <source>Another person came into the picture.</source>
        <translation>Eine weitere Person kam ins Bild.</translation>
    </message>
    <message>
        <source>A different face appeared during the check.</source>
        <translation>Während der Prüfung erschien ein anderes Gesicht.</translation>
    </message>
    <message>
        <source>Too slow: &apos;{prompt}&apos; was not done in time.</source>
        <translation>Zu langsam: „{prompt}“ wurde nicht rechtzeitig ausgeführt.</translation>
    </message>
    <message>
        <source>Turned the wrong way.</source>
        <translation>In die falsche Richtung gedreht.</translation>
    </message>
    <message>
        <source>Challenge failed: {reason}</source>
        <translation>Aufgabe nicht bestanden: {reason}</translation>
    </message>
    <message>
        <source>Camera {index} not found or busy. Check that it is plugged in and not in use.</source>
        <translation>Kamera {index} nicht gefunden oder belegt. Prüfen Sie, ob sie angeschlossen ist und nicht anderweitig verwendet wird.</translation>
    </message>
    <message>
        <source>Camera {index} stopped sending frames (unplugged?).</source>
        <translation>Kamera {index} liefert keine Bilder mehr (ausgesteckt?).</translation>
    </message>
    <message>
        <source>Network camera lost: {reason}</source>
        <translation>Netzwerkkamera verloren: {reason}</translation>
    </message>
    <message>
        <source>Connecting to {camera}…</source>
        <translation>Verbindung zu {camera} wird hergestellt…</translation>
    </message>
    <message>
        <source>Connected to {camera}.</source>
        <translation>Mit {camera} verbunden.</translation>
    </message>
    <message>
        <source>the stream from {camera} stopped; reconnecting.</source>
        <translation>Der Videostrom von {camera} ist abgebrochen; neue Verbindung wird aufgebaut.</translation>
    </message>
    <message>
        <source>no picture from {camera} for {seconds} s.</source>
        <translation>seit {seconds} s kein Bild von {camera}.</translation>
    </message>
    <message>
        <source>{camera} does not answer; next try in {seconds} s.</source>
        <translation>{camera} antwortet nicht; nächster Versuch in {seconds} s.</translation>
    </message>
    <message>
        <source>{camera} closed.</source>
        <translation>{camera} geschlossen.</translation>
    </message>
    <message>
        <source>The network camera {camera} was closed.</source>
        <translation>Die Netzwerkkamera {camera} wurde geschlossen.</translation>
    </message>
    <message>
        <source>Cannot open the network camera {camera} ({error}).</source>
        <translation>Die Netzwerkkamera {camera} lässt sich nicht öffnen ({error}).</translation>
    </message>
    <message>
        <source>Cannot connect to the network camera {camera}: it does not answer, the address is wrong or it refused the connection.</source>
        <translation>Keine Verbindung zur Netzwerkkamera {camera}: Sie antwortet nicht, die Adresse ist falsch oder sie hat die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <source>Cannot connect to the network camera {camera}: it does not answer, the address is wrong or it refused the connection (check the user name and password).</source>
        <translation>Keine Verbindung zur Netzwerkkamera {camera}: Sie antwortet nicht, die Adresse ist falsch oder sie hat die Verbindung abgelehnt (Benutzername und Passwort prüfen).</translation>
    </message>
    <message>
        <source>The network camera {camera} needs the password of {user}: enter it under Camera → Network camera… (kept in the OS keyring), or set {variable}.</source>
        <translation>Die Netzwerkkamera {camera} braucht das Passwort von {user}: Geben Sie es unter Kamera → Netzwerkkamera… ein (es wird im Schlüsselbund des Systems gespeichert) oder setzen Sie {variable}.</translation>
    </message>
    <message>
        <source>Not a network camera address: it must start with {schemes}.</source>
        <translation>Keine Netzwerkkamera-Adresse: Sie muss mit {schemes} beginnen.</translation>
    </message>
    <message>
        <source>A network camera address cannot contain spaces.</source>
        <translation>Eine Netzwerkkamera-Adresse darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The port in {address} is not a number from 1 to 65535.</source>
        <translation>Der Port in {address} ist keine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>The network camera address {address} has no host name or IP address.</source>
        <translation>Die Netzwerkkamera-Adresse {address} enthält keinen Hostnamen und keine IP-Adresse.</translation>
    </message>
    <message>
        <source>Folder not found: {folder}</source>
        <translation>Ordner nicht gefunden: {folder}</translation>
    </message>
    <message>
        <source>No images in {folder}</source>
        <translation>Keine Bilder in {folder}</translation>
    </message>
    <message>
        <source>Attendance report, {period} ({timezone})</source>
        <translation>Anwesenheitsbericht, {period} ({timezone})</translation>
    </message>
    <message>
        <source>{persons} people, {events} events: {hours} hours worked, {present} days present, {absences} absences, {late} late arrivals ({late_minutes} min), {missing} missing check-outs, {manual} corrected events.</source>
        <translation>{persons} Personen, {events} Buchungen: {hours} Arbeitsstunden, {present} Anwesenheitstage, {absences} Fehltage, {late} Verspätungen ({late_minutes} Min.), {missing} fehlende Gehen-Buchungen, {manual} korrigierte Buchungen.</translation>
    </message>
    <message>
        <source>group {group}</source>
        <translation>Gruppe {group}</translation>
    </message>
    <message>
        <source>person {person}</source>
        <translation>Person {person}</translation>
    </message>
    <message>
        <source>generated {at} UTC</source>
        <translation>erstellt {at} UTC</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Seite {page} von {pages}</translation>
    </message>
    <message>
        <source>Good morning</source>
        <translation>Guten Morgen</translation>
    </message>
    <message>
        <source>Good afternoon</source>
        <translation>Guten Tag</translation>
    </message>
    <message>
        <source>Good evening</source>
        <translation>Guten Abend</translation>
    </message>
    <message>
        <source>end before start = night shift, counted on the day it starts</source>
        <translation>Ende vor Beginn = Nachtschicht, zählt zum Tag ihres Beginns</translation>
    </message>
    <message>
        <source>mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>A PIN or password may not start or end with spaces.</source>
        <translation>Eine PIN oder ein Passwort darf nicht mit Leerzeichen beginnen oder enden.</translation>
    </message>
    <message>
        <source>A correction needs a reason.</source>
        <translation>Eine Korrektur braucht einen Grund.</translation>
    </message>
    <message>
        <source>A shift needs at least one working weekday (e.g. mon-fri).</source>
        <translation>Eine Schicht braucht mindestens einen Arbeitstag (z. B. Mo–Fr).</translation>
    </message>
    <message>
        <source>An empty passphrase cannot unlock the database.</source>
        <translation>Eine leere Passphrase kann die Datenbank nicht entsperren.</translation>
    </message>
    <message>
        <source>End-to-end sync needs the organisation key in the keyring.</source>
        <translation>Ende-zu-Ende-Sync braucht den Organisationsschlüssel im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Enter the person&apos;s ID (badge or staff number).</source>
        <translation>Geben Sie die Nummer der Person ein (Ausweis- oder Personalnummer).</translation>
    </message>
    <message>
        <source>Enter the person&apos;s name.</source>
        <translation>Geben Sie den Namen der Person ein.</translation>
    </message>
    <message>
        <source>Every shift needs a name.</source>
        <translation>Jede Schicht braucht einen Namen.</translation>
    </message>
    <message>
        <source>Face images need the OS keyring for their key; none is available.</source>
        <translation>Gesichtsbilder brauchen den Schlüsselbund des Systems für ihren Schlüssel; keiner ist verfügbar.</translation>
    </message>
    <message>
        <source>Name and ID cannot be empty.</source>
        <translation>Name und Nummer dürfen nicht leer sein.</translation>
    </message>
    <message>
        <source>No OS keyring is available to hold the database key.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar, um den Datenbankschlüssel aufzubewahren.</translation>
    </message>
    <message>
        <source>Not enough good frames were captured.</source>
        <translation>Es wurden nicht genug gute Bilder aufgenommen.</translation>
    </message>
    <message>
        <source>The API key is empty.</source>
        <translation>Der API-Schlüssel ist leer.</translation>
    </message>
    <message>
        <source>The ID must be at most 64 characters on one line.</source>
        <translation>Die Nummer darf höchstens 64 Zeichen in einer Zeile haben.</translation>
    </message>
    <message>
        <source>The OS keyring did not keep the database key.</source>
        <translation>Der Schlüsselbund des Systems hat den Datenbankschlüssel nicht behalten.</translation>
    </message>
    <message>
        <source>The audit head row is missing: the audit log was tampered with.</source>
        <translation>Der Kopfeintrag des Prüfprotokolls fehlt: Das Protokoll wurde manipuliert.</translation>
    </message>
    <message>
        <source>The cloud address must start with https://.</source>
        <translation>Die Cloud-Adresse muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The cloud address must use https (plain http only for this machine).</source>
        <translation>Die Cloud-Adresse muss https verwenden (einfaches http nur für diesen Rechner).</translation>
    </message>
    <message>
        <source>The cloud refused this device&apos;s API key (revoked or wrong).</source>
        <translation>Die Cloud hat den API-Schlüssel dieses Geräts abgelehnt (widerrufen oder falsch).</translation>
    </message>
    <message>
        <source>The database is closed.</source>
        <translation>Die Datenbank ist geschlossen.</translation>
    </message>
    <message>
        <source>The database is not open.</source>
        <translation>Die Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>The person must consent to the storage of their face template.</source>
        <translation>Die Person muss der Speicherung ihres Gesichtsmodells zustimmen.</translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing was created.</source>
        <translation>Die beiden Passphrasen unterscheiden sich; nichts wurde angelegt.</translation>
    </message>
    <message>
        <source>This PIN is too easy to guess (a repeated digit or a run); choose another.</source>
        <translation>Diese PIN ist zu leicht zu erraten (wiederholte Ziffer oder Folge); wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>This PIN is too easy to guess (a repeated pattern); choose another.</source>
        <translation>Diese PIN ist zu leicht zu erraten (wiederholtes Muster); wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>This password is too easy to guess; choose another.</source>
        <translation>Dieses Passwort ist zu leicht zu erraten; wählen Sie ein anderes.</translation>
    </message>
    <message>
        <source>This person has attendance records; deactivate them instead of deleting.</source>
        <translation>Diese Person hat Anwesenheitsdaten; deaktivieren statt löschen.</translation>
    </message>
    <message>
        <source>Target false matches per decision</source>
        <translation>Ziel: Fehltreffer pro Entscheidung</translation>
    </message>
    <message>
        <source>Threshold in use</source>
        <translation>Verwendete Schwelle</translation>
    </message>
    <message>
        <source>Expected strangers accepted per 10,000 attempts</source>
        <translation>Erwartete akzeptierte Fremde pro 10.000 Versuche</translation>
    </message>
    <message>
        <source>Margin over the second-best person</source>
        <translation>Abstand zur zweitbesten Person</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>zu kurz</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>schwach</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>stark</translation>
    </message>
    <message>
        <source>This passphrase is easy to guess: choose another.</source>
        <translation>Diese Passphrase ist leicht zu erraten: Wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>Make it longer: several words are easier to remember.</source>
        <translation>Machen Sie sie länger: Mehrere Wörter sind leichter zu merken.</translation>
    </message>
    <message>
        <source>A few more words make it strong.</source>
        <translation>Ein paar Wörter mehr machen sie stark.</translation>
    </message>
    <message>
        <source>Small margin over the second-best person</source>
        <translation>Knapper Abstand zur zweitbesten Person</translation>
    </message>
    <message>
        <source>Score near the threshold</source>
        <translation>Wert nahe an der Schwelle</translation>
    </message>
    <message>
        <source>Liveness borderline</source>
        <translation>Lebenderkennung grenzwertig</translation>
    </message>
    <message>
        <source>&quot;Not me&quot; at the kiosk</source>
        <translation>„Nicht ich“ am Kiosk</translation>
    </message>
    <message>
        <source>Close to a &quot;Not me&quot; of this person</source>
        <translation>Nahe an einem „Nicht ich“ dieser Person</translation>
    </message>
    <message>
        <source>Unknown face seen again and again</source>
        <translation>Unbekanntes Gesicht immer wieder gesehen</translation>
    </message>
    <message>
        <source>passive model on ({origin}: {names}) + active challenge</source>
        <translation>passives Modell an ({origin}: {names}) + aktive Prüfung</translation>
    </message>
    <message>
        <source>active challenge only (passive anti-spoof model not available: {problem})</source>
        <translation>nur aktive Prüfung (passives Anti-Spoofing-Modell nicht verfügbar: {problem})</translation>
    </message>
    <message>
        <source>active challenge only (passive anti-spoof model not available)</source>
        <translation>nur aktive Prüfung (passives Anti-Spoofing-Modell nicht verfügbar)</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>mitgeliefert</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>bundled + imported</source>
        <translation>mitgeliefert + importiert</translation>
    </message>
    <message>
        <source>no model installed</source>
        <translation>kein Modell installiert</translation>
    </message>
    <message>
        <source>Move closer to the camera.</source>
        <translation>Gehen Sie näher an die Kamera.</translation>
    </message>
    <message>
        <source>Hold still: the picture is blurred.</source>
        <translation>Bitte stillhalten: das Bild ist unscharf.</translation>
    </message>
    <message>
        <source>Move your face fully into the picture.</source>
        <translation>Bringen Sie Ihr Gesicht ganz ins Bild.</translation>
    </message>
    <message>
        <source>Too dark: add light in front of you.</source>
        <translation>Zu dunkel: sorgen Sie für Licht von vorn.</translation>
    </message>
    <message>
        <source>Too bright: move away from the strong light.</source>
        <translation>Zu hell: gehen Sie aus dem starken Licht.</translation>
    </message>
    <message>
        <source>Strong light behind you: turn away from the window.</source>
        <translation>Starkes Licht hinter Ihnen: wenden Sie sich vom Fenster ab.</translation>
    </message>
    <message>
        <source>Look straight at the camera.</source>
        <translation>Schauen Sie gerade in die Kamera.</translation>
    </message>
    <message>
        <source>Open your eyes.</source>
        <translation>Öffnen Sie die Augen.</translation>
    </message>
    <message>
        <source>Only one person in front of the camera, please.</source>
        <translation>Bitte nur eine Person vor der Kamera.</translation>
    </message>
    <message>
        <source>Look at the camera.</source>
        <translation>Bitte in die Kamera schauen.</translation>
    </message>
    <message>
        <source>Turn your head slightly.</source>
        <translation>Drehen Sie den Kopf ein wenig.</translation>
    </message>
    <message>
        <source>Enrolment timed out. Check the light and the camera, then try again.</source>
        <translation>Die Erfassung hat zu lange gedauert. Prüfen Sie Licht und Kamera und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The captured frames do not agree (more than one person?). Please try again.</source>
        <translation>Die aufgenommenen Bilder passen nicht zusammen (mehr als eine Person?). Bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>The liveness check failed. Please try again.</source>
        <translation>Die Lebendprüfung ist fehlgeschlagen. Bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>Blink your eyes.</source>
        <translation>Blinzeln Sie.</translation>
    </message>
    <message>
        <source>Turn your head to your left.</source>
        <translation>Drehen Sie den Kopf nach links.</translation>
    </message>
    <message>
        <source>Turn your head to your right.</source>
        <translation>Drehen Sie den Kopf nach rechts.</translation>
    </message>
    <message>
        <source>Done, thank you.</source>
        <translation>Fertig, danke.</translation>
    </message>
    <message>
        <source>More light, please: the camera image is too dark to check that you are really here.</source>
        <translation>Mehr Licht, bitte: Das Kamerabild ist zu dunkel, um zu prüfen, dass Sie wirklich hier sind.</translation>
    </message>
    <message>
        <source>Turn your head a little (3-D check).</source>
        <translation>Drehen Sie den Kopf ein wenig (3-D-Prüfung).</translation>
    </message>
    <message>
        <source>Blink (no blink seen yet).</source>
        <translation>Blinzeln Sie (noch kein Blinzeln erkannt).</translation>
    </message>
    <message>
        <source>Move a little (background check).</source>
        <translation>Bewegen Sie sich ein wenig (Hintergrundprüfung).</translation>
    </message>
    <message>
        <source>The liveness check is not available in this installation.</source>
        <translation>Die Lebendprüfung ist in dieser Installation nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>CorrectionsDialog</name>
    <message>
        <source>Local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>Arbeitstag</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last correction</source>
        <translation>Letzte Korrektur</translation>
    </message>
    <message>
        <source>A reason is required: say why the attendance log is corrected (e.g. “forgot to check out, confirmed by the team lead”). It is kept with the correction and in the audit log.</source>
        <translation>Ein Grund ist erforderlich: Sagen Sie, warum die Anwesenheit korrigiert wird (z. B. „Gehen vergessen, von der Teamleitung bestätigt“). Er wird mit der Korrektur und im Prüfprotokoll gespeichert.</translation>
    </message>
    <message>
        <source>FaceAttend — Attendance corrections</source>
        <translation>FaceAttend — Anwesenheitskorrekturen</translation>
    </message>
    <message>
        <source>Attendance corrections</source>
        <translation>Anwesenheitskorrekturen</translation>
    </message>
    <message>
        <source>Corrections never overwrite the log: an edited or voided event is kept (marked void) next to its manual replacement, and every correction is recorded with its reason in the audit log.</source>
        <translation>Korrekturen überschreiben nie das Protokoll: Eine geänderte oder stornierte Buchung bleibt (als storniert markiert) neben ihrem manuellen Ersatz erhalten, und jede Korrektur wird mit Grund im Prüfprotokoll vermerkt.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <source>in</source>
        <translation>Kommen</translation>
    </message>
    <message>
        <source>out</source>
        <translation>Gehen</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>Required: why is the log corrected?</source>
        <translation>Pflichtfeld: Warum wird korrigiert?</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Add event</source>
        <translation>Buchung hinzufügen</translation>
    </message>
    <message>
        <source>Apply edit to selected</source>
        <translation>Änderung übernehmen</translation>
    </message>
    <message>
        <source>Void selected</source>
        <translation>Auswahl stornieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>void</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>zählt</translation>
    </message>
    <message>
        <source>{name} shift {start:%H:%M}–{end:%H:%M}: events are listed by working day, so a check-out after midnight is shown with the day the shift started.</source>
        <translation>Schicht {name} {start:%H:%M}–{end:%H:%M}: Buchungen stehen beim Arbeitstag, ein Gehen nach Mitternacht also beim Tag des Schichtbeginns.</translation>
    </message>
    <message>
        <source>Times are local to {0}.</source>
        <translation>Zeiten in der Ortszeit von {0}.</translation>
    </message>
    <message>
        <source>Select the event to edit.</source>
        <translation>Wählen Sie die zu ändernde Buchung.</translation>
    </message>
    <message>
        <source>Change the time or the direction first.</source>
        <translation>Ändern Sie zuerst die Zeit oder die Richtung.</translation>
    </message>
    <message>
        <source>Select the event to void.</source>
        <translation>Wählen Sie die zu stornierende Buchung.</translation>
    </message>
    <message>
        <source>Not corrected: {text}</source>
        <translation>Nicht korrigiert: {text}</translation>
    </message>
    <message>
        <source> (the original is kept, marked void)</source>
        <translation> (das Original bleibt, als storniert markiert)</translation>
    </message>
    <message>
        <source>Event {0}{kept}. Reason recorded: {reason}</source>
        <translation>Buchung {0}{kept}. Grund vermerkt: {reason}</translation>
    </message>
</context>
<context>
    <name>EditPersonDialog</name>
    <message>
        <source>Edit {name}</source>
        <translation>{name} bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
</context>
<context>
    <name>EnrolView</name>
    <message>
        <source>New person</source>
        <translation>Neue Person</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Vor- und Nachname</translation>
    </message>
    <message>
        <source>Badge or staff number</source>
        <translation>Ausweis- oder Personalnr.</translation>
    </message>
    <message>
        <source>e.g. Sales</source>
        <translation>z. B. Vertrieb</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>The person consents to storing
their face template for attendance.</source>
        <translation>Die Person stimmt der Speicherung
ihres Gesichtsmodells zu.</translation>
    </message>
    <message>
        <source>Start capture</source>
        <translation>Aufnahme starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>1. Fill in the form and tick consent.
2. Press Start; the person looks at the camera.
3. Follow the prompts until the ring is full.</source>
        <translation>1. Formular ausfüllen, Zustimmung ankreuzen.
2. Start drücken; Person schaut zur Kamera.
3. Hinweisen folgen, bis der Ring voll ist.</translation>
    </message>
    <message>
        <source>Fill in the form, then press Start capture.</source>
        <translation>Formular ausfüllen, dann „Aufnahme starten“ drücken.</translation>
    </message>
    <message>
        <source>Starting camera…</source>
        <translation>Kamera startet…</translation>
    </message>
    <message>
        <source>Liveness: demo — not checked</source>
        <translation>Lebenderkennung: Demo — nicht geprüft</translation>
    </message>
    <message>
        <source>Re-enrol {name}</source>
        <translation>{name} neu erfassen</translation>
    </message>
    <message>
        <source>Ask for consent again, then press Start capture.</source>
        <translation>Zustimmung erneut einholen, dann „Aufnahme starten“ drücken.</translation>
    </message>
    <message>
        <source>Capturing… look at the camera.</source>
        <translation>Aufnahme läuft… bitte in die Kamera schauen.</translation>
    </message>
    <message>
        <source>Capture cancelled; nothing was saved.</source>
        <translation>Aufnahme abgebrochen; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Look at the camera.</source>
        <translation>Bitte in die Kamera schauen.</translation>
    </message>
    <message>
        <source>Liveness: passed ✔</source>
        <translation>Lebenderkennung: bestanden ✔</translation>
    </message>
    <message>
        <source>Liveness: checking…</source>
        <translation>Lebenderkennung: prüfe…</translation>
    </message>
    <message>
        <source>Good — hold still…</source>
        <translation>Gut — bitte stillhalten…</translation>
    </message>
    <message>
        <source>Capture failed.</source>
        <translation>Aufnahme fehlgeschlagen.</translation>
    </message>
    <message>
        <source>{message} Nothing was saved.</source>
        <translation>{message} Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Already enrolled as {name}?</source>
        <translation>Bereits erfasst als {name}?</translation>
    </message>
    <message>
        <source>Not saved: this face is already enrolled as {name}.</source>
        <translation>Nicht gespeichert: Dieses Gesicht ist bereits als {name} erfasst.</translation>
    </message>
    <message>
        <source>Saved ✔  {name}</source>
        <translation>Gespeichert ✔  {name}</translation>
    </message>
    <message>
        <source>{name} ({external_id}) saved in {elapsed:.1f} s — {frames_used} frames, quality {quality:.0%}.</source>
        <translation>{name} ({external_id}) in {elapsed:.1f} s gespeichert — {frames_used} Bilder, Qualität {quality:.0%}.</translation>
    </message>
    <message>
        <source>Already enrolled?</source>
        <translation>Bereits erfasst?</translation>
    </message>
    <message>
        <source>This face matches {name} (ID {external_id}, {0}), distance {distance:.2f}.</source>
        <translation>Dieses Gesicht passt zu {name} (Nr. {external_id}, {0}), Abstand {distance:.2f}.</translation>
    </message>
    <message>
        <source>Update that person&apos;s template with this capture, or cancel?</source>
        <translation>Das Modell dieser Person mit dieser Aufnahme aktualisieren oder abbrechen?</translation>
    </message>
    <message>
        <source>Update {name}</source>
        <translation>{name} aktualisieren</translation>
    </message>
    <message>
        <source>Camera problem: {message} Capture aborted.</source>
        <translation>Kameraproblem: {message} Aufnahme abgebrochen.</translation>
    </message>
    <message>
        <source>Camera problem:
{message}</source>
        <translation>Kameraproblem:
{message}</translation>
    </message>
    <message>
        <source>Camera problem: {message}</source>
        <translation>Kameraproblem: {message}</translation>
    </message>
    <message>
        <source>The video ended before the capture was complete.</source>
        <translation>Das Video endete, bevor die Aufnahme vollständig war.</translation>
    </message>
    <message>
        <source>The video ended.</source>
        <translation>Das Video ist zu Ende.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>FaceAttend — Create the administrator</source>
        <translation>FaceAttend — Administrator anlegen</translation>
    </message>
    <message>
        <source>This is the first start. Create the administrator account: it can enrol, erase people, run reports, change settings and add the other users (enroller, HR, kiosk).</source>
        <translation>Dies ist der erste Start. Legen Sie das Administratorkonto an: Es kann Personen erfassen und löschen, Berichte erstellen, Einstellungen ändern und weitere Benutzer anlegen (Erfasser, Personal, Kiosk).</translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation>z. B. alice</translation>
    </message>
    <message>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation>{MIN_PIN_DIGITS}+ Ziffern oder {MIN_PASSWORD_CHARS}+ Zeichen</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>noch einmal dasselbe</translation>
    </message>
    <message>
        <source>Admin name</source>
        <translation>Name des Admins</translation>
    </message>
    <message>
        <source>PIN or password</source>
        <translation>PIN oder Passwort</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Administrator anlegen</translation>
    </message>
    <message>
        <source>Enter a name for the administrator.</source>
        <translation>Geben Sie einen Namen für den Administrator ein.</translation>
    </message>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>Die beiden PINs unterscheiden sich; geben Sie zweimal dieselbe PIN ein.</translation>
    </message>
</context>
<context>
    <name>FrameWorker</name>
    <message>
        <source>The camera stopped: {exc}</source>
        <translation>Die Kamera hat angehalten: {exc}</translation>
    </message>
    <message>
        <source>Face analysis stopped: {exc}</source>
        <translation>Die Gesichtsanalyse wurde beendet: {exc}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Time: {seconds:.1f} s</source>
        <translation>Dauer: {seconds:.1f} s</translation>
    </message>
    <message>
        <source>Report file: {report_path}</source>
        <translation>Berichtsdatei: {report_path}</translation>
    </message>
    <message>
        <source>Input problems:</source>
        <translation>Probleme in der Eingabe:</translation>
    </message>
    <message>
        <source>People not imported:</source>
        <translation>Nicht importierte Personen:</translation>
    </message>
    <message>
        <source>Photos rejected:</source>
        <translation>Abgelehnte Fotos:</translation>
    </message>
    <message>
        <source>Imported, but check:</source>
        <translation>Importiert, aber bitte prüfen:</translation>
    </message>
    <message>
        <source>Import people from photos</source>
        <translation>Personen aus Fotos importieren</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per person (ID_Name), photos named ID_Name.jpg, or a CSV with the columns id, name, department, photo and consent (yes / no).</source>
        <translation>Ein Ordner mit einem Unterordner je Person (ID_Name), Fotos namens ID_Name.jpg oder eine CSV-Datei mit den Spalten id, name, department, photo und consent (yes / no).</translation>
    </message>
    <message>
        <source>Folder or CSV file</source>
        <translation>Ordner oder CSV-Datei</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Everyone in this import consented to storing their face template</source>
        <translation>Alle in diesem Import haben der Speicherung ihres Gesichtsmodells zugestimmt</translation>
    </message>
    <message>
        <source>Tick only when you collected everyone&apos;s consent: it is recorded as your declaration (audited). Unticked, only CSV rows whose consent column says yes are imported; a &apos;no&apos; is never imported.</source>
        <translation>Nur ankreuzen, wenn Sie die Zustimmung aller eingeholt haben: Sie wird als Ihre Erklärung gespeichert (protokolliert). Ohne Haken werden nur CSV-Zeilen mit „yes“ in der Spalte consent importiert; ein „no“ nie.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Folder of photos</source>
        <translation>Fotoordner</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>CSV (*.csv);;All files (*)</source>
        <translation>CSV (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose an existing folder or CSV file.</source>
        <translation>Wählen Sie einen vorhandenen Ordner oder eine CSV-Datei.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import läuft…</translation>
    </message>
    <message>
        <source>Cancelling after the current person…</source>
        <translation>Abbruch nach der aktuellen Person…</translation>
    </message>
    <message>
        <source>{done} / {total} photos — {message}</source>
        <translation>{done} / {total} Fotos — {message}</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>LATE</source>
        <translation>VERSPÄTET</translation>
    </message>
    <message>
        <source>Not you?</source>
        <translation>Nicht Sie?</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <source>Esc: admin exit</source>
        <translation>Esc: Admin-Ausgang</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Sorry</source>
        <translation>Leider</translation>
    </message>
    <message>
        <source>Not recognised</source>
        <translation>Nicht erkannt</translation>
    </message>
    <message>
        <source>Please try again, or see the front desk</source>
        <translation>Bitte erneut versuchen oder an den Empfang wenden</translation>
    </message>
    <message>
        <source>Already registered</source>
        <translation>Bereits erfasst</translation>
    </message>
    <message>
        <source>Already checked in at {time}</source>
        <translation>Bereits um {time} gekommen</translation>
    </message>
    <message>
        <source>Already checked out at {time}</source>
        <translation>Bereits um {time} gegangen</translation>
    </message>
    <message>
        <source>Hello again</source>
        <translation>Hallo nochmal</translation>
    </message>
    <message>
        <source>Goodbye</source>
        <translation>Auf Wiedersehen</translation>
    </message>
    <message>
        <source>Checked out at {time}</source>
        <translation>Gegangen um {time}</translation>
    </message>
    <message>
        <source>Checked in at {time}</source>
        <translation>Gekommen um {time}</translation>
    </message>
    <message>
        <source>Not recognised. Please try again.</source>
        <translation>Nicht erkannt. Bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>Goodbye, {name}.</source>
        <translation>Auf Wiedersehen, {name}.</translation>
    </message>
    <message>
        <source>Hello again, {name}.</source>
        <translation>Hallo nochmal, {name}.</translation>
    </message>
    <message>
        <source>{greeting}, {name}.</source>
        <translation>{greeting}, {name}.</translation>
    </message>
    <message>
        <source>Look at the camera</source>
        <translation>Bitte in die Kamera schauen</translation>
    </message>
    <message>
        <source>Stand in front of the screen, face inside the oval</source>
        <translation>Vor den Bildschirm stellen, Gesicht im Oval</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>Bitte stillhalten…</translation>
    </message>
    <message>
        <source>Checking who you are</source>
        <translation>Sie werden erkannt</translation>
    </message>
    <message>
        <source>Please blink</source>
        <translation>Bitte blinzeln</translation>
    </message>
    <message>
        <source>Blink once, so the camera knows you are really here</source>
        <translation>Einmal blinzeln, damit die Kamera weiß, dass Sie wirklich da sind</translation>
    </message>
    <message>
        <source>Please look at the camera</source>
        <translation>Bitte in die Kamera schauen</translation>
    </message>
    <message>
        <source>Face the screen directly, one person at a time</source>
        <translation>Direkt zum Bildschirm schauen, eine Person nach der anderen</translation>
    </message>
    <message>
        <source>More light, please</source>
        <translation>Mehr Licht, bitte</translation>
    </message>
    <message>
        <source>The camera image is too dark to check that you are really here</source>
        <translation>Das Kamerabild ist zu dunkel, um zu prüfen, dass Sie wirklich hier sind</translation>
    </message>
    <message>
        <source>Come closer</source>
        <translation>Bitte näher kommen</translation>
    </message>
    <message>
        <source>Step up to the screen, face inside the oval</source>
        <translation>Näher an den Bildschirm treten, Gesicht im Oval</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Nicht akzeptiert</translation>
    </message>
    <message>
        <source>Please see the front desk</source>
        <translation>Bitte an den Empfang wenden</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>Danke</translation>
    </message>
    <message>
        <source>Have a good day</source>
        <translation>Einen schönen Tag</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>lenient</source>
        <translation>locker</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>ausgewogen</translation>
    </message>
    <message>
        <source>strict</source>
        <translation>streng</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbinde</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>getrennt</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>A person&apos;s first visit of the day checks in, the next one checks out.</source>
        <translation>Der erste Besuch des Tages bucht Kommen, der nächste Gehen.</translation>
    </message>
    <message>
        <source>Check-in only</source>
        <translation>Nur Kommen</translation>
    </message>
    <message>
        <source>Every recognised visit is a check-in (an entrance).</source>
        <translation>Jeder erkannte Besuch ist ein Kommen (ein Eingang).</translation>
    </message>
    <message>
        <source>Check-out only</source>
        <translation>Nur Gehen</translation>
    </message>
    <message>
        <source>Every recognised visit is a check-out (an exit).</source>
        <translation>Jeder erkannte Besuch ist ein Gehen (ein Ausgang).</translation>
    </message>
    <message>
        <source>Balanced (recommended)</source>
        <translation>Ausgewogen (empfohlen)</translation>
    </message>
    <message>
        <source>A blink is needed (the kiosk asks for one); photos and screens are refused.</source>
        <translation>Ein Blinzeln ist nötig (der Kiosk bittet darum); Fotos und Bildschirme werden abgelehnt.</translation>
    </message>
    <message>
        <source>Strict</source>
        <translation>Streng</translation>
    </message>
    <message>
        <source>A blink and the anti-spoof model (when installed, at a stricter threshold) must agree.</source>
        <translation>Blinzeln und das Anti-Spoofing-Modell (falls installiert, mit strengerer Schwelle) müssen übereinstimmen.</translation>
    </message>
    <message>
        <source>Lenient</source>
        <translation>Locker</translation>
    </message>
    <message>
        <source>Only clear spoofs (photos, screens) are refused; nothing is asked of the person.</source>
        <translation>Nur eindeutige Täuschungen (Fotos, Bildschirme) werden abgelehnt; die Person muss nichts tun.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>No liveness check: a photo of an enrolled person can check in.</source>
        <translation>Keine Lebenderkennung: Ein Foto einer erfassten Person kann Kommen buchen.</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Kommen</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>Gehen</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>The kiosk will use</source>
        <translation>Der Kiosk verwendet</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Check-in / out</source>
        <translation>Kommen / Gehen</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Lebenderkennung</translation>
    </message>
    <message>
        <source>Greeting shown for</source>
        <translation>Begrüßung sichtbar für</translation>
    </message>
    <message>
        <source>Sound cue on check-in / out</source>
        <translation>Signalton bei Kommen / Gehen</translation>
    </message>
    <message>
        <source>Say the greeting aloud</source>
        <translation>Begrüßung vorlesen</translation>
    </message>
    <message>
        <source>Where the computer has a speech engine; silent otherwise</source>
        <translation>Wenn der Computer eine Sprachausgabe hat; sonst stumm</translation>
    </message>
    <message>
        <source>Only an administrator may change these.</source>
        <translation>Nur ein Administrator darf dies ändern.</translation>
    </message>
    <message>
        <source>Launch kiosk</source>
        <translation>Kiosk starten</translation>
    </message>
    <message>
        <source>Full screen; leaving it asks for an administrator&apos;s PIN</source>
        <translation>Vollbild; zum Verlassen ist die PIN eines Administrators nötig</translation>
    </message>
    <message>
        <source>The demo camera is a photo: liveness is never checked on it.</source>
        <translation>Die Demokamera ist ein Foto: Lebenderkennung wird dort nie geprüft.</translation>
    </message>
    <message>
        <source>Network camera: if it drops, the kiosk reconnects by itself and says so on screen.</source>
        <translation>Netzwerkkamera: Fällt sie aus, verbindet sich der Kiosk selbst neu und zeigt das an.</translation>
    </message>
    <message>
        <source>Last check-ins and check-outs</source>
        <translation>Letzte Kommen- und Gehen-Buchungen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>Via</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>(erased or unknown person)</source>
        <translation>(gelöschte oder unbekannte Person)</translation>
    </message>
    <message>
        <source>The events cannot be read: {0}</source>
        <translation>Die Buchungen können nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source> (late)</source>
        <translation> (verspätet)</translation>
    </message>
    <message>
        <source>Newest {0} of the last {LOOKBACK_DAYS} days; refreshed every {1} s.</source>
        <translation>Die neuesten {0} der letzten {LOOKBACK_DAYS} Tage; alle {1} s aktualisiert.</translation>
    </message>
    <message>
        <source>No check-in or check-out in the last {LOOKBACK_DAYS} days.</source>
        <translation>Kein Kommen oder Gehen in den letzten {LOOKBACK_DAYS} Tagen.</translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Connecting to the camera…</source>
        <translation>Verbinde mit der Kamera…</translation>
    </message>
    <message>
        <source>FaceAttend kiosk</source>
        <translation>FaceAttend-Kiosk</translation>
    </message>
    <message>
        <source>Cannot check the PIN: {exc}</source>
        <translation>PIN kann nicht geprüft werden: {exc}</translation>
    </message>
    <message>
        <source>Leave kiosk</source>
        <translation>Kiosk verlassen</translation>
    </message>
    <message>
        <source>Administrator PIN:</source>
        <translation>Administrator-PIN:</translation>
    </message>
    <message>
        <source>Camera: {state}   ·   Database: {database}   ·   Sync: {sync}   ·   Liveness: {liveness} ({model})</source>
        <translation>Kamera: {state}   ·   Datenbank: {database}   ·   Sync: {sync}   ·   Lebenderkennung: {liveness} ({model})</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Camera: {0}</source>
        <translation>Kamera: {0}</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Database: error</source>
        <translation>Datenbank: Fehler</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Sync: {sync}</source>
        <translation>Sync: {sync}</translation>
    </message>
    <message>
        <source>Liveness: {mode}</source>
        <translation>Lebenderkennung: {mode}</translation>
    </message>
    <message>
        <source>Camera lost — reconnecting</source>
        <translation>Kamera getrennt — verbinde neu</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Kamera startet…</translation>
    </message>
    <message>
        <source>Camera lost: {exc} Reconnecting…</source>
        <translation>Kamera getrennt: {exc} Verbinde neu…</translation>
    </message>
    <message>
        <source>Camera error ({error}). Reconnecting…</source>
        <translation>Kamerafehler ({error}). Verbinde neu…</translation>
    </message>
    <message>
        <source>Recognition cannot start: {exc}</source>
        <translation>Die Erkennung kann nicht starten: {exc}</translation>
    </message>
</context>
<context>
    <name>KioskWorker</name>
    <message>
        <source>Camera unavailable: {exc} Retrying in {delay:.0f} s.</source>
        <translation>Kamera nicht verfügbar: {exc} Neuer Versuch in {delay:.0f} s.</translation>
    </message>
    <message>
        <source>Camera unavailable ({__name__}: {exc}). Retrying in {delay:.0f} s.</source>
        <translation>Kamera nicht verfügbar ({__name__}: {exc}). Neuer Versuch in {delay:.0f} s.</translation>
    </message>
</context>
<context>
    <name>LanguageBox</name>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>The language of the app and of XLSX/PDF reports (next start).</source>
        <translation>Die Sprache der App und der XLSX/PDF-Berichte (ab dem nächsten Start).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FaceAttend {__version__} — enrolment</source>
        <translation>FaceAttend {__version__} — Erfassung</translation>
    </message>
    <message>
        <source>FaceAttend</source>
        <translation>FaceAttend</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Lock the screen; the PIN is asked again</source>
        <translation>Bildschirm sperren; die PIN wird erneut abgefragt</translation>
    </message>
    <message>
        <source>The role “{role}” has no page on this workstation.</source>
        <translation>Die Rolle „{role}“ hat an diesem Arbeitsplatz keine Seite.</translation>
    </message>
    <message>
        <source>Locked. {name}, enter your PIN to continue.</source>
        <translation>Gesperrt. {name}, geben Sie Ihre PIN ein, um fortzufahren.</translation>
    </message>
    <message>
        <source>Locked. Use “Unlock” to sign in again.</source>
        <translation>Gesperrt. Mit „Entsperren“ erneut anmelden.</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>Entsperren…</translation>
    </message>
    <message>
        <source>Retention run failed: {0}</source>
        <translation>Aufbewahrungslauf fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Retention run: {attendance_events} old attendance events, {unknown_faces} unknown faces, {inactive_templates} templates of inactive people removed.</source>
        <translation>Aufbewahrungslauf: {attendance_events} alte Buchungen, {unknown_faces} unbekannte Gesichter, {inactive_templates} Modelle inaktiver Personen entfernt.</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>The kiosk is not available in this build ({name}).</source>
        <translation>Der Kiosk ist in diesem Build nicht verfügbar ({name}).</translation>
    </message>
    <message>
        <source>The kiosk could not start: {0}</source>
        <translation>Der Kiosk konnte nicht starten: {0}</translation>
    </message>
    <message>
        <source>Kiosk running.</source>
        <translation>Kiosk läuft.</translation>
    </message>
    <message>
        <source>the store adapter for reports is not installed</source>
        <translation>der Datenbankzugang für Berichte ist nicht installiert</translation>
    </message>
    <message>
        <source>Reports are not available: {0}</source>
        <translation>Berichte sind nicht verfügbar: {0}</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Work schedule</source>
        <translation>Arbeitsplan</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Prüfliste</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Face model</source>
        <translation>Gesichtsmodell</translation>
    </message>
    <message>
        <source>similarity {similarity} (distance {distance}), people enrolled: {people}</source>
        <translation>Ähnlichkeit {similarity} (Abstand {distance}), erfasste Personen: {people}</translation>
    </message>
    <message>
        <source>{target} per decision ({count} in 10,000)</source>
        <translation>{target} pro Entscheidung ({count} von 10.000)</translation>
    </message>
    <message>
        <source>Strangers accepted (target)</source>
        <translation>Akzeptierte Fremde (Ziel)</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>installiert</translation>
    </message>
    <message>
        <source>NOT installed (real cameras cannot enrol)</source>
        <translation>NICHT installiert (echte Kameras können nicht erfassen)</translation>
    </message>
    <message>
        <source>Liveness check</source>
        <translation>Lebenderkennung</translation>
    </message>
    <message>
        <source>Anti-spoof mode</source>
        <translation>Anti-Spoofing-Modus</translation>
    </message>
    <message>
        <source>Demo camera</source>
        <translation>Demokamera</translation>
    </message>
    <message>
        <source>liveness is never checked on the demo camera (it is a photo)</source>
        <translation>bei der Demokamera wird die Lebenderkennung nie geprüft (sie ist ein Foto)</translation>
    </message>
    <message>
        <source>Frames per enrolment</source>
        <translation>Bilder pro Erfassung</translation>
    </message>
    <message>
        <source> megapixels</source>
        <translation> Megapixel</translation>
    </message>
    <message>
        <source>Photos and video files whose pictures declare more pixels are refused before decoding: a small file can declare a huge picture (a decompression bomb).</source>
        <translation>Fotos und Videodateien, deren Bilder mehr Pixel angeben, werden vor dem Dekodieren abgelehnt: Eine kleine Datei kann ein riesiges Bild angeben (eine Dekompressionsbombe).</translation>
    </message>
    <message>
        <source>Largest photo or video frame</source>
        <translation>Größtes Foto oder Videobild</translation>
    </message>
    <message>
        <source>Organisation (reports)</source>
        <translation>Organisation (Berichte)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Keep attendance records</source>
        <translation>Anwesenheitsdaten aufbewahren</translation>
    </message>
    <message>
        <source>Keep unknown-face events</source>
        <translation>Unbekannte Gesichter aufbewahren</translation>
    </message>
    <message>
        <source>Keep templates of inactive people</source>
        <translation>Modelle inaktiver Personen aufbewahren</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>Pseudonymise: keep attendance anonymously (payroll law)</source>
        <translation>Pseudonymisieren: Buchungen anonym aufbewahren</translation>
    </message>
    <message>
        <source>Delete attendance too</source>
        <translation>Anwesenheit ebenfalls löschen</translation>
    </message>
    <message>
        <source>Erasing a person</source>
        <translation>Person löschen</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Images are never stored: only the face template (128 numbers) is kept, encrypted. Retention runs once a day; every change here is written to the audit log. Shifts, holidays and the report time zone: Reports → Work schedule.</source>
        <translation>Bilder werden nie gespeichert: Nur das Gesichtsmodell (128 Zahlen) wird verschlüsselt aufbewahrt. Die Aufbewahrung läuft einmal täglich; jede Änderung hier wird im Prüfprotokoll vermerkt. Schichten, Feiertage und die Zeitzone der Berichte: Berichte → Arbeitsplan.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Saved ({0} changed; recorded in the audit log).</source>
        <translation>Gespeichert ({0} geändert; im Prüfprotokoll vermerkt).</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Nichts geändert.</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Protokoll</translation>
    </message>
</context>
<context>
    <name>NetworkCameraDialog</name>
    <message>
        <source>Connected: {width}×{height} pixels from {display}.</source>
        <translation>Verbunden: {width}×{height} Pixel von {display}.</translation>
    </message>
    <message>
        <source>The camera test failed ({error}).</source>
        <translation>Der Kameratest ist fehlgeschlagen ({error}).</translation>
    </message>
    <message>
        <source>FaceAttend — Network camera</source>
        <translation>FaceAttend — Netzwerkkamera</translation>
    </message>
    <message>
        <source>An IP camera that streams RTSP or HTTP (MJPEG). Its manual or web page gives the stream address, often rtsp://ADDRESS:554/…</source>
        <translation>Eine IP-Kamera, die RTSP oder HTTP (MJPEG) sendet. Die Stream-Adresse steht im Handbuch oder auf ihrer Webseite, oft rtsp://ADRESSE:554/…</translation>
    </message>
    <message>
        <source>Stream address</source>
        <translation>Stream-Adresse</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Remember the password in the OS keyring</source>
        <translation>Passwort im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>This computer has no OS keyring: the password is kept only until FaceAttend closes and is asked again next time. A kiosk started from the command line reads {CAMERA_PASSWORD_ENV}.</source>
        <translation>Dieser Computer hat keinen Schlüsselbund: Das Passwort bleibt nur bis zum Schließen von FaceAttend erhalten und wird beim nächsten Mal erneut abgefragt. Ein über die Kommandozeile gestarteter Kiosk liest {CAMERA_PASSWORD_ENV}.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Use this camera</source>
        <translation>Diese Kamera verwenden</translation>
    </message>
    <message>
        <source>Connecting to {display}…</source>
        <translation>Verbinde mit {display}…</translation>
    </message>
    <message>
        <source>Enter the password of {user}.</source>
        <translation>Geben Sie das Passwort von {user} ein.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>This computer has no password keyring, so the new FaceAttend database is protected by a passphrase. It is needed every time FaceAttend starts and cannot be recovered: write it down and keep it safe.</source>
        <translation>Dieser Computer hat keinen Passwort-Schlüsselbund, daher wird die neue FaceAttend-Datenbank durch eine Passphrase geschützt. Sie wird bei jedem Start von FaceAttend benötigt und kann nicht wiederhergestellt werden: Schreiben Sie sie auf und bewahren Sie sie sicher auf.</translation>
    </message>
    <message>
        <source>FaceAttend — database passphrase</source>
        <translation>FaceAttend — Datenbank-Passphrase</translation>
    </message>
    <message>
        <source>Choose a database passphrase</source>
        <translation>Datenbank-Passphrase wählen</translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation>Datenbank-Passphrase</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Type the passphrase twice.</source>
        <translation>Geben Sie die Passphrase zweimal ein.</translation>
    </message>
    <message>
        <source>Strength: {label}. The two entries differ.</source>
        <translation>Stärke: {label}. Die beiden Eingaben unterscheiden sich.</translation>
    </message>
    <message>
        <source>Strength: {label}. {hint}</source>
        <translation>Stärke: {label}. {hint}</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>Erase {name} (ID {ident})?

Deleted now, here and (through sync) on the cloud and every kiosk: the face template{s}, any face image, the name, employee ID, department, groups and consent.

{kept}

The audit log keeps the fact that an erasure happened (by uuid, without the name). This cannot be undone.</source>
        <translation>{name} (Nr. {ident}) löschen?

Jetzt gelöscht, hier und (per Sync) in der Cloud und auf jedem Kiosk: das Gesichtsmodell{s}, jedes Gesichtsbild, der Name, die Personalnummer, Abteilung, Gruppen und die Zustimmung.

{kept}

Das Prüfprotokoll behält die Tatsache der Löschung (per UUID, ohne Namen). Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Kept: their attendance records, under an anonymous “[erased]” entry, because working-time records must be kept for the legal period (GDPR art. 17(3)(b)); they are removed with the normal attendance retention. Export the report for the current pay period first.</source>
        <translation>Behalten: die Anwesenheitsdaten unter einem anonymen Eintrag „[erased]“, da Arbeitszeitnachweise für die gesetzliche Frist aufzubewahren sind (DSGVO Art. 17 Abs. 3 lit. b); sie werden mit der normalen Aufbewahrungsfrist entfernt. Exportieren Sie zuerst den Bericht für den laufenden Abrechnungszeitraum.</translation>
    </message>
    <message>
        <source>Their attendance records are deleted too (the erasure setting is “delete”).</source>
        <translation>Die Anwesenheitsdaten werden ebenfalls gelöscht (Löscheinstellung „löschen“).</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Search name, ID or department…</source>
        <translation>Name, Nr. oder Abteilung suchen…</translation>
    </message>
    <message>
        <source>Import photos…</source>
        <translation>Fotos importieren…</translation>
    </message>
    <message>
        <source>Template quality: mean quality of the frames averaged</source>
        <translation>Modellqualität: mittlere Qualität der gemittelten Bilder</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Re-enrol</source>
        <translation>Neu erfassen</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Export data (GDPR)…</source>
        <translation>Daten exportieren (DSGVO)…</translation>
    </message>
    <message>
        <source>Everything held about this person, as a JSON file (GDPR art. 15)</source>
        <translation>Alle gespeicherten Daten dieser Person als JSON-Datei (DSGVO Art. 15)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Bitte zuerst anmelden.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>no template</source>
        <translation>kein Modell</translation>
    </message>
    <message>
        <source>1 person, {active} active</source>
        <translation>1 Person, {active} aktiv</translation>
    </message>
    <message>
        <source>{shown} people, {active} active</source>
        <translation>{shown} Personen, {active} aktiv</translation>
    </message>
    <message>
        <source> · {n_erased} erased (anonymous attendance records kept)</source>
        <translation> · {n_erased} gelöscht (anonyme Anwesenheitsdaten behalten)</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>{name} gespeichert.</translation>
    </message>
    <message>
        <source>{name} is now inactive.</source>
        <translation>{name} ist jetzt inaktiv.</translation>
    </message>
    <message>
        <source>{name} is now active.</source>
        <translation>{name} ist jetzt aktiv.</translation>
    </message>
    <message>
        <source>Erase person (GDPR)</source>
        <translation>Person löschen (DSGVO)</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>, {events} attendance records kept anonymously</source>
        <translation>, {events} Anwesenheitsdaten anonym behalten</translation>
    </message>
    <message>
        <source>{name} was erased ({templates} template(s) deleted{kept}).</source>
        <translation>{name} wurde gelöscht ({templates} Modell(e) gelöscht{kept}).</translation>
    </message>
    <message>
        <source>Export personal data (GDPR)</source>
        <translation>Personenbezogene Daten exportieren (DSGVO)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed: {text}</source>
        <translation>Export fehlgeschlagen: {text}</translation>
    </message>
    <message>
        <source>Saved {name}: {0} events, {1} template fingerprint(s).</source>
        <translation>{name} gespeichert: {0} Buchungen, {1} Modell-Fingerabdruck/-abdrücke.</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <source>Starting camera…</source>
        <translation>Kamera startet…</translation>
    </message>
    <message>
        <source>DEMO CAMERA</source>
        <translation>DEMOKAMERA</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>Run report</source>
        <translation>Bericht erstellen</translation>
    </message>
    <message>
        <source>Choose a period and run the report.</source>
        <translation>Wählen Sie einen Zeitraum und erstellen Sie den Bericht.</translation>
    </message>
    <message>
        <source>Export {0}…</source>
        <translation>{0} exportieren…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>Zeitnachweis</translation>
    </message>
    <message>
        <source>Corrections…</source>
        <translation>Korrekturen…</translation>
    </message>
    <message>
        <source>Add, edit or void attendance events (HR), with a reason</source>
        <translation>Buchungen hinzufügen, ändern oder stornieren (Personal), mit Grund</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>Fehler: {message}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} gespeichert</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Alle Gruppen</translation>
    </message>
    <message>
        <source>All people</source>
        <translation>Alle Personen</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Wird berechnet…</translation>
    </message>
    <message>
        <source>{organisation}, {period_label} ({timezone}): {persons} people, {worked_hours} h worked, {late_days} late arrivals, {absences} absences, {missing_checkouts} missing check-outs</source>
        <translation>{organisation}, {period_label} ({timezone}): {persons} Personen, {worked_hours} h gearbeitet, {late_days} Verspätungen, {absences} Fehltage, {missing_checkouts} fehlende Gehen-Buchungen</translation>
    </message>
    <message>
        <source>Daily presence (% of expected)</source>
        <translation>Anwesenheit je Tag (% der Erwarteten)</translation>
    </message>
    <message>
        <source>Late arrivals per day</source>
        <translation>Verspätungen je Tag</translation>
    </message>
    <message>
        <source>Export {0}</source>
        <translation>{0} exportieren</translation>
    </message>
    <message>
        <source>Writing {path}…</source>
        <translation>Schreibe {path}…</translation>
    </message>
</context>
<context>
    <name>ReportsViewModel</name>
    <message>
        <source>Run a report before exporting it.</source>
        <translation>Erstellen Sie zuerst einen Bericht, bevor Sie ihn exportieren.</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <source>Reset PIN</source>
        <translation>PIN zurücksetzen</translation>
    </message>
    <message>
        <source>Set a new PIN for {name}. It also clears a lockout after wrong PINs. Tell them the new PIN in person.</source>
        <translation>Neue PIN für {name} festlegen. Das hebt auch eine Sperre nach falschen PINs auf. Teilen Sie die neue PIN persönlich mit.</translation>
    </message>
    <message>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation>{MIN_PIN_DIGITS}+ Ziffern oder {MIN_PASSWORD_CHARS}+ Zeichen</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>noch einmal dasselbe</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>PIN of {name} changed.</source>
        <translation>PIN von {name} geändert.</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>When (UTC)</source>
        <translation>Wann (UTC)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>Lebenderkennung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>Gesicht</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>Kiosk decisions worth a second look. Confirm keeps the decision; Void cancels its attendance event (the original is kept and the change is in the audit log). Voiding a &quot;Not me&quot; says the claim was wrong: its negative example is dropped.</source>
        <translation>Kiosk-Entscheidungen, die ein zweiter Blick lohnt. „Bestätigen“ behält die Entscheidung; „Stornieren“ hebt ihre Buchung auf (das Original bleibt, die Änderung steht im Prüfprotokoll). Ein storniertes „Nicht ich“ war falsch: sein Negativbeispiel wird verworfen.</translation>
    </message>
    <message>
        <source>Show decided items too</source>
        <translation>Auch entschiedene anzeigen</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>(unknown face)</source>
        <translation>(unbekanntes Gesicht)</translation>
    </message>
    <message>
        <source>{status} by {resolved_by}</source>
        <translation>{status} von {resolved_by}</translation>
    </message>
    <message>
        <source>Voided: the event no longer counts.</source>
        <translation>Storniert: Die Buchung zählt nicht mehr.</translation>
    </message>
    <message>
        <source>Confirmed.</source>
        <translation>Bestätigt.</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <source>{name} is {role} now. Choose the new role.</source>
        <translation>{name} ist derzeit {role}. Wählen Sie die neue Rolle.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>{name} is now {role}.</source>
        <translation>{name} ist jetzt {role}.</translation>
    </message>
</context>
<context>
    <name>ScheduleView</name>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <source>Grace</source>
        <translation>Toleranz</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>Wochentage</translation>
    </message>
    <message>
        <source>Departments / groups</source>
        <translation>Abteilungen / Gruppen</translation>
    </message>
    <message>
        <source>(the zone the devices report)</source>
        <translation>(Zeitzone der Geräte)</translation>
    </message>
    <message>
        <source>Reports use a saved schedule at once; a kiosk that is already running uses it from its next start.</source>
        <translation>Berichte nutzen einen gespeicherten Arbeitsplan sofort; ein bereits laufender Kiosk ab seinem nächsten Start.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Shifts decide who is late and who is absent, in the reports and at the kiosk. People work the shift of their department (or else of their first group that has one), otherwise the default.</source>
        <translation>Schichten bestimmen, wer zu spät und wer abwesend ist, in Berichten und am Kiosk. Personen arbeiten in der Schicht ihrer Abteilung (sonst ihrer ersten Gruppe mit Schicht), ansonsten in der Standardschicht.</translation>
    </message>
    <message>
        <source>Default shift</source>
        <translation>Standardschicht</translation>
    </message>
    <message>
        <source>Shifts by department or group</source>
        <translation>Schichten nach Abteilung oder Gruppe</translation>
    </message>
    <message>
        <source>Add shift…</source>
        <translation>Schicht hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Holidays (no absences are counted)</source>
        <translation>Feiertage (keine Fehltage gezählt)</translation>
    </message>
    <message>
        <source>Add date</source>
        <translation>Datum hinzufügen</translation>
    </message>
    <message>
        <source>Time zone of the shifts and reports</source>
        <translation>Zeitzone der Schichten und Berichte</translation>
    </message>
    <message>
        <source>Save schedule</source>
        <translation>Arbeitsplan speichern</translation>
    </message>
    <message>
        <source>Cancel changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source> (night)</source>
        <translation> (Nacht)</translation>
    </message>
    <message>
        <source>{grace_minutes} min</source>
        <translation>{grace_minutes} Min.</translation>
    </message>
    <message>
        <source>Select the shift to edit.</source>
        <translation>Wählen Sie die zu bearbeitende Schicht.</translation>
    </message>
    <message>
        <source>Not saved yet: press “Save schedule”.</source>
        <translation>Noch nicht gespeichert: „Arbeitsplan speichern“ drücken.</translation>
    </message>
    <message>
        <source>{0} is already a holiday.</source>
        <translation>{0} ist bereits ein Feiertag.</translation>
    </message>
    <message>
        <source>Only HR and administrators can change the work schedule. {RESTART_NOTE}</source>
        <translation>Nur Personal und Administratoren können den Arbeitsplan ändern. {RESTART_NOTE}</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>Saved ({0} changed; recorded in the audit log).</source>
        <translation>Gespeichert ({0} geändert; im Prüfprotokoll vermerkt).</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <source>Edit shift</source>
        <translation>Schicht bearbeiten</translation>
    </message>
    <message>
        <source>Add shift</source>
        <translation>Schicht hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Night</source>
        <translation>z. B. Nacht</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>departments or groups, separated by commas</source>
        <translation>Abteilungen oder Gruppen, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Worked by</source>
        <translation>Gilt für</translation>
    </message>
    <message>
        <source>Known: {0}</source>
        <translation>Bekannt: {0}</translation>
    </message>
    <message>
        <source>No departments or groups yet.</source>
        <translation>Noch keine Abteilungen oder Gruppen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Say which departments or groups work “{name}”.</source>
        <translation>Geben Sie an, welche Abteilungen oder Gruppen „{name}“ arbeiten.</translation>
    </message>
</context>
<context>
    <name>ShiftEditor</name>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <source>Grace</source>
        <translation>Toleranz</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>Wochentage</translation>
    </message>
    <message>
        <source>Night shift: ends the next day, counted on the day it starts.</source>
        <translation>Nachtschicht: endet am nächsten Tag, zählt zum Tag ihres Beginns.</translation>
    </message>
    <message>
        <source>Day shift ({NIGHT_HINT}).</source>
        <translation>Tagschicht ({NIGHT_HINT}).</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>FaceAttend — Locked</source>
        <translation>FaceAttend — Gesperrt</translation>
    </message>
    <message>
        <source>FaceAttend — Sign in</source>
        <translation>FaceAttend — Anmelden</translation>
    </message>
    <message>
        <source>The screen of {locked_user} is locked (after 15 minutes without activity, or by “Lock”). Enter the PIN to continue, or sign in as another user.</source>
        <translation>Der Bildschirm von {locked_user} ist gesperrt (nach 15 Minuten ohne Aktivität oder per „Sperren“). Geben Sie die PIN ein, um fortzufahren, oder melden Sie sich als anderer Benutzer an.</translation>
    </message>
    <message>
        <source>Sign in with your name and PIN. What you can see and do depends on your role.</source>
        <translation>Melden Sie sich mit Namen und PIN an. Was Sie sehen und tun können, hängt von Ihrer Rolle ab.</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>PIN or password</source>
        <translation>PIN oder Passwort</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Enter your name and PIN.</source>
        <translation>Geben Sie Namen und PIN ein.</translation>
    </message>
    <message>
        <source>{exc} Several wrong PINs lock the account for a while.</source>
        <translation>{exc} Mehrere falsche PINs sperren das Konto eine Zeit lang.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Push queued changes and pull the other sites&apos; changes now</source>
        <translation>Wartende Änderungen senden und die der anderen Standorte jetzt abrufen</translation>
    </message>
    <message>
        <source>Last error: {last_error}</source>
        <translation>Letzter Fehler: {last_error}</translation>
    </message>
    <message>
        <source>Cloud sync</source>
        <translation>Cloud-Synchronisierung</translation>
    </message>
    <message>
        <source>
{0} item(s) refused by the service</source>
        <translation>
{0} Element(e) vom Dienst abgelehnt</translation>
    </message>
    <message>
        <source> · syncing…</source>
        <translation> · synchronisiere…</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>key refused</source>
        <translation>Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Sync: off</source>
        <translation>Sync: aus</translation>
    </message>
    <message>
        <source>Sync: {0}</source>
        <translation>Sync: {0}</translation>
    </message>
    <message>
        <source>{queue_length} queued</source>
        <translation>{queue_length} wartend</translation>
    </message>
    <message>
        <source>last {last:%H:%M}</source>
        <translation>zuletzt {last:%H:%M}</translation>
    </message>
    <message>
        <source>last {day} {time}</source>
        <translation>zuletzt {day} {time}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nie synchronisiert</translation>
    </message>
</context>
<context>
    <name>SyncSettingsGroup</name>
    <message>
        <source>Cloud sync</source>
        <translation>Cloud-Synchronisierung</translation>
    </message>
    <message>
        <source>Service URL</source>
        <translation>Dienst-URL</translation>
    </message>
    <message>
        <source>device API key (kept in the OS keyring)</source>
        <translation>Geräte-API-Schlüssel (im Schlüsselbund)</translation>
    </message>
    <message>
        <source>Device API key</source>
        <translation>Geräte-API-Schlüssel</translation>
    </message>
    <message>
        <source>End-to-end: templates encrypted on this device (no server-side search)</source>
        <translation>Ende-zu-Ende: Modelle auf diesem Gerät verschlüsselt (keine Suche auf dem Server)</translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation>Speichern und verbinden</translation>
    </message>
    <message>
        <source>Disable sync</source>
        <translation>Sync ausschalten</translation>
    </message>
    <message>
        <source>Enter the service URL and the device API key.</source>
        <translation>Geben Sie die Dienst-URL und den Geräte-API-Schlüssel ein.</translation>
    </message>
    <message>
        <source>Sync on; {queued} existing record(s) queued. Recorded in the audit log.</source>
        <translation>Sync an; {queued} vorhandene Datensätze in der Warteschlange. Im Prüfprotokoll vermerkt.</translation>
    </message>
    <message>
        <source>Sync off; the API key was removed from the keyring.</source>
        <translation>Sync aus; der API-Schlüssel wurde aus dem Schlüsselbund entfernt.</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>All groups</source>
        <translation>Alle Gruppen</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Present now</source>
        <translation>Jetzt anwesend</translation>
    </message>
    <message>
        <source>Late today</source>
        <translation>Heute verspätet</translation>
    </message>
    <message>
        <source>Not yet arrived</source>
        <translation>Noch nicht da</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Gegangen</translation>
    </message>
    <message>
        <source>Unknown faces today</source>
        <translation>Unbekannte Gesichter heute</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>In since</source>
        <translation>Da seit</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Gekommen</translation>
    </message>
    <message>
        <source>Late by</source>
        <translation>Verspätung</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Kommen</translation>
    </message>
    <message>
        <source>Left at</source>
        <translation>Gegangen um</translation>
    </message>
    <message>
        <source>Cannot read today&apos;s attendance: {0}</source>
        <translation>Heutige Anwesenheit nicht lesbar: {0}</translation>
    </message>
    <message>
        <source> (late)</source>
        <translation> (verspätet)</translation>
    </message>
    <message>
        <source>{late_minutes} min</source>
        <translation>{late_minutes} Min.</translation>
    </message>
    <message>
        <source>{day} · updated {at}</source>
        <translation>{day} · aktualisiert {at}</translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Locked (wrong PINs)</source>
        <translation>Gesperrt (falsche PINs)</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Letzte Anmeldung</translation>
    </message>
    <message>
        <source>Who may sign in on this workstation, and with which role. A deactivated account cannot sign in until it is reactivated. Every change is written to the audit log.</source>
        <translation>Wer sich an diesem Arbeitsplatz mit welcher Rolle anmelden darf. Ein deaktiviertes Konto kann sich erst nach Reaktivierung anmelden. Jede Änderung wird im Prüfprotokoll vermerkt.</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Benutzer hinzufügen…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Rolle ändern…</translation>
    </message>
    <message>
        <source>Reset PIN…</source>
        <translation>PIN zurücksetzen…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source> (you)</source>
        <translation> (Sie)</translation>
    </message>
    <message>
        <source>Locked until {0:%H:%M}</source>
        <translation>Gesperrt bis {0:%H:%M}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <source>FaceAttend — Deactivate</source>
        <translation>FaceAttend — Deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate {name}? They cannot sign in until an admin reactivates the account.</source>
        <translation>{name} deaktivieren? Eine Anmeldung ist erst wieder möglich, wenn ein Admin das Konto reaktiviert.</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>Network: {display}</source>
        <translation>Netzwerk: {display}</translation>
    </message>
    <message>
        <source>Network camera</source>
        <translation>Netzwerkkamera</translation>
    </message>
    <message>
        <source>Video: {name}</source>
        <translation>Video: {name}</translation>
    </message>
</context>
</TS>
