"""Who may publish: editors publish and schedule, contributors («Корреспонденты») write and submit for review."""

EDITORS = "Редакторы"
CONTRIBUTORS = "Корреспонденты"
PUBLISH_PERMISSION = "editorial.publish_article"

# What a contributor's status field offers; anything else is refused on the server.
CONTRIBUTOR_STATUSES = ("draft", "review")
PUBLISH_REFUSED = (
    "Публиковать и планировать статьи могут только редакторы: "
    "выберите «Черновик» или «На проверке» — редактор увидит статью в списке на проверку."
)


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def status_choices_for(user, choices):
    """The status choices ``user`` may pick from (``choices`` as on the model field)."""
    if can_publish(user):
        return list(choices)
    return [(value, label) for value, label in choices if value in CONTRIBUTOR_STATUSES]


def may_edit(user, article):
    """Contributors keep their hands off what is published or scheduled: its text is the editors' now."""
    return article is None or can_publish(user) or article.status in CONTRIBUTOR_STATUSES
