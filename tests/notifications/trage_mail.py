"""A file e-mail backend that can be slow on purpose (worker-crash test, in a worker subprocess).

Before sending it writes a marker file ``bezig`` next to the mail folder, then sleeps ``TRAAG``
seconds: the test kills the worker while it sleeps, i.e. mid-send, before any mail file exists.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.filebased import EmailBackend


class TrageBestandBackend(EmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        map_ = Path(settings.EMAIL_FILE_PATH)
        (map_.parent / "bezig").write_text(str(os.getpid()))
        time.sleep(float(os.environ.get("TRAAG", "0")))
        return super().send_messages(email_messages)
