"""Exports for reporting (coordinators only): the form, and the file it asks for."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render

from ..exports import EXPORTS, XLSX_TYPE, csv_lines, xlsx_file
from ..forms.reports import ExportForm


def export(request):
    if not request.user.has_perm("coaching.export_reports"):
        raise PermissionDenied
    form = ExportForm(request.GET if "what" in request.GET else None)
    if not form.is_bound or not form.is_valid():
        return render(request, "coaching/report_export.html", {"form": form}, status=400 if form.is_bound else 200)
    key, period = form.cleaned_data["what"], form.period
    name = f"bestuurderspool-{key}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if form.cleaned_data["file_format"] == "csv":
        response = StreamingHttpResponse(csv_lines(EXPORTS[key], period), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return FileResponse(
        xlsx_file(EXPORTS[key], period), as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX_TYPE
    )
