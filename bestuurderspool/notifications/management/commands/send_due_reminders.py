"""Send the reminders that are due now, by hand, with the same code as the beat task.

`--dry-run` lists what would go (planned or not yet) and changes nothing."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from ... import services
from ...models import Reminder


class Command(BaseCommand):
    help = "Plan and send the reminders that are due now (the beat task's work, by hand)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            self._list(now)
            return
        result = services.sweep(now)
        if result is None:
            self.stdout.write("another sweep is running (beat): nothing done")
            return
        created, ids = result
        totals: dict[str, int] = {}
        for batch in services.batches(ids):
            for outcome, count in services.deliver(batch).items():
                totals[outcome] = totals.get(outcome, 0) + count
        self.stdout.write(
            f"planned {created}, claimed {len(ids)}: " + ", ".join(f"{k} {v}" for k, v in totals.items() if v)
        )

    def _list(self, now):
        planned = {r.key for r in Reminder.objects.due(now).only("key")}
        due = [c for c in services.due_candidates(now) if c.due_at <= now]
        known = set(Reminder.objects.filter(key__in=[c.key for c in due]).values_list("key", flat=True))
        rows = [(c.due_at, c.kind, c.user_id, c.target_id) for c in due if c.key not in known]
        rows += [(r.due_at, r.kind, r.user_id, r.target_id) for r in Reminder.objects.due(now) if r.key in planned]
        for due_at, kind, user_id, target_id in sorted(rows):
            self.stdout.write(
                f"{timezone.localtime(due_at):%Y-%m-%d %H:%M}  {kind:22} user {user_id}  target {target_id}"
            )
        self.stdout.write(f"{len(rows)} reminders would be sent (dry run: nothing was sent)")
