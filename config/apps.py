"""Third-party apps under the Russian names the admin's sidebar, index and list titles show.

Django's «Выберите %s для изменения» puts a model's nominative where Russian needs the
accusative («Выберите попытка доступа»), so these lists get titles of their own.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib import admin
from django_tasks_db.apps import TasksAppConfig


def _title_lists(titles):
    """Give the admin lists of these models (by model name) the titles given."""
    for model, model_admin in list(admin.site._registry.items()):
        title = titles.get(model._meta.model_name)
        if title is not None:
            admin.site.unregister(model)
            admin.site.register(model, _titled(type(model_admin), title))


def _titled(admin_class, title):
    def changelist_view(self, request, extra_context=None):
        return admin_class.changelist_view(self, request, {"title": title, **(extra_context or {})})

    return type(admin_class.__name__, (admin_class,), {"changelist_view": changelist_view})


class LoginLockoutsConfig(AxesAppConfig):
    verbose_name = "Защита входа"

    def ready(self):
        super().ready()
        _title_lists(
            {
                "accessattempt": "Неудачные попытки входа",
                "accesslog": "Журнал входов",
                "accessfailurelog": "Журнал ошибок входа",
            }
        )


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Фоновые задачи"

    def ready(self):
        super().ready()
        _title_lists({"dbtaskresult": "Фоновые задачи"})
