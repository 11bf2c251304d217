"""Session bookkeeping at login/logout (infrastructure, not business logic)."""

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .middleware import LOGIN_AT_SESSION_KEY
from .models import UserSession


@receiver(user_logged_in, dispatch_uid="accounts_track_session")
def track_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.get_or_create(
        session_key=request.session.session_key, defaults={"user": user}
    )


@receiver(user_logged_in, dispatch_uid="accounts_login_time")
def remember_login_time(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # Start of the absolute session timeout (see middleware.SessionTimeoutMiddleware).
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_SESSION_KEY] = time.time()


@receiver(user_logged_out, dispatch_uid="accounts_untrack_session")
def untrack_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and getattr(request.session, "session_key", None):
        UserSession.objects.filter(session_key=request.session.session_key).delete()
