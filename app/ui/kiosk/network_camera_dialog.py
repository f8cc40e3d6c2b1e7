""" "Network camera…": an RTSP or HTTP(MJPEG) address, a user name and a password (kept in the OS keyring when
there is one, else for this session only), a connection test. The camera is then known by its address
WITHOUT the password (app/core/camera/credentials.py); the password never reaches a settings file or a log."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.camera.credentials import (
    CAMERA_PASSWORD_ENV,
    CameraAddress,
    find_password,
    is_network_spec,
    keyring_available,
    parse_camera_url,
    remember_for_session,
    store_password,
    with_user,
)
from app.core.errors import FaceAttendError
from app.ui.access.dialogs import say
from app.ui.common.background import run_in_background
from app.ui.common.core_texts import describe_error
from app.ui.common.i18n import translate

log = logging.getLogger(__name__)

PLACEHOLDER = "rtsp://192.168.1.20:554/stream1   or   http://192.168.1.20/video.mjpg"


def _test_camera(address: CameraAddress, password: str | None) -> tuple[bool, str]:
    """Open the camera, read one frame, close it (off the UI thread: an unreachable camera takes seconds)."""
    from app.core.camera.network import NetworkSource

    try:
        source = NetworkSource(address, password or None, open_timeout_s=8.0, stall_s=8.0)
        try:
            frame = source.read()
        finally:
            source.close()
        height, width = frame.rgb.shape[:2]
        return True, translate(
            "NetworkCameraDialog", "Connected: {width}×{height} pixels from {display}."
        ).format(width=width, height=height, display=address.display)
    except FaceAttendError as exc:
        return False, describe_error(exc)
    except Exception as exc:  # OpenCV raises anything on odd streams
        log.exception("network camera test failed")
        return False, translate("NetworkCameraDialog", "The camera test failed ({error}).").format(
            error=type(exc).__name__
        )


class NetworkCameraDialog(QDialog):
    """exec() → Accepted with `spec` set to the address to open (no password in it)."""

    def __init__(self, parent: QWidget | None = None, current: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("NetworkCameraDialog", "FaceAttend — Network camera"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.spec = ""
        self.has_keyring = keyring_available()
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "NetworkCameraDialog",
                "An IP camera that streams RTSP or HTTP (MJPEG). Its manual or web page gives the stream "
                "address, "
                "often rtsp://ADDRESS:554/…",
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        form = QFormLayout()
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("networkUrl")
        self.url_edit.setPlaceholderText(PLACEHOLDER)
        form.addRow(translate("NetworkCameraDialog", "Stream address"), self.url_edit)
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("networkUser")
        self.user_edit.setPlaceholderText(translate("NetworkCameraDialog", "none"))
        form.addRow(translate("NetworkCameraDialog", "User name"), self.user_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("networkPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("NetworkCameraDialog", "Password"), self.password_edit)
        self.remember = QCheckBox(translate("NetworkCameraDialog", "Remember the password in the OS keyring"))
        self.remember.setChecked(self.has_keyring)
        self.remember.setEnabled(self.has_keyring)
        form.addRow("", self.remember)
        layout.addLayout(form)
        if not self.has_keyring:
            note = QLabel(
                translate(
                    "NetworkCameraDialog",
                    "This computer has no OS keyring: the password is kept only until FaceAttend closes and "
                    "is asked again next time. A kiosk started from the command line reads "
                    "{CAMERA_PASSWORD_ENV}.",
                ).format(CAMERA_PASSWORD_ENV=CAMERA_PASSWORD_ENV)
            )
            note.setWordWrap(True)
            note.setObjectName("hint")
            layout.addWidget(note)
        row = QHBoxLayout()
        self.test_button = QPushButton(translate("NetworkCameraDialog", "Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            translate("NetworkCameraDialog", "Use this camera"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if current and is_network_spec(current):
            self._prefill(current)

    def _prefill(self, spec: str) -> None:
        try:
            address = parse_camera_url(spec)
        except FaceAttendError:
            self.url_edit.setText(spec)
            return
        self.url_edit.setText(with_user(address, "").url)
        self.user_edit.setText(address.user)

    def address(self) -> tuple[CameraAddress, str | None]:
        """The address typed (user from the field when given) and the password (field, URL or remembered).
        FaceAttendError when the address is not a network camera's."""
        address = parse_camera_url(self.url_edit.text())
        user = self.user_edit.text().strip() or address.user
        address = with_user(address, user)
        password = self.password_edit.text() or address.password
        if password is None and user:
            password = find_password(address)
        return address, password

    def test_connection(self) -> None:
        try:
            address, password = self.address()
        except FaceAttendError as exc:
            say(self.message, describe_error(exc), "fail")
            return
        self.test_button.setEnabled(False)
        say(
            self.message,
            translate("NetworkCameraDialog", "Connecting to {display}…").format(display=address.display),
            "info",
        )
        run_in_background(lambda: _test_camera(address, password), self._tested, parent=self)

    def _tested(self, outcome: tuple[bool, str]) -> None:
        ok, text = outcome
        self.test_button.setEnabled(True)
        say(self.message, text, "pass" if ok else "fail")

    def submit(self) -> bool:
        try:
            address, password = self.address()
        except FaceAttendError as exc:
            say(self.message, describe_error(exc), "fail")
            return False
        if address.user and not password:
            say(
                self.message,
                translate("NetworkCameraDialog", "Enter the password of {user}.").format(user=address.user),
                "fail",
            )
            return False
        if password:
            stored = store_password(address, password) if self.remember.isChecked() else False
            if not stored:
                remember_for_session(address, password)
        self.spec = address.url
        self.accept()
        return True
