"""The Celery app.

Reliability settings follow QUALITY.md: late acknowledgement with rejection on worker loss, so a
crashed worker's task is redelivered; prefetch of one; hard and soft time limits; and a Redis
visibility timeout well above the longest task. Tasks take ids, reload, and stay idempotent.
The beat schedule lives here, in code; docker-compose runs exactly one beat.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hengelo_participatie.settings")

app = Celery("hengelo_participatie")
app.config_from_object("django.conf:settings", namespace="CELERY")

TASK_SOFT_TIME_LIMIT = 5 * 60
TASK_TIME_LIMIT = 6 * 60
#: Longest countdown/eta or retry backoff any task may use (accounts.tasks: at most 10 minutes).
MAX_COUNTDOWN = 60 * 60
#: Redis redelivers an unacknowledged task after this long, so it must exceed
#: TASK_TIME_LIMIT + MAX_COUNTDOWN (tests/test_celery.py checks it).
VISIBILITY_TIMEOUT = 2 * 60 * 60

app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_soft_time_limit=TASK_SOFT_TIME_LIMIT,
    task_time_limit=TASK_TIME_LIMIT,
    # Must exceed the longest task (and any countdown/eta/retry backoff), or Redis redelivers a
    # running task.
    broker_transport_options={
        "visibility_timeout": VISIBILITY_TIMEOUT,
        # An unreachable Redis host must not hang a publisher for long.
        "socket_connect_timeout": 2,
    },
    redis_socket_connect_timeout=2,
    # With acks_late, a task running when the broker connection drops is redelivered anyway;
    # cancel it instead of finishing it twice (the Celery 6 default).
    worker_cancel_long_running_tasks_on_connection_loss=True,
    # Bounded publish retries, so a web request never hangs on a dead broker.
    task_publish_retry=True,
    task_publish_retry_policy={
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
    },
    broker_connection_timeout=2,
    broker_connection_retry_on_startup=True,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    result_expires=60 * 60 * 24,
    timezone="Europe/Amsterdam",
    enable_utc=True,
    worker_hijack_root_logger=False,
    beat_schedule={
        "sessies-opruimen": {
            "task": "hengelo_participatie.accounts.tasks.clear_expired_sessions",
            "schedule": crontab(hour=3, minute=15),
        },
        "termijnen-en-rollen-bijwerken": {
            "task": "adviesraad.tasks.termijnen_en_rollen_bijwerken",
            "schedule": crontab(hour=2, minute=30),
        },
        "herinneringen-versturen": {
            "task": "hengelo_participatie.notifications.tasks.herinneringen_versturen",
            "schedule": crontab(hour=6, minute=30),
        },
        "herinneringsmails-bezorgen": {
            "task": "hengelo_participatie.notifications.tasks.berichten_bezorgen",
            "schedule": crontab(minute="*/5"),
        },
        # Issue 14: the advice to the College and the raadsvoorlegger to the griffie.
        "adviezen-bezorgen": {
            "task": "adviesraad.advies.tasks.bezorgingen_versturen",
            "schedule": crontab(minute="*/5"),
        },
        "persoonsgegevens-opschonen": {
            "task": "adviesraad.tasks.persoonsgegevens_opschonen",
            "schedule": crontab(hour=3, minute=0),
        },
    },
)
# Without arguments Celery asks the Django fix-up for every installed app and imports its
# ``tasks`` module (e.g. hengelo_participatie.accounts.tasks); tests/test_celery.py checks that.
app.autodiscover_tasks()
