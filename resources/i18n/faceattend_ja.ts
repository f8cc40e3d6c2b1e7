<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>ユーザーを追加</translation>
    </message>
    <message>
        <source>The new user signs in with this name and PIN. The role decides what they can see and do.</source>
        <translation>新しいユーザーはこの名前と PIN でサインインします。ロールによって表示・操作できる範囲が決まります。</translation>
    </message>
    <message>
        <source>e.g. bob</source>
        <translation>例: bob</translation>
    </message>
    <message>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation>数字 {MIN_PIN_DIGITS} 桁以上 / {MIN_PASSWORD_CHARS} 文字以上</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>もう一度同じものを入力</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>PIN or password</source>
        <translation>PIN またはパスワード</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>再入力</translation>
    </message>
    <message>
        <source>Enter a name for the new user.</source>
        <translation>新しいユーザーの名前を入力してください。</translation>
    </message>
    <message>
        <source>User {name} ({role}) added.</source>
        <translation>ユーザー {name}（{role}）を追加しました。</translation>
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
        <translation>2 つの PIN が一致しません。同じ PIN を 2 回入力してください。</translation>
    </message>
</context>
<context>
    <name>AdminDialogs</name>
    <message>
        <source>Admin — everything, including users and the audit log</source>
        <translation>管理者 — ユーザーと監査ログを含むすべて</translation>
    </message>
    <message>
        <source>Enroller — enrol and edit people</source>
        <translation>登録担当 — 人物の登録と編集</translation>
    </message>
    <message>
        <source>HR — people, reports, corrections</source>
        <translation>人事 — 人物、レポート、修正</translation>
    </message>
    <message>
        <source>Kiosk — runs the check-in screen only</source>
        <translation>キオスク — 打刻画面のみ</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>enroller</source>
        <translation>登録担当</translation>
    </message>
    <message>
        <source>hr</source>
        <translation>人事</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>キオスク</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>FaceAttend — database</source>
        <translation>FaceAttend — データベース</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>データベースを開けませんでした。</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>実行者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Search…</source>
        <translation>検索…</translation>
    </message>
    <message>
        <source>Text in the actor, the action or the details</source>
        <translation>実行者・操作・詳細に含まれる文字</translation>
    </message>
    <message>
        <source>All actors</source>
        <translation>すべての実行者</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>チェーンを検証</translation>
    </message>
    <message>
        <source>Check the hash chain, its head and the keyring seal of the whole log</source>
        <translation>ログ全体のハッシュチェーン、先頭、キーリングの封印を検証します</translation>
    </message>
    <message>
        <source>The log is append-only and hash-chained; “Verify chain” finds any entry edited or removed.</source>
        <translation>ログは追記専用でハッシュチェーン化されています。「チェーンを検証」で編集・削除された記録を検出できます。</translation>
    </message>
    <message>
        <source> — scroll for older entries</source>
        <translation> — 古い記録はスクロールして表示</translation>
    </message>
    <message>
        <source>1 entry shown{more}.</source>
        <translation>1 件を表示{more}。</translation>
    </message>
    <message>
        <source>{shown} entries shown, newest first{more}.</source>
        <translation>{shown} 件を新しい順に表示{more}。</translation>
    </message>
    <message>
        <source>Verifying the whole audit log…</source>
        <translation>監査ログ全体を検証しています…</translation>
    </message>
    <message>
        <source>Verification failed: {0}</source>
        <translation>検証に失敗しました: {0}</translation>
    </message>
    <message>
        <source>Audit log OK: {checked} entries, chain and head intact (keyring seal: {seal}).</source>
        <translation>監査ログ正常: {checked} 件、チェーンと先頭は無傷です（キーリング封印: {seal}）。</translation>
    </message>
    <message>
        <source>entry #{bad}: </source>
        <translation>記録 #{bad}: </translation>
    </message>
    <message>
        <source>first bad entry #{bad} (highlighted below)</source>
        <translation>最初の不正な記録 #{bad}（下で強調表示）</translation>
    </message>
    <message>
        <source>the log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Audit log TAMPERED — {first}: {problems}</source>
        <translation>監査ログが改ざんされています — {first}: {problems}</translation>
    </message>
</context>
<context>
    <name>CameraCalibrationGroup</name>
    <message>
        <source>learning: {sessions} of {needed} sessions</source>
        <translation>学習中: {sessions} / {needed} セッション</translation>
    </message>
    <message>
        <source>calibrated: threshold {threshold} ({sessions} sessions)</source>
        <translation>校正済み: しきい値 {threshold}（{sessions} セッション）</translation>
    </message>
    <message>
        <source>Camera calibration (liveness)</source>
        <translation>カメラ校正（生体検知）</translation>
    </message>
    <message>
        <source>Each camera learns its own live-face scores from enrolments and confident check-ins; the liveness threshold then follows that camera, never below the level set on attack data.</source>
        <translation>各カメラは登録と確実なチェックインから本人の顔のスコアを学習し、生体検知のしきい値はそのカメラに合わせて調整されます（攻撃データで定めた値を下回ることはありません）。</translation>
    </message>
    <message>
        <source>Camera calibration could not be read: {0}</source>
        <translation>カメラ校正を読み込めませんでした: {0}</translation>
    </message>
    <message>
        <source>No camera has recorded a session yet: every camera uses the shipped threshold.</source>
        <translation>まだセッションを記録したカメラはありません。すべてのカメラが既定のしきい値を使います。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>Sign in as an administrator to reset a camera.</source>
        <translation>カメラをリセットするには管理者としてサインインしてください。</translation>
    </message>
    <message>
        <source>{key}: calibration reset ({dropped} sessions forgotten).</source>
        <translation>{key}: 校正をリセットしました（{dropped} 件のセッションを破棄）。</translation>
    </message>
</context>
<context>
    <name>CameraPicker</name>
    <message>
        <source>Camera</source>
        <translation>カメラ</translation>
    </message>
    <message>
        <source>Demo camera (built in)</source>
        <translation>デモカメラ（内蔵）</translation>
    </message>
    <message>
        <source>Webcam {index}</source>
        <translation>Web カメラ {index}</translation>
    </message>
    <message>
        <source>Network camera…</source>
        <translation>ネットワークカメラ…</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>動画ファイル…</translation>
    </message>
    <message>
        <source>Choose a video</source>
        <translation>動画を選択</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.webm *.avi *.mov *.mkv);;All files (*)</source>
        <translation>動画 (*.mp4 *.webm *.avi *.mov *.mkv);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Employee ID</source>
        <translation>社員番号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>シフト</translation>
    </message>
    <message>
        <source>First in</source>
        <translation>最初の出勤</translation>
    </message>
    <message>
        <source>Last out</source>
        <translation>最後の退勤</translation>
    </message>
    <message>
        <source>Hours worked</source>
        <translation>労働時間</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>ペア数</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>遅刻</translation>
    </message>
    <message>
        <source>Late (min)</source>
        <translation>遅刻（分）</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>欠勤</translation>
    </message>
    <message>
        <source>Missing check-out</source>
        <translation>退勤漏れ</translation>
    </message>
    <message>
        <source>Missing check-in</source>
        <translation>出勤漏れ</translation>
    </message>
    <message>
        <source>Corrected events</source>
        <translation>修正済みの打刻</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>勤務日数</translation>
    </message>
    <message>
        <source>Days present</source>
        <translation>出勤日数</translation>
    </message>
    <message>
        <source>Absences</source>
        <translation>欠勤日数</translation>
    </message>
    <message>
        <source>Late days</source>
        <translation>遅刻日数</translation>
    </message>
    <message>
        <source>Missing check-outs</source>
        <translation>退勤漏れ</translation>
    </message>
    <message>
        <source>Missing check-ins</source>
        <translation>出勤漏れ</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Presence rate</source>
        <translation>出勤率</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>勤務表</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>日別</translation>
    </message>
    <message>
        <source>Summary per person</source>
        <translation>個人別の集計</translation>
    </message>
    <message>
        <source>Daily presence and lateness</source>
        <translation>日別の出勤と遅刻</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Cannot open video {name}: not a video, unsupported or corrupt.</source>
        <translation>動画 {name} を開けません: 動画ではないか、対応していないか、壊れています。</translation>
    </message>
    <message>
        <source>Total ({persons} people)</source>
        <translation>合計（{persons} 人）</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>欠勤</translation>
    </message>
    <message>
        <source>late {minutes} min</source>
        <translation>{minutes} 分遅刻</translation>
    </message>
    <message>
        <source>missing check-out</source>
        <translation>退勤漏れ</translation>
    </message>
    <message>
        <source>missing check-in</source>
        <translation>出勤漏れ</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>修正済み</translation>
    </message>
    <message>
        <source>Video file not found: {path}</source>
        <translation>動画ファイルが見つかりません: {path}</translation>
    </message>
    <message>
        <source>Passive model: live probability {score} &lt; {threshold}.</source>
        <translation>パッシブモデル：生体確率 {score} &lt; {threshold}。</translation>
    </message>
    <message>
        <source>Flat picture: the face moved like a plane (residual {residual} &lt;= {limit}).</source>
        <translation>平面の画像：顔が平面のように動きました（残差 {residual} &lt;= {limit}）。</translation>
    </message>
    <message>
        <source>The surroundings move with the face (ratio {ratio} &gt;= {limit}): a hand-held picture or screen, or a moving camera (the camera must be fixed).</source>
        <translation>周囲が顔と一緒に動いています（比率 {ratio} &gt;= {limit}）：手に持った写真や画面、または動いているカメラです（カメラは固定してください）。</translation>
    </message>
    <message>
        <source>No blink and no facial motion for {seconds} s.</source>
        <translation>{seconds} 秒間、まばたきも顔の動きもありません。</translation>
    </message>
    <message>
        <source>Timed out after {seconds} s.</source>
        <translation>{seconds} 秒で時間切れになりました。</translation>
    </message>
    <message>
        <source>The face left the picture.</source>
        <translation>顔が画面から外れました。</translation>
    </message>
    <message>
        <source>Another person came into the picture.</source>
        <translation>別の人物が画面に入りました。</translation>
    </message>
    <message>
        <source>A different face appeared during the check.</source>
        <translation>確認中に別の顔が現れました。</translation>
    </message>
    <message>
        <source>Too slow: &apos;{prompt}&apos; was not done in time.</source>
        <translation>時間切れ：「{prompt}」が時間内に行われませんでした。</translation>
    </message>
    <message>
        <source>Turned the wrong way.</source>
        <translation>逆の方向を向きました。</translation>
    </message>
    <message>
        <source>Challenge failed: {reason}</source>
        <translation>チャレンジ失敗：{reason}</translation>
    </message>
    <message>
        <source>Camera {index} not found or busy. Check that it is plugged in and not in use.</source>
        <translation>カメラ {index} が見つからないか使用中です。接続されていて、ほかのアプリで使われていないか確認してください。</translation>
    </message>
    <message>
        <source>Camera {index} stopped sending frames (unplugged?).</source>
        <translation>カメラ {index} から映像が届かなくなりました（ケーブルが抜けていませんか？）。</translation>
    </message>
    <message>
        <source>Network camera lost: {reason}</source>
        <translation>ネットワークカメラの接続が切れました: {reason}</translation>
    </message>
    <message>
        <source>Connecting to {camera}…</source>
        <translation>{camera} に接続しています…</translation>
    </message>
    <message>
        <source>Connected to {camera}.</source>
        <translation>{camera} に接続しました。</translation>
    </message>
    <message>
        <source>the stream from {camera} stopped; reconnecting.</source>
        <translation>{camera} からの映像が途切れました。再接続しています。</translation>
    </message>
    <message>
        <source>no picture from {camera} for {seconds} s.</source>
        <translation>{camera} から {seconds} 秒間映像がありません。</translation>
    </message>
    <message>
        <source>{camera} does not answer; next try in {seconds} s.</source>
        <translation>{camera} が応答しません。{seconds} 秒後に再試行します。</translation>
    </message>
    <message>
        <source>{camera} closed.</source>
        <translation>{camera} を閉じました。</translation>
    </message>
    <message>
        <source>The network camera {camera} was closed.</source>
        <translation>ネットワークカメラ {camera} は閉じられました。</translation>
    </message>
    <message>
        <source>Cannot open the network camera {camera} ({error}).</source>
        <translation>ネットワークカメラ {camera} を開けません ({error})。</translation>
    </message>
    <message>
        <source>Cannot connect to the network camera {camera}: it does not answer, the address is wrong or it refused the connection.</source>
        <translation>ネットワークカメラ {camera} に接続できません。応答がないか、アドレスが間違っているか、接続が拒否されました。</translation>
    </message>
    <message>
        <source>Cannot connect to the network camera {camera}: it does not answer, the address is wrong or it refused the connection (check the user name and password).</source>
        <translation>ネットワークカメラ {camera} に接続できません。応答がないか、アドレスが間違っているか、接続が拒否されました (ユーザー名とパスワードを確認してください)。</translation>
    </message>
    <message>
        <source>The network camera {camera} needs the password of {user}: enter it under Camera → Network camera… (kept in the OS keyring), or set {variable}.</source>
        <translation>ネットワークカメラ {camera} には {user} のパスワードが必要です。カメラ → ネットワークカメラ… で入力する (OS のキーリングに保存されます) か、{variable} を設定してください。</translation>
    </message>
    <message>
        <source>Not a network camera address: it must start with {schemes}.</source>
        <translation>ネットワークカメラのアドレスではありません。{schemes} で始まる必要があります。</translation>
    </message>
    <message>
        <source>A network camera address cannot contain spaces.</source>
        <translation>ネットワークカメラのアドレスに空白は使えません。</translation>
    </message>
    <message>
        <source>The port in {address} is not a number from 1 to 65535.</source>
        <translation>{address} のポートが 1～65535 の数値ではありません。</translation>
    </message>
    <message>
        <source>The network camera address {address} has no host name or IP address.</source>
        <translation>ネットワークカメラのアドレス {address} にホスト名または IP アドレスがありません。</translation>
    </message>
    <message>
        <source>Folder not found: {folder}</source>
        <translation>フォルダーが見つかりません: {folder}</translation>
    </message>
    <message>
        <source>No images in {folder}</source>
        <translation>{folder} に画像がありません</translation>
    </message>
    <message>
        <source>Attendance report, {period} ({timezone})</source>
        <translation>勤怠レポート、{period}（{timezone}）</translation>
    </message>
    <message>
        <source>{persons} people, {events} events: {hours} hours worked, {present} days present, {absences} absences, {late} late arrivals ({late_minutes} min), {missing} missing check-outs, {manual} corrected events.</source>
        <translation>{persons} 人、打刻 {events} 件: 労働 {hours} 時間、出勤 {present} 日、欠勤 {absences} 日、遅刻 {late} 件（{late_minutes} 分）、退勤漏れ {missing} 件、修正済み打刻 {manual} 件。</translation>
    </message>
    <message>
        <source>group {group}</source>
        <translation>グループ {group}</translation>
    </message>
    <message>
        <source>person {person}</source>
        <translation>人物 {person}</translation>
    </message>
    <message>
        <source>generated {at} UTC</source>
        <translation>作成 {at} UTC</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>{page} / {pages} ページ</translation>
    </message>
    <message>
        <source>Good morning</source>
        <translation>おはようございます</translation>
    </message>
    <message>
        <source>Good afternoon</source>
        <translation>こんにちは</translation>
    </message>
    <message>
        <source>Good evening</source>
        <translation>こんばんは</translation>
    </message>
    <message>
        <source>end before start = night shift, counted on the day it starts</source>
        <translation>終了が開始より前 = 夜勤（開始日に計上）</translation>
    </message>
    <message>
        <source>mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>A PIN or password may not start or end with spaces.</source>
        <translation>PIN やパスワードの先頭と末尾に空白は使えません。</translation>
    </message>
    <message>
        <source>A correction needs a reason.</source>
        <translation>修正には理由が必要です。</translation>
    </message>
    <message>
        <source>A shift needs at least one working weekday (e.g. mon-fri).</source>
        <translation>シフトには少なくとも 1 つの勤務曜日が必要です（例: 月〜金）。</translation>
    </message>
    <message>
        <source>An empty passphrase cannot unlock the database.</source>
        <translation>空のパスフレーズではデータベースを開けません。</translation>
    </message>
    <message>
        <source>End-to-end sync needs the organisation key in the keyring.</source>
        <translation>エンドツーエンド同期には、キーリング内の組織キーが必要です。</translation>
    </message>
    <message>
        <source>Enter the person&apos;s ID (badge or staff number).</source>
        <translation>人物の ID（社員証番号または社員番号）を入力してください。</translation>
    </message>
    <message>
        <source>Enter the person&apos;s name.</source>
        <translation>人物の氏名を入力してください。</translation>
    </message>
    <message>
        <source>Every shift needs a name.</source>
        <translation>すべてのシフトに名前が必要です。</translation>
    </message>
    <message>
        <source>Face images need the OS keyring for their key; none is available.</source>
        <translation>顔画像の鍵には OS のキーリングが必要ですが、利用できません。</translation>
    </message>
    <message>
        <source>Name and ID cannot be empty.</source>
        <translation>氏名と ID は空にできません。</translation>
    </message>
    <message>
        <source>No OS keyring is available to hold the database key.</source>
        <translation>データベースの鍵を保存する OS のキーリングがありません。</translation>
    </message>
    <message>
        <source>Not enough good frames were captured.</source>
        <translation>良好なフレームが十分に撮影できませんでした。</translation>
    </message>
    <message>
        <source>The API key is empty.</source>
        <translation>API キーが空です。</translation>
    </message>
    <message>
        <source>The ID must be at most 64 characters on one line.</source>
        <translation>ID は 1 行 64 文字以内にしてください。</translation>
    </message>
    <message>
        <source>The OS keyring did not keep the database key.</source>
        <translation>OS のキーリングにデータベースの鍵が保存されませんでした。</translation>
    </message>
    <message>
        <source>The audit head row is missing: the audit log was tampered with.</source>
        <translation>監査ログの先頭行がありません。監査ログが改ざんされています。</translation>
    </message>
    <message>
        <source>The cloud address must start with https://.</source>
        <translation>クラウドのアドレスは https:// で始まる必要があります。</translation>
    </message>
    <message>
        <source>The cloud address must use https (plain http only for this machine).</source>
        <translation>クラウドのアドレスには https を使ってください（http はこのコンピューター上のみ可）。</translation>
    </message>
    <message>
        <source>The cloud refused this device&apos;s API key (revoked or wrong).</source>
        <translation>クラウドがこの端末の API キーを拒否しました（失効または誤り）。</translation>
    </message>
    <message>
        <source>The database is closed.</source>
        <translation>データベースは閉じられています。</translation>
    </message>
    <message>
        <source>The database is not open.</source>
        <translation>データベースが開いていません。</translation>
    </message>
    <message>
        <source>The person must consent to the storage of their face template.</source>
        <translation>本人が顔テンプレートの保存に同意している必要があります。</translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing was created.</source>
        <translation>2 つのパスフレーズが一致しません。何も作成されていません。</translation>
    </message>
    <message>
        <source>This PIN is too easy to guess (a repeated digit or a run); choose another.</source>
        <translation>この PIN は推測されやすすぎます（同じ数字の繰り返しや連番）。別の PIN にしてください。</translation>
    </message>
    <message>
        <source>This PIN is too easy to guess (a repeated pattern); choose another.</source>
        <translation>この PIN は推測されやすすぎます（繰り返しのパターン）。別の PIN にしてください。</translation>
    </message>
    <message>
        <source>This password is too easy to guess; choose another.</source>
        <translation>このパスワードは推測されやすすぎます。別のパスワードにしてください。</translation>
    </message>
    <message>
        <source>This person has attendance records; deactivate them instead of deleting.</source>
        <translation>この人物には勤怠記録があります。削除せずに無効化してください。</translation>
    </message>
    <message>
        <source>Target false matches per decision</source>
        <translation>判定あたりの誤一致の目標</translation>
    </message>
    <message>
        <source>Threshold in use</source>
        <translation>使用中のしきい値</translation>
    </message>
    <message>
        <source>Expected strangers accepted per 10,000 attempts</source>
        <translation>1万回あたりの他人受け入れ見込み</translation>
    </message>
    <message>
        <source>Margin over the second-best person</source>
        <translation>2 番目の候補との差</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>短すぎる</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>弱い</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>強い</translation>
    </message>
    <message>
        <source>This passphrase is easy to guess: choose another.</source>
        <translation>このパスフレーズは推測されやすいので、別のものにしてください。</translation>
    </message>
    <message>
        <source>Make it longer: several words are easier to remember.</source>
        <translation>もっと長くしてください。複数の単語にすると覚えやすくなります。</translation>
    </message>
    <message>
        <source>A few more words make it strong.</source>
        <translation>あと数語加えると強くなります。</translation>
    </message>
    <message>
        <source>Small margin over the second-best person</source>
        <translation>2 番目の候補との差が小さい</translation>
    </message>
    <message>
        <source>Score near the threshold</source>
        <translation>スコアがしきい値に近い</translation>
    </message>
    <message>
        <source>Liveness borderline</source>
        <translation>生体検知が境界付近</translation>
    </message>
    <message>
        <source>&quot;Not me&quot; at the kiosk</source>
        <translation>キオスクで「別人です」</translation>
    </message>
    <message>
        <source>Close to a &quot;Not me&quot; of this person</source>
        <translation>この人物の「別人です」に近い</translation>
    </message>
    <message>
        <source>Unknown face seen again and again</source>
        <translation>未登録の顔が繰り返し検出された</translation>
    </message>
    <message>
        <source>passive model on ({origin}: {names}) + active challenge</source>
        <translation>パッシブモデル有効（{origin}: {names}）+ アクティブチャレンジ</translation>
    </message>
    <message>
        <source>active challenge only (passive anti-spoof model not available: {problem})</source>
        <translation>アクティブチャレンジのみ（パッシブなりすまし対策モデルは使用できません: {problem}）</translation>
    </message>
    <message>
        <source>active challenge only (passive anti-spoof model not available)</source>
        <translation>アクティブチャレンジのみ（パッシブなりすまし対策モデルは使用できません）</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>同梱</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>bundled + imported</source>
        <translation>同梱 + インポート</translation>
    </message>
    <message>
        <source>no model installed</source>
        <translation>モデルがインストールされていません</translation>
    </message>
    <message>
        <source>Move closer to the camera.</source>
        <translation>カメラに近づいてください。</translation>
    </message>
    <message>
        <source>Hold still: the picture is blurred.</source>
        <translation>動かないでください：画像がぼやけています。</translation>
    </message>
    <message>
        <source>Move your face fully into the picture.</source>
        <translation>顔全体が画面に入るようにしてください。</translation>
    </message>
    <message>
        <source>Too dark: add light in front of you.</source>
        <translation>暗すぎます：前方を明るくしてください。</translation>
    </message>
    <message>
        <source>Too bright: move away from the strong light.</source>
        <translation>明るすぎます：強い光から離れてください。</translation>
    </message>
    <message>
        <source>Strong light behind you: turn away from the window.</source>
        <translation>背後からの光が強すぎます：窓に背を向けないでください。</translation>
    </message>
    <message>
        <source>Look straight at the camera.</source>
        <translation>カメラを正面から見てください。</translation>
    </message>
    <message>
        <source>Open your eyes.</source>
        <translation>目を開けてください。</translation>
    </message>
    <message>
        <source>Only one person in front of the camera, please.</source>
        <translation>カメラの前には1人だけでお願いします。</translation>
    </message>
    <message>
        <source>Look at the camera.</source>
        <translation>カメラを見てください。</translation>
    </message>
    <message>
        <source>Turn your head slightly.</source>
        <translation>頭を少し動かしてください。</translation>
    </message>
    <message>
        <source>Enrolment timed out. Check the light and the camera, then try again.</source>
        <translation>登録が時間切れになりました。照明とカメラを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The captured frames do not agree (more than one person?). Please try again.</source>
        <translation>撮影した画像が一致しません（複数の人物？）。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The liveness check failed. Please try again.</source>
        <translation>生体確認に失敗しました。もう一度お試しください。</translation>
    </message>
    <message>
        <source>Blink your eyes.</source>
        <translation>まばたきしてください。</translation>
    </message>
    <message>
        <source>Turn your head to your left.</source>
        <translation>頭を左に向けてください。</translation>
    </message>
    <message>
        <source>Turn your head to your right.</source>
        <translation>頭を右に向けてください。</translation>
    </message>
    <message>
        <source>Done, thank you.</source>
        <translation>完了しました。ありがとうございます。</translation>
    </message>
    <message>
        <source>More light, please: the camera image is too dark to check that you are really here.</source>
        <translation>もっと明るくしてください：カメラの映像が暗すぎて、ご本人がいることを確認できません。</translation>
    </message>
    <message>
        <source>Turn your head a little (3-D check).</source>
        <translation>頭を少し動かしてください（立体確認）。</translation>
    </message>
    <message>
        <source>Blink (no blink seen yet).</source>
        <translation>まばたきしてください（まだ検出されていません）。</translation>
    </message>
    <message>
        <source>Move a little (background check).</source>
        <translation>少し動いてください（背景確認）。</translation>
    </message>
    <message>
        <source>The liveness check is not available in this installation.</source>
        <translation>このインストールでは生体確認を利用できません。</translation>
    </message>
</context>
<context>
    <name>CorrectionsDialog</name>
    <message>
        <source>Local time</source>
        <translation>現地時刻</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>勤務日</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>発生元</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>端末</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last correction</source>
        <translation>最終修正</translation>
    </message>
    <message>
        <source>A reason is required: say why the attendance log is corrected (e.g. “forgot to check out, confirmed by the team lead”). It is kept with the correction and in the audit log.</source>
        <translation>理由が必要です。勤怠記録を修正する理由を入力してください（例:「退勤打刻忘れ、チームリーダー確認済み」）。理由は修正内容とともに監査ログに保存されます。</translation>
    </message>
    <message>
        <source>FaceAttend — Attendance corrections</source>
        <translation>FaceAttend — 勤怠の修正</translation>
    </message>
    <message>
        <source>Attendance corrections</source>
        <translation>勤怠の修正</translation>
    </message>
    <message>
        <source>Corrections never overwrite the log: an edited or voided event is kept (marked void) next to its manual replacement, and every correction is recorded with its reason in the audit log.</source>
        <translation>修正で記録が上書きされることはありません。編集・取消した打刻は（取消済みとして）手動の代替記録と並べて保持され、すべての修正は理由とともに監査ログに記録されます。</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>in</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>out</source>
        <translation>退勤</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>キオスク</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手動</translation>
    </message>
    <message>
        <source>import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <source>Required: why is the log corrected?</source>
        <translation>必須: 修正する理由は？</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Add event</source>
        <translation>打刻を追加</translation>
    </message>
    <message>
        <source>Apply edit to selected</source>
        <translation>選択した打刻に適用</translation>
    </message>
    <message>
        <source>Void selected</source>
        <translation>選択した打刻を取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>void</source>
        <translation>取消済み</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>{name} shift {start:%H:%M}–{end:%H:%M}: events are listed by working day, so a check-out after midnight is shown with the day the shift started.</source>
        <translation>シフト {name} {start:%H:%M}–{end:%H:%M}: 打刻は勤務日ごとに表示されるため、深夜 0 時以降の退勤はシフト開始日に表示されます。</translation>
    </message>
    <message>
        <source>Times are local to {0}.</source>
        <translation>時刻は {0} の現地時刻です。</translation>
    </message>
    <message>
        <source>Select the event to edit.</source>
        <translation>編集する打刻を選択してください。</translation>
    </message>
    <message>
        <source>Change the time or the direction first.</source>
        <translation>先に時刻または区分を変更してください。</translation>
    </message>
    <message>
        <source>Select the event to void.</source>
        <translation>取り消す打刻を選択してください。</translation>
    </message>
    <message>
        <source>Not corrected: {text}</source>
        <translation>修正されませんでした: {text}</translation>
    </message>
    <message>
        <source> (the original is kept, marked void)</source>
        <translation>（元の記録は取消済みとして保持）</translation>
    </message>
    <message>
        <source>Event {0}{kept}. Reason recorded: {reason}</source>
        <translation>打刻 {0}{kept}。記録した理由: {reason}</translation>
    </message>
</context>
<context>
    <name>EditPersonDialog</name>
    <message>
        <source>Edit {name}</source>
        <translation>{name} を編集</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>グループ</translation>
    </message>
</context>
<context>
    <name>EnrolView</name>
    <message>
        <source>New person</source>
        <translation>新しい人物</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>氏名（姓名）</translation>
    </message>
    <message>
        <source>Badge or staff number</source>
        <translation>社員証番号または社員番号</translation>
    </message>
    <message>
        <source>e.g. Sales</source>
        <translation>例: 営業</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>The person consents to storing
their face template for attendance.</source>
        <translation>本人が顔テンプレートの
勤怠用の保存に同意している。</translation>
    </message>
    <message>
        <source>Start capture</source>
        <translation>撮影を開始</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>1. Fill in the form and tick consent.
2. Press Start; the person looks at the camera.
3. Follow the prompts until the ring is full.</source>
        <translation>1. フォームに入力し、同意にチェック。
2. 開始を押し、本人がカメラを見る。
3. リングが満ちるまで指示に従う。</translation>
    </message>
    <message>
        <source>Fill in the form, then press Start capture.</source>
        <translation>入力後に「撮影を開始」を押してください。</translation>
    </message>
    <message>
        <source>Starting camera…</source>
        <translation>カメラを起動しています…</translation>
    </message>
    <message>
        <source>Liveness: demo — not checked</source>
        <translation>生体検知: デモ — 未確認</translation>
    </message>
    <message>
        <source>Re-enrol {name}</source>
        <translation>{name} を再登録</translation>
    </message>
    <message>
        <source>Ask for consent again, then press Start capture.</source>
        <translation>改めて同意を得てから「撮影を開始」を押してください。</translation>
    </message>
    <message>
        <source>Capturing… look at the camera.</source>
        <translation>撮影中… カメラを見てください。</translation>
    </message>
    <message>
        <source>Capture cancelled; nothing was saved.</source>
        <translation>撮影を中止しました。何も保存されていません。</translation>
    </message>
    <message>
        <source>Look at the camera.</source>
        <translation>カメラを見てください。</translation>
    </message>
    <message>
        <source>Liveness: passed ✔</source>
        <translation>生体検知: 合格 ✔</translation>
    </message>
    <message>
        <source>Liveness: checking…</source>
        <translation>生体検知: 確認中…</translation>
    </message>
    <message>
        <source>Good — hold still…</source>
        <translation>良好です — そのままで…</translation>
    </message>
    <message>
        <source>Capture failed.</source>
        <translation>撮影に失敗しました。</translation>
    </message>
    <message>
        <source>{message} Nothing was saved.</source>
        <translation>{message} 何も保存されていません。</translation>
    </message>
    <message>
        <source>Already enrolled as {name}?</source>
        <translation>すでに {name} として登録済みですか？</translation>
    </message>
    <message>
        <source>Not saved: this face is already enrolled as {name}.</source>
        <translation>保存されませんでした: この顔はすでに {name} として登録されています。</translation>
    </message>
    <message>
        <source>Saved ✔  {name}</source>
        <translation>保存しました ✔  {name}</translation>
    </message>
    <message>
        <source>{name} ({external_id}) saved in {elapsed:.1f} s — {frames_used} frames, quality {quality:.0%}.</source>
        <translation>{name}（{external_id}）を {elapsed:.1f} 秒で保存 — {frames_used} フレーム、品質 {quality:.0%}。</translation>
    </message>
    <message>
        <source>Already enrolled?</source>
        <translation>登録済みですか？</translation>
    </message>
    <message>
        <source>This face matches {name} (ID {external_id}, {0}), distance {distance:.2f}.</source>
        <translation>この顔は {name}（ID {external_id}、{0}）と一致します。距離 {distance:.2f}。</translation>
    </message>
    <message>
        <source>Update that person&apos;s template with this capture, or cancel?</source>
        <translation>この撮影でその人物のテンプレートを更新しますか、それともキャンセルしますか？</translation>
    </message>
    <message>
        <source>Update {name}</source>
        <translation>{name} を更新</translation>
    </message>
    <message>
        <source>Camera problem: {message} Capture aborted.</source>
        <translation>カメラの問題: {message} 撮影を中止しました。</translation>
    </message>
    <message>
        <source>Camera problem:
{message}</source>
        <translation>カメラの問題:
{message}</translation>
    </message>
    <message>
        <source>Camera problem: {message}</source>
        <translation>カメラの問題: {message}</translation>
    </message>
    <message>
        <source>The video ended before the capture was complete.</source>
        <translation>撮影が完了する前に動画が終了しました。</translation>
    </message>
    <message>
        <source>The video ended.</source>
        <translation>動画が終了しました。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>FaceAttend — Create the administrator</source>
        <translation>FaceAttend — 管理者の作成</translation>
    </message>
    <message>
        <source>This is the first start. Create the administrator account: it can enrol, erase people, run reports, change settings and add the other users (enroller, HR, kiosk).</source>
        <translation>初回起動です。管理者アカウントを作成してください。管理者は人物の登録・消去、レポート作成、設定変更、他のユーザー（登録担当・人事・キオスク）の追加ができます。</translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation>例: alice</translation>
    </message>
    <message>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation>数字 {MIN_PIN_DIGITS} 桁以上 / {MIN_PASSWORD_CHARS} 文字以上</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>もう一度同じものを入力</translation>
    </message>
    <message>
        <source>Admin name</source>
        <translation>管理者名</translation>
    </message>
    <message>
        <source>PIN or password</source>
        <translation>PIN またはパスワード</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>再入力</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>管理者を作成</translation>
    </message>
    <message>
        <source>Enter a name for the administrator.</source>
        <translation>管理者の名前を入力してください。</translation>
    </message>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>2 つの PIN が一致しません。同じ PIN を 2 回入力してください。</translation>
    </message>
</context>
<context>
    <name>FrameWorker</name>
    <message>
        <source>The camera stopped: {exc}</source>
        <translation>カメラが停止しました: {exc}</translation>
    </message>
    <message>
        <source>Face analysis stopped: {exc}</source>
        <translation>顔の解析が停止しました: {exc}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Time: {seconds:.1f} s</source>
        <translation>所要時間: {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>Report file: {report_path}</source>
        <translation>レポートファイル: {report_path}</translation>
    </message>
    <message>
        <source>Input problems:</source>
        <translation>入力の問題:</translation>
    </message>
    <message>
        <source>People not imported:</source>
        <translation>インポートされなかった人物:</translation>
    </message>
    <message>
        <source>Photos rejected:</source>
        <translation>却下された写真:</translation>
    </message>
    <message>
        <source>Imported, but check:</source>
        <translation>インポート済み（要確認）:</translation>
    </message>
    <message>
        <source>Import people from photos</source>
        <translation>写真から人物をインポート</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per person (ID_Name), photos named ID_Name.jpg, or a CSV with the columns id, name, department, photo and consent (yes / no).</source>
        <translation>人物ごとのサブフォルダー（ID_氏名）を含むフォルダー、ID_氏名.jpg という名前の写真、または id・name・department・photo・consent（yes / no）列を持つ CSV。</translation>
    </message>
    <message>
        <source>Folder or CSV file</source>
        <translation>フォルダーまたは CSV ファイル</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>フォルダー…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Everyone in this import consented to storing their face template</source>
        <translation>このインポートの全員が顔テンプレートの保存に同意している</translation>
    </message>
    <message>
        <source>Tick only when you collected everyone&apos;s consent: it is recorded as your declaration (audited). Unticked, only CSV rows whose consent column says yes are imported; a &apos;no&apos; is never imported.</source>
        <translation>全員の同意を得た場合のみチェックしてください。あなたの申告として記録されます（監査対象）。チェックしない場合、consent 列が yes の CSV 行のみインポートされ、no の行は決してインポートされません。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>インポートを中止</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Folder of photos</source>
        <translation>写真のフォルダー</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV ファイル</translation>
    </message>
    <message>
        <source>CSV (*.csv);;All files (*)</source>
        <translation>CSV (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose an existing folder or CSV file.</source>
        <translation>既存のフォルダーまたは CSV ファイルを選択してください。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>インポート中…</translation>
    </message>
    <message>
        <source>Cancelling after the current person…</source>
        <translation>現在の人物の処理後に中止します…</translation>
    </message>
    <message>
        <source>{done} / {total} photos — {message}</source>
        <translation>{done} / {total} 枚 — {message}</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>LATE</source>
        <translation>遅刻</translation>
    </message>
    <message>
        <source>Not you?</source>
        <translation>別の方ですか？</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Esc: admin exit</source>
        <translation>Esc: 管理者用終了</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <source>Sorry</source>
        <translation>申し訳ありません</translation>
    </message>
    <message>
        <source>Not recognised</source>
        <translation>認識できません</translation>
    </message>
    <message>
        <source>Please try again, or see the front desk</source>
        <translation>もう一度お試しいただくか、受付へお越しください</translation>
    </message>
    <message>
        <source>Already registered</source>
        <translation>打刻済みです</translation>
    </message>
    <message>
        <source>Already checked in at {time}</source>
        <translation>{time} に出勤済みです</translation>
    </message>
    <message>
        <source>Already checked out at {time}</source>
        <translation>{time} に退勤済みです</translation>
    </message>
    <message>
        <source>Hello again</source>
        <translation>再度ようこそ</translation>
    </message>
    <message>
        <source>Goodbye</source>
        <translation>お疲れさまでした</translation>
    </message>
    <message>
        <source>Checked out at {time}</source>
        <translation>{time} 退勤</translation>
    </message>
    <message>
        <source>Checked in at {time}</source>
        <translation>{time} 出勤</translation>
    </message>
    <message>
        <source>Not recognised. Please try again.</source>
        <translation>認識できませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <source>Goodbye, {name}.</source>
        <translation>{name}さん、お疲れさまでした。</translation>
    </message>
    <message>
        <source>Hello again, {name}.</source>
        <translation>{name}さん、再度ようこそ。</translation>
    </message>
    <message>
        <source>{greeting}, {name}.</source>
        <translation>{name}さん、{greeting}。</translation>
    </message>
    <message>
        <source>Look at the camera</source>
        <translation>カメラを見てください</translation>
    </message>
    <message>
        <source>Stand in front of the screen, face inside the oval</source>
        <translation>画面の前に立ち、顔を楕円の中に入れてください</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>そのままお待ちください…</translation>
    </message>
    <message>
        <source>Checking who you are</source>
        <translation>本人を確認しています</translation>
    </message>
    <message>
        <source>Please blink</source>
        <translation>まばたきしてください</translation>
    </message>
    <message>
        <source>Blink once, so the camera knows you are really here</source>
        <translation>ご本人であることを確認するため、1 回まばたきしてください</translation>
    </message>
    <message>
        <source>Please look at the camera</source>
        <translation>カメラを見てください</translation>
    </message>
    <message>
        <source>Face the screen directly, one person at a time</source>
        <translation>画面に正対し、1 人ずつお進みください</translation>
    </message>
    <message>
        <source>More light, please</source>
        <translation>もっと明るくしてください</translation>
    </message>
    <message>
        <source>The camera image is too dark to check that you are really here</source>
        <translation>カメラの映像が暗すぎて、ご本人がいることを確認できません</translation>
    </message>
    <message>
        <source>Come closer</source>
        <translation>もう少し近づいてください</translation>
    </message>
    <message>
        <source>Step up to the screen, face inside the oval</source>
        <translation>画面の前まで近づき、顔を楕円の中に入れてください</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>受け付けできません</translation>
    </message>
    <message>
        <source>Please see the front desk</source>
        <translation>受付へお越しください</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>ありがとうございます</translation>
    </message>
    <message>
        <source>Have a good day</source>
        <translation>良い一日を</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>lenient</source>
        <translation>緩め</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>標準</translation>
    </message>
    <message>
        <source>strict</source>
        <translation>厳格</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>切断</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>A person&apos;s first visit of the day checks in, the next one checks out.</source>
        <translation>その日最初の認識で出勤、次の認識で退勤。</translation>
    </message>
    <message>
        <source>Check-in only</source>
        <translation>出勤のみ</translation>
    </message>
    <message>
        <source>Every recognised visit is a check-in (an entrance).</source>
        <translation>認識されるたびに出勤になります（入口用）。</translation>
    </message>
    <message>
        <source>Check-out only</source>
        <translation>退勤のみ</translation>
    </message>
    <message>
        <source>Every recognised visit is a check-out (an exit).</source>
        <translation>認識されるたびに退勤になります（出口用）。</translation>
    </message>
    <message>
        <source>Balanced (recommended)</source>
        <translation>標準（推奨）</translation>
    </message>
    <message>
        <source>A blink is needed (the kiosk asks for one); photos and screens are refused.</source>
        <translation>まばたきが必要です（キオスクが促します）。写真や画面は拒否されます。</translation>
    </message>
    <message>
        <source>Strict</source>
        <translation>厳格</translation>
    </message>
    <message>
        <source>A blink and the anti-spoof model (when installed, at a stricter threshold) must agree.</source>
        <translation>まばたきに加え、なりすまし検知モデル（導入時、より厳しいしきい値）の判定も必要です。</translation>
    </message>
    <message>
        <source>Lenient</source>
        <translation>緩め</translation>
    </message>
    <message>
        <source>Only clear spoofs (photos, screens) are refused; nothing is asked of the person.</source>
        <translation>明らかななりすまし（写真・画面）のみ拒否します。本人への指示はありません。</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>No liveness check: a photo of an enrolled person can check in.</source>
        <translation>生体検知なし: 登録済みの人物の写真でも出勤できてしまいます。</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>退勤</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>キオスク</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手動</translation>
    </message>
    <message>
        <source>import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <source>The kiosk will use</source>
        <translation>キオスクの設定</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>カメラ</translation>
    </message>
    <message>
        <source>Check-in / out</source>
        <translation>出勤 / 退勤</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>生体検知</translation>
    </message>
    <message>
        <source>Greeting shown for</source>
        <translation>あいさつの表示時間</translation>
    </message>
    <message>
        <source>Sound cue on check-in / out</source>
        <translation>出退勤時に効果音</translation>
    </message>
    <message>
        <source>Say the greeting aloud</source>
        <translation>あいさつを読み上げる</translation>
    </message>
    <message>
        <source>Where the computer has a speech engine; silent otherwise</source>
        <translation>音声合成エンジンがある場合のみ（なければ無音）</translation>
    </message>
    <message>
        <source>Only an administrator may change these.</source>
        <translation>これらを変更できるのは管理者だけです。</translation>
    </message>
    <message>
        <source>Launch kiosk</source>
        <translation>キオスクを起動</translation>
    </message>
    <message>
        <source>Full screen; leaving it asks for an administrator&apos;s PIN</source>
        <translation>全画面表示。終了には管理者の PIN が必要です</translation>
    </message>
    <message>
        <source>The demo camera is a photo: liveness is never checked on it.</source>
        <translation>デモカメラでは生体検知を行いません。</translation>
    </message>
    <message>
        <source>Network camera: if it drops, the kiosk reconnects by itself and says so on screen.</source>
        <translation>ネットワークカメラ: 切断されてもキオスクが自動で再接続し、画面に表示します。</translation>
    </message>
    <message>
        <source>Last check-ins and check-outs</source>
        <translation>最近の出勤・退勤</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>打刻</translation>
    </message>
    <message>
        <source>Via</source>
        <translation>経由</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>(erased or unknown person)</source>
        <translation>（消去済みまたは不明の人物）</translation>
    </message>
    <message>
        <source>The events cannot be read: {0}</source>
        <translation>打刻を読み込めません: {0}</translation>
    </message>
    <message>
        <source> (late)</source>
        <translation>（遅刻）</translation>
    </message>
    <message>
        <source>Newest {0} of the last {LOOKBACK_DAYS} days; refreshed every {1} s.</source>
        <translation>過去 {LOOKBACK_DAYS} 日間の最新 {0} 件（{1} 秒ごとに更新）。</translation>
    </message>
    <message>
        <source>No check-in or check-out in the last {LOOKBACK_DAYS} days.</source>
        <translation>過去 {LOOKBACK_DAYS} 日間に出勤・退勤はありません。</translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Connecting to the camera…</source>
        <translation>カメラに接続しています…</translation>
    </message>
    <message>
        <source>FaceAttend kiosk</source>
        <translation>FaceAttend キオスク</translation>
    </message>
    <message>
        <source>Cannot check the PIN: {exc}</source>
        <translation>PIN を確認できません: {exc}</translation>
    </message>
    <message>
        <source>Leave kiosk</source>
        <translation>キオスクを終了</translation>
    </message>
    <message>
        <source>Administrator PIN:</source>
        <translation>管理者 PIN:</translation>
    </message>
    <message>
        <source>Camera: {state}   ·   Database: {database}   ·   Sync: {sync}   ·   Liveness: {liveness} ({model})</source>
        <translation>カメラ: {state}   ·   データベース: {database}   ·   同期: {sync}   ·   生体検知: {liveness}（{model}）</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>カメラ</translation>
    </message>
    <message>
        <source>Camera: {0}</source>
        <translation>カメラ: {0}</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>Database: error</source>
        <translation>データベース: エラー</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <source>Sync: {sync}</source>
        <translation>同期: {sync}</translation>
    </message>
    <message>
        <source>Liveness: {mode}</source>
        <translation>生体検知: {mode}</translation>
    </message>
    <message>
        <source>Camera lost — reconnecting</source>
        <translation>カメラ切断 — 再接続中</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>カメラを起動しています…</translation>
    </message>
    <message>
        <source>Camera lost: {exc} Reconnecting…</source>
        <translation>カメラが切断されました: {exc} 再接続中…</translation>
    </message>
    <message>
        <source>Camera error ({error}). Reconnecting…</source>
        <translation>カメラのエラー（{error}）。再接続中…</translation>
    </message>
    <message>
        <source>Recognition cannot start: {exc}</source>
        <translation>認識を開始できません: {exc}</translation>
    </message>
</context>
<context>
    <name>KioskWorker</name>
    <message>
        <source>Camera unavailable: {exc} Retrying in {delay:.0f} s.</source>
        <translation>カメラを利用できません: {exc} {delay:.0f} 秒後に再試行します。</translation>
    </message>
    <message>
        <source>Camera unavailable ({__name__}: {exc}). Retrying in {delay:.0f} s.</source>
        <translation>カメラを利用できません（{__name__}: {exc}）。{delay:.0f} 秒後に再試行します。</translation>
    </message>
</context>
<context>
    <name>LanguageBox</name>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>The language of the app and of XLSX/PDF reports (next start).</source>
        <translation>アプリと XLSX/PDF レポートの言語（次回起動時から）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FaceAttend {__version__} — enrolment</source>
        <translation>FaceAttend {__version__} — 登録</translation>
    </message>
    <message>
        <source>FaceAttend</source>
        <translation>FaceAttend</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>ロック</translation>
    </message>
    <message>
        <source>Lock the screen; the PIN is asked again</source>
        <translation>画面をロックします（再度 PIN が必要）</translation>
    </message>
    <message>
        <source>The role “{role}” has no page on this workstation.</source>
        <translation>ロール「{role}」にはこの端末で使えるページがありません。</translation>
    </message>
    <message>
        <source>Locked. {name}, enter your PIN to continue.</source>
        <translation>ロック中です。{name} さん、続けるには PIN を入力してください。</translation>
    </message>
    <message>
        <source>Locked. Use “Unlock” to sign in again.</source>
        <translation>ロック中です。「ロック解除」から再度サインインしてください。</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>ロック解除…</translation>
    </message>
    <message>
        <source>Retention run failed: {0}</source>
        <translation>保存期間の処理に失敗しました: {0}</translation>
    </message>
    <message>
        <source>Retention run: {attendance_events} old attendance events, {unknown_faces} unknown faces, {inactive_templates} templates of inactive people removed.</source>
        <translation>保存期間の処理: 古い打刻 {attendance_events} 件、未登録の顔 {unknown_faces} 件、無効な人物のテンプレート {inactive_templates} 件を削除しました。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>本日</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>キオスク</translation>
    </message>
    <message>
        <source>The kiosk is not available in this build ({name}).</source>
        <translation>このビルドではキオスクを利用できません（{name}）。</translation>
    </message>
    <message>
        <source>The kiosk could not start: {0}</source>
        <translation>キオスクを起動できませんでした: {0}</translation>
    </message>
    <message>
        <source>Kiosk running.</source>
        <translation>キオスク実行中。</translation>
    </message>
    <message>
        <source>the store adapter for reports is not installed</source>
        <translation>レポート用のストアアダプターがインストールされていません</translation>
    </message>
    <message>
        <source>Reports are not available: {0}</source>
        <translation>レポートを利用できません: {0}</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Work schedule</source>
        <translation>勤務スケジュール</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>確認待ち</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>データフォルダー</translation>
    </message>
    <message>
        <source>Face model</source>
        <translation>顔モデル</translation>
    </message>
    <message>
        <source>similarity {similarity} (distance {distance}), people enrolled: {people}</source>
        <translation>類似度 {similarity}（距離 {distance}）、登録人数 {people} 人</translation>
    </message>
    <message>
        <source>{target} per decision ({count} in 10,000)</source>
        <translation>判定あたり {target}（1万回に{count}回）</translation>
    </message>
    <message>
        <source>Strangers accepted (target)</source>
        <translation>他人の受け入れ率（目標）</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>導入済み</translation>
    </message>
    <message>
        <source>NOT installed (real cameras cannot enrol)</source>
        <translation>未導入（実カメラでは登録できません）</translation>
    </message>
    <message>
        <source>Liveness check</source>
        <translation>生体検知</translation>
    </message>
    <message>
        <source>Anti-spoof mode</source>
        <translation>なりすまし対策モード</translation>
    </message>
    <message>
        <source>Demo camera</source>
        <translation>デモカメラ</translation>
    </message>
    <message>
        <source>liveness is never checked on the demo camera (it is a photo)</source>
        <translation>デモカメラでは生体検知を行いません（写真のため）</translation>
    </message>
    <message>
        <source>Frames per enrolment</source>
        <translation>登録あたりのフレーム数</translation>
    </message>
    <message>
        <source> megapixels</source>
        <translation> メガピクセル</translation>
    </message>
    <message>
        <source>Photos and video files whose pictures declare more pixels are refused before decoding: a small file can declare a huge picture (a decompression bomb).</source>
        <translation>これより多いピクセル数を宣言する写真や動画ファイルは、デコードする前に拒否されます。小さなファイルでも巨大な画像を宣言できるためです（解凍爆弾）。</translation>
    </message>
    <message>
        <source>Largest photo or video frame</source>
        <translation>写真・動画フレームの最大サイズ</translation>
    </message>
    <message>
        <source>Organisation (reports)</source>
        <translation>組織名（レポート）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Keep attendance records</source>
        <translation>勤怠記録の保存期間</translation>
    </message>
    <message>
        <source>Keep unknown-face events</source>
        <translation>未登録の顔の保存期間</translation>
    </message>
    <message>
        <source>Keep templates of inactive people</source>
        <translation>無効な人物のテンプレート保存期間</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>無期限</translation>
    </message>
    <message>
        <source>Pseudonymise: keep attendance anonymously (payroll law)</source>
        <translation>仮名化: 勤怠を匿名で保持（給与関連法）</translation>
    </message>
    <message>
        <source>Delete attendance too</source>
        <translation>勤怠も削除</translation>
    </message>
    <message>
        <source>Erasing a person</source>
        <translation>人物の消去</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>設定を保存</translation>
    </message>
    <message>
        <source>Images are never stored: only the face template (128 numbers) is kept, encrypted. Retention runs once a day; every change here is written to the audit log. Shifts, holidays and the report time zone: Reports → Work schedule.</source>
        <translation>画像は保存されません。顔テンプレート（128 個の数値）のみを暗号化して保持します。保存期間の処理は 1 日 1 回実行され、ここでの変更はすべて監査ログに記録されます。シフト・休日・レポートのタイムゾーン: レポート → 勤務スケジュール。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Saved ({0} changed; recorded in the audit log).</source>
        <translation>保存しました（{0} 件変更、監査ログに記録）。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>変更はありません。</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登録</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>監査</translation>
    </message>
</context>
<context>
    <name>NetworkCameraDialog</name>
    <message>
        <source>Connected: {width}×{height} pixels from {display}.</source>
        <translation>接続しました: {display} から {width}×{height} ピクセル。</translation>
    </message>
    <message>
        <source>The camera test failed ({error}).</source>
        <translation>カメラのテストに失敗しました（{error}）。</translation>
    </message>
    <message>
        <source>FaceAttend — Network camera</source>
        <translation>FaceAttend — ネットワークカメラ</translation>
    </message>
    <message>
        <source>An IP camera that streams RTSP or HTTP (MJPEG). Its manual or web page gives the stream address, often rtsp://ADDRESS:554/…</source>
        <translation>RTSP または HTTP（MJPEG）で配信する IP カメラです。ストリームのアドレスは取扱説明書または設定画面に記載されています（多くは rtsp://アドレス:554/…）。</translation>
    </message>
    <message>
        <source>Stream address</source>
        <translation>ストリームのアドレス</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Remember the password in the OS keyring</source>
        <translation>パスワードを OS のキーリングに保存</translation>
    </message>
    <message>
        <source>This computer has no OS keyring: the password is kept only until FaceAttend closes and is asked again next time. A kiosk started from the command line reads {CAMERA_PASSWORD_ENV}.</source>
        <translation>このコンピューターには OS のキーリングがありません。パスワードは FaceAttend を閉じるまでのみ保持され、次回また入力が必要です。コマンドラインから起動したキオスクは {CAMERA_PASSWORD_ENV} を読み込みます。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>接続をテスト</translation>
    </message>
    <message>
        <source>Use this camera</source>
        <translation>このカメラを使用</translation>
    </message>
    <message>
        <source>Connecting to {display}…</source>
        <translation>{display} に接続しています…</translation>
    </message>
    <message>
        <source>Enter the password of {user}.</source>
        <translation>{user} のパスワードを入力してください。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>This computer has no password keyring, so the new FaceAttend database is protected by a passphrase. It is needed every time FaceAttend starts and cannot be recovered: write it down and keep it safe.</source>
        <translation>このコンピューターにはパスワード用のキーリングがないため、新しい FaceAttend データベースはパスフレーズで保護されます。FaceAttend の起動のたびに必要で、再発行はできません。書き留めて安全に保管してください。</translation>
    </message>
    <message>
        <source>FaceAttend — database passphrase</source>
        <translation>FaceAttend — データベースのパスフレーズ</translation>
    </message>
    <message>
        <source>Choose a database passphrase</source>
        <translation>データベースのパスフレーズを決める</translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation>データベースのパスフレーズ</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>もう一度入力</translation>
    </message>
    <message>
        <source>Type the passphrase twice.</source>
        <translation>パスフレーズを 2 回入力してください。</translation>
    </message>
    <message>
        <source>Strength: {label}. The two entries differ.</source>
        <translation>強度: {label}。2 つの入力が一致しません。</translation>
    </message>
    <message>
        <source>Strength: {label}. {hint}</source>
        <translation>強度: {label}。{hint}</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>品質</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>フレーム</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登録日時</translation>
    </message>
    <message>
        <source>Erase {name} (ID {ident})?

Deleted now, here and (through sync) on the cloud and every kiosk: the face template{s}, any face image, the name, employee ID, department, groups and consent.

{kept}

The audit log keeps the fact that an erasure happened (by uuid, without the name). This cannot be undone.</source>
        <translation>{name}（ID {ident}）を消去しますか？

この端末と（同期により）クラウドおよび全キオスクから直ちに削除されるもの: 顔テンプレート{s}、顔画像、氏名、社員番号、部署、グループ、同意情報。

{kept}

監査ログには消去が行われた事実のみが（氏名なしで UUID により）残ります。この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Kept: their attendance records, under an anonymous “[erased]” entry, because working-time records must be kept for the legal period (GDPR art. 17(3)(b)); they are removed with the normal attendance retention. Export the report for the current pay period first.</source>
        <translation>保持されるもの: 勤怠記録（匿名の「[erased]」として）。労働時間の記録は法定期間の保存が必要なためです（GDPR 第 17 条 3 項 b）。通常の勤怠保存期間の経過後に削除されます。先に現在の給与期間のレポートをエクスポートしてください。</translation>
    </message>
    <message>
        <source>Their attendance records are deleted too (the erasure setting is “delete”).</source>
        <translation>勤怠記録も削除されます（消去設定が「削除」のため）。</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Search name, ID or department…</source>
        <translation>氏名・ID・部署で検索…</translation>
    </message>
    <message>
        <source>Import photos…</source>
        <translation>写真をインポート…</translation>
    </message>
    <message>
        <source>Template quality: mean quality of the frames averaged</source>
        <translation>テンプレート品質: 平均化したフレームの品質の平均</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Re-enrol</source>
        <translation>再登録</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>Export data (GDPR)…</source>
        <translation>データをエクスポート (GDPR)…</translation>
    </message>
    <message>
        <source>Everything held about this person, as a JSON file (GDPR art. 15)</source>
        <translation>この人物について保持しているすべての情報を JSON ファイルで (GDPR 第 15 条)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>先にサインインしてください。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>no template</source>
        <translation>テンプレートなし</translation>
    </message>
    <message>
        <source>1 person, {active} active</source>
        <translation>1 人（有効 {active} 人）</translation>
    </message>
    <message>
        <source>{shown} people, {active} active</source>
        <translation>{shown} 人（有効 {active} 人）</translation>
    </message>
    <message>
        <source> · {n_erased} erased (anonymous attendance records kept)</source>
        <translation> · 消去済み {n_erased} 人（匿名の勤怠記録を保持）</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>有効化</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>{name} を保存しました。</translation>
    </message>
    <message>
        <source>{name} is now inactive.</source>
        <translation>{name} を無効にしました。</translation>
    </message>
    <message>
        <source>{name} is now active.</source>
        <translation>{name} を有効にしました。</translation>
    </message>
    <message>
        <source>Erase person (GDPR)</source>
        <translation>人物を消去 (GDPR)</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>, {events} attendance records kept anonymously</source>
        <translation>、勤怠記録 {events} 件を匿名で保持</translation>
    </message>
    <message>
        <source>{name} was erased ({templates} template(s) deleted{kept}).</source>
        <translation>{name} を消去しました（テンプレート {templates} 件を削除{kept}）。</translation>
    </message>
    <message>
        <source>Export personal data (GDPR)</source>
        <translation>個人データのエクスポート (GDPR)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed: {text}</source>
        <translation>エクスポートに失敗しました: {text}</translation>
    </message>
    <message>
        <source>Saved {name}: {0} events, {1} template fingerprint(s).</source>
        <translation>{name} を保存しました: 打刻 {0} 件、テンプレートの指紋 {1} 件。</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <source>Starting camera…</source>
        <translation>カメラを起動しています…</translation>
    </message>
    <message>
        <source>DEMO CAMERA</source>
        <translation>デモカメラ</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Reports</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Run report</source>
        <translation>レポートを作成</translation>
    </message>
    <message>
        <source>Choose a period and run the report.</source>
        <translation>期間を選んでレポートを作成してください。</translation>
    </message>
    <message>
        <source>Export {0}…</source>
        <translation>{0} でエクスポート…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>グループ</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>勤務表</translation>
    </message>
    <message>
        <source>Corrections…</source>
        <translation>修正…</translation>
    </message>
    <message>
        <source>Add, edit or void attendance events (HR), with a reason</source>
        <translation>打刻の追加・編集・取消（人事、理由付き）</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>エラー: {message}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} を保存しました</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>すべてのグループ</translation>
    </message>
    <message>
        <source>All people</source>
        <translation>すべての人物</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>計算中…</translation>
    </message>
    <message>
        <source>{organisation}, {period_label} ({timezone}): {persons} people, {worked_hours} h worked, {late_days} late arrivals, {absences} absences, {missing_checkouts} missing check-outs</source>
        <translation>{organisation}、{period_label}（{timezone}）: {persons} 人、労働 {worked_hours} 時間、遅刻 {late_days} 件、欠勤 {absences} 件、退勤漏れ {missing_checkouts} 件</translation>
    </message>
    <message>
        <source>Daily presence (% of expected)</source>
        <translation>日別出勤率（予定に対する %）</translation>
    </message>
    <message>
        <source>Late arrivals per day</source>
        <translation>日別の遅刻数</translation>
    </message>
    <message>
        <source>Export {0}</source>
        <translation>{0} でエクスポート</translation>
    </message>
    <message>
        <source>Writing {path}…</source>
        <translation>{path} を書き出しています…</translation>
    </message>
</context>
<context>
    <name>ReportsViewModel</name>
    <message>
        <source>Run a report before exporting it.</source>
        <translation>エクスポートする前にレポートを作成してください。</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <source>Reset PIN</source>
        <translation>PIN をリセット</translation>
    </message>
    <message>
        <source>Set a new PIN for {name}. It also clears a lockout after wrong PINs. Tell them the new PIN in person.</source>
        <translation>{name} の新しい PIN を設定します。誤入力によるロックも解除されます。新しい PIN は本人に直接伝えてください。</translation>
    </message>
    <message>
        <source>{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters</source>
        <translation>数字 {MIN_PIN_DIGITS} 桁以上 / {MIN_PASSWORD_CHARS} 文字以上</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>もう一度同じものを入力</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新しい PIN</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>再入力</translation>
    </message>
    <message>
        <source>PIN of {name} changed.</source>
        <translation>{name} の PIN を変更しました。</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>When (UTC)</source>
        <translation>日時 (UTC)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>マージン</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>生体検知</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>顔</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未処理</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>取消済み</translation>
    </message>
    <message>
        <source>Kiosk decisions worth a second look. Confirm keeps the decision; Void cancels its attendance event (the original is kept and the change is in the audit log). Voiding a &quot;Not me&quot; says the claim was wrong: its negative example is dropped.</source>
        <translation>再確認が必要なキオスクの判定です。「確認」は判定を維持し、「取消」はその打刻を取り消します（元の記録は保持され、変更は監査ログに残ります）。「別人です」を取り消すと、その申告が誤りだったとして否定例が破棄されます。</translation>
    </message>
    <message>
        <source>Show decided items too</source>
        <translation>判定済みの項目も表示</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>メモ（任意）</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>(unknown face)</source>
        <translation>（未登録の顔）</translation>
    </message>
    <message>
        <source>{status} by {resolved_by}</source>
        <translation>{status}（{resolved_by}）</translation>
    </message>
    <message>
        <source>Voided: the event no longer counts.</source>
        <translation>取り消しました。この打刻は集計されません。</translation>
    </message>
    <message>
        <source>Confirmed.</source>
        <translation>確認しました。</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>ロールを変更</translation>
    </message>
    <message>
        <source>{name} is {role} now. Choose the new role.</source>
        <translation>{name} の現在のロールは {role} です。新しいロールを選んでください。</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>{name} is now {role}.</source>
        <translation>{name} のロールを {role} にしました。</translation>
    </message>
</context>
<context>
    <name>ScheduleView</name>
    <message>
        <source>Shift</source>
        <translation>シフト</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>時間帯</translation>
    </message>
    <message>
        <source>Grace</source>
        <translation>猶予</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>曜日</translation>
    </message>
    <message>
        <source>Departments / groups</source>
        <translation>部署 / グループ</translation>
    </message>
    <message>
        <source>(the zone the devices report)</source>
        <translation>（端末のタイムゾーン）</translation>
    </message>
    <message>
        <source>Reports use a saved schedule at once; a kiosk that is already running uses it from its next start.</source>
        <translation>保存した勤務スケジュールはレポートに即時反映され、起動中のキオスクには次回起動時から反映されます。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日勤</translation>
    </message>
    <message>
        <source>Shifts decide who is late and who is absent, in the reports and at the kiosk. People work the shift of their department (or else of their first group that has one), otherwise the default.</source>
        <translation>シフトは、レポートとキオスクで遅刻・欠勤を判定する基準です。各人は所属部署のシフト（なければシフトを持つ最初のグループのもの）、それもなければ既定のシフトで勤務します。</translation>
    </message>
    <message>
        <source>Default shift</source>
        <translation>既定のシフト</translation>
    </message>
    <message>
        <source>Shifts by department or group</source>
        <translation>部署・グループ別のシフト</translation>
    </message>
    <message>
        <source>Add shift…</source>
        <translation>シフトを追加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Holidays (no absences are counted)</source>
        <translation>休日（欠勤として数えない）</translation>
    </message>
    <message>
        <source>Add date</source>
        <translation>日付を追加</translation>
    </message>
    <message>
        <source>Time zone of the shifts and reports</source>
        <translation>シフトとレポートのタイムゾーン</translation>
    </message>
    <message>
        <source>Save schedule</source>
        <translation>スケジュールを保存</translation>
    </message>
    <message>
        <source>Cancel changes</source>
        <translation>変更を取り消す</translation>
    </message>
    <message>
        <source> (night)</source>
        <translation>（夜勤）</translation>
    </message>
    <message>
        <source>{grace_minutes} min</source>
        <translation>{grace_minutes} 分</translation>
    </message>
    <message>
        <source>Select the shift to edit.</source>
        <translation>編集するシフトを選択してください。</translation>
    </message>
    <message>
        <source>Not saved yet: press “Save schedule”.</source>
        <translation>まだ保存されていません。「スケジュールを保存」を押してください。</translation>
    </message>
    <message>
        <source>{0} is already a holiday.</source>
        <translation>{0} はすでに休日です。</translation>
    </message>
    <message>
        <source>Only HR and administrators can change the work schedule. {RESTART_NOTE}</source>
        <translation>勤務スケジュールを変更できるのは人事と管理者だけです。{RESTART_NOTE}</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>保存されませんでした: {0}</translation>
    </message>
    <message>
        <source>Saved ({0} changed; recorded in the audit log).</source>
        <translation>保存しました（{0} 件変更、監査ログに記録）。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>変更はありません。</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <source>Edit shift</source>
        <translation>シフトを編集</translation>
    </message>
    <message>
        <source>Add shift</source>
        <translation>シフトを追加</translation>
    </message>
    <message>
        <source>e.g. Night</source>
        <translation>例: 夜勤</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>departments or groups, separated by commas</source>
        <translation>部署またはグループ（カンマ区切り）</translation>
    </message>
    <message>
        <source>Worked by</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Known: {0}</source>
        <translation>既存: {0}</translation>
    </message>
    <message>
        <source>No departments or groups yet.</source>
        <translation>部署・グループはまだありません。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Say which departments or groups work “{name}”.</source>
        <translation>「{name}」で勤務する部署またはグループを指定してください。</translation>
    </message>
</context>
<context>
    <name>ShiftEditor</name>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>時間帯</translation>
    </message>
    <message>
        <source>Grace</source>
        <translation>猶予</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>曜日</translation>
    </message>
    <message>
        <source>Night shift: ends the next day, counted on the day it starts.</source>
        <translation>夜勤: 翌日に終了し、開始日に計上されます。</translation>
    </message>
    <message>
        <source>Day shift ({NIGHT_HINT}).</source>
        <translation>日勤（{NIGHT_HINT}）。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>FaceAttend — Locked</source>
        <translation>FaceAttend — ロック中</translation>
    </message>
    <message>
        <source>FaceAttend — Sign in</source>
        <translation>FaceAttend — サインイン</translation>
    </message>
    <message>
        <source>The screen of {locked_user} is locked (after 15 minutes without activity, or by “Lock”). Enter the PIN to continue, or sign in as another user.</source>
        <translation>{locked_user} の画面はロックされています（15 分間操作がないか「ロック」による）。続けるには PIN を入力するか、別のユーザーでサインインしてください。</translation>
    </message>
    <message>
        <source>Sign in with your name and PIN. What you can see and do depends on your role.</source>
        <translation>名前と PIN でサインインしてください。表示・操作できる範囲はロールによって異なります。</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>PIN or password</source>
        <translation>PIN またはパスワード</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Enter your name and PIN.</source>
        <translation>名前と PIN を入力してください。</translation>
    </message>
    <message>
        <source>{exc} Several wrong PINs lock the account for a while.</source>
        <translation>{exc} PIN を何度も間違えると、アカウントが一定時間ロックされます。</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync now</source>
        <translation>今すぐ同期</translation>
    </message>
    <message>
        <source>Push queued changes and pull the other sites&apos; changes now</source>
        <translation>待機中の変更を送信し、他拠点の変更を今すぐ取得します</translation>
    </message>
    <message>
        <source>Last error: {last_error}</source>
        <translation>最後のエラー: {last_error}</translation>
    </message>
    <message>
        <source>Cloud sync</source>
        <translation>クラウド同期</translation>
    </message>
    <message>
        <source>
{0} item(s) refused by the service</source>
        <translation>
サービスに拒否された項目: {0} 件</translation>
    </message>
    <message>
        <source> · syncing…</source>
        <translation> · 同期中…</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>key refused</source>
        <translation>キー拒否</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Sync: off</source>
        <translation>同期: オフ</translation>
    </message>
    <message>
        <source>Sync: {0}</source>
        <translation>同期: {0}</translation>
    </message>
    <message>
        <source>{queue_length} queued</source>
        <translation>待機 {queue_length} 件</translation>
    </message>
    <message>
        <source>last {last:%H:%M}</source>
        <translation>最終 {last:%H:%M}</translation>
    </message>
    <message>
        <source>last {day} {time}</source>
        <translation>最終 {day} {time}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>未同期</translation>
    </message>
</context>
<context>
    <name>SyncSettingsGroup</name>
    <message>
        <source>Cloud sync</source>
        <translation>クラウド同期</translation>
    </message>
    <message>
        <source>Service URL</source>
        <translation>サービス URL</translation>
    </message>
    <message>
        <source>device API key (kept in the OS keyring)</source>
        <translation>端末の API キー（OS のキーリングに保存）</translation>
    </message>
    <message>
        <source>Device API key</source>
        <translation>端末 API キー</translation>
    </message>
    <message>
        <source>End-to-end: templates encrypted on this device (no server-side search)</source>
        <translation>エンドツーエンド: テンプレートをこの端末で暗号化（サーバー側検索なし）</translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation>保存して接続</translation>
    </message>
    <message>
        <source>Disable sync</source>
        <translation>同期を無効化</translation>
    </message>
    <message>
        <source>Enter the service URL and the device API key.</source>
        <translation>サービス URL と端末 API キーを入力してください。</translation>
    </message>
    <message>
        <source>Sync on; {queued} existing record(s) queued. Recorded in the audit log.</source>
        <translation>同期オン。既存の記録 {queued} 件を送信待ちにしました。監査ログに記録済み。</translation>
    </message>
    <message>
        <source>Sync off; the API key was removed from the keyring.</source>
        <translation>同期オフ。API キーをキーリングから削除しました。</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>All groups</source>
        <translation>すべてのグループ</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>グループ</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Present now</source>
        <translation>在席中</translation>
    </message>
    <message>
        <source>Late today</source>
        <translation>本日の遅刻</translation>
    </message>
    <message>
        <source>Not yet arrived</source>
        <translation>未出勤</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>退勤済み</translation>
    </message>
    <message>
        <source>Unknown faces today</source>
        <translation>本日の未登録の顔</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>In since</source>
        <translation>出勤時刻</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Late by</source>
        <translation>遅刻時間</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>シフト</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>In</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Left at</source>
        <translation>退勤時刻</translation>
    </message>
    <message>
        <source>Cannot read today&apos;s attendance: {0}</source>
        <translation>本日の勤怠を読み込めません: {0}</translation>
    </message>
    <message>
        <source> (late)</source>
        <translation>（遅刻）</translation>
    </message>
    <message>
        <source>{late_minutes} min</source>
        <translation>{late_minutes} 分</translation>
    </message>
    <message>
        <source>{day} · updated {at}</source>
        <translation>{day} · {at} 更新</translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Locked (wrong PINs)</source>
        <translation>ロック中（PIN 誤入力）</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最終サインイン</translation>
    </message>
    <message>
        <source>Who may sign in on this workstation, and with which role. A deactivated account cannot sign in until it is reactivated. Every change is written to the audit log.</source>
        <translation>この端末にサインインできるユーザーとそのロールです。無効化したアカウントは再度有効にするまでサインインできません。すべての変更は監査ログに記録されます。</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>ユーザーを追加…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>ロールを変更…</translation>
    </message>
    <message>
        <source>Reset PIN…</source>
        <translation>PIN をリセット…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source> (you)</source>
        <translation>（あなた）</translation>
    </message>
    <message>
        <source>Locked until {0:%H:%M}</source>
        <translation>{0:%H:%M} までロック</translation>
    </message>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>再有効化</translation>
    </message>
    <message>
        <source>FaceAttend — Deactivate</source>
        <translation>FaceAttend — 無効化</translation>
    </message>
    <message>
        <source>Deactivate {name}? They cannot sign in until an admin reactivates the account.</source>
        <translation>{name} を無効にしますか？管理者が再度有効にするまでサインインできなくなります。</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>Network: {display}</source>
        <translation>ネットワーク: {display}</translation>
    </message>
    <message>
        <source>Network camera</source>
        <translation>ネットワークカメラ</translation>
    </message>
    <message>
        <source>Video: {name}</source>
        <translation>動画: {name}</translation>
    </message>
</context>
</TS>
