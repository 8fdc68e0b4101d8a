"""The portal is Dutch; English is a choice, kept per browser and, for a signed-in user, on
their account, so their mails follow it."""

from django.test import Client

from bestuurderspool.notifications.emails import reminder_message
from bestuurderspool.notifications.models import Reminder


def lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_the_portal_is_dutch_whatever_the_browser_prefers(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert (lang(response), response["Content-Language"]) == ("nl", "nl")
    assert "Cookie" in response["Vary"]


def test_a_visitor_chooses_english_and_back(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert lang(client.get("/")) == "en"
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert lang(client.get("/")) == "nl"
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert lang(client.get("/")) == "nl"


def test_a_signed_in_users_choice_follows_them_to_other_browsers_and_into_their_mail(
    coordinator, wethouder, client_for
):
    def failed_notice(user):
        return Reminder(key="k", kind="reminder_failed", user=user, target_id=1, context={"kind": "klik_question"})

    def html(message) -> str:
        return {mimetype: content for content, mimetype in message.alternatives}["text/html"]

    assert "kon niet worden bezorgd" in reminder_message(failed_notice(coordinator)).subject
    assert '<html lang="nl">' in html(reminder_message(failed_notice(coordinator)))
    page = client_for(coordinator).get("/").content.decode()
    menu = page.split('class="dropdown-menu dropdown-menu-end', 1)[1].split("</ul>", 1)[0]  # the user menu
    assert 'name="language" value="en"' in menu  # signed in, the switch is in the user menu
    client_for(coordinator).post("/i18n/setlang/", {"language": "en", "next": "/"})
    coordinator.refresh_from_db()
    assert coordinator.language == "en"
    elsewhere = Client()  # another browser: no language cookie
    elsewhere.force_login(coordinator)
    assert lang(elsewhere.get("/")) == "en"
    assert reminder_message(failed_notice(coordinator)).subject.endswith("A reminder could not be delivered")
    assert '<html lang="en">' in html(reminder_message(failed_notice(coordinator)))  # for screen readers
    wethouder.refresh_from_db()
    assert wethouder.language == "nl"  # nobody else's choice changes
