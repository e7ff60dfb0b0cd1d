"""Reads of the award catalogue."""

from awards.catalogue.models import AwardType


def award_type_filter(request):
    value = request.GET.get("award_type", "")
    return AwardType.objects.filter(pk=value).first() if value.isdigit() else None
