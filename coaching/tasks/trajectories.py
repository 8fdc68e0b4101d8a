import logging

from celery import shared_task

from .. import emails
from ..models import Appointment, Trajectory

logger = logging.getLogger(__name__)


@shared_task
def send_trajectory_email(trajectory_id: int, kind: str, appointment_id: int | None = None) -> None:
    """Tell coach and/or wethouder about a step in their trajectory. Ids only: no confidential
    text ever travels through the broker."""
    trajectory = Trajectory.objects.select_related("coach", "wethouder").filter(pk=trajectory_id).first()
    if trajectory is None:
        logger.info("Trajectory %s is gone; no mail.", trajectory_id)
        return
    appointment = Appointment.objects.filter(pk=appointment_id).first() if appointment_id else None
    if appointment is not None:
        appointment.trajectory = trajectory
    emails.send_trajectory_update(trajectory, kind, appointment)
