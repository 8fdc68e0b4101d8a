from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "bestuurderspool.demo"
    label = "demo"
    verbose_name = "Demo data"
