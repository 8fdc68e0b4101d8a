"""The composer's reasons in words, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SIZES = {
    "small": gettext_lazy("under 20,000 inhabitants"),
    "medium": gettext_lazy("20,000 to 50,000 inhabitants"),
    "large": gettext_lazy("50,000 to 100,000 inhabitants"),
    "city": gettext_lazy("100,000 inhabitants or more"),
}


def reason_sentence(reason) -> str:
    params = reason.params
    sentences = {
        "pinned_in": lambda: _("A coordinator placed this applicant in the cohort."),
        "pinned_out": lambda: _("A coordinator kept this applicant on the waiting list."),
        "new_party": lambda: _("Brings a party not yet in the group (%(party)s).") % params,
        "new_size": lambda: (
            _("Brings a municipality size not yet in the group (%(size)s).") % {"size": SIZES[params["size"]]}
        ),
        "in_order": lambda: _("Placed in the order of application."),
        "conflict_person": lambda: _("The learning manager declared a conflict of interest with this applicant."),
        "conflict_municipality": lambda: _(
            "The learning manager lives in, governed or declared a conflict with this municipality."
        ),
        "same_municipality": lambda: _("Someone from the same municipality is already in the group."),
        "province_full": lambda: _("The group already has %(cap)s participants from this province.") % params,
        "full": lambda: (
            _("All %(capacity)s places are taken by applicants who add more to the spread or applied earlier.") % params
        ),
    }
    return sentences[reason.code]()


def refusal(reason) -> str:
    """Why a coordinator cannot move an applicant into the cohort."""
    return _("This applicant cannot be placed: %(reason)s") % {"reason": reason_sentence(reason)}
