"""The system clipboard, with HTML, RTF and plain text together (`--copy`).

A word processor pastes the richest flavour it reads (italics survive into Word,
LibreOffice Writer or Google Docs); a plain-text editor pastes the text. Where copro finds
a clipboard, in order:

- macOS: the general pasteboard (HTML, RTF, text), through `osascript`;
- Windows: the clipboard (HTML Format, Rich Text Format, Unicode text), through ctypes;
- an X11 display (`DISPLAY`, XWayland included): copro owns the CLIPBOARD selection itself
  (python-xlib) from a background process, as xclip does, and serves every flavour until
  another program takes the clipboard;
- Wayland without X11: `wl-copy`, which offers one format: the text;
- a terminal over SSH with no display: OSC 52, the text only.

No clipboard at all is a `CoproError` that says what to install.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from .errors import CoproError

#: The most one X11 property change carries; more goes in chunks of this (INCR).
_X11_CHUNK = 65_536


class Flavours(NamedTuple):
    """One piece of text in three forms."""

    text: str
    html: str
    rtf: str


#: What the no-clipboard messages of a command suggest doing instead.
WRITE_A_FILE = "write a file with --output"


def copy_rendered(render: Callable[[str], str], *, instead: str = WRITE_A_FILE) -> str:
    """Put what `render(markup)` gives as text, HTML and RTF on the clipboard (`copy`); an
    in-text citation, a fragment of RTF, is made a document first."""
    from .backends import get_backend

    rtf = render("rtf")
    if not rtf.startswith("{\\rtf"):
        rtf = get_backend("rtf").document(rtf)
    return copy(Flavours(render("text").strip("\n"), render("html"), rtf), instead=instead)


def copy(flavours: Flavours, *, instead: str = WRITE_A_FILE) -> str:
    """Put `flavours` on the clipboard; what was done, for a message (`HTML, RTF and text
    on the X11 clipboard`). A `CoproError` when there is no clipboard to reach, which ends
    by suggesting `instead`."""
    if sys.platform == "darwin":
        return _macos(flavours)
    if sys.platform == "win32":
        return _windows(flavours)
    if os.environ.get("DISPLAY"):
        return _x11(flavours)
    if os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        _run(["wl-copy", "--type", "text/plain;charset=utf-8"], flavours.text)
        return "the text on the Wayland clipboard (wl-copy offers one format)"
    if os.environ.get("SSH_TTY") or os.environ.get("SSH_CONNECTION"):
        return _osc52(flavours.text, instead)
    raise CoproError(
        "No clipboard to copy to: no display (DISPLAY or WAYLAND_DISPLAY) and no SSH "
        "terminal. Run it in a desktop session (Wayland needs wl-clipboard installed), "
        f"or {instead}."
    )


def _run(command: list[str], text: str) -> None:
    try:
        done = subprocess.run(command, input=text.encode(), capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CoproError(f"{command[0]} could not copy: {error}.") from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip() or f"exit status {done.returncode}"
        raise CoproError(f"{command[0]} could not copy: {said}.")


# -- X11 -------------------------------------------------------------------------------------


def _x11(flavours: Flavours) -> str:
    """Own the CLIPBOARD selection and answer requests for it from a child process."""
    try:
        from Xlib import display as xdisplay
        from Xlib import error
    except ImportError:
        raise CoproError(
            "Copying with formatting on X11 needs python-xlib: pip install python-xlib."
        ) from None
    served = {
        "text/html": flavours.html.encode(),
        "text/html;charset=utf-8": flavours.html.encode(),
        "text/rtf": flavours.rtf.encode(),
        "application/rtf": flavours.rtf.encode(),
        "UTF8_STRING": flavours.text.encode(),
        "text/plain;charset=utf-8": flavours.text.encode(),
        "text/plain": flavours.text.encode(),
        "STRING": flavours.text.encode("latin-1", "replace"),
    }
    try:
        screen = xdisplay.Display()
    except (error.DisplayError, error.ConnectionClosedError, OSError) as failure:
        raise CoproError(
            f"Cannot open the X display {os.environ.get('DISPLAY')!r} ({failure})."
        ) from None
    owner = _SelectionOwner(screen, served)
    if not owner.take():
        raise CoproError("Another program holds the X11 clipboard and would not let go.")
    if os.fork():
        return "HTML, RTF and text on the X11 clipboard"
    # The child: serve the clipboard until another program owns it, or the display goes.
    try:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(null, stream)
        owner.serve()
    finally:
        os._exit(0)


class _SelectionOwner:
    """The owner of the CLIPBOARD selection: answers TARGETS and each flavour; data larger
    than one request goes in chunks (the INCR protocol, as the ICCCM sets it out)."""

    def __init__(self, screen: Any, served: dict[str, bytes]) -> None:
        from Xlib import X

        self.screen = screen
        self.data = {screen.intern_atom(name): value for name, value in served.items()}
        self.clipboard = screen.intern_atom("CLIPBOARD")
        self.targets = screen.intern_atom("TARGETS")
        self.incr = screen.intern_atom("INCR")
        # What one request may carry, well under the server's limit.
        self.chunk = min(_X11_CHUNK, screen.display.info.max_request_length * 4 - 1024)
        self.window = screen.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
        # Transfers in chunks under way: (requestor window id, property) -> what is left.
        self.pending: dict[tuple[int, int], tuple[Any, int, bytes]] = {}

    def take(self) -> bool:
        from Xlib import X

        self.window.set_selection_owner(self.clipboard, X.CurrentTime)
        self.screen.sync()
        owned: bool = self.screen.get_selection_owner(self.clipboard) == self.window
        self.screen.flush()
        return owned

    def serve(self) -> None:
        from Xlib import X

        while True:
            try:
                event = self.screen.next_event()
            except Exception:
                return  # the display is gone
            try:
                if event.type == X.SelectionClear:
                    return
                if event.type == X.SelectionRequest:
                    self._answer(event)
                elif event.type == X.PropertyNotify and event.state == X.PropertyDelete:
                    self._next_chunk(event.window, event.atom)
                self.screen.flush()
            except Exception:
                continue  # a requestor that went away meanwhile

    def _answer(self, request: Any) -> None:
        from Xlib import X, Xatom
        from Xlib.protocol import event

        prop = request.property or request.target
        requestor = request.requestor
        if request.target == self.targets:
            requestor.change_property(prop, Xatom.ATOM, 32, [self.targets, *self.data])
        elif request.target in self.data:
            value = self.data[request.target]
            if len(value) <= self.chunk:
                requestor.change_property(prop, request.target, 8, value)
            else:
                # INCR: announce the size; each time the requestor deletes the property,
                # the next chunk goes in it, and an empty one ends the transfer.
                requestor.change_attributes(event_mask=X.PropertyChangeMask)
                self.pending[requestor.id, prop] = (requestor, request.target, value)
                requestor.change_property(prop, self.incr, 32, [len(value)])
        else:
            prop = X.NONE
        requestor.send_event(
            event.SelectionNotify(
                time=request.time,
                requestor=requestor,
                selection=request.selection,
                target=request.target,
                property=prop,
            )
        )

    def _next_chunk(self, window: Any, prop: int) -> None:
        transfer = self.pending.get((window.id, prop))
        if transfer is None:
            return
        requestor, target, left = transfer
        piece, rest = left[: self.chunk], left[self.chunk :]
        requestor.change_property(prop, target, 8, piece)
        if piece:
            self.pending[window.id, prop] = (requestor, target, rest)
        else:
            del self.pending[window.id, prop]


# -- other systems ---------------------------------------------------------------------------


def _osc52(text: str, instead: str = WRITE_A_FILE) -> str:
    """The text through the terminal's OSC 52 escape (the terminal owns the clipboard)."""
    sequence = f"\033]52;c;{base64.b64encode(text.encode()).decode()}\a"
    try:
        with Path("/dev/tty").open("w") as terminal:
            terminal.write(sequence)
    except OSError:
        raise CoproError(
            f"No clipboard to copy to: no display, and no terminal to ask (OSC 52); {instead}."
        ) from None
    return "the text on the terminal's clipboard (OSC 52: no display for formatting)"


_MACOS_SCRIPT = """
ObjC.import('AppKit');
function run(argv) {
  var board = $.NSPasteboard.generalPasteboard;
  board.clearContents;
  board.setStringForType($(argv[0]), $.NSPasteboardTypeHTML);
  board.setStringForType($(argv[1]), $.NSPasteboardTypeRTF);
  board.setStringForType($(argv[2]), $.NSPasteboardTypeString);
}
"""


def _macos(flavours: Flavours) -> str:
    if shutil.which("osascript") is None:
        raise CoproError("No clipboard to copy to: osascript is missing from this Mac.")
    command = ["osascript", "-l", "JavaScript", "-e", _MACOS_SCRIPT]
    _run([*command, flavours.html, flavours.rtf, flavours.text], "")
    return "HTML, RTF and text on the clipboard"


def cf_html(html: str) -> bytes:
    """HTML in Windows' clipboard format: a header of byte offsets, then the fragment."""
    head = (
        "Version:0.9\r\nStartHTML:{:010d}\r\nEndHTML:{:010d}\r\n"
        "StartFragment:{:010d}\r\nEndFragment:{:010d}\r\n"
    )
    before, after = "<html><body><!--StartFragment-->", "<!--EndFragment--></body></html>"
    size = len(head.format(0, 0, 0, 0).encode())
    start_fragment = size + len(before.encode())
    end_fragment = start_fragment + len(html.encode())
    end = end_fragment + len(after.encode())
    header = head.format(size, end, start_fragment, end_fragment)
    return (header + before + html + after).encode()


def _windows(flavours: Flavours) -> str:  # pragma: no cover - runs on Windows only
    import ctypes
    from ctypes import wintypes

    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.GlobalAlloc.restype = wintypes.HGLOBAL
    kernel32.GlobalLock.restype = ctypes.c_void_p
    user32.SetClipboardData.argtypes = (wintypes.UINT, wintypes.HANDLE)
    unicode_text = 13
    formats = [
        (user32.RegisterClipboardFormatW("HTML Format"), cf_html(flavours.html) + b"\0"),
        (user32.RegisterClipboardFormatW("Rich Text Format"), flavours.rtf.encode() + b"\0"),
        (unicode_text, flavours.text.encode("utf-16-le") + b"\0\0"),
    ]
    if not user32.OpenClipboard(None):
        raise CoproError("The Windows clipboard is busy; try again.")
    try:
        user32.EmptyClipboard()
        for kind, data in formats:
            handle = kernel32.GlobalAlloc(0x0002, len(data))  # GMEM_MOVEABLE
            pointer = kernel32.GlobalLock(handle)
            ctypes.memmove(pointer, data, len(data))
            kernel32.GlobalUnlock(handle)
            user32.SetClipboardData(kind, handle)
    finally:
        user32.CloseClipboard()
    return "HTML, RTF and text on the clipboard"
