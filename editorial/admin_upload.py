"""The admin page «Загрузить статьи»: upload documents, check what was recognised, confirm.

Between the preview and the confirmation the parsed documents travel in the
form itself, signed and compressed (``django.core.signing``): nothing waits on
the server, any server process can take the confirmation, nothing needs
cleaning up, and a tampered or stale form is refused.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .importing import UPLOAD_EXTENSIONS, DocumentError, Proposal, expand_upload, parse_document
from .intake import Outcome, find_duplicate, import_proposal
from .workflow import can_publish

SIGNING_SALT = "editorial.upload"
BATCH_MAX_AGE = 6 * 3600  # seconds a preview stays valid


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files; an empty one is let through so the parser can name it and the others go on."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError("Выберите хотя бы один файл.")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Файлы",
        help_text="Можно выбрать несколько: " + ", ".join(sorted(UPLOAD_EXTENSIONS)) + ".",
        widget=MultipleFileInput(attrs={"accept": ",".join(sorted(UPLOAD_EXTENSIONS))}),
    )


def parse_uploads(files):
    """``(proposals, errors)`` for uploaded files; a bad file is an error, the rest go on."""
    proposals, errors = [], []
    for upload in files:
        try:
            documents = expand_upload(upload.name, upload.read())
        except DocumentError as error:
            errors.append(str(error))
            continue
        for name, data in documents:
            try:
                proposals.append(parse_document(name, data))
            except DocumentError as error:
                errors.append(str(error))
    return proposals, errors


def upload_view(model_admin):
    """The view behind /admin/editorial/article/upload/ (needs the «add article» permission)."""

    def view(request):
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        context = {
            **model_admin.admin_site.each_context(request),
            "can_publish": can_publish(request.user),
            "opts": model_admin.model._meta,
            "title": "Загрузить статьи",
        }
        if request.method == "POST" and "batch" in request.POST:
            return _confirm(request, model_admin, context)
        bound = request.method == "POST"
        form = UploadForm(request.POST, request.FILES) if bound else UploadForm()
        if bound and form.is_valid():
            proposals, errors = parse_uploads(form.cleaned_data["files"])
            rows = [{"proposal": p, "duplicate": find_duplicate(p), "index": i} for i, p in enumerate(proposals)]
            batch = signing.dumps([p.to_dict() for p in proposals], salt=SIGNING_SALT, compress=True)
            return TemplateResponse(
                request,
                "admin/editorial/article/upload_preview.html",
                {**context, "rows": rows, "errors": errors, "batch": batch},
            )
        return TemplateResponse(request, "admin/editorial/article/upload.html", {**context, "form": form})

    return view


def _confirm(request, model_admin, context):
    try:
        batch = signing.loads(request.POST["batch"], salt=SIGNING_SALT, max_age=BATCH_MAX_AGE)
        proposals = [Proposal.from_dict(item) for item in batch]
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        messages.error(request, "Загрузка устарела или повреждена: загрузите файлы снова.")
        return redirect(reverse("admin:editorial_article_upload"))
    chosen = set(request.POST.getlist("import"))
    # Contributors import drafts only: publishing is the editors' (editorial.workflow).
    publish = set(request.POST.getlist("publish")) if can_publish(request.user) else set()
    results = []
    for index, proposal in enumerate(proposals):
        if str(index) not in chosen:
            results.append({"proposal": proposal, "skipped": True})
            continue
        title = request.POST.get(f"title-{index}", "").strip()[:300]
        outcome = import_proposal(proposal, publish=str(index) in publish, title=title)
        results.append({"proposal": proposal, "outcome": outcome, "created": outcome.status == Outcome.CREATED})
    return TemplateResponse(request, "admin/editorial/article/upload_done.html", {**context, "results": results})
