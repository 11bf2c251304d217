"""The custom user: e-mail is the login. Roles are Django Groups (see roles.py)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        """Case-insensitive and trimmed, like the lockout key (``lockout.normalise_login``)."""
        # Addresses are stored in lower case (``_create_user``, ``clean``): an exact match on the
        # lower-cased login, not ``iexact``. On PostgreSQL ``UPPER('ı') = 'I'``, so ``iexact``
        # let "admın@…" reach "admin@…" under another lockout key (``lockout.py``).
        return self.get(email=(username or "").strip().lower())


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mailadres"), unique=True)
    voornaam = models.CharField(_("voornaam"), max_length=100, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("toegang tot beheer"),
        default=False,
        help_text=_("Mag inloggen in het beheer (admin). Wordt gezet vanuit de rol."),
    )
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Zet uit in plaats van verwijderen. Uitzetten beëindigt alle sessies."),
    )
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects: ClassVar[UserManager] = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ("achternaam", "voornaam", "email")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()

    def get_short_name(self) -> str:
        return self.voornaam or self.email


class UserSession(models.Model):
    """Which session keys belong to which user, so that deactivation can end them all.

    Works for every session engine (database, cache), because the keys are deleted through the
    engine's own SessionStore.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessies")
    session_key = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.session_key[:6]}…"
