"""``{% pagination %}`` under a list and ``{% paging_head %}`` in ``<head>``: one place for both."""

from django import template

from ..paging import Pagination

register = template.Library()


def _pagination(context):
    page_obj = context.get("page_obj")
    if not page_obj or not context.get("is_paginated"):
        return None
    return Pagination(context["request"], page_obj)


@register.inclusion_tag("archive/_pagination.html", takes_context=True)
def pagination(context):
    return {"pagination": _pagination(context)}


@register.inclusion_tag("archive/_paging_head.html", takes_context=True)
def paging_head(context):
    return {"pagination": _pagination(context)}


@register.simple_tag(takes_context=True)
def page_suffix(context):
    """« — страница 5» for the ``<title>`` of any page but the first."""
    page_obj = context.get("page_obj")
    return f" — страница {page_obj.number}" if page_obj and page_obj.number > 1 else ""


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's own address: the path, plus ``?page=N`` beyond the first page."""
    request = context["request"]
    page_obj = context.get("page_obj")
    query = f"?page={page_obj.number}" if page_obj and page_obj.number > 1 else ""
    return request.build_absolute_uri(request.path) + query
