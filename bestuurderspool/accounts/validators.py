"""Checks on what people type about themselves, shared by every app that stores it."""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

#: Separators people type between digit groups; they are kept as typed.
_SEPARATORS = re.compile(r"[\s\-.()/]")


@deconstructible
class PhoneNumberValidator:
    """A Dutch number (0 and nine digits: 06 12345678, 030-2861111) or an international one
    (+ or 00, a country code and the number: +31 6 12345678, 0032 2 123 45 67; 8 to 15 digits
    after the +, as E.164 allows)."""

    message = _("Enter a phone number such as 06 12345678, 030 123 45 67 or +31 6 12345678.")
    code = "invalid_phone"

    def __call__(self, value: str) -> None:
        digits = _SEPARATORS.sub("", value or "")
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        dutch = re.fullmatch(r"0[1-9]\d{8}", digits)
        international = re.fullmatch(r"\+[1-9]\d{7,14}", digits)
        if not (dutch or international):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, PhoneNumberValidator)


validate_phone = PhoneNumberValidator()
