"""The plain municipality column of a case goes, now that 0008 sealed it in the request (issue 12, point 6).
Backwards it comes back empty and 0008 fills it from the sealed code."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_municipality_sealed")]

    operations = [migrations.RemoveField(model_name="case", name="municipality")]
