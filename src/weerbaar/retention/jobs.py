"""The daily retention job: tell advisors 30 days ahead (of a destruction, and of an erasure of the contact
details alone), propose destruction lists of the cases now due, erase the contact details of the cases whose
contact period has passed before their content period, and erase the metadata of the tombstones whose metadata
period has passed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.jobs import Job
from weerbaar.retention import services


def retention_lists(now: datetime) -> dict[str, Any]:
    today = timezone.localdate(now)
    told = services.advisors_warn(today, now=now)
    lists = services.destruction_lists_propose(today)
    contacts = services.contact_details_erase(today)
    erased = services.tombstones_erase(today)
    return {
        "advisors_told": told,
        "lists": len(lists),
        "contact_details_erased": len(contacts),
        "tombstones_erased": erased,
    }


JOBS = (
    Job(
        "retention_lists",
        timedelta(days=1),
        retention_lists,
        _(
            "Stelt per vereniging een vernietigingslijst voor met de gesloten zaken waarvan de bewaartermijn "
            "voorbij is (zaken met een bewaarplicht niet), en waarschuwt de adviseur 30 dagen vooraf. Er wordt "
            "pas iets vernietigd na twee goedkeuringen. Is de bewaartermijn van de contactgegevens korter dan die "
            "van de inhoud, dan wist de taak na die termijn alleen de contactgegevens (naam, e-mailadres, "
            "telefoonnummer), ook dan na een waarschuwing aan de adviseur 30 dagen vooraf; de zaak blijft. Van "
            "vernietigde zaken waarvan ook de bewaartermijn van de metagegevens voorbij is, wist de taak die "
            "metagegevens; alleen het zaaknummer blijft, zodat het nooit opnieuw wordt uitgegeven."
        ),
        _("elke dag"),
        title=_("Vernietigingslijsten voorstellen"),
        position=950,
    ),
)
