"""What the FaceAttend bundle leaves out: dev/test-only packages, unused Qt modules, QML, tests and docs.

Used by installer/faceattend.spec (module excludes + a filter over the collected binaries/data files) and by
installer/smoke_test.py (to check that nothing excluded slipped into the built bundle).
"""

from __future__ import annotations

import fnmatch
import re

# Python packages that must never be in the bundle: test/dev tooling, the reference implementations used
# by tests and benches (torch, dlib), and the cloud service (the desktop app shares only `wire.schemas`
# with it).
DEV_ONLY_MODULES: tuple[str, ...] = (
    "torch",
    "torchvision",
    "torchaudio",
    "dlib",
    "_dlib_pybind11",
    "face_recognition",
    "face_recognition_models",
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "psycopg_binary",
    "psycopg2",
    "pytest",
    "_pytest",
    "pytestqt",
    "pytest_benchmark",
    "hypothesis",
    "schemathesis",
    "httpx",
    "mypy",
    "ruff",
    "IPython",
    "jupyter_client",
    "notebook",
    "tkinter",
    "_tkinter",
    "sympy",
    "scipy",
    "pandas",
    "jax",
    "tensorflow",
    "sounddevice",  # mediapipe's optional audio recorder (audio tasks are unused)
    "cloud",
    "app.core.evaluation.dlib_reference",  # `bench lfw --reference dlib` is a developer bench
    "tests",
)

# Run-time packages a dependency declares or mentions but FaceAttend never uses. MediaPipe imports
# matplotlib.pyplot in its drawing helpers only (hooks/rthook_no_matplotlib.py gives that import a stub module
# in the bundle). setuptools only came in through numpy.f2py (numpy loads f2py lazily, on first `numpy.f2py`
# access) and then made PyInstaller's pyi_rth_setuptools runtime hook import setuptools on EVERY start
# (~0.17 s); rich/pygments/markdown_it only through pydantic's optional pretty-printer, PyYAML only through
# numpy.show_config().
UNUSED_RUNTIME_MODULES: tuple[str, ...] = (
    "matplotlib",
    "mpl_toolkits",
    "kiwisolver",
    "contourpy",
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "distutils",
    "numpy.f2py",
    "numpy.distutils",
    "rich",
    "pygments",
    "markdown_it",
    "yaml",
)

# Qt for Python modules the app does not import (it uses QtCore/Gui/Widgets, QtCharts, QtMultimedia).
UNUSED_QT_MODULES: tuple[str, ...] = tuple(
    f"PySide6.{name}"
    for name in (
        "QtWebEngineCore",
        "QtWebEngineWidgets",
        "QtWebEngineQuick",
        "QtWebChannel",
        "QtWebSockets",
        "QtWebView",
        "Qt3DAnimation",
        "Qt3DCore",
        "Qt3DExtras",
        "Qt3DInput",
        "Qt3DLogic",
        "Qt3DRender",
        "QtQuick3D",
        "QtQuick",
        "QtQuickWidgets",
        "QtQuickControls2",
        "QtQuickTest",
        "QtQml",
        "QtDesigner",
        "QtPdf",
        "QtPdfWidgets",
        "QtBluetooth",
        "QtNfc",
        "QtSensors",
        "QtSerialPort",
        "QtSerialBus",
        "QtLocation",
        "QtPositioning",
        "QtRemoteObjects",
        "QtScxml",
        "QtTextToSpeech",
        "QtHelp",
        "QtSql",
        "QtTest",
        "QtUiTools",
        "QtDataVisualization",
        "QtGraphs",
        "QtGraphsWidgets",
        "QtHttpServer",
        "QtSpatialAudio",
        "QtAxContainer",
        "QtNetworkAuth",
        # bindings the PySide6 hooks pull in as Qt-library dependencies although no code imports them
        # (the Qt *libraries* libQt6OpenGL/OpenGLWidgets/DBus stay: QtCharts and the xcb plugin link them)
        "QtOpenGL",
        "QtOpenGLWidgets",
        "QtMultimediaWidgets",
        "QtConcurrent",
        "QtDBus",
    )
)

EXCLUDED_MODULES: list[str] = [*DEV_ONLY_MODULES, *UNUSED_RUNTIME_MODULES, *UNUSED_QT_MODULES]

# Destination paths inside the bundle (forward slashes) that are dropped after analysis.
_DROP_PATTERNS: tuple[str, ...] = (
    # Qt: QML modules, tools, unused libraries (QtQuick/Qml *libraries* stay: the FFmpeg multimedia plugin
    # links them), plugins for modules the app never loads
    "PySide6/Qt/qml/*",
    "PySide6/Qt/lib/libQt6WebEngine*",
    "PySide6/Qt/lib/libQt63D*",
    "PySide6/Qt/lib/libQt6Quick3D*",
    "PySide6/Qt/lib/libQt6Designer*",
    "PySide6/Qt/lib/libQt6Pdf*",
    "PySide6/Qt/lib/libQt6QuickControls2*",
    "PySide6/Qt/lib/libQt6QuickTemplates2*",
    "PySide6/Qt/lib/libQt6QuickDialogs2*",
    "PySide6/Qt/lib/libQt6Graphs*",
    "PySide6/Qt/lib/libQt6LabsStyleKit*",
    "PySide6/Qt/lib/libQt6ShaderTools*",
    "PySide6/Qt/plugins/qmltooling/*",
    "PySide6/Qt/plugins/designer/*",
    "PySide6/Qt/plugins/sceneparsers/*",
    "PySide6/Qt/plugins/assetimporters/*",
    "PySide6/Qt/plugins/geometryloaders/*",
    "PySide6/Qt/plugins/renderers/*",
    "PySide6/Qt/plugins/renderplugins/*",
    "PySide6/Qt/plugins/geoservices/*",
    "PySide6/Qt/plugins/position/*",
    "PySide6/Qt/plugins/sensors/*",
    "PySide6/Qt/plugins/canbus/*",
    "PySide6/Qt/plugins/texttospeech/*",
    "PySide6/Qt/plugins/webview/*",
    "PySide6/Qt/plugins/sqldrivers/*",
    "PySide6/Qt/plugins/scxmldatamodel/*",
    "PySide6/Qt/plugins/wayland-graphics-integration-server/*",
    # platforms a desktop never uses (framebuffer, VNC, EGLFS, Vulkan display), the GTK3 theme (the app
    # uses Fusion; the plugin drags in cairo/pango/gdk-pixbuf while GTK itself is not even bundled) and the
    # QML virtual keyboard
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so",
    "PySide6/Qt/plugins/egldeviceintegrations/*",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "*libQt6VirtualKeyboard*",
    "*libQt6EglFS*",
    "*libQt6EglFs*",
    "libcairo*.so*",
    "libpango*.so*",
    "libatk-*.so*",
    "libgdk_pixbuf-*.so*",
    "libpixman-*.so*",
    "libthai.so*",
    "libdatrie.so*",
    # Qt Multimedia's FFmpeg backend plugin (media player/camera/recorder) with the FFmpeg libraries and the
    # QtQuick/Qml libraries it links (~37 MB). The app only uses QSoundEffect, which Qt 6 plays without any
    # backend plugin ("No QtMultimedia backends found. Only QMediaDevices, QAudioDevice, QSoundEffect,
    # QAudioSink, and QAudioSource are available."); camera frames come from OpenCV.
    "PySide6/Qt/plugins/multimedia/*",
    *(
        f"{folder}lib{name}.so*"
        for folder in ("", "PySide6/Qt/lib/")
        for name in ("avcodec", "avformat", "avutil", "swresample", "swscale")
    ),
    "*libQt6FFmpegStub*",
    "*libQt6Quick*",
    "*libQt6Qml*",
    "*libQt6MultimediaWidgets*",
    "libXrandr.so*",  # only the FFmpeg plugin linked it
    "libharfbuzz.so*",  # system harfbuzz/fribidi/jpeg: only the dropped GTK3 theme plugin needed them
    "libfribidi.so*",
    "libjpeg.so*",
    # Qt's own translations: only German and Japanese qtbase are loaded (common/i18n.py; see _KEEP_FILES)
    "PySide6/Qt/translations/*",
    # OpenCV's own Qt5 platform plugins (cv2.imshow windows; the app draws frames with Qt 6 only) and the
    # libraries only the Qt5 xcb platform plugin links. cv2.abi3.so itself links (DT_NEEDED) libQt5Core/Gui/
    # Widgets/Test, so those must stay or cv2 does not import. The hashed names are OpenCV's own copies; the
    # system libxcb-*.so (no hash) that Qt 6 needs are not matched.
    "cv2/qt/*",
    "*libQt5XcbQpa-*",
    *(
        f"*lib{n}-????????.so*"
        for n in (
            "xcb-icccm",
            "xcb-image",
            "xcb-keysyms",
            "xcb-randr",
            "xcb-render",
            "xcb-render-util",
            "xcb-sync",
            "xcb-util",
            "xcb-xinerama",
            "xcb-xkb",
            "xkbcommon",
            "xkbcommon-x11",
            "X11-xcb",
        )
    ),
    # tests, docs, examples, type stubs, headers
    "*/tests/*",
    "*/test/*",
    "*/testing/data/*",
    "*/sample_data/*",
    "*/examples/*",
    "*/doc/*",
    "*/docs/*",
    "*.pyi",
    "*.h",
    "*.hpp",
    "*/include/*",
    "*.a",
    "*.lib",
    "*.cmake",
    "*/cmake/*",
    "*/pkgconfig/*",
)
_DROP_RE = re.compile("|".join(fnmatch.translate(p) for p in _DROP_PATTERNS))

# Never dropped, whatever the patterns say (the data the app needs at run time).
_KEEP_PREFIXES: tuple[str, ...] = ("models/", "resources/")
# Qt's message box buttons etc. in the app's languages (common/i18n.py installs them with the app's own)
_KEEP_FILES = frozenset(f"PySide6/Qt/translations/qtbase_{language}.qm" for language in ("de", "ja"))


# Shared libraries shipped unstripped that are safe to strip (--strip-unneeded keeps the dynamic symbols).
# Never strip everything: auditwheel-patched libraries (numpy.libs/, *.libs/) break when stripped ("ELF load
# command address/offset not page-aligned").
STRIP_SAFE: tuple[str, ...] = (
    "mediapipe/tasks/c/libmediapipe.so",
    "sqlcipher3/_sqlite3.*.so",
    "libpython3*.so*",  # the interpreter's own library and extension modules (not auditwheel-patched)
    "python3.*/lib-dynload/*.so",
    # shipped with full symbol tables, no auditwheel RPATH patch (measured: -2.9 MB, -1.4 MB)
    "cryptography/hazmat/bindings/_rust.abi3.so",
    "PySide6/Qt/lib/libicui18n.so*",
    "PySide6/Qt/lib/libicuuc.so*",
)
_STRIP_RE = re.compile("|".join(fnmatch.translate(p) for p in STRIP_SAFE))


def should_strip(dest_name: str) -> bool:
    return _STRIP_RE.match(dest_name.replace("\\", "/")) is not None


def keep_entry(dest_name: str) -> bool:
    """False for a collected file (its path inside the bundle) that the app never uses."""
    name = dest_name.replace("\\", "/")
    if name.startswith(_KEEP_PREFIXES) or name in _KEEP_FILES:
        return True
    return _DROP_RE.match(name) is None
