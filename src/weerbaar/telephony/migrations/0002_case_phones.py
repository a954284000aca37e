"""Fill the keyed hash of every existing case's contact number (CasePhone), so earlier callers are matched too.

The historical ``Case`` has none of ``SealedRecord``'s methods: the request is opened here with the key context and
associated data as they are today (``core.resealing.open_record_json``); only its keyed hash is kept. A case whose
key does not unwrap has nothing to match and is skipped. The live service (``telephony.services``) opens a case's
request only through an access object.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from weerbaar.core.crypto import DecryptionError
    from weerbaar.core.resealing import open_record_json
    from weerbaar.telephony.numbers import normalise_phone, phone_hash

    case_phone = apps.get_model("telephony", "CasePhone")
    fields = ("reference", "key_id", "wrapped_key", "sealed_request")
    for case in apps.get_model("cases", "Case").objects.only(*fields).order_by("pk").iterator(chunk_size=500):
        try:
            request = open_record_json(case, key_prefix="case", identifier="reference", field="sealed_request")
        except DecryptionError:  # a case whose key is gone: nothing to match
            continue
        number = normalise_phone(str(request.get("phone") or ""))
        if number:
            case_phone.objects.get_or_create(case_id=case.pk, phone_hash=phone_hash(number))


class Migration(migrations.Migration):
    dependencies = [
        ("telephony", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
