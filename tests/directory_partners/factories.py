"""Factories for the partner network."""

from __future__ import annotations

import factory

from weerbaar.directory.choices import PartnerKind
from weerbaar.directory.models import Partner, Province


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner {n}")
    organisation = "Netwerk Weerbaar"
    kind = PartnerKind.PEER
    languages = factory.LazyFunction(lambda: ["nl"])
    capacity = 5
    available = True
    active = True
    contact_name = "Kim Jansen"
    email = factory.Sequence(lambda n: f"partner{n}@example.org")
    phone = "070 123 4567"

    @factory.post_generation
    def provinces(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for item in extracted:
            self.provinces.add(item if isinstance(item, Province) else Province.objects.get(code=item))
