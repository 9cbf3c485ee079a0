"""The item page's answered-question count becomes a stored field, kept by the queue."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

ANSWERED_STATUSES = ("answered", "closed")


def backfill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    DoctorQuestion = apps.get_model("articles", "DoctorQuestion")
    answered = (
        DoctorQuestion.objects.filter(article=OuterRef("pk"), status__in=ANSWERED_STATUSES)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Article.objects.update(answered_question_count=Coalesce(Subquery(answered), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_ask_doctor_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="answered_question_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
