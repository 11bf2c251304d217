"""factory_boy factories shared by every test module."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from hengelo_participatie.accounts.models import User

DEFAULT_PASSWORD = "Correct-paard-batterij-42"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    voornaam = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    is_active = True

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        from hengelo_participatie.accounts.roles import beheer_rollen

        self.groups.set(Group.objects.filter(name__in=extracted))
        if beheer_rollen() & set(extracted):
            self.is_staff = True
            self.save(update_fields=["is_staff"])
