from django.apps import AppConfig


class ClinicalContextConfig(AppConfig):
    name = "clinicalcontext"
    verbose_name = "Site"
