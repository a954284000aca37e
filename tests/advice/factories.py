"""Factories for the standard advice texts."""

from __future__ import annotations

import factory
from django.utils import timezone

from weerbaar.advice.models import AdviceText, AdviceTextVersion


class AdviceTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceText
        skip_postgeneration_save = True

    topic = "social_media"
    title = factory.Sequence(lambda n: f"Standaardtekst {n}")
    language = "nl"
    body = "Reageer niet.\n\nMaak schermafbeeldingen met de URL en de tijd."
    active = True
    position = 0
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def first_version(self, create, extracted, **kwargs):
        if create:
            AdviceTextVersion.objects.create(
                text=self,
                number=self.version,
                topic=self.topic,
                title=self.title,
                language=self.language,
                body=self.body,
                active=self.active,
                updated_at=self.updated_at,
                updated_by=self.updated_by,
            )
