"""Portal pages of the yearly cycle, under /portaal/jaarcyclus/."""

from django.urls import path

from . import views_evaluaties as evaluaties
from . import views_jaarverslag as jaarverslag

app_name = "jaarcyclus"

urlpatterns = [
    path("evaluaties/", evaluaties.overzicht, name="evaluaties"),
    path("evaluaties/nieuw/", evaluaties.nieuw, name="nieuw"),
    path("evaluaties/<id:evaluatie_id>/", evaluaties.detail, name="evaluatie"),
    path("evaluaties/<id:evaluatie_id>/invullen/", evaluaties.invullen, name="invullen"),
    path("evaluaties/<id:evaluatie_id>/vragen/", evaluaties.vragen, name="vragen"),
    path("evaluaties/<id:evaluatie_id>/afronden/", evaluaties.afronden, name="afronden"),
    path("evaluaties/<id:evaluatie_id>/conclusies/", evaluaties.conclusie, name="conclusie"),
    path("evaluaties/<id:evaluatie_id>/acties/", evaluaties.actie_nieuw, name="actie_nieuw"),
    path(
        "evaluaties/<id:evaluatie_id>/acties/<id:actie_id>/",
        evaluaties.actie_status,
        name="actie_status",
    ),
    path("jaarverslag/", jaarverslag.jaarverslag, name="jaarverslag"),
    path("presentatie/", jaarverslag.presentatie, name="presentatie"),
    path("pdf/", jaarverslag.pdf_aanvragen, name="pdf_aanvragen"),
    path("pdf/<id:verslag_id>/", jaarverslag.pdf_status, name="pdf_status"),
    path("pdf/<id:verslag_id>/download/", jaarverslag.pdf_downloaden, name="pdf_downloaden"),
]
