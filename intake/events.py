"""Events of the intake that apps built on it react to. The intake app knows nothing of those
apps: they connect their receivers in their own `AppConfig.ready()`, so imports keep flowing one
way (intake ← coaching).

Receivers run synchronously inside the sender's transaction: what they write commits or rolls
back with the intake's own change."""

from django.dispatch import Signal

#: Sent by `withdraw_intake` with `intake` and `by`, after the intake has been withdrawn.
intake_withdrawn = Signal()

#: Sent by `submit_intake` with `intake` and `by`, once the intake has been submitted.
intake_submitted = Signal()
