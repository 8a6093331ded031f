"""Importing a month's scores from a sheet, with a confirm step when the sheet leaves out firms.

A valid sheet that lists every firm of the month is saved at once. One that leaves firms out
is held in the editor's session (the parsed rows, not the file) and the score screen names
the missing firms and what happens to each; only "Import anyway" saves it. The held rows are
checked again when confirmed, so a criterion or firm changed in between is still caught.
"""

import secrets

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import ImportForm
from .importing import SheetInvalid, missing_firms, parse_sheet, read_table
from .scoresheet import save_scores
from .views import ScoreGridView, month_firms

SESSION_KEY = "rankings_pending_import"


class ImportView(ScoreGridView):
    template_name = "rankings/admin/scores.html"
    page_title = gettext_lazy("Import scores")

    def get(self, request, *args, **kwargs):
        return redirect(self.grid_url())

    def post(self, request, *args, **kwargs):
        if self.month.is_frozen:
            messages.error(request, _("This month is published; use a correction instead."))
            return redirect(self.grid_url())
        upload = ImportForm(request.POST, request.FILES)
        if not upload.is_valid():
            return self.render_to_response(
                self.get_context_data(form=self.build_form(), import_form=upload, sheet_errors=[])
            )
        file_name = upload.cleaned_data["file"].name
        try:
            rows = read_table(upload.cleaned_data["file"])
        except SheetInvalid as invalid:
            return self.sheet_errors(invalid, file_name)
        return self.import_rows(rows, file_name, confirmed=False)

    def import_rows(self, rows, file_name, confirmed):
        firms = month_firms(self.month, self.request.user)
        try:
            entries = parse_sheet(rows, self.month.freeze_criteria(), firms)
        except SheetInvalid as invalid:
            return self.sheet_errors(invalid, file_name)
        missing = missing_firms(entries, firms)
        if missing and not confirmed:
            return self.ask_to_confirm(rows, file_name, missing)
        save_scores(self.month, entries)
        message = _("Imported %(count)s firms' scores.") % {
            "count": sum(entry.assessed for entry in entries)
        }
        if missing:
            message += " " + _("Not in the file, left as they were: %(firms)s.") % {
                "firms": "、".join(firm.name for firm in missing)
            }
        messages.success(self.request, message)
        return redirect(self.grid_url())

    def sheet_errors(self, invalid, file_name):
        return self.render_to_response(
            self.get_context_data(sheet_errors=invalid.errors, file_name=file_name)
        )

    def ask_to_confirm(self, rows, file_name, missing):
        token = secrets.token_urlsafe(16)
        self.request.session[SESSION_KEY] = {
            "token": token,
            "month": self.month.pk,
            "file_name": file_name,
            "rows": rows,
        }
        assessed = set(self.month.assessments.values_list("firm_id", flat=True))
        return self.render_to_response(
            self.get_context_data(
                pending_import={
                    "token": token,
                    "file_name": file_name,
                    "missing": [(firm, firm.pk in assessed) for firm in missing],
                }
            )
        )


class ConfirmImportView(ImportView):
    """Saves the sheet held by ImportView once the editor has seen which firms it leaves out."""

    def post(self, request, *args, **kwargs):
        pending = request.session.get(SESSION_KEY) or {}
        token = request.POST.get("token", "")
        if (
            not token
            or pending.get("month") != self.month.pk
            or not secrets.compare_digest(str(pending.get("token", "")), token)
        ):
            messages.error(request, _("That import has expired; please upload the file again."))
            return redirect(self.grid_url())
        del request.session[SESSION_KEY]
        if self.month.is_frozen:
            messages.error(request, _("This month is published; use a correction instead."))
            return redirect(self.grid_url())
        return self.import_rows(pending["rows"], pending["file_name"], confirmed=True)
