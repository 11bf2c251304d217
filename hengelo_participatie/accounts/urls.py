from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    # Second factor (BIO 5.17.01).
    path("inlogcode/", views.mfa_verify, name="mfa_verify"),
    path("inlogcode/instellen/", views.mfa_setup, name="mfa_setup"),
    path("inlogcode/instellen/app/", views.mfa_setup_totp, name="mfa_setup_totp"),
    path("inlogcode/instellen/e-mail/", views.mfa_setup_email, name="mfa_setup_email"),
    # Moving the e-mail code to a new address: a code to that address must be confirmed first.
    path("inlogcode/e-mailadres/", views.mfa_email_wijzigen, name="mfa_email_wijzigen"),
    path(
        "inlogcode/e-mailadres/bevestigen/",
        views.mfa_email_bevestigen,
        name="mfa_email_bevestigen",
    ),
    # Keep-alive for the idle-timeout warning (static/js/sessie.js).
    path("sessie/verlengen/", views.sessie_verlengen, name="sessie_verlengen"),
    # Passwords.
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("wachtwoord-wijzigen/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "wachtwoord-wijzigen/klaar/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
