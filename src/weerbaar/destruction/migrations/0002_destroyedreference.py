from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('destruction', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='DestroyedReference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(max_length=16, unique=True)),
                ('metadata_erased_at', models.DateTimeField()),
            ],
            options={
                'ordering': ['-metadata_erased_at', '-id'],
            },
        ),
    ]
