"""The facts the legal rules need of an incident (issue 10): who was hit, knowledge of the last act of a series,
what was threatened and whether something was demanded, one perpetrator or a group, serious injury, and whether
the incident belongs to the case's stalking series. Plain columns: facts, nobody is identified by them.

Existing incidents get the defaults (the office holder was hit, nothing said about threats or perpetrators, in the
series); their ``complaint_deadline`` is recomputed by the hourly ``complaint_deadlines`` job and by the next change
to the case's incidents.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_reseal_parts"),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="demand",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="incident",
            name="in_series",
            field=models.BooleanField(default=True),
        ),
        migrations.AddField(
            model_name="incident",
            name="last_learned_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="incident",
            name="perpetrators",
            field=models.CharField(
                blank=True,
                choices=[("one", "Eén persoon"), ("group", "Een groep, in het openbaar")],
                max_length=10,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="serious_injury",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="incident",
            name="threatened",
            field=models.CharField(
                blank=True,
                choices=[
                    ("listed_crime", "Geweld of een ander zwaar misdrijf (zoals doden, mishandelen, brand stichten)"),
                    ("exposure", "Iets openbaar maken, zwartmaken of een geheim onthullen"),
                    ("other", "Iets anders"),
                ],
                max_length=20,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="victim",
            field=models.CharField(
                choices=[
                    ("office_holder", "De ambtsdrager zelf"),
                    ("partner", "Partner"),
                    ("child", "Een kind"),
                    ("other_family", "Een ander familielid"),
                    ("staff", "Een medewerker"),
                ],
                default="office_holder",
                max_length=20,
            ),
        ),
    ]
