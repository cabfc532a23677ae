"""The admin page «Загрузить статьи»: documents uploaded, kept server-side as an import job.

The files are streamed to disk under their size caps (``uploads.py``), moved
into the job's folder and parsed by the background job; the editor then
checks and confirms what was recognised on the job's page (``admin_jobs.py``).
The confirmation form carries only choices, never the documents themselves.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.move import file_move_safe
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .importing import UPLOAD_EXTENSIONS
from .jobs import ImportItem, ImportJob
from .tasks import enqueue


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

    def __init__(self, *args, refusals=(), refused_whole=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusals, self.refused_whole = list(refusals), refused_whole

    def clean(self):
        if self.refused_whole or (self.refusals and "files" in self.errors):
            self.errors.pop("files", None)  # every file was refused: say why, not «choose a file»
            raise forms.ValidationError(self.refusals)
        return super().clean()


def upload_view(model_admin):
    """The view behind /admin/editorial/article/upload/ (needs the «add article» permission)."""

    def view(request):
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm()
        if request.method == "POST":
            form = UploadForm(
                request.POST,
                request.FILES,
                refusals=getattr(request, "upload_refusals", ()),
                refused_whole=getattr(request, "upload_refused_whole", False),
            )
            if form.is_valid():
                job = create_upload_job(request.user, form.cleaned_data["files"], form.refusals)
                enqueue(job)
                messages.info(request, "Файлы загружены: распознанное появится на этой странице.")
                return redirect(job.get_absolute_url())
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": "Загрузить статьи",
            "form": form,
        }
        return TemplateResponse(request, "admin/editorial/article/upload.html", context)

    return view


def create_upload_job(owner, files, refusals=()):
    """A job holding ``files`` (moved out of the temporary upload folder) and the refused ones' reasons."""
    ImportJob.objects.expired().delete()
    job = ImportJob.objects.create(owner=owner, origin=ImportJob.Origin.ADMIN)
    job.directory.mkdir(parents=True, exist_ok=True)
    for index, upload in enumerate(files):
        path = job.directory / f"{index:04d}"
        if hasattr(upload, "temporary_file_path"):
            file_move_safe(upload.temporary_file_path(), str(path), allow_overwrite=True)
        else:  # an upload handler that kept it in memory
            with open(path, "wb") as destination:
                for chunk in upload.chunks():
                    destination.write(chunk)
        job.files.append({"name": upload.name, "path": str(path)})
    job.save(update_fields=["files"])
    ImportItem.objects.bulk_create(
        ImportItem(
            job=job, position=index, filename=message.split(":", 1)[0], status=ImportItem.Status.FAILED, message=message
        )
        for index, message in enumerate(refusals)
    )
    return job
