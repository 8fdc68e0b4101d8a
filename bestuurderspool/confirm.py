"""The confirmation step of a consequential action (ending a trajectory, approving, declining,
...). The action's form posts to the action's own address; that first POST changes nothing and
answers a page that says what will happen and who will be told, with the posted values carried
in hidden fields. Only the second POST, with `confirmed=yes`, runs the action. Plain HTML forms:
it works without JavaScript."""

from dataclasses import dataclass, field

from django.shortcuts import render

CONFIRMED = "confirmed"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRMED}


@dataclass
class Confirmation:
    title: str
    button: str
    cancel_url: str
    happens: list[str] = field(default_factory=list)
    told: list[str] = field(default_factory=list)
    danger: bool = True


def is_confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "yes"


def confirmation_page(request, confirmation: Confirmation):
    """The page of the first step: the same values posted again to the same address."""
    carried = [(name, value) for name, values in request.POST.lists() if name not in _NOT_CARRIED for value in values]
    context = {"confirmation": confirmation, "carried": carried, "action": request.path}
    return render(request, "confirm.html", context)


def confirm_then(request, confirmation: Confirmation, run):
    """`run()` once the person confirmed; before that, the confirmation page."""
    if is_confirmed(request):
        return run()
    return confirmation_page(request, confirmation)
