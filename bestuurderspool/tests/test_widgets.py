from bestuurderspool.accounts.models import User
from bestuurderspool.accounts.tests.factories import UserFactory
from bestuurderspool.widgets import ManyCheckboxes, ManyOptionsSelect, people_choices


def test_many_options_are_rendered_escaped_with_the_chosen_one_marked(db):
    widget = ManyOptionsSelect(choices=[("", "---"), (1, "Anna <b>"), (2, 'Bram "B"')])
    html = widget.render("coach", "2", {"id": "id_coach", "required": True})
    assert html == (
        '<select id="id_coach" name="coach" required><option value="">---</option>'
        '<option value="1">Anna &lt;b&gt;</option><option value="2" selected>Bram &quot;B&quot;</option></select>'
    )


def test_many_checkboxes_are_labelled_one_by_one_with_the_chosen_ones_checked(db):
    widget = ManyCheckboxes(choices=[(1, "Anna"), (2, "<script>")])
    html = widget.render("attendees", [2], {"id": "id_attendees"})
    assert html == (
        '<div id="id_attendees">'
        '<div class="form-check"><input class="form-check-input" type="checkbox" name="attendees" value="1" '
        'id="id_attendees_0"><label class="form-check-label" for="id_attendees_0">Anna</label></div>'
        '<div class="form-check"><input class="form-check-input" type="checkbox" name="attendees" value="2" '
        'id="id_attendees_1" checked><label class="form-check-label" for="id_attendees_1">&lt;script&gt;</label></div>'
        "</div>"
    )


def test_people_are_named_as_their_accounts_name_them(db):
    named = UserFactory(first_name="Eva", last_name="de Vries")
    unnamed = UserFactory(first_name="", last_name="")
    choices = dict(people_choices(User.objects.filter(pk__in=[named.pk, unnamed.pk])))
    assert choices == {named.pk: str(named), unnamed.pk: str(unnamed)}
