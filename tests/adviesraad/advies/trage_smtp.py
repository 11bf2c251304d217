"""A real SMTP backend that can be slow on purpose (worker-crash test, in a worker subprocess).

Before sending it writes a marker file ``bezig`` in ``MARKER_MAP`` and sleeps ``TRAAG`` seconds:
the test kills the worker while it sleeps, i.e. mid-send, before the SMTP server got anything.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.core.mail.backends.smtp import EmailBackend


class TrageSmtpBackend(EmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        (Path(os.environ["MARKER_MAP"]) / "bezig").write_text(str(os.getpid()))
        time.sleep(float(os.environ.get("TRAAG", "0")))
        return super().send_messages(email_messages)
