"""The article form asks before a public article's address (its date or slug) changes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .slugs import slugify_ru


class AddressChangeFormMixin(forms.Form):
    """A public article whose day or slug would change is saved only once the editor confirms.

    The old address keeps working (a 301 from ``OldArticlePath``), but links shared with
    the old date in the text, and the editor's own expectations, deserve the question.
    ``self.address_change`` is ``(old, new)`` while the confirmation is pending.
    """

    confirm_address_change = forms.BooleanField(required=False, label="Да, сменить адрес статьи")
    address_change = None

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if not article.pk or not article.is_public or cleaned.get("status") != article.Status.PUBLISHED:
            return cleaned
        published_at = cleaned.get("published_at")
        if published_at is None:
            return cleaned
        new_day = timezone.localdate(published_at)
        new_slug = cleaned.get("slug") or slugify_ru(cleaned.get("title") or "", max_length=180)
        if (new_day, new_slug) == (article.publication_date, article.slug):
            return cleaned
        old = article.get_absolute_url()
        new = type(article)(published_at=published_at, slug=new_slug).get_absolute_url()
        if cleaned.get("confirm_address_change"):
            return cleaned
        self.address_change = (old, new)
        raise ValidationError(
            f"Адрес опубликованной статьи изменится: {old} → {new}. Старый адрес будет "
            "перенаправлять читателей на новый (301), а ссылки в лентах не изменятся. "
            "Отметьте «Да, сменить адрес статьи» и сохраните ещё раз.",
            code="address_change",
        )
