"""The instruments' vocabulary: the actors of a krachtenveld, the scales of the leadership
mirror (seed 004's five roles and partner questions, seed 003's four colours), and goal
attainment scaling."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    FACTION = "faction", _("Council faction")
    COALITION_PARTNER = "coalition_partner", _("Coalition partner")
    MAYOR = "mayor", _("Mayor")
    FELLOW_ALDERMAN = "fellow_alderman", _("Fellow wethouder")
    CIVIL_SERVICE = "civil_service", _("Civil service")
    PRESS = "press", _("Press")
    RESIDENTS = "residents", _("Residents")
    ORGANISATION = "organisation", _("Organisation")
    OWN_PARTY = "own_party", _("Own party")
    OTHER = "other", _("Other")


class Influence(models.IntegerChoices):
    VERY_LITTLE = 1, _("Very little influence")
    LITTLE = 2, _("Little influence")
    SOME = 3, _("Some influence")
    MUCH = 4, _("Much influence")
    DECISIVE = 5, _("Decisive influence")


class Stance(models.IntegerChoices):
    """Towards the wethouder's agenda."""

    STRONGLY_AGAINST = -2, _("Strongly against")
    AGAINST = -1, _("Rather against")
    NEUTRAL = 0, _("Neutral")
    FOR = 1, _("Rather in favour")
    STRONGLY_FOR = 2, _("Strongly in favour")


class Relationship(models.TextChoices):
    GOOD = "good", _("Good")
    WORKABLE = "workable", _("Workable")
    STRAINED = "strained", _("Strained")
    BROKEN = "broken", _("Broken")
    NONE = "none", _("No relationship yet")


class Moment(models.TextChoices):
    """When the wethouder takes the leadership mirror and scores the learning goals: the same
    rhythm as the evaluations (seed 002: intake, interim and closing conversation)."""

    START = "start", _("At the start")
    INTERIM = "interim", _("Interim evaluation")
    CLOSING = "closing", _("Closing conversation")


class Attainment(models.IntegerChoices):
    """Goal attainment scaling."""

    MUCH_LESS = -2, _("−2: much less than expected")
    LESS = -1, _("−1: less than expected")
    AS_EXPECTED = 0, _("0: as expected")
    MORE = 1, _("+1: more than expected")
    MUCH_MORE = 2, _("+2: much more than expected")
