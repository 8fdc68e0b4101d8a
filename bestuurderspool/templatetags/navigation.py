from django import template

from ..navigation import menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context["request"]
    return menu_for(request.user, request.path)
