from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.health import health
from hengelo_participatie.portal import views as portal_views

admin.site.site_header = _("Beheer Adviesraad sociaal domein Hengelo")
admin.site.site_title = _("Beheer Adviesraad Hengelo")
admin.site.index_title = _("Beheer")

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("toegankelijkheid/", portal_views.toegankelijkheid, name="toegankelijkheid"),
    path("privacy/", portal_views.privacy, name="privacy"),
    path("health/", health, name="health"),
    path("account/", include("hengelo_participatie.accounts.urls")),
    path("portaal/lidmaatschap/", include("adviesraad.urls_portaal")),
    path("portaal/advies/", include("adviesraad.advies.urls")),
    path("portaal/herinneringen/", include("hengelo_participatie.notifications.urls")),
    path("agenda/", include("hengelo_participatie.notifications.urls_agenda")),
    path("portaal/kwartaalagenda/", include("adviesraad.kwartaalagenda.urls")),
    path("portaal/financien/", include("adviesraad.financien.urls")),
    path("portaal/vergaderingen/", include("adviesraad.vergaderingen.urls")),
    path("portaal/jaarcyclus/", include("jaarcyclus.urls")),
    path("adviezen/", include("adviesraad.advies.urls_openbaar")),
    path("portaal/", include("hengelo_participatie.portal.urls")),
    path("adviesraad/", include("adviesraad.urls")),
    # /participatie/ (public) and /portaal/participatie/ (portal).
    path("", include("participatiemix.urls")),
    path("bestanden/", include("hengelo_participatie.files.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
